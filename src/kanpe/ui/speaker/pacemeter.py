"""The pace meter (opt-in): the microphone's speaking rate, and whether to say "slow down".

Off by default. When the speaker turns it on, ``PaceMeter`` opens the default microphone through
a ``Microphone`` (``MiniaudioMicrophone``: miniaudio, the library that plays the chimes) at
16 kHz mono. The device's thread only appends the samples it gets to a queue; once a second the
meter takes them, reduces them to loudness figures (``kanpe.core.speechrate``, which keeps
nothing else) and asks the rate. Nothing is recorded, kept or sent. With no microphone the
meter says so (``state`` NO_MICROPHONE) and nothing else changes.
"""

from __future__ import annotations

import logging
import time
from array import array
from collections import deque
from collections.abc import Callable, Generator, Sequence
from enum import StrEnum
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kanpe.core.speechrate import FastSpeech, SpeechRate

log = logging.getLogger("kanpe.ui")

RATE = 16000
POLL_MS = 1000


class MicrophoneMissing(Exception):
    """No input device could be opened; the message says why."""


class Microphone(Protocol):
    """A source of 16 kHz mono signed 16-bit samples, delivered on any thread."""

    def open(self, deliver: Callable[[bytes], None]) -> None:
        """Start delivering; raises MicrophoneMissing when there is no input to open."""
        ...

    def close(self) -> None: ...


class MiniaudioMicrophone:
    """The default input device (or the one named ``device``) through miniaudio."""

    def __init__(self, backends: Sequence[str] = (), device: str | None = None) -> None:
        self._backends = tuple(backends)
        self._device_name = device
        self._device: Any = None

    def open(self, deliver: Callable[[bytes], None]) -> None:
        import miniaudio

        backends = [miniaudio.Backend[name.upper()] for name in self._backends]
        try:
            captures = miniaudio.Devices(backends or None).get_captures()
            if not captures:
                raise MicrophoneMissing("no input device")
            device_id = None
            if self._device_name is not None:
                named = [c for c in captures if c["name"] == self._device_name]
                if not named:
                    raise MicrophoneMissing(f"no input device named {self._device_name}")
                device_id = named[0]["id"]
            device = miniaudio.CaptureDevice(
                input_format=miniaudio.SampleFormat.SIGNED16,
                nchannels=1,
                sample_rate=RATE,
                buffersize_msec=100,
                device_id=device_id,
                backends=backends,
                app_name="Kanpe",
            )
            sink = _sink(deliver)
            next(sink)
            device.start(sink)
        except miniaudio.MiniaudioError as exc:
            raise MicrophoneMissing(str(exc)) from exc
        self._device = device

    def close(self) -> None:
        if self._device is not None:
            self._device.close()
            self._device = None


def _sink(deliver: Callable[[bytes], None]) -> Generator[None, bytes, None]:
    """miniaudio's capture generator: hands each buffer on, on the device's thread."""
    while True:
        deliver((yield))


class MeterState(StrEnum):
    OFF = "off"
    LISTENING = "listening"
    NO_MICROPHONE = "no_microphone"


class PaceMeter(QObject):
    """Listens while on; ``rate`` (syllables a second, None: no speech heard) and ``fast``
    (the "slow down" hint) change once a second at most, and ``changed`` says so."""

    changed = Signal()

    def __init__(
        self,
        microphone: Microphone,
        *,
        clock: Callable[[], float] = time.monotonic,
        reference: float | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``reference``: the speaker's own rate from a rehearsal (None: a general limit)."""
        super().__init__(parent)
        self._microphone = microphone
        self._clock = clock
        self._reference = reference
        self._queue: deque[bytes] = deque()  # appended on the device's thread
        self._estimate = SpeechRate(RATE)
        self._watch = FastSpeech(reference)
        self.state = MeterState.OFF
        self.problem = ""  # why there is no microphone
        self.rate: float | None = None
        self._heard: list[float] = []  # the rates heard, once a second, for average_rate
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)

    @property
    def fast(self) -> bool:
        return self._watch.showing

    @property
    def reference(self) -> float | None:
        """The speaker's rehearsed rate that 'fast' is judged against (None: a general one)."""
        return self._reference

    def set_reference(self, rate: float | None) -> None:
        if rate != self._reference:
            self._reference = rate
            self._watch.reference = rate

    def restart_average(self) -> None:
        """Average the rates heard from now on (a rehearsal starts)."""
        self._heard = []

    def average_rate(self) -> float | None:
        """The mean of the rates heard since ``restart_average`` (or since turned on)."""
        return sum(self._heard) / len(self._heard) if self._heard else None

    def set_enabled(self, on: bool) -> MeterState:
        """Start or stop listening; the state now (NO_MICROPHONE: asked on, nothing to hear)."""
        if on and self.state is MeterState.LISTENING:
            return self.state
        self._stop()
        if on:
            try:
                self._microphone.open(self._queue.append)
            except MicrophoneMissing as exc:
                log.info("Pace meter: no microphone (%s)", exc)
                self.state, self.problem = MeterState.NO_MICROPHONE, str(exc)
            else:
                self.state = MeterState.LISTENING
                self._timer.start()
        self.changed.emit()
        return self.state

    def _stop(self) -> None:
        self._timer.stop()
        self._microphone.close()
        self._queue.clear()
        self._estimate.clear()
        self._watch = FastSpeech(self._reference)
        self.state, self.problem, self.rate = MeterState.OFF, "", None

    def poll(self) -> None:
        """Take what the microphone gave since the last poll, and judge the pace."""
        chunk = array("h")
        while self._queue:
            chunk.frombytes(self._queue.popleft())
        self._estimate.feed(chunk)
        rate = self._estimate.rate()
        before = (self.rate, self.fast)
        self.rate = rate
        if rate is not None:
            self._heard.append(rate)
        self._watch.follow(rate, self._clock())
        if (self.rate, self.fast) != before:
            self.changed.emit()

    def close(self) -> None:
        self._stop()
