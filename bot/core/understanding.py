"""Understand one message: danger, what she asks, who is in it, when, where. No side effects.

The turn (bot.core.engine) and `python -m bot classify` share this step, so what classify
prints is exactly what the bot acts on.

A real message is often a story with the question last ("…mỗi lần say về là đánh em. Em muốn
ly hôn thì phải làm sao?"). The safety screen reads the whole message, so danger in any
sentence counts; the model reads the whole message and, when there is one, the question
sentence on its own, and the question weighs most for what she asks.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.core import cues, language, safety, situation, timing
from bot.core.safety import Urgency
from nlu.client import Parse
from nlu.thresholds import URGENT_UNCUED_THRESHOLD
from referral_db import provinces
from vntext.forms import canonical, fold

# How much the question sentence, read on its own, counts against the whole message in the
# intent ranking. The whole message already holds the question, so the question counts twice;
# most questions are vague ("phải làm sao?", "is this normal?") and the story before them
# names the need. Read off the dev split only (model f6802d6b; accuracy 86.9 % at 0.6, 90.2 %
# at 0.4, 90.7 % at 0.2; urgency is the same at every weight, its vote reads each part). 0.4,
# not 0.2: one dev message less, but a clear question ("ly hôn và nuôi con thì sao?") still
# overturns the story's need when the story alone leans elsewhere.
QUESTION_WEIGHT = 0.4
# A message shorter than this is one thought: no sentence is read apart.
LONG_MESSAGE = 90
# Sentences read apart for danger, at most: each is one more parse (~7 ms).
MAX_SENTENCES = 6

_SENTENCE = re.compile(r"[^.!?\n…]+[.!?…]*", re.UNICODE)
# A question without a question mark: the ways people end a story in Vietnamese and English.
_QUESTION_CUES = re.compile(
    r"\b(?:phai lam (?:sao|gi|the nao)|lam (?:sao|gi|the nao)|co (?:duoc|nen|phai)\b|"
    r"(?:the nao|ra sao|nhu the nao|o dau|bao nhieu|khong a|khong nhi|duoc khong|"
    r"giup (?:em|toi|minh|chau) voi|cho (?:em|toi|minh) hoi)|"
    r"what (?:should|can|do)|how (?:do|can|to)|can i|should i|is (?:this|it|that)|where|"
    r"who can|do i have)\b"
)
# Words that only introduce a place ("em ở Bình Dương"): with them and the place removed,
# nothing is left to understand, so the message is a place and never a GBV intent. Folded;
# no word here is part of a place name ("nhà" is left out for Nha Trang, "bến" for Bến Tre).
_PLACE_FILLER = frozenset(
    "em toi minh chi con chau tui dang hien gio song o tai que tinh thanh pho tp quan huyen "
    "thi xa phuong a ah nhe nha ha i im i'm am in live living near from the city province "
    "district ok vay thi la roi hien tai bay gio ".split()
) - {"nha", "ha"}
_WORD = re.compile(r"[\w']+", re.UNICODE)


@dataclass(frozen=True)
class Understanding:
    """Everything the bot understood of one message (labels and scores, never the text)."""

    language: str | None
    urgency: Urgency
    parse: Parse | None  # the model's parse of the whole message; None: model unavailable
    intents: tuple[tuple[str, float], ...]  # ranked, whole message and question combined
    province: tuple[str, str | None] | None  # (current name, the old name she used)
    who: str  # "self", "child_self", "someone_else"
    when: str  # "now", "recent", "past_or_ongoing"
    minor: bool  # she says she is under 18
    abroad: bool  # she is, or the person is, outside Viet Nam
    place_only: bool  # the message names a place and nothing else
    model_urgent: bool  # the model's urgent vote, after the danger-cue gate
    topic: str | None = None  # a content page she asks for by name (bot.core.cues)
    followup: str | None = None  # "what_now", "see_doctor", "anyone_there"
    sexual: bool = False  # rape or sexual assault is named
    child: bool = False  # a child (under 18) is named
    images: bool = False  # intimate images or videos are named
    adult_other: bool = False  # another adult (mother, sister, friend) is named
    danger_cue: bool = False  # a danger word survives the idiom list (bot.core.safety)
    length: int = 0  # characters: a short message after an offer is a place, a long a story
    service_type: str | None = None  # the kind of service she asks for (the model's entity)
    filler: bool = False  # only hesitation ("hmm", "ờm thì"): nothing said yet
    home: bool = False  # she names her own parent or sibling (bot.core.cues.home)

    @property
    def intent(self) -> str | None:
        return self.intents[0][0] if self.intents else None

    @property
    def confidence(self) -> float | None:
        return self.intents[0][1] if self.intents else None

    def as_dict(self) -> dict[str, object]:
        """The JSON form printed by `python -m bot classify` (no text but the input echoed)."""
        return {
            "language": self.language,
            "intent": self.intent,
            "confidence": None if self.confidence is None else round(self.confidence, 4),
            "intents": [{"name": n, "confidence": round(c, 4)} for n, c in self.intents[:5]],
            "who": self.who,
            "when": self.when,
            "province": self.province[0] if self.province else None,
            "place_only": self.place_only,
            "topic": self.topic,
            "followup": self.followup,
            "urgent": self.urgency.is_urgent,
            "urgent_reasons": list(self.urgency.reasons),
        }


Parser = Callable[[str], Awaitable[Parse | None]]


def sentences(text: str) -> list[str]:
    """The message cut into sentences (end punctuation kept), blank pieces dropped."""
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def question_sentence(text: str) -> str | None:
    """The sentence that carries her question in a long message, or None for a short one."""
    if len(text) < LONG_MESSAGE:
        return None
    parts = sentences(text)
    if len(parts) < 2:
        return None
    for part in reversed(parts):
        if part.endswith("?") or _QUESTION_CUES.search(canonical(part)):
            # A bare "phải làm sao?" says nothing of the need: take the sentence before too.
            if len(part) < 40:
                index = parts.index(part)
                if index > 0:
                    return f"{parts[index - 1]} {part}"
            return part
    return None


def is_place_only(text: str, province: tuple[str, str | None] | None) -> bool:
    """Whether the message only names a place ("em ở Bình Dương", "Da Nang", "o nha trang")."""
    if province is None or len(text) > 60:
        return False
    rest = [w for w in _WORD.findall(text) if fold(w) not in _PLACE_FILLER]
    if not rest or len(rest) > 5:
        return False
    if provinces.lookup(" ".join(rest)) is not None:
        return True
    named = {fold(w) for name in province if name for w in _WORD.findall(name)}
    return {fold(w) for w in rest} <= named


def danger_sentences(text: str) -> list[str]:
    """The sentences of a long message that hold a danger cue (at most MAX_SENTENCES)."""
    if len(text) < LONG_MESSAGE:
        return []
    parts = sentences(text)
    if len(parts) < 2:
        return []
    return [part for part in parts if safety.danger_cue(part)][:MAX_SENTENCES]


def urgent_score(parse: Parse | None) -> float:
    """The model's probability that a text is urgent_help, wherever it ranks."""
    if parse is None:
        return 0.0
    if parse.intent == "urgent_help":
        return parse.confidence
    return dict(parse.ranking).get("urgent_help", 0.0)


def _blend(whole: Parse | None, question: Parse | None) -> tuple[tuple[str, float], ...]:
    """One ranking: the whole message's scores, with the question sentence weighing most."""
    if whole is None:
        return ()
    ranking = dict(whole.ranking) or {whole.intent: whole.confidence}
    if question is None:
        return tuple(sorted(ranking.items(), key=lambda item: -item[1]))
    asked = dict(question.ranking) or {question.intent: question.confidence}
    names = set(ranking) | set(asked)
    blended = {
        name: (1 - QUESTION_WEIGHT) * ranking.get(name, 0.0)
        + QUESTION_WEIGHT * asked.get(name, 0.0)
        for name in names
    }
    return tuple(sorted(blended.items(), key=lambda item: -item[1]))


async def without_model(text: str) -> None:
    """A parser for when the model must not read the text (a relay) or is not there."""
    return None


async def understand(
    text: str,
    parse: Parser,
    urgent_threshold: float,
    urgency: Urgency | None = None,
    uncued_threshold: float = URGENT_UNCUED_THRESHOLD,
) -> Understanding:
    """Read one message. `parse` asks the model (None when it is unavailable); `urgency` is
    the screen's verdict when the caller already has it."""
    reading = safety.read(text)  # the whole message, before and without the model
    if urgency is None:
        urgency = reading.urgency
    whole = await parse(text)
    question_text = question_sentence(text)
    question = await parse(question_text) if question_text and whole is not None else None
    # In a long story the danger may sit in one sentence the whole message dilutes: each
    # sentence that holds a danger cue is read on its own too, for the urgent vote only.
    cued = danger_sentences(text) if whole is not None else []
    parts = [whole, question] + [await parse(sentence) for sentence in cued]
    # The model's urgent vote counts where the words still hold a danger cue once the everyday
    # idioms are blanked. Without a cue it counts only when no idiom was blanked at all and the
    # model is sure ("I've been on the bridge for an hour"): so "mệt muốn chết" can never come
    # back through the model, and danger told without a danger word is not lost.
    score = max((urgent_score(p) for p in parts), default=0.0)
    cue = reading.cue
    blanked = safety.BLANKED in reading.vi or safety.BLANKED in reading.en
    # A danger word only in sentences told as past, habit or "if" ("hồi trước anh ta hay bóp
    # cổ em", "if he hits me again") gives the vote no cue, and no uncued vote either: the
    # story is for the conversation, not the emergency script. The screen already spoke.
    dulled = cue and not reading.cue_now
    model_urgent = score >= urgent_threshold and (
        reading.cue_now
        or (not blanked and not dulled and not reading.calm and score >= uncued_threshold)
    )
    if model_urgent:
        urgency = urgency.combined(True)
    when = timing.when(text)
    match = provinces.resolve(text)
    province = (match.province, match.formerly) if match else None
    intents = _blend(whole, question)
    place_only = is_place_only(text, province)
    if urgency.is_urgent and not intents:  # the screen's verdict, with or without a model
        intents = (("urgent_help", 1.0),)
    elif urgency.is_urgent and intents[0][0] != "urgent_help":
        # Danger anywhere makes the turn urgent; what she asked stays second in the ranking.
        top = max(intents[0][1], 0.5)
        intents = (("urgent_help", top),) + tuple(i for i in intents if i[0] != "urgent_help")
    return Understanding(
        # A place name is no clue to the language: "Da Nang" keeps an English chat English.
        language=None if place_only else language.detect(text),
        urgency=urgency,
        parse=whole,
        intents=intents,
        province=province,
        who=situation.who(text),
        when=when,
        minor=situation.is_minor(text),
        abroad=situation.abroad(text),
        place_only=place_only,
        model_urgent=model_urgent,
        topic=cues.topic(text),
        followup=cues.followup(text),
        filler=cues.filler(text),
        home=cues.home(text),
        sexual=cues.sexual(text),
        child=cues.child(text),
        images=cues.images(text),
        adult_other=cues.adult_other(text),
        danger_cue=cue,
        length=len(text),
        service_type=whole.entity("service_type") if whole else None,
    )
