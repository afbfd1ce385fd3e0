"""The fake Telegram Bot API server on 127.0.0.1: it answers the bot, records every call,
fails calls on request, and queues the updates tests (or another process) post.

It runs an aiohttp server in its own thread and event loop, so the bot under test (in the
test's loop) talks to it over real HTTP, exactly as it would to api.telegram.org. Unknown
methods answer 404 *and* are recorded, so a test that makes a new API call fails loudly.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from .calls import Call
from .methods import ANSWERS, error, params_of
from .updates import Ids, Updates


@dataclass
class _Failure:
    remaining: int
    error_code: int
    description: str
    retry_after: int | None


class FakeBotApi:
    """The fake server. start() it, point the bot at .base_url, queue updates, read .calls."""

    def __init__(self, token: str = "123:TEST") -> None:
        self.token = token
        self._calls: list[Call] = []
        self._lock = threading.Lock()
        self._updates: list[dict[str, Any]] = []
        self._failures: dict[str, list[_Failure]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._new_update: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._closing = False
        self.port = 0
        # One numbering for her messages and the bot's, as Telegram keeps per chat.
        self.ids = Ids()
        # What people do, built by Updates and queued here, so that a test reads as what she
        # does: fake.text(she, "..."), fake.press(she, "menu:help").
        self.updates = updates = Updates(self.push, self.ids)
        self.text, self.command, self.press = updates.text, updates.command, updates.press
        self.location, self.edited = updates.location, updates.edited
        self.sticker, self.voice = updates.sticker, updates.voice
        self.photo, self.document = updates.photo, updates.document
        self.group_text, self.group_command = updates.group_text, updates.group_command

    # -- lifecycle ------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """The root URL, without "/bot": what TELEGRAM_BASE_URL holds."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FakeBotApi:
        started = threading.Event()
        errors: list[BaseException] = []

        def serve() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self._start_server())
            except BaseException as error:  # surfaced to start() below
                errors.append(error)
                started.set()
                return
            started.set()
            loop.run_forever()
            leftovers = asyncio.all_tasks(loop)
            for task in leftovers:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))
            loop.close()

        self._thread = threading.Thread(target=serve, name="fake-bot-api", daemon=True)
        self._thread.start()
        if not started.wait(10):
            raise RuntimeError("fake Bot API did not start within 10 s")
        if errors:
            raise errors[0]
        return self

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            done = asyncio.run_coroutine_threadsafe(self._stop_server(), self._loop)
            try:
                done.result(10)
            finally:
                self._loop.call_soon_threadsafe(self._loop.stop)
                self._thread.join(10)
        self._loop = self._thread = None

    async def _start_server(self) -> None:
        self._new_update = asyncio.Event()
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/bot{token}/{method}", self._handle)
        # Control routes, for a driver in another process (scripts/bench_bot.py).
        app.router.add_post("/_control/push", self._control_push)
        app.router.add_get("/_control/replied", self._control_replied)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]  # port 0: the one the OS chose

    async def _stop_server(self) -> None:
        self._closing = True
        if self._new_update is not None:
            self._new_update.set()  # long polls return now rather than at their timeout
        if self._runner is not None:
            await self._runner.cleanup()

    # -- the HTTP side --------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return error(401, "Unauthorized")
        params = await params_of(request)
        if method == "getUpdates":  # polls are noise and not recorded
            return web.json_response({"ok": True, "result": await self._get_updates(params)})
        started = time.monotonic()
        failure = self._take_failure(method)
        if failure is not None:
            self._record(Call(method, params, started, ok=False))
            extra = {"retry_after": failure.retry_after} if failure.retry_after else None
            return error(failure.error_code, failure.description, extra)
        answer = ANSWERS.get(method)
        if answer is None:
            self._record(Call(method, params, started, ok=False))
            return error(404, f"Not Found: unknown method {method}")
        result = answer(params, self.ids)
        self._record(Call(method, params, started, result))
        return web.json_response({"ok": True, "result": result})

    async def _control_push(self, request: web.Request) -> web.Response:
        updates = await request.json()
        for update in updates:
            self.push(update)
        return web.json_response({"ok": True, "at": time.monotonic()})

    async def _control_replied(self, request: web.Request) -> web.Response:
        """Wait until `count` distinct chats among `chats` (all if empty) got a sendMessage
        recorded at index >= since; answer the latest such time (CLOCK_MONOTONIC, which is
        shared by every process on the machine)."""
        since = int(request.query.get("since", "0"))
        count = int(request.query.get("count", "1"))
        wanted = {int(c) for c in request.query.get("chats", "").split(",") if c}
        deadline = time.monotonic() + float(request.query.get("timeout", "30"))
        seen: dict[int, float] = {}
        while time.monotonic() < deadline:
            fresh = self.calls_since(since)
            since += len(fresh)
            for call in fresh:
                if call.method == "sendMessage" and call.ok and isinstance(call.chat_id, int):
                    if (not wanted or call.chat_id in wanted) and call.chat_id not in seen:
                        seen[call.chat_id] = call.at
            if len(seen) >= count:
                break
            await asyncio.sleep(0.001)
        return web.json_response(
            {"answered": len(seen), "last": max(seen.values(), default=None), "next": since}
        )

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + min(timeout, 30.0)
        assert self._new_update is not None
        while True:
            with self._lock:
                # Telegram forgets every update below offset: the bot has confirmed them.
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                pending = self._updates[:limit]
                self._new_update.clear()
            remaining = deadline - time.monotonic()
            if pending or remaining <= 0 or self._closing:
                return pending
            try:
                await asyncio.wait_for(self._new_update.wait(), remaining)
            except asyncio.TimeoutError:
                pass

    # -- the update queue -----------------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue one update (given an update_id here if it has none) and wake a waiting
        getUpdates."""
        with self._lock:
            if "update_id" not in update:
                update = {"update_id": self.ids.update(), **update}
            self._updates.append(update)
        if self._loop is not None and self._new_update is not None:
            self._loop.call_soon_threadsafe(self._new_update.set)
        return update

    def pending_updates(self) -> int:
        with self._lock:
            return len(self._updates)

    # -- recording and failures -----------------------------------------------------------------

    def _record(self, call: Call) -> None:
        with self._lock:
            self._calls.append(call)

    def _take_failure(self, method: str) -> _Failure | None:
        with self._lock:
            queue = self._failures.get(method) or []
            if not queue:
                return None
            failure = queue[0]
            failure.remaining -= 1
            if failure.remaining <= 0:
                queue.pop(0)
            return failure

    def fail_next(
        self,
        method: str,
        times: int = 1,
        *,
        error_code: int = 429,
        description: str | None = None,
        retry_after: int | None = 1,
    ) -> None:
        """Answer the next `times` calls of method with an error (default: 429 RetryAfter 1 s)."""
        if description is None:
            description = (
                f"Too Many Requests: retry after {retry_after}" if error_code == 429 else "Error"
            )
        with self._lock:
            retry = retry_after if error_code == 429 else None
            self._failures.setdefault(method, []).append(
                _Failure(times, error_code, description, retry)
            )

    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    def calls_since(self, index: int) -> list[Call]:
        """The calls recorded after the first `index` ones (cheap for polling loops)."""
        with self._lock:
            return self._calls[index:]

    def calls_to(self, method: str, **where: Any) -> list[Call]:
        """Recorded calls of method whose params equal every given value."""
        return [
            c
            for c in self.calls
            if c.method == method and all(c.params.get(k) == v for k, v in where.items())
        ]

    def sent(self, chat_id: int) -> list[Call]:
        return self.calls_to("sendMessage", chat_id=chat_id)

    def clear(self) -> None:
        with self._lock:
            self._calls.clear()

    def unknown_calls(self) -> list[Call]:
        return [c for c in self.calls if c.method not in ANSWERS and c.method != "getUpdates"]

    async def wait_for(self, predicate: Callable[[list[Call]], Any], timeout: float = 10.0) -> Any:
        """Poll the recorded calls until predicate returns something truthy; return it.

        Async so the bot keeps running in the caller's loop while the test waits.
        """
        deadline = time.monotonic() + timeout
        while True:
            result = predicate(self.calls)
            if result:
                return result
            if time.monotonic() > deadline:
                methods = [c.method for c in self.calls]
                raise AssertionError(f"timed out after {timeout} s; calls so far: {methods}")
            await asyncio.sleep(0.01)

    async def wait_sent(
        self, chat_id: int, count: int = 1, *, after: int = 0, timeout: float = 10.0
    ) -> list[Call]:
        """Wait until at least count messages were sent to chat_id after the first `after`."""

        def enough(calls: list[Call]) -> list[Call] | None:
            sent = [c for c in calls if c.method == "sendMessage" and c.chat_id == chat_id]
            return sent[after:] if len(sent) >= after + count else None

        return await self.wait_for(enough, timeout)
