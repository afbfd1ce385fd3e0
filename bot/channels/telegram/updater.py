"""SafeUpdater: fetch updates from Telegram (long polling or a webhook) and confirm each one
only once the Intake says its turn is done (intake.py tells why).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.error import InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import Updater

from bot.channels.telegram.intake import Intake

log = logging.getLogger("antam.intake")

POLL_TIMEOUT = 10  # long-poll seconds when nothing is in flight
BUSY_WAIT = 0.05  # with updates in flight, look for new ones this often
POLL_LIMIT = 100  # Telegram's maximum per getUpdates


class SafeUpdater(Updater):
    """An Updater that confirms an update to Telegram only after its turn is done.

    Updates still go through the Application's queue and update processor; the processor tells
    the Intake when each one is finished (ordering.PerChatProcessor).
    """

    def __init__(self, bot: Any, update_queue: asyncio.Queue[object], intake: Intake) -> None:
        super().__init__(bot, update_queue)
        self.intake = intake
        self._task: asyncio.Task[None] | None = None
        self._stopping: asyncio.Event | None = None
        self._site: web.AppRunner | None = None
        self._allowed: Sequence[str] | None = None
        self._mine = False

    @property
    def running(self) -> bool:
        return self._mine

    # -- polling ----------------------------------------------------------------------------

    async def start_polling(  # type: ignore[override]
        self,
        poll_interval: float = 0.0,
        timeout: Any = POLL_TIMEOUT,
        bootstrap_retries: int = 0,
        allowed_updates: Sequence[str] | None = None,
        drop_pending_updates: bool | None = None,
        error_callback: Any = None,
        **_: Any,
    ) -> asyncio.Queue[object]:
        if self._mine:
            raise RuntimeError("This Updater is already running!")
        if not self._initialized:
            raise RuntimeError("This Updater was not initialized via `Updater.initialize`!")
        await self._retry(lambda: self.bot.delete_webhook(drop_pending_updates=False))
        self._allowed = allowed_updates if allowed_updates is not None else Update.ALL_TYPES
        self._stopping = asyncio.Event()
        self._mine = True
        self.intake.ledger.prune()
        self._task = asyncio.create_task(self._poll(_seconds(timeout)), name="antam-intake")
        return self.update_queue

    async def _poll(self, timeout: float) -> None:
        assert self._stopping is not None
        seen = 0  # the highest update id delivered to this process
        while not self._stopping.is_set():
            # Confirm everything below the oldest update still in flight, and nothing above it.
            held = self.intake.holding()
            offset = min(held) if held else seen + 1
            wait = 0.0 if held else timeout
            try:
                updates = await self.bot.get_updates(
                    offset=offset if seen else None,
                    limit=POLL_LIMIT,
                    timeout=round(wait),
                    allowed_updates=self._allowed,
                )
            except RetryAfter as error:
                await self._sleep(_seconds(error.retry_after))
                continue
            except InvalidToken:
                log.error("getUpdates: invalid token; intake stops")
                raise
            except (NetworkError, TelegramError) as error:
                log.warning("getUpdates failed type=%s", type(error).__name__)
                await self._sleep(1.0)
                continue
            fresh = 0
            for update in updates:
                seen = max(seen, update.update_id)
                if self.intake.admit(update.update_id):
                    fresh += 1
                    await self.update_queue.put(update)
            if not fresh and held:
                await self._until_a_turn_ends(BUSY_WAIT)  # what came back is being answered

    async def _until_a_turn_ends(self, seconds: float) -> None:
        """Wait at most `seconds`, less if a turn finishes (or the updater stops) meanwhile."""
        finished = self.intake.finished_event
        finished.clear()
        if not self.intake.holding():  # it finished before we cleared the event
            return
        waiting = asyncio.ensure_future(finished.wait())
        try:
            await asyncio.wait_for(asyncio.shield(waiting), seconds)
        except asyncio.TimeoutError:
            pass
        finally:
            waiting.cancel()

    async def _sleep(self, seconds: float) -> None:
        assert self._stopping is not None
        try:
            await asyncio.wait_for(self._stopping.wait(), seconds)
        except asyncio.TimeoutError:
            pass

    async def _retry(self, call: Callable[[], Awaitable[Any]], attempts: int = 5) -> Any:
        for attempt in range(1, attempts + 1):
            try:
                return await call()
            except (NetworkError, RetryAfter) as error:
                if attempt == attempts:
                    raise
                log.warning("bootstrap call failed type=%s", type(error).__name__)
                await asyncio.sleep(min(2.0**attempt * 0.25, 5.0))
        return None

    # -- webhook ------------------------------------------------------------------------------

    async def start_webhook(  # type: ignore[override]
        self,
        listen: str = "127.0.0.1",
        port: int = 80,
        url_path: str = "",
        cert: Any = None,
        key: Any = None,
        bootstrap_retries: int = 0,
        webhook_url: str | None = None,
        allowed_updates: Sequence[str] | None = None,
        drop_pending_updates: bool | None = None,
        ip_address: str | None = None,
        max_connections: int = 40,
        secret_token: str | None = None,
        unix: Any = None,
        **_: Any,
    ) -> asyncio.Queue[object]:
        """Serve the webhook; each POST is answered 200 only after that update's turn."""
        if self._mine:
            raise RuntimeError("This Updater is already running!")
        app = web.Application(client_max_size=1 << 20)
        path = "/" + url_path.lstrip("/")
        app.router.add_post(path, self._make_handler(secret_token))
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, listen, port).start()
        self._site = runner
        self._mine = True
        self.intake.ledger.prune()
        if webhook_url:
            await self._retry(
                lambda: self.bot.set_webhook(
                    url=webhook_url,
                    allowed_updates=allowed_updates or Update.ALL_TYPES,
                    secret_token=secret_token,
                    max_connections=max_connections,
                    drop_pending_updates=False,
                )
            )
        return self.update_queue

    def _make_handler(
        self, secret: str | None
    ) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def handle(request: web.Request) -> web.Response:
            if secret is not None:
                given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
                if not hmac.compare_digest(given, secret):
                    return web.Response(status=403)
            try:
                data = json.loads(await request.read())
                update = Update.de_json(data, self.bot)
            except (ValueError, TypeError, KeyError):
                return web.Response(status=400)
            if update is None:
                return web.Response(status=400)
            if self.intake.ledger.finished(update.update_id):
                return web.Response(status=200)  # answered before a crash: confirm only
            waiter = self.intake.waiter(update.update_id)
            if self.intake.admit(update.update_id):
                await self.update_queue.put(update)
            # Telegram waits for this answer; a 200 before the turn would confirm an update
            # that a crash could still lose.
            await asyncio.shield(waiter)
            return web.Response(status=200)

        return handle

    # -- stopping -----------------------------------------------------------------------------

    async def stop(self) -> None:
        if not self._mine:
            raise RuntimeError("This Updater is not running!")
        self._mine = False
        if self._stopping is not None:
            self._stopping.set()
        if self._task is not None:
            # Nothing is lost by cutting a long poll short: what it would confirm, the ledger
            # already knows, and what is unconfirmed Telegram delivers again.
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, TelegramError):
                pass
            self._task = None
        if self._site is not None:
            await self._site.cleanup()
            self._site = None


def _seconds(value: Any) -> float:
    return float(value.total_seconds()) if hasattr(value, "total_seconds") else float(value)
