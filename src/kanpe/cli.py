"""The ``kanpe`` command and its subcommands.

Each subcommand imports what it needs when it runs, so ``kanpe relay`` on a server never loads Qt.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence


class _Version(argparse.Action):
    """``--version``, reading the installed version only when asked (see kanpe.__getattr__)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        import kanpe

        print(f"kanpe {kanpe.__version__}")  # stdout, as argparse's own version action does
        parser.exit()


def minutes(text: str) -> float:
    """``--minutes``: a talk length of more than 0 and at most 1440 minutes (24 hours)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of minutes: {text!r}") from None
    if not 0 < value <= 24 * 60:  # also refuses nan
        raise argparse.ArgumentTypeError("must be more than 0 and at most 1440")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The ``kanpe`` command line: its options and every subcommand's."""
    parser = argparse.ArgumentParser(
        prog="kanpe",
        description="Talk timer, presenter overlay and host cue cards for online meetups.",
    )
    parser.add_argument("--version", action=_Version)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this installation works (headless), print one line per check, and exit",
    )
    parser.add_argument(
        "--report",
        metavar="FILE",
        help="with --self-test: also write the lines to FILE (the windowed kanpe.exe prints none)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    relay = commands.add_parser("relay", help="run a standalone relay")
    relay.add_argument("--host", default="127.0.0.1", help="address to listen on")
    relay.add_argument("--port", type=int, default=8765, help="port (0 picks a free one)")
    relay.add_argument("--data", metavar="DIR", help="data directory (default: per-user data dir)")
    relay.add_argument("--public-url", metavar="URL", help="base URL printed in invite links")
    relay.add_argument("--tls-cert", metavar="FILE", help="TLS certificate chain (PEM)")
    relay.add_argument("--tls-key", metavar="FILE", help="TLS private key (PEM)")
    relay.add_argument(
        "--allow-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="extra browser origin allowed to connect (repeatable)",
    )
    relay.add_argument(
        "--max-per-address",
        type=int,
        default=None,
        metavar="N",
        help="most connections from one IP address (default 256; raise it for a venue whose"
        " attendees share one address)",
    )
    relay.add_argument(
        "--trust-proxy",
        action="append",
        default=[],
        metavar="ADDR",
        help="a reverse proxy's address whose X-Forwarded-For names the client (repeatable)",
    )
    relay.add_argument(
        "--durable",
        action="store_true",
        help="fsync every commit (survives power loss; the default survives a crash of the relay)",
    )
    relay.add_argument(
        "--sample-room",
        action="store_true",
        help="create a room from the sample rundown and print its invite links",
    )
    # The flag's old name, from when `kanpe demo` was the same thing; it is not that any more.
    relay.add_argument("--demo", dest="sample_room", action="store_true", help=argparse.SUPPRESS)

    room = commands.add_parser("room", help="manage rooms on a relay")
    room_commands = room.add_subparsers(dest="room_command", metavar="ACTION", required=True)
    create = room_commands.add_parser("create", help="create a room and print its invite links")
    create.add_argument(
        "--relay", required=True, metavar="URL", help="the relay, e.g. http://host:8765"
    )
    create.add_argument(
        "--data", metavar="DIR", help="the relay's data directory (for its admin secret)"
    )
    create.add_argument("--admin-secret-file", metavar="FILE", help="file holding the admin secret")
    create.add_argument("--name", default="", help="room name")
    create.add_argument("--rundown", metavar="TOML", help="rundown file (default: the sample)")

    speak = commands.add_parser("speak", help="present a PDF deck: stage, console and overlay")
    speak.add_argument("deck", nargs="?", metavar="DECK.pdf", help="the deck (default: ask)")
    speak.add_argument("--join", metavar="LINK", help="speaker link from the host (default: solo)")
    speak.add_argument(
        "--minutes", type=minutes, default=20.0, metavar="N", help="talk length when solo (20)"
    )
    speak.add_argument(
        "--questions",
        metavar="FILE.md",
        help="keep the talk's questions (votes, times) and polls in FILE.md as Markdown",
    )
    speak.add_argument(
        "--rehearse",
        action="store_true",
        help="rehearse: time each slide and keep the timings for this deck, to pace the talk",
    )

    host = commands.add_parser(
        "host", help="the host console: run every speaker's timer and cues from one window"
    )
    host.add_argument(
        "rundown", nargs="?", metavar="RUNDOWN.toml", help="the rundown (default: the sample)"
    )
    host.add_argument("--link", metavar="HOSTLINK", help="join a standalone relay's room as host")
    host.add_argument("--relay", metavar="URL", help="with --link: reach the relay at this URL")
    host.add_argument("--data", metavar="DIR", help="where the event is kept (default: per user)")
    host.add_argument("--public-url", metavar="URL", help="base URL of the links (tunnel, proxy)")
    host.add_argument(
        "--port", type=int, default=8765, metavar="N", help="the embedded relay's port (8765)"
    )

    export = commands.add_parser(
        "export", help="write an event's record (timings, questions, polls) as Markdown"
    )
    export.add_argument(
        "--data", required=True, metavar="DIR", help="the relay's or kanpe host's data directory"
    )
    export.add_argument("--room", metavar="ID", help="the room (needed when there are several)")
    export.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")

    demo = commands.add_parser(
        "demo",
        help="the whole product on this machine: the host's console on the sample rundown, a "
        "speaker on the sample deck and a small simulated audience, on an embedded relay",
    )
    demo.add_argument(
        "--port", type=int, default=0, metavar="N", help="the relay's port (0: any free one)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    desktop = _desktop_launch(list(sys.argv[1:] if argv is None else argv))
    if desktop is not None:
        return desktop
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from pathlib import Path

        from kanpe.selftest import run_self_test

        return run_self_test(report=Path(args.report) if args.report else None)
    match args.command:
        case "relay":
            from kanpe.net.relay_main import run_relay

            return run_relay(args)
        case "room":
            from kanpe.net.admin import run_room_command

            return run_room_command(args)
        case "speak":
            # No garbage collection while Qt and the windows load: nothing made then is garbage,
            # and ~100 collections cost ~15 ms before the first slide. On again once it is
            # painted (run_speaker).
            gc.disable()
            from kanpe.app import run_speaker

            return run_speaker(
                args.deck,
                join=args.join,
                minutes=args.minutes,
                questions=args.questions,
                rehearse=args.rehearse,
            )
        case "host":
            from kanpe.hosting import run_host

            return run_host(
                args.rundown,
                link=args.link,
                relay=args.relay,
                data=args.data,
                public_url=args.public_url,
                port=args.port,
            )
        case "export":
            from kanpe.net.export_main import run_export

            return run_export(args)
        case "demo":
            from kanpe.demo import run_demo

            return run_demo(port=args.port)
        case _:
            parser.print_help(sys.stderr)
            return 2


def _desktop_launch(argv: list[str]) -> int | None:
    """Opened by the desktop (kanpe.desktop): no arguments (a double click: the start window,
    when there is a screen to show it on), or the one argument a system passes (a PDF opened
    with Kanpe, a ``kanpe:`` link). None: a command for the terminal."""
    if len(argv) > 1:
        return None  # a command (``kanpe speak DECK``): decided without loading the links'
        # module, which loads msgspec and the room's model (~20 ms before the first slide)
    if argv and not _is_deck(argv[0]):
        from kanpe.core.links import is_app_link

        if not is_app_link(argv[0]):
            return None
    from kanpe.desktop import can_show_windows, open_from_desktop

    if not argv and not can_show_windows():
        return None  # a terminal without a display: argparse prints the usage
    return open_from_desktop(argv[0] if argv else None)


def _is_deck(argument: str) -> bool:
    return argument.lower().endswith(".pdf") and not argument.startswith("-")
