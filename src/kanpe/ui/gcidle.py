"""The Qt side of the garbage-collection policy (``core/gcpolicy.py``): collections that would
stutter a flip or a countdown repaint on a shared screen run at the app's quiet moments instead.

``start`` freezes what start-up made (the windows, the deck, Qt's and PySide's own objects) without
collecting first, so starting costs nothing; from then on the interpreter runs only the young
collections (what was made since, a few milliseconds at most), and this collector runs a full one
when nothing has happened for the policy's ``idle_after`` (no flip, no key, no chat line: the
signals given to ``watch``), never within ``GUARD`` of the countdown's next repaint.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, SignalInstance

from kanpe.core.gcpolicy import GcPolicy, GcSchedule

#: Milliseconds between two looks at the schedule.
CHECK_MS = 500
#: Seconds before the countdown's next repaint within which nothing is collected.
GUARD = 0.3


class IdleCollector(QObject):
    def __init__(
        self,
        policy: GcPolicy,
        *,
        next_paint: Callable[[], float | None] = lambda: None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        """``next_paint``: local monotonic time of the next repaint that is already scheduled
        (the countdown's), or None."""
        super().__init__(parent)
        self._clock = clock
        self._next_paint = next_paint
        self.schedule = GcSchedule(policy, clock())
        self.last_work = clock()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.timeout.connect(self.check)

    def watch(self, *signals: SignalInstance) -> None:
        """Each of ``signals`` is work: a full collection waits for a quiet moment after it."""
        for signal in signals:
            signal.connect(self.touch)

    def touch(self) -> None:
        self.last_work = self._clock()

    def start(self) -> None:
        self.schedule.install(collect_first=False)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.schedule.uninstall()

    def check(self) -> int | None:
        """Collect what is due now, unless a repaint is near; the generation collected."""
        now = self._clock()
        due = self._next_paint()
        if due is not None and due - now < GUARD:
            return None
        return self.schedule.step(now, self.last_work)
