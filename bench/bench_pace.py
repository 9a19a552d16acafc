"""Pace meter: its rate on real speech, and the speaker app's idle CPU with it off and on.

    python -m bench pace [--idle 30] [--shot DIR]

- rate: espeak-ng says the same English and Japanese text at 120 and 220 words per minute
  (tests/support/speech.py, resampled to 16 kHz by sox); the meter (kanpe.core.speechrate, fed
  0.1 s chunks as from a microphone, asked once a second) gives a rate for each; the fast one
  must be at least 1.5x the slow one (printed as slow / fast <= 0.667);
- meter CPU: what the estimate costs per second of audio, in the benchmark's own process;
- idle CPU: ``kanpe speak`` on the sample deck under Xvfb, countdown started (S), user+system
  CPU of its process tree over the idle window; once with the meter off (target 0.15 % of a
  core) and once on (target 2 %), listening to a private PulseAudio server's null-sink monitor
  (tests/support/pulse.py) into which espeak-ng's fast English is played over and over.

Needs espeak-ng, sox, PulseAudio, Xvfb and xdotool (make system-deps, make bench-deps).
Never a test: figures are printed with their targets, nothing asserts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.support import pulse
from tests.support.speech import FAST_WPM, SLOW_WPM, heard_rate, samples, speech_file

from bench._support import Figure, print_figures, print_header

ROOT = Path(__file__).resolve().parent.parent
DECK = ROOT / "assets" / "decks" / "sample.pdf"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench pace")
    parser.add_argument("--idle", type=float, default=30.0, help="idle CPU window, seconds")
    parser.add_argument("--shot", type=Path, help="save a screenshot of each idle run here")
    parser.add_argument("--no-idle", action="store_true", help="the rates only")
    args = parser.parse_args(argv)
    if not args.no_idle and not os.environ.get("DISPLAY"):
        if shutil.which("xvfb-run") is None:
            print("bench pace: needs xvfb-run (apt-get install xvfb)", file=sys.stderr)
            return 1
        command = [sys.executable, "-m", "bench", "pace", *argv]
        return subprocess.call(["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", *command])
    print_header("Pace meter: rate on espeak-ng speech, idle CPU with the meter off and on")
    with tempfile.TemporaryDirectory(prefix="kanpe-bench-pace-") as folder:
        work = Path(folder)
        figures = rates(work)
        if not args.no_idle:
            figures += idle(work, args.idle, args.shot)
    print("\n-- summary --")
    print_figures(figures)
    print("\n-- BENCHMARKS.md rows --")
    for figure in figures:
        target = "-" if figure.target is None else f"<= {figure.target:g} {figure.unit}"
        ratio = "-" if figure.ratio is None else f"{figure.ratio:.2f}"
        print(f"| {figure.name} | {target} | {figure.measured:.3f} {figure.unit} | {ratio} |")
    return 0


def rates(work: Path) -> list[Figure]:
    from kanpe.core.speechrate import SpeechRate

    figures = []
    for language in ("en", "ja"):
        slow_file = speech_file(work, language, SLOW_WPM)
        fast_file = speech_file(work, language, FAST_WPM)
        slow, fast = heard_rate(samples(slow_file)), heard_rate(samples(fast_file))
        if slow is None or fast is None:
            print(f"  {language}: no rate (slow {slow}, fast {fast})")
            continue
        print(
            f"  {language}: {SLOW_WPM} wpm {slow:.2f} syllables/s, {FAST_WPM} wpm {fast:.2f}"
            f" syllables/s: fast / slow {fast / slow:.2f}",
            flush=True,
        )
        figures.append(
            Figure(
                f"meter {language}: slow rate / fast rate",
                slow / fast,
                "x",
                1 / 1.5,
                f"fast / slow {fast / slow:.2f} (target >= 1.5): {slow:.2f} vs {fast:.2f} /s",
            )
        )
    data = samples(speech_file(work, "ja", SLOW_WPM))
    meter = SpeechRate(16000)
    started = time.process_time()
    for start in range(0, len(data), 1600):
        meter.feed(data[start : start + 1600])
        if start % 16000 == 0:
            meter.rate()
    cost = (time.process_time() - started) / (len(data) / 16000)
    figures.append(Figure("meter: CPU per second of audio", cost * 100, "%", None))
    return figures


def idle(work: Path, seconds: float, shot: Path | None) -> list[Figure]:
    from bench.bench_speaker import _env, _xdotool, focus, hide_practice_window, idle_cpu

    figures = []
    speech = speech_file(work, "en", FAST_WPM)
    for on in (False, True):
        home = work / ("meter-on" if on else "meter-off")
        config = home / "config" / "kanpe"
        config.mkdir(parents=True)
        (config / "speaker.toml").write_text(f"[console]\npace_meter = {str(on).lower()}\n")
        with pulse.virtual_microphone(home / "server") as address:
            env = {**_env(home), "PULSE_SERVER": address}
            command = [sys.executable, "-m", "kanpe", "speak", str(DECK), "--minutes", "20"]
            proc = subprocess.Popen(
                command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            talking = threading.Event()
            speaker = threading.Thread(target=_talk, args=(address, speech, talking))
            try:
                focus(proc.pid)
                time.sleep(3.0)  # let it settle: pre-rendering, the practice room's relay
                hide_practice_window(proc.pid)
                focus(proc.pid)
                # Esc first: the console may open with the cursor in the poll's question.
                _xdotool("key", "Escape")
                _xdotool("key", "s")  # the countdown runs
                if proc.poll() is not None:
                    raise RuntimeError(f"kanpe speak exited ({proc.returncode})")
                if on:
                    talking.set()
                    speaker.start()
                time.sleep(2.0)
                cpu = idle_cpu(proc.pid, seconds)
                if shot is not None:
                    shot.mkdir(parents=True, exist_ok=True)
                    name = "on" if on else "off"
                    path = shot / f"pace-{name}.png"
                    subprocess.run(["import", "-window", "root", str(path)], check=False)
            finally:
                talking.clear()
                if speaker.is_alive():
                    speaker.join()
                proc.terminate()
                proc.wait(10)
        label = "on, fast speech" if on else "off"
        print(f"  idle CPU, countdown running, meter {label}: {cpu * 100:.3f} %", flush=True)
        target = 2.0 if on else 0.15
        figures.append(
            Figure(f"idle CPU, countdown running, meter {label}", cpu * 100, "%", target)
        )
    return figures


def _talk(address: str, speech: Path, talking: threading.Event) -> None:
    """espeak-ng's fast speech into the virtual microphone, over and over, while ``talking``."""
    while talking.is_set():
        pulse.play(address, speech)
