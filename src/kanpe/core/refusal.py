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


def found[T](item: T | None, what: str) -> T:
    """``item``, or the refusal of a command whose id names nothing here: ``not_found``, "no
    ``what``" (what a lookup of a question, a poll, a slot... by id answers when it misses)."""
    if item is None:
        raise Refused(ErrorCode.NOT_FOUND, f"no {what}")
    return item


def slot_named(slot_id: str) -> str:
    """What a command naming ``slot_id`` names when the rundown has no such slot."""
    return f"slot {slot_id!r} in the rundown"
