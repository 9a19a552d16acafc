"""The words of every notice, and the one view that shows a window's notices.

``NoticeWords`` holds one translated sentence per notice code: every relay error code of
docs/protocol.md (``ErrorCode``) and every app notice (``AppNotice``); tests fail when a code has
none. ``NoticeView`` follows a ``Notices`` channel and shows its newest few, each until dismissed
(information goes by itself after a while), over its window, so no layout moves when one comes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from kanpe.core.notices import Notice, Notices, Severity
from kanpe.ui.labels import plain_label

# Notices shown at once, newest first; older ones wait behind them.
SHOWN = 3
# How long information stays before the view lets it go.
INFO_MS = 10_000

MARKS = {Severity.INFO: "•", Severity.WARNING: "▲", Severity.ERROR: "✕"}


#: Close codes and HTTP statuses that refuse a link, by the error code whose words say it.
_REFUSALS: dict[int, str] = {
    4001: "unauthorized",
    4002: "unsupported_version",
    4003: "hello_required",
    4010: "unauthorized",  # the room was deleted: "the room is gone"
    403: "unauthorized",
    404: "unauthorized",
}


class NoticeWords(QObject):
    """Notice code -> the sentence a person reads, in the window's language."""

    def sentences(self) -> dict[str, str]:
        """Every known code's sentence, with ``{placeholders}`` for the notice's args."""
        return {
            # The relay's error codes (docs/protocol.md, section 13).
            "bad_json": self.tr("The relay could not read a message from this app."),
            "bad_encoding": self.tr("The relay refused a message with broken text encoding."),
            "binary_frame": self.tr("The relay refused a message sent in binary form."),
            "too_large": self.tr("That was too long for the relay."),
            "too_deep": self.tr("The relay refused a message nested too deeply."),
            "duplicate_key": self.tr("The relay refused a message with a repeated field."),
            "bad_number": self.tr("The relay refused a message with a number it cannot use."),
            "unknown_type": self.tr("The relay does not know that kind of request."),
            "bad_message": self.tr(
                "The relay could not use that request: a field is missing or wrong."
            ),
            "unsupported_version": self.tr(
                "The relay speaks another version of the protocol: update Kanpe."
            ),
            "hello_required": self.tr("The relay expected this app to introduce itself first."),
            "unauthorized": self.tr(
                "The relay does not know this invite link, or the room is gone."
            ),
            "forbidden": self.tr("Your invite does not allow that."),
            "refused": self.tr("The relay could not do that now."),
            "not_found": self.tr("That is no longer on the relay."),
            "name_reserved": self.tr(
                "That name passes for the host's or a speaker's: choose another one."
            ),
            "id_reused": self.tr("The relay refused a request that reused an earlier one's id."),
            "rate_limited": self.tr("Too many requests at once: it is sent again in a moment."),
            "internal": self.tr("The relay could not save that, so nothing changed. Try again."),
            # The apps' own notices (AppNotice).
            "timer.host_runs": self.tr("The host runs your timer."),
            "settings.unreadable": self.tr(
                "Settings not saved: {problem}. The file was kept as it is."
            ),
            "settings.not_saved": self.tr("Could not save settings: {error}"),
            "command.queued": self.tr("Offline: what you do now is sent when the link is back."),
            "command.no_answer": self.tr("The relay has not answered yet; still trying."),
            "host.no_current": self.tr(
                "No talk is on stage: choose one in the rundown and press “Put on stage”."
            ),
            "host.not_sent": self.tr("Not sent, the relay cannot be reached: {what}"),
            "rundown.unreadable": self.tr("The rundown was not changed: {problem}"),
            "rundown.not_saved": self.tr("The rundown was not saved: {problem}"),
            "rundown.saved": self.tr("Rundown saved to {path}"),
            "host.bad_value": self.tr("Nothing changed: {problem}"),
            "links.not_saved": self.tr(
                "The new link works, but could not be kept for the next start: {problem}. "
                "Copy it now."
            ),
            "export.saved": self.tr("The event was exported to {path}"),
            "export.failed": self.tr("Nothing was exported: {problem}"),
            "link.not_host": self.tr(
                "That is a {kind} link, not a host link: nothing changed. Paste the host link "
                "the relay printed when the room was made."
            ),
            "link.bad": self.tr("That link cannot be used ({problem}): nothing changed."),
            "link.unreachable": self.tr(
                "The relay at {relay} does not answer: nothing changed. Check the address and "
                "that the relay runs."
            ),
            "host.event_stopped": self.tr(
                "The event on this computer has stopped: its relay closed when you joined this "
                "room. It is kept: kanpe host opens it again, with the same links."
            ),
            "host.event_ended": self.tr(
                "The event on this computer has stopped: its relay closed when you joined this "
                "room."
            ),
            "rehearsal.saved": self.tr("Rehearsal kept ({length}): the talk is compared with it."),
            "rehearsal.empty": self.tr(
                "Nothing to keep: the timer did not run. Press S to start it as you rehearse."
            ),
            "rehearsal.not_saved": self.tr("The rehearsal was not kept: {problem}"),
            "rehearsal.unreadable": self.tr(
                "This deck's rehearsals cannot be read ({problem}); the file was kept as it is."
            ),
        }

    def refusal(self, code: int | str | None, reason: str) -> str:
        """Why the relay refused a link, in the window's language: by the code that decided it
        (an error code, a close code, an HTTP status); the relay's own words only when the
        code is one no sentence is written for."""
        key = _REFUSALS.get(code, code) if isinstance(code, int) else code
        template = None if key is None else self.sentences().get(str(key))
        return template if template is not None else (reason or self.tr("no reason given"))

    def sentence(self, notice: Notice) -> str:
        """The sentence for ``notice``; an unknown code says so rather than show foreign words."""
        template = self.sentences().get(notice.code)
        if template is None:
            return self.tr("Something went wrong ({code}).").format(code=notice.code)
        return template.format(**dict(notice.args))


class NoticeView(QFrame):
    """The newest notices of a channel, newest on top, each with a button to dismiss it.

    A child of the window it informs, laid over its bottom-left corner by the window
    (``changed`` says when its size may have changed); hidden while there is nothing to show.
    """

    changed = Signal()

    def __init__(self, notices: Notices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notices")
        self.notices = notices
        self.words = NoticeWords(self)
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(10, 8, 10, 8)
        self._rows.setSpacing(4)
        self._expiry: dict[int, QTimer] = {}
        notices.add_listener(self.follow)
        self.destroyed.connect(lambda: notices.remove_listener(self.follow))
        self.follow()

    def texts(self) -> list[str]:
        """What the view shows, newest first (for tests and the accessibility tree)."""
        return [self.words.sentence(n) for n in self.notices.shown[:SHOWN]]

    def follow(self) -> None:
        """Show what the channel shows now."""
        while (item := self._rows.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        shown = self.notices.shown[:SHOWN]
        for notice in shown:
            row = self._row(notice)
            self._rows.addWidget(row)
            row.show()  # now, not queued as Qt does for a visible parent: adjustSize counts it
            self._expire_later(notice)
        live = {n.serial for n in self.notices.shown}
        for serial in [s for s in self._expiry if s not in live]:
            self._expiry.pop(serial).stop()
        self.setVisible(bool(shown))
        self.adjustSize()
        self.changed.emit()

    def _row(self, notice: Notice) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        mark = QLabel(MARKS[notice.severity])
        mark.setObjectName(f"noticeMark{notice.severity.name.title()}")
        text = plain_label(self.words.sentence(notice))
        text.setObjectName("noticeText")
        dismiss = QToolButton()
        dismiss.setText("×")
        dismiss.setToolTip(self.tr("Dismiss"))
        dismiss.setAccessibleName(self.tr("Dismiss"))
        dismiss.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        dismiss.clicked.connect(lambda: self.notices.dismiss(notice))
        line.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(text, 1)
        line.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _expire_later(self, notice: Notice) -> None:
        if notice.severity is not Severity.INFO or notice.serial in self._expiry:
            return
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self.notices.dismiss(notice))
        timer.start(INFO_MS)
        self._expiry[notice.serial] = timer
