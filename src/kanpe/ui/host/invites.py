"""The host's invites: per talk the speaker's link (Copy, QR code, "Send again" for a leaked
one), and the room's audience and viewer links with their QR codes.

The relay keeps only digests of tokens, so the links come from the host's event file
(``RoomInvites.as_result()``'s form: ``audience``, ``viewer``, ``speaker:SLOT``); a link minted
here (a talk added to the rundown, a replaced link) is announced by ``linksChanged`` with the
whole set, for the app to save. Links hold capability tokens: the panel shows them with the token
masked (a console is often shared on a stream), Copy puts the whole link on the clipboard, and a
speaker's QR code shows only when asked for (a code is drawn when the panel is on screen).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kanpe.ui.host.qr import qr_pixmap
from kanpe.ui.host.rows import PANEL_STYLE, Rebuild, Row, RowList, ShownRows
from kanpe.ui.labels import plain_label

if TYPE_CHECKING:
    import asyncio

    from kanpe.core.protocol import Ack
    from kanpe.ui.host.sender import Sender
    from kanpe.ui.roommodel import RoomModel

QR_SIZE = 200


def masked(link: str) -> str:
    """The link without its token (nor its scheme): what a screen may show of it."""
    base = link.partition("#")[0]
    return base.partition("://")[2] or base


class InvitesPanel(ShownRows, QWidget):
    """Every invite of the room; the QR code of the one chosen, beside the list."""

    linksChanged = Signal(dict)  # the whole set of links, after one was minted here

    def __init__(
        self,
        room: RoomModel,
        commands: Sender,
        links: Mapping[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("invitesPanel")
        self.setStyleSheet(PANEL_STYLE)
        self.room = room
        self.commands = commands
        self.links: dict[str, str] = dict(links)
        self.list = RowList(self.tr("No invites."))
        self.qr = QLabel()
        self.qr.setObjectName("inviteQr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setFixedSize(QR_SIZE, QR_SIZE)
        self.qr_caption = plain_label()
        self.qr_caption.setObjectName("inviteQrCaption")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = plain_label()
        self.status.setObjectName("inviteStatus")
        self.shown_key = ""
        self._drawn = ""  # the link whose code the label holds
        self.confirm: QMessageBox | None = None  # the open "Send again?" question
        self._lay_out()
        self.rebuild = Rebuild(self._build, self)
        room.synced.connect(self.rebuild.request)
        room.rundownChanged.connect(self.rebuild.request)
        self.rebuild.request()
        self.show_qr("audience")

    def _lay_out(self) -> None:
        # A side panel is narrow: the list above, the chosen link's code under it.
        code = QFrame()
        code.setObjectName("inviteCode")
        code_column = QVBoxLayout(code)
        code_column.setContentsMargins(0, 4, 0, 4)
        code_column.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        code_column.addWidget(self.qr_caption)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list, 1)
        column.addWidget(self.status)
        column.addWidget(code, 0)

    # --- the list ---------------------------------------------------------------------------

    def _build(self) -> None:
        rows: list[QWidget] = [
            self._room_row("audience", self.tr("Audience (public: show it on the stream)")),
            self._room_row("viewer", self.tr("Viewer (read-only display)")),
        ]
        rundown = self.room.rundown()
        for plan in () if rundown is None else rundown.slots:
            rows.append(self._speaker_row(plan.id, plan.speaker, plan.title))
        for row in rows:
            if isinstance(row, Row):
                # One line, cut at the panel's edge: a link broken over two lines reads as two.
                row.text.setWordWrap(False)
                row.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.list.set_rows(rows)

    def _room_row(self, key: str, heading: str) -> Row:
        link = self.links.get(key, "")
        row = Row(heading, masked(link) if link else self.tr("No link yet"), key)
        if link:
            row.add_button("copy", self.tr("Copy"), lambda: self.copy(key))
            row.add_button("qr", self.tr("QR code"), lambda: self.show_qr(key))
        else:  # a console that joined by its host link: the room's links were made elsewhere
            row.add_button("create", self.tr("Create link"), lambda: self.create_link(key))
        return row

    def _speaker_row(self, slot: str, speaker: str, title: str) -> Row:
        key = f"speaker:{slot}"
        link = self.links.get(key, "")
        heading = " — ".join(part for part in (speaker or self.tr("Speaker"), title) if part)
        row = Row(heading, masked(link) if link else self.tr("No link yet"), key)
        if link:
            row.add_button("copy", self.tr("Copy"), lambda: self.copy(key))
            row.add_button("qr", self.tr("QR code"), lambda: self.show_qr(key))
            again = row.add_button("again", self.tr("Send again"), lambda: self.send_again(slot))
            again.setToolTip(self.tr("A new link for this talk; the old one stops working."))
        else:
            row.add_button("create", self.tr("Create link"), lambda: self.create_link(key))
        return row

    # --- actions --------------------------------------------------------------------------------

    def copy(self, key: str) -> None:
        link = self.links.get(key)
        if not link:
            return
        QGuiApplication.clipboard().setText(link)
        self.status.setText(self.tr("Copied: {what}").format(what=self._name(key)))

    def show_qr(self, key: str) -> None:
        link = self.links.get(key)
        self.shown_key = key if link else ""
        if not link:
            self.qr.clear()
            self.qr_caption.clear()
            self._drawn = ""
            return
        self.qr_caption.setText(self._name(key))
        if self.isVisible():
            self._draw_qr()
        # else drawn when the panel is first shown: a console opens on its cue cards, and a
        # code nobody sees is not worth drawing at start-up

    def _draw_qr(self) -> None:
        link = self.links.get(self.shown_key, "")
        if link and link != self._drawn:
            self.qr.setPixmap(qr_pixmap(link, size=QR_SIZE))
            self._drawn = link

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._draw_qr()

    def create_link(self, key: str) -> None:
        """Mint a link the panel has none of: a talk added to the rundown, or the room's audience
        or viewer link on a console that joined by its host link. Older links stay valid."""
        from kanpe.core.model import Role
        from kanpe.core.protocol import CreateInvite

        if key.startswith("speaker:"):
            role, slot = Role.SPEAKER, key.removeprefix("speaker:")
        else:
            role, slot = Role(key), None
        command = CreateInvite(id=self.commands.new_id(), role=role, slot=slot)
        self._follow(self.commands.send(command), key, replaced=False)

    def send_again(self, slot: str) -> None:
        """Ask first: replacing a link disconnects the speaker's app until it has the new one."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Send again"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            self.tr(
                "Replace {what}? The old link stops working now, and an app joined with it "
                "is disconnected until it has the new one."
            ).format(what=self._name(f"speaker:{slot}"))
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: self.replace_link(slot))
        self.confirm = box
        box.open()

    def replace_link(self, slot: str) -> None:
        """Replace a leaked speaker link: the old one stops working, its connections close."""
        from kanpe.core.protocol import ReplaceInvite

        command = ReplaceInvite(id=self.commands.new_id(), slot=slot)
        self._follow(self.commands.send(command), f"speaker:{slot}", replaced=True)

    def _follow(self, future: asyncio.Future[Ack] | None, key: str, *, replaced: bool) -> None:
        if future is None:
            return  # not sent: the console lists it

        def done(answered: asyncio.Future[Ack]) -> None:
            if answered.cancelled() or answered.exception() is not None:
                return  # the command sender has told the host why
            link = answered.result().result.get("link", "")
            if not link:
                return
            self.links[key] = link
            self.linksChanged.emit(dict(self.links))
            self.rebuild.request()
            if self.shown_key == key or replaced:
                self.show_qr(key)
            what = self._name(key)
            message = self.tr("{what} created: copy it and send it.").format(what=what)
            if replaced:
                message = self.tr(
                    "{what} replaced: the old one no longer works. Copy the new one and send it."
                ).format(what=what)
            self.status.setText(message)

        future.add_done_callback(done)

    def _name(self, key: str) -> str:
        if key == "audience":
            return self.tr("Audience link")
        if key == "viewer":
            return self.tr("Viewer link")
        slot = key.removeprefix("speaker:")
        rundown = self.room.rundown()
        plan = None if rundown is None else rundown.slot(slot)
        speaker = plan.speaker if plan is not None and plan.speaker else slot
        return self.tr("{speaker}'s speaker link").format(speaker=speaker)
