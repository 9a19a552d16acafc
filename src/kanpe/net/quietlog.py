"""Loggers for websockets that never pass frame dumps.

websockets logs every frame at DEBUG, and the first frame of every connection is a hello that
carries a capability token. Tokens are never logged, whatever level someone turns on.
"""

from __future__ import annotations

import logging


class NoFrameDumps(logging.Filter):
    """Drops every DEBUG record (websockets' frame dumps live there)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.DEBUG


def websockets_logger(side: str) -> logging.Logger:
    """``websockets.server`` or ``websockets.client``, with the filter installed once."""
    logger = logging.getLogger(f"websockets.{side}")
    if not any(isinstance(f, NoFrameDumps) for f in logger.filters):
        logger.addFilter(NoFrameDumps())
    return logger
