"""A room as the relay holds it in memory: its state and its connections, grouped by what they
may see; and the invite links a new room hands out."""

from __future__ import annotations

import asyncio
import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kanpe.core.events import Principal
from kanpe.core.model import Role, RoomState
from kanpe.net.limits import TokenBucket
from kanpe.net.outlet import Outlet


def new_token() -> str:
    """A capability token: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


@dataclass(frozen=True, slots=True)
class RoomInvites:
    room: str
    host: str
    audience: str
    viewer: str
    speakers: dict[str, str]

    def as_result(self) -> dict[str, str]:
        result = {"room": self.room, "host": self.host, "audience": self.audience}
        result["viewer"] = self.viewer
        result.update({f"speaker:{slot}": link for slot, link in self.speakers.items()})
        return result

    @classmethod
    def from_result(cls, result: dict[str, str]) -> RoomInvites:
        speakers = {
            k.removeprefix("speaker:"): v for k, v in result.items() if k.startswith("speaker:")
        }
        return cls(
            room=result["room"],
            host=result["host"],
            audience=result["audience"],
            viewer=result["viewer"],
            speakers=speakers,
        )


class Conn:
    """One joined connection."""

    __slots__ = (
        "app",
        "bucket",
        "clock_error",
        "closing",
        "group",
        "outlet",
        "principal",
        "queued",
        "room",
        "room_for_more",
        "rtt",
        "stalled",
        "strikes",
        "welcome_bytes",
    )

    def __init__(self, outlet: Outlet, principal: Principal, bucket: TokenBucket) -> None:
        self.outlet = outlet
        self.principal = principal
        self.bucket = bucket
        self.strikes = 0
        #: The welcome's size while it may still be draining: a slow link joining a big room
        #: must not count it as falling behind (see Fanout.write).
        self.welcome_bytes = 0
        self.app = ""  # the hello's client name ("kanpe-speaker 0.4.0"), shown to hosts
        self.closing = False
        self.room: LiveRoom | None = None
        self.group = _group_key(principal)
        #: Frames read from it and waiting in the relay's audience queue (net/intake.py), and
        #: what its reader waits on while that is at the read-ahead cap.
        self.queued = 0
        self.room_for_more: asyncio.Event | None = None
        #: Hosts and speakers only (net/heartbeat.py): no answer to the relay's last ping
        #: within its grace, and the round trip of the last one answered in time.
        self.stalled = False
        self.rtt: float | None = None
        #: Its wall clock minus relay time, in seconds, from its latest time request that said.
        self.clock_error: float | None = None


def _group_key(principal: Principal) -> str:
    """Connections that see the same redaction of every event share a group."""
    match principal.role:
        case Role.HOST:
            return "host"
        case Role.SPEAKER:
            return f"speaker:{principal.slot}"
        case _:
            return "public"


class LiveRoom:
    def __init__(self, state: RoomState) -> None:
        self.state = state
        self.groups: dict[str, set[Conn]] = defaultdict(set)
        self.snapshot_version = state.version
        self.presence_pending = False

    def connections(self) -> Iterable[Conn]:
        for group in self.groups.values():
            yield from group
