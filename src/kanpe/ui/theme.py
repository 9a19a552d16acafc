"""The speaker windows' look: one dark style sheet, legible from a metre away."""

from __future__ import annotations

STYLE = """
QWidget#stage, QWidget#stageContents, QWidget#console, QMainWindow#console {
    background: #101217; color: #e8eaf0;
}
QWidget#feed { background: #14171d; }
QLabel#feedHeading, QLabel#sectionHeading {
    color: #8b91a0; font-weight: bold; letter-spacing: 1px;
}
QLabel#feedEmpty { color: #5d6372; }
QFrame#pinned { background: #2a2510; border: 1px solid #6b5a12; border-radius: 10px; }
QLabel#pinnedHeading { color: #ffd23f; font-weight: bold; }
QLabel#pinnedText { color: #fff8dc; }
QLabel#pinnedMeta { color: #c9b870; }
QListView#chat { background: transparent; }

QFrame#questionQueue { background: #14171d; border-radius: 12px; }
QWidget#queueRows, QScrollArea#queueScroll { background: transparent; }
QFrame#questionRow { background: #1a1d24; border: 1px solid #2a2e38; border-radius: 10px; }
QFrame#questionRow[state="new"] { border-color: #ffd23f; }
QFrame#questionRow[state="pinned"] { background: #2a2510; border-color: #6b5a12; }
QFrame#questionRow[selected="true"] { border: 2px solid #7ab8ff; }
QLabel#questionVotes { color: #ffd23f; font-weight: bold; font-size: 16px; }
QLabel#questionText { color: #e8eaf0; font-size: 15px; }
QFrame#questionRow[state="answered"] QLabel#questionText { color: #6b7080; }
QFrame#questionRow[state="answered"] QLabel#questionVotes { color: #6b7080; }
QLabel#questionMeta { color: #8b91a0; font-size: 12px; }
QFrame#questionRow[state="new"] QLabel#questionMeta { color: #ffd23f; }
QLabel#queueCount { color: #ffd23f; font-weight: bold; }
QLabel#queueHint { color: #5d6372; font-size: 12px; }
QPushButton#queueButton {
    background: #2a2e38; color: #e8eaf0; border: 1px solid #3a4050; border-radius: 8px;
    padding: 5px 8px;
}
QPushButton#queueButton:hover { background: #343947; }
QPushButton#queueButton:disabled { color: #5d6372; }
QSplitter::handle { background: #1f232b; }
QSplitter::handle:hover { background: #3a4050; }

QFrame#cueCard { background: #1a1d24; border: 2px solid #2a2e38; border-radius: 14px; }
QFrame#cueCard[state="new"] { background: #3a3210; border-color: #ffd23f; }
QFrame#cueCard[state="lit"] { background: #ffd23f; border-color: #fff3b0; }
QFrame#cueCard[state="acked"] { background: #1a1d24; border-color: #3ecf7a; }
QLabel#cueHeading { color: #8b91a0; font-weight: bold; letter-spacing: 1px; font-size: 15px; }
QFrame#cueCard[state="new"] QLabel#cueHeading { color: #ffd23f; }
QFrame#cueCard[state="lit"] QLabel#cueHeading { color: #3a2c00; }
QLabel#cueText { color: #5d6372; font-size: 30px; font-weight: bold; }
QFrame#cueCard[state="none"] QLabel#cueText { font-size: 18px; font-weight: normal; }
QFrame#cueCard[state="new"] QLabel#cueText { color: #fff8dc; }
QFrame#cueCard[state="lit"] QLabel#cueText { color: #1b1400; }
QFrame#cueCard[state="acked"] QLabel#cueText { color: #c8ccd6; }
QLabel#cueStatus { color: #3ecf7a; font-weight: bold; }
QPushButton#gotIt {
    background: #ffd23f; color: #1b1400; border: none; border-radius: 10px;
    padding: 12px 26px; font-weight: bold; font-size: 18px;
}
QFrame#cueCard[state="lit"] QPushButton#gotIt { background: #1b1400; color: #ffd23f; }
QPushButton#gotIt:pressed { background: #e0b200; }

QFrame#infoPanel { background: #1a1d24; border-radius: 12px; }
QLabel#infoName { color: #8b91a0; font-size: 13px; }
QLabel#infoValue { color: #e8eaf0; font-weight: bold; font-size: 24px; }
QFrame#pacePanel { background: #1a1d24; border-radius: 12px; }
QLabel#paceLine { color: #e8eaf0; font-weight: bold; font-size: 18px; }
QLabel#paceLine[state="behind"] { color: #ffb347; }
QLabel#paceLine[state="ahead"] { color: #7ab8ff; }
QLabel#paceProjection { color: #e8eaf0; font-size: 14px; }
QLabel#paceLegend { color: #8b91a0; font-size: 12px; }
QLabel#slideCaption { color: #8b91a0; }
QLabel#slideNumber { color: #e8eaf0; font-weight: bold; font-size: 18px; }
QLabel#talkTitle { color: #e8eaf0; font-weight: bold; font-size: 18px; }
QLabel#deckError { color: #ffb4ad; }
QPushButton#openDeck {
    background: #2a2e38; color: #e8eaf0; border: 1px solid #3a4050; border-radius: 8px;
    padding: 6px 14px;
}
QPushButton#openDeck:hover { background: #343947; }
QLineEdit#chatLine {
    background: #1a1d24; color: #e8eaf0; border: 1px solid #3a4050; border-radius: 8px;
    padding: 6px 10px; font-size: 15px;
}
QLineEdit#chatLine:focus { border-color: #7ab8ff; }
QPushButton#chatSend {
    background: #2a2e38; color: #e8eaf0; border: 1px solid #3a4050; border-radius: 8px;
    padding: 6px 14px;
}
QPushButton#chatSend:disabled { color: #5d6372; }
QLineEdit#pollQuestion, QLineEdit#pollChoice, QComboBox#pollPresets {
    background: #1a1d24; color: #e8eaf0; border: 1px solid #3a4050; border-radius: 8px;
    padding: 5px 10px; font-size: 14px;
}
QLineEdit#pollQuestion:focus, QLineEdit#pollChoice:focus { border-color: #7ab8ff; }
QComboBox#pollPresets QAbstractItemView { background: #1a1d24; color: #e8eaf0; }
QFrame#pollPanel QRadioButton { color: #c8ccd6; }
QPushButton#openPoll, QPushButton#closePoll, QPushButton#newPoll, QPushButton#pollOnStage {
    background: #2a2e38; color: #e8eaf0; border: 1px solid #3a4050; border-radius: 8px;
    padding: 6px 14px;
}
QPushButton#openPoll:enabled { background: #1d3a5c; border-color: #7ab8ff; }
QPushButton#pollBack {
    background: transparent; color: #8ab4ff; border: none; padding: 0 4px; font-size: 13px;
}
QPushButton#pollOnStage:checked { background: #7ab8ff; color: #0b1a2b; }
QPushButton#openPoll:disabled, QPushButton#closePoll:disabled { color: #5d6372; }

QStatusBar { background: #0b0d11; color: #8b91a0; }
QStatusBar QLabel { color: #8b91a0; padding: 0 8px; }
QLabel#linkStatus[state="online"] { color: #3ecf7a; }
QLabel#linkStatus[state="offline"] { color: #ff8a80; font-weight: bold; }
QLabel#linkStatus[state="connecting"] { color: #ffb627; }
QLabel#linkStatus[state="failed"] { color: #ff8a80; font-weight: bold; }
QFrame#notices { background: #1f232b; border: 1px solid #3a4050; border-radius: 10px; }
QFrame#notices QLabel#noticeText { color: #e8eaf0; font-size: 14px; }
QLabel#noticeMarkInfo { color: #8ab4ff; font-size: 14px; }
QLabel#noticeMarkWarning { color: #ffb627; font-size: 14px; }
QLabel#noticeMarkError { color: #ff8a80; font-size: 14px; font-weight: bold; }
QFrame#notices QToolButton { color: #c8ccd6; background: transparent; border: none; }
QFrame#notices QToolButton:hover { color: #ffffff; }

QMenuBar { background: #0b0d11; color: #c8ccd6; }
QMenuBar::item:selected { background: #2a2e38; }
QMenu { background: #1a1d24; color: #e8eaf0; border: 1px solid #2a2e38; }
QMenu::item:selected { background: #2f3542; }

QLabel#overlayCue {
    background: rgba(58, 50, 16, 235); color: #fff8dc; border: 2px solid #ffd23f;
    border-radius: 10px; padding: 4px 8px; font-weight: bold; font-size: 17px;
}
QLabel#overlayQuestions {
    background: #ffd23f; color: #1b1400; border-radius: 9px; padding: 1px 8px;
    font-weight: bold; font-size: 13px;
}
QLabel#overlayCue[lit="true"] { background: rgba(255, 210, 63, 245); color: #1b1400; }
"""
