"""Why a command was refused: the value ``rules.decide`` returns, and the exception its helpers
raise to get there."""

from __future__ import annotations

from dataclasses import dataclass

from kanpe.core.protocol import ErrorCode


@dataclass(frozen=True, slots=True)
class Refusal:
    code: ErrorCode
    reason: str


class Refused(Exception):
    def __init__(self, code: ErrorCode, reason: str) -> None:
        super().__init__(reason)
        self.refusal = Refusal(code, reason)
