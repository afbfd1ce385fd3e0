"""What a decision is made of and what the policy is given: the types every policy module shares.

A `Decision` says what to do in one turn (what to say, what to look up, what to remember); the
engine carries it out. `Facts` is what the engine knows beyond the message; `Thresholds` how
sure the model must be. The small builders below keep "what to remember" consistent.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from bot.core.session import Session
from nlu import thresholds as chosen

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


# -- builders shared by the policy modules ----------------------------------------------------


def fingerprint(say: Say) -> str:
    """What makes two replies the same: the key and its parameters (never any text)."""
    params = ",".join(f"{k}={say.params[k]}" for k in sorted(say.params))
    return f"{say.key}({params})"


def merge(decision: Decision, next_state: str | None = None, **remember: Any) -> Decision:
    """The same decision with more to remember (and perhaps another pending question)."""
    return replace(
        decision,
        next_state=next_state if next_state is not None else decision.next_state,
        remember={**decision.remember, **remember},
    )


def place_memory(query: ServiceQuery) -> dict[str, Any]:
    """What a services lookup leaves behind: her province, and that services were offered."""
    return {"province": query.province, "services_offered": True, "unsure_streak": 0}


def remembered_place(session: Session) -> ServiceQuery | None:
    """A lookup in the province she named earlier, if she did."""
    return ServiceQuery(province=session.province) if session.province else None


def with_services(decision: Decision, query: ServiceQuery) -> Decision:
    """The same decision, followed by the services in the place she named."""
    return replace(
        decision, find_services=query, remember={**decision.remember, **place_memory(query)}
    )
