"""Suite-wide rules: Qt runs offscreen, and a test that logs an unexpected error fails."""

from __future__ import annotations

import logging
import os
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
