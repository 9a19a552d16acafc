"""``python -m bench [GROUP [ARGS...]]``: run every benchmark group, or one with its arguments.

A group is any ``bench/bench_<group>.py`` that defines ``main(argv) -> int``; adding the file is
all it takes to plug one in. Exit status is 0 unless a group crashed or returned non-zero (a
missed target is printed, not an error).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

PREFIX = "bench_"

type Entry = Callable[[list[str]], int]


def groups() -> list[str]:
    """Names of the benchmark groups on disk, e.g. ``["bundle", "link", "slides"]``."""
    here = str(Path(__file__).resolve().parent)
    return sorted(
        info.name.removeprefix(PREFIX)
        for info in pkgutil.iter_modules([here])
        if info.name.startswith(PREFIX) and not info.ispkg
    )


def load(group: str) -> Entry:
    module = importlib.import_module(f"bench.{PREFIX}{group}")
    entry = getattr(module, "main", None)
    if not callable(entry):
        raise TypeError(f"bench/{PREFIX}{group}.py defines no main(argv) -> int")
    return entry  # type: ignore[no-any-return]


def run(group: str, argv: list[str]) -> int:
    try:
        return int(load(group)(argv) or 0)
    except KeyboardInterrupt:
        raise
    except SystemExit as exc:  # argparse in a group: keep going with the others
        return exc.code if isinstance(exc.code, int) else 1
    except Exception:
        print(f"bench {group}: crashed", file=sys.stderr)
        traceback.print_exc()
        return 1


def usage(found: list[str]) -> str:
    return (
        "usage: python -m bench [GROUP [ARGS...]]\n"
        f"groups: {', '.join(found) or '(none found)'}\n"
        "Without GROUP every group runs with its defaults; "
        "`python -m bench GROUP --help` shows a group's options."
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    found = groups()
    if args and args[0] in ("-h", "--help"):
        print(usage(found))
        return 0
    if args:
        group, rest = args[0], args[1:]
        if group not in found:
            print(f"bench: no group {group!r}\n{usage(found)}", file=sys.stderr)
            return 2
        return run(group, rest)
    failed = [group for group in found if run(group, []) != 0]
    if failed:
        print(f"bench: groups that did not finish: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
