"""Decide what the bot says next: danger first, then the person and her question. Pure.

The engine gathers the facts (what the message means, the open case, whether counsellors are
online, the conversation's memory) and this module returns the whole decision for every path:
relay, flood, escalation outcome, emergency, the answer, and what to remember. Nothing here
renders text or touches a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from bot.core import actions
from bot.core.language import LOCALES
from bot.core.safety import Urgency
from bot.core.session import Session
from bot.core.understanding import Understanding
from nlu import intents
from nlu import thresholds as chosen
from referral_db.geo import in_viet_nam

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
# The main menu's buttons and what each one answers.
MENU_ACTIONS = {
    actions.MENU_HELP: "get_help",
    actions.MENU_ONLINE: "digital_safety_tips",
    actions.MENU_RIGHTS: "legal_info",
    actions.MENU_HUMAN: "talk_to_human",
    actions.MENU_LANGUAGE: "language_choose",
    actions.MENU_LEARN: "learn",
}
# Dangers that come from someone else: with thoughts of suicide, 113 is added beside 115.
_HARM_BY_SOMEONE = frozenset({"violence_now", "threat_to_kill", "weapon", "locked_in"})

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

KEEP = "__keep__"  # next_state value meaning "leave the pending question as it is"


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


@dataclass(frozen=True)
class Decision:
    """What to do in one turn; the engine carries it out and renders `say` once, at the end."""

    say: tuple[Say, ...] = ()
    next_state: str | None = None
    find_services: ServiceQuery | None = None
    open_case: str | None = None  # the category of a case to open (she said yes)
    decline_escalation: bool = False
    wipe: bool = False
    choose_locale: str | None = None
    test_mode: bool | None = None
    end_relay: bool = False
    relay: bool = False  # her words go to the counsellor who has her case
    remember: dict[str, Any] = field(default_factory=dict)  # Session fields to change

    @property
    def escalate(self) -> bool:
        return self.open_case is not None


@dataclass(frozen=True)
class Thresholds:
    """Confidence below which an intent is not trusted; values come from nlu/thresholds.py."""

    intent: float = chosen.INTENT_THRESHOLD
    urgent: float = chosen.URGENT_THRESHOLD
    urgent_uncued: float = chosen.URGENT_UNCUED_THRESHOLD  # the vote with no danger word
    corroborated: float = chosen.CORROBORATED_THRESHOLD  # a cue in her words agrees
    out_of_scope: float = chosen.OUT_OF_SCOPE_THRESHOLD  # below it, "off topic" is "not sure"


@dataclass(frozen=True)
class Facts:
    """What the engine knows beyond the message when it asks for a decision."""

    session: Session
    case: str | None = None  # her open case: None, "open" (waiting) or "claimed"
    case_test: bool = False
    operators_open: bool = False  # counsellors configured and within their hours
    operator_hours: str = ""
    test_operators: bool = False  # a test group is configured for test sessions
    is_tester: bool = False
    flooding: bool = False  # over the per-minute limit
    warned: bool = False  # already told to slow down this minute


# -- the emergency reply: built here and only here ----------------------------------------------


def situation_of(urgency: Urgency, who: str, sexual: bool = False, when: str = "now") -> str:
    """Which emergency this is, for the first reply: its numbers and words differ."""
    reasons = set(urgency.reasons)
    if who == "someone_else":  # she writes for another person: what she can do, where they are
        return "someone_else"
    if "suicide_self_harm" in reasons:  # 115 first; 113 is added when someone hurts her too
        return "suicide"
    if "rape_now" in reasons or (sexual and (when == "now" or reasons & {"violence_now"})):
        return "rape_now"
    if "trafficking_now" in reasons:
        return "held"
    if who == "child_self":
        return "child_self"
    return "violence"


def urgent_reply(
    urgency: Urgency,
    session: Session,
    *,
    who: str = "self",
    abroad: bool = False,
    sexual: bool = False,
    when: str = "now",
) -> Decision:
    """The first reply to danger, and every later one: numbers first, never the same text."""
    situation = situation_of(urgency, who, sexual, when)
    reasons = set(urgency.reasons)
    # A continuing reply only for the same danger said again; a new danger gets its full reply.
    repeat = session.urgent_replies if session.danger == situation else 0
    injured = urgency.injured
    if situation == "suicide":
        # 115 comes first for her; `injured` then asks for 113 too: someone is hurting her.
        injured = bool(reasons & _HARM_BY_SOMEONE)
    params = {
        "situation": situation,
        "injured": injured,
        "child": urgency.child or situation == "child_self",
        "trafficking": urgency.trafficking,
        "abroad": abroad,
        "repeat": repeat,
        "test": session.test_mode,
        "suicide": "suicide_self_harm" in reasons,  # for someone_else: 115 first
    }
    return Decision(
        say=(Say("urgent", params),),
        next_state="consent",
        remember={
            "danger": situation,
            "topic": "suicide" if situation == "suicide" else "urgent",
            "urgent_replies": repeat + 1,
            "who": who,
            "pending_category": "urgent_help",
            "services_offered": True,
        },
    )


# -- typed text -------------------------------------------------------------------------------


def before_model(u: Understanding, facts: Facts) -> Decision | None:
    """A relay or a flood is decided before the model reads anything (it never needs to).

    `u` is the understanding without the model: the screen, who, when and the cues.
    """
    if facts.case == "claimed":
        # While a counsellor has her case her words go to the counsellor, not to the model;
        # danger still gets the numbers at once, for that danger and that person.
        if u.urgency.is_urgent:
            urgent = _urgent_for(u, facts.session)
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
    return _merge(decision, **memory)


def _urgent_for(u: Understanding, session: Session) -> Decision:
    return urgent_reply(
        u.urgency, session, who=u.who, abroad=u.abroad, sexual=u.sexual, when=u.when
    )


def _decide_text(u: Understanding, facts: Facts, thresholds: Thresholds) -> Decision:
    session = facts.session
    query = ServiceQuery(province=u.province[0], formerly=u.province[1]) if u.province else None
    if u.urgency.is_urgent:  # the screen or the gated model saw danger: numbers first
        decision = _urgent_for(u, session)
        return _with_services(decision, query) if query else decision
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
        return Decision(find_services=query, remember=_place(query))
    generic = confident is None or confident in _FOLLOWUP_CAN_OVERRIDE
    if u.followup and (session.topic or facts.case) and not u.topic and generic:
        topic = "talk_to_human" if facts.case == "open" else session.topic
        return _say("next_steps", {"topic": topic}, topic=session.topic)
    if u.parse is None and u.topic is None:  # model loading or down: never silent
        return Decision(say=(Say("nlu_loading"),), next_state=KEEP)
    sure = (u.confidence or 0.0) >= SURE
    if u.topic and (confident is None or confident not in _NOT_A_TOPIC or not sure):
        return _say(f"topic:{u.topic}", topic=u.topic)
    if confident is None and query is not None and u.intent in PLACE_AWARE:
        # Unsure of the words but she named a place: help nearby is the useful answer.
        return decide_intent(u.intent or "find_services", u, session, query)
    if confident is None or (
        confident == "out_of_scope" and (u.confidence or 0) < thresholds.out_of_scope
    ):
        return _unsure(u, session)
    return decide_intent(confident, u, session, query)


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
            query = _remembered_place(session)
        if query is None:
            return Decision(say=(Say("ask_province"),), next_state="province")
        category = u.service_type if u else None
        return Decision(
            find_services=ServiceQuery(query.province, query.formerly, None, category),
            remember=_place(query),
        )
    if intent == "sexual_violence" and u is not None and u.when in ("now", "recent"):
        # Within 72 hours: medical care first (PEP, emergency contraception), then services.
        decision = _say("sexual_assault_recent", {"who": who}, topic="sexual_assault_recent")
    elif intent == "child_abuse":
        decision = _say("child_abuse", {"who": who}, topic=intent)
    elif intent == "help_someone_else":
        decision = _say("help_someone_else", {"child": bool(u and u.child)}, topic=intent)
    elif intent == "online_abuse":
        decision = _say("online_abuse", {"minor": minor}, topic=intent)
        if minor:
            decision = _merge(decision, who="child_self")
    elif intent in SURVIVOR_INTENTS:
        decision = _say(intent, topic=intent)
    else:
        decision = Decision(say=(Say(intent),))
    if intent in OFFER_PERSON:
        decision = _merge(decision, next_state="consent", pending_category=intent)
    if u is not None and u.who != "self":
        decision = _remember_who(decision, u)
    if query and intent in PLACE_AWARE | {"sexual_violence"}:
        return _with_services(decision, query)
    return decision


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
        return Decision(find_services=query, remember=_place(query))
    if session.state == "consent" and intent in ("affirm", "deny"):
        return decide_button(actions.consent(intent == "affirm"), facts)
    if session.state == "safe" and intent in ("affirm", "deny"):
        return decide_button(actions.safe(intent == "affirm"), facts)
    return None


# -- buttons and commands ---------------------------------------------------------------------


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
    return _merge(decision, **memory)


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
        return decide_intent(value, None, session, _remembered_place(session))
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


def decide_location(point: tuple[float, float]) -> Decision:
    """A shared location: services nearest to it; outside Viet Nam, what helps someone abroad
    first (the directory lists services in Viet Nam only)."""
    find = ServiceQuery(near=point)
    if in_viet_nam(*point):
        return Decision(find_services=find)
    return Decision(say=(Say("location_abroad"),), find_services=find)


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


def decide_command(name: str, args: tuple[str, ...], facts: Facts) -> Decision:
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
        if not facts.is_tester:
            return Decision(say=(Say("not_a_tester"),))
        on = not args or args[0].lower() in ("on", "1", "true", "bat")
        return Decision(say=(Say("start_test_mode" if on else "stop_test_mode"),), test_mode=on)
    return Decision(say=(Say("help"),))


# -- helpers ----------------------------------------------------------------------------------


def fingerprint(say: Say) -> str:
    """What makes two replies the same: the key and its parameters (never any text)."""
    params = ",".join(f"{k}={say.params[k]}" for k in sorted(say.params))
    return f"{say.key}({params})"


def _not_twice(decision: Decision, session: Session) -> Decision:
    """The same reply never goes out twice in a row: the second time it moves forward (the
    topic's next steps), the third time it offers a person."""
    if not decision.say or decision.say[0].key == "urgent":  # urgent replies count themselves
        if not decision.say:
            return decision
        return _merge(decision, last_reply=fingerprint(decision.say[0]))
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
        return _merge(decision, last_reply=fingerprint(first))
    step = Say("next_steps", {"topic": session.topic or first.key})
    return replace(
        decision,
        say=(step, *decision.say[1:]),
        remember={**decision.remember, "last_reply": fingerprint(step)},
    )


def _say(key: str, params: dict[str, Any] | None = None, *, topic: str | None = None) -> Decision:
    remember: dict[str, Any] = {"unsure_streak": 0}
    if topic is not None:
        remember["topic"] = topic
    remember["services_offered"] = key in OFFERS_SERVICES or topic in OFFERS_SERVICES
    return Decision(say=(Say(key, params or {}),), remember=remember)


def _merge(decision: Decision, next_state: str | None = None, **remember: Any) -> Decision:
    """The same decision with more to remember (and perhaps another pending question)."""
    return replace(
        decision,
        next_state=next_state if next_state is not None else decision.next_state,
        remember={**decision.remember, **remember},
    )


def _remember_who(decision: Decision, u: Understanding) -> Decision:
    return _merge(decision, who=u.who)


def _place(query: ServiceQuery) -> dict[str, Any]:
    return {"province": query.province, "services_offered": True, "unsure_streak": 0}


def _remembered_place(session: Session) -> ServiceQuery | None:
    return ServiceQuery(province=session.province) if session.province else None


def _with_services(decision: Decision, query: ServiceQuery) -> Decision:
    return replace(decision, find_services=query, remember={**decision.remember, **_place(query)})
