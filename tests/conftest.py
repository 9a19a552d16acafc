"""Suite-wide rules: Qt runs offscreen, and a test that logs an unexpected error fails."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Hypothesis's per-example deadline is a timed assertion: on a loaded 2-core machine a correct
# parser missed it. Tests assert behaviour; speed is measured in bench/.
settings.register_profile(
    "kanpe", deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=False
)
settings.load_profile("kanpe")


@pytest.fixture(scope="session")
def qapp_cls() -> type[object]:
    """pytest-qt's application is Kanpe's own (kanpe.app.application makes the same): its
    file-open events become requests (kanpe.ui.fileopen), as in the app."""
    from kanpe.ui.fileopen import KanpeApplication

    return KanpeApplication


#: The session's exit status, for pytest_unconfigure (see there).
_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _EXIT_STATUS.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """End the process with pytest's own status once pytest is entirely done, without the
    interpreter's final teardown. There, PySide6 destroys the wrappers of every Qt object the
    1,800 tests left to the garbage collector in whatever order Python finds them, and now and
    then aborts ("shared QObject was deleted directly", then a heap check) after every test has
    passed: a red CI run with nothing wrong in Kanpe. Each app's own exit is tested in real
    processes (tests/e2e: kanpe speak, host and demo quit with status 0), which this does not
    touch."""
    if not _EXIT_STATUS:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_EXIT_STATUS[-1])


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "allow_log_errors: the test expects errors to be logged (e.g. refusals)"
    )


@pytest.fixture(autouse=True)
def _fail_on_logged_errors(
    request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture
) -> Iterator[None]:
    caplog.set_level(logging.INFO)
    yield
    if request.node.get_closest_marker("allow_log_errors"):
        return
    errors = [
        f"{r.name}: {r.getMessage()}"
        for when in ("setup", "call")
        for r in caplog.get_records(when)
        if r.levelno >= logging.ERROR
    ]
    if errors:
        pytest.fail("unexpected errors were logged:\n" + "\n".join(errors), pytrace=False)
