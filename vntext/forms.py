"""Vietnamese text normalisation shared by the safety screen, the NLU and the directory."""

from __future__ import annotations

import re
import unicodedata

# Chat abbreviations people type on phones, mapped to their unaccented full words.
# Keys and values are accent-folded (see fold) so they apply after folding.
ABBREVIATIONS: dict[str, str] = {
    "ck": "chong",
    "vk": "vo",
    "e": "em",
    "ko": "khong",
    "k": "khong",
    "kh": "khong",
    "hok": "khong",
    "hong": "khong",
    "kg": "khong",
    "dc": "duoc",
    "dg": "dang",
    "đg": "dang",
    "đc": "duoc",
    "vs": "voi",
    "r": "roi",
    "ng": "nguoi",
    "nc": "noi chuyen",
    "trc": "truoc",
    "sdt": "so dien thoai",
    "bme": "bo me",
    "bm": "bo me",
    "mn": "moi nguoi",
    "j": "gi",
    "z": "vay",
    "bik": "biet",
    "bit": "biet",
    "ntn": "nhu the nao",
    "mk": "minh",
    "m": "may",
    "t": "tao",
    "dt": "dien thoai",
    "đt": "dien thoai",
    "tks": "cam on",
    "thks": "cam on",
    "ok": "ok",
    "cty": "cong ty",
    "tq": "trung quoc",
    "qh": "quan he",
    "tk": "tai khoan",
    "lm": "lam",
    "ny": "nguoi yeu",
    "bt": "binh thuong",
    "bth": "binh thuong",
    "hn": "ha noi",
    "hcm": "ho chi minh",
    "tphcm": "ho chi minh",
    "sg": "sai gon",
    # Teen-code and thumb slips for the words the safety screen and situation rules read.
    "dag": "dang",
    "dnag": "dang",
    "mun": "muon",
    "nx": "nua",
    "ik": "di",
    "wa": "qua",
    "bjo": "bay gio",
    "bjh": "bay gio",
    "zay": "vay",
    "dzay": "vay",
    "hk": "khong",
    "ciu": "cuu",
    "chit": "chet",
    "jup": "giup",
    "nhiu": "nhieu",
    "thg": "thang",
    "trog": "trong",
    "hnay": "hom nay",
    "hqua": "hom qua",  # "bị ck đánh hqua" is yesterday: recent, not now
}

# Not next to an apostrophe, so English "I'm" or "don't" never expands its letters.
_WORD = re.compile(r"(?<!['’])\b\w+\b(?!['’])", re.UNICODE)
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC, casefolded, with runs of white space collapsed to one space."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text).casefold()).strip()


def fold(text: str) -> str:
    """Normalise and strip every diacritic, folding đ to d (NFD alone leaves đ intact)."""
    decomposed = unicodedata.normalize("NFD", normalise(text).replace("đ", "d"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def expand_abbreviations(folded: str) -> str:
    """Replace whole-word chat abbreviations in already folded text with their full words."""
    return _WORD.sub(lambda m: ABBREVIATIONS.get(m.group(0), m.group(0)), folded)


def canonical(text: str) -> str:
    """The form patterns are matched against: folded, abbreviations expanded."""
    return expand_abbreviations(fold(text))
