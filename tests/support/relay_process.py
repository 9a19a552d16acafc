"""Run a relay in its own process, for tests that kill it: prints one JSON line, then serves.

python -m tests.support.relay_process --data DIR [--port N] [--create]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from kanpe.core.rundown import Rundown, Slot
from kanpe.net.limits import Limits
from kanpe.net.relay import Relay, RelayConfig

RUNDOWN = Rundown(
    title="Fault night",
    slots=(
        Slot(id="talk-1", speaker="Aiko", duration=1500),
        Slot(id="lt-1", speaker="Ben", duration=300, warning=60, final=30),
    ),
)


async def main(args: argparse.Namespace) -> None:
    config = RelayConfig(
        port=args.port,
        data_dir=Path(args.data),
        limits=Limits(max_connections_per_address=args.max_per_address),
    )
    relay = Relay(config)
    await relay.start()
    info: dict[str, object] = {"port": relay.port, "offset": relay.clock.offset_from_monotonic()}
    if args.create:
        invites = await relay.create_room(name="Fault night", rundown=RUNDOWN)
        info["invites"] = invites.as_result()
    print(json.dumps(info), flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--create", action="store_true")
    parser.add_argument("--max-per-address", type=int, default=256)
    try:
        asyncio.run(main(parser.parse_args()))
    except KeyboardInterrupt:
        sys.exit(0)
