"""``kanpe room create``: ask a relay, as its admin, for a new room and print its invite links."""

from __future__ import annotations

import argparse
import asyncio
import secrets
import sys
import time
from pathlib import Path

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import WebSocketException

from kanpe.core.links import LinkError, websocket_url
from kanpe.core.model import Role
from kanpe.core.protocol import CreateRoom
from kanpe.core.rundown import Rundown
from kanpe.core.session import Acked, ClientSession, Refused, Rejected, RelayError, Retrying, Synced
from kanpe.net.relay import ADMIN_SECRET_FILE, RoomInvites, default_data_dir
from kanpe.net.relay_main import print_invites, sample_rundown


class AdminError(RuntimeError):
    """Why ``kanpe room create`` could not create the room, for its error message."""


async def create_room(relay: str, secret: str, name: str, rundown: Rundown) -> RoomInvites:
    """Join the relay at ``relay`` (its http(s):// address) as its admin and create a room.

    The hello and welcome go through the same ``ClientSession`` as every link's; AdminError if
    the secret or the command is refused.
    """
    try:
        url = websocket_url(relay)
    except LinkError:
        raise AdminError("--relay is the relay's http:// or https:// address") from None
    session = ClientSession("", secret, client="kanpe-admin")
    # A fresh id per invocation: the relay answers a repeated id with the first result (the first
    # room's links) or refuses it, for as long as it runs. Sent once the welcome is in.
    session.command(CreateRoom(id=f"create-{secrets.token_urlsafe(9)}", name=name, rundown=rundown))
    async with connect(url, compression=None, open_timeout=10) as ws:
        session.hello(time.monotonic())
        while True:
            await _send(ws, session)
            for happening in session.receive(await ws.recv(), time.monotonic()):
                match happening:
                    case Rejected(error=error):
                        raise AdminError(f"the relay refused the admin secret: {error.message}")
                    case Synced() if session.role is not Role.ADMIN:
                        raise AdminError("that secret is not this relay's admin secret")
                    case Acked(ack=ack):
                        return RoomInvites.from_result(ack.result)
                    case Refused(error=error) | RelayError(error=error):
                        raise AdminError(f"the relay refused: {error.message}")
                    case Retrying(at=at):
                        await asyncio.sleep(max(0.0, at - time.monotonic()))
                        session.advance(time.monotonic())


async def _send(ws: ClientConnection, session: ClientSession) -> None:
    for frame in session.frames_to_send():
        await ws.send(frame, text=True)


def read_secret(args: argparse.Namespace) -> str:
    """The relay's admin secret, from --admin-secret-file or the relay's data directory."""
    if args.admin_secret_file:
        path = Path(args.admin_secret_file)
    else:
        path = (Path(args.data) if args.data else default_data_dir()) / ADMIN_SECRET_FILE
    try:
        return path.read_text("ascii").strip()
    except OSError as exc:
        raise AdminError(
            f"cannot read the relay's admin secret at {path} ({exc.strerror}); "
            "pass the relay's --data directory or --admin-secret-file"
        ) from exc


def run_room_command(args: argparse.Namespace) -> int:
    """``kanpe room create``: print the new room's invite links; 1 with a message on failure."""
    try:
        secret = read_secret(args)
        if args.rundown:
            from kanpe.storage.rundown_file import load_rundown

            rundown = load_rundown(Path(args.rundown))
        else:
            rundown = sample_rundown()
        invites = asyncio.run(create_room(args.relay, secret, args.name or rundown.title, rundown))
    except (AdminError, LinkError, ValueError) as exc:
        print(f"kanpe room create: {exc}", file=sys.stderr)
        return 1
    except (OSError, WebSocketException) as exc:
        print(f"kanpe room create: cannot reach the relay at {args.relay}: {exc}", file=sys.stderr)
        return 1
    print_invites(invites, rundown)
    return 0
