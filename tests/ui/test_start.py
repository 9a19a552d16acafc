"""The start window (kanpe with nothing to do): each choice leads where it says, is remembered,
and a deck or a link given by the system (a drop, macOS' file-open event) goes straight through."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent, QFileOpenEvent, QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kanpe import desktop
from kanpe.storage.settings import SettingsStore, SpeakerSettings
from kanpe.ui.linkwindow import LinkWindow, NamedLink, qr_image
from kanpe.ui.start import Demo, Host, Join, Present, StartChoice, StartWindow

# The offscreen platform cannot raise windows or propagate size hints; it says so.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

TOKEN = "AbCdEfGhIjKlMnOpQrStUv"
SPEAKER = f"https://relay.example.org/speak/room-1#{TOKEN}"


@pytest.fixture
def store(tmp_path: Path) -> SettingsStore[SpeakerSettings]:
    return SettingsStore.for_speaker(tmp_path / "speaker.toml")


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "talk.pdf"
    path.write_bytes(b"%PDF-1.4 a deck")  # the start window only hands the path on
    return path


def start_window(
    qtbot: QtBot, store: SettingsStore[SpeakerSettings], ask: Path | None = None
) -> tuple[StartWindow, list[StartChoice]]:
    window = StartWindow(store, ask_deck=lambda _parent: ask)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    made: list[StartChoice] = []
    window.chosen.connect(made.append)
    return window, made


def test_present_opens_the_chosen_deck_with_the_talk_length_and_remembers_it(
    qtbot: QtBot, store: SettingsStore[SpeakerSettings], deck: Path
) -> None:
    window, made = start_window(qtbot, store, ask=deck)
    window.minutes.setValue(5)
    qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)
    assert made == [Present(deck=deck, minutes=5.0)]
    saved = SettingsStore.for_speaker(store.path).load()
    assert saved.recent_decks == (str(deck),)
    assert saved.practice_minutes == 5.0 and saved.start_choice == "present"


def test_cancelling_the_file_dialog_chooses_nothing(
    qtbot: QtBot, store: SettingsStore[SpeakerSettings]
) -> None:
    window, made = start_window(qtbot, store, ask=None)
    qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)
    assert made == [] and window.isVisible()


def test_a_recent_deck_opens_with_one_activation(
    qtbot: QtBot, store: SettingsStore[SpeakerSettings], deck: Path
) -> None:
    store.save(SpeakerSettings().with_recent_deck(str(deck)))
    window, made = start_window(qtbot, store)
    assert window.recent.count() == 1 and window.recent.item(0).text() == "talk.pdf"
    window.recent.itemActivated.emit(window.recent.item(0))
    assert made == [Present(deck=deck, minutes=20.0)]


def test_a_recent_deck_that_is_gone_is_said_and_forgotten(
    qtbot: QtBot, store: SettingsStore[SpeakerSettings], tmp_path: Path
) -> None:
    gone = tmp_path / "moved.pdf"
    store.save(SpeakerSettings().with_recent_deck(str(gone)))
    window, made = start_window(qtbot, store)
    window.recent.itemActivated.emit(window.recent.item(0))
    assert made == []
    assert window.present_problem.text() == f"This deck is not there any more: {gone}"
    assert window.present_problem.isVisible()
    assert SettingsStore.for_speaker(store.path).load().recent_decks == ()


@pytest.mark.parametrize("pasted", [SPEAKER, f"kanpe:{SPEAKER}", f"  {SPEAKER}\n"])
def test_join_takes_a_pasted_speaker_link(
    qtbot: QtBot, store: SettingsStore[SpeakerSettings], pasted: str
) -> None:
    window, made = start_window(qtbot, store)
    window.link_field.setText(pasted)
    qtbot.mouseClick(window.join_button, Qt.MouseButton.LeftButton)
    assert made == [Join(link=SPEAKER)]
    assert SettingsStore.for_speaker(store.path).load().start_choice == "join"


@pytest.mark.parametrize(
    ("pasted", "reason"),
    [
        ("", "an invite link starts with http:// or https://"),
        (f"https://relay.example.org/audience/room-1#{TOKEN}", "an audience link, not a"),
        ("https://relay.example.org/speak/room-1", "no valid token"),
    ],
)
def test_join_refuses_a_link_it_cannot_use_and_says_why(
    qtbot: QtBot, store: SettingsStore[SpeakerSettings], pasted: str, reason: str
) -> None:
    window, made = start_window(qtbot, store)
    window.link_field.setText(pasted)
    qtbot.keyClick(window.link_field, Qt.Key.Key_Return)
    assert made == []
    shown = window.join_problem.text()
    assert shown.startswith("This link cannot be used: ") and window.join_problem.isVisible()
    assert reason in shown and TOKEN not in shown


def test_host_and_demo_lead_to_their_own_choice(
    qtbot: QtBot, store: SettingsStore[SpeakerSettings]
) -> None:
    window, made = start_window(qtbot, store)
    qtbot.mouseClick(window.host_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.demo_button, Qt.MouseButton.LeftButton)
    assert made == [Host(), Demo()]
    assert SettingsStore.for_speaker(store.path).load().start_choice == "demo"


@pytest.mark.parametrize("last", ["present", "join", "host", "demo"])
def test_the_last_choice_is_offered_first(
    qtbot: QtBot, store: SettingsStore[SpeakerSettings], last: str
) -> None:
    store.save(SpeakerSettings(start_choice=last))
    window, _ = start_window(qtbot, store)
    assert [k for k, card in window.cards.items() if card.property("last")] == [last]


def drop(window: StartWindow, mime: QMimeData) -> None:
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


def test_a_deck_dropped_on_the_window_is_presented(
    qtbot: QtBot, store: SettingsStore[SpeakerSettings], deck: Path
) -> None:
    window, made = start_window(qtbot, store)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(deck))])
    drop(window, mime)
    assert made == [Present(deck=deck, minutes=20.0)]


def test_a_link_dropped_on_the_window_is_joined(
    qtbot: QtBot, store: SettingsStore[SpeakerSettings]
) -> None:
    window, made = start_window(qtbot, store)
    mime = QMimeData()
    mime.setText(f"kanpe:{SPEAKER}")
    drop(window, mime)
    assert made == [Join(link=SPEAKER)]


# --- the desktop: from a choice (or the system) to the app --------------------------------


def test_a_file_open_event_from_the_system_goes_straight_to_the_deck(
    qtbot: QtBot, store: SettingsStore[SpeakerSettings], deck: Path
) -> None:
    """macOS: a deck dropped on the Dock icon, or Open With > Kanpe, arrives as QFileOpenEvent."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = StartWindow(store)
    qtbot.addWidget(window)
    QTimer.singleShot(0, lambda: QApplication.sendEvent(app, QFileOpenEvent(str(deck))))
    assert desktop.choose(app, window) == Present(deck=deck, minutes=20.0)


def test_a_kanpe_link_from_the_system_goes_straight_to_the_join(
    qtbot: QtBot, store: SettingsStore[SpeakerSettings]
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = StartWindow(store)
    qtbot.addWidget(window)
    url = QUrl(f"kanpe:{SPEAKER}")
    QTimer.singleShot(0, lambda: QApplication.sendEvent(app, QFileOpenEvent(url)))
    assert desktop.choose(app, window) == Join(link=SPEAKER)


def test_closing_the_start_window_chooses_nothing(
    qtbot: QtBot, store: SettingsStore[SpeakerSettings]
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = StartWindow(store)
    qtbot.addWidget(window)
    QTimer.singleShot(0, window.close)
    assert desktop.choose(app, window) is None


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (Present(deck=Path("/d/talk.pdf"), minutes=7.0), ("speak", "/d/talk.pdf", None, 7.0)),
        (Join(link=SPEAKER), ("speak", None, SPEAKER, 20.0)),
        (Host(), ("host",)),
        (Demo(), ("demo",)),
    ],
)
def test_each_choice_leads_where_it_says(
    monkeypatch: pytest.MonkeyPatch, choice: StartChoice, expected: tuple[object, ...]
) -> None:
    ran: list[tuple[object, ...]] = []
    monkeypatch.setattr(
        desktop,
        "run_speaker",
        lambda deck, *, join, minutes: ran.append(("speak", deck, join, minutes)) or 0,
    )
    monkeypatch.setattr(desktop, "run_host", lambda: ran.append(("host",)) or 0)
    monkeypatch.setattr(desktop, "run_demo", lambda: ran.append(("demo",)) or 0)
    assert desktop.launch(choice) == 0
    assert ran == [expected]


# --- what the app printed, now in a window --------------------------------------------------


def test_a_link_window_copies_and_shows_the_qr_code_of_each_link(qtbot: QtBot) -> None:
    links = [NamedLink("Audience", "http://127.0.0.1:1/audience/room-1#x"), NamedLink("B", SPEAKER)]
    window = LinkWindow("Practice room", "Open it in a browser.", links)
    qtbot.addWidget(window)
    window.show()
    assert [field.text() for field in window.fields] == [link.url for link in links]
    with qtbot.waitSignal(window.copied) as copied:
        qtbot.mouseClick(window.copy_buttons[1], Qt.MouseButton.LeftButton)
    assert copied.args == [SPEAKER] and QGuiApplication.clipboard().text() == SPEAKER
    assert window.shown_qr == 0 and window.qr_caption.text() == "Scan: Audience"
    qtbot.mouseClick(window.qr_buttons[1], Qt.MouseButton.LeftButton)
    assert window.shown_qr == 1
    shown = window.qr.pixmap().toImage()
    assert shown == qr_image(SPEAKER).convertToFormat(shown.format())


def test_the_qr_image_has_the_modules_of_the_code() -> None:
    import segno

    code = segno.make(SPEAKER, error="m")
    image = qr_image(SPEAKER)
    rows = list(code.matrix_iter(border=4))
    scale = image.width() // len(rows)
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            pixel = image.pixelColor(x * scale + scale // 2, y * scale + scale // 2)
            assert (pixel.lightness() < 128) == bool(dark)


def test_the_practice_room_shows_its_audience_link_in_a_window(qtbot: QtBot) -> None:
    from kanpe.app import _show_practice_link

    window = _show_practice_link("http://127.0.0.1:1/audience/room-1#tok")
    qtbot.addWidget(window)
    assert isinstance(window, LinkWindow) and window.isVisible()
    assert window.fields[0].text() == "http://127.0.0.1:1/audience/room-1#tok"
    # In the screen's bottom right corner (as far right as it fits), clear of the stage's
    # slides, which open at the top left.
    area = QGuiApplication.primaryScreen().availableGeometry()
    frame = window.frameGeometry()
    assert frame.bottom() <= area.bottom() and frame.top() > area.center().y()
    assert frame.right() <= area.right() or frame.left() == area.left()


@pytest.mark.parametrize(
    ("env", "shows"),
    [
        ({"QT_QPA_PLATFORM": "offscreen"}, False),
        ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":9"}, True),
        ({"DISPLAY": ":9"}, True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, True),
        ({}, False),
    ],
)
def test_with_no_screen_kanpe_prints_its_usage_instead_of_a_window(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], shows: bool
) -> None:
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert desktop.can_show_windows() is shows


def test_kanpe_with_no_arguments_and_no_screen_prints_usage(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run(
        [sys.executable, "-m", "kanpe"],
        env={**env, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "usage: kanpe" in result.stderr


@pytest.mark.parametrize(
    ("argv", "opened"),
    [
        ([], [None]),
        (["talk.pdf"], ["talk.pdf"]),
        (["Talk.PDF"], ["Talk.PDF"]),
        ([f"kanpe:{SPEAKER}"], [f"kanpe:{SPEAKER}"]),
        (["--version"], []),
        (["relay"], []),
        (["speak", "talk.pdf"], []),
        (["-x.pdf"], []),
    ],
)
def test_the_desktop_gets_no_arguments_or_the_one_the_system_passes(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], opened: list[str | None]
) -> None:
    from kanpe import cli

    seen: list[str | None] = []
    monkeypatch.setattr(desktop, "can_show_windows", lambda: True)
    monkeypatch.setattr(desktop, "open_from_desktop", lambda arg=None: seen.append(arg) or 0)
    result = cli._desktop_launch(argv)
    assert seen == opened
    assert (result == 0) if opened else result is None


def test_every_refusal_of_the_link_parser_is_listed_for_translation() -> None:
    """A refusal shown in the Japanese window is Japanese: core's English messages are all in
    kanpe.ui.linkreasons (a new one there fails this test until it is listed)."""
    from kanpe.core.links import LinkError, speaker_link_from, websocket_url
    from kanpe.ui.linkreasons import REASONS

    refusals = set()
    for text in (
        "",
        "relay.example.org/speak/room-1",
        f"https://relay.example.org/speak/room-1?x=1#{TOKEN}",
        f"https://relay.example.org/talk/room-1#{TOKEN}",
        f"https://relay.example.org/speak/r#{TOKEN}",
        "https://relay.example.org/speak/room-1#short",
        "kanpe:" + "x" * 3000,
        "kanpe:a b",
        f"https://relay.example.org/audience/room-1#{TOKEN}",
        f"https://relay.example.org/host/room-1#{TOKEN}",
        f"https://relay.example.org/view/room-1#{TOKEN}",
    ):
        with pytest.raises(LinkError) as refused:
            speaker_link_from(text)
        refusals.add(str(refused.value))
    with pytest.raises(LinkError) as refused:
        websocket_url("ftp://relay.example.org")
    refusals.add(str(refused.value))
    from kanpe.core.links import parse_app_link

    with pytest.raises(LinkError) as refused:
        parse_app_link(SPEAKER)
    refusals.add(str(refused.value))
    assert len(refusals) == len(REASONS)
    assert refusals == set(REASONS)


def test_host_an_event_opens_the_host_console_as_kanpe_host_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import kanpe.hosting

    calls: list[tuple[object, dict[str, object]]] = []
    monkeypatch.setattr(
        kanpe.hosting, "run_host", lambda rundown, **options: calls.append((rundown, options)) or 0
    )
    assert desktop.run_host() == 0
    [(rundown, options)] = calls
    problem = options.pop("problem")
    assert rundown is None
    assert options == {"link": None, "relay": None, "data": None, "public_url": None, "port": 8765}
    assert callable(problem)  # what stops the console is shown in a window, not only printed


@pytest.mark.usefixtures("signal_handlers")
def test_what_stops_the_host_console_reaches_its_problem_window(tmp_path: Path) -> None:
    """A damaged event file in the data folder: the host is told why (and that it was kept)
    through ``problem``, which the start window turns into a dialog; nothing starts."""
    import kanpe.hosting

    (tmp_path / "event.json").write_text("{not json", encoding="utf-8")
    told: list[str] = []
    status = kanpe.hosting.run_host(
        None,
        link=None,
        relay=None,
        data=str(tmp_path),
        public_url=None,
        port=0,
        problem=told.append,
    )
    assert status == 1
    assert len(told) == 1 and "the relay could not start" in told[0]
    assert "kept as it is" in told[0]
    assert (tmp_path / "event.json").read_text(encoding="utf-8") == "{not json"
