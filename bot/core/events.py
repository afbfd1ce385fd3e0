"""The values that cross the boundary between a channel adapter and the conversation core."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

IncomingKind = Literal["text", "command", "button", "location", "unsupported"]


@dataclass(frozen=True)
class Incoming:
    """One thing the user did, as any channel can express it.

    kind "text": text holds what she wrote (kept in memory for this turn only).
    kind "command": text holds the command name without "/", args its words.
    kind "button": text holds the button's action (Button.action).
    kind "location": location holds (lat, lon), used once and never stored.
    kind "unsupported": a sticker, voice note, photo...; text names the kind ("voice").
    """

    kind: IncomingKind
    text: str = ""
    args: tuple[str, ...] = ()
    location: tuple[float, float] | None = None
    message_id: int | None = None  # the channel's id of her message, kept for /wipe
    client_language: str | None = None  # e.g. Telegram's language_code, a locale hint


@dataclass(frozen=True)
class Button:
    """An inline button: label shown to the user, action sent back when pressed."""

    label: str
    action: str


@dataclass(frozen=True)
class Reply:
    """A message to the user, optionally with rows of buttons or a request for her location."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    request_location: bool = False
    remove_keyboard: bool = False


@dataclass(frozen=True)
class DeleteMessages:
    """Delete these messages (hers and the bot's) from the chat, as far as the channel allows."""

    message_ids: tuple[int, ...]


@dataclass(frozen=True)
class OperatorCard:
    """A case card for the operators' group. Carries no name, id or message text."""

    case_id: int
    locale: str
    category: str
    urgent: bool
    opened_at: str  # ISO 8601, Asia/Ho_Chi_Minh
    test: bool
    summary: str | None = None  # only when the user chose to share one


@dataclass(frozen=True)
class RelayToOperator:
    """Pass the user's words to the counsellor who claimed the case; never stored."""

    case_id: int
    text: str
    test: bool = False


@dataclass(frozen=True)
class OperatorNotice:
    """A line for the operators' group about a case, rendered from a content key; no content."""

    case_id: int
    key: str  # a responses key such as "operator_closed"
    test: bool = False


Outgoing = Reply | DeleteMessages | OperatorCard | RelayToOperator | OperatorNotice


@dataclass(frozen=True)
class Trace:
    """What the core decided in one turn, for tests, flows and tester mode. No message text."""

    language: str | None = None
    intent: str | None = None
    confidence: float | None = None
    urgent: bool = False
    urgent_reasons: tuple[str, ...] = ()
    province: str | None = None
    services: tuple[str, ...] = ()
    escalated: bool = False
    nlu_available: bool = True
    who: str | None = None  # "self", "child_self", "someone_else" (typed messages)
    when: str | None = None  # "now", "recent", "past_or_ongoing" (typed messages)
    situation: str | None = None  # the emergency situation the first reply was built for
    reply: str | None = None  # the content key of the first reply


@dataclass(frozen=True)
class Turn:
    """The core's answer to one Incoming: actions to perform, plus the trace of why."""

    actions: tuple[Outgoing, ...]
    trace: Trace = field(default_factory=Trace)

    @property
    def replies(self) -> tuple[Reply, ...]:
        return tuple(a for a in self.actions if isinstance(a, Reply))


class Renderer(Protocol):
    """What the engine needs of the bot's voice (bot/responses): a reply by key, in a locale.

    A protocol, so the core never imports the content that imports the core's values.
    """

    def render(self, key: str, locale: str, /, **params: object) -> Reply: ...
