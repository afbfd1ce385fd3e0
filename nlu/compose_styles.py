"""How she writes: a composed line retyped without diacritics, in chat code, mixed, with slips.

Each composed line is drawn in one writing variant (`STYLES`, shared as `STYLE_WEIGHTS` says);
the transforms' word tables live in `nlu/compose_parts/transforms.yml`.
"""

from __future__ import annotations

import random
import re
from typing import Any

from nlu.compose_lines import load_parts
from vntext.forms import fold

STYLES = ("vi_accented", "vi_plain", "teencode", "en", "mixed")
# Share of each writing variant; small talk is shorter and leans the same way.
STYLE_WEIGHTS = {"vi_accented": 30, "vi_plain": 20, "teencode": 26, "en": 14, "mixed": 10}


def _word_sub(text: str, table: dict[str, list[str]], rate: float, rng: random.Random) -> str:
    """Replace whole words or phrases from table (longest first) with probability rate."""
    keys = sorted(table, key=len, reverse=True)
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(k) for k in keys) + r")(?!\w)", re.IGNORECASE
    )

    def sub(m: re.Match[str]) -> str:
        word = m.group(0)
        if rng.random() >= rate:
            return word
        out = rng.choice(table[word.lower()]) if word.lower() in table else word
        return out.capitalize() if word[:1].isupper() and out[:1].islower() else out

    return pattern.sub(sub, text)


def strip_accents(text: str) -> str:
    """Drop every diacritic, đ -> d, keeping case (as phones without a Vietnamese keyboard)."""
    lowered = [ch.islower() for ch in text]
    folded = fold(text)
    if len(folded) != len(text):  # fold collapses white space; fall back to lower case
        return folded
    return "".join(c if low else c.upper() for c, low in zip(folded, lowered))


def teencode(
    text: str, rng: random.Random, rate: float = 0.7, table: dict[str, list[str]] | None = None
) -> str:
    """Chat code: không -> ko/k/hok, chồng -> ck, em -> e, được -> dc (transforms.yml)."""
    table = table or load_parts().transforms["teencode"]
    return _word_sub(text.lower(), table, rate, rng)


def mix_english(text: str, rng: random.Random, transforms: dict[str, Any]) -> str:
    """Swap a few Vietnamese words for the English people use, or add an English opener."""
    table = transforms["mixed"]
    mixed = _word_sub(text, table, 0.8, rng)
    if mixed == text or rng.random() < 0.3:
        if rng.random() < 0.5:
            mixed = rng.choice(transforms["mixed_openers"]) + " " + mixed
        else:
            mixed = mixed.rstrip(".") + " " + rng.choice(transforms["mixed_closings"])
    return mixed


def typos(text: str, rng: random.Random, n: int = 1) -> str:
    """n slips: two letters swapped, one dropped or doubled, two words run together."""
    words = text.split(" ")
    for _ in range(n):
        kind = rng.random()
        long_words = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
        if kind < 0.25 and len(words) > 3:
            i = rng.randrange(len(words) - 1)
            words[i : i + 2] = [words[i] + words[i + 1]]
        elif long_words:
            i = rng.choice(long_words)
            w = words[i]
            j = rng.randrange(1, len(w) - 1)
            if kind < 0.5:
                w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
            elif kind < 0.75:
                w = w[:j] + w[j + 1 :]
            else:
                w = w[:j] + w[j] + w[j:]
            words[i] = w
    return " ".join(words)


def drop_punctuation(text: str) -> str:
    """No commas or full stops, as many type."""
    return re.sub(r"\s+", " ", re.sub(r"[,.]", " ", text)).strip()


def write_as(style: str, vi_text: str, rng: random.Random, transforms: dict[str, Any]) -> str:
    """A composed Vietnamese line as written in one style (en lines are composed apart)."""
    text = vi_text
    if style == "vi_accented":
        if rng.random() < 0.3:
            text = text.lower()
        if rng.random() < 0.1:
            text = typos(text, rng)
    elif style == "vi_plain":
        text = strip_accents(text)
        if rng.random() < 0.5:
            text = text.lower()
        if rng.random() < 0.25:
            text = typos(text, rng)
        if rng.random() < 0.3:
            text = drop_punctuation(text)
    elif style == "teencode":
        text = teencode(text, rng, rng.uniform(0.5, 0.9), transforms["teencode"])
        if rng.random() < 0.45:
            text = strip_accents(text)
        if rng.random() < 0.6:
            text = typos(text, rng, rng.choice([1, 1, 2]))
        if rng.random() < 0.5:
            text = drop_punctuation(text)
    elif style == "mixed":
        text = mix_english(text, rng, transforms)
        if rng.random() < 0.3:
            text = strip_accents(text)
        if rng.random() < 0.3:
            text = text.lower()
    return text


def write_en(text: str, rng: random.Random) -> str:
    """An English line as typed on a phone: often lower case, apostrophes and commas dropped."""
    if rng.random() < 0.35:
        text = text.lower()
        if rng.random() < 0.5:
            text = text.replace("'", "").replace("’", "")
    if rng.random() < 0.2:
        text = typos(text, rng)
    if rng.random() < 0.2:
        text = drop_punctuation(text)
    return text
