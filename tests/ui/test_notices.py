"""Notices in windows: a sentence for every code, and the view that follows the channel."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QToolButton, QWidget
from pytestqt.qtbot import QtBot

from kanpe.core.notices import AppNotice, Notices, Severity
from kanpe.core.protocol import ErrorCode
from kanpe.ui.notices import SHOWN, NoticeView, NoticeWords

# The offscreen platform cannot propagate size hints; it says so.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")


def test_every_error_code_and_app_notice_has_its_own_sentence(qtbot: QtBot) -> None:
    sentences = NoticeWords().sentences()
    codes = [c.value for c in ErrorCode] + [c.value for c in AppNotice]
    missing = [code for code in codes if code not in sentences]
    assert not missing, f"give these codes a sentence in kanpe.ui.notices: {missing}"
    assert len(set(sentences.values())) == len(sentences)  # no two codes read the same
    assert set(sentences) == set(codes)


def test_a_relays_reason_is_never_shown_as_it_is(qtbot: QtBot) -> None:
    notices = Notices()
    view = NoticeView(notices)
    qtbot.addWidget(view)
    notices.post(ErrorCode.FORBIDDEN, detail="a speaker may not send timer.start")
    assert view.texts() == ["Your invite does not allow that."]
    notices.post("no.such.code", detail="English words")
    assert view.texts()[0] == "Something went wrong (no.such.code)."


def test_the_view_follows_the_channel_newest_first_and_dismisses(qtbot: QtBot) -> None:
    notices = Notices()
    window = QWidget()
    qtbot.addWidget(window)
    view = NoticeView(notices, window)
    assert view.isHidden() and view.texts() == []
    notices.post(AppNotice.HOST_RUNS_TIMER, Severity.INFO)
    notices.post(AppNotice.SETTINGS_NOT_SAVED, Severity.WARNING, error="disk full")
    assert not view.isHidden()
    assert view.texts() == ["Could not save settings: disk full", "The host runs your timer."]
    for code in ("refused", "not_found", "internal"):
        notices.post(code, Severity.ERROR)
    assert len(view.texts()) == SHOWN and view.texts()[0].startswith("The relay could not save")
    qtbot.waitUntil(lambda: len(view.findChildren(QToolButton)) == SHOWN)
    buttons = view.findChildren(QToolButton)
    buttons[0].click()  # the newest
    assert [n.code for n in notices.shown][:2] == ["not_found", "refused"]
    while notices.shown:
        notices.dismiss(notices.shown[0])
    assert view.isHidden()


def test_a_notice_added_to_a_shown_view_is_shown_and_makes_room(qtbot: QtBot) -> None:
    notices = Notices()
    window = QWidget()
    qtbot.addWidget(window)
    view = NoticeView(notices, window)
    window.show()
    notices.post(ErrorCode.REFUSED)
    one = view.height()
    notices.post(AppNotice.SENT_WHEN_ONLINE, Severity.INFO)
    rows = [w for w in view.findChildren(QWidget) if w.parent() is view and w.isVisible()]
    assert len(rows) == 2 and view.height() > one


@pytest.mark.parametrize(
    ("code", "key"),
    [
        (4001, ErrorCode.UNAUTHORIZED),
        (4010, ErrorCode.UNAUTHORIZED),
        (404, ErrorCode.UNAUTHORIZED),
        (4002, ErrorCode.UNSUPPORTED_VERSION),
        (ErrorCode.UNSUPPORTED_VERSION, ErrorCode.UNSUPPORTED_VERSION),
        (ErrorCode.UNAUTHORIZED, ErrorCode.UNAUTHORIZED),
    ],
)
def test_a_refused_link_is_said_in_the_windows_words(
    qtbot: QtBot, code: int | ErrorCode, key: ErrorCode
) -> None:
    words = NoticeWords()
    assert words.refusal(code, "unknown token") == words.sentences()[key.value]


def test_a_refusal_no_sentence_is_written_for_keeps_the_relays_words(qtbot: QtBot) -> None:
    words = NoticeWords()
    assert words.refusal(4999, "closed for maintenance") == "closed for maintenance"
    assert words.refusal(None, "") == "no reason given"
