"""The stage's feed as models: chat lines (bounded, batched) and reaction bursts (aggregated).

Chat arrives as fast as the audience types; rows are inserted in batches, at most one batch per
frame, and the oldest rows are dropped past ``MAX_ROWS`` so memory stays bounded in a flood.
Reactions are counted per emoji into bursts ("👏 x12") that stay while they keep coming and fade
out once they stop.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

if TYPE_CHECKING:
    from kanpe.core.model import ChatMessage  # msgspec types: loaded with the link


MAX_ROWS = 100  # far more than a feed pane shows
BATCH_MS = 50  # at most one insertion (and one relayout of the list) per 50 ms

HOLD = 3.0  # a burst stays fully visible this long after its last reaction
FADE = 1.2  # then fades out over this long
FADE_STEP_MS = 50  # repaint rate while something fades


class ChatListModel(QAbstractListModel):
    """Chat lines for a list view. DisplayRole is "text"; NameRole the sender's name. Plain text."""

    NameRole: ClassVar[int] = int(Qt.ItemDataRole.UserRole) + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ChatMessage] = []
        self._pending: list[ChatMessage] = []
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(BATCH_MS)
        self._flush.timeout.connect(self.flush)
        self.received = 0

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        message = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return message.text
        if role == self.NameRole:
            return message.name
        return None

    def messages(self) -> list[ChatMessage]:
        return list(self._rows)

    @property
    def rows(self) -> Sequence[ChatMessage]:
        """The kept lines, oldest first (read-only: the model owns the list)."""
        return self._rows

    def append(self, message: ChatMessage) -> None:
        self.received += 1
        self._pending.append(message)
        if len(self._pending) > MAX_ROWS:
            del self._pending[: len(self._pending) - MAX_ROWS]
        if not self._flush.isActive():
            self._flush.start()

    def reset_to(self, messages: list[ChatMessage]) -> None:
        self._flush.stop()
        self._pending.clear()
        self.beginResetModel()
        self._rows = list(messages[-MAX_ROWS:])
        self.endResetModel()

    def flush(self) -> None:
        self._flush.stop()
        batch, self._pending = self._pending, []
        if not batch:
            return
        overflow = len(self._rows) + len(batch) - MAX_ROWS
        if overflow > 0:
            drop = min(overflow, len(self._rows))
            self.beginRemoveRows(QModelIndex(), 0, drop - 1)
            del self._rows[:drop]
            self.endRemoveRows()
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
        self._rows.extend(batch)
        self.endInsertRows()


@dataclass(slots=True)
class Burst:
    emoji: str
    count: int
    last: float  # local monotonic time of the latest reaction in the burst

    def opacity(self, now: float) -> float:
        idle = now - self.last
        if idle <= HOLD:
            return 1.0
        return max(0.0, 1.0 - (idle - HOLD) / FADE)


class ReactionBursts(QObject):
    """Reactions aggregated per emoji while they keep coming; each burst fades when they stop."""

    changed = Signal()

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._bursts: dict[str, Burst] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expire)

    def add(self, emoji: str, count: int = 1) -> None:
        """``count`` more of ``emoji``: the relay sends reactions counted a few times a second,
        so 12 claps in one count show as 12, as 12 single ones would."""
        now = self._clock()
        burst = self._bursts.get(emoji)
        if burst is None or burst.opacity(now) <= 0.0:
            self._bursts[emoji] = Burst(emoji, count, now)
        else:
            # Put the burst back at the end (newest last) with the new ones.
            del self._bursts[emoji]
            self._bursts[emoji] = Burst(emoji, burst.count + count, now)
        self.changed.emit()
        self._arm(now)

    def bursts(self) -> list[tuple[Burst, float]]:
        """Each live burst with its opacity now, oldest first."""
        now = self._clock()
        return [(b, b.opacity(now)) for b in self._bursts.values() if b.opacity(now) > 0.0]

    def _expire(self) -> None:
        now = self._clock()
        for emoji in [e for e, b in self._bursts.items() if b.opacity(now) <= 0.0]:
            del self._bursts[emoji]
        self.changed.emit()
        self._arm(now)

    def _arm(self, now: float) -> None:
        """Wake when the next burst starts fading, or at the next fade step while one fades."""
        if not self._bursts:
            self._timer.stop()
            return
        fading = any(b.opacity(now) < 1.0 for b in self._bursts.values())
        if fading:
            delay_ms = FADE_STEP_MS
        else:
            first_fade = min(b.last for b in self._bursts.values()) + HOLD
            delay_ms = max(FADE_STEP_MS, int((first_fade - now) * 1000) + 1)
        if not self._timer.isActive() or self._timer.remainingTime() > delay_ms:
            self._timer.start(delay_ms)
