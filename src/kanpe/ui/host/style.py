"""The host console's look: the speaker windows' dark style, plus the console's own parts."""

from __future__ import annotations

from kanpe.ui.theme import STYLE

HOST_STYLE = (
    STYLE
    + """
QMainWindow#hostWindow, QWidget#hostCentral { background: #101217; color: #e8eaf0; }
QWidget#hostCentral QLabel { color: #e8eaf0; }
QFrame#hostHeader { background: #0b0d11; border-bottom: 1px solid #2a2e38; }
QLabel#eventTitle { font-size: 20px; font-weight: bold; color: #e8eaf0; }
QLabel#onStage { font-size: 15px; color: #c8ccd6; }
QLabel#wallClock { font-size: 20px; font-weight: bold; color: #c8ccd6; }
QLabel#linkPill { border-radius: 11px; padding: 3px 12px; font-weight: bold; }
QLabel#linkPill[state="online"] { background: #15301f; color: #3ecf7a; }
QLabel#linkPill[state="connecting"] { background: #2e2412; color: #ffb627; }
QLabel#linkPill[state="offline"], QLabel#linkPill[state="failed"] {
    background: #3a1614; color: #ff8a80;
}
QFrame#lateness { background: #1a1d24; border-radius: 10px; }
QFrame#lateness[state="on_time"] { background: #15241c; }
QFrame#lateness[state="ahead"] { background: #14202e; }
QFrame#lateness[state="behind"] { background: #2e2412; }
QFrame#lateness[state="late"] { background: #3a1614; }
QLabel#latenessText { font-size: 16px; font-weight: bold; }
QLabel#latenessMark { font-size: 16px; }
QFrame#lateness[state="on_time"] QLabel#latenessMark { color: #3ecf7a; }
QFrame#lateness[state="ahead"] QLabel#latenessMark { color: #7ab8ff; }
QFrame#lateness[state="behind"] QLabel#latenessMark { color: #ffb627; }
QFrame#lateness[state="late"] QLabel#latenessMark { color: #ff5a4e; }

QFrame#banner { background: #3a1614; border-bottom: 2px solid #ff5a4e; }
QFrame#banner QLabel { color: #ffe9e7; }
QLabel#bannerTitle { font-weight: bold; font-size: 16px; }

QWidget#rundownPanel, QWidget#cuePanel { background: #14171d; }
QTableView#rundownTable {
    background: #14171d; alternate-background-color: #181b22; color: #e8eaf0;
    gridline-color: #22262e; border: 1px solid #2a2e38; border-radius: 6px;
    selection-background-color: #2f3b55; selection-color: #ffffff;
}
QHeaderView::section {
    background: #1a1d24; color: #8b91a0; border: none; border-bottom: 1px solid #2a2e38;
    padding: 4px 6px; font-weight: bold;
}
QTableCornerButton::section { background: #1a1d24; border: none; }

QScrollArea#cardsArea, QWidget#cardsPanel { background: #101217; border: none; }
QFrame#speakerCard { background: #1a1d24; border: 2px solid #2a2e38; border-radius: 12px; }
QFrame#speakerCard[state="offline"] { background: #17181c; border-style: dashed; }
QFrame#speakerCard[chosen="true"] { border-color: #7ab8ff; }
QLabel#cardPresence[state="unknown"] { color: #ffb627; font-weight: bold; }
QLabel#cardSpeaker { font-size: 17px; font-weight: bold; }
QLabel#cardTitle { color: #c8ccd6; }
QLabel#cardFacts { color: #8b91a0; }
QLabel#cardFacts[flag="true"] { color: #ffb627; font-weight: bold; }
QLabel#cardPresence[state="online"] { color: #3ecf7a; font-weight: bold; }
QLabel#cardPresence[state="offline"] { color: #ff8a80; font-weight: bold; }
QLabel#stageBadge {
    background: #3ecf7a; color: #0b1a10; border-radius: 8px; padding: 1px 8px;
    font-weight: bold; font-size: 12px;
}
QLabel#cardCue { color: #8b91a0; }
QLabel#cardCue[state="waiting"] { color: #ffd23f; font-weight: bold; }
QLabel#cardCue[state="acked"] { color: #e8eaf0; }
QLabel#cardCueState[state="waiting"] { color: #ffd23f; }
QLabel#cardCueState[state="acked"] { color: #3ecf7a; font-weight: bold; }
QLabel#emptyHint { color: #8b91a0; font-size: 16px; padding: 30px; }

QPushButton {
    background: #2a2e38; color: #e8eaf0; border: 1px solid #3a4050; border-radius: 7px;
    padding: 5px 10px;
}
QPushButton:hover { background: #343947; }
QPushButton:pressed { background: #3f4657; }
QPushButton:focus { border-color: #7ab8ff; }
QPushButton#cardPrimary { background: #1f5c3a; border-color: #3ecf7a; font-weight: bold; }
QPushButton#cardPrimary:hover { background: #257045; }
QPushButton#nextTalk {
    background: #2f3b55; border-color: #7ab8ff; font-weight: bold; font-size: 15px;
    padding: 8px 18px;
}
QPushButton#cuePreset { padding: 9px 8px; font-size: 14px; text-align: center; }
QPushButton#cuePreset[kind="wrap"] { border-color: #ffb627; }
QPushButton#cuePreset[kind="time"] { border-color: #7ab8ff; }
QPushButton#cueSend { background: #3a3210; border-color: #ffd23f; font-weight: bold; }
QPushButton#cueClear { background: transparent; }
QPushButton#linkButton { background: transparent; border: none; color: #7ab8ff; padding: 2px; }
QToolButton#panelTool {
    background: #2a2e38; color: #e8eaf0; border: 1px solid #3a4050; border-radius: 6px;
    padding: 3px 8px;
}
QToolButton#panelTool:hover { background: #343947; }
QToolButton#panelTool:disabled, QPushButton:disabled { color: #5d6372; border-color: #2a2e38; }
QLineEdit, QComboBox, QPlainTextEdit {
    background: #0f1115; color: #e8eaf0; border: 1px solid #3a4050; border-radius: 6px;
    padding: 5px;
}
QCheckBox { color: #c8ccd6; }
QTabWidget::pane { border: none; background: #14171d; }
QTabBar::tab {
    background: #1a1d24; color: #8b91a0; padding: 7px 14px; border: none;
    border-top-left-radius: 6px; border-top-right-radius: 6px;
}
QTabBar::tab:selected { background: #14171d; color: #e8eaf0; font-weight: bold; }
QFrame#notices { background: #232733; border: 1px solid #3a4050; border-radius: 10px; }
QLabel#noticeText { color: #e8eaf0; }
QLabel#noticeMarkWarning { color: #ffb627; }
QLabel#noticeMarkError { color: #ff5a4e; }
"""
)
