"""A crowd that claps: audience connections sending reactions at a steady rate, for bench_storm.

    python -m bench._clappers --link AUDIENCE_LINK --count N --rate R [--burst B]
                              [--watchers W] [--nice N]

Each connection says hello, then (once its stdin says "go") sends ``react`` frames ``rate`` times
a second (after ``burst`` at once), with a random phase, until stdin closes. Every connection
records the acks and refusals of its own taps; the first ``watchers`` also record when they see
the room's reaction count grow (the old relay's one event per tap, or the coalesced counts) and
every chat message marked with CHAT_MARK. Prints one JSON line when all are joined and one with
the records at the end. Times are time.monotonic(), one clock system-wide on Linux.
"""

from __future__ import annotations

import argparse
import asyncio
import heapq
import json
import os
import random
import sys
import time
from typing import Any

from bench._support import (
    _CHAT_PATTERN,
    CHAT_MARK,
    IDLE,
    _Listener,
    client_process_setup,
)

BUCKET = 0.01  # count samples closer than this are merged (keeps the old relay's series small)


class Clapper(_Listener):
    """One audience connection that claps; see the module docstring."""

    def __init__(self, url: str, hello: bytes, watch: bool) -> None:
        super().__init__(url, hello, None)
        self.watch = watch
        self.sent: dict[str, float] = {}
        self.acked: list[float] = []  # send times of taps the relay acknowledged
        self.refused: dict[str, int] = {}
        self.counts: list[tuple[float, int]] = []  # (time seen, reactions counted so far)
        self.total = 0
        self.chats: list[tuple[int, float]] = []  # (seq, latency)
        self.seq = 0

    def clap(self, emoji: str) -> None:
        from websockets.frames import Frame, Opcode

        if self.transport is None or self.closed or self.transport.is_closing():
            return
        self.seq += 1
        command_id = f"r{self.seq}"
        body = json.dumps({"type": "react", "id": command_id, "emoji": emoji}, ensure_ascii=False)
        self.sent[command_id] = time.monotonic()
        self.transport.write(Frame(Opcode.TEXT, body.encode()).serialize(mask=True))

    def _frame(self, opcode: int, payload: bytes, now: float) -> None:
        if opcode != 1 or not self.welcomed.done():
            super()._frame(opcode, payload, now)
            return
        head = payload[:48]
        if head.startswith(b'{"type":"ack"'):
            sent = self.sent.pop(json.loads(payload)["id"], None)
            if sent is not None:
                self.acked.append(sent)
        elif head.startswith(b'{"type":"error"'):
            error = json.loads(payload)
            if error.get("id") in self.sent or error.get("id") is None:
                self.refused[error["code"]] = self.refused.get(error["code"], 0) + 1
        elif self.watch and head.startswith(b'{"type":"event"'):
            if b'"type":"reactions"' in payload:
                self._counted(now, sum(json.loads(payload)["event"]["added"].values()))
            elif b'"type":"reaction"' in payload:
                self._counted(now, 1)
            elif CHAT_MARK.encode() in payload:
                found = _CHAT_PATTERN.search(payload.decode())
                if found:
                    self.chats.append((int(found[1]), now - float(found[2])))

    def _counted(self, now: float, added: int) -> None:
        self.total += added
        if self.counts and now - self.counts[-1][0] < BUCKET:
            self.counts[-1] = (self.counts[-1][0], self.total)
        else:
            self.counts.append((now, self.total))


async def _main(args: argparse.Namespace) -> None:
    from kanpe.core.model import REACTIONS

    url, host, port, hello = client_process_setup(args)
    loop = asyncio.get_running_loop()
    gate = asyncio.Semaphore(64)
    failed: dict[str, int] = {}

    async def join(index: int) -> Clapper | None:
        async with gate:
            try:
                _, clapper = await loop.create_connection(
                    lambda: Clapper(url, hello, index < args.watchers), host, port
                )
                await asyncio.wait_for(clapper.welcomed, 120)
            except Exception as exc:
                failed[type(exc).__name__] = failed.get(type(exc).__name__, 0) + 1
                return None
            return clapper

    clappers = [c for c in await asyncio.gather(*(join(i) for i in range(args.count))) if c]
    print(json.dumps({"ready": len(clappers), "failed": args.count - len(clappers)}), flush=True)
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    await reader.readline()  # "go"
    clapping = asyncio.create_task(_clap(clappers, args.rate, args.burst, REACTIONS))
    await reader.read()  # stdin closed: stop
    clapping.cancel()
    await asyncio.sleep(1.0)  # the last acks and counts
    print(json.dumps(_records(clappers, failed)), flush=True)
    os._exit(0)


async def _clap(clappers: list[Clapper], rate: float, burst: int, emojis: tuple[str, ...]) -> None:
    """Each clapper: ``burst`` taps at once, then one every 1/rate s, phases spread at random."""
    start = time.monotonic()
    due: list[tuple[float, int]] = []
    for index, clapper in enumerate(clappers):
        for _ in range(burst):
            clapper.clap(random.choice(emojis))
        heapq.heappush(due, (start + random.random() / rate, index))
    while True:
        now = time.monotonic()
        while due and due[0][0] <= now:
            at, index = heapq.heappop(due)
            clappers[index].clap(random.choice(emojis))
            heapq.heappush(due, (at + 1 / rate, index))
        await asyncio.sleep(max(0.0, min(0.005, due[0][0] - time.monotonic())))


def _records(clappers: list[Clapper], failed: dict[str, int]) -> dict[str, Any]:
    refused: dict[str, int] = {}
    for clapper in clappers:
        for code, n in clapper.refused.items():
            refused[code] = refused.get(code, 0) + n
    return {
        "ready": len(clappers),
        "failed": failed,
        "closed": sum(1 for c in clappers if c.closed),
        "sent": sum(c.seq for c in clappers),
        "acked": sorted(t for c in clappers for t in c.acked),
        "unanswered": sum(len(c.sent) for c in clappers),
        "refused": refused,
        "counts": [c.counts for c in clappers if c.watch],
        "chat": [latency for c in clappers if c.watch for _, latency in c.chats],
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench._clappers")
    parser.add_argument("--link", required=True)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--rate", type=float, default=4.0, help="reactions per second each")
    parser.add_argument("--burst", type=int, default=0, help="taps at once before the rate")
    parser.add_argument("--watchers", type=int, default=20, help="connections that record")
    parser.add_argument("--nice", type=int, default=0, help=f"niceness; {IDLE}: SCHED_IDLE")
    asyncio.run(_main(parser.parse_args(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
