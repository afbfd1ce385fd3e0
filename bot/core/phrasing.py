"""The form situation rules read: folded, abbreviations expanded, letter runs squashed.

Shared by bot/core/situation.py (who, where) and bot/core/timing.py (when). A few words whose
meaning hangs on their accents ("đang"/"đáng", "sắp"/"sáp", "qua"/"quá") are masked first, so
folding does not turn "đáng sợ" into a time word. Pure.
"""

from __future__ import annotations

import re
from functools import lru_cache

from vntext.forms import canonical, fold, normalise

_RUNS = re.compile(r"(\w)\1{2,}", re.UNICODE)  # "cíuuuu", "đanggg": no Vietnamese word has 3
_WORDS = re.compile(r"\w+", re.UNICODE)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})

# Accented spellings that fold onto a time word but mean something else: "đáng sợ" (fearsome)
# is not "đang" (now), "sáp" (wax) is not "sắp" (about to), "quá" (very) is not "qua" (last).
_NOT_TIME: dict[str, frozenset[str]] = {
    "dang": frozenset({"đang", "dang"}),
    "sap": frozenset({"sắp", "sap"}),
    "qua": frozenset({"qua"}),
}


@lru_cache(maxsize=8192)
def _fold_word(word: str) -> str:
    return fold(word)  # one word at a time, thousands per long message: cached


def _keep_time_words(word: re.Match[str]) -> str:
    surface = word.group(0)
    allowed = _NOT_TIME.get(_fold_word(surface))
    if allowed is None or surface in allowed:
        return surface
    return "_"


def form(text: str) -> str:
    """Folded, abbreviations expanded, letter runs squashed, accented look-alikes masked."""
    squashed = _RUNS.sub(r"\1", normalise(text))
    return canonical(_WORDS.sub(_keep_time_words, squashed)).translate(_APOSTROPHES)


def alt(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))
