"""How fast each chat is writing: whether it floods, and whether it was told to slow down.

The policy answers a flood with one "slow down" a minute (bot.core.policy.typed.before_model):
answering every message of a flood would amplify it. The counts live in memory only: a restart
forgets them, and they hold no text, only the times of the last minute's messages.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque

WINDOW_SECONDS = 60.0


class FloodGuard:
    """Per-chat message times over the last minute, and when each chat was last warned."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._recent: dict[str, deque[float]] = defaultdict(deque)
        self._warned: dict[str, float] = {}

    def flooding(self, key: str) -> bool:
        """Count one more message from this chat; True when it is over the per-minute limit."""
        now = time.monotonic()
        recent = self._recent[key]
        while recent and now - recent[0] > WINDOW_SECONDS:
            recent.popleft()
        recent.append(now)
        return len(recent) > self.per_minute

    def warned_recently(self, key: str) -> bool:
        """Whether this chat was told to slow down within the last minute."""
        return time.monotonic() - self._warned.get(key, -WINDOW_SECONDS) < WINDOW_SECONDS

    def warn(self, key: str) -> None:
        """Note that this chat was just told to slow down."""
        self._warned[key] = time.monotonic()
