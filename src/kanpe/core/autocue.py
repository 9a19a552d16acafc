"""Automatic cues: a cue sent by the room itself when a talk's timer reaches its warning
threshold, its final threshold, and zero.

A room rule like any other, so it holds whether or not a host console is open: the relay asks
``next_deadline`` when to wake, and at that relay time ``due`` gives the events to commit (a cue,
and the threshold marked as fired, in one ``slot`` event per slot). What fired is part of the
slot's state, so it is committed, survives a restart of the relay, and no threshold fires twice.
A threshold is re-armed when the time left moves back above it (a reset, time added, a longer
duration); see ``rearm``. docs/protocol.md ("Automatic cues") is the normative description.
"""

from __future__ import annotations

import msgspec

from kanpe.core.clockface import TimerStatus
from kanpe.core.cuewords import auto_words
from kanpe.core.events import LogEvent, SlotChanged
from kanpe.core.model import AutoCues, Cue, CueKind, RoomState, SlotState, Threshold
from kanpe.core.protocol import SetAutoCues
from kanpe.core.refusal import found, slot_named
from kanpe.core.rundown import Slot

ORDER: tuple[Threshold, ...] = (Threshold.WARNING, Threshold.FINAL, Threshold.TIME_UP)
_KIND = {Threshold.WARNING: CueKind.TIME, Threshold.FINAL: CueKind.WRAP}


def seconds_left_at(plan: Slot, threshold: Threshold) -> int:
    """The remaining seconds at which ``threshold`` is reached."""
    match threshold:
        case Threshold.WARNING:
            return plan.warning
        case Threshold.FINAL:
            return plan.final
        case Threshold.TIME_UP:
            return 0


def enabled(auto: AutoCues, threshold: Threshold) -> bool:
    return bool(getattr(auto, threshold.value))


def cue_text(plan: Slot, threshold: Threshold) -> str:
    """What the automatic cue says: "5 min left", "1 min left", "Time is up" (English on the
    wire; each app reads it back with ``cuewords.read_auto_words`` and says it in its language)."""
    if threshold is Threshold.TIME_UP:
        return auto_words(0)
    return auto_words(seconds_left_at(plan, threshold))


def _reached(slot: SlotState, plan: Slot, now: float) -> list[Threshold]:
    remaining = slot.timer.remaining_at(now)
    return [t for t in ORDER if remaining <= seconds_left_at(plan, t)]


def _ordered(thresholds: set[Threshold]) -> tuple[Threshold, ...]:
    return tuple(t for t in ORDER if t in thresholds)


def rearm(plan: Slot | None, old: SlotState, new: SlotState, now: float) -> SlotState:
    """``new`` (``old`` after a timer command at relay time ``now``) with its fired thresholds
    brought up to date: a reset re-arms all; a first start passes, silently, any threshold its
    timer already starts beyond (a 5-minute talk with a 5-minute warning starts in its warning
    phase, and nobody needs telling); otherwise a fired threshold that the time left has moved
    back above (time added, a longer duration) is re-armed."""
    if plan is None:
        return new
    fired = set(new.auto_cues.fired)
    if new.timer.status is TimerStatus.IDLE:
        fired = set()
    elif old.timer.status is TimerStatus.IDLE:
        fired |= set(_reached(new, plan, now))
    else:
        fired &= set(_reached(new, plan, now))
    if _ordered(fired) == new.auto_cues.fired:
        return new
    return msgspec.structs.replace(
        new, auto_cues=msgspec.structs.replace(new.auto_cues, fired=_ordered(fired))
    )


def replanned(plan: Slot, slot: SlotState, now: float) -> SlotState:
    """A timer in use under a new plan (``rundown.set``): a threshold the new plan puts at or
    above the time left counts as passed (no late cue: a warning moved from 5 to 10 minutes at 7
    minutes left says nothing), one below it is armed."""
    if slot.timer.status is TimerStatus.IDLE:
        return slot
    fired = _ordered(set(_reached(slot, plan, now)))
    if fired == slot.auto_cues.fired:
        return slot
    return msgspec.structs.replace(
        slot, auto_cues=msgspec.structs.replace(slot.auto_cues, fired=fired)
    )


def set_auto_cues(state: RoomState, command: SetAutoCues, now: float) -> list[LogEvent]:
    """The ``slot.auto_cues`` command: one ``slot`` event, none if nothing changed."""
    plan = found(state.rundown.slot(command.slot), slot_named(command.slot))
    slot = found(state.slots.get(command.slot), slot_named(command.slot))
    changes = {
        threshold: on
        for threshold in ORDER
        if (on := getattr(command, threshold.value)) is not None
    }
    switched = switch(plan, slot, changes, now)
    return [] if switched == slot else [SlotChanged(slot=switched)]


def switch(plan: Slot, slot: SlotState, changes: dict[Threshold, bool], now: float) -> SlotState:
    """``slot.auto_cues``: turn thresholds on or off. One turned on after its moment has passed
    (on a timer that has started) counts as fired, so it does not go off late."""
    auto = slot.auto_cues
    fired = set(auto.fired)
    if slot.timer.status is not TimerStatus.IDLE:
        reached = set(_reached(slot, plan, now))
        fired |= {t for t, on in changes.items() if on and not enabled(auto, t) and t in reached}
    values = {t.value: on for t, on in changes.items()}
    auto = msgspec.structs.replace(auto, **values, fired=_ordered(fired))
    return msgspec.structs.replace(slot, auto_cues=auto)


def next_deadline(state: RoomState) -> float | None:
    """The earliest relay time at which a running timer reaches a threshold that is on and has
    not fired, or None: when the relay must next call ``due``."""
    soonest: float | None = None
    for plan in state.rundown.slots:
        slot = state.slots.get(plan.id)
        if slot is None or slot.timer.deadline is None or not slot.timer.running:
            continue
        for threshold in ORDER:
            if enabled(slot.auto_cues, threshold) and threshold not in slot.auto_cues.fired:
                at = slot.timer.deadline - seconds_left_at(plan, threshold)
                soonest = at if soonest is None else min(soonest, at)
    return soonest


def due(state: RoomState, now: float) -> list[LogEvent]:
    """The automatic cues due at relay time ``now``: for each running slot that has reached a
    threshold that is on and has not fired, one ``slot`` event that marks every such threshold
    fired and shows the cue of the last one reached (a relay that was down through two
    thresholds sends one cue, not two in a row). Ids follow the versions the events will have,
    as for cues the host sends."""
    events: list[LogEvent] = []
    for plan in state.rundown.slots:
        slot = state.slots.get(plan.id)
        if slot is None or not slot.timer.running:
            continue
        auto = slot.auto_cues
        firing = [t for t in _reached(slot, plan, now) if enabled(auto, t) and t not in auto.fired]
        if not firing:
            continue
        last = firing[-1]
        cue = Cue(
            id=f"c{state.version + len(events) + 1}",
            slot=slot.id,
            kind=_KIND.get(last, CueKind.FLASH),
            text=cue_text(plan, last),
            flash=last is Threshold.TIME_UP,
            sent_at=now,
        )
        fired = _ordered(set(auto.fired) | set(firing))
        auto = msgspec.structs.replace(auto, fired=fired)
        events.append(SlotChanged(slot=msgspec.structs.replace(slot, cue=cue, auto_cues=auto)))
    return events
