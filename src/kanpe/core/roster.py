"""The roster: one row per talk, as a host's console lists them and a speaker's window reads one.

``roster(state, presence, now)`` joins what the room knows about each slot of the rundown (its
timer, slide and cue) with who is connected (presence) at relay time ``now``, which the caller
passes in: the client's own estimate, or None before it has one. Pure and cheap, so a view may
ask again at every repaint; nothing here keeps time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from kanpe.core.clockface import Phase, TimerStatus, phase_for
from kanpe.core.countdown import Thresholds
from kanpe.core.model import Cue, Role, RoomState
from kanpe.core.protocol import Peer, Presence
from kanpe.core.rundown import Slot


class TalkStatus(StrEnum):
    """Where a talk stands, in the words of a rundown: before, during, paused, over its time."""

    UPCOMING = "upcoming"  # its timer has not started
    LIVE = "live"  # running, with time left
    PAUSED = "paused"  # stopped with time left
    OVERTIME = "overtime"  # running or stopped past its time


class CueState(StrEnum):
    """Whether the host's latest cue for a talk is waiting for the speaker."""

    NONE = "none"
    WAITING = "waiting"  # sent, not acknowledged yet
    ACKED = "acked"


@dataclass(frozen=True, slots=True)
class TalkRow:
    """One talk of the rundown at one instant. Times are relay seconds.

    ``online`` says whether an app holding the slot's speaker invite is connected; ``client`` (the
    client id presence gives it; the app's name and version are not in presence) and
    ``latency_ms`` describe it (the first one, when several are). ``remaining`` and ``phase`` are
    None while a running timer cannot be read (no relay time yet).
    """

    slot: str
    speaker: str
    title: str
    duration: int
    current: bool
    online: bool
    client: str
    latency_ms: float | None
    app: str  # the speaker's app and version, as its hello named them
    clock_ms: float | None  # the speaker's wall clock minus relay time; None: not known
    page: int
    pages: int
    timer: TimerStatus
    status: TalkStatus
    remaining: float | None
    phase: Phase | None
    self_timer: bool
    cue: Cue | None
    cue_state: CueState

    @property
    def cue_acked_at(self) -> float | None:
        """When the speaker acknowledged the latest cue (None: not yet, or no cue)."""
        return None if self.cue is None else self.cue.acked_at


def roster(state: RoomState, presence: Presence, now: float | None) -> tuple[TalkRow, ...]:
    """A row for every slot of the rundown, in rundown order."""
    peers = speakers_online(presence.peers)
    return tuple(_row(state, plan, peers.get(plan.id), now) for plan in state.rundown.slots)


def talk_row(
    state: RoomState, presence: Presence, slot_id: str, now: float | None
) -> TalkRow | None:
    """The row of ``slot_id``; None when the rundown has no such slot."""
    plan = state.rundown.slot(slot_id)
    if plan is None:
        return None
    return _row(state, plan, speakers_online(presence.peers).get(slot_id), now)


def speakers_online(peers: Iterable[Peer]) -> dict[str, Peer]:
    """The first connected speaker app of each slot, by slot id. A stalled one (its network or
    machine stopped answering the relay, see Peer.stalled) is not online: a host sees the drop
    within two seconds, not when the keepalive finally closes the connection."""
    found: dict[str, Peer] = {}
    for peer in peers:
        if peer.role is Role.SPEAKER and peer.slot is not None and not peer.stalled:
            found.setdefault(peer.slot, peer)
    return found


def _row(state: RoomState, plan: Slot, peer: Peer | None, now: float | None) -> TalkRow:
    live = state.slots.get(plan.id)
    thresholds = Thresholds(warning=plan.warning, final=plan.final)
    remaining: float | None
    if live is None:
        timer, remaining = TimerStatus.IDLE, float(plan.duration)
        page = pages = 0
        self_timer, cue = False, None
    else:
        timer = live.timer.status
        if now is not None:
            remaining = live.timer.remaining_at(now)
        else:  # a stopped timer needs no clock; a running one cannot be read without it
            remaining = None if live.timer.running else live.timer.remaining
        page, pages, self_timer, cue = live.page, live.pages, live.self_timer, live.cue
    return TalkRow(
        slot=plan.id,
        speaker=plan.speaker,
        title=plan.title,
        duration=plan.duration,
        current=state.current == plan.id,
        online=peer is not None,
        client="" if peer is None else peer.client,
        latency_ms=None if peer is None else peer.latency_ms,
        app="" if peer is None else peer.app,
        clock_ms=None if peer is None else peer.clock_ms,
        page=page,
        pages=pages,
        timer=timer,
        status=_status(timer, remaining),
        remaining=remaining,
        phase=None if remaining is None else phase_for(remaining, thresholds),
        self_timer=self_timer,
        cue=cue,
        cue_state=_cue_state(cue),
    )


def _status(timer: TimerStatus, remaining: float | None) -> TalkStatus:
    if timer is TimerStatus.IDLE:
        return TalkStatus.UPCOMING
    if remaining is not None and remaining <= 0:
        return TalkStatus.OVERTIME
    return TalkStatus.LIVE if timer is TimerStatus.RUNNING else TalkStatus.PAUSED


def _cue_state(cue: Cue | None) -> CueState:
    if cue is None:
        return CueState.NONE
    return CueState.WAITING if cue.acked_at is None else CueState.ACKED
