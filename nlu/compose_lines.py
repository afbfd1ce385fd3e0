"""Compose one message from the parts: whose story it is, what happened, what she asks.

Real messages are long, background first and the question last, addressed to someone, about
herself, a child or another woman. The functions here draw one such message from the parts in
`nlu/compose_parts/*.yml` (accented Vietnamese or English); `nlu.compose_styles` then writes it
as she would type it.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from nlu.compose_recipes import Recipe

PARTS_DIR = Path(__file__).resolve().parent / "compose_parts"


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
