"""Display names that pass for a role: "Host", "主催", "Speaker", "登壇者" and their disguises.

The real host and speakers are known by their token, and the pages draw a badge for them from the
``role`` the relay sets on their messages. A typed name is only a name, but on a phone, or on the
streamed stage, "Host: the talk is cancelled" from an audience member reads as the host's word.
So the relay refuses such names from the audience (docs/protocol.md 7.7): the sender retypes a
name once, and no client, old or new, ever shows one.

The comparison sees through the usual disguises: compatibility forms (full-width "ＨＯＳＴ",
half-width "ﾎｽﾄ"), case, accents and other combining marks, invisible format characters,
separators ("H.o.s.t", "[Host]"), digits for letters ("H0st"), camel case ("TheHost") and the
Cyrillic and Greek letters that look like Latin ones ("Ноst"). Latin words must match whole, so
"Ghost" and "Hostetler" stay free; Japanese words match anywhere in the name, as Japanese has no
spaces to find words by.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

#: Latin words, matched as whole words (and as the whole name with separators removed).
RESERVED_WORDS: Final = frozenset(
    {
        "host",
        "hosts",
        "cohost",
        "speaker",
        "speakers",
        "moderator",
        "moderators",
        "organizer",
        "organiser",
        "organizers",
        "organisers",
        "admin",
        "staff",
        "official",
        "kanpe",
    }
)
#: Japanese words, matched anywhere in the name.
RESERVED_JAPANESE: Final = (
    *("主催", "登壇", "司会", "運営", "公式"),
    *("ホスト", "スピーカー", "スタッフ"),
)

# Letters from other scripts that look like the Latin letters of the words above, and the digits
# people put for letters. Applied after case folding, so lower case is enough.
_LOOKALIKES: Final = str.maketrans(
    {
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "к": "k",
        "м": "m",
        "н": "h",
        "т": "t",
        "і": "i",
        "ѕ": "s",
        "г": "r",
        "α": "a",
        "ε": "e",
        "ο": "o",
        "ρ": "p",
        "κ": "k",
        "τ": "t",
        "ι": "i",
        "ν": "v",
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "$": "s",
        "@": "a",
    }
)
_KANA_MARKS: Final = frozenset("\u3099\u309a")
_CAMEL: Final = re.compile(r"(?<=[a-z])(?=[A-Z])")
_LETTERS: Final = re.compile(r"[^\W\d_]+")


def folded(name: str) -> str:
    """The name as compared: compatibility forms, case and marks folded, look-alikes mapped."""
    text = unicodedata.normalize("NFKC", name)
    text = _CAMEL.sub(" ", text).casefold()
    decomposed = unicodedata.normalize("NFD", text)
    # Combining marks and invisible format characters go, but not the kana voicing marks (ピ is
    # ヒ + U+309A): what is left is recomposed, so Japanese compares as it is written.
    kept = "".join(
        c
        for c in decomposed
        if c in _KANA_MARKS or unicodedata.category(c) not in ("Mn", "Me", "Cf")
    )
    return unicodedata.normalize("NFC", kept).translate(_LOOKALIKES)


def imitates_role(name: str) -> bool:
    """Whether ``name`` would pass for the host's or a speaker's (see the module docstring)."""
    text = folded(name)
    if any(word in text for word in RESERVED_JAPANESE):
        return True
    words = _LETTERS.findall(text)
    return any(word in RESERVED_WORDS for word in words) or "".join(words) in RESERVED_WORDS
