"""Find which of Viet Nam's 34 provinces a free-text message mentions: old province names, and
the cities, towns and former districts people name (data/places.csv), included."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from vntext.forms import fold, normalise

# Copied from ../shared/reference/provinces_2025.csv: the product must not read ../shared.
PROVINCES_CSV = Path(__file__).parent / "data" / "provinces_2025.csv"
# Written by referral_db/places_build.py from the vietnamadminunits dataset; see its source column.
PLACES_CSV = Path(__file__).parent / "data" / "places.csv"


@dataclass(frozen=True)
class ProvinceMatch:
    """A province found in text: its current name, and the legacy name she used if different."""

    province: str  # current name, exactly as in provinces_2025.csv, with diacritics
    formerly: str | None  # the legacy province she named or her place was in, if not current
    place: str | None = None  # the city, town or district she named ("Nha Trang"), if any


@dataclass(frozen=True)
class _Alias:
    words: tuple[str, ...]  # accent-folded words, the form matched first
    accented: tuple[str, ...]  # the exact spelling, which may tell the name from a word
    province: str
    formerly: str | None
    cue: str  # "never": a cue is never needed; "folded": only for unaccented text; "always"
    place: str | None = None


# Renamed or commonly used names beyond the CSV: (alias, current province, formerly).
# Abbreviations are listed only if they rarely mean anything else in chat; "DN" is left out
# (Đà Nẵng, Đồng Nai, "doanh nghiệp") and so is "HP".
_EXTRA: tuple[tuple[str, str, str | None], ...] = (
    ("Thừa Thiên Huế", "Huế", "Thừa Thiên Huế"),  # renamed Huế in January 2025
    ("Thừa Thiên - Huế", "Huế", "Thừa Thiên Huế"),
    ("Hanoi", "Hà Nội", None),
    ("thủ đô Hà Nội", "Hà Nội", None),
    ("thành phố Hồ Chí Minh", "Hồ Chí Minh", None),
    ("TP Hồ Chí Minh", "Hồ Chí Minh", None),
    ("Ho Chi Minh City", "Hồ Chí Minh", None),
    ("TPHCM", "Hồ Chí Minh", None),
    ("TP HCM", "Hồ Chí Minh", None),
    ("HCM", "Hồ Chí Minh", None),
    ("HCMC", "Hồ Chí Minh", None),
    ("Sài Gòn", "Hồ Chí Minh", None),
    ("Saigon", "Hồ Chí Minh", None),
    ("SG", "Hồ Chí Minh", None),
    ("Vũng Tàu", "Hồ Chí Minh", "Bà Rịa - Vũng Tàu"),
    ("BRVT", "Hồ Chí Minh", "Bà Rịa - Vũng Tàu"),
    ("Danang", "Đà Nẵng", None),
    ("Daklak", "Đắk Lắk", None),
    ("Đăk Lăk", "Đắk Lắk", None),
    ("Đắc Lắc", "Đắk Lắk", None),
    ("Đắk Nông", "Lâm Đồng", "Đắk Nông"),
    ("Bắc Cạn", "Thái Nguyên", "Bắc Kạn"),
    ("Kontum", "Quảng Ngãi", "Kon Tum"),
    ("HN", "Hà Nội", None),
)

# Folded spellings that are also ordinary words once accents are gone ("hai phòng" = two
# rooms, "đã nặng", "cần thở", "làm đồng", "diễn biến", the name Huệ, "hôm nay" typed "hn").
# Unaccented, they count only after a place cue ("ở", "tại", "tỉnh", "in"...) or alone.
_RISKY_FOLDED = {
    ("hue",),
    ("hai", "phong"),
    ("hai", "duong"),
    ("da", "nang"),
    ("can", "tho"),
    ("lam", "dong"),
    ("dien", "bien"),
    ("thai", "binh"),
    ("hn",),
    ("sg",),
    ("ha", "nam"),
}
# "hòa bình" is the word for peace even with its accents: it always needs a cue.
_ALWAYS_CUE = {("hoa", "binh")}
# Folded words that, right before a name, show that a place is meant.
_CUES_BEFORE = {
    "o",
    "tai",
    "tinh",
    "tp",
    "pho",
    "den",
    "ve",
    "tu",
    "gan",
    "que",
    "in",
    "at",
    "from",
    "near",
    "to",
    # before a place below a province: huyện, quận, thị xã / xã, thị trấn, phường, tx
    "huyen",
    "quan",
    "xa",
    "tran",
    "phuong",
    "tx",
}
_CUES_AFTER = {"province", "city"}

_WORDS = re.compile(r"\w+", re.UNICODE)


def _accented_words(text: str) -> list[str]:
    """NFC casefolded words of text."""
    return _WORDS.findall(normalise(text))


def _cue(words: tuple[str, ...], declared: str | None = None) -> str:
    if words in _ALWAYS_CUE:
        return "always"
    if words in _RISKY_FOLDED:
        return "folded"
    return declared or "never"


@lru_cache(maxsize=1)
def _table() -> tuple[list[str], dict[tuple[str, ...], list[_Alias]], int]:
    """The current provinces, every alias by its folded words, and the longest alias."""
    with PROVINCES_CSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    current = [row["province"] for row in rows]
    names: list[tuple[str, str, str | None]] = []
    for row in rows:
        for legacy in row["merged_from"].split(";"):
            legacy = legacy.strip()
            names.append((legacy, row["province"], None if legacy == row["province"] else legacy))
    names.extend(_EXTRA)
    aliases = []
    for name, province, formerly in names:
        accented = tuple(_accented_words(name))
        words = tuple(fold(w) for w in accented)
        # An ASCII alias ("HCM") has no accents to tell it apart: its accented form is itself.
        aliases.append(_Alias(words, accented, province, formerly, _cue(words)))
    province_words = {a.words for a in aliases}
    with PLACES_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            accented = tuple(_accented_words(row["place"]))
            words = tuple(fold(w) for w in accented)
            if words in province_words:  # a province's own name always means the province
                continue
            # A one-syllable place ("Vinh", also a name and a word) always needs a cue.
            cue = "always" if len(words) == 1 and row["cue"] != "never" else row["cue"]
            aliases.append(
                _Alias(
                    words,
                    accented,
                    row["province"],
                    row["formerly"] or None,
                    _cue(words, cue),
                    row["place"],
                )
            )
    index: dict[tuple[str, ...], list[_Alias]] = {}
    for alias in aliases:
        index.setdefault(alias.words, []).append(alias)
    return current, index, max(len(words) for words in index)


def current_provinces() -> list[str]:
    """The 34 provinces since 1 July 2025, with diacritics, in the CSV's order."""
    return list(_table()[0])


def _spelling(word: str) -> tuple[str, tuple[str, ...], bool]:
    """A word's letters and marks, ignoring where the tone mark sits ("hoà" and "hòa" agree)."""
    decomposed = unicodedata.normalize("NFD", word)
    marks = tuple(sorted(ch for ch in decomposed if unicodedata.combining(ch)))
    return fold(word), marks, "đ" in word


def _has_cue(folded: list[str], start: int, end: int) -> bool:
    before = folded[start - 1] if start > 0 else ""
    after = folded[end] if end < len(folded) else ""
    return before in _CUES_BEFORE or after in _CUES_AFTER or (start == 0 and end == len(folded))


def _accepts(alias: _Alias, accented: list[str], folded: list[str], start: int) -> bool:
    end = start + len(alias.words)
    if (
        alias.place
        and any(
            a != f and w == fold(w)  # marks she typed on a word the place spells without any
            for a, f, w in zip(accented[start:end], folded[start:end], alias.accented)
        )
    ):
        return False  # "về nhà Trang" is Trang's house, not Nha Trang
    if alias.cue == "never":
        return True
    if alias.cue == "always":
        return _has_cue(folded, start, end)
    # Written with its accents, "Hải Phòng" cannot be "hai phòng"; an ASCII alias ("hn") has
    # no accents to tell it apart, so it always needs the cue.
    written = tuple(_spelling(w) for w in accented[start:end])
    expected = tuple(_spelling(w) for w in alias.accented)
    distinct = alias.accented != alias.words and written == expected
    if alias.place and alias.accented == alias.words and len(alias.words) > 1:
        # A place spelled without marks ("Nha Trang"), by someone who types them elsewhere,
        # is the place: she would have written "nhà Trang" for Trang's house.
        bare = all(a == f for a, f in zip(accented[start:end], folded[start:end]))
        distinct = bare and any(a != f for a, f in zip(accented, folded))
    return distinct or _has_cue(folded, start, end)


# Words repeat from message to message; folding each once keeps resolve fast on long texts.
_fold_word = lru_cache(maxsize=20_000)(fold)


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(words[0] for words in _table()[1])


def _matches(text: str) -> list[tuple[int, int, _Alias]]:
    accented = _accented_words(text)
    folded = [_fold_word(w) for w in accented]
    _, index, longest = _table()
    first_words = _first_words()
    found = []
    # Each start and length is one dictionary look-up: fast with 700 places, on every message.
    for start in range(len(folded)):
        if folded[start] not in first_words:
            continue
        for n in range(1, min(longest, len(folded) - start) + 1):
            for alias in index.get(tuple(folded[start : start + n]), ()):
                if _accepts(alias, accented, folded, start):
                    found.append((start, n, alias))
    return found


def _match(alias: _Alias) -> ProvinceMatch:
    return ProvinceMatch(alias.province, alias.formerly, alias.place)


def resolve(text: str) -> ProvinceMatch | None:
    """The province mentioned anywhere in text, directly or through a city, town or former
    district; the longest name wins, then a province over a place, then the earliest."""
    found = _matches(text)
    if not found:
        return None
    _, _, alias = min(found, key=lambda m: (-m[1], m[2].place is not None, m[0]))
    return _match(alias)


def lookup(name: str) -> ProvinceMatch | None:
    """The province a whole value names (an import cell, a search option), or None if it is
    anything more. Cities, towns and former districts count: "Nha Trang" is Khánh Hòa."""
    words = [fold(w) for w in _accented_words(name)]
    for start, n, alias in sorted(_matches(name), key=lambda m: m[2].place is not None):
        if start == 0 and n == len(words):
            return _match(alias)
    return None
