"""The emergency reply: which danger this is, and its numbers. Built here and only here.

The first reply to danger and every later one come from `urgent_reply`, whether the screen saw
it in her words, the model voted for it, or she pressed "Get help now": one place decides which
numbers go first and that the same text never goes out twice.
"""

from __future__ import annotations

from bot.core.policy.decision import Decision, Say
from bot.core.safety import Urgency
from bot.core.session import Session
from bot.core.understanding import Understanding

# Dangers that come from someone else: with thoughts of suicide, 113 is added beside 115.
_HARM_BY_SOMEONE = frozenset({"violence_now", "threat_to_kill", "weapon", "locked_in"})


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


def urgent_for(u: Understanding, session: Session) -> Decision:
    """The emergency reply for the danger, the person and the time understood in her words."""
    who = u.who
    if who == "someone_else" and u.minor and u.home and not u.abroad:
        # "Bố em đang đánh mẹ, em 12 tuổi": a child in a home where it is happening now is in
        # danger herself. She gets the child's reply (111 for her, a safe room), not advice for
        # a bystander to call "on the child's behalf".
        who = "child_self"
    return urgent_reply(u.urgency, session, who=who, abroad=u.abroad, sexual=u.sexual, when=u.when)
