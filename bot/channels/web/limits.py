"""How much and how often the web chat may be asked: body size, and requests per minute per
session and per address, which never silence a message the safety screen finds urgent."""

from __future__ import annotations

import time
from collections import defaultdict, deque

from aiohttp import web

from bot.core import safety
from bot.core.events import Incoming
from bot.settings import Settings

from .outbox import MAX_OUTBOXES

# 4,096 characters of Vietnamese JSON-escaped as \uXXXX is under 25 KB; nothing real is bigger.
MAX_BODY_BYTES = 32 * 1024
SESSION_PER_MINUTE = 40  # requests of every kind; typed text is also flood-limited by the core
MAX_KEYS = MAX_OUTBOXES  # sessions or addresses remembered, as many as the pages kept


class Window:
    """Sliding one-minute counters per key (a session or an address)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def hit(self, key: str) -> bool:
        """Count one request; True while the key is within its limit."""
        now = time.monotonic()
        hits = self._hits[key]
        while hits and now - hits[0] > 60:
            hits.popleft()
        hits.append(now)
        if len(self._hits) > MAX_KEYS:  # forget keys that went quiet
            for stale in [k for k, v in self._hits.items() if not v or now - v[-1] > 60]:
                del self._hits[stale]
        return len(hits) <= self.per_minute


class Limits:
    """The per-session and per-address windows of one web chat."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._per_session = Window(SESSION_PER_MINUTE)
        self._per_address = Window(settings.web_per_address_per_minute)

    def address(self, request: web.Request) -> str:
        if self.settings.web_trust_proxy:
            forwarded = request.headers.get("X-Forwarded-For", "")
            if forwarded:
                return forwarded.split(",")[-1].strip()
        return request.remote or "?"

    def message_allowed(self, request: web.Request, session: str, incoming: Incoming) -> bool:
        """Per-session and per-address limits; a message the safety screen finds urgent always
        passes, so a flood (hers or a neighbour's on the same address) never silences danger."""
        session_ok = self._per_session.hit(session)
        address_ok = self._per_address.hit(self.address(request))
        if session_ok and address_ok:
            return True
        text = incoming.text[: self.settings.max_message_chars]
        return incoming.kind == "text" and safety.screen(text).is_urgent

    def listen_allowed(self, request: web.Request) -> bool:
        """A poll or a socket counts against the address's limit (a page holds at most one of
        them at a time), so an address cannot hold sockets without end."""
        return self._per_address.hit(self.address(request))
