"""Decide for a typed message: danger first, then the question pending, then what she asks.

The model's reading is acted on only when it is sure enough or a cue in her words agrees
(`_confident`); otherwise she gets the likeliest needs as buttons (`_unsure`), never a dead end.
The same reply never goes out twice in a row (`_not_twice`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.core import actions
from bot.core.policy.answers import (
    PLACE_AWARE,
    SURVIVOR_INTENTS,
    decide_intent,
    topic_reply,
)
from bot.core.policy.buttons import decide_button
from bot.core.policy.decision import (
    KEEP,
    Decision,
    Facts,
    Say,
    ServiceQuery,
    Thresholds,
    fingerprint,
    merge,
    place_memory,
    with_services,
)
from bot.core.policy.urgent import urgent_for
from bot.core.session import Session
from bot.core.understanding import Understanding

# Intents a page named by her words ("ly hôn", "1900 có mất tiền không") must not replace:
# they ask for something else entirely.
_NOT_A_TOPIC = frozenset(
    {
        "find_services",
        "talk_to_human",
        "quick_exit",
        "affirm",
        "deny",
        "greet",
        "goodbye",
        "thanks",
        "change_language",
        "bot_challenge",
    }
)
# A follow-up ("giờ em phải làm gì") continues the thread only when the model heard nothing
# more specific in it.
_FOLLOWUP_CAN_OVERRIDE = frozenset(
    {
        "out_of_scope",
        "greet",
        "affirm",
        "deny",
        "thanks",
        "goodbye",
        "emotional_support",
        "report_abuse",
        "safety_planning",
        "ask_hotline",
        "talk_to_human",
    }
)
# The model is sure enough of another request ("find a shelter") that a page named in her words
# ("men as victims") does not replace it.
SURE = 0.6
# A place typed after an offer finds services only in a short message; a long one is a story.
SHORT_MESSAGE = 60


def before_model(u: Understanding, facts: Facts) -> Decision | None:
    """A relay or a flood is decided before the model reads anything (it never needs to).

    `u` is the understanding without the model: the screen, who, when and the cues.
    """
    if facts.case == "claimed":
        # While a counsellor has her case her words go to the counsellor, not to the model;
        # danger still gets the numbers at once, for that danger and that person.
        if u.urgency.is_urgent:
            urgent = urgent_for(u, facts.session)
            return replace(urgent, relay=True, next_state=KEEP)
        return Decision(relay=True)
    if facts.flooding and not u.urgency.is_urgent and not u.danger_cue:
        # One "slow down" a minute; answering every message of a flood would amplify it.
        # Anything with a danger word still goes through.
        return Decision() if facts.warned else Decision(say=(Say("flood"),), next_state=KEEP)
    return None


def decide_text(u: Understanding, facts: Facts, thresholds: Thresholds) -> Decision:
    """Decide for a typed message; then make sure no reply goes out twice in a row."""
    decision = _not_twice(_decide_text(u, facts, thresholds), facts.session)
    unsure = bool(decision.say) and decision.say[0].key in ("clarify", "clarify_again")
    calm = not u.urgency.is_urgent
    memory: dict[str, Any] = {} if unsure else {"unsure_streak": 0}
    if calm:  # another turn without danger: a later danger gets its full first reply again
        memory.update(urgent_replies=0, danger=None)
    return merge(decision, **memory)


def _decide_text(u: Understanding, facts: Facts, thresholds: Thresholds) -> Decision:
    session = facts.session
    query = ServiceQuery(province=u.province[0], formerly=u.province[1]) if u.province else None
    if u.urgency.is_urgent:  # the screen or the gated model saw danger: numbers first
        decision = urgent_for(u, session)
        return with_services(decision, query) if query else decision
    confident = _confident(u, thresholds)
    if confident == "urgent_help":
        # The model alone said danger, but no danger word survived the idiom list (that is
        # why the turn is not urgent): ask, never send the emergency script on a guess.
        confident = None
    answered = _answer_pending(session, confident, query, facts)
    if answered is not None:
        return answered
    asks_place = confident is None or confident == "find_services"
    short = u.length <= SHORT_MESSAGE
    if query is not None and (u.place_only or (session.services_offered and asks_place and short)):
        # A place alone, or a short place after any offer of services: she wants help there.
        return Decision(find_services=query, remember=place_memory(query))
    generic = confident is None or confident in _FOLLOWUP_CAN_OVERRIDE
    if u.followup and (session.topic or facts.case) and not u.topic and generic:
        topic = "talk_to_human" if facts.case == "open" else session.topic
        return topic_reply("next_steps", {"topic": topic}, topic=session.topic)
    if u.parse is None and u.topic is None:  # model loading or down: never silent
        return Decision(say=(Say("nlu_loading"),), next_state=KEEP)
    sure = (u.confidence or 0.0) >= SURE
    if u.topic and (confident is None or confident not in _NOT_A_TOPIC or not sure):
        return topic_reply(f"topic:{u.topic}", topic=u.topic)
    if confident is None and query is not None and u.intent in PLACE_AWARE:
        # Unsure of the words but she named a place: help nearby is the useful answer.
        return decide_intent(u.intent or "find_services", u, session, query)
    if confident is None or (
        confident == "out_of_scope" and ((u.confidence or 0) < thresholds.out_of_scope or u.filler)
    ):
        return _unsure(u, session)
    return decide_intent(confident, u, session, query)


def _confident(u: Understanding, thresholds: Thresholds) -> str | None:
    """The intent to act on: the model's top one when sure enough, or when a cue in her words
    agrees with it (two independent signals), else None."""
    if u.intent is None or u.confidence is None:
        return None
    ranked = dict(u.intents)
    if (
        u.sexual
        and u.when in ("now", "recent")
        and ranked.get("sexual_violence", 0.0) >= thresholds.corroborated
    ):
        # Rape words and "last night": the 72-hour medical window outranks a broader reading.
        return "sexual_violence"
    if u.confidence >= thresholds.intent:
        return u.intent
    agrees = {
        "sexual_violence": u.sexual,
        "online_abuse": u.images,
        "child_abuse": u.child or u.who == "child_self",
        "trafficking": u.abroad,
        "help_someone_else": u.who == "someone_else",
    }.get(u.intent, False)
    return u.intent if agrees and u.confidence >= thresholds.corroborated else None


def _unsure(u: Understanding, session: Session) -> Decision:
    """Never a dead end: the likeliest needs as buttons; the second time, a person and numbers."""
    if session.unsure_streak >= 1:
        return Decision(
            say=(Say("clarify_again"),), next_state=KEEP, remember={"unsure_streak": 0}
        )
    options = tuple(
        name for name, score in u.intents if name in SURVIVOR_INTENTS and score >= 0.05
    )[:3]
    return Decision(
        say=(Say("clarify", {"options": options}),),
        next_state=KEEP,
        remember={"unsure_streak": session.unsure_streak + 1},
    )


def _answer_pending(
    session: Session, intent: str | None, query: ServiceQuery | None, facts: Facts
) -> Decision | None:
    """A yes, a no or a province name answers the question we asked last."""
    if session.state == "province" and query is not None:
        return Decision(find_services=query, remember=place_memory(query))
    if session.state == "consent" and intent in ("affirm", "deny"):
        return decide_button(actions.consent(intent == "affirm"), facts)
    if session.state == "safe" and intent in ("affirm", "deny"):
        return decide_button(actions.safe(intent == "affirm"), facts)
    return None


def _not_twice(decision: Decision, session: Session) -> Decision:
    """The same reply never goes out twice in a row: the second time it moves forward (the
    topic's next steps), the third time it offers a person."""
    if not decision.say or decision.say[0].key == "urgent":  # urgent replies count themselves
        if not decision.say:
            return decision
        return merge(decision, last_reply=fingerprint(decision.say[0]))
    first = decision.say[0]
    repeated = fingerprint(first) == session.last_reply
    stepped = (session.last_reply or "").startswith("next_steps(")
    same_topic = "topic" in decision.remember and decision.remember["topic"] == session.topic
    if (repeated and first.key == "next_steps") or (stepped and same_topic):
        step = Say("talk_to_human")
        return replace(
            decision,
            say=(step,),
            next_state="consent",
            remember={
                **decision.remember,
                "last_reply": fingerprint(step),
                "pending_category": "talk_to_human",
            },
        )
    if not repeated:
        return merge(decision, last_reply=fingerprint(first))
    step = Say("next_steps", {"topic": session.topic or first.key})
    return replace(
        decision,
        say=(step, *decision.say[1:]),
        remember={**decision.remember, "last_reply": fingerprint(step)},
    )
