"""Automatic cues (issue 10): how late after its threshold a cue reaches the speaker.

    python -m bench autocue [--talks N] [--rounds N]

A relay in this process and, for each of N talks, a speaker ``LinkClient``; every talk lasts 3 s
with its warning at 2 s left and its final at 1 s left, so each round fires 3 x N cues. For each
cue: relay time when the speaker's client applied it, minus the moment its threshold was reached
(the timer's deadline minus the threshold). That is the relay's alarm, the commit, the fan-out
and the loopback link together. Nothing here asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench._support import Figure, Summary, print_figures, print_header
from kanpe.core.autocue import seconds_left_at
from kanpe.core.events import SlotChanged
from kanpe.core.model import RoomState, Threshold
from kanpe.core.protocol import ResetTimer, StartTimer
from kanpe.core.rundown import Rundown, Slot
from kanpe.net.link import Applied, LinkClient, LinkNotice, wait_for_state
from kanpe.net.relay import Relay, RelayConfig

TARGET_MS = 20.0  # a cue a speaker sees within a frame or two of its moment
_BY_TEXT = {
    "2 s left": Threshold.WARNING,
    "1 s left": Threshold.FINAL,
    "Time is up": Threshold.TIME_UP,
}


async def _measure(talks: int, rounds: int) -> list[float]:
    lateness: list[float] = []
    slots = tuple(Slot(id=f"t{i}", duration=3, warning=2, final=1) for i in range(talks))
    rundown = Rundown(slots=slots)
    with tempfile.TemporaryDirectory(prefix="kanpe-bench-") as folder:
        config = RelayConfig(host="127.0.0.1", port=0, data_dir=Path(folder))
        async with Relay(config) as relay:
            invites = await relay.create_room(rundown=rundown)
            host = LinkClient(invites.host)
            speakers = [LinkClient(invites.speakers[slot.id]) for slot in slots]
            for client in (host, *speakers):
                await client.start()
                await client.ready()
            for plan, speaker in zip(slots, speakers, strict=True):
                speaker.add_listener(_recorder(relay, plan, lateness))
            for _ in range(rounds):
                for plan in slots:
                    await host.command(StartTimer(id=host.new_id(), slot=plan.id))
                for plan, speaker in zip(slots, speakers, strict=True):
                    await wait_for_state(speaker, _all_fired(plan.id))
                for plan in slots:
                    await host.command(ResetTimer(id=host.new_id(), slot=plan.id))
            for client in (host, *speakers):
                await client.close()
    return lateness


def _all_fired(slot_id: str) -> Callable[[RoomState], bool]:
    def check(state: RoomState) -> bool:
        return state.slots[slot_id].auto_cues.fired == tuple(Threshold)

    return check


def _recorder(relay: Relay, plan: Slot, lateness: list[float]) -> Callable[[LinkNotice], None]:
    seen: set[str] = set()

    def on_notice(notice: LinkNotice) -> None:
        if not isinstance(notice, Applied) or not isinstance(notice.event, SlotChanged):
            return
        slot = notice.event.slot
        cue = slot.cue
        if cue is None or cue.id in seen or cue.text not in _BY_TEXT or slot.timer.deadline is None:
            return
        seen.add(cue.id)
        moment = slot.timer.deadline - seconds_left_at(plan, _BY_TEXT[cue.text])
        lateness.append((relay.clock.now() - moment) * 1000)

    return on_notice


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench autocue")
    parser.add_argument("--talks", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    print_header("automatic cues")
    lateness = asyncio.run(_measure(args.talks, args.rounds))
    summary = Summary.of(lateness)
    print_figures(
        [
            Figure(
                f"Auto-cue at the speaker after its threshold, p99 ({args.talks} talks)",
                summary.p99,
                "ms",
                TARGET_MS,
                note=f"p50 {summary.p50:.2f} ms, max {summary.max:.2f} ms, {summary.n} cues",
            )
        ]
    )
    return 0
