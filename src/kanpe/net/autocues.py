"""The relay's alarm clock for automatic cues.

The rule that decides is pure (``core/autocue.py``); this only wakes at the next moment a room's
rule may have something to say, commits what it says, and hands it to the fan-out, the same way
a command's events go. It is told about every change to a room (``watch``), since any command may
move the next deadline; and at start it looks at every room, so a cue that fell due while the
relay was down goes out once it is back. The scheduling is injected, so it runs without a loop.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from typing import Protocol

from kanpe.core.autocue import due, next_deadline
from kanpe.core.events import SlotChanged, evolve, published
from kanpe.net.fanout import Fanout
from kanpe.net.liveroom import LiveRoom
from kanpe.net.store import Store

log = logging.getLogger("kanpe.relay")

#: Seconds before trying again when the store refused to commit a due cue.
RETRY_AFTER = 1.0
#: Seconds to wait again when woken before anything was due (float rounding of deadlines).
_EARLY = 0.001


class Handle(Protocol):
    def cancel(self) -> None: ...


type CallLater = Callable[[float, Callable[[], None]], Handle]


class AutoCueAlarm:
    def __init__(
        self, store: Store, fanout: Fanout, now: Callable[[], float], call_later: CallLater
    ) -> None:
        self._store = store
        self._fanout = fanout
        self._now = now
        self._call_later = call_later
        self._alarms: dict[str, tuple[float, Handle]] = {}

    def watch(self, room: LiveRoom, *, at_least: float = 0.0) -> None:
        """Set ``room``'s alarm for its next deadline (after any change to the room)."""
        deadline = next_deadline(room.state)
        room_id = room.state.id
        current = self._alarms.get(room_id)
        if current is not None:
            if current[0] == deadline:
                return
            current[1].cancel()
            del self._alarms[room_id]
        if deadline is not None:
            self._set(room, deadline, max(at_least, deadline - self._now()))

    def _set(self, room: LiveRoom, deadline: float, delay: float) -> None:
        handle = self._call_later(delay, lambda: self._ring(room))
        self._alarms[room.state.id] = (deadline, handle)

    def close(self) -> None:
        for _, handle in self._alarms.values():
            handle.cancel()
        self._alarms.clear()

    def _ring(self, room: LiveRoom) -> None:
        self._alarms.pop(room.state.id, None)
        state = room.state
        events = due(state, self._now())
        if events:
            first = state.version + 1
            try:
                self._store.commit(state.id, first, events, None)
            except sqlite3.Error:
                log.exception("could not save an automatic cue; trying again shortly")
                deadline = next_deadline(state)
                self._set(room, deadline if deadline is not None else 0.0, RETRY_AFTER)
                return
            for offset, event in enumerate(events):
                before = state.slots.get(event.slot.id) if isinstance(event, SlotChanged) else None
                evolve(state, event, first + offset)
                self._fanout.publish(room, published(state, event), first + offset, before)
        # After firing, the next threshold; woken a hair early (clocks round), a moment later.
        self.watch(room, at_least=0.0 if events else _EARLY)
