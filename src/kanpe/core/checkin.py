"""Connection checks: the host's "check all" before the event.

A check is a cue of kind ``check``; the speaker's app acknowledges it at once, and the
acknowledgement marks the talk ready, with the round trip the relay saw (from the host's check
reaching it to the speaker's answer reaching it). Pure; ``rules.py`` calls these as it sends and
acknowledges cues. docs/protocol.md ("Connection checks") is the normative description.
"""

from __future__ import annotations

import msgspec

from kanpe.core.model import Check, CueKind, SlotState


def checked_on_send(slot: SlotState) -> SlotState:
    """``slot`` just given a new cue: a ``check`` cue starts a new check (not ready yet)."""
    cue = slot.cue
    if cue is None or cue.kind is not CueKind.CHECK:
        return slot
    return msgspec.structs.replace(slot, check=Check(cue=cue.id, sent_at=cue.sent_at))


def checked_on_ack(slot: SlotState) -> SlotState:
    """``slot`` whose cue was just acknowledged: if it is the pending check, the talk is ready."""
    cue, check = slot.cue, slot.check
    if cue is None or check is None or check.cue != cue.id or cue.acked_at is None:
        return slot
    if check.acked_at is not None:
        return slot
    answered = msgspec.structs.replace(
        check, acked_at=cue.acked_at, round_trip=max(0.0, cue.acked_at - check.sent_at)
    )
    return msgspec.structs.replace(slot, check=answered)


def ready(slot: SlotState) -> bool:
    """Whether the slot's speaker answered its latest connection check."""
    return slot.check is not None and slot.check.acked_at is not None
