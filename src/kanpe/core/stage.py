"""Which talk is on stage, and when each talk actually began and ended.

Rules for ``slot.current``, ``slot.next`` and the bookkeeping every timer change carries: a
talk's ``started`` is its first start, its ``ended`` the last time it stopped (a pause) or left
the stage (the host moved on). Pure: state and relay time in, events out; ``rules.decide`` calls
these. docs/protocol.md ("Actual times", ``slot.next``) is the normative description.
"""

from __future__ import annotations

import msgspec

from kanpe.core.autocue import rearm
from kanpe.core.clockface import TimerStatus
from kanpe.core.countdown import Countdown, TimerError
from kanpe.core.events import CurrentChanged, LogEvent, SlotChanged
from kanpe.core.model import RoomState, SlotState
from kanpe.core.protocol import ErrorCode
from kanpe.core.refusal import Refused
from kanpe.core.rundown import Slot


def timer_changed(plan: Slot | None, old: SlotState, timer: Countdown, now: float) -> SlotState:
    """``old`` with its timer replaced by ``timer`` at relay time ``now``; its automatic cues
    re-armed as ``autocue.rearm`` says; and its actual times following: a start or resume
    begins the talk (``started`` only the first time) and clears ``ended``; a pause ends it for
    now; a reset before the talk ended takes back its start (a timer started by mistake leaves no
    trace), while a reset after it keeps the record."""
    slot = rearm(plan, old, msgspec.structs.replace(old, timer=timer), now)
    was, now_status = old.timer.status, timer.status
    if now_status is TimerStatus.RUNNING and was is not TimerStatus.RUNNING:
        started = old.started if old.started is not None else now
        return msgspec.structs.replace(slot, started=started, ended=None)
    if was is TimerStatus.RUNNING and now_status is TimerStatus.PAUSED:
        return msgspec.structs.replace(slot, ended=now)
    if now_status is TimerStatus.IDLE and was is not TimerStatus.IDLE and old.ended is None:
        return msgspec.structs.replace(slot, started=None)
    return slot


def set_current(state: RoomState, slot_id: str | None, now: float) -> list[LogEvent]:
    """``slot.current``: the talk leaving the stage ends (if it had begun and not ended), and a
    talk coming back on stage with its timer running has not ended after all."""
    if slot_id == state.current:
        return []
    events = _leave_stage(state, now)
    events.append(CurrentChanged(slot=slot_id))
    arriving = state.slots.get(slot_id) if slot_id is not None else None
    if arriving is not None and arriving.timer.running and arriving.ended is not None:
        events.append(SlotChanged(slot=msgspec.structs.replace(arriving, ended=None)))
    return events


def next_talk(state: RoomState, start: bool, now: float) -> list[LogEvent]:
    """``slot.next``: stop the talk on stage (pause its timer, or just end it), put the next
    slot of the rundown on stage, and start its timer if ``start``."""
    order = [slot.id for slot in state.rundown.slots]
    if not order:
        raise Refused(ErrorCode.REFUSED, "the rundown has no talks")
    if state.current is None:
        target = order[0]
    else:
        index = order.index(state.current)
        if index + 1 >= len(order):
            raise Refused(ErrorCode.REFUSED, "the talk on stage is the last one")
        target = order[index + 1]
    events = _leave_stage(state, now, stop=True)
    events.append(CurrentChanged(slot=target))
    arriving = state.slots[target]
    if start and not arriving.timer.running:
        try:
            plan = state.rundown.slot(target)
            started = timer_changed(plan, arriving, arriving.timer.start(now), now)
        except TimerError as exc:  # pragma: no cover - start refuses only a running timer
            raise Refused(ErrorCode.REFUSED, str(exc)) from None
        events.append(SlotChanged(slot=started))
    elif arriving.timer.running and arriving.ended is not None:
        events.append(SlotChanged(slot=msgspec.structs.replace(arriving, ended=None)))
    return events


def _leave_stage(state: RoomState, now: float, *, stop: bool = False) -> list[LogEvent]:
    leaving = state.slots.get(state.current) if state.current is not None else None
    if leaving is None:
        return []
    if stop and leaving.timer.running:
        plan = state.rundown.slot(leaving.id)
        return [SlotChanged(slot=timer_changed(plan, leaving, leaving.timer.pause(now), now))]
    if leaving.started is not None and leaving.ended is None:
        return [SlotChanged(slot=msgspec.structs.replace(leaving, ended=now))]
    return []
