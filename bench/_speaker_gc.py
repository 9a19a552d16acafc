"""The speaker app's garbage-collector pauses (issue 13), measured inside its process:

    python -m bench._speaker_gc --deck DECK [--gc policy|default] [--flips 200] [--minutes 25]

A solo speaker app (stage, console, overlay, and the embedded relay on its loop, as ``kanpe
speak`` runs) on the deck, under the collection policy that ``kanpe speak`` installs after its
first slide (``SpeakerApp.collect_garbage_when_idle``) or the interpreter's default. A live
audience (a link in the same process) chats, reacts and asks throughout. Then:

- ``--flips`` flips, four a second (a key to the console, waiting for the three slide views to
  paint), with a chat line every second flip and a question every tenth;
- a ``--minutes`` countdown on a simulated clock: the link's clock is moved on to each change of
  the countdown's text, which repaints, and the collector looks at its schedule halfway between
  two repaints, as its timer would; a chat line and a reaction every ten seconds of it;
- a burst: the host sends ``--burst`` chat lines 40 a second (its rate allows 50).

Prints one JSON line: the pauses of each phase (bench/_gcpauses.py), the collector's counts, and
what one full collection costs at the end (what the interpreter's own would cost whenever it came).
Run by ``python -m bench speaker --only gc``.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._gcpauses import PauseWatch


class SimulatedClock:
    """Monotonic time plus what the benchmark has skipped ahead."""

    def __init__(self) -> None:
        self.skipped = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.skipped


async def _run(args: argparse.Namespace) -> dict[str, Any]:
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from kanpe.app import solo_room
    from kanpe.core.clockface import TimerStatus
    from kanpe.core.gcpolicy import SPEAKER_GC
    from kanpe.core.protocol import AskQuestion, React, SendChat
    from kanpe.net.link import LinkClient
    from kanpe.storage.settings import SettingsStore
    from kanpe.ui.speaker.app import SpeakerApp
    from kanpe.ui.speaker.slotmodel import SpeakerSlotModel

    painted: set[int] = set()
    waiting: list[asyncio.Future[None]] = []

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.add(id(watched))
                if len(painted) >= waiting_for[0] and waiting and not waiting[0].done():
                    waiting[0].set_result(None)
            return False

    waiting_for = [3]

    async def painted_by(count: int) -> None:
        painted.clear()
        waiting_for[0] = count
        waiting[:] = [asyncio.get_running_loop().create_future()]

    clock = SimulatedClock()
    result: dict[str, Any] = {"policy": args.gc}
    async with solo_room(args.minutes, title="bench") as room:
        # One clock sample at the start (no resync): relay time then follows the simulated clock.
        link = LinkClient(room.speaker_link, clock=clock, time_sync_interval=1e5)
        await link.start()
        await link.ready()
        home = Path(tempfile.mkdtemp(prefix="kanpe-bench-gc-"))
        speaker = SpeakerApp(
            SpeakerSlotModel.following(link),
            settings=SettingsStore.for_speaker(home / "s.toml"),
            solo=True,
        )
        audience = LinkClient(room.invites.audience, client_id="bench-audience")
        await audience.start()
        await audience.ready()
        lines = [0]

        async def chat(question: bool = False) -> None:
            """One line from the audience, once the speaker app has it (chat within its rate)."""
            lines[0] += 1
            seen = asyncio.get_running_loop().create_future()

            def arrived(*_: object) -> None:
                if not seen.done():
                    seen.set_result(None)

            speaker.model.chatPosted.connect(arrived)
            text = f"最高です、スライドの文字が小さい #{lines[0]}"
            await audience.command(SendChat(id=audience.new_id(), text=text, name="Mika"))
            await asyncio.wait_for(seen, 5)
            speaker.model.chatPosted.disconnect(arrived)
            if question:
                await audience.command(AskQuestion(id=audience.new_id(), text=f"Why? {text}"))
            audience.command(React(id=audience.new_id(), emoji="👏"))

        speaker.open_deck(Path(args.deck))
        speaker.show()
        await asyncio.sleep(2.0)  # the first slides rendered, as kanpe speak waits for its first
        collector = speaker.collect_garbage_when_idle(SPEAKER_GC) if args.gc == "policy" else None
        running = asyncio.get_running_loop().create_future()

        def started() -> None:
            if speaker.ticker.status is TimerStatus.RUNNING and not running.done():
                running.set_result(None)

        speaker.ticker.changed.connect(started)
        speaker.start_pause()
        await asyncio.wait_for(running, 10)
        spy = Painted()
        for view in speaker.deck.views():
            view.installEventFilter(spy)
        pauses = PauseWatch()
        for n in range(args.flips):
            await painted_by(3)
            key = Qt.Key.Key_PageDown if (n // 50) % 2 == 0 else Qt.Key.Key_PageUp
            press = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)
            QApplication.sendEvent(speaker.console, press)
            await asyncio.wait_for(waiting[0], 5)
            if n % 2:
                await chat(question=n % 10 == 9)
            await asyncio.sleep(0.25)
        result["flips"] = pauses.take()
        for view in speaker.deck.views():
            view.removeEventFilter(spy)
        face = speaker.console.face  # the console's countdown
        face.installEventFilter(spy)
        for second in range(int(args.minutes * 60)):
            if second % 10 == 0:
                await chat()
            due = speaker.ticker.due  # the next change of the countdown's text
            if due is None:
                break
            clock.skipped += max(0.0, due - clock()) / 2
            if collector is not None:
                collector.check()  # halfway between two repaints, as its timer looks
            clock.skipped += max(0.0, due - clock())
            await painted_by(1)
            speaker.ticker.refresh()
            await asyncio.wait_for(waiting[0], 5)
        result["countdown"] = pauses.take()
        # A burst: the host sends 400 lines into the chat, 40 a second.
        host = LinkClient(room.invites.host, client_id="bench-host")
        await host.start()
        await host.ready()
        sent = []
        for n in range(args.burst):
            text = f"お知らせ {n}: 次は 5 分後"
            sent.append(host.command(SendChat(id=host.new_id(), text=text)))
            await asyncio.sleep(1 / 40)  # under the host's 50 a second
        await asyncio.gather(*sent)
        await host.close()
        result["burst"] = pauses.stop()
        # What a full collection costs in this process now, whenever it comes: under the policy
        # it walks what is not frozen; under the default, everything.
        started, cpu = time.perf_counter(), time.thread_time()
        gc.collect()
        result["full_collect_ms"] = (time.perf_counter() - started) * 1000
        result["full_collect_cpu_ms"] = (time.thread_time() - cpu) * 1000
        result["shown"] = speaker.ticker.text
        result["chat_lines"] = lines[0]
        if collector is not None:
            result["full_collections"] = collector.schedule.full_collections
            result["young_collections"] = collector.schedule.young_collections
        speaker.quit()
        await audience.close()
        await link.close()
    return result


def main(argv: list[str]) -> int:
    import qasync
    from PySide6.QtWidgets import QApplication

    parser = argparse.ArgumentParser(prog="python -m bench._speaker_gc")
    parser.add_argument("--deck", required=True)
    parser.add_argument("--gc", choices=("policy", "default"), default="policy")
    parser.add_argument("--flips", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=25.0)
    parser.add_argument("--burst", type=int, default=400, help="host chat lines at the end")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    result = asyncio.run(_run(args), loop_factory=lambda: qasync.QEventLoop(app))
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
