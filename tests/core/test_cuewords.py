"""An automatic cue's English words, read back so each app can say them in its language."""

from __future__ import annotations

import pytest

from kanpe.core.cuewords import auto_words, read_auto_words


def test_every_automatic_cue_reads_back_as_the_time_it_names() -> None:
    for seconds in range(0, 24 * 3600 + 1, 7):
        assert read_auto_words(auto_words(seconds)) == seconds
    assert auto_words(300) == "5 min left"
    assert auto_words(45) == "45 s left"
    assert auto_words(90) == "1:30 left"
    assert auto_words(0) == "Time is up"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Time is up!",
        "time is up",
        "5 min left, please",
        "Only 5 min left",
        "75 s left",
        "0 s left",
        "1:75 left",
        "5 minutes left",
        "残り 5 分",
        " 5 min left",
    ],
)
def test_a_hosts_own_words_are_left_as_they_are(text: str) -> None:
    assert read_auto_words(text) is None
