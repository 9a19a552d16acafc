"""The invites panel and the connection check on a real relay."""

from __future__ import annotations

from pathlib import Path

import segno
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from kanpe.core.model import Role
from kanpe.core.protocol import SetRundown
from kanpe.core.rundown import Slot
from kanpe.net.link import LinkStatus
from kanpe.ui.host.checkin import CheckinPanel, Readiness
from kanpe.ui.host.invites import InvitesPanel
from kanpe.ui.host.qr import QUIET_ZONE, qr_image
from tests.ui.host.conftest import NIGHT, FakeClock, Night, host_test, until
from tests.ui.speaker.conftest import Speakers


def test_the_qr_code_is_the_links_matrix_with_its_quiet_zone(qapp: object) -> None:
    link = "http://192.168.1.20:8765/audience/Rm7xK2pQ9tWz#Vq1c9EoR8ZkX3m0aTn4bY7hPwS2dLf6G"
    image = qr_image(link, size=240)
    matrix = segno.make(link, error="m").matrix
    modules = len(matrix) + 2 * QUIET_ZONE
    scale = image.width() // modules
    assert image.width() == image.height() == modules * scale and scale >= 4
    for y in range(modules):
        for x in range(modules):
            inside = (
                QUIET_ZONE <= x < modules - QUIET_ZONE and QUIET_ZONE <= y < modules - QUIET_ZONE
            )
            dark = inside and bool(matrix[y - QUIET_ZONE][x - QUIET_ZONE])
            pixel = QColor(image.pixel(x * scale + scale // 2, y * scale + scale // 2))
            assert pixel.lightness() == (0 if dark else 255), (x, y)


@host_test
async def test_invites_mask_tokens_copy_whole_links_and_mint_a_link_for_a_new_talk(
    night: Night, qtbot: QtBot
) -> None:
    console = await night.host()
    panel = InvitesPanel(console.room, console.commands, night.invites.as_result())
    qtbot.addWidget(panel)
    panel.show()
    await until(lambda: len(panel.rows()) == 5)
    keys = [row.key for row in panel.rows()]
    assert keys == ["audience", "viewer", "speaker:talk-1", "speaker:talk-2", "speaker:lt-1"]
    for row in panel.rows():
        token = panel.links[row.key].partition("#")[2]
        assert token not in row.text.text() and "#" not in row.text.text()
        assert row.text.text().startswith("127.0.0.1:") and night.invites.room in row.text.text()
    assert panel.shown_key == "audience" and not panel.qr.pixmap().isNull()

    panel.row("speaker:talk-1").buttons["copy"].click()  # type: ignore[union-attr]
    assert QGuiApplication.clipboard().text() == night.invites.speakers["talk-1"]
    assert panel.status.text() == "Copied: Aiko's speaker link"
    panel.row("speaker:talk-1").buttons["qr"].click()  # type: ignore[union-attr]
    assert panel.shown_key == "speaker:talk-1"
    assert panel.qr_caption.text() == "Aiko's speaker link"

    # A talk added to the rundown has no link yet: "Create link" mints one, which works.
    added = (*NIGHT.slots, Slot(id="lt-2", speaker="Sam", title="Encore", duration=300))
    await night.send(
        console.link, SetRundown, rundown=NIGHT.__class__(title=NIGHT.title, slots=added)
    )
    await until(lambda: panel.row("speaker:lt-2") is not None)
    fresh = panel.row("speaker:lt-2")
    assert fresh is not None and fresh.text.text() == "No link yet"
    with qtbot.waitSignal(panel.linksChanged) as saved:
        fresh.buttons["create"].click()
        await until(lambda: "speaker:lt-2" in panel.links)
    assert saved.args is not None and saved.args[0]["speaker:lt-2"] == panel.links["speaker:lt-2"]
    sam = await night.clients.join(panel.links["speaker:lt-2"])
    assert sam.role is Role.SPEAKER and sam.slot == "lt-2"

    # A console that joined by its host link knows no links: it can make the room's too.
    second = InvitesPanel(console.room, console.commands, {})
    qtbot.addWidget(second)
    assert second.row("audience").text.text() == "No link yet"  # type: ignore[union-attr]
    second.row("audience").buttons["create"].click()  # type: ignore[union-attr]
    await until(lambda: "audience" in second.links)
    viewer = await night.clients.join(second.links["audience"])
    assert viewer.role is Role.AUDIENCE
    await until(lambda: "Copy" in [b.text() for b in panel.row("speaker:lt-2").buttons.values()])  # type: ignore[union-attr]


@host_test
async def test_check_all_turns_a_talk_ready_when_its_speakers_app_answers(
    night: Night, qtbot: QtBot, clock: FakeClock, tmp_path: Path
) -> None:
    console = await night.host()
    panel = CheckinPanel(console.room, console.commands)
    qtbot.addWidget(panel)
    panel.show()
    # Aiko runs the real speaker app, which answers a check by itself; Rafael's link is a bare
    # client that never answers; Priya is not there.
    speakers = Speakers(night.clients, clock, tmp_path / "speaker.toml")
    await speakers.start(night.invites.speakers["talk-1"], show=False)
    await night.speaker("talk-2")
    await until(
        lambda: (
            [s.readiness for s in panel.states()]
            == [Readiness.UNCHECKED, Readiness.UNCHECKED, Readiness.OFFLINE]
        )
    )
    assert panel.summary.text() == "0 of 3 ready · not ready: Aiko, Rafael, Priya"
    assert "check" not in panel.row("lt-1").buttons  # type: ignore[union-attr]

    panel.check_all_button.click()
    await until(lambda: panel.states()[0].readiness is Readiness.READY)
    assert panel.states()[1].readiness is Readiness.WAITING
    assert night.state().slots["lt-1"].check is None  # nobody there: nothing sent
    row = panel.row("talk-1")
    assert row is not None and row.property("readiness") == "ready"
    assert row.text.text() == "Answered: round trip 0 ms"  # the relay's clock is a fake one
    assert panel.summary.text() == "1 of 3 ready · not ready: Rafael, Priya"
    assert [s.slot for s in panel.not_ready()] == ["talk-2", "lt-1"]

    # Another console on the same room shows the same, from the room itself.
    second = await night.host()
    other = CheckinPanel(second.room, second.commands)
    qtbot.addWidget(other)
    await until(
        lambda: [s.readiness for s in other.states()][:2] == [Readiness.READY, Readiness.WAITING]
    )


@host_test
async def test_send_again_replaces_a_leaked_speaker_link(night: Night, qtbot: QtBot) -> None:
    console = await night.host()
    panel = InvitesPanel(console.room, console.commands, night.invites.as_result())
    qtbot.addWidget(panel)
    panel.show()
    old = night.invites.speakers["talk-2"]
    leaked = await night.speaker("talk-2")
    await until(lambda: panel.row("speaker:talk-2") is not None)

    panel.row("speaker:talk-2").buttons["again"].click()  # type: ignore[union-attr]
    assert panel.confirm is not None and "Rafael" in panel.confirm.text()
    with qtbot.waitSignal(panel.linksChanged) as saved:
        panel.confirm.button(QMessageBox.StandardButton.Yes).click()
        await until(lambda: panel.links["speaker:talk-2"] != old)
    new = panel.links["speaker:talk-2"]
    assert saved.args is not None and saved.args[0]["speaker:talk-2"] == new
    assert panel.shown_key == "speaker:talk-2"  # its QR code, ready to show
    assert "old one no longer works" in panel.status.text()
    # The leaked link's app was disconnected and cannot come back; the new link joins.
    await until(lambda: leaked.status is LinkStatus.FAILED)
    joined = await night.clients.join(new)
    assert joined.slot == "talk-2"
