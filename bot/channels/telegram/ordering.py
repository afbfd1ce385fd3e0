"""Per-chat order: one chat's updates in turn, chats side by side, urgent words first."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.channels.telegram.intake import PROGRESS, Intake, Progress
from bot.core import safety

log = logging.getLogger("antam.telegram")

MAX_SCREENED = 4096  # the screen reads what the engine would (MAX_MESSAGE_CHARS)
MAX_CONCURRENT_UPDATES = 8
UNLIMITED = 1 << 16  # more makes httpx's connection pool bookkeeping dominate (bench)
URGENT, NORMAL = 0, 1  # the order in which waiting turns get a slot


class PerChatProcessor(BaseUpdateProcessor):
    """Updates from different chats run concurrently; one chat's updates run in order.

    A slow turn for one woman must not hold up everyone else, but her own messages must be
    answered in the order she sent them and must not race on her session. The chat's lock is
    taken before a concurrency slot, so one chat's queued updates never hold slots that other
    chats need; the operators' side of a turn runs after the slot is given back. With an
    Intake, each update is reported finished (and so confirmed to Telegram) only when done.
    """

    def __init__(
        self, intake: Intake | None = None, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES
    ) -> None:
        # PTB's own semaphore (taken before do_process_update) is made wide enough never to
        # wait: the real limit is PrioritySlots, taken after the chat's lock.
        super().__init__(UNLIMITED)
        self.intake = intake
        self._slots = PrioritySlots(max_concurrent_updates)
        # chat id -> (its lock, how many updates hold or wait for it); dropped at zero.
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        update_id = update.update_id if isinstance(update, Update) else None
        tracked = (
            self.intake is not None
            and update_id is not None
            and update_id in self.intake.in_flight
        )
        progress = self.intake.progress(update_id) if tracked else None  # type: ignore[union-attr,arg-type]
        token = PROGRESS.set(progress)
        try:
            chat = update.effective_chat if isinstance(update, Update) else None
            if chat is None:
                async with self._slots.held(NORMAL):
                    await coroutine
            else:
                await self._in_order(chat.id, coroutine, progress, _priority(update))
        except asyncio.CancelledError:
            raise  # stopped mid-turn: not finished, Telegram will deliver it again
        except Exception as error:  # noqa: BLE001 - PTB's error handler already ran
            log.error("update failed type=%s", type(error).__name__)
        finally:
            PROGRESS.reset(token)
        if tracked:
            self.intake.finish(update_id)  # type: ignore[union-attr,arg-type]

    async def _in_order(
        self, chat_id: int, coroutine: Awaitable[Any], progress: Progress | None, priority: int
    ) -> None:
        lock, users = self._locks.get(chat_id, (asyncio.Lock(), 0))
        self._locks[chat_id] = (lock, users + 1)
        try:
            async with lock:
                async with self._slots.held(priority):
                    await coroutine
                if progress is not None:
                    await progress.run_later()
        finally:
            lock, users = self._locks[chat_id]
            if users <= 1:
                del self._locks[chat_id]
            else:
                self._locks[chat_id] = (lock, users - 1)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


def _priority(update: object) -> int:
    """Words that the safety screen finds urgent get the next free slot before anything else
    waiting (the engine screens them again; the screen is cheap and reads no model)."""
    message = update.effective_message if isinstance(update, Update) else None
    text = (message.text or message.caption) if message is not None else None
    if text and safety.screen(text[:MAX_SCREENED]).is_urgent:
        return URGENT
    return NORMAL


class PrioritySlots:
    """At most n holders at once; waiters are served by priority, then in arrival order."""

    def __init__(self, n: int) -> None:
        self._free = n
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    @asynccontextmanager
    async def held(self, priority: int) -> AsyncIterator[None]:
        await self._acquire(priority)
        try:
            yield
        finally:
            self._release()

    async def _acquire(self, priority: int) -> None:
        if self._free > 0 and not self._waiting:
            self._free -= 1
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (priority, next(self._order), future))
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self._release()  # the slot came just as the wait was cancelled: pass it on
            raise

    def _release(self) -> None:
        while self._waiting:
            _, _, future = heapq.heappop(self._waiting)
            if not future.done():
                future.set_result(None)
                return
        self._free += 1
