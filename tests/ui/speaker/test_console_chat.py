"""The speaker writes in the chat from the presenter console: a key puts the cursor in the line,
typing there flips no slide, Enter sends (badged by the relay as the speaker's), Esc leaves."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from kanpe.core.model import CueKind
from kanpe.core.protocol import SendCue
from kanpe.net.link import wait_for_state
from kanpe.net.relay import RoomInvites
from kanpe.ui.keys import SPEAKER_KEYMAP
from tests.support.waiting import eventually
from tests.ui.speaker.conftest import Clients, Speakers, speaker_test

SLOT = "talk-1"
K = Qt.Key


@speaker_test
async def test_typing_in_the_consoles_chat_box_flips_no_slide_and_sends_as_the_speaker(
    invites: RoomInvites, clients: Clients, speakers: Speakers, deck_path: Path
) -> None:
    host = await clients.join(invites.host)
    app = await speakers.start(invites.speakers[SLOT], deck=deck_path)
    composer = app.console.chat
    assert composer is not None
    assert not app.stage.findChildren(QLineEdit)  # the streamed stage never has an input
    QTest.keyClick(app.console, K.Key_PageDown)
    assert app.deck.page == 2

    focus = SPEAKER_KEYMAP.binding("chat.focus").keys[0].code
    QTest.keyClick(app.console, focus)
    assert app.console.focusWidget() is composer.line
    assert composer.line.text() == ""  # the key that focused the line is not typed into it
    # Words with every key a clicker or the binding table also uses: none of them flips a slide.
    QTest.keyClicks(composer.line, "Bonus slides: space, b, f, s, g, c, o, t + - ?")
    for key in (K.Key_Left, K.Key_Right, K.Key_Up, K.Key_Down, K.Key_Home, K.Key_End):
        QTest.keyClick(composer.line, key)
        assert app.deck.page == 2, key  # one at a time: Up then Down would cancel out
    QTest.keyClick(composer.line, K.Key_Backspace)
    QTest.keyClicks(composer.line, "?")
    assert app.deck.page == 2 and not app.deck.blank
    assert not app.stage.isFullScreen() and not app.console.help.isVisible()
    text = "Bonus slides: space, b, f, s, g, c, o, t + - ?"
    assert composer.line.text() == text

    await host.command(SendCue(id=host.new_id(), slot=SLOT, kind=CueKind.TIME, text="5 min"))
    await eventually(lambda: app.model.cue() is not None)
    QTest.keyClick(composer.line, K.Key_Return)  # sends, and does not acknowledge the cue
    assert "AckCue" not in [type(c).__name__ for c in app.commands.pending()]
    state = await wait_for_state(host, lambda s: bool(s.chat))
    (message,) = state.chat
    assert (message.text, message.name, message.role.value) == (text, "Aiko", "speaker")
    assert composer.line.text() == ""
    await eventually(lambda: app.stage.feed.chat.visible_messages() == [message])
    assert app.stage.feed.chat.badge(message) == "Speaker"

    # A clicker's page keys still move the slides while the cursor is in the line.
    QTest.keyClick(composer.line, K.Key_PageDown)
    assert app.deck.page == 3
    QTest.keyClick(composer.line, K.Key_Escape)  # leaves the line, and only that
    assert app.console.focusWidget() is not composer.line
    assert not app.stage.isFullScreen()
    QTest.keyClick(app.console, K.Key_Right)  # the window's keys are back
    assert app.deck.page == 4


@speaker_test
async def test_a_refused_message_comes_back_into_the_line_with_a_notice(
    invites: RoomInvites, clients: Clients, speakers: Speakers
) -> None:
    app = await speakers.start(invites.speakers[SLOT])
    composer = app.console.chat
    assert composer is not None
    invisible = "\u200b\u2060"  # zero-width only: the relay refuses it like empty text
    composer.line.setText(invisible)
    composer.send()
    assert composer.line.text() == ""  # sent
    await eventually(lambda: composer.line.text() == invisible)  # refused: the words are back
    assert [n.code for n in app.notices.shown] == ["refused"]
