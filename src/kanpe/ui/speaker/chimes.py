"""The threshold chimes in the presenter console (never the stage): optional, off by default.

``ThresholdSounds`` follows the countdown ticker and plays ``kanpe.core.chimes``'s chime, once per
threshold crossed, through a ``SoundOutput``. ``MiniaudioOutput`` is the real one: miniaudio (the
same library as the pace meter) opens the default output device for the length of the chime
only, so an idle console keeps no audio device busy. A machine with no output device plays
nothing and says so once in the log.
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from kanpe.core.chimes import Chime, ThresholdChimes, chime_samples, chime_seconds

if TYPE_CHECKING:
    from array import array

    from kanpe.ui.ticker import CountdownTicker

log = logging.getLogger("kanpe.ui")

RATE = 44100
#: The device stays open this much longer than the chime, so its last buffer is heard whole.
TAIL_MS = 250


class SoundOutput(Protocol):
    """Where a chime is played."""

    def play(self, chime: Chime) -> None:
        """Start playing ``chime``; returns at once."""
        ...

    def close(self) -> None:
        """Stop whatever is playing."""
        ...


def _feed(samples: array[int]) -> Generator[bytes, int, None]:
    """miniaudio's playback generator: ``samples`` in the frame counts asked for, then silence."""
    data = samples.tobytes()
    position = 0
    frames = yield b""
    while position < len(data):
        chunk = data[position : position + 2 * frames]
        position += len(chunk)
        frames = yield chunk


class MiniaudioOutput(QObject):
    """Plays chimes on the default output device (or the first of ``backends``' devices)."""

    played = Signal(str)  # the chime's name, once its device is closed after it
    failed = Signal(str)  # why no device could be opened

    def __init__(self, backends: Sequence[str] = (), parent: QObject | None = None) -> None:
        """``backends``: miniaudio backend names to try, in order (empty: the system's)."""
        super().__init__(parent)
        self._backends = tuple(backends)
        self._devices: list[Any] = []
        self._sounds = {chime: chime_samples(chime, RATE) for chime in Chime}

    def play(self, chime: Chime) -> None:
        import miniaudio  # loaded on the first chime, not with the console

        try:
            device = miniaudio.PlaybackDevice(
                nchannels=1,
                sample_rate=RATE,
                buffersize_msec=50,
                backends=[miniaudio.Backend[name.upper()] for name in self._backends],
                app_name="Kanpe",
            )
            feed = _feed(self._sounds[chime])
            next(feed)
            device.start(feed)
        except miniaudio.MiniaudioError as exc:
            log.warning("No sound for the %s chime: %s", chime, exc)
            self.failed.emit(str(exc))
            return
        self._devices.append(device)
        delay = round(chime_seconds(chime) * 1000) + TAIL_MS
        QTimer.singleShot(delay, self, lambda: self._close(device, chime))

    def _close(self, device: Any, chime: Chime) -> None:
        device.close()
        self._devices.remove(device)
        self.played.emit(str(chime))

    def close(self) -> None:
        """Stop whatever is playing."""
        for device in self._devices:
            device.close()
        self._devices.clear()


class ThresholdSounds(QObject):
    """Plays a chime through ``output`` as ``ticker``'s countdown crosses each threshold, while
    ``enabled``; follows the phase when disabled too, so turning it on sounds nothing at once."""

    chimed = Signal(str)  # the chime's name, as it is handed to the output

    def __init__(
        self,
        ticker: CountdownTicker,
        output: SoundOutput,
        *,
        enabled: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ticker = ticker
        self.output = output
        self.enabled = enabled
        self._chimes = ThresholdChimes()
        ticker.changed.connect(self.follow)
        self.follow()

    def follow(self) -> None:
        chime = self._chimes.follow(self.ticker.phase, self.ticker.status)
        if chime is not None and self.enabled:
            self.output.play(chime)
            self.chimed.emit(str(chime))
