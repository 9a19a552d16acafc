"""The notice channel: what windows post, what a view shows, with no Qt."""

from __future__ import annotations

from kanpe.core.notices import AppNotice, Notices, Severity


def test_posts_show_newest_first_and_a_repeated_code_shows_once() -> None:
    notices = Notices()
    changes: list[int] = []
    notices.add_listener(lambda: changes.append(len(notices.shown)))
    first = notices.post(AppNotice.HOST_RUNS_TIMER, Severity.INFO)
    notices.post("forbidden", detail="a speaker may not send chat.send")
    again = notices.post(AppNotice.HOST_RUNS_TIMER, Severity.INFO)
    assert [n.code for n in notices.shown] == ["timer.host_runs", "forbidden"]
    assert again.serial != first.serial and changes == [1, 2, 2]
    assert notices.shown[1].detail == "a speaker may not send chat.send"
    assert notices.shown[1].severity is Severity.WARNING


def test_args_fill_the_sentence_and_dismissing_twice_does_nothing_more() -> None:
    notices = Notices()
    notice = notices.post(AppNotice.SETTINGS_NOT_SAVED, Severity.ERROR, error="disk full")
    assert notice.arg("error") == "disk full" and notice.arg("other") == ""
    heard: list[None] = []
    notices.add_listener(lambda: heard.append(None))
    notices.dismiss(notice)
    notices.dismiss(notice)
    notices.dismiss_code("nothing shown")
    assert notices.shown == () and len(heard) == 1


def test_the_channel_keeps_a_bounded_number() -> None:
    notices = Notices(keep=3)
    for n in range(10):
        notices.post(f"code-{n}")
    assert [n.code for n in notices.shown] == ["code-9", "code-8", "code-7"]
