"""Storm benchmarks (issue 11): an applause storm must never delay a cue.

    python -m bench storm [a] [b] [--seconds 60] [--before TREE] [--profile-relay DIR]
                          [--relay-gc policy|default]

(a) 300 audience connections clapping at the audience page's own maximum (a burst of 10, then 4
a second), (b) 1,000 clapping once a second, in several processes. Meanwhile three audience
members chat 10 messages a second in all and the host sends a speaker a cue every 0.5 s. The relay
runs in its own process pinned to the first CPU; everything else runs on the others.

Figures: cue host -> speaker p99 (<= 20 ms), reaction count seen by the watching clients p99 from
the tap (<= 500 ms: when a client's count first includes as many reactions as had been sent by
the tap's moment), chat p99 (<= 250 ms), frames refused and connections closed among clients
within the documented rate (0), relay CPU and RSS, and the relay's worst garbage-collector pause
during the storm (measured in the relay process, per generation: count, worst, p99) with the
objects it tracks per connection. ``--before TREE`` runs the same against the
relay of another checkout (e.g. a ``git worktree`` of the commit before the change) and prints
the ratios. Nothing here asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench._gcpauses import pause_line
from bench._support import (
    CHAT_MARK,
    Child,
    CpuWatch,
    Figure,
    Summary,
    print_figures,
    print_header,
    raise_nofile_limit,
    rss_bytes,
    start_relay,
)
from bench.bench_link import join, pin
from kanpe.core.events import SlotChanged
from kanpe.core.model import CueKind
from kanpe.core.protocol import SendChat, SendCue, SetCurrent
from kanpe.net.link import Applied, LinkClient, LinkNotice

MS = 1000.0


@dataclass(frozen=True, slots=True)
class Scenario:
    clients: int
    rate: float
    burst: int
    processes: int
    watchers: int  # per process


SCENARIOS = {
    "a": Scenario(clients=300, rate=4.0, burst=10, processes=2, watchers=20),
    "b": Scenario(clients=1000, rate=1.0, burst=0, processes=4, watchers=20),
}


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench storm", description=__doc__)
    parser.add_argument("which", nargs="*", help="a, b (default: both)")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--before", metavar="TREE", help="also run TREE/src's relay, compare")
    parser.add_argument("--profile-relay", metavar="DIR", help="cProfile the relay into DIR")
    parser.add_argument(
        "--relay-gc",
        choices=("policy", "default"),
        default="policy",
        help="the relay's collection policy (core/gcpolicy.py) or the interpreter's default",
    )
    parser.add_argument("--chat-rate", type=float, default=10.0)
    parser.add_argument("--cue-interval", type=float, default=0.5)
    parser.add_argument(
        "--nice",
        type=int,
        default=-10,
        help="niceness of this process and all it starts (root may go below 0): on a shared "
        "machine the relay, the speaker and the audience then get their CPUs first, as their "
        "own machines would give them (0: leave it)",
    )
    args = parser.parse_args(argv)
    args.which = list(dict.fromkeys(args.which or SCENARIOS))
    if args.profile_relay:
        Path(args.profile_relay).mkdir(parents=True, exist_ok=True)
    unknown = set(args.which) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios {sorted(unknown)}")
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.ERROR, format="%(name)s: %(message)s")
    raise_nofile_limit()
    if args.nice:
        os.setpriority(os.PRIO_PROCESS, 0, args.nice)  # inherited by the relay and the crowd
        # With autogroup scheduling, niceness only orders processes within a session; other
        # sessions (other people's test runs) share the CPUs with this one as equals, so the
        # session's own weight is set too.
        autogroup = Path("/proc/self/autogroup")
        with contextlib.suppress(OSError):
            before = autogroup.read_text().rsplit(" ", 1)[-1].strip()
            autogroup.write_text(str(args.nice))
    print_header(f"Storm: reactions, chat and cues under an applause (nice {args.nice})")
    try:
        asyncio.run(run(args))
    finally:
        if args.nice:
            with contextlib.suppress(OSError, UnboundLocalError):
                autogroup.write_text(before)  # the session is shared with what runs next
    return 0


async def run(args: argparse.Namespace) -> None:
    everywhere = os.sched_getaffinity(0)
    rows: list[str] = []
    for name in args.which:
        trees: list[tuple[str, Path | None]] = [("after", None)]
        if args.before:
            trees.append(("before", Path(args.before)))
        found: dict[str, list[Figure]] = {}
        for label, tree in trees:
            try:
                found[label] = await scenario(args, name, label, tree)
            finally:
                os.sched_setaffinity(0, everywhere)
            print_figures(found[label])
        rows += table(name, found)
    print("\n-- BENCHMARKS.md rows (scenario | figure | target | after | before | before/after) --")
    print("\n".join(rows))


def table(name: str, found: dict[str, list[Figure]]) -> list[str]:
    rows = []
    before = {f.name: f for f in found.get("before", [])}
    for figure in found["after"]:
        target = f"<= {figure.target:g} {figure.unit}" if figure.target is not None else "-"
        old = before.get(figure.name)
        ratio = (
            f"{old.measured / figure.measured:.1f}"
            if old is not None and figure.measured > 0
            else "-"
        )
        was = f"{old.measured:.1f} {old.unit}" if old is not None else "-"
        rows.append(
            f"| {name} | {figure.name} | {target} | {figure.measured:.1f} {figure.unit} | {was} "
            f"| {ratio} |"
        )
    return rows


async def scenario(
    args: argparse.Namespace, name: str, label: str, tree: Path | None
) -> list[Figure]:
    plan = SCENARIOS[name]
    print(
        f"\n[{name}, {label}] {plan.clients} audience clapping {plan.rate:g}/s (burst "
        f"{plan.burst}) in {plan.processes} processes, {args.chat_rate:g} chat/s, a cue every "
        f"{args.cue_interval:g} s, for {args.seconds:g} s"
        + (f"; relay from {tree}" if tree else "")
    )
    profile = None
    if args.profile_relay:
        profile = str(Path(args.profile_relay) / f"relay-{name}-{label}.prof")
    env = {"PYTHONPATH": str(tree / "src")} if tree else None
    relay = await start_relay(env=env, profile=profile, gc=args.relay_gc)
    print(f"  relay pid {relay.pid}; {pin(relay.pid, True)}", flush=True)
    invites = relay.hello["invites"]
    links: list[LinkClient] = []
    try:
        host = await join(invites["host"])
        speaker = await join(invites["speaker:talk-1"])
        chatters = [await join(invites["audience"], client_id=f"chatter{i}") for i in range(3)]
        links += [host, speaker, *chatters]
        await host.command(SetCurrent(id=host.new_id(), slot="talk-1"))
        per = [plan.clients // plan.processes] * plan.processes
        crowd = await asyncio.gather(
            *(
                Child.start(
                    "--link", invites["audience"], "--count", str(n), "--rate", str(plan.rate),
                    "--burst", str(plan.burst), "--watchers", str(plan.watchers),
                    module="bench._clappers",
                )
                for n in per
            )
        )  # fmt: skip
        ready = sum(int(c.hello["ready"]) for c in crowd)
        print(f"  audience: {ready} joined, {sum(int(c.hello['failed']) for c in crowd)} failed")
        crowd_pids = {f"audience{i}": child.pid for i, child in enumerate(crowd)}
        cpu = CpuWatch(relay=relay.pid, bench=os.getpid(), **crowd_pids)
        peak = [rss_bytes(relay.pid)]
        for child in crowd:
            assert child.proc.stdin is not None
            child.proc.stdin.write(b"go\n")
        assert relay.proc.stdin is not None
        relay.proc.stdin.write(b"storm\n")  # the relay's GC figures from here on
        cues, chats, _ = await asyncio.gather(
            send_cues(host, speaker, args.seconds, args.cue_interval),
            send_chat(chatters, args.seconds, args.chat_rate),
            watch_rss(relay.pid, args.seconds, peak),
        )
        print(f"  {cpu.stop()}")
        records = await asyncio.gather(*(child.stop(within=120) for child in crowd))
    finally:
        for link in links:
            await link.close()
        last = await relay.stop()
    return figures(plan, ready, cues, chats, records, cpu, max(peak), last)


async def watch_rss(pid: int, seconds: float, peak: list[int]) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        await asyncio.sleep(1.0)
        peak.append(rss_bytes(pid))


async def send_cues(
    host: LinkClient, speaker: LinkClient, seconds: float, interval: float
) -> list[float]:
    """A cue every ``interval``, on schedule whether or not the last one has arrived (a relay
    that is behind must not slow the run down); seconds from the host's send to the speaker
    applying each, 10 s for one that never arrives."""
    waiting: dict[str, asyncio.Future[float]] = {}

    def listener(notice: LinkNotice) -> None:
        if isinstance(notice, Applied) and isinstance(notice.event, SlotChanged):
            cue = notice.event.slot.cue
            future = waiting.pop(cue.text, None) if cue is not None else None
            if future is not None and not future.done():
                future.set_result(time.perf_counter())

    async def one(text: str, received: asyncio.Future[float], sent: float) -> float:
        try:
            return await asyncio.wait_for(received, 10) - sent
        except TimeoutError:
            return 10.0

    speaker.add_listener(listener)
    timings = []
    start = time.perf_counter()
    for i in range(int(seconds / interval)):
        text = f"storm cue {i}"
        received = asyncio.get_running_loop().create_future()
        waiting[text] = received
        sent = time.perf_counter()
        host.command(SendCue(id=host.new_id(), slot="talk-1", kind=CueKind.TEXT, text=text))
        timings.append(asyncio.ensure_future(one(text, received, sent)))
        delay = start + (i + 1) * interval - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
    latencies = list(await asyncio.gather(*timings))
    speaker.remove_listener(listener)
    return latencies


async def send_chat(chatters: list[LinkClient], seconds: float, rate: float) -> int:
    """``rate`` marked chat messages a second in all, round robin; how many were sent."""
    start = time.perf_counter()
    acks = []
    count = int(seconds * rate)
    for i in range(count):
        sender = chatters[i % len(chatters)]
        body = f"{CHAT_MARK} {i} {time.monotonic():.9f}"
        acks.append(sender.command(SendChat(id=sender.new_id(), text=body)))
        delay = start + (i + 1) / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
    await asyncio.wait(acks, timeout=30)
    return count


def reaction_latencies(records: list[dict[str, Any]]) -> tuple[list[float], int]:
    """For each watcher and each acknowledged tap k (in send order): the first time the
    watcher's count reached k, minus the tap's send time. Also how many were never seen."""
    acked = sorted(t for r in records for t in r["acked"])
    latencies: list[float] = []
    unseen = 0
    for record in records:
        for series in record["counts"]:
            j = 0
            for k, sent in enumerate(acked, start=1):
                while j < len(series) and series[j][1] < k:
                    j += 1
                if j == len(series):
                    unseen += len(acked) - k + 1
                    break
                latencies.append(series[j][0] - sent)
    return latencies, unseen


def figures(
    plan: Scenario,
    ready: int,
    cues: list[float],
    chats: int,
    records: list[dict[str, Any]],
    cpu: CpuWatch,
    peak_rss: int,
    last: dict[str, Any],
) -> list[Figure]:
    cue = Summary.of(cues)
    chat = Summary.of([x for r in records for x in r["chat"]])
    taps, unseen = reaction_latencies(records)
    seen = Summary.of(taps)
    refused: dict[str, int] = {}
    for r in records:
        for code, n in r["refused"].items():
            refused[code] = refused.get(code, 0) + n
    sent = sum(r["sent"] for r in records)
    acked = sum(len(r["acked"]) for r in records)
    closed = sum(r["closed"] for r in records)
    print(f"  cue:       {cue.line()}")
    print(f"  reactions: {seen.line()}  ({unseen} watcher-taps never seen)")
    print(f"  chat:      {chat.line()}  ({chats} sent)")
    print(f"  taps sent {sent}, acked {acked}, refused {refused or 'none'}, {closed} closed")
    gc_storm, gc_join = last.get("gc", {}), last.get("gc_join", {})
    conns = max(1, int(last.get("connections", 1)))
    per_conn = (gc_storm.get("tracked", 0) - last.get("tracked_ready", 0)) / conns
    print(f"  relay GC, storm: {pause_line(gc_storm)}")
    print(f"  relay GC, joins: {pause_line(gc_join)}")
    print(
        f"  relay tracks {gc_storm.get('tracked')} objects ({gc_storm.get('frozen')} frozen) "
        f"for {conns} connections: {per_conn:.0f} more per connection than before they joined"
    )
    print(f"  relay last: {last}")
    return [
        Figure(f"cue host -> speaker p99, {ready} clapping", cue.p99 * MS, "ms", 20.0,
               note=f"p50 {cue.p50 * MS:.1f} ms, max {cue.max * MS:.1f} ms"),
        Figure("reaction count seen p99 from the tap", seen.p99 * MS, "ms", 500.0,
               note=f"p50 {seen.p50 * MS:.0f} ms over {seen.n} watcher-taps; {unseen} unseen"),
        Figure("chat p99", chat.p99 * MS, "ms", 250.0, note=f"p50 {chat.p50 * MS:.1f} ms"),
        Figure("frames refused (clients within the rate)", float(sum(refused.values())), "",
               note=f"target 0; {refused or 'none'}; {sent - acked} of {sent} taps not acked"),
        Figure("connections closed", float(closed), "", note="target 0"),
        Figure("relay CPU", cpu.used["relay"] / cpu.wall * 100, "%",
               note="of one core, over the storm"),
        Figure("relay RSS peak", peak_rss / 2**20, "MiB"),
        Figure("relay worst GC pause, storm", gc_storm.get("worst_ms", 0.0), "ms",
               note=pause_line(gc_storm) + f"; {per_conn:.0f} objects tracked per connection"),
    ]  # fmt: skip
