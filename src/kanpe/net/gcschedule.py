"""The relay's side of the garbage-collection policy (``core/gcpolicy.py``): a task that, a few
times a second, asks the schedule whether a collection is due and runs it between frames, never
in the middle of one. The relay is quiet when no frame has been read for the policy's
``idle_after`` and nothing waits in its audience queue or public backlog."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable

from kanpe.core.gcpolicy import GcPolicy, GcSchedule

#: Seconds between two looks at the schedule.
CHECK_EVERY = 0.25


class RelayCollector:
    def __init__(
        self, policy: GcPolicy, last_work: Callable[[], float], busy: Callable[[], bool]
    ) -> None:
        """``last_work``: monotonic time of the latest frame read; ``busy``: work is queued."""
        self.schedule = GcSchedule(policy, time.monotonic())
        self._last_work = last_work
        self._busy = busy
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self.schedule.install()
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self.schedule.uninstall()

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(CHECK_EVERY)
            now = time.monotonic()
            self.schedule.step(now, now if self._busy() else self._last_work())
