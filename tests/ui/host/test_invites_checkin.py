"""The invites panel and the connection check on a real relay."""

from __future__ import annotations

import segno
from PySide6.QtGui import QColor, QGuiApplication
from pytestqt.qtbot import QtBot

from kanpe.core.model import Role
from kanpe.core.protocol import AckCue, SetRundown
from kanpe.core.rundown import Slot
from kanpe.net.link import wait_for_state
from kanpe.ui.host.checkin import CheckinPanel, Readiness
from kanpe.ui.host.invites import InvitesPanel
from kanpe.ui.host.qr import QUIET_ZONE, qr_image
from tests.ui.host.conftest import NIGHT, Night, host_test, until


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
    await until(lambda: "Copy" in [b.text() for b in panel.row("speaker:lt-2").buttons.values()])  # type: ignore[union-attr]


@host_test
async def test_check_all_turns_a_talk_ready_when_its_speaker_answers(
    night: Night, qtbot: QtBot
) -> None:
    console = await night.host()
    panel = CheckinPanel(console.room, console.commands)
    qtbot.addWidget(panel)
    panel.show()
    aiko = await night.speaker("talk-1", client="kanpe-speaker")
    await until(
        lambda: (
            [s.readiness for s in panel.states()][:2] == [Readiness.UNCHECKED, Readiness.OFFLINE]
        )
    )
    assert panel.summary.text() == "0 of 3 ready · not ready: Aiko, Rafael, Priya"
    assert not panel.row("talk-2").buttons["check"].isEnabled()  # type: ignore[union-attr]

    panel.check_all_button.click()
    await until(lambda: panel.states()[0].readiness is Readiness.WAITING)
    assert [s.readiness for s in panel.states()[1:]] == [Readiness.OFFLINE, Readiness.OFFLINE]
    assert night.state().slots["talk-2"].cue is None  # nobody there: nothing sent
    state = await wait_for_state(aiko, lambda s: s.slots["talk-1"].cue is not None)
    cue = state.slots["talk-1"].cue
    assert cue is not None and "check" in cue.text.lower()

    await night.send(aiko, AckCue, cue=cue.id)
    await until(lambda: panel.states()[0].readiness is Readiness.READY)
    row = panel.row("talk-1")
    assert row is not None and row.property("readiness") == "ready"
    assert row.text.text().startswith("Got it after 0.0 s")  # the relay's clock is a fake one
    assert panel.summary.text() == "1 of 3 ready · not ready: Rafael, Priya"
    assert [s.slot for s in panel.not_ready()] == ["talk-2", "lt-1"]
