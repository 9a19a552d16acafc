"""A long event on a compressed clock: a relay whose time runs ``speed`` times faster than the
wall clock, a host opening polls on that time, and a busy audience (chat, reactions, questions,
votes, poll answers: ``kanpe.net.crowd.Person``'s mix) on real sockets, while the relay's RSS and
its database are sampled. ``bench longevent`` prints it; ``make event-day`` may drive it too.

    run_long_event(LongEventPlan(hours=6, real_seconds=240, audience=200)) -> LongEventReport

The compression is only the relay's clock (``RelayClock`` on a scaled monotonic clock): what it
stamps on command ids and when it forgets them (docs/protocol.md 7.1.1) see six hours go by. The
commands themselves arrive at a real pace, so a 6-hour run commits what ``audience`` people acting
every ``pace`` seconds commit in ``real_seconds``; the report says how many that is per simulated
hour. The relay prunes at its checkpoint ticks (every 5 real seconds), so on this clock it forgets
every ``5 * speed`` simulated seconds rather than every 10: the table holds that much more.

Children (``python -m bench._longevent relay|audience ...``) print one JSON line when ready and
one when their stdin closes, as ``bench._support``'s do.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import resource
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench._support import Child, CpuWatch, raise_nofile_limit, rss_bytes

MB = 2**20


@dataclass(frozen=True, slots=True)
class LongEventPlan:
    hours: float = 6.0
    real_seconds: float = 240.0
    audience: int = 100
    processes: int = 2  # audience processes
    pace: float = 0.8  # seconds between one person's actions, on average (real time)
    seed: int = 15
    sample_minutes: float = 15.0  # simulated
    poll_minutes: float = 20.0  # simulated: the host closes the poll and opens another

    @property
    def speed(self) -> float:
        return self.hours * 3600.0 / self.real_seconds


@dataclass(slots=True)
class LongEventReport:
    plan: LongEventPlan
    samples: list[dict[str, float]] = field(default_factory=list)
    audience: dict[str, int] = field(default_factory=dict)
    relay: dict[str, Any] = field(default_factory=dict)
    polls: int = 0
    cpu: dict[str, float] = field(default_factory=dict)

    def at(self, hours: float) -> dict[str, float]:
        """The first sample taken at or after ``hours`` simulated hours."""
        return next(s for s in self.samples if s["hours"] >= hours)

    def figures(self) -> dict[str, float]:
        """RSS after the first hour and at the end; the database file and the command ids held
        at two thirds of the run and at the end; the WAL's peak (it is as large as the commits
        between two checkpoints, whatever the event's length)."""
        first, later, last = self.at(1.0), self.at(self.plan.hours * 2 / 3), self.samples[-1]
        acked = self.audience.get("acked", 0)
        return {
            "rss_mb_hour1": first["rss_mb"],
            "rss_mb_end": last["rss_mb"],
            "rss_mb_peak_after_hour1": max(s["rss_mb"] for s in self.samples if s["hours"] >= 1),
            "db_file_mb_two_thirds": later["db_file_mb"],
            "db_file_mb_end": last["db_file_mb"],
            "wal_mb_peak": max(s["wal_mb"] for s in self.samples),
            "command_ids_two_thirds": later["command_ids"],
            "command_ids_end": last["command_ids"],
            "events_peak": max(s["events"] for s in self.samples),
            "commands_acked": acked,
            "commands_per_sim_hour": acked / self.plan.hours,
            "relay_cpu_cores": self.cpu.get("relay", 0.0),
            "other_cpu_cores": self.cpu.get("others", 0.0),
        }


async def run_long_event(plan: LongEventPlan, say: Any = print) -> LongEventReport:
    """Run ``plan`` and return what was sampled; ``say`` gets one line per sample."""
    from kanpe.core.protocol import ClosePoll, OpenPoll
    from kanpe.net.link import LinkClient

    report = LongEventReport(plan)
    with tempfile.TemporaryDirectory(prefix="kanpe-longevent-") as data:
        relay = await Child.start(
            "relay", "--data", data, "--speed", str(plan.speed), module="bench._longevent"
        )
        link = relay.hello["invites"]["audience"]
        per = [plan.audience // plan.processes] * plan.processes
        per[0] += plan.audience - sum(per)
        crowds = await asyncio.gather(
            *(
                Child.start(
                    "audience",
                    "--link",
                    link,
                    "--count",
                    str(n),
                    "--pace",
                    str(plan.pace),
                    "--seed",
                    str(plan.seed + i),
                    "--name",
                    f"p{i}",
                    module="bench._longevent",
                )
                for i, n in enumerate(per)
            )
        )
        host = LinkClient(relay.hello["invites"]["host"], client="kanpe-bench-longevent")
        await host.start()
        await host.ready()
        db = Path(data) / "relay.sqlite3"
        watch = CpuWatch(relay=relay.pid, audience=crowds[0].pid)
        started = time.monotonic()
        next_sample = 0.0
        next_poll = 0.0
        poll: str | None = None
        try:
            while (elapsed := time.monotonic() - started) < plan.real_seconds:
                hours = elapsed * plan.speed / 3600.0
                if hours * 60.0 >= next_poll:
                    poll = await _next_poll(host, poll, report.polls, OpenPoll, ClosePoll)
                    report.polls += 1
                    next_poll += plan.poll_minutes
                if hours * 60.0 >= next_sample:
                    sample = _sample(relay.pid, db, hours)
                    report.samples.append(sample)
                    say(_line(sample))
                    next_sample += plan.sample_minutes
                await asyncio.sleep(0.25)
            final = _sample(relay.pid, db, plan.hours)
            report.samples.append(final)
            say(_line(final))
            say(watch.stop())
            report.cpu = {"relay": watch.used["relay"] / watch.wall, "others": watch.others}
        finally:
            await host.close()
            results = await asyncio.gather(*(crowd.stop() for crowd in crowds))
            report.relay = await relay.stop()
        for result in results:
            for key, value in result.items():
                if isinstance(value, int):
                    report.audience[key] = report.audience.get(key, 0) + value
    return report


async def _next_poll(
    host: Any, poll: str | None, n: int, open_poll: Any, close_poll: Any
) -> str | None:
    if poll is not None:
        await host.command(close_poll(id=host.new_id(), poll=poll))
    ack = await host.command(
        open_poll(
            id=host.new_id(), question=f"Poll {n + 1}: which talk next?", options=["A", "B", "C"]
        )
    )
    return f"p{ack.version}"


def _sample(pid: int, db: Path, hours: float) -> dict[str, float]:
    wal = db.with_name(db.name + "-wal")
    main_file = db.stat().st_size
    wal_file = wal.stat().st_size if wal.exists() else 0
    with contextlib.closing(sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)) as ro:
        commands = ro.execute("SELECT count(*) FROM commands").fetchone()[0]
        events = ro.execute("SELECT count(*) FROM events").fetchone()[0]
    return {
        "hours": round(hours, 3),
        "rss_mb": rss_bytes(pid) / MB,
        "db_mb": (main_file + wal_file) / MB,
        "db_file_mb": main_file / MB,
        "wal_mb": wal_file / MB,
        "command_ids": float(commands),
        "events": float(events),
    }


def _line(s: dict[str, float]) -> str:
    return (
        f"  {s['hours']:5.2f} h  relay RSS {s['rss_mb']:6.1f} MB  database {s['db_file_mb']:6.2f}"
        f" MB + WAL {s['wal_mb']:5.2f} MB  command ids {int(s['command_ids']):>7}"
        f"  events {int(s['events']):>5}"
    )


# --- children -------------------------------------------------------------------------------------


async def _relay_child(args: argparse.Namespace) -> None:
    from kanpe.core.gcpolicy import RELAY_GC
    from kanpe.core.rundown import Rundown, Slot
    from kanpe.net.limits import Limits
    from kanpe.net.relay import Relay, RelayConfig
    from kanpe.net.relayclock import RelayClock

    raise_nofile_limit()
    mono0 = time.monotonic()
    clock = RelayClock(monotonic=lambda: mono0 + (time.monotonic() - mono0) * args.speed)
    config = RelayConfig(
        data_dir=Path(args.data),
        limits=Limits(max_connections_per_address=10_000),
        gc=RELAY_GC,
    )
    relay = Relay(config, clock=clock)
    await relay.start()
    slots = tuple(
        Slot(id=f"talk-{n}", speaker=f"Speaker {n}", title=f"Talk {n}", duration=1500)
        for n in range(1, 9)
    )
    invites = await relay.create_room(name="Long night", rundown=Rundown(slots=slots))
    print(json.dumps({"pid": os.getpid(), "invites": invites.as_result()}), flush=True)
    await _stdin_closed()
    assert relay.store is not None
    last = {
        "command_ids": relay.store.command_count(),
        "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "dropped_slow": relay.dropped_slow,
    }
    await relay.stop()
    print(json.dumps(last), flush=True)


async def _audience_child(args: argparse.Namespace) -> None:
    from kanpe.net.crowd import PEOPLE, Person
    from kanpe.net.link import LinkClient

    raise_nofile_limit()
    master = random.Random(args.seed)
    counts = {"sent": 0, "acked": 0, "refused": 0, "failed": 0, "joined": 0}
    links: list[LinkClient] = []
    people: list[Person] = []
    for n in range(args.count):
        name = f"{master.choice(PEOPLE)} {args.name}-{n}"
        people.append(Person(name[:40], random.Random(master.getrandbits(64))))
        links.append(
            LinkClient(args.link, client="kanpe-bench-longevent", client_id=f"{args.name}-{n}")
        )
    for link in links:
        await link.start()
    joined = await asyncio.gather(*(link.ready() for link in links), return_exceptions=True)
    counts["joined"] = sum(1 for j in joined if not isinstance(j, BaseException))
    print(json.dumps({"ready": counts["joined"]}), flush=True)

    def answered(future: asyncio.Future[Any]) -> None:
        if future.cancelled():
            counts["failed"] += 1
        elif future.exception() is not None:
            refused = type(future.exception()).__name__ == "CommandRefused"
            counts["refused" if refused else "failed"] += 1
        else:
            counts["acked"] += 1

    async def live(person: Person, link: LinkClient) -> None:
        await asyncio.sleep(person.rng.uniform(0.0, args.pace))
        while True:
            state = link.state
            command = person.next_command(state, link.new_id) if state is not None else None
            if command is not None:
                counts["sent"] += 1
                link.command(command).add_done_callback(answered)
            await asyncio.sleep(person.rng.uniform(0.5, 1.5) * args.pace)

    tasks = [asyncio.create_task(live(p, link)) for p, link in zip(people, links, strict=True)]
    await _stdin_closed()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    for link in links:
        await link.close()
    print(json.dumps(counts), flush=True)


async def _stdin_closed() -> None:
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.buffer.read)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench._longevent")
    sub = parser.add_subparsers(dest="child", required=True)
    relay = sub.add_parser("relay")
    relay.add_argument("--data", required=True)
    relay.add_argument("--speed", type=float, required=True)
    audience = sub.add_parser("audience")
    audience.add_argument("--link", required=True)
    audience.add_argument("--count", type=int, required=True)
    audience.add_argument("--pace", type=float, required=True)
    audience.add_argument("--seed", type=int, required=True)
    audience.add_argument("--name", required=True)
    args = parser.parse_args(argv)
    asyncio.run(_relay_child(args) if args.child == "relay" else _audience_child(args))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
