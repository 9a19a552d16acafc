"""A 6-hour event with a busy audience on a compressed clock: is the relay's RSS flat and its
database bounded now that command ids are forgotten (docs/protocol.md 7.1.1)?

    python -m bench longevent [--hours 6] [--seconds 240] [--audience 100] [--pace 0.8]

The relay runs in its own process with its clock ``hours * 3600 / seconds`` times faster than the
wall clock (``bench/_longevent.py`` says what that compresses and what not); 100 audience links in
two processes chat, clap, ask, vote and answer the polls a host opens every 20 simulated minutes.
Every 15 simulated minutes the relay's RSS, its database files (with the WAL) and the rows of
command ids and events are printed. Targets: RSS at the end within 10 % of RSS after the first
hour; the database file and the command ids held at the end within 10 % of what they were at
two thirds of the run (the last third adds nothing). The defaults are what a relay on a loaded
2-core machine keeps up with; a quiet machine takes ``--audience 200 --pace 0.5 --processes 4``.
Figures also go to bench/out/longevent.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path

from bench._longevent import LongEventPlan, LongEventReport, run_long_event
from bench._support import ROOT, print_header
from kanpe.core.retention import RETRY_KEEP

GROWTH_ALLOWED = 1.10


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench longevent", description=__doc__)
    parser.add_argument("--hours", type=float, default=6.0, help="simulated event length")
    parser.add_argument("--seconds", type=float, default=240.0, help="real run length")
    parser.add_argument("--audience", type=int, default=100)
    parser.add_argument("--processes", type=int, default=2, help="audience processes")
    parser.add_argument("--pace", type=float, default=0.8, help="s between a person's actions")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "out" / "longevent.json")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    plan = LongEventPlan(
        hours=args.hours,
        real_seconds=args.seconds,
        audience=args.audience,
        processes=args.processes,
        pace=args.pace,
    )
    print_header("longevent: relay RSS and database over a long event, compressed clock")
    print(
        f"{plan.hours:g} simulated hours in {plan.real_seconds:g} s (relay clock x{plan.speed:g}),"
        f" {plan.audience} audience links acting every ~{plan.pace:g} s, polls every"
        f" {plan.poll_minutes:g} simulated minutes",
        flush=True,
    )
    report = asyncio.run(run_long_event(plan))
    verdicts = summarise(report)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "plan": _plan(plan),
                "figures": report.figures(),
                "samples": report.samples,
                "audience": report.audience,
                "relay": report.relay,
                "verdicts": verdicts,
            },
            indent=1,
        )
    )
    print(f"figures: {args.json}")
    return 0


def _plan(plan: LongEventPlan) -> dict[str, float]:
    return {name: float(getattr(plan, name)) for name in plan.__dataclass_fields__}


def summarise(report: LongEventReport) -> dict[str, bool]:
    f = report.figures()
    rss_flat = f["rss_mb_end"] <= f["rss_mb_hour1"] * GROWTH_ALLOWED
    db_bounded = f["db_file_mb_end"] <= f["db_file_mb_two_thirds"] * GROWTH_ALLOWED
    ids_bounded = f["command_ids_end"] <= f["command_ids_two_thirds"] * GROWTH_ALLOWED
    audience = report.audience
    print(
        f"audience: {audience.get('joined', 0)} joined, {audience.get('sent', 0)} commands sent,"
        f" {audience.get('acked', 0)} acked ({f['commands_per_sim_hour']:.0f} per simulated"
        f" hour), {audience.get('refused', 0)} refused, {audience.get('failed', 0)} unanswered"
        f" when the run stopped; host polls {report.polls}; relay dropped"
        f" {report.relay.get('dropped_slow', '?')} slow"
    )
    print(
        f"  relay RSS {f['rss_mb_hour1']:.1f} MB after 1 h, {f['rss_mb_end']:.1f} MB at the end"
        f" (peak after 1 h {f['rss_mb_peak_after_hour1']:.1f} MB): {_verdict(rss_flat)}"
    )
    print(
        f"  database file {f['db_file_mb_two_thirds']:.2f} MB at two thirds,"
        f" {f['db_file_mb_end']:.2f} MB at the end: {_verdict(db_bounded)};"
        f" WAL peak {f['wal_mb_peak']:.2f} MB"
    )
    print(
        f"  command ids held {f['command_ids_two_thirds']:.0f} at two thirds,"
        f" {f['command_ids_end']:.0f} at the end, of {audience.get('acked', 0)} acked"
        f" (the rule keeps {RETRY_KEEP} per identity whatever their age): {_verdict(ids_bounded)};"
        f" events held at most {f['events_peak']:.0f}",
        flush=True,
    )
    return {"rss_flat": rss_flat, "db_bounded": db_bounded, "ids_bounded": ids_bounded}


def _verdict(held: bool) -> str:
    return f"within {GROWTH_ALLOWED - 1:.0%}, met" if held else "MISSED"
