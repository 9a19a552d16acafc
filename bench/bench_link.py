"""Link benchmarks (issue 2): cue latency, clock offset error, relay memory, chat fan-out.

    python -m bench link [cue] [clock] [memory] [chat] [--quick] [options]

The relay and the audience run in their own processes (``bench._support``), as they would on a
real night; this process holds the clients whose latency it measures. Every figure is printed
with its target and ratio (measured / target, <= 1 meets it). Nothing here asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import math
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tests.support.faultproxy import FaultProxy

from bench._support import (
    CHAT_MARK,
    IDLE,
    Child,
    CpuWatch,
    Figure,
    Summary,
    print_figures,
    print_header,
    raise_nofile_limit,
    rss_bytes,
    start_relay,
    start_swarm,
)
from kanpe.core.clock import Estimate
from kanpe.core.events import SlotChanged
from kanpe.core.model import CueKind
from kanpe.core.protocol import SendChat, SendCue
from kanpe.net.link import Applied, LinkClient, LinkNotice

GROUPS = ("cue", "clock", "memory", "chat")
MS = 1000.0


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench link", description=__doc__)
    parser.add_argument("which", nargs="*", help=f"any of {', '.join(GROUPS)} (default: all)")
    parser.add_argument("--quick", action="store_true", help="short runs, to try the harness")
    parser.add_argument("--audience", type=int, default=1000, help="idle audience connections")
    parser.add_argument("--cues", type=int, default=1000, help="cues measured per speaker")
    parser.add_argument("--cue-rate", type=float, default=20.0, help="cues per second")
    parser.add_argument(
        "--audience-nice",
        type=int,
        default=IDLE,
        help=f"niceness of the cue figure's audience process ({IDLE}: SCHED_IDLE, 0: normal)",
    )
    parser.add_argument(
        "--no-pin",
        dest="pin",
        action="store_false",
        help="do not pin the relay to one CPU and the clients to the others",
    )
    parser.add_argument("--clock-seconds", type=float, default=60.0)
    parser.add_argument("--clock-interval", type=float, default=0.5, help="time_sync_interval")
    parser.add_argument("--clock-clients", type=int, default=8, help="clients per path")
    parser.add_argument("--connections", type=int, default=5000, help="for the memory figure")
    parser.add_argument("--per-process", type=int, default=1000, help="connections per swarm")
    parser.add_argument("--chat-seconds", type=float, default=30.0)
    parser.add_argument("--chat-rate", type=float, default=4.0, help="audience limit: 5/s")
    parser.add_argument("--receivers", type=int, default=1000)
    parser.add_argument("--receiver-processes", type=int, default=1)
    parser.add_argument("--profile-relay", metavar="DIR", help="cProfile the relay into DIR")
    parser.add_argument("--dump", metavar="FILE", help="write the cue latencies (s) as JSON")
    parser.add_argument("--ping-interval", type=float, help="the relay's keepalive (default 10 s)")
    args = parser.parse_args(argv)
    unknown = set(args.which) - set(GROUPS)
    if unknown:
        parser.error(f"unknown figures {sorted(unknown)}; choose from {', '.join(GROUPS)}")
    if args.quick:
        args.cues, args.clock_seconds, args.chat_seconds = 100, 10.0, 5.0
        args.connections = min(args.connections, 2000)
    args.which = list(dict.fromkeys(args.which or GROUPS))
    if args.profile_relay:
        Path(args.profile_relay).mkdir(parents=True, exist_ok=True)
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    raise_nofile_limit()
    print_header("Link: relay, link client and clock")
    figures = asyncio.run(run(args))
    print("\n-- summary --")
    print_figures(figures)
    print("\n-- BENCHMARKS.md rows --")
    for figure in figures:
        if figure.target is not None:
            print(
                f"| {figure.name} | <= {figure.target:g} {figure.unit} | "
                f"{figure.measured:.2f} {figure.unit} | {figure.ratio:.2f} |"
            )
    return 0


async def run(args: argparse.Namespace) -> list[Figure]:
    benches = {"cue": bench_cue, "clock": bench_clock, "memory": bench_memory, "chat": bench_chat}
    figures: list[Figure] = []
    everywhere = os.sched_getaffinity(0)
    for name in args.which:
        started = time.monotonic()
        try:
            found = await benches[name](args)
        finally:
            os.sched_setaffinity(0, everywhere)  # undo pin(): other groups may run after this
        print(f"  ({name}: {time.monotonic() - started:.0f} s)")
        print_figures(found)
        figures += found
    # Let stray connection handlers (the fault proxy's) end before asyncio.run cancels them.
    strays = asyncio.all_tasks() - {asyncio.current_task()}
    if strays:
        await asyncio.wait(strays, timeout=2.0)
    return figures


async def relay_for(args: argparse.Namespace, name: str) -> Child:
    profile = None
    if args.profile_relay:
        profile = str(Path(args.profile_relay) / f"relay-{name}.prof")
        print(f"  (profiling the relay into {profile}: figures are slower than real)")
    relay = await start_relay(profile=profile, ping_interval=args.ping_interval)
    print(f"  relay pid {relay.pid} on port {relay.hello['port']}; {pin(relay.pid, args.pin)}")
    return relay


def pin(relay_pid: int, enabled: bool) -> str:
    """Relay on the first CPU, this process and the helpers it starts from now on the others.

    On a real night the relay, the speaker and the audience are different machines. Here they
    share two cores, and the scheduler likes to wake a process on the CPU of the process that
    woke it: the speaker, woken by the relay's write, then waits on the CPU where the relay is
    busy writing the same event to a thousand audience connections (up to a 4 ms tick)."""
    cpus = sorted(os.sched_getaffinity(0))
    if not enabled or len(cpus) < 2:
        return "processes not pinned to CPUs"
    os.sched_setaffinity(relay_pid, {cpus[0]})
    os.sched_setaffinity(0, set(cpus[1:]))
    return f"relay pinned to CPU {cpus[0]}, clients and audience to CPU {cpus[1:]}"


async def join(link: str, **kwargs: object) -> LinkClient:
    client = LinkClient(link, client="bench", **kwargs)  # type: ignore[arg-type]
    await client.start()
    await asyncio.wait_for(client.ready(), 30)
    return client


class Pacer:
    """Sleeps so that iterations start every 1/rate seconds on average, without drifting."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self.next = time.perf_counter()

    async def wait(self) -> None:
        self.next += self.interval
        delay = self.next - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)


# --- 1. cue latency ----------------------------------------------------------------------------


class CueWatch:
    """Notes when each speaker link applies the cue whose text it is waiting for."""

    def __init__(self) -> None:
        self.waiting: dict[str, asyncio.Future[float]] = {}

    def listener(self, notice: LinkNotice) -> None:
        if isinstance(notice, Applied) and isinstance(notice.event, SlotChanged):
            cue = notice.event.slot.cue
            future = self.waiting.pop(cue.text, None) if cue is not None else None
            if future is not None and not future.done():
                future.set_result(time.perf_counter())

    def expect(self, text: str) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[text] = future
        return future


async def send_cues(
    host: LinkClient, watch: CueWatch, slots: Sequence[str], count: int, rate: float
) -> dict[str, list[float]]:
    """Send ``count`` cues to each slot, one in flight at a time; seconds from send to receipt."""
    latencies: dict[str, list[float]] = {slot: [] for slot in slots}
    pacer = Pacer(rate)
    for i in range(count):
        for slot in slots:
            text = f"bench-cue {slot} {i}"
            received = watch.expect(text)
            sent = time.perf_counter()
            ack = host.command(SendCue(id=host.new_id(), slot=slot, kind=CueKind.TEXT, text=text))
            latencies[slot].append(await asyncio.wait_for(received, 10) - sent)
            await asyncio.wait_for(ack, 10)
            await pacer.wait()
    return latencies


async def bench_cue(args: argparse.Namespace) -> list[Figure]:
    print(
        f"\n[cue] host -> speaker cue latency, {args.audience} idle audience connections in "
        f"another process; {args.cues} cues per speaker at {args.cue_rate:g}/s, one in flight"
    )
    relay = await relay_for(args, "cue")
    invites = relay.hello["invites"]
    watch = CueWatch()
    clients: list[LinkClient] = []
    try:
        host = await join(invites["host"])
        early = await join(invites["speaker:talk-1"])
        clients += [host, early]
        early.add_listener(watch.listener)
        await send_cues(host, watch, ["talk-1"], 50, args.cue_rate)  # warm up
        cpu = CpuWatch(relay=relay.pid, bench=os.getpid())
        alone = (await send_cues(host, watch, ["talk-1"], 300, args.cue_rate))["talk-1"]
        print(f"  no audience:           {Summary.of(alone).line()}")
        print(f"  {cpu.stop()}", flush=True)
        swarm = await start_swarm(invites["audience"], args.audience, nice=args.audience_nice)
        print(
            f"  audience: {swarm.ready} connected, {swarm.failed} failed, "
            f"priority {'SCHED_IDLE' if args.audience_nice == IDLE else args.audience_nice}",
            flush=True,
        )
        try:
            # talk-2's speaker joins after the audience, as a speaker who reconnects does. Until
            # 0d8b51e the relay wrote to groups in the order they were created, so this speaker
            # waited behind every audience write (p50 ~25-40 ms instead of ~2-3 ms).
            late = await join(invites["speaker:talk-2"])
            clients.append(late)
            late.add_listener(watch.listener)
            await send_cues(host, watch, ["talk-1", "talk-2"], 20, args.cue_rate)  # warm up
            cpu = CpuWatch(relay=relay.pid, audience=swarm.children[0].pid, bench=os.getpid())
            found = await send_cues(host, watch, ["talk-1", "talk-2"], args.cues, args.cue_rate)
            print(f"  {cpu.stop()}")
        finally:
            await swarm.stop()
    finally:
        for client in clients:
            await client.close()
        last = await relay.stop()
    if args.dump:
        found_all = {"no audience": alone, **found}
        with open(args.dump, "w", encoding="utf-8") as out:  # noqa: ASYNC230 - after the run
            json.dump({"cue": found_all}, out)
    before, after = Summary.of(found["talk-1"]), Summary.of(found["talk-2"])
    print(f"  speaker joined before: {before.line()}")
    print(f"  speaker joined after:  {after.line()}")
    print(f"  relay dropped {last.get('dropped_slow', '?')} slow connections")
    print(f"  relay GC pauses: {last.get('gc')}")
    print(f"  relay SQLite commits: {last.get('commits')}")
    worst = max(before.p99, after.p99)
    return [
        Figure(
            f"cue latency p99, {swarm.ready} audience",
            worst * MS,
            "ms",
            5.0,
            note=f"worse of two speakers; p50 {before.p50 * MS:.2f}/{after.p50 * MS:.2f} ms, "
            f"max {before.max * MS:.2f}/{after.max * MS:.2f} ms (joined before/after audience)",
        ),
        Figure("cue latency p99, no audience", Summary.of(alone).p99 * MS, "ms"),
        Figure(
            f"relay CPU per cue, {swarm.ready} audience",
            cpu.used["relay"] / (2 * args.cues) * MS,
            "ms",
            note="commit, ack, and the slot event to host and speakers (none to the audience)",
        ),
    ]


# --- 2. clock offset error ---------------------------------------------------------------------


async def clock_errors(
    link: str,
    truth: float,
    clients: int,
    seconds: float,
    interval: float,
    url: str | None,
    phase: float = 0.0,
) -> tuple[list[float], list[float]]:
    """Every estimate the clients make: (all errors, errors once the window of 16 is full).

    Clients start ``interval / clients`` apart (shifted by ``phase`` of that step), so their
    time requests do not reach the relay in bursts: the relay stamps t1 when it gets to a
    message, so the last of a burst would read as a slower up-link, a bias no real room has."""
    every: list[float] = []
    steady: list[float] = []

    def record(notice: LinkNotice) -> None:
        if isinstance(notice, Estimate):
            error = notice.offset - truth
            every.append(error)
            if notice.samples >= 16:
                steady.append(error)

    links = [
        LinkClient(link, client="bench", time_sync_interval=interval, url=url)
        for _ in range(clients)
    ]
    step = interval / clients
    await asyncio.sleep(step * phase)
    for client in links:
        client.add_listener(record)
        await client.start()
        await asyncio.sleep(step)
    try:
        await asyncio.gather(*(asyncio.wait_for(client.ready(), 30) for client in links))
        await asyncio.sleep(seconds)
    finally:
        for client in links:
            await client.close()
    return every, steady


def clock_figures(label: str, target: float, every: list[float], steady: list[float]) -> Figure:
    steady_abs = Summary.of([abs(e) for e in steady])
    every_abs = Summary.of([abs(e) for e in every])
    signed = Summary.of(steady)
    print(f"  {label}, |error| once 16 samples:  {steady_abs.line()}")
    print(f"  {label}, |error| every estimate:  {every_abs.line()}")
    print(f"  {label}, signed error (bias):       median {signed.p50 * MS:+.3f} ms")
    return Figure(
        f"clock offset |error| p99, {label}",
        steady_abs.p99 * MS,
        "ms",
        target,
        note=f"max {steady_abs.max * MS:.3f} ms over {steady_abs.n} estimates; counting the "
        f"first ones too: p99 {every_abs.p99 * MS:.3f}, max {every_abs.max * MS:.3f} ms",
    )


async def bench_clock(args: argparse.Namespace) -> list[Figure]:
    print(
        f"\n[clock] offset estimate vs truth (relay's wall0 - mono0), {args.clock_clients} "
        f"clients per path for {args.clock_seconds:g} s, time_sync_interval "
        f"{args.clock_interval:g} s (default 5 s), loopback and through FaultProxy 40 +- 20 ms"
    )
    relay = await relay_for(args, "clock")
    truth = float(relay.hello["offset"])
    proxy = FaultProxy("127.0.0.1", int(relay.hello["port"]), seed=2)
    proxy.faults.delay, proxy.faults.jitter = 0.040, 0.020
    await proxy.start()
    link = relay.hello["invites"]["speaker:talk-1"]
    try:
        cpu = CpuWatch(relay=relay.pid, bench=os.getpid())
        common = (truth, args.clock_clients, args.clock_seconds, args.clock_interval)
        loopback, jittery = await asyncio.gather(
            clock_errors(link, *common, url=None),
            clock_errors(link, *common, url=proxy.url(), phase=0.5),
        )
        print(f"  {cpu.stop()}")
    finally:
        await proxy.stop()
        await relay.stop()
    return [
        clock_figures("loopback", 2.0, *loopback),
        clock_figures("40 +- 20 ms jitter", 5.0, *jittery),
    ]


# --- 3. relay memory -----------------------------------------------------------------------------


async def bench_memory(args: argparse.Namespace) -> list[Figure]:
    processes = math.ceil(args.connections / args.per_process)
    print(
        f"\n[memory] relay RSS with {args.connections} audience connections from {processes} "
        "processes, then after 20 chat messages fanned out to all of them"
    )
    relay = await relay_for(args, "memory")
    print(f"  relay open-file limit {relay.hello['nofile']}")
    invites = relay.hello["invites"]
    try:
        host = await join(invites["host"])
        baseline = rss_bytes(relay.pid)
        swarm = await start_swarm(invites["audience"], args.connections, processes=processes)
        print(f"  audience: {swarm.ready} connected, {swarm.failed} failed", flush=True)
        await asyncio.sleep(2.0)  # presence updates settle
        connected = rss_bytes(relay.pid)
        pacer = Pacer(10)
        for i in range(20):
            await host.command(SendChat(id=host.new_id(), text=f"memory check {i}"))
            await pacer.wait()
        await asyncio.sleep(2.0)
        after_chat = rss_bytes(relay.pid)
        ready = swarm.ready
        errors = [child.hello.get("errors") for child in swarm.children]
        await swarm.stop()
        await host.close()
    finally:
        last = await relay.stop()
    print(f"  relay GC pauses: {last.get('gc')}")
    print(
        f"  relay RSS: {baseline / 2**20:.1f} MiB idle, {connected / 2**20:.1f} MiB with "
        f"{ready} connections, {after_chat / 2**20:.1f} MiB after the chat; swarm errors {errors}"
    )
    peak = max(connected, after_chat)
    return [
        Figure(
            f"relay RSS, {ready} connections",
            peak / 1e6,
            "MB",
            150.0 if ready >= 5000 else None,  # the target is for 5,000
            note=f"{peak / 2**20:.1f} MiB; idle relay with its room {baseline / 1e6:.1f} MB",
        ),
        Figure("relay RSS per connection", (peak - baseline) / max(ready, 1) / 1e3, "kB"),
    ]


# --- 4. chat fan-out -----------------------------------------------------------------------------


async def bench_chat(args: argparse.Namespace) -> list[Figure]:
    count = int(args.chat_seconds * args.chat_rate)
    print(
        f"\n[chat] one audience member chats {count} messages at {args.chat_rate:g}/s to "
        f"{args.receivers} audience connections in {args.receiver_processes} other process(es), "
        "each timestamping receipt with CLOCK_MONOTONIC"
    )
    relay = await relay_for(args, "chat")
    invites = relay.hello["invites"]
    try:
        swarm = await start_swarm(
            invites["audience"], args.receivers, processes=args.receiver_processes, record=True
        )
        print(f"  receivers: {swarm.ready} connected, {swarm.failed} failed", flush=True)
        sender = await join(invites["audience"], client_id="bench-sender")
        pids = {f"receivers{i}": child.pid for i, child in enumerate(swarm.children)}
        cpu = CpuWatch(relay=relay.pid, bench=os.getpid(), **pids)
        try:
            await chat(sender, count, args.chat_rate, lambda i: f"{CHAT_MARK} {i}")
            await asyncio.sleep(2.0)  # stragglers
            print(f"  {cpu.stop()}")
        finally:
            await sender.close()
            results = await swarm.stop()
    finally:
        last = await relay.stop()
    print(f"  relay GC pauses: {last.get('gc')}")
    print(f"  relay SQLite commits: {last.get('commits')}")
    latencies = [x for r in results for x in r.get("latency", [])]
    last: dict[int, float] = {}
    for r in results:
        for seq, latency in zip(r.get("seq", []), r.get("latency", []), strict=True):
            last[seq] = max(last.get(seq, 0.0), latency)
    expected = count * swarm.ready
    relay_cpu = cpu.used["relay"] / count  # per message: the ack and ~1,000 frame writes
    every, slowest = Summary.of(latencies), Summary.of(list(last.values()))
    print(f"  every receipt:         {every.line()}")
    print(f"  last receipt per chat: {slowest.line()}")
    print(f"  received {len(latencies)} of {expected}; connections closed {_closed(results)}")
    return [
        Figure(
            f"chat fan-out p99, 1 -> {swarm.ready}",
            every.p99 * MS,
            "ms",
            100.0,
            note=f"p50 {every.p50 * MS:.1f} ms; last receiver per message: p99 "
            f"{slowest.p99 * MS:.1f}, max {slowest.max * MS:.1f} ms; "
            f"{len(latencies)}/{expected} receipts",
        ),
        Figure(
            f"relay CPU per chat message to {swarm.ready}",
            relay_cpu * MS,
            "ms",
            note="CPU time, so other load on the machine hardly moves it: the floor under the "
            "last receiver's latency",
        ),
    ]


async def chat(sender: LinkClient, count: int, rate: float, text: Callable[[int], str]) -> None:
    pacer = Pacer(rate)
    acks = []
    for i in range(count):
        # The send time travels in the text; receivers subtract it from their own monotonic now.
        body = f"{text(i)} {time.monotonic():.9f}"
        acks.append(sender.command(SendChat(id=sender.new_id(), text=body)))
        await pacer.wait()
    await asyncio.wait_for(asyncio.gather(*acks), 30)


def _closed(results: list[dict[str, object]]) -> int:
    return sum(int(str(r.get("closed", 0))) for r in results)
