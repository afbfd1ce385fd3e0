"""A fake Telegram Bot API on 127.0.0.1 that records every call, for end-to-end tests.

It runs an aiohttp server in its own thread and event loop, so the bot under test (in the
test's loop) talks to it over real HTTP, exactly as it would to api.telegram.org. Unknown
methods answer 404 *and* are recorded, so a test that makes a new API call fails loudly.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT_ID = 4242
BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "An Tam", "username": "antam_test_bot"}
# Parameters that are plain strings on the wire; everything else PTB sends JSON-encoded.
TEXT_FIELDS = frozenset(
    {
        "text",
        "caption",
        "callback_query_id",
        "parse_mode",
        "language_code",
        "url",
        "secret_token",
        "description",
        "short_description",
        "name",
        "drop_pending_updates",
    }
)


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
        # Telegram starts a bot's update ids at a number of its own choosing; a fresh fake
        # per test must not reuse ids a bot's ledger already holds as answered.
        self._update_ids = itertools.count(random.randrange(1, 1 << 30))
        # Like Telegram, message ids count per chat: the real and the test operators' chats
        # both have a message 1000, so nothing may key on the id alone.
        self._message_ids: dict[Any, itertools.count[int]] = {}
        self._failures: dict[str, list[_Failure]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._new_update: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._closing = False
        self.port = 0

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
            return _error(401, "Unauthorized")
        params = await _params(request)
        if method == "getUpdates":  # polls are noise and not recorded
            return web.json_response({"ok": True, "result": await self._api_getUpdates(params)})
        started = time.monotonic()
        failure = self._take_failure(method)
        if failure is not None:
            self._record(Call(method, params, started, ok=False))
            extra = {"retry_after": failure.retry_after} if failure.retry_after else None
            return _error(failure.error_code, failure.description, extra)
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            self._record(Call(method, params, started, ok=False))
            return _error(404, f"Not Found: unknown method {method}")
        result = handler(params)
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

    async def _api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
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

    def _api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return BOT_USER

    def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = params.get("chat_id")
        message = {
            "message_id": self.next_message_id(chat_id),
            "date": int(time.time()),
            "chat": _chat(chat_id),
            "from": BOT_USER,
            "text": params.get("text", ""),
        }
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        return message

    def _api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        if "inline_message_id" in params:
            return True
        message = {
            "message_id": params.get("message_id"),
            "date": int(time.time()),
            "edit_date": int(time.time()),
            "chat": _chat(params.get("chat_id")),
            "from": BOT_USER,
            "text": params.get("text", ""),
        }
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        return message

    def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        return self._api_editMessageText({**params, "text": ""})

    def _true(self, params: dict[str, Any]) -> bool:
        return True

    _api_deleteMessage = _true
    _api_deleteMessages = _true
    _api_answerCallbackQuery = _true
    _api_setMyCommands = _true
    _api_deleteMyCommands = _true
    _api_deleteWebhook = _true
    _api_setWebhook = _true
    _api_close = _true
    _api_logOut = _true
    _api_sendChatAction = _true

    def _api_getMyCommands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        return []

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
        known = {name[len("_api_") :] for name in dir(self) if name.startswith("_api_")}
        return [c for c in self.calls if c.method not in known]

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

    # -- updates --------------------------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue one update (update_id is assigned here) and wake a waiting getUpdates."""
        with self._lock:
            update = {"update_id": next(self._update_ids), **update}
            self._updates.append(update)
        if self._loop is not None and self._new_update is not None:
            self._loop.call_soon_threadsafe(self._new_update.set)
        return update

    def pending_updates(self) -> int:
        with self._lock:
            return len(self._updates)

    def next_message_id(self, chat_id: Any = None) -> int:
        """The next message id in chat_id (ids are unique only within a chat)."""
        with self._lock:
            counter = self._message_ids.setdefault(chat_id, itertools.count(1000))
            return next(counter)

    def _message(
        self,
        user: User,
        chat: dict[str, Any] | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        target = chat or user.private_chat()
        return {
            "message_id": self.next_message_id(target["id"]),
            "date": int(time.time()),
            "chat": target,
            "from": user.as_dict(),
            **fields,
        }

    def text(
        self,
        user: User,
        text: str,
        *,
        reply_to: int | None = None,
        chat: dict[str, Any] | None = None,
    ) -> int:
        """She (or an operator, with chat=...) sends text; returns the new message id."""
        fields: dict[str, Any] = {"text": text}
        if reply_to is not None:
            target = chat or user.private_chat()
            fields["reply_to_message"] = {
                "message_id": reply_to,
                "date": int(time.time()),
                "chat": target,
                "from": BOT_USER,
                "text": "",
            }
        message = self._message(user, chat, **fields)
        self.push({"message": message})
        return message["message_id"]

    def command(self, user: User, command: str, *, chat: dict[str, Any] | None = None) -> int:
        """A /command as Telegram sends it: text plus a bot_command entity at offset 0."""
        text = command if command.startswith("/") else f"/{command}"
        name_length = len(text.split()[0])
        message = self._message(
            user,
            chat,
            text=text,
            entities=[{"type": "bot_command", "offset": 0, "length": name_length}],
        )
        self.push({"message": message})
        return message["message_id"]

    def press(
        self,
        user: User,
        data: str,
        *,
        message_id: int | None = None,
        chat: dict[str, Any] | None = None,
        message_text: str = "",
    ) -> str:
        """She presses an inline button under one of the bot's messages; returns the query id."""
        query_id = f"q{next(self._update_ids)}"
        message = {
            "message_id": message_id or self.next_message_id((chat or user.private_chat())["id"]),
            "date": int(time.time()),
            "chat": chat or user.private_chat(),
            "from": BOT_USER,
            "text": message_text,
        }
        self.push(
            {
                "callback_query": {
                    "id": query_id,
                    "from": user.as_dict(),
                    "chat_instance": "ci-1",
                    "data": data,
                    "message": message,
                }
            }
        )
        return query_id

    def location(self, user: User, latitude: float, longitude: float) -> int:
        message = self._message(user, location={"latitude": latitude, "longitude": longitude})
        self.push({"message": message})
        return message["message_id"]

    def sticker(self, user: User) -> int:
        sticker = {
            "file_id": "STICKER-FILE",
            "file_unique_id": "st1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        message = self._message(user, sticker=sticker)
        self.push({"message": message})
        return message["message_id"]

    def voice(self, user: User) -> int:
        voice = {"file_id": "VOICE-FILE", "file_unique_id": "vo1", "duration": 3}
        message = self._message(user, voice=voice)
        self.push({"message": message})
        return message["message_id"]

    def photo(self, user: User, caption: str | None = None) -> int:
        photo = [{"file_id": "PHOTO-FILE", "file_unique_id": "ph1", "width": 90, "height": 90}]
        extra: dict[str, Any] = {"caption": caption} if caption is not None else {}
        message = self._message(user, photo=photo, **extra)
        self.push({"message": message})
        return message["message_id"]

    def document(self, user: User, caption: str | None = None) -> int:
        document = {"file_id": "DOC-FILE", "file_unique_id": "do1", "file_name": "a.pdf"}
        extra: dict[str, Any] = {"caption": caption} if caption is not None else {}
        message = self._message(user, document=document, **extra)
        self.push({"message": message})
        return message["message_id"]

    def edited(self, user: User, message_id: int, text: str) -> None:
        """She edits an earlier message of hers to read `text`."""
        message = {
            "message_id": message_id,
            "date": int(time.time()) - 5,
            "edit_date": int(time.time()),
            "chat": user.private_chat(),
            "from": user.as_dict(),
            "text": text,
        }
        self.push({"edited_message": message})

    def group_text(
        self,
        user: User,
        group_id: int,
        text: str,
        *,
        reply_to: int | None = None,
        kind: str = "supergroup",
    ) -> int:
        """Someone writes in a group the bot is in (the operators' group or any other)."""
        return self.text(user, text, reply_to=reply_to, chat=group_chat(group_id, kind))

    def group_command(self, user: User, group_id: int, command: str) -> int:
        return self.command(user, command, chat=group_chat(group_id))


@dataclass(frozen=True)
class User:
    """A Telegram user as updates carry her: the private chat id equals the user id."""

    id: int
    language_code: str | None = "vi"
    first_name: str = "Lan"
    username: str | None = None

    def as_dict(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            user["language_code"] = self.language_code
        if self.username:
            user["username"] = self.username
        return user

    def private_chat(self) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.username:
            chat["username"] = self.username
        return chat


def group_chat(group_id: int, kind: str = "supergroup") -> dict[str, Any]:
    return {"id": group_id, "type": kind, "title": "Group"}


def _chat(chat_id: Any) -> dict[str, Any]:
    if isinstance(chat_id, int) and chat_id < 0:
        return group_chat(chat_id)
    return {"id": chat_id, "type": "private", "first_name": "Lan"}


def _error(code: int, description: str, parameters: dict[str, Any] | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=code)


async def _params(request: web.Request) -> dict[str, Any]:
    """Decode parameters whether sent as JSON, form-encoded or multipart."""
    if request.content_type == "application/json":
        body = await request.json()
        return dict(body or {})
    form = await request.post()
    params: dict[str, Any] = dict(request.query)
    for key, value in form.items():
        params[key] = _decode(key, value if isinstance(value, str) else "")
    return params


def _decode(key: str, value: str) -> Any:
    if key in TEXT_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def buttons_of(calls: Iterable[Call]) -> list[str]:
    """Every callback_data in the given calls, in order."""
    return [action for call in calls for action in call.actions]


class UpdateBuilder(FakeBotApi):
    """Builds updates with the same helpers, for a fake running in another process."""

    def __init__(self) -> None:
        super().__init__()
        self.built: list[dict[str, Any]] = []

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        self.built.append(update)
        return update

    def take(self) -> list[dict[str, Any]]:
        built, self.built = self.built, []
        return built


def main() -> None:
    """Serve the fake on its own until killed; print the port on the first line of stdout."""
    import sys

    token = sys.argv[1] if len(sys.argv) > 1 else "123:TEST"
    fake = FakeBotApi(token).start()
    print(fake.port, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
