"""A small TCP proxy that injects delay, jitter, stalls and cuts between a client and the relay.

The kernel here has no ``tc netem``, so tests and benchmarks put this in the path instead. Delays
are per chunk and keep byte order (a chunk is never delivered before the one ahead of it), which
is what a real TCP path with queueing jitter looks like to the application.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from dataclasses import dataclass


@dataclass
class Faults:
    delay: float = 0.0  # seconds, each direction
    jitter: float = 0.0  # uniform +- seconds around delay
    stalled: bool = False  # hold every byte (a dead Wi-Fi): connections stay open
    refuse: bool = False  # refuse new connections (relay unreachable)


class FaultProxy:
    def __init__(self, target_host: str, target_port: int, *, seed: int | None = None) -> None:
        self.target = (target_host, target_port)
        self.faults = Faults()
        self._random = random.Random(seed)
        self._server: asyncio.Server | None = None
        self._links: set[_Link] = set()
        self._handlers: set[asyncio.Task[None]] = set()
        self._resume = asyncio.Event()
        self._resume.set()

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._server = await asyncio.start_server(self._accept, host, port)

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.sockets[0].getsockname()[1])

    def url(self, path: str = "/ws") -> str:
        return f"ws://127.0.0.1:{self.port}{path}"

    def stall(self, stalled: bool = True) -> None:
        self.faults.stalled = stalled
        if stalled:
            self._resume.clear()
        else:
            self._resume.set()

    def cut(self, *, refuse: bool = False) -> None:
        """Drop every open connection (RST-like); with ``refuse``, also refuse new ones."""
        self.faults.refuse = refuse
        for link in list(self._links):
            link.abort()

    def restore(self) -> None:
        self.faults.refuse = False
        self.stall(False)

    async def stop(self) -> None:
        """Close everything and wait until every connection's task has ended."""
        self.cut()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        if self._handlers:
            await asyncio.gather(*self._handlers, return_exceptions=True)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._handlers.add(task)
            task.add_done_callback(self._handlers.discard)
        if self.faults.refuse:
            writer.transport.abort()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        link = _Link(writer, up_writer)
        self._links.add(link)
        try:
            await asyncio.gather(
                self._pump(reader, up_writer, link), self._pump(up_reader, writer, link)
            )
        finally:
            self._links.discard(link)
            link.abort()

    def _latency(self) -> float:
        faults = self.faults
        jitter = self._random.uniform(-faults.jitter, faults.jitter) if faults.jitter else 0.0
        return max(0.0, faults.delay + jitter)

    async def _pump(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, link: _Link
    ) -> None:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()
        last_due = 0.0

        async def deliver() -> None:
            while True:
                due, chunk = await queue.get()
                wait = due - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                await self._resume.wait()
                if not chunk:
                    if writer.can_write_eof():
                        writer.write_eof()
                    return
                writer.write(chunk)
                await writer.drain()

        sender = asyncio.create_task(deliver())
        try:
            while True:
                chunk = await reader.read(65536)
                due = max(last_due, loop.time() + self._latency())
                last_due = due
                queue.put_nowait((due, chunk))
                if not chunk:
                    break
            await sender
        except (ConnectionError, OSError):
            link.abort()
        finally:
            sender.cancel()
            with contextlib.suppress(asyncio.CancelledError, ConnectionError, OSError):
                await sender


class _Link:
    def __init__(self, *writers: asyncio.StreamWriter) -> None:
        self._writers = writers

    def abort(self) -> None:
        for writer in self._writers:
            writer.transport.abort()
