"""The operators' chats' outbox: one message at a time per chat, the most pressing first.

Telegram lets a bot post about 20 messages a minute to a group. Before, every card, notice and
relay raced for that allowance inside the turn that caused it, so eight accounts opening and
ending cases made a genuine card wait 21 s (and, holding the turns' slots, another woman's
urgent reply 53 s). Here each operators' chat has one queue, served in order of priority: her
words to a counsellor first, then case cards, then notices and card edits.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
from collections.abc import Awaitable, Callable
from typing import Any

log = logging.getLogger("antam.operators")

RELAY = 0  # her words to the counsellor with her, and "not delivered" notes
CARD = 1  # a new case (or a flush of several)
REALERT = 2  # a case still unclaimed
NOTICE = 3  # "case closed", card edits: nobody waits on these

Call = Callable[[], Awaitable[Any]]


class Outbox:
    """Per-chat priority queues, each drained by one task."""

    def __init__(self) -> None:
        self._queues: dict[int, list[tuple[int, int, Call, asyncio.Future[Any]]]] = {}
        self._workers: dict[int, asyncio.Task[None]] = {}
        self._order = itertools.count()

    async def send(self, chat_id: int, priority: int, call: Call) -> Any:
        """Queue call for chat_id and wait for its result (or its error)."""
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        queue = self._queues.setdefault(chat_id, [])
        heapq.heappush(queue, (priority, next(self._order), call, future))
        worker = self._workers.get(chat_id)
        if worker is None or worker.done():
            self._workers[chat_id] = asyncio.create_task(self._drain(chat_id), name="antam-outbox")
        return await future

    def waiting(self, chat_id: int) -> int:
        return len(self._queues.get(chat_id, ()))

    async def _drain(self, chat_id: int) -> None:
        queue = self._queues[chat_id]
        while queue:
            _, _, call, future = heapq.heappop(queue)
            if future.done():  # its caller gave up (a stopping bot)
                continue
            try:
                result = await call()
            except asyncio.CancelledError:
                future.cancel()
                raise
            except Exception as error:  # noqa: BLE001 - handed to the caller
                future.set_exception(error)
            else:
                future.set_result(result)

    def stop(self) -> None:
        for worker in self._workers.values():
            worker.cancel()
        self._workers.clear()
        for queue in self._queues.values():
            for _, _, _, future in queue:
                future.cancel()
            queue.clear()
