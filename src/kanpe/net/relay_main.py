"""``kanpe relay``: run a relay until interrupted (``--sample-room``: with a room to try)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from pathlib import Path

from kanpe.core.gcpolicy import RELAY_GC
from kanpe.core.rundown import Rundown
from kanpe.net.limits import Limits
from kanpe.net.relay import Relay, RelayConfig, RoomInvites
from kanpe.net.store import StoreError
from kanpe.storage.assets import web_root

log = logging.getLogger("kanpe.relay")


def config_from_args(args: argparse.Namespace) -> RelayConfig:
    limits = Limits()
    if args.max_per_address is not None:
        limits = Limits(max_connections_per_address=args.max_per_address)
    if bool(args.tls_cert) != bool(args.tls_key):
        raise SystemExit("kanpe relay: --tls-cert and --tls-key go together")
    return RelayConfig(
        host=args.host,
        port=args.port,
        data_dir=Path(args.data) if args.data else None,
        public_url=args.public_url,
        tls_cert=Path(args.tls_cert) if args.tls_cert else None,
        tls_key=Path(args.tls_key) if args.tls_key else None,
        allowed_origins=tuple(args.allow_origin),
        trusted_proxies=tuple(args.trust_proxy),
        durable=args.durable,
        limits=limits,
        web_root=web_root(),
        gc=RELAY_GC,
    )


def sample_rundown() -> Rundown:
    try:
        from kanpe.storage.assets import asset_path
        from kanpe.storage.rundown_file import load_rundown

        return load_rundown(asset_path("rundown-sample.toml"))
    except (ImportError, FileNotFoundError):
        from kanpe.core.rundown import Slot

        return Rundown(title="Demo", slots=(Slot(id="talk-1", speaker="Demo", duration=1500),))


def print_invites(invites: RoomInvites, rundown: Rundown, out: object = sys.stdout) -> None:
    lines = [f"Room {invites.room}", f"  host      {invites.host}"]
    for slot in rundown.slots:
        who = f"{slot.speaker} ({slot.duration // 60} min)" if slot.speaker else slot.id
        lines.append(f"  speaker   {invites.speakers[slot.id]}    {who}")
    lines.append(f"  audience  {invites.audience}")
    lines.append(f"  viewer    {invites.viewer}")
    print("\n".join(lines), file=out, flush=True)  # type: ignore[call-overload]


async def serve_forever(config: RelayConfig, *, sample_room: bool) -> int:
    """Run a relay until SIGINT or SIGTERM; with ``sample_room``, first create a room from the
    sample rundown and print its invite links. Returns the exit status."""
    relay = Relay(config)
    try:
        await relay.start()
    except StoreError as exc:
        print(f"kanpe relay: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"kanpe relay: cannot listen on {config.host}:{config.port}: {exc}", file=sys.stderr)
        return 1
    print(f"Kanpe relay on {relay.url} (data in {relay.data_dir})", flush=True)
    if sample_room:
        rundown = sample_rundown()
        invites = await relay.create_room(name=rundown.title or "Demo", rundown=rundown)
        print_invites(invites, rundown)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    print("Stopping the relay.", flush=True)
    await relay.stop()
    return 0


def run_relay(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    return asyncio.run(serve_forever(config_from_args(args), sample_room=args.sample_room))
