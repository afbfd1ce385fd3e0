"""The answer to a need she expressed, in words or by picking it from the "not sure" buttons.

`decide_intent` turns an intent (and what was understood around it: who, when, a place) into
the reply for it, with services where a place is known and a person offered where she asked.
"""

from __future__ import annotations

from typing import Any

from bot.core.policy.decision import (
    Decision,
    Say,
    ServiceQuery,
    merge,
    place_memory,
    remembered_place,
    with_services,
)
from bot.core.policy.urgent import urgent_reply
from bot.core.safety import Urgency
from bot.core.session import Session
from bot.core.understanding import Understanding
from nlu import intents

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
# The intents about her situation (nlu/intents.py). Less urgent_help, which never waits for a
# "not sure" button: these are the ones such a reply may offer, each answered in its own words.
SURVIVOR_INTENTS = intents.SURVIVOR_INTENTS - {"urgent_help"}
# Intents after which the bot offers a person (a case opens only if she says yes).
OFFER_PERSON = frozenset({"talk_to_human"})
# Replies that offer services: a place typed next finds them.
OFFERS_SERVICES = frozenset(
    {
        "urgent",
        "report_abuse",
        "sexual_violence",
        "sexual_assault_recent",
        "child_abuse",
        "trafficking",
        "help_someone_else",
        "ask_province",
        "services",
        "no_services",
        "next_steps",
        "safety_planning",
        "legal_info",
    }
)


def decide_intent(
    intent: str, u: Understanding | None, session: Session, query: ServiceQuery | None
) -> Decision:
    """The answer to a need she expressed (or picked from the "not sure" buttons)."""
    who = u.who if u else (session.who or "self")
    minor = u.minor if u else who == "child_self"
    child_named = u is not None and (u.child or u.minor or u.who == "child_self")
    if intent == "child_abuse" and u is not None and u.adult_other and not child_named:
        intent = "help_someone_else"  # a grown-up she writes about is never "this child"
    if intent == "quick_exit":
        return Decision(wipe=True)
    if intent == "change_language":
        return Decision(say=(Say("language_choose"),))
    if intent == "urgent_help":  # picked from buttons, or the model alone without a cue
        return urgent_reply(Urgency(True), session, who=who)
    if intent == "find_services":
        if query is None:
            query = remembered_place(session)
        if query is None:
            return Decision(say=(Say("ask_province"),), next_state="province")
        category = u.service_type if u else None
        return Decision(
            find_services=ServiceQuery(query.province, query.formerly, None, category),
            remember=place_memory(query),
        )
    if intent == "sexual_violence" and u is not None and u.when in ("now", "recent"):
        # Within 72 hours: medical care first (PEP, emergency contraception), then services.
        decision = topic_reply(
            "sexual_assault_recent", {"who": who}, topic="sexual_assault_recent"
        )
    elif intent == "child_abuse":
        decision = topic_reply("child_abuse", {"who": who}, topic=intent)
    elif intent == "help_someone_else":
        decision = topic_reply("help_someone_else", {"child": bool(u and u.child)}, topic=intent)
    elif intent == "online_abuse":
        decision = topic_reply("online_abuse", {"minor": minor}, topic=intent)
        if minor:
            decision = merge(decision, who="child_self")
    elif intent in SURVIVOR_INTENTS:
        decision = topic_reply(intent, topic=intent)
    else:
        decision = Decision(say=(Say(intent),))
    if intent in OFFER_PERSON:
        decision = merge(decision, next_state="consent", pending_category=intent)
    if u is not None and u.who != "self":
        decision = merge(decision, who=u.who)
    if query and intent in PLACE_AWARE | {"sexual_violence"}:
        return with_services(decision, query)
    return decision


def topic_reply(
    key: str, params: dict[str, Any] | None = None, *, topic: str | None = None
) -> Decision:
    """A reply that answers her: remembered as the topic, and whether it offered services (so
    a place typed next finds them)."""
    remember: dict[str, Any] = {"unsure_streak": 0}
    if topic is not None:
        remember["topic"] = topic
    remember["services_offered"] = key in OFFERS_SERVICES or topic in OFFERS_SERVICES
    return Decision(say=(Say(key, params or {}),), remember=remember)
