"""Decide for a pressed button, and for her yes to a counsellor (typed or pressed).

Every action a reply renders has an explicit branch here (tests/test_contracts.py checks it);
a forged, stale or unknown one gets the menu. A button's answer is remembered like a typed one.
"""

from __future__ import annotations

from typing import Any

from bot.core import actions
from bot.core.language import LOCALES
from bot.core.policy.answers import OFFER_PERSON, decide_intent
from bot.core.policy.decision import (
    Decision,
    Facts,
    Say,
    ServiceQuery,
    fingerprint,
    merge,
    remembered_place,
)
from bot.core.policy.urgent import urgent_reply
from bot.core.safety import Urgency
from nlu import intents

# The main menu's buttons and what each one answers.
MENU_ACTIONS = {
    actions.MENU_HELP: "get_help",
    actions.MENU_ONLINE: "digital_safety_tips",
    actions.MENU_RIGHTS: "legal_info",
    actions.MENU_HUMAN: "talk_to_human",
    actions.MENU_LANGUAGE: "language_choose",
    actions.MENU_LEARN: "learn",
}

# What a forged, stale or unknown button gets: the menu. Returned only by the last line of
# decide_button, so tests/test_contracts.py can tell an action nobody handles from "menu".
UNKNOWN_BUTTON = Decision(say=(Say("menu"),))


def decide_button(action: str, facts: Facts) -> Decision:
    """Decide for a pressed button; an unknown or stale button gets the menu (UNKNOWN_BUTTON,
    returned as it is). A button's answer is remembered like a typed one: its topic, and as
    the last reply, so typing the same request next moves forward instead of repeating."""
    decision = _decide_button(action, facts)
    if decision is UNKNOWN_BUTTON or not decision.say:
        return decision
    first = decision.say[0]
    memory: dict[str, Any] = {"last_reply": fingerprint(first), "unsure_streak": 0}
    if first.key in intents.SURVIVOR_INTENTS:
        memory["topic"] = first.key
    return merge(decision, **memory)


def _decide_button(action: str, facts: Facts) -> Decision:
    session = facts.session
    name, value = actions.parse(action)
    if action == actions.SAFE_YES or action == actions.MENU:
        return Decision(say=(Say("menu"),))
    if action == actions.SAFE_NO:
        return Decision(say=(Say("not_now"),))
    if action == actions.CONSENT_YES:
        return decide_escalation(facts)
    if action == actions.CONSENT_NO:
        return Decision(
            say=(Say("consent_no"),), decline_escalation=True, remember={"pending_category": None}
        )
    if action == actions.MENU_SERVICES:
        return Decision(say=(Say("ask_province"),), next_state="province")
    if action == actions.MENU_WIPE:
        return Decision(wipe=True)
    if action == actions.MENU_HELP:
        return urgent_reply(Urgency(True), session, who=session.who or "self")
    if action in MENU_ACTIONS:
        key = MENU_ACTIONS[action]
        if key in OFFER_PERSON:
            return Decision(
                say=(Say(key),), next_state="consent", remember={"pending_category": key}
            )
        return Decision(say=(Say(key),))
    if name == actions.PICK and value in intents.SURVIVOR_INTENTS:
        return decide_intent(value, None, session, remembered_place(session))
    if name == actions.LANG and value in LOCALES:
        return Decision(say=(Say("language_set"), Say("menu")), choose_locale=value)
    if name == actions.PROV and value:
        return Decision(find_services=ServiceQuery(province=value), remember={"province": value})
    if name == actions.TOPIC and value in actions.TOPICS:
        # A girl who told us she is under 18 gets Take It Down, never StopNCII.
        params = {"minor": True} if value == "sextortion" and session.who == "child_self" else {}
        return Decision(say=(Say(action, params),), remember={"topic": value})
    if action == actions.END_CHAT:
        return Decision(end_relay=True)
    return UNKNOWN_BUTTON


def decide_escalation(facts: Facts) -> Decision:
    """She said yes to a counsellor: open a case, or say honestly why not now."""
    session = facts.session
    done = {"pending_category": None, "topic": "talk_to_human"}
    if facts.case is not None:  # one case at a time: tell her the one she has
        return Decision(say=(Say("consent_opened", {"test": facts.case_test}),), remember=done)
    if session.test_mode and not facts.test_operators:
        return Decision(say=(Say("consent_test_nowhere"),), remember=done)
    if not session.test_mode and not facts.operators_open:
        return Decision(
            say=(Say("consent_outside_hours", {"hours": facts.operator_hours}),), remember=done
        )
    category = session.pending_category or "talk_to_human"
    return Decision(
        say=(Say("consent_opened", {"test": session.test_mode}),),
        open_case=category,
        remember=done,
    )
