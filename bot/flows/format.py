"""What a flow file holds once read: flows of steps, each with what to expect afterwards.

The keys a flow file may use are listed here, once, for the reader (bot.flows.reader) and for
the people who write flows: community workers who know the conversations, not the code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from nlu import intents

# Intent names exactly as the NLU issue lists them (nlu/intents.py); a typo in a flow file
# would make a flow fail forever, so the reader names it and suggests the closest.
INTENTS = intents.INTENTS
FLOW_KEYS = ("name", "locale", "tester", "notes", "steps")
ACTIONS = ("user", "command", "press", "location")
STEP_KEYS = (*ACTIONS, "expect", "notes")
EXPECT_KEYS = (
    "reply_contains",
    "reply_not_contains",
    "buttons_contain",
    "intent",
    "urgent",
    "escalated",
    "province",
    "services_include",
    "deleted_messages",
    "situation",
    "who",
    "when",
    "reply",
)
# The emergency situations (bot.core.policy.urgent.situation_of), who and when
# (bot.core.situation).
SITUATIONS = frozenset({"violence", "suicide", "rape_now", "held", "someone_else", "child_self"})
WHO = frozenset({"self", "child_self", "someone_else"})
WHEN = frozenset({"now", "recent", "past_or_ongoing"})


@dataclass(frozen=True)
class Expect:
    """What must be true after one step; None (or empty) means "not checked"."""

    reply_contains: tuple[str, ...] = ()
    reply_not_contains: tuple[str, ...] = ()
    buttons_contain: tuple[str, ...] = ()
    intent: str | None = None
    urgent: bool | None = None
    escalated: bool | None = None
    province: str | None = None
    services_include: tuple[str, ...] = ()
    deleted_messages: int | None = None
    situation: str | None = None
    who: str | None = None
    when: str | None = None
    reply: str | None = None  # the content key of the first reply, e.g. "next_steps"

    def checked(self) -> list[str]:
        """The expectation names this step sets, in file order of EXPECT_KEYS."""
        return [key for key in EXPECT_KEYS if getattr(self, key) not in (None, ())]


@dataclass(frozen=True)
class Step:
    """One thing the user does: exactly one of text, command, press or location."""

    line: int
    action: str  # one of ACTIONS
    text: str = ""  # the message, the command ("/start on") or the button label
    location: tuple[float, float] | None = None
    expect: Expect = field(default_factory=Expect)

    def describe(self) -> str:
        """What the user did, in words for the report."""
        if self.action == "user":
            return f'user wrote "{self.text}"'
        if self.action == "command":
            return f"user sent the command {self.text}"
        if self.action == "press":
            return f'user pressed the button "{self.text}"'
        assert self.location is not None
        return f"user shared the location {self.location[0]}, {self.location[1]}"


@dataclass(frozen=True)
class Flow:
    """One conversation to check, from one flow file."""

    name: str
    path: Path
    line: int
    steps: tuple[Step, ...]
    locale: str | None = None  # the tester's Telegram language, a hint like Telegram's
    tester: bool = False  # run as a user listed in TESTER_USER_IDS
