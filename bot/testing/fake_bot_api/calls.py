"""One call the bot made to the fake Bot API, as the server records it and tests read it."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Call:
    """One request the bot made: the method name and its parameters, decoded."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    result: Any = None  # what the fake answered (None for an injected error)
    ok: bool = True

    @property
    def result_id(self) -> int | None:
        """The message_id the fake gave the message this call sent or edited."""
        return self.result.get("message_id") if isinstance(self.result, dict) else None

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """The inline buttons of the call's reply_markup, flattened."""
        markup = self.params.get("reply_markup") or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]

    @property
    def actions(self) -> list[str]:
        return [b.get("callback_data", "") for b in self.buttons]


def buttons_of(calls: Iterable[Call]) -> list[str]:
    """Every callback_data in the given calls, in order."""
    return [action for call in calls for action in call.actions]
