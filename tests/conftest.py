"""Suite-wide rules: Qt runs offscreen, and a test that logs an unexpected error fails."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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
