"""The command line: names that say what they do, values checked where they are parsed."""

from __future__ import annotations

import pytest

from kanpe.cli import build_parser


def test_the_relays_sample_room_and_its_old_name() -> None:
    parser = build_parser()
    assert parser.parse_args(["relay", "--sample-room"]).sample_room
    assert parser.parse_args(["relay", "--demo"]).sample_room  # the old name still works
    assert not parser.parse_args(["relay"]).sample_room
    relay_help = parser._subparsers._group_actions[0].choices["relay"].format_help()  # type: ignore[union-attr]
    assert "--sample-room" in relay_help and "--demo" not in relay_help


@pytest.mark.parametrize("text", ["0", "-5", "1441", "nan", "inf", "twenty"])
def test_minutes_out_of_range_are_refused_by_the_parser(
    text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit:
        build_parser().parse_args(["speak", "--minutes", text])
    assert exit.value.code == 2
    assert "--minutes" in capsys.readouterr().err


def test_minutes_in_range_are_taken() -> None:
    assert build_parser().parse_args(["speak", "--minutes", "7.5"]).minutes == 7.5
    assert build_parser().parse_args(["speak"]).minutes == 20.0


def test_speak_rehearses_only_when_asked() -> None:
    assert build_parser().parse_args(["speak", "talk.pdf", "--rehearse"]).rehearse
    assert not build_parser().parse_args(["speak", "talk.pdf"]).rehearse
