"""The rundown panel: the table of talks, its editing buttons, and "Next talk"."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kanpe.ui.host.rundown import COLUMNS, RundownTable


class RundownPanel(QWidget):
    """``selected(slot)`` when the host picks a row; ``putOnStage(slot)`` on a double-click of
    the first column or the "On stage" button."""

    selected = Signal(str)
    putOnStage = Signal(str)

    def __init__(self, actions: dict[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rundownPanel")
        self.table = RundownTable(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 6, 10)
        layout.setSpacing(6)
        heading = QHBoxLayout()
        title = QLabel(self.tr("RUNDOWN"))
        title.setObjectName("sectionHeading")
        heading.addWidget(title)
        heading.addStretch(1)
        for key, text in (
            ("rundown.add", self.tr("Add")),
            ("rundown.remove", self.tr("Remove")),
            ("rundown.up", "↑"),
            ("rundown.down", "↓"),
        ):
            heading.addWidget(self._tool(actions[key], text))
        layout.addLayout(heading)
        self.view = QTableView()
        self.view.setObjectName("rundownTable")
        self.view.setModel(self.table)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        title_column = next(i for i, c in enumerate(COLUMNS) if c.key == "title")
        header.setSectionResizeMode(title_column, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setDefaultSectionSize(30)
        self.view.verticalHeader().hide()
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.view.doubleClicked.connect(self._double_clicked)
        layout.addWidget(self.view, 1)
        files = QHBoxLayout()
        for key, text in (
            ("rundown.open", self.tr("Open…")),
            ("rundown.save", self.tr("Save…")),
            ("rundown.import_csv", self.tr("Import CSV…")),
        ):
            files.addWidget(self._tool(actions[key], text))
        files.addStretch(1)
        self.on_stage = QPushButton(self.tr("Put on stage"))
        self.on_stage.setObjectName("secondary")
        self.on_stage.clicked.connect(self._put_on_stage)
        files.addWidget(self.on_stage)
        layout.addLayout(files)
        next_row = QHBoxLayout()
        self.next_button = QPushButton(self.tr("Next talk  (N)"))
        self.next_button.setObjectName("nextTalk")
        self.next_button.clicked.connect(actions["talk.next"].trigger)
        self.next_starts = QCheckBox(self.tr("and start its timer"))
        next_row.addWidget(self.next_button)
        next_row.addWidget(self.next_starts)
        next_row.addStretch(1)
        layout.addLayout(next_row)

    #: Narrower than this, the warning and final columns step aside (the length's tooltip and
    #: a wider panel still show them) so that planned and actual times stay in view.
    THRESHOLDS_FROM = 620

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        narrow = self.width() < self.THRESHOLDS_FROM
        for key in ("warning", "final"):
            self.view.setColumnHidden(
                next(i for i, c in enumerate(COLUMNS) if c.key == key), narrow
            )

    @staticmethod
    def _tool(action: QAction, text: str) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setText(text)
        # The action sets its own (long) text again whenever it changes (enabled, ...).
        action.changed.connect(lambda: button.setText(text))
        button.setToolTip(action.text().replace("\t", "  "))
        button.setObjectName("panelTool")
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button

    def selected_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def selected_slot(self) -> str | None:
        slot = self.table.slot_at(self.selected_row())
        return None if slot is None else slot.id

    def select(self, slot_id: str) -> None:
        row = self.table.row_of(slot_id)
        if row >= 0 and row != self.selected_row():
            self.view.selectionModel().setCurrentIndex(
                self.table.index(row, 1),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _row_changed(self) -> None:
        slot_id = self.selected_slot()
        if slot_id is not None:
            self.selected.emit(slot_id)

    def _double_clicked(self, index: object) -> None:
        if getattr(index, "column", lambda: -1)() == 0:
            self._put_on_stage()

    def _put_on_stage(self) -> None:
        slot_id = self.selected_slot()
        if slot_id is not None:
            self.putOnStage.emit(slot_id)
