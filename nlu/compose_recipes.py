"""What a composed training line of each intent is made of, and how many of each to write.

The data `nlu.compose` follows: a `Recipe` names the pools of `nlu/compose_parts/*.yml` a line
draws from, labelled as `nlu/LABELS.md` says (the question decides; danger now anywhere makes it
urgent_help). Changing a weight or a count changes the training data and so the model.
"""

from __future__ import annotations

from dataclasses import dataclass


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
