"""What every benchmark shares: statistics, the machine, RSS, printing, and helper processes.

Two helper processes run from this module, so load never shares a CPU queue with the measuring
process's event loop:

    python -m bench._support relay [--max-per-address N] [--profile FILE] [--gc policy|default]
        a relay on 127.0.0.1 port 0 with one room; prints one JSON line (port, pid, invite links,
        and ``offset``: relay time - time.monotonic(), the truth for clock estimates), then runs
        until its stdin closes, and prints a last JSON line with its counters and its garbage
        collector's pauses (bench/_gcpauses.py); a line on its stdin ("storm") ends the first
        phase of those (the joins), whose figures are kept apart.
    python -m bench._support swarm --link AUDIENCE_LINK --count N [--record]
        N audience websocket connections that say hello and then only read; prints
        ``{"ready": n, "failed": m}`` once all are open, and when its stdin closes, with
        ``--record``, the latency of every chat message marked with ``CHAT_MARK`` it received.

Latency across processes uses time.monotonic(): CLOCK_MONOTONIC is one clock system-wide on Linux.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import logging
import math
import os
import platform
import re
import resource
import shlex
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil
import websockets

from bench._gcpauses import PauseWatch

ROOT = Path(__file__).resolve().parent.parent
#: Cores used by processes outside the benchmark above which its figures are flagged as noisy.
NOISY = 0.25
#: ``nice`` value that puts a swarm under SCHED_IDLE: it runs only when nothing else wants a core.
IDLE = 20
CHAT_MARK = "bench-chat"
_CHAT_PATTERN = re.compile(CHAT_MARK + r" (\d+) ([0-9.]+)")


# --- statistics and printing --------------------------------------------------------------------


def percentile(ordered: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100) of already sorted values, interpolating between ranks."""
    if not ordered:
        return math.nan
    rank = (len(ordered) - 1) * p / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True, slots=True)
class Summary:
    n: int
    p50: float
    p95: float
    p99: float
    max: float
    mean: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Summary:
        ordered = sorted(values)
        mean = math.fsum(ordered) / len(ordered) if ordered else math.nan
        top = ordered[-1] if ordered else math.nan
        return cls(
            n=len(ordered),
            p50=percentile(ordered, 50),
            p95=percentile(ordered, 95),
            p99=percentile(ordered, 99),
            max=top,
            mean=mean,
        )

    def line(self, unit: str = "ms", scale: float = 1000.0) -> str:
        def f(value: float) -> str:
            return f"{value * scale:.3f}"

        return (
            f"n={self.n}  p50={f(self.p50)}  p95={f(self.p95)}  p99={f(self.p99)}"
            f"  max={f(self.max)}  mean={f(self.mean)} {unit}"
        )


@dataclass(frozen=True, slots=True)
class Figure:
    """One measured figure against its target (lower is better; a ratio <= 1 meets it)."""

    name: str
    measured: float
    unit: str
    target: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return None if self.target is None else self.measured / self.target

    def row(self) -> str:
        target = f"<= {self.target:g} {self.unit}" if self.target is not None else "-"
        ratio = "-" if self.ratio is None else f"{self.ratio:.2f}"
        verdict = "" if self.ratio is None else ("  met" if self.ratio <= 1 else "  MISSED")
        return (
            f"  {self.name:<44} {self.measured:>10.3f} {self.unit:<4}  target {target:<14}"
            f"  ratio {ratio:>5}{verdict}"
        )


def machine() -> str:
    cores = psutil.cpu_count(logical=True)
    physical = psutil.cpu_count(logical=False)
    return (
        f"{platform.node()}: {cores} logical cores ({physical} physical), "
        f"{psutil.virtual_memory().total / 2**30:.1f} GiB RAM, {platform.platform()}; "
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"websockets {websockets.__version__}, asyncio default loop"
    )


def command_line() -> str:
    """The command exactly as it was typed (``sys.orig_argv`` keeps ``-m bench ...``)."""
    return shlex.join(sys.orig_argv)


def today() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


def print_header(title: str) -> None:
    print(f"== {title} ==")
    print(f"machine: {machine()}")
    print(f"command: {command_line()}  (cwd {Path.cwd()})")
    print(f"date:    {today()}; load average {os.getloadavg()[0]:.2f}", flush=True)


def print_figures(figures: Sequence[Figure]) -> None:
    for figure in figures:
        print(figure.row())
        if figure.note:
            print(f"  {'':<44} {figure.note}")
    sys.stdout.flush()


# --- resources ----------------------------------------------------------------------------------


def raise_nofile_limit() -> int:
    """Raise this process's open-file limit to its hard limit; returns the new soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        target = hard if hard != resource.RLIM_INFINITY else 1 << 20
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def rss_bytes(pid: int) -> int:
    return int(psutil.Process(pid).memory_info().rss)


class CpuWatch:
    """CPU seconds used by given processes, and by everything else on the machine, over a phase:
    on a shared 2-core machine the second number says how noisy the figures may be."""

    def __init__(self, **pids: int) -> None:
        self._procs = {name: psutil.Process(pid) for name, pid in pids.items()}
        self._start = {name: _busy(proc.cpu_times()) for name, proc in self._procs.items()}
        self._machine = _busy(psutil.cpu_times())
        self._wall = time.monotonic()

    def stop(self) -> str:
        """Read the counters; afterwards ``used`` (seconds per name) and ``others`` (cores)."""
        self.wall = time.monotonic() - self._wall
        self.used = {
            name: _busy(proc.cpu_times()) - self._start[name] for name, proc in self._procs.items()
        }
        spent = _busy(psutil.cpu_times()) - self._machine - sum(self.used.values())
        self.others = max(spent, 0.0) / self.wall
        parts = [f"{name} {seconds / self.wall:.2f}" for name, seconds in self.used.items()]
        parts.append(f"everything else {self.others:.2f}")
        line = f"CPU over {self.wall:.0f} s, in cores (of {os.cpu_count()}): {', '.join(parts)}"
        if self.others > NOISY:
            line += "\n  WARNING: other processes were busy; these figures are not ours alone"
        return line


def _busy(times: Any) -> float:
    """User + system (+ nice, irq) seconds of a cpu_times() tuple."""
    busy = float(times.user + times.system)
    for extra in ("nice", "irq", "softirq", "steal"):
        busy += float(getattr(times, extra, 0.0))
    return busy


# --- helper processes, from the measuring side ---------------------------------------------------


class Child:
    """A ``python -m bench._support`` child: one JSON line when ready; stops when stdin closes."""

    def __init__(self, proc: asyncio.subprocess.Process, hello: dict[str, Any]) -> None:
        self.proc = proc
        self.hello = hello

    @classmethod
    async def start(
        cls,
        *args: str,
        ready_within: float = 180.0,
        module: str = "bench._support",
        env: dict[str, str] | None = None,
    ) -> Child:
        """``env``: extra environment (e.g. PYTHONPATH=OTHER/src to run another tree's relay)."""
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            module,
            *args,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            cwd=ROOT,
            limit=256 * 2**20,
            env={**os.environ, **env} if env else None,
        )
        assert proc.stdout is not None
        try:
            line = await asyncio.wait_for(proc.stdout.readline(), ready_within)
        except TimeoutError:
            proc.kill()
            await proc.wait()
            raise RuntimeError(
                f"bench._support {args[0]} was not ready in {ready_within} s"
            ) from None
        if not line:
            await proc.wait()
            raise RuntimeError(f"bench._support {args[0]} exited with {proc.returncode}")
        return cls(proc, json.loads(line))

    @property
    def pid(self) -> int:
        return int(self.proc.pid)

    async def stop(self, within: float = 60.0) -> dict[str, Any]:
        """Close stdin, and return the child's last JSON line (empty if it printed none)."""
        proc = self.proc
        assert proc.stdin is not None
        assert proc.stdout is not None
        proc.stdin.close()
        try:
            out = await asyncio.wait_for(proc.stdout.read(), within)
            await asyncio.wait_for(proc.wait(), within)
        except TimeoutError:
            proc.kill()
            await proc.wait()
            return {}
        lines = out.strip().splitlines()
        return json.loads(lines[-1]) if lines else {}


async def start_relay(
    *,
    profile: str | None = None,
    ping_interval: float | None = None,
    env: dict[str, str] | None = None,
    slots: int = 2,
    gc: str = "policy",
) -> Child:
    args = ["relay", "--max-per-address", "10000", "--gc", gc]
    if slots != 2:  # only when asked: another tree's relay (``env``) may not know the option
        args += ["--slots", str(slots)]
    if profile:
        args += ["--profile", profile]
    if ping_interval is not None:
        args += ["--ping-interval", str(ping_interval)]
    return await Child.start(*args, env=env)


async def start_swarm(
    link: str, count: int, *, processes: int = 1, record: bool = False, nice: int = 0
) -> Swarm:
    """``count`` idle audience connections, split over ``processes`` child processes.

    ``nice`` lowers the swarm's CPU priority (``IDLE``: SCHED_IDLE): on a small machine the
    audience, which on a real night is on other devices, then does not delay the processes
    being measured, while the relay still serves every one of its connections."""
    per = [count // processes + (1 if i < count % processes else 0) for i in range(processes)]
    extra = ["--record"] if record else []
    extra += ["--nice", str(nice)] if nice else []
    children = await asyncio.gather(
        *(Child.start("swarm", "--link", link, "--count", str(n), *extra) for n in per if n)
    )
    return Swarm(list(children))


@dataclass
class Swarm:
    children: list[Child]
    results: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ready(self) -> int:
        return sum(int(child.hello["ready"]) for child in self.children)

    @property
    def failed(self) -> int:
        return sum(int(child.hello["failed"]) for child in self.children)

    async def stop(self) -> list[dict[str, Any]]:
        self.results = list(await asyncio.gather(*(child.stop() for child in self.children)))
        return self.results


# --- child: the relay -----------------------------------------------------------------------------


async def _relay_child(args: argparse.Namespace) -> None:
    from kanpe.core.rundown import Rundown, Slot
    from kanpe.net.limits import Limits
    from kanpe.net.relay import Relay, RelayConfig

    nofile = raise_nofile_limit()
    slots = (
        Slot(id="talk-1", speaker="Aiko", title="Timers", duration=1500),
        Slot(id="talk-2", speaker="Ben", title="Relays", duration=1500),
    )
    more = tuple(
        Slot(id=f"talk-{n}", speaker=f"Speaker {n}", title=f"Talk {n}", duration=600)
        for n in range(3, args.slots + 1)
    )
    rundown = Rundown(title="Bench night", slots=slots + more)
    with tempfile.TemporaryDirectory(prefix="kanpe-bench-relay-") as data:
        limits = Limits(max_connections_per_address=args.max_per_address)
        if args.ping_interval is not None:
            limits = dataclasses.replace(
                limits, ping_interval=args.ping_interval, ping_timeout=2 * args.ping_interval
            )
        config = RelayConfig(port=0, data_dir=Path(data), limits=limits)
        if args.gc == "policy" and hasattr(config, "gc"):  # a relay from before it: no policy
            from kanpe.core.gcpolicy import RELAY_GC

            config = dataclasses.replace(config, gc=RELAY_GC)
        relay = Relay(config)
        await relay.start()
        invites = await relay.create_room(name="Bench night", rundown=rundown)
        ready = {
            "pid": os.getpid(),
            "port": relay.port,
            "url": relay.url,
            "invites": invites.as_result(),
            "offset": relay.clock.offset_from_monotonic(),
            "nofile": nofile,
        }
        print(json.dumps(ready), flush=True)
        pauses = PauseWatch()
        marks: dict[str, Any] = {"tracked_ready": pauses.tracked()}

        def mark(line: bytes) -> None:  # "storm": the joins are over, the load starts
            conns = sum(len(g) for room in relay.rooms.values() for g in room.groups.values())
            marks["gc_join"] = pauses.take()
            marks["connections"] = conns
            marks["policy"] = getattr(relay.config, "gc", None) is not None

        commits = _time_commits(relay)
        await _stdin_closed(mark)
        intake = getattr(relay, "intake", None)  # None: a relay from before issue 11
        last = {
            "busy_slices": getattr(intake, "busy_slices", None),
            "dropped_slow": relay.dropped_slow,
            "rss": rss_bytes(os.getpid()),
            "gc": pauses.stop(),
            **marks,
            "commits": _commit_summary(commits),
            "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        }
        await relay.stop()
    print(json.dumps(last), flush=True)


def _time_commits(relay: Any) -> list[float]:
    """Wrap the relay's store.commit to time it: SQLite runs on the event loop, so a slow
    commit (a WAL checkpoint's fsync) holds up every connection."""
    durations: list[float] = []
    store = relay.store
    commit = store.commit

    def timed(*args: Any, **kwargs: Any) -> None:
        started = time.perf_counter()
        try:
            commit(*args, **kwargs)
        finally:
            durations.append(time.perf_counter() - started)

    store.commit = timed
    return durations


def _commit_summary(durations: list[float]) -> dict[str, float]:
    summary = Summary.of(durations)
    return {
        "count": summary.n,
        "p50_ms": summary.p50 * 1000,
        "p99_ms": summary.p99 * 1000,
        "max_ms": summary.max * 1000,
        "over_5ms": sum(1 for d in durations if d > 0.005),
    }


# --- child: a swarm of audience connections ------------------------------------------------------


class _Listener(asyncio.Protocol):
    """One audience connection: hello, welcome, then only read.

    websockets' Sans-I/O protocol checks the opening handshake; after that a few lines walk
    the frames, answer pings and closes, and keep marked chat messages with their receipt time.
    A full parser per frame would cost ~30 us in Python, and a thousand of these in one process
    would then take the CPU the relay is measured on (real audiences parse on their own device).
    """

    def __init__(self, url: str, hello: bytes, record: list[tuple[bytes, float]] | None) -> None:
        from websockets.client import ClientProtocol
        from websockets.uri import parse_uri

        self.handshake: ClientProtocol | None = ClientProtocol(parse_uri(url))
        self.hello = hello
        self.record = record
        self.welcomed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.transport: asyncio.Transport | None = None
        self.buffer = b""
        self.closed = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        assert self.handshake is not None
        self.transport = transport
        self.handshake.send_request(self.handshake.connect())
        transport.write(b"".join(self.handshake.data_to_send()))

    def data_received(self, data: bytes) -> None:
        now = time.monotonic()  # receipt time of every frame this chunk completes
        if self.handshake is not None:
            self._handshake(data)
        else:
            self._frames(self.buffer + data if self.buffer else data, now)

    def _handshake(self, data: bytes) -> None:
        from websockets.frames import Frame, Opcode

        assert self.handshake is not None
        assert self.transport is not None
        self.handshake.receive_data(data)
        if not self.handshake.events_received():
            return  # the response is not complete yet
        if self.handshake.handshake_exc is not None:
            self._fail(self.handshake.handshake_exc)
            self.transport.abort()
            return
        # The relay sends nothing after its 101 until it has our hello, so no frame bytes are
        # left in the handshake parser: from here on the frames are ours to walk.
        self.handshake = None
        self.transport.write(Frame(Opcode.TEXT, self.hello).serialize(mask=True))

    def _frames(self, buf: bytes, now: float) -> None:
        pos, end = 0, len(buf)
        while end - pos >= 2:
            first, second = buf[pos], buf[pos + 1]
            length, head = second & 0x7F, 2
            if length == 126:
                length, head = int.from_bytes(buf[pos + 2 : pos + 4]), 4
            elif length == 127:
                length, head = int.from_bytes(buf[pos + 2 : pos + 10]), 10
            if second & 0x80:
                head += 4  # a masked frame: relays must not send them, skip it anyway
            if end - pos < head or end - pos - head < length:
                break
            self._frame(first & 0x0F, buf[pos + head : pos + head + length], now)
            pos += head + length
        self.buffer = buf[pos:]

    def _frame(self, opcode: int, payload: bytes, now: float) -> None:
        from websockets.frames import Frame, Opcode

        assert self.transport is not None
        if opcode == Opcode.TEXT:
            if not self.welcomed.done():
                if payload.startswith(b'{"type":"welcome"'):
                    self.welcomed.set_result(None)
                else:
                    self._fail(RuntimeError(payload[:80].decode(errors="replace")))
            elif self.record is not None and CHAT_MARK.encode() in payload:
                self.record.append((payload, now))
        elif opcode == Opcode.PING:
            self.transport.write(Frame(Opcode.PONG, payload).serialize(mask=True))
        elif opcode == Opcode.CLOSE:
            self.transport.write(Frame(Opcode.CLOSE, payload[:2]).serialize(mask=True))
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self._fail(exc or ConnectionResetError("closed before the welcome"))

    def _fail(self, exc: BaseException) -> None:
        if not self.welcomed.done():
            self.welcomed.set_exception(exc)


def client_process_setup(args: argparse.Namespace) -> tuple[str, str, int, bytes]:
    """What every load process does first: raise its file limit, take its niceness
    (``args.nice``), and make the websocket URL, host, port and hello of ``args.link``."""
    from kanpe.core.links import parse_link
    from kanpe.core.protocol import PROTOCOL_VERSION, Hello, encode_bytes

    raise_nofile_limit()
    if args.nice == IDLE:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    elif args.nice:
        os.nice(args.nice)
    invite = parse_link(args.link)
    url = invite.websocket_url
    host, port = _host_port(url)
    hello = encode_bytes(
        Hello(protocol=PROTOCOL_VERSION, room=invite.room, token=invite.token, client="bench")
    )
    return url, host, port, hello


async def _swarm_child(args: argparse.Namespace) -> None:
    url, host, port, hello = client_process_setup(args)
    loop = asyncio.get_running_loop()
    gate = asyncio.Semaphore(args.concurrency)
    received: list[tuple[bytes, float]] = []
    errors: dict[str, int] = {}

    async def join() -> _Listener | None:
        async with gate:
            try:
                _, listener = await loop.create_connection(
                    lambda: _Listener(url, hello, received if args.record else None),
                    host,
                    port,
                )
                await asyncio.wait_for(listener.welcomed, 120)
            except Exception as exc:
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                return None
            return listener

    listeners = [x for x in await asyncio.gather(*(join() for _ in range(args.count))) if x]
    ready = {"ready": len(listeners), "failed": args.count - len(listeners), "errors": errors}
    print(json.dumps({**ready, "pid": os.getpid()}), flush=True)
    await _stdin_closed()
    seqs: list[int] = []
    latencies: list[float] = []
    for payload, now in received:
        found = _CHAT_PATTERN.search(payload.decode())
        if found:
            seqs.append(int(found[1]))
            latencies.append(now - float(found[2]))
    closed = sum(1 for listener in listeners if listener.closed)
    print(json.dumps({**ready, "closed": closed, "seq": seqs, "latency": latencies}), flush=True)
    # Exit without closing each connection politely: the kernel resets them all at once.
    os._exit(0)


def _host_port(url: str) -> tuple[str, int]:
    netloc = url.split("://", 1)[1].split("/", 1)[0]
    host, _, port = netloc.rpartition(":")
    return host.strip("[]"), int(port)


async def _stdin_closed(on_line: Callable[[bytes], None] | None = None) -> None:
    """Wait for stdin to close; ``on_line`` is told each line read meanwhile."""
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := await reader.readline():
        if on_line is not None:
            on_line(line.strip())


def _child_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench._support")
    sub = parser.add_subparsers(dest="child", required=True)
    relay = sub.add_parser("relay")
    relay.add_argument("--max-per-address", type=int, default=10000)
    relay.add_argument("--profile", metavar="FILE", help="write cProfile stats here at exit")
    relay.add_argument("--ping-interval", type=float, help="keepalive pings (default: Limits')")
    relay.add_argument("--slots", type=int, default=2, help="talks in the room's rundown (>= 2)")
    relay.add_argument(
        "--gc",
        choices=("policy", "default"),
        default="policy",
        help="the relay's collection policy (core/gcpolicy.py), or the interpreter's default",
    )
    swarm = sub.add_parser("swarm")
    swarm.add_argument("--link", required=True)
    swarm.add_argument("--count", type=int, default=1000)
    swarm.add_argument("--concurrency", type=int, default=64, help="handshakes in flight")
    swarm.add_argument("--record", action="store_true", help="record marked chat latencies")
    swarm.add_argument("--nice", type=int, default=0, help=f"niceness; {IDLE}: SCHED_IDLE")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(name)s: %(message)s")
    if args.child == "swarm":
        asyncio.run(_swarm_child(args))
        return 0
    if not args.profile:
        asyncio.run(_relay_child(args))
        return 0
    import cProfile

    profiler = cProfile.Profile()
    profiler.enable()
    try:
        asyncio.run(_relay_child(args))
    finally:
        profiler.disable()
        profiler.dump_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1:]))
