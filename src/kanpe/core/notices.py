"""Notices: every message for the person at a window goes through one channel, outside Qt.

A notice is a code, a severity and the values its sentence needs; the words are the UI's (one
translated sentence per code, ``kanpe.ui.notices``), so a relay's English reason never reaches a
Japanese window as it is: it travels as ``detail``, for the log. Codes are the relay's error codes
(``ErrorCode`` values, docs/protocol.md section 13) and the apps' own (``AppNotice``).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

log = logging.getLogger("kanpe.notices")

#: Notices a channel keeps at most; posting more drops the oldest.
KEPT = 20


class Severity(IntEnum):
    """How much a notice matters: the view gives each its own mark, not only its own colour."""

    INFO = 1  # for the record; the view lets it go by itself
    WARNING = 2  # something did not happen; the person may want to act
    ERROR = 3  # something is broken and stays so until the person acts


class AppNotice(StrEnum):
    """The codes of notices the apps make themselves (the relay's are ``ErrorCode`` values)."""

    HOST_RUNS_TIMER = "timer.host_runs"  # the speaker pressed start, but the host keeps time
    SETTINGS_UNREADABLE = "settings.unreadable"  # args: problem
    SETTINGS_NOT_SAVED = "settings.not_saved"  # args: error
    SENT_WHEN_ONLINE = "command.queued"  # offline: commands wait for the link to come back
    NO_ANSWER = "command.no_answer"  # the relay has not answered a command for a while
    NO_TALK_ON_STAGE = "host.no_current"  # a "talk on stage" shortcut with no talk on stage
    NOT_SENT = "host.not_sent"  # args: what; the relay is unreachable, the command was dropped
    RUNDOWN_UNREADABLE = "rundown.unreadable"  # args: problem; the rundown was not changed
    RUNDOWN_NOT_SAVED = "rundown.not_saved"  # args: problem
    RUNDOWN_SAVED = "rundown.saved"  # args: path
    BAD_VALUE = "host.bad_value"  # args: problem; a value typed in the console was refused
    NOT_A_HOST_LINK = "link.not_host"  # args: kind; a speaker's (or audience) link given
    LINKS_NOT_SAVED = "links.not_saved"  # args: problem; a new invite link is not kept on disk
    EXPORTED = "export.saved"  # args: path
    EXPORT_FAILED = "export.failed"  # args: problem; nothing was written
    BAD_LINK = "link.bad"  # args: problem
    RELAY_UNREACHABLE = "link.unreachable"  # args: relay
    # The host joined another room, and the event this computer served stopped: kept in its
    # folder (``kanpe host`` opens it again), or ended (the demo's, in a temporary folder).
    OWN_EVENT_STOPPED = "host.event_stopped"
    OWN_EVENT_ENDED = "host.event_ended"
    # Rehearsals (kanpe.ui.speaker.pace).
    REHEARSAL_SAVED = "rehearsal.saved"  # args: length
    REHEARSAL_EMPTY = "rehearsal.empty"  # the timer never ran: nothing to keep
    REHEARSAL_NOT_SAVED = "rehearsal.not_saved"  # args: problem
    REHEARSALS_UNREADABLE = "rehearsal.unreadable"  # args: problem; the file is kept


@dataclass(frozen=True, slots=True)
class Notice:
    """One message for the person. ``args`` fill the sentence's ``{placeholders}``; ``detail`` is
    the relay's or the system's own words, logged, never shown as they are."""

    code: str
    severity: Severity
    args: tuple[tuple[str, str], ...] = ()
    detail: str = ""
    serial: int = field(default=0, compare=False)

    def arg(self, name: str) -> str:
        """The value of the sentence's ``{name}`` ("" when the notice has none)."""
        return dict(self.args).get(name, "")


class Notices:
    """The channel: windows post, one view per window shows. Posting a code already shown
    replaces it (pressing a refused key three times says so once, newest first)."""

    def __init__(self, keep: int = KEPT) -> None:
        self._keep = keep
        self._shown: list[Notice] = []
        self._listeners: list[Callable[[], None]] = []
        self._serials = itertools.count(1)

    def add_listener(self, listener: Callable[[], None]) -> None:
        """``listener()`` is called after every change of what is shown."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[], None]) -> None:
        """Stop calling ``listener``."""
        self._listeners.remove(listener)

    @property
    def shown(self) -> tuple[Notice, ...]:
        """What a view shows, newest first."""
        return tuple(reversed(self._shown))

    def post(
        self,
        code: str,
        severity: Severity = Severity.WARNING,
        *,
        detail: str = "",
        **args: str,
    ) -> Notice:
        """Show a notice with ``code``; ``args`` fill its sentence."""
        notice = Notice(
            code=str(code),
            severity=severity,
            args=tuple(sorted(args.items())),
            detail=detail,
            serial=next(self._serials),
        )
        log.info(
            "notice %s%s",
            notice.code,
            f": {detail}" if detail else "",
        )
        self._shown = [n for n in self._shown if n.code != notice.code]
        self._shown.append(notice)
        del self._shown[: max(0, len(self._shown) - self._keep)]
        self._changed()
        return notice

    def dismiss(self, notice: Notice) -> None:
        """Stop showing ``notice`` (already gone: nothing happens)."""
        kept = [n for n in self._shown if n.serial != notice.serial]
        if len(kept) != len(self._shown):
            self._shown = kept
            self._changed()

    def dismiss_code(self, code: str) -> None:
        """Stop showing the notice with ``code``, if one is shown."""
        for notice in self._shown:
            if notice.code == code:
                self.dismiss(notice)
                return

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()
