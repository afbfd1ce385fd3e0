"""What a counsellor sends her, held briefly in memory (never on disk) until her page takes it.

Nothing of hers caused these messages, so no request of hers carries them back: her page picks
them up over its WebSocket or its long poll, or with the next form post.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

OUTBOX_KEEP = 50  # counsellor messages kept for a page that is reconnecting
OUTBOX_IDLE_SECONDS = 30 * 60  # a counsellor's words wait this long at most for her page
PRUNE_EVERY_SECONDS = 60.0
MAX_OUTBOXES = 10_000


@dataclass
class Outbox:
    """Messages for one page that no request of hers asked for (a counsellor's), in memory."""

    items: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=OUTBOX_KEEP))
    seq: int = 0
    touched: float = field(default_factory=time.monotonic)
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def push(self, event: dict[str, Any]) -> None:
        self.seq += 1
        self.items.append({**event, "seq": self.seq})
        self.touched = time.monotonic()
        self.changed.set()
        self.changed = asyncio.Event()

    def after(self, seq: int) -> list[dict[str, Any]]:
        self.touched = time.monotonic()
        return [item for item in self.items if item["seq"] > seq]

    async def wait(self, seq: int, timeout: float) -> list[dict[str, Any]]:
        """The events after seq, waiting up to timeout for the first one."""
        fresh = self.after(seq)
        if fresh:
            return fresh
        try:
            await asyncio.wait_for(self.changed.wait(), timeout)
        except asyncio.TimeoutError:
            return []
        return self.after(seq)


class Outboxes:
    """One Outbox per session, bounded in number and forgotten when her page goes quiet."""

    def __init__(self) -> None:
        self._boxes: dict[str, Outbox] = {}
        self._pruned = time.monotonic()

    def get(self, session: str) -> Outbox | None:
        """Her outbox if a counsellor wrote or her page listened; never makes one."""
        return self._boxes.get(session)

    def open(self, session: str) -> Outbox:
        """Her outbox, made if she has none."""
        if time.monotonic() - self._pruned > PRUNE_EVERY_SECONDS:
            self._prune()
        outbox = self._boxes.get(session)
        if outbox is None:
            if len(self._boxes) >= MAX_OUTBOXES:
                self._prune()
            outbox = self._boxes[session] = Outbox()
        return outbox

    def drop(self, session: str) -> None:
        """She deleted the chat: what a counsellor wrote goes with it."""
        self._boxes.pop(session, None)

    def _prune(self) -> None:
        """Forget pages that went quiet, and with them any counsellor's words left unread."""
        now = self._pruned = time.monotonic()
        for key, box in list(self._boxes.items()):
            if now - box.touched > OUTBOX_IDLE_SECONDS:
                del self._boxes[key]
        while len(self._boxes) >= MAX_OUTBOXES:  # still full: the quietest go first
            del self._boxes[min(self._boxes, key=lambda k: self._boxes[k].touched)]
