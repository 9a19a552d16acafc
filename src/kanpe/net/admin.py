"""``kanpe room create``: ask a relay, as its admin, for a new room and print its invite links."""

from __future__ import annotations

import argparse
import asyncio
import secrets
import sys
from pathlib import Path

from websockets.asyncio.client import connect
from websockets.exceptions import WebSocketException

from kanpe.core.links import LinkError
from kanpe.core.model import Role
from kanpe.core.protocol import (
    PROTOCOL_VERSION,
    Ack,
    CreateRoom,
    Error,
    Hello,
    Welcome,
    encode_bytes,
    parse_server,
)
from kanpe.core.rundown import Rundown
from kanpe.net.relay import ADMIN_SECRET_FILE, RoomInvites, default_data_dir
from kanpe.net.relay_main import print_invites, sample_rundown


class AdminError(RuntimeError):
    pass


def websocket_url(relay: str) -> str:
    relay = relay.rstrip("/")
    if relay.startswith("https://"):
        return "wss://" + relay.removeprefix("https://") + "/ws"
    if relay.startswith("http://"):
        return "ws://" + relay.removeprefix("http://") + "/ws"
    raise AdminError("--relay is the relay's http:// or https:// address")


async def create_room(relay: str, secret: str, name: str, rundown: Rundown) -> RoomInvites:
    async with connect(websocket_url(relay), compression=None, open_timeout=10) as ws:
        hello = Hello(protocol=PROTOCOL_VERSION, room="", token=secret, client="kanpe-admin")
        await ws.send(encode_bytes(hello), text=True)
        welcome = parse_server(await ws.recv())
        if isinstance(welcome, Error) or not isinstance(welcome, Welcome):
            raise AdminError(
                f"the relay refused the admin secret: {getattr(welcome, 'message', '')}"
            )
        if welcome.role is not Role.ADMIN:
            raise AdminError("that secret is not this relay's admin secret")
        # A fresh id per invocation: the relay answers a repeated id with the first result
        # (the first room's links) or refuses it, for as long as it runs.
        command = CreateRoom(id=f"create-{secrets.token_urlsafe(9)}", name=name, rundown=rundown)
        await ws.send(encode_bytes(command), text=True)
        while True:
            reply = parse_server(await ws.recv())
            if isinstance(reply, Error):
                raise AdminError(f"the relay refused: {reply.message}")
            if isinstance(reply, Ack):
                return RoomInvites.from_result(reply.result)


def read_secret(args: argparse.Namespace) -> str:
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
