"""The cue panel: preset cue cards and free text for one talk, with an optional flash.

Sending replaces the speaker's card (the relay keeps one cue per talk); "Take it down" clears
it. The presets are the host's own once edited (remembered in the host's settings); until then
they are the defaults in the desktop's language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kanpe.storage.hostsettings import MAX_PRESET_TEXT, MAX_PRESETS, CuePreset


def default_presets() -> tuple[CuePreset, ...]:
    """The presets of a host who never edited them, in the window's language."""
    # Literal calls, so that lupdate finds each preset under its context.
    translate = QCoreApplication.translate
    return (
        CuePreset(translate("CuePresets", "5 minutes left"), "time"),
        CuePreset(translate("CuePresets", "1 minute left"), "time"),
        CuePreset(translate("CuePresets", "Please wrap up"), "wrap"),
        CuePreset(translate("CuePresets", "Time is up"), "wrap"),
        CuePreset(translate("CuePresets", "Slow down a little"), "text"),
        CuePreset(translate("CuePresets", "Speak up"), "text"),
        CuePreset(translate("CuePresets", "Questions now"), "text"),
    )


def wrap_preset(presets: tuple[CuePreset, ...]) -> CuePreset:
    """The preset the wrap-up shortcut sends: the first of kind ``wrap``."""
    return next((p for p in presets if p.kind == "wrap"), default_presets()[2])


class CuePanel(QWidget):
    """``send(slot, kind, text, flash)``, ``clear(slot)``; ``presetsEdited(tuple)``,
    ``flashChanged(bool)`` for the settings."""

    send = Signal(str, str, str, bool)
    clear = Signal(str)
    presetsEdited = Signal(object)
    flashChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cuePanel")
        self.presets: tuple[CuePreset, ...] = ()
        self._custom = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        target = QHBoxLayout()
        to = QLabel(self.tr("To"))
        to.setObjectName("sectionHeading")
        self.target = QComboBox()
        self.target.setObjectName("cueTarget")
        self.target.setAccessibleName(self.tr("Talk the cue goes to"))
        target.addWidget(to)
        target.addWidget(self.target, 1)
        layout.addLayout(target)
        self._grid = QGridLayout()
        self._grid.setSpacing(6)
        layout.addLayout(self._grid)
        free = QHBoxLayout()
        self.text = QLineEdit()
        self.text.setObjectName("cueText")
        self.text.setPlaceholderText(self.tr("Your own words…  (/)"))
        self.text.setMaxLength(MAX_PRESET_TEXT)
        self.text.returnPressed.connect(self._send_text)
        send = QPushButton(self.tr("Send"))
        send.setObjectName("cueSend")
        send.clicked.connect(self._send_text)
        free.addWidget(self.text, 1)
        free.addWidget(send)
        layout.addLayout(free)
        options = QHBoxLayout()
        self.flash = QCheckBox(self.tr("Flash it"))
        self.flash.toggled.connect(self.flashChanged)
        self.take_down = QPushButton(self.tr("Take the cue down"))
        self.take_down.setObjectName("cueClear")
        self.take_down.clicked.connect(self._clear)
        options.addWidget(self.flash)
        options.addStretch(1)
        options.addWidget(self.take_down)
        layout.addLayout(options)
        edit = QPushButton(self.tr("Edit presets…"))
        edit.setObjectName("linkButton")
        edit.clicked.connect(self.edit_presets)
        layout.addWidget(edit, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.set_presets(None)

    # --- the target ------------------------------------------------------------------------------

    def set_talks(self, talks: list[tuple[str, str]]) -> None:
        """``(slot id, label)`` per talk; the chosen one stays chosen while it exists."""
        chosen = self.slot()
        self.target.blockSignals(True)
        self.target.clear()
        for slot_id, label in talks:
            self.target.addItem(label, slot_id)
        self.target.blockSignals(False)
        if chosen is not None:
            self.choose(chosen)

    def choose(self, slot_id: str) -> None:
        index = self.target.findData(slot_id)
        if index >= 0:
            self.target.setCurrentIndex(index)

    def slot(self) -> str | None:
        data = self.target.currentData()
        return data if isinstance(data, str) else None

    # --- presets ---------------------------------------------------------------------------------

    def set_presets(self, presets: tuple[CuePreset, ...] | None) -> None:
        """The host's presets, or None for the defaults."""
        self._custom = presets is not None
        self.presets = presets if presets is not None else default_presets()
        while (item := self._grid.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.setParent(None)  # gone from the panel now, deleted later
                widget.deleteLater()
        for index, preset in enumerate(self.presets):
            button = QPushButton(preset.text)
            button.setObjectName("cuePreset")
            button.setProperty("kind", preset.kind)
            button.setToolTip(self.tr("Send this cue card"))
            button.clicked.connect(lambda _=False, p=preset: self.send_preset(p))
            self._grid.addWidget(button, index // 2, index % 2)

    def preset_button(self, text: str) -> QPushButton | None:
        """The button of the preset with ``text`` (tests, accessibility)."""
        for button in self.findChildren(QPushButton, "cuePreset"):
            if button.text() == text:
                return button
        return None

    def send_preset(self, preset: CuePreset) -> None:
        slot = self.slot()
        if slot is not None:
            self.send.emit(slot, preset.kind, preset.text, self.flash.isChecked())

    def _send_text(self) -> None:
        slot, text = self.slot(), self.text.text().strip()
        if slot is not None and text:
            self.send.emit(slot, "text", text, self.flash.isChecked())
            self.text.clear()

    def _clear(self) -> None:
        slot = self.slot()
        if slot is not None:
            self.clear.emit(slot)

    def edit_presets(self) -> None:
        dialog = PresetEditor(self.presets, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            presets = dialog.result_presets()
            self.set_presets(presets)
            self.presetsEdited.emit(presets)


class PresetEditor(QDialog):
    """One preset per line; "Restore defaults" brings back the desktop language's presets."""

    def __init__(self, presets: tuple[CuePreset, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cue presets"))
        self._kinds = {p.text: p.kind for p in (*default_presets(), *presets)}
        self._defaults = False
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "One cue card per line, at most {count}. They are kept for your next event."
            ).format(count=MAX_PRESETS)
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.lines = QPlainTextEdit("\n".join(p.text for p in presets))
        layout.addWidget(self.lines, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(self._restore)
        layout.addWidget(buttons)
        self.resize(420, 360)

    def _restore(self) -> None:
        self.lines.setPlainText("\n".join(p.text for p in default_presets()))
        self._defaults = True

    def result_presets(self) -> tuple[CuePreset, ...] | None:
        """None: the defaults (so they follow the desktop's language again)."""
        texts = [line.strip()[:MAX_PRESET_TEXT] for line in self.lines.toPlainText().splitlines()]
        presets = tuple(CuePreset(text, self._kinds.get(text, "text")) for text in texts if text)[
            :MAX_PRESETS
        ]
        if not presets or (self._defaults and presets == default_presets()):
            return None
        return presets
