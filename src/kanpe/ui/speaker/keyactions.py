"""What each action of the speaker's binding table does (``kanpe.ui.keys.SPEAKER_BINDINGS``).

Keys and menu items alike end here, by action name. Each returns whether it applied now: a slide
key with no deck open, or Esc out of full screen when the stage is not, is left to Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kanpe.ui.speaker.app import SpeakerApp
    from kanpe.ui.speaker.questions import SpeakerQuestions


def _taken(do: Callable[[], object]) -> Callable[[], bool]:
    """``do``, and say the key was taken."""

    def run() -> bool:
        do()
        return True

    return run


def _question_actions(questions: SpeakerQuestions) -> dict[str, Callable[[], bool]]:
    return {
        "questions.toggle": _taken(questions.toggle),
        "questions.next": _taken(lambda: questions.step(1)),
        "questions.previous": _taken(lambda: questions.step(-1)),
        "question.pin": _taken(questions.pin),
        "question.answer": _taken(questions.answer),
        "question.hide": _taken(questions.hide),
        "questions.export": _taken(questions.ask_export),
    }


def speaker_actions(app: SpeakerApp) -> dict[str, Callable[[], bool]]:
    """Action name -> what it does in ``app`` now (its settings as they are at this call)."""
    deck, stage, s = app.deck.deck, app.stage, app.settings
    questions = app.presenter.questions

    def leave_full_screen() -> bool:
        if not stage.isFullScreen():
            return False
        stage.showNormal()
        return True

    return {
        "slide.next": lambda: deck.move("slide.next"),
        "slide.previous": lambda: deck.move("slide.previous"),
        "slide.first": lambda: deck.move("slide.first"),
        "slide.last": lambda: deck.move("slide.last"),
        "stage.blank": _taken(app.toggle_blank),
        "deck.open": _taken(app.choose_deck),
        "timer.start_pause": _taken(app.start_pause),
        "rehearse.toggle": _taken(app.presenter.pace.toggle),
        "rehearse.compare": _taken(app.presenter.pace.compare_next),
        "cue.ack": _taken(app.acknowledge_cue),
        "stage.full_screen": _taken(stage.toggle_full_screen),
        "stage.leave_full_screen": leave_full_screen,
        "overlay.show": _taken(lambda: app.set_overlay_visible(not app.overlay.isVisible())),
        "overlay.click_through": _taken(
            lambda: app.set_click_through(not app.overlay.click_through)
        ),
        "stage.badge": _taken(lambda: app.set_stage_badge(not s.stage_countdown)),
        "stage.size": _taken(app.next_stage_size),
        "chat.focus": app.console.focus_chat,
        "sound.thresholds": _taken(lambda: app.set_threshold_sound(not s.threshold_sound)),
        "pace.meter": _taken(lambda: app.set_pace_meter(not s.pace_meter)),
        "poll.new": _taken(app.console.polls.new_poll),
        "poll.stage": app.polls.toggle_stage,
        "poll.close": app.console.polls.close_poll,
        **({} if questions is None else _question_actions(questions)),
        "feed.larger": _taken(lambda: app.set_feed_font(s.feed_font + 1)),
        "feed.smaller": _taken(lambda: app.set_feed_font(s.feed_font - 1)),
        "help": _taken(app.console.help.toggle),
        "quit": _taken(app.quit),
    }
