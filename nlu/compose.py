"""Compose long, realistic NLU training lines from parts: `python -m nlu.compose`.

Real messages are long, background first and the question last, addressed to someone, about
herself, a child or another woman, and typed with or without diacritics, in chat code, in
English or mixed. This module builds such lines from the parts in `nlu/compose_parts/*.yml`:
opener x who x what happened x when x what she asks x how she writes, with the label decided
as `nlu/LABELS.md` says (the question decides; danger now anywhere makes it urgent_help).
Output: `nlu/data/composed_*.yml`, the same every run (fixed seed per intent).
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
import yaml

from vntext.forms import fold

NLU_DIR = Path(__file__).resolve().parent
PARTS_DIR = NLU_DIR / "compose_parts"
DATA_DIR = NLU_DIR / "data"
TESTS_DIR = NLU_DIR / "tests"
SEED = "an-tam-compose-1"

STYLES = ("vi_accented", "vi_plain", "teencode", "en", "mixed")
# Share of each writing variant; small talk is shorter and leans the same way.
STYLE_WEIGHTS = {"vi_accented": 30, "vi_plain": 20, "teencode": 26, "en": 14, "mixed": 10}

SURVIVOR_FILE = "composed_survivors.yml"
OTHER_FILE = "composed_other.yml"


# --- the recipes: which parts make a line of each intent -------------------------------------


@dataclass(frozen=True)
class Recipe:
    """One way to compose a line of an intent.

    who: whose situation (self, else = an adult she knows, child = the writer is a child,
    kid = a child she writes about). bg: background pools with (min, max) sentences each, a
    pool written "a|b" picks one of them per line. ask: question pools (one is drawn), asked
    with probability ask_p. A recipe with short=True draws one short line instead.
    """

    who: tuple[str, ...] = ("self",)
    bg: tuple[tuple[str, int, int], ...] = ()
    ask: tuple[str, ...] = ()
    ask_p: float = 1.0
    short: bool = False
    lead: str | None = None  # a pool whose sentence comes first (quick exit: "he is coming")


SHORT = Recipe(short=True)

RECIPES: dict[str, list[tuple[int, Recipe]]] = {
    "urgent_help": [
        (
            5,
            Recipe(
                ("self", "self", "else"),
                (("ctx", 0, 1), ("abuse", 0, 2), ("danger", 1, 1)),
                ("urgent", "urgent", "legal", "hotline", "services", "safety", "disclose"),
                0.85,
            ),
        ),
        (
            2,
            Recipe(
                ("self",),
                (("feelings", 0, 2), ("abuse", 0, 1), ("suicidal", 1, 1)),
                ("urgent", "emotional", "disclose"),
                0.6,
            ),
        ),
        (
            1,
            Recipe(
                ("child", "kid"),
                (("child", 0, 1), ("child_danger", 1, 1)),
                ("urgent", "child"),
                0.7,
            ),
        ),
        (1, SHORT),
    ],
    "report_abuse": [
        (6, Recipe(("self",), (("ctx", 0, 1), ("abuse", 1, 3)), ("disclose",), 0.5)),
        (2, Recipe(("self",), (("subtle", 1, 1), ("abuse", 1, 2)), ("disclose",), 0.3)),
        (1, SHORT),
    ],
    "sexual_violence": [
        (
            6,
            Recipe(
                ("self",),
                (("ctx", 0, 1), ("sexual", 1, 2), ("feelings", 0, 1)),
                ("disclose",),
                0.6,
            ),
        ),
        # About another woman with no question: the disclosure decides (a question on how to
        # help her would make it help_someone_else).
        (1, Recipe(("else",), (("sexual", 1, 2),), (), 0.0)),
        (1, SHORT),
    ],
    "online_abuse": [
        (
            6,
            Recipe(
                ("self",),
                (("ctx", 0, 1), ("online", 1, 2), ("feelings", 0, 1)),
                ("disclose",),
                0.6,
            ),
        ),
        (1, Recipe(("else",), (("online", 1, 2),), (), 0.0)),
        (1, SHORT),
    ],
    "digital_safety_tips": [
        (5, Recipe(("self",), (("digital", 0, 2), ("abuse", 0, 1)), ("digital",))),
        (1, SHORT),
    ],
    "find_services": [
        (
            4,
            Recipe(
                ("self", "self", "else"), (("ctx", 0, 1), ("abuse|sexual", 0, 2)), ("services",)
            ),
        ),
        (2, Recipe(("self",), (("abuse", 1, 2),), ("place_only",))),
        (1, Recipe(("self",), (), ("place_only", "services"))),
        (1, SHORT),
    ],
    "ask_hotline": [
        (5, Recipe(("self", "self", "else"), (("abuse|sexual|online", 0, 2),), ("hotline",))),
        (1, SHORT),
    ],
    "legal_info": [
        (6, Recipe(("self",), (("ctx", 0, 1), ("abuse", 1, 3)), ("legal",))),
        (1, Recipe(("else",), (("abuse", 1, 2),), ("legal",))),
        (1, Recipe(("self",), (), ("legal",))),
        (1, SHORT),
    ],
    "safety_planning": [
        (6, Recipe(("self",), (("ctx", 0, 1), ("abuse", 1, 3), ("feelings", 0, 1)), ("safety",))),
        (1, Recipe(("self",), (), ("safety",))),
        (1, SHORT),
    ],
    "child_abuse": [
        (4, Recipe(("child",), (("child", 1, 3),), ("child",), 0.7)),
        (4, Recipe(("kid",), (("child", 1, 2),), ("child",), 0.7)),
        (1, SHORT),
    ],
    "trafficking": [
        (
            5,
            Recipe(
                ("self", "self", "else"), (("trafficking", 1, 2), ("ctx", 0, 1)), ("traffic",), 0.7
            ),
        ),
        (1, Recipe(("else",), (("trafficking", 1, 2),), (), 0.0)),
        (1, SHORT),
    ],
    "help_someone_else": [
        (6, Recipe(("else",), (("abuse|subtle|sexual|online", 1, 3),), ("help_other",))),
        (1, SHORT),
    ],
    "emotional_support": [
        (5, Recipe(("self",), (("abuse|subtle", 0, 1), ("feelings", 1, 3)), ("emotional",), 0.6)),
        (1, SHORT),
    ],
    "learn_about_gbv": [
        (5, Recipe(("self", "self", "else"), (("subtle", 1, 2), ("abuse", 0, 1)), ("learn",))),
        (1, Recipe(("self",), (), ("learn",))),
        (1, SHORT),
    ],
    "talk_to_human": [
        (4, Recipe(("self",), (("abuse|feelings|sexual", 0, 2),), ("human",))),
        (1, SHORT),
    ],
    "quick_exit": [
        (1, Recipe(("self",), (), ("quick_exit",), lead="quick_exit_lead")),
    ],
}

# Lines per intent: weighted toward the survivor intents.
COUNTS: dict[str, int] = {
    "urgent_help": 650,
    "report_abuse": 550,
    "sexual_violence": 380,
    "online_abuse": 330,
    "digital_safety_tips": 230,
    "find_services": 380,
    "ask_hotline": 250,
    "legal_info": 450,
    "safety_planning": 330,
    "child_abuse": 400,
    "trafficking": 280,
    "help_someone_else": 330,
    "emotional_support": 330,
    "learn_about_gbv": 250,
    "talk_to_human": 150,
    "quick_exit": 80,
    "out_of_scope": 450,
    "greet": 70,
    "goodbye": 60,
    "thanks": 70,
    "affirm": 50,
    "deny": 50,
    "bot_challenge": 80,
    "change_language": 60,
}
SMALL_TALK = ("greet", "goodbye", "thanks", "affirm", "deny", "bot_challenge", "change_language")


# --- parts -----------------------------------------------------------------------------------


@dataclass
class Parts:
    """The parts files, loaded: per language (vi, en), small talk, transforms."""

    vi: dict[str, Any]
    en: dict[str, Any]
    small: dict[str, Any]
    transforms: dict[str, Any]


def load_parts(parts_dir: Path = PARTS_DIR) -> Parts:
    """Read nlu/compose_parts/*.yml."""

    def read(name: str) -> dict[str, Any]:
        return yaml.safe_load((parts_dir / f"{name}.yml").read_text(encoding="utf-8"))

    return Parts(read("vi"), read("en"), read("small"), read("transforms"))


def split_alts(entry: str) -> tuple[str, list[str]]:
    """'chồng {v} | anh ấy, anh ta' -> ('chồng {v}', ['anh ấy', 'anh ta'])."""
    text, _, alts = entry.partition("|")
    return text.strip(), [a.strip() for a in alts.split(",") if a.strip()]


_SLOT = re.compile(r"\{(\w+)\}")


def fill(template: str, slots: dict[str, Any], rng: random.Random) -> str:
    """Fill {slots} until none is left; a list slot draws anew at each use."""

    def one(m: re.Match[str]) -> str:
        value = slots.get(m.group(1))
        if value is None:
            raise KeyError(f"slot {{{m.group(1)}}} has no value")
        return str(rng.choice(value)) if isinstance(value, list) else str(value)

    for _ in range(8):
        new = _SLOT.sub(one, template)
        if new == template:
            break
        template = new
    return template


# --- who: the people in one line -------------------------------------------------------------


def persona(
    lang: str, who: str, p: dict[str, Any], rng: random.Random, pronouns: list[str] | None
) -> tuple[dict[str, Any], str]:
    """The slot values for a line about `who`, and its intro sentence (may be empty)."""
    numbers = {
        "n": [str(n) for n in (2, 3, 4, 5, 6, 7, 8, 10, 12, 15)],
        "age": [str(a) for a in range(11, 18)],
        "grade": [str(g) for g in range(5, 13)],
        "khi": p["khi"],
        "place": p["places"],
    }
    slots: dict[str, Any] = dict(numbers)
    partner = rng.choice(p["partners"])
    if lang == "vi":
        child = who == "child"
        own = p["child_pronouns"] if child else p["self_pronouns"]
        slots["toi"] = rng.choice(pronouns or own)
        han, alts = split_alts(partner)
        slots.update(han=han, no=rng.choice(alts))
        if who in ("self", "child"):
            slots["v"] = slots["toi"]
    else:
        slots.update(han=partner, no="he", him="him", his="his")
        if who in ("self", "child"):
            slots.update(v="I", vo="me", vp="my", vbe="I'm")
    intro = ""
    if who == "else":
        if lang == "vi":
            np_, alts = split_alts(rng.choice(p["others"]))
            slots.update(who=np_, v=rng.choice(alts))
        else:
            slots.update(who=rng.choice(p["others"]), v="she", vo="her", vp="her", vbe="she's")
        intro = rng.choice([i for i in p["other_intros"] if i])
    elif who == "child":
        cab, alts = split_alts(rng.choice(p["child_abusers_self"]))
        slots.update(c=slots["toi"] if lang == "vi" else "I", cab=cab, cno=rng.choice(alts))
        if lang == "en":
            slots.update(co="me", cp="my", cbe="I'm")
        intro = rng.choice(p["child_intros"])
    elif who == "kid":
        if lang == "vi":
            kid, alts = split_alts(rng.choice(p["kids"]))
            slots.update(kid=kid, c=rng.choice(alts))
        else:
            slots.update(kid=rng.choice(p["kids"]), c="she", co="her", cp="her", cbe="she's")
        slots["age"] = [str(a) for a in range(3, 15)]  # a child she writes about is often small
        slots["v"] = slots.get("toi", "I")
        cab, alts = split_alts(rng.choice(p["child_abusers_other"]))
        slots.update(cab=cab, cno=rng.choice(alts))
        intro = rng.choice(p["kid_intros"])
    if lang == "en":
        for key, value in (("v", "I"), ("vo", "me"), ("vp", "my"), ("vbe", "I'm")):
            slots.setdefault(key, value)
    return slots, intro


# --- composing one line ----------------------------------------------------------------------


def _sentence(text: str) -> str:
    return text.strip().rstrip(".").strip()


def compose_line(
    lang: str,
    recipe: Recipe,
    p: dict[str, Any],
    rng: random.Random,
    english: dict[str, Any] | None = None,
) -> str:
    """One message in plain composed form (accented Vietnamese or English).

    With `english` (the English parts), a Vietnamese story about herself may end with the
    question in English, as mixed messages often do.
    """
    who = rng.choice(recipe.who)
    openers = p["child_openers"] if (who == "child" and "child_openers" in p) else p["openers"]
    opener, pronouns = ("", None)
    if rng.random() < 0.6:
        opener, pronouns = split_alts(rng.choice(openers))
    slots, intro = persona(lang, who, p, rng, pronouns or None)
    # About one line in four is a long one (real messages often run past 250 characters):
    # one sentence more per pool, and everyday context first.
    long = bool(recipe.bg) and rng.random() < 0.25
    bg: list[str] = []
    if long and not any(pool == "ctx" for pool, _, _ in recipe.bg):
        bg.append(rng.choice(p["ctx"]))
    for pool, low, high in recipe.bg:
        pool_name = rng.choice(pool.split("|"))
        n = rng.randint(low, high + 1) if long and high > 0 else rng.randint(low, high)
        bg.extend(rng.sample(p[pool_name], k=min(len(p[pool_name]), n)))
    # Danger or a wish to die may sit anywhere in the story; other sentences keep pool order
    # most of the time (context first), sometimes shuffled.
    if rng.random() < 0.35:
        rng.shuffle(bg)
    ask = ""
    if recipe.ask and rng.random() < recipe.ask_p:
        pool = rng.choice(recipe.ask)
        if english and who == "self" and rng.random() < 0.5:
            en_slots, _ = persona("en", "self", english, rng, None)
            ask = fill(rng.choice(english["ask"][pool]), en_slots, rng)
        else:
            ask = rng.choice(p["ask"][pool])
    lead = rng.choice(p[recipe.lead]) if recipe.lead else ""
    sentences = [fill(s, slots, rng) for s in ([lead] if lead else []) + bg]
    # Another person needs her introduction, or "chị ấy" would name nobody.
    keep = who in ("else", "kid") or rng.random() < 0.8
    intro_text = fill(intro, slots, rng) if intro and keep else ""
    ask_text = fill(ask, slots, rng) if ask else ""
    opener_text = fill(opener, slots, rng) if opener else ""
    return assemble(
        lang, opener_text, intro_text, sentences, ask_text, rng, me=str(slots.get("toi", "em"))
    )


def assemble(
    lang: str,
    opener: str,
    intro: str,
    sentences: list[str],
    ask: str,
    rng: random.Random,
    me: str = "em",
) -> str:
    """Join the pieces in one of several orders, with connectives and punctuation."""
    body = [_sentence(s) for s in sentences if s.strip()]
    joiner = rng.choice([". ", ". ", ", ", " ", "... ", ". "])
    story = joiner.join(body)
    if ask:
        q_end = rng.choice(
            ["?", "?", "", " ạ?", "??", " ạ", "."] if lang == "vi" else ["?", "?", "", "??", "."]
        )
        question = _sentence(ask) + q_end
    else:
        question = ""
    pieces: list[str] = []
    if opener:
        pieces.append(opener.rstrip(",.") + rng.choice([", ", ". ", " ", ","]))
    if intro:
        pieces.append(_sentence(intro) + ". ")
    order = rng.random()
    if question and story and order < 0.18:  # the question first, then why
        because = (
            rng.choice(["vì ", "tại vì ", "chuyện là ", "", "là "])
            if lang == "vi"
            else rng.choice(["because ", "the thing is ", "", "so "])
        )
        pieces.append(question.rstrip("?.") + rng.choice(["? ", ", ", ". "]) + because + story)
    else:
        if story:
            pieces.append(story + rng.choice([". ", ". ", ", ", " ", "... "]))
        if question:
            if story and rng.random() < 0.4:
                conn = (
                    rng.choice(
                        [
                            "Giờ ",
                            "Vậy ",
                            "Bây giờ ",
                            f"Cho {me} hỏi ",
                            f"{me.capitalize()} muốn hỏi là ",
                            "Thế thì ",
                            "Mà ",
                            "Nên ",
                        ]
                    )
                    if lang == "vi"
                    else rng.choice(["So ", "Now ", "My question is, ", "Anyway, "])
                )
                question = conn + question[0].lower() + question[1:]
            pieces.append(question)
    text = "".join(pieces).strip()
    if rng.random() < 0.6:
        text = text[:1].upper() + text[1:]
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.?!])", r"\1", text)
    text = re.sub(r"([,.])\1+", r"\1", text.replace(",.", ".").replace(".,", ","))
    return text.strip(" ,")


def compose_short(lang: str, intent: str, p: dict[str, Any], rng: random.Random) -> str:
    """A short cry: a few words, sometimes with an addressee."""
    slots, _ = persona(lang, "self", p, rng, None)
    text = fill(rng.choice(p["short"][intent]), slots, rng)
    if lang == "vi" and rng.random() < 0.3:
        text = rng.choice(["chị ơi ", "ad ơi ", "", "mọi người ơi "]) + text
    if intent != "urgent_help":
        return text + rng.choice(["", "", "!", "!!", "...", "?"])
    return text + rng.choice(
        [
            "",
            "!!!",
            "!",
            "...",
            " huhu" if lang == "vi" else " pls",
            " gấp" if lang == "vi" else " now",
        ]
    )


def compose_small(intent: str, lang: str, small: dict[str, Any], rng: random.Random) -> str:
    """A greeting, thanks, yes/no, bot or language question."""
    text = rng.choice(small[intent][lang])
    if lang == "vi":
        text = fill(text, {"addr": small["addr"]}, rng)
        tail = rng.choice(small["tail"])
        text += (" " + tail) if tail[:1].isalpha() else tail
    else:
        text += rng.choice(["", "", "!", ".", " :)"])
    return text.strip()


def compose_everyday(
    lang: str, p: dict[str, Any], small: dict[str, Any], rng: random.Random
) -> str:
    """out_of_scope: one or two everyday sentences, sometimes addressed to someone."""
    slots, _ = persona(lang, "self", p, rng, None)
    pool = small["everyday"][lang]
    body = [fill(s, slots, rng) for s in rng.sample(pool, k=rng.choice([1, 1, 1, 2]))]
    opener = ""
    if rng.random() < 0.35:
        opener, _ = split_alts(rng.choice(p["openers"]))
        opener = fill(opener, slots, rng)
    text = (opener + rng.choice([", ", ". ", " "]) if opener else "") + rng.choice(
        [". ", ", ", " "]
    ).join(body)
    return text.strip()


# --- how she writes: transforms --------------------------------------------------------------


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


# --- the whole set ---------------------------------------------------------------------------


def dedupe_key(text: str) -> str:
    """Lines equal after folding, dropping punctuation and spaces count as one."""
    return re.sub(r"[\W_]+", "", fold(text))


def existing_lines(exclude_prefix: str = "composed_") -> set[str]:
    """Keys of every hand-written training line and every held-out line: never regenerated."""
    keys: set[str] = set()
    paths = [p for p in sorted(DATA_DIR.glob("*.yml")) if not p.name.startswith(exclude_prefix)]
    for path in paths + sorted(TESTS_DIR.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in document.get("nlu") or ():
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    keys.add(dedupe_key(line[2:]))
    return keys


@dataclass
class Composed:
    """The generated lines: per intent, (text, style) in generation order."""

    lines: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def counts(self) -> Counter[tuple[str, str]]:
        """(intent, style) -> number of lines."""
        return Counter((i, s) for i, rows in self.lines.items() for _, s in rows)


def _clean(text: str) -> str:
    # Rasa reads [text](entity) as entity markup and a leading "/" as an intent.
    text = text.replace("[", "(").replace("]", ")").lstrip("/").strip()
    return re.sub(r"\s+", " ", text)


def compose(
    parts: Parts | None = None,
    counts: dict[str, int] | None = None,
    exclude: Iterable[str] | None = None,
) -> Composed:
    """Every composed line, deterministically: one random stream per intent, seeded by name."""
    parts = parts or load_parts()
    counts = counts or COUNTS
    seen = set(existing_lines() if exclude is None else exclude)
    result = Composed()
    styles, weights = zip(*STYLE_WEIGHTS.items())
    for intent, target in counts.items():
        rng = random.Random(f"{SEED}:{intent}")
        rows: list[tuple[str, str]] = []
        attempts = 0
        while len(rows) < target and attempts < target * 30:
            attempts += 1
            style = rng.choices(styles, weights)[0]
            text = _clean(_one(intent, style, parts, rng))
            key = dedupe_key(text)
            if not key or key in seen or len(text) > 600:
                continue
            seen.add(key)
            rows.append((text, style))
        result.lines[intent] = rows
    return result


def _one(intent: str, style: str, parts: Parts, rng: random.Random) -> str:
    lang = "en" if style == "en" else "vi"
    p = parts.en if lang == "en" else parts.vi
    if intent in SMALL_TALK or (intent == "quick_exit" and rng.random() < 0.3):
        text = compose_small(intent, lang, parts.small, rng)
    elif intent == "out_of_scope":
        text = compose_everyday(lang, p, parts.small, rng)
    else:
        weights, recipes = zip(*RECIPES[intent])
        recipe = rng.choices(recipes, weights)[0]
        if recipe.short:
            text = compose_short(lang, intent, p, rng)
        else:
            text = compose_line(
                lang, recipe, p, rng, english=parts.en if style == "mixed" else None
            )
    if lang == "en":
        return write_en(text, rng)
    return write_as(style, text, rng, parts.transforms)


def render(composed: Composed, intents: Iterable[str], title: str) -> str:
    """Rasa NLU YAML for the given intents, one block each."""
    out = [
        'version: "3.1"',
        "",
        f"# {title}",
        "# Generated by `python -m nlu.compose` from nlu/compose_parts/*.yml: do not edit by",
        "# hand, edit the parts and regenerate (tests/test_nlu_compose.py checks it is current).",
        "",
        "nlu:",
    ]
    for intent in intents:
        rows = composed.lines.get(intent) or []
        if not rows:
            continue
        # The block's metadata lets the classifier weight composed lines (composed_weight).
        out += [f"- intent: {intent}", "  metadata:", "    source: composed", "  examples: |"]
        out += [f"    - {text}" for text, _ in rows]
    return "\n".join(out) + "\n"


def outputs(composed: Composed) -> dict[Path, str]:
    """File path -> contents for everything the generator writes."""
    survivors = [i for i in composed.lines if i not in SMALL_TALK and i != "out_of_scope"]
    others = [i for i in composed.lines if i in SMALL_TALK or i == "out_of_scope"]
    return {
        DATA_DIR / SURVIVOR_FILE: render(
            composed, survivors, "Composed lines for the survivor intents."
        ),
        DATA_DIR / OTHER_FILE: render(
            composed, others, "Composed lines for small talk and out_of_scope."
        ),
    }


def stats(composed: Composed) -> str:
    """A table of lines per intent and writing variant."""
    counts = composed.counts()
    header = f"{'intent':22}" + "".join(f"{s:>12}" for s in STYLES) + f"{'total':>8}"
    rows = [header]
    for intent in composed.lines:
        per = [counts[(intent, s)] for s in STYLES]
        rows.append(f"{intent:22}" + "".join(f"{n:>12}" for n in per) + f"{sum(per):>8}")
    totals = [sum(counts[(i, s)] for i in composed.lines) for s in STYLES]
    rows.append(f"{'total':22}" + "".join(f"{n:>12}" for n in totals) + f"{sum(totals):>8}")
    return "\n".join(rows)


@click.command()
@click.option("--check", is_flag=True, help="Only check that the files on disk are current.")
@click.option("--stats", "show_stats", is_flag=True, help="Print lines per intent and style.")
def main(check: bool, show_stats: bool) -> None:
    """Write nlu/data/composed_*.yml from the parts in nlu/compose_parts/.

    Example: python -m nlu.compose --stats
    """
    composed = compose()
    files = outputs(composed)
    if check:
        stale = [
            p.name
            for p, text in files.items()
            if not p.exists() or p.read_text(encoding="utf-8") != text
        ]
        if stale:
            raise click.ClickException(f"Out of date, run python -m nlu.compose: {stale}")
        click.echo("composed files are current")
        return
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
        click.echo(f"wrote {path.relative_to(NLU_DIR.parent)}", err=True)
    if show_stats:
        click.echo(stats(composed))


if __name__ == "__main__":
    sys.exit(main())
