"""The relay's rooms, and the two commands the relay answers itself (``room.create`` and
``invite.create``): they mint tokens, which rooms do not hold."""

from __future__ import annotations

import hmac
import logging
import secrets
from collections.abc import Callable

import msgspec

from kanpe.core.events import Principal
from kanpe.core.links import make_link
from kanpe.core.model import Role
from kanpe.core.protocol import (
    Ack,
    CloseCode,
    Command,
    CreateInvite,
    CreateRoom,
    Error,
    ErrorCode,
    ProtocolError,
    ReplaceInvite,
    encode_bytes,
)
from kanpe.core.rules import initial_state
from kanpe.core.rundown import Rundown, RundownError
from kanpe.net.liveroom import LiveRoom, RoomInvites, new_token
from kanpe.net.pipeline import ID_REUSED, command_digest, store_errors_are_internal
from kanpe.net.store import Store

log = logging.getLogger("kanpe.relay")

RELAY_RESULTS_KEPT = 1000
#: What a connection whose link was replaced is told before it is closed.
REVOKED = "this link was replaced; ask the host for the new one"


class Rooms:
    """Every live room by id, loaded from the store at start, and the relay commands."""

    def __init__(self, store: Store, url: Callable[[], str]) -> None:
        self.store = store
        self._url = url
        self.live: dict[str, LiveRoom] = {}
        self._relay_results: dict[tuple[str, str, str], tuple[bytes, Ack]] = {}
        for room_id in store.room_ids():
            state = store.load_room(room_id)
            if state is not None:
                self.live[room_id] = LiveRoom(state)

    def create(self, name: str, rundown: Rundown) -> RoomInvites:
        """A new room with one invite per role (and per slot). Raises RundownError, or
        ProtocolError(internal) when the store fails."""
        room_id = secrets.token_urlsafe(9)
        state = initial_state(room_id, name, rundown)
        grants: list[tuple[str, Role, str | None]] = [
            (new_token(), Role.HOST, None),
            (new_token(), Role.AUDIENCE, None),
            (new_token(), Role.VIEWER, None),
            *[(new_token(), Role.SPEAKER, slot.id) for slot in rundown.slots],
        ]
        with store_errors_are_internal("create a room"):
            self.store.create_room(state, grants)
        self.live[room_id] = LiveRoom(state)
        url = self._url()
        links = {(role, slot): make_link(url, role, room_id, token) for token, role, slot in grants}
        log.info("room %s created with %d slots", room_id, len(rundown.slots))
        return RoomInvites(
            room=room_id,
            host=links[Role.HOST, None],
            audience=links[Role.AUDIENCE, None],
            viewer=links[Role.VIEWER, None],
            speakers={slot.id: links[Role.SPEAKER, slot.id] for slot in rundown.slots},
        )

    def create_invite(self, room: LiveRoom, role: Role, slot: str | None) -> str:
        if role is Role.ADMIN:
            raise ProtocolError(ErrorCode.REFUSED, "admin links are not invites")
        if role is Role.SPEAKER:
            if slot is None or slot not in room.state.slots:
                raise ProtocolError(
                    ErrorCode.NOT_FOUND, "a speaker invite needs a slot of the rundown"
                )
        elif slot is not None:
            raise ProtocolError(ErrorCode.BAD_MESSAGE, "only speaker invites name a slot")
        token = new_token()
        with store_errors_are_internal("save an invite"):
            self.store.add_tokens(room.state.id, [(token, role, slot)])
        return make_link(self._url(), role, room.state.id, token)

    def replace_invite(self, room: LiveRoom, slot: str) -> str:
        """A new speaker link for ``slot``; every older one is revoked and the connections that
        joined with them are told so and closed, as a hello with a revoked token would be."""
        if slot not in room.state.slots:
            raise ProtocolError(ErrorCode.NOT_FOUND, "a speaker invite needs a slot of the rundown")
        token = new_token()
        with store_errors_are_internal("replace an invite"):
            self.store.replace_tokens(room.state.id, Role.SPEAKER, slot, token)
        revoked = encode_bytes(Error(code=ErrorCode.UNAUTHORIZED, message=REVOKED))
        for conn in list(room.groups.get(f"speaker:{slot}", ())):
            conn.outlet.write(revoked)
            conn.closing = True
            conn.outlet.fail(CloseCode.UNAUTHORIZED, ErrorCode.UNAUTHORIZED.value)
        log.info("room %s: the speaker link of %s was replaced", room.state.id, slot)
        return make_link(self._url(), Role.SPEAKER, room.state.id, token)

    def relay_command(self, who: Principal, room: LiveRoom | None, command: Command) -> Ack:
        """room.create, invite.create and invite.replace. Their results carry new tokens, which
        the store keeps only as digests, so a retry of the same id is answered from memory with
        the same result (for as long as this relay runs)."""
        key = (who.room, who.key, command.id)
        digest = command_digest(command)
        remembered = self._relay_results.get(key)
        if remembered is not None:
            if not hmac.compare_digest(remembered[0], digest):
                raise ProtocolError(ErrorCode.ID_REUSED, ID_REUSED)
            return msgspec.structs.replace(remembered[1], duplicate=True)
        ack = self._relay_command_ack(room, command)
        self._relay_results[key] = (digest, ack)
        while len(self._relay_results) > RELAY_RESULTS_KEPT:
            del self._relay_results[next(iter(self._relay_results))]
        return ack

    def _relay_command_ack(self, room: LiveRoom | None, command: Command) -> Ack:
        match command:
            case CreateRoom(name=name, rundown=rundown):
                try:
                    invites = self.create(name, rundown or Rundown())
                except RundownError as exc:
                    raise ProtocolError(ErrorCode.REFUSED, str(exc)) from None
                return Ack(id=command.id, version=1, result=invites.as_result())
            case CreateInvite(role=role, slot=slot):
                assert room is not None
                link = self.create_invite(room, role, slot)
                return Ack(id=command.id, version=room.state.version, result={"link": link})
            case ReplaceInvite(slot=slot):
                assert room is not None
                link = self.replace_invite(room, slot)
                return Ack(id=command.id, version=room.state.version, result={"link": link})
            case _:
                raise ProtocolError(ErrorCode.REFUSED, "not a relay command")
