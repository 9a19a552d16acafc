"""Real speech for the pace meter's tests and benchmark: espeak-ng saying the same text slowly
and fast, in English and Japanese, resampled by sox to the meter's 16 kHz mono."""

from __future__ import annotations

import shutil
import subprocess
import wave
from array import array
from pathlib import Path

RATE = 16000
#: The same text in both languages, a meetup talk's opening (about 50 English syllables).
TEXTS = {
    "en": (
        "Online talks are hard because nobody nods and nobody fidgets, so the speaker cannot "
        "tell whether the pace is right. Today I will show how a small timer keeps a meetup "
        "on schedule."
    ),
    "ja": (
        "オンラインの発表では聞き手の顔が見えないので、話す速さが適切かどうか分かりません。"
        "今日は小さなタイマーで勉強会の進行を守る方法を紹介します。"
    ),
}
SLOW_WPM, FAST_WPM = 120, 220


def missing_tools() -> list[str]:
    return [tool for tool in ("espeak-ng", "sox") if shutil.which(tool) is None]


def speech_file(folder: Path, language: str, wpm: int) -> Path:
    """A 16 kHz mono WAV of ``TEXTS[language]`` said at ``wpm`` words per minute (made once)."""
    out = folder / f"{language}_{wpm}.wav"
    if out.exists():
        return out
    raw = folder / f"{language}_{wpm}_22k.wav"
    voice = {"en": "en-us", "ja": "ja"}[language]
    subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(wpm), "-w", str(raw), TEXTS[language]], check=True
    )
    subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out)], check=True)
    return out


def samples(path: Path) -> array[int]:
    """The WAV's 16-bit mono samples."""
    with wave.open(str(path)) as file:
        assert (file.getnchannels(), file.getsampwidth(), file.getframerate()) == (1, 2, RATE)
        return array("h", file.readframes(file.getnframes()))


def heard_rate(data: array[int], chunk: int = 1600) -> float | None:
    """What the meter says, fed ``data`` as a microphone would give it (0.1 s chunks), asked
    once a second: the median of its answers (None if it never had one)."""
    from kanpe.core.speechrate import SpeechRate

    meter = SpeechRate(RATE)
    rates = []
    for start in range(0, len(data), chunk):
        meter.feed(data[start : start + chunk])
        if (start // chunk) % 10 == 9:
            rate = meter.rate()
            if rate is not None:
                rates.append(rate)
    final = meter.rate()
    if final is not None:
        rates.append(final)
    if not rates:
        return None
    return sorted(rates)[len(rates) // 2]
