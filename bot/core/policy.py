"""Decide what the bot says next: danger first, then meaning, then a way forward. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.core.safety import Urgency
from bot.core.session import Session
from nlu.client import Parse

# Intents where naming a province means she wants to know what help is near her.
PLACE_AWARE = frozenset(
    {
        "urgent_help",
        "report_abuse",
        "sexual_violence",
        "child_abuse",
        "trafficking",
        "help_someone_else",
        "find_services",
    }
)
# Intents after which the bot offers a person (a case opens only if she says yes).
OFFER_PERSON = frozenset({"talk_to_human"})
MENU_ACTIONS = {
    "menu:help": "get_help",
    "menu:online": "digital_safety_tips",
    "menu:rights": "legal_info",
    "menu:human": "talk_to_human",
    "menu:language": "language_choose",
}
# Some service_type entity values name a directory category differently.
SERVICE_CATEGORIES = {
    "shelter": "shelter",
    "counselling": "counselling",
    "legal_aid": "legal_aid",
    "health": "health",
    "police": "police",
}


@dataclass(frozen=True)
class Say:
    """One message to render: a content key and its parameters."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ServiceQuery:
    """Look up the directory: by province, or near a point, optionally by category."""

    province: str | None = None
    formerly: str | None = None
    near: tuple[float, float] | None = None
    category: str | None = None


KEEP = "__keep__"  # next_state value meaning "leave the pending question as it is"


@dataclass(frozen=True)
class Decision:
    """What to do in one turn; the engine carries it out."""

    say: tuple[Say, ...] = ()
    next_state: str | None = None
    find_services: ServiceQuery | None = None
    escalate: bool = False
    decline_escalation: bool = False
    wipe: bool = False
    choose_locale: str | None = None
    test_mode: bool | None = None
    end_relay: bool = False


@dataclass(frozen=True)
class Thresholds:
    """Confidence below which an intent is not trusted (values come from nlu/thresholds.py)."""

    intent: float = 0.5
    urgent: float = 0.5


def urgent_reply(urgency: Urgency, test: bool) -> Decision:
    return Decision(
        say=(
            Say(
                "urgent",
                {
                    "injured": urgency.injured,
                    "child": urgency.child,
                    "trafficking": urgency.trafficking,
                    "test": test,
                },
            ),
        ),
        next_state="consent",
    )


def decide_text(
    urgency: Urgency,
    parse: Parse | None,
    province: tuple[str, str | None] | None,
    session: Session,
    thresholds: Thresholds,
) -> Decision:
    """Decide for a typed message, given the safety screen, the model's parse and a province."""
    query = ServiceQuery(province=province[0], formerly=province[1]) if province else None
    if urgency.is_urgent:  # the screen or the model saw danger: numbers first, always
        decision = urgent_reply(urgency, session.test_mode)
        return _with_services(decision, query) if query else decision
    intent = parse.intent if parse and parse.confidence >= thresholds.intent else None
    answered = _answer_pending(session, intent, query)
    if answered is not None:
        return answered
    if parse is None:  # model loading or down: never silent, offer the menu
        return Decision(say=(Say("nlu_loading"),), next_state=KEEP)
    if intent is None and query is not None and parse.intent in PLACE_AWARE:
        # Unsure of the words but she named a place: help nearby is the useful answer.
        return decide_intent(parse.intent, query, parse.entity("service_type"))
    if intent is None:
        return Decision(say=(Say("clarify"),), next_state=KEEP)
    return decide_intent(intent, query, parse.entity("service_type"))


def decide_intent(intent: str, query: ServiceQuery | None, service_type: str | None) -> Decision:
    if intent == "quick_exit":
        return Decision(wipe=True)
    if intent in ("change_language",):
        return Decision(say=(Say("language_choose"),))
    if intent == "find_services":
        if query is None:
            return Decision(say=(Say("ask_province"),), next_state="province")
        category = SERVICE_CATEGORIES.get(service_type or "")
        return Decision(find_services=ServiceQuery(query.province, query.formerly, None, category))
    decision = Decision(
        say=(Say(intent),), next_state="consent" if intent in OFFER_PERSON else None
    )
    if query and intent in PLACE_AWARE:
        return _with_services(decision, query)
    return decision


def _answer_pending(
    session: Session, intent: str | None, query: ServiceQuery | None
) -> Decision | None:
    """A yes, a no or a province name answers the question we asked last."""
    if session.state == "province" and query is not None:
        return Decision(find_services=query)
    if session.state == "consent" and intent in ("affirm", "deny"):
        return decide_button("consent:yes" if intent == "affirm" else "consent:no", session)
    if session.state == "safe" and intent in ("affirm", "deny"):
        return decide_button("safe:yes" if intent == "affirm" else "safe:no", session)
    return None


def _with_services(decision: Decision, query: ServiceQuery) -> Decision:
    return Decision(say=decision.say, next_state=decision.next_state, find_services=query)


def decide_button(action: str, session: Session) -> Decision:
    """Decide for a pressed button; unknown or stale buttons fall back to the menu."""
    name, _, value = action.partition(":")
    if action == "safe:yes" or action == "menu":
        return Decision(say=(Say("menu"),))
    if action == "safe:no":
        return Decision(say=(Say("not_now"),))
    if action == "consent:yes":
        return Decision(escalate=True)
    if action == "consent:no":
        return Decision(say=(Say("consent_no"),), decline_escalation=True)
    if action == "menu:services":
        return Decision(say=(Say("ask_province"),), next_state="province")
    if action == "menu:wipe":
        return Decision(wipe=True)
    if action == "menu:help":
        return Decision(
            say=(
                Say(
                    "urgent",
                    {
                        "injured": False,
                        "child": False,
                        "trafficking": False,
                        "test": session.test_mode,
                    },
                ),
            ),
            next_state="consent",
        )
    if action in MENU_ACTIONS:
        key = MENU_ACTIONS[action]
        return Decision(say=(Say(key),), next_state="consent" if key in OFFER_PERSON else None)
    if name == "lang" and value in ("vi", "en"):
        return Decision(say=(Say("language_set"), Say("menu")), choose_locale=value)
    if name == "prov" and value:
        return Decision(find_services=ServiceQuery(province=value))
    if name == "topic" and value:
        return Decision(say=(Say(action),))
    if action == "end_chat":
        return Decision(end_relay=True)
    return Decision(say=(Say("menu"),))


def decide_command(
    name: str, args: tuple[str, ...], session: Session, is_tester: bool
) -> Decision:
    """Decide for a /command. Commands never reach the NLU."""
    if name == "start":
        return Decision(say=(Say("ask_safe"),), next_state="safe")
    if name in ("menu", "cancel"):
        return Decision(say=(Say("menu"),))
    if name == "help":
        return Decision(say=(Say("help"),))
    if name in ("language", "lang"):
        return Decision(say=(Say("language_choose"),))
    if name == "privacy":
        return Decision(say=(Say("privacy"),))
    if name in ("wipe", "delete", "exit"):
        return Decision(wipe=True)
    if name == "end":
        return Decision(end_relay=True)
    if name == "testmode":
        if not is_tester:
            return Decision(say=(Say("not_a_tester"),))
        on = not args or args[0].lower() in ("on", "1", "true", "bat")
        return Decision(say=(Say("start_test_mode" if on else "stop_test_mode"),), test_mode=on)
    return Decision(say=(Say("help"),))
