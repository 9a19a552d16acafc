"""The audience's frames wait their turn: hosts and speakers first (docs/protocol.md 12.2).

Frames from host and speaker connections are handled as soon as they are read. Frames from
audience and viewer connections are stamped when read and queued here; one worker handles them a
slice at a time (SLICE_FRAMES frames or SLICE_SECONDS, whichever comes first), writes a slice of
the fan-out's public backlog, and yields to the event loop, where host and speaker frames are
read and handled in between. So a cue waits behind at most one slice, whatever the applause.

Each connection may have READ_AHEAD frames queued; its reader then stops reading until the queue
has room, and the time it was held is credited to its rate bucket, since what its peer sent
meanwhile now arrives at once (docs/protocol.md 12.1).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import AsyncIterable, Callable

from kanpe.net.fanout import Fanout
from kanpe.net.liveroom import Conn

log = logging.getLogger("kanpe.relay")

SLICE_FRAMES = 64
SLICE_SECONDS = 0.005
READ_AHEAD = 32

type Handler = Callable[[Conn, str | bytes, float], None]


class Intake:
    def __init__(self, handle: Handler, fanout: Fanout) -> None:
        self._handle = handle
        self._fanout = fanout
        self._queue: deque[tuple[Conn, str | bytes, float]] = deque()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopped = False
        fanout.on_backlog = self._wake.set
        #: Frames handled, and slices that ended with frames still queued (the relay was busy).
        self.handled = 0
        self.busy_slices = 0

    @property
    def queued(self) -> int:
        return len(self._queue)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._work())

    async def stop(self) -> None:
        """Stop handling; readers held at the read-ahead cap let go, so connections can close."""
        self._stopped = True
        for conn, _, _ in self._queue:
            if conn.room_for_more is not None:
                conn.room_for_more.set()
        self._queue.clear()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def read(self, conn: Conn, frames: AsyncIterable[str | bytes]) -> None:
        """Read ``conn``'s frames into the queue until the connection ends."""
        async for raw in frames:
            if self._stopped:
                return
            self._queue.append((conn, raw, time.monotonic()))
            conn.queued += 1
            self._wake.set()
            if conn.queued >= READ_AHEAD:
                conn.room_for_more = asyncio.Event()
                held = time.monotonic()
                await conn.room_for_more.wait()
                conn.room_for_more = None
                conn.bucket.credit(time.monotonic() - held)

    async def _work(self) -> None:
        while True:
            if not self._queue and not self._fanout.backlog:
                self._wake.clear()
                await self._wake.wait()
            self._slice()
            self._fanout.drain()
            await asyncio.sleep(0)  # hosts' and speakers' frames get their turn here

    def _slice(self) -> None:
        deadline = time.perf_counter() + SLICE_SECONDS
        queue = self._queue
        for _ in range(SLICE_FRAMES):
            if not queue:
                return
            conn, raw, stamp = queue.popleft()
            conn.queued -= 1
            if conn.room_for_more is not None and conn.queued <= READ_AHEAD // 2:
                conn.room_for_more.set()
            try:
                self._handle(conn, raw, stamp)
            except Exception:
                log.exception("an audience frame could not be handled")
            self.handled += 1
            if time.perf_counter() > deadline:
                break
        if queue:
            self.busy_slices += 1
