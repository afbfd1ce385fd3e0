"""Guess whether a message is Vietnamese or English, and choose the locale to answer in."""

from __future__ import annotations

import re

from vntext.forms import canonical, normalise

LOCALES = ("vi", "en")

# Letters that only Vietnamese uses among the two languages (after NFC).
_VI_LETTERS = re.compile(r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]")
_WORDS = re.compile(r"[a-z]+")

# Frequent words of each language, as they look after folding and abbreviation expansion.
_VI_WORDS = frozenset(
    "toi em anh chi chong vo con khong duoc roi voi nguoi minh ban la co bi cua va "
    "nay do gi sao lam nha di ve dang se da hay muon can giup o dau nao nhu the thi "
    "ma oi a nhe nha vay cho tu van ho tro chao cam on xin".split()
)
_EN_WORDS = frozenset(
    "i me my you your he she his her him we they it is am are was be been the a an "
    "and or to of in on at for with what where how why who help please hello hi hey "
    "thanks thank yes no not can do does want need someone husband boyfriend scared".split()
)


def detect(text: str) -> str | None:
    """'vi', 'en', or None when the message gives no clue (numbers, "ok", emoji)."""
    if _VI_LETTERS.search(normalise(text)):
        return "vi"
    english = _WORDS.findall(normalise(text))
    vietnamese = _WORDS.findall(canonical(text))
    vi_score = sum(word in _VI_WORDS for word in vietnamese)
    en_score = sum(word in _EN_WORDS for word in english)
    if vi_score == en_score:
        return None
    return "vi" if vi_score > en_score else "en"


def choose(
    *,
    chosen: str | None,
    detected: str | None,
    previous: str | None,
    client_language: str | None,
    default: str,
) -> str:
    """Her /language choice, else the message's language, else the last one, else the client's."""
    client = (client_language or "").split("-")[0].lower()
    for candidate in (chosen, detected, previous, client):
        if candidate in LOCALES:
            return candidate
    return default
