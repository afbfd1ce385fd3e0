"""The intents the NLU knows: the one list the model, the policy, the flows and the tests share.

This module plays the part of a Rasa domain's `intents:` list (the project is NLU-only, so it
has no domain.yml). tests/test_contracts.py checks it against every `- intent:` in nlu/data/
the way `rasa data validate` does: each intent here has training lines, and each trained
intent is here. Names are exactly as the NLU issue lists them; a flow file or a policy branch
that names one not here is a typo.
"""

from __future__ import annotations

# The intents about her situation, in the order the issue lists them. Off-topic text must never
# land on one of these confidently (nlu/thresholds.py, nlu/evaluate.py).
SURVIVOR_INTENTS_ORDERED: tuple[str, ...] = (
    "urgent_help",
    "report_abuse",
    "sexual_violence",
    "online_abuse",
    "digital_safety_tips",
    "find_services",
    "ask_hotline",
    "legal_info",
    "safety_planning",
    "child_abuse",
    "trafficking",
    "help_someone_else",
    "emotional_support",
    "learn_about_gbv",
    "talk_to_human",
)
# Conversation around the need: greetings, yes/no, the bot itself, leaving, and off-topic text.
CONVERSATION_INTENTS: tuple[str, ...] = (
    "greet",
    "goodbye",
    "thanks",
    "affirm",
    "deny",
    "bot_challenge",
    "change_language",
    "quick_exit",
    "out_of_scope",
)

# Every intent, in the order (README "Intents" lists them the same way).
ALL: tuple[str, ...] = SURVIVOR_INTENTS_ORDERED + CONVERSATION_INTENTS
INTENTS: frozenset[str] = frozenset(ALL)
SURVIVOR_INTENTS: frozenset[str] = frozenset(SURVIVOR_INTENTS_ORDERED)
