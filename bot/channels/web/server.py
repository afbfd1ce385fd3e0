"""The web chat's HTTP side: one page, a JSON API, a WebSocket and a polling fallback.

Each request becomes an Incoming for the same Engine as Telegram; the session id lives only in
the browser tab (sessionStorage) and is hashed into the chat key like a Telegram chat id. What a
counsellor sends her waits briefly in memory (never on disk) until her page takes it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import re
import secrets
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web

from bot.app import App
from bot.core import safety
from bot.core.engine import Chat
from bot.core.events import (
    DeleteMessages,
    Incoming,
    OperatorCard,
    OperatorNotice,
    RelayToOperator,
    Reply,
)
from bot.privacy import chat_key
from bot.settings import Settings

from . import page

log = logging.getLogger("antam.web")

WEB_PREFIX = "web:"  # a web case's address is "web:<session>", sealed like a Telegram chat id
SESSION_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
ACTION_MAX = 200
# 4,096 characters of Vietnamese JSON-escaped as \uXXXX is under 25 KB; nothing real is bigger.
MAX_BODY_BYTES = 32 * 1024
SESSION_PER_MINUTE = 40  # requests of every kind; typed text is also flood-limited by the core
OUTBOX_KEEP = 50  # counsellor messages kept for a page that is reconnecting
OUTBOX_IDLE_SECONDS = 30 * 60  # a counsellor's words wait this long at most for her page
PRUNE_EVERY_SECONDS = 60.0
MAX_OUTBOXES = 10_000
POLL_SECONDS = 25.0
SOCKET_WAKE_SECONDS = 20.0

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(self), camera=(), microphone=()",
    # Nothing of hers in the disk cache: the page, the API and the script alike.
    "Cache-Control": "no-store",
}

Deliver = Callable[[Any, App, str, Reply, str], Awaitable[None]]


class BadRequest(Exception):
    """The request could not be read as a message; the reason names the field, never a value."""


# -- small parts ----------------------------------------------------------------------------------


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
        if len(self._hits) > MAX_OUTBOXES:  # forget keys that went quiet
            for stale in [k for k, v in self._hits.items() if not v or now - v[-1] > 60]:
                del self._hits[stale]
        return len(hits) <= self.per_minute


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


def reply_json(reply: Reply) -> dict[str, Any]:
    """A Reply as the API and the page carry it: text, buttons flattened, location request."""
    return {
        "text": reply.text,
        "buttons": [{"label": b.label, "action": b.action} for row in reply.buttons for b in row],
        "request_location": reply.request_location,
    }


def new_session() -> str:
    return secrets.token_urlsafe(16)


def incoming_from(data: dict[str, Any]) -> Incoming:
    """The API's {"text"} / {"action"} / {"location"} as an Incoming; "/wipe" is a command."""
    lang = data.get("lang")
    hint = lang if isinstance(lang, str) and lang in ("vi", "en") else None
    if data.get("location") is not None:
        point = data["location"]
        if isinstance(point, dict):
            point = [
                point.get("lat", point.get("latitude")),
                point.get("lon", point.get("longitude")),
            ]
        try:
            lat, lon = (float(v) for v in point)
        except (TypeError, ValueError):
            raise BadRequest("location must be [latitude, longitude]") from None
        if not (
            math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180
        ):
            raise BadRequest("location is out of range")
        return Incoming(kind="location", location=(lat, lon), client_language=hint)
    action = data.get("action")
    if action is not None:
        if not isinstance(action, str) or not action or len(action) > ACTION_MAX:
            raise BadRequest("action must be a button's action")
        return Incoming(kind="button", text=action, client_language=hint)
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadRequest("text, action or location is required")
    stripped = text.strip()
    if stripped.startswith("/") and len(stripped) > 1 and not stripped[1].isspace():
        name, *args = stripped[1:].split()
        if name.isascii() and name.replace("_", "").replace("@", "").isalnum():
            return Incoming(
                kind="command",
                text=name.split("@")[0].lower(),
                args=tuple(args),
                client_language=hint,
            )
    return Incoming(kind="text", text=text, client_language=hint)


# -- the channel ----------------------------------------------------------------------------------


class WebChannel:
    """The web adapter: turns requests into engine turns and carries counsellors' messages."""

    def __init__(self, app: App, settings: Settings, *, desk: Any = None) -> None:
        self.app = app
        self.settings = settings
        self.desk = desk
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}
        self._outboxes: dict[str, Outbox] = {}
        self._per_session = Window(SESSION_PER_MINUTE)
        self._per_address = Window(settings.web_per_address_per_minute)
        self._pruned = time.monotonic()

    # -- the operators' desk ------------------------------------------------------------------

    def attach(self, desk: Any) -> None:
        """Use Telegram's operators' desk for web cases, and take the messages meant for web
        users: the desk's deliver-to-user callable is routed by the address prefix "web:"."""
        self.desk = desk
        telegram_send: Deliver = desk.send_user

        async def send_user(bot: Any, app: App, address: str, reply: Reply, locale: str) -> None:
            if address.startswith(WEB_PREFIX):
                await self.deliver(address, reply, locale)
            else:
                await telegram_send(bot, app, address, reply, locale)

        desk.send_user = send_user

    async def deliver(self, address: str, reply: Reply, locale: str) -> None:
        """A message no turn of hers caused (a counsellor joined, wrote or left), for her page."""
        session = address[len(WEB_PREFIX) :]
        self._outbox(session).push({"replies": [reply_json(reply)]})
        log.info("web delivery chat=%s", self._chat(session).key)

    # -- one turn -------------------------------------------------------------------------------

    def _chat(self, session: str) -> Chat:
        return Chat(
            key=chat_key(self.settings.id_secret, "web", session),
            address=WEB_PREFIX + session,
        )

    async def turn(self, session: str, incoming: Incoming) -> dict[str, Any]:
        """Run one turn for this session (its turns one at a time) and say what to show."""
        chat = self._chat(session)
        lock, users = self._locks.get(session, (asyncio.Lock(), 0))
        self._locks[session] = (lock, users + 1)
        try:
            async with lock:
                turn = await self.app.engine.handle(chat, incoming)
                actions = list(turn.actions)
                wipe = any(isinstance(a, DeleteMessages) for a in actions)
                if wipe:
                    self._outboxes.pop(session, None)
                for action in actions:
                    await self._operators(action)
        finally:
            lock, users = self._locks[session]
            if users <= 1:
                del self._locks[session]
            else:
                self._locks[session] = (lock, users - 1)
        live = self.app.cases.open_for(chat.key) is not None
        outbox = self._outboxes.get(session)
        return {
            "session": session,
            "replies": [reply_json(a) for a in actions if isinstance(a, Reply)],
            "wipe": wipe,
            "live": live,  # a case is open: the page listens for the counsellor
            "seq": outbox.seq if outbox is not None else 0,
        }

    async def _operators(self, action: object) -> None:
        if not isinstance(action, (OperatorCard, RelayToOperator, OperatorNotice)):
            return
        if self.desk is None:
            log.warning(
                "web case action without an operators' desk type=%s", type(action).__name__
            )
            return
        if isinstance(action, OperatorCard):
            await self.desk.page(action)
        elif isinstance(action, RelayToOperator):
            await self.desk.relay(action)
        else:
            await self.desk.notice(action)

    def _outbox(self, session: str) -> Outbox:
        if time.monotonic() - self._pruned > PRUNE_EVERY_SECONDS:
            self._prune()
        outbox = self._outboxes.get(session)
        if outbox is None:
            if len(self._outboxes) >= MAX_OUTBOXES:
                self._prune()
            outbox = self._outboxes[session] = Outbox()
        return outbox

    def _prune(self) -> None:
        """Forget pages that went quiet, and with them any counsellor's words left unread."""
        now = self._pruned = time.monotonic()
        for key, box in list(self._outboxes.items()):
            if now - box.touched > OUTBOX_IDLE_SECONDS:
                del self._outboxes[key]
        while len(self._outboxes) >= MAX_OUTBOXES:  # still full: the quietest go first
            del self._outboxes[min(self._outboxes, key=lambda k: self._outboxes[k].touched)]

    # -- limits and origins ---------------------------------------------------------------------

    def address(self, request: web.Request) -> str:
        if self.settings.web_trust_proxy:
            forwarded = request.headers.get("X-Forwarded-For", "")
            if forwarded:
                return forwarded.split(",")[-1].strip()
        return request.remote or "?"

    def within_limits(self, request: web.Request, session: str, incoming: Incoming) -> bool:
        """Per-session and per-address limits; a message the safety screen finds urgent always
        passes, so a flood (hers or a neighbour's on the same address) never silences danger."""
        session_ok = self._per_session.hit(session)
        address_ok = self._per_address.hit(self.address(request))
        if session_ok and address_ok:
            return True
        text = incoming.text[: self.settings.max_message_chars]
        return incoming.kind == "text" and safety.screen(text).is_urgent

    def origin_allowed(self, request: web.Request, *, required: bool = False) -> bool:
        """Same origin as the page, or a partner site in WEB_ALLOWED_ORIGINS. Requests without
        a named origin (a partner's server, curl, a form post) pass unless one is required
        (the WebSocket, which carries a counsellor's words)."""
        origin = request.headers.get("Origin")
        if origin is None or origin == "null":
            # "null": the page's own form posts under Referrer-Policy no-referrer. Posts carry
            # no cookie or other ambient right, so a post without a named origin can do
            # nothing another client could not; a named foreign origin is still refused.
            return not required
        if origin.rstrip("/") in self.settings.web_allowed_origins:
            return True
        return urlsplit(origin).netloc == request.host

    # -- the routes -----------------------------------------------------------------------------

    def application(self) -> web.Application:
        application = web.Application(client_max_size=MAX_BODY_BYTES, middlewares=[self._errors])
        application.on_response_prepare.append(_security_headers)  # type: ignore[arg-type]
        application.router.add_get("/", self.on_page)
        application.router.add_post("/chat", self.on_form)
        application.router.add_post("/api/message", self.on_message)
        application.router.add_route("OPTIONS", "/api/message", self.on_preflight)
        application.router.add_get("/api/events", self.on_poll)
        application.router.add_get("/ws", self.on_socket)
        application.router.add_get("/healthz", self.on_health)
        application.router.add_get("/static/{name}", self.on_static)
        return application

    @web.middleware
    async def _errors(self, request: web.Request, handler: Any) -> web.StreamResponse:
        started = time.perf_counter()
        try:
            response = await handler(request)
        except web.HTTPException as error:
            response = error
        except Exception as error:  # log the type only, never the request; give the numbers
            log.error("web error type=%s", type(error).__name__)
            reply = self.app.responses.render("error", self.settings.default_locale)
            response = _json({"replies": [reply_json(reply)]}, status=500)
        route = request.match_info.route.resource
        log.debug(
            "web request method=%s route=%s status=%s ms=%.1f",
            request.method,
            route.canonical if route is not None else "?",
            response.status,
            (time.perf_counter() - started) * 1000,
        )
        if isinstance(response, web.HTTPException):
            raise response
        return response

    async def on_health(self, request: web.Request) -> web.Response:
        """For a load balancer or a process manager: up, and whether the model is loaded."""
        nlu = self.app.nlu
        state = "none" if nlu is None else "ready" if nlu.ready else "loading"
        return _json({"ok": True, "nlu": state})

    async def on_static(self, request: web.Request) -> web.Response:
        found = page.static(request.match_info["name"])
        if found is None:
            raise web.HTTPNotFound()
        body, content_type = found
        return web.Response(body=body, content_type=content_type, charset="utf-8")

    async def on_page(self, request: web.Request) -> web.Response:
        lang = page.lang_of(request.query.get("lang"), self.settings.default_locale)
        html = page.render(
            self.app.responses,
            lang=lang,
            session=new_session(),
            exit_url=self.settings.quick_exit_url,
            replies=[reply_json(self.app.responses.render("ask_safe", lang))],
        )
        return web.Response(text=html, content_type="text/html", charset="utf-8")

    async def on_form(self, request: web.Request) -> web.Response:
        """The page without JavaScript: a plain form post answered with the whole page."""
        if not self.origin_allowed(request):
            raise web.HTTPForbidden()
        form = await request.post()
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        lang = page.lang_of(fields.get("lang"), self.settings.default_locale)
        session = fields.get("session", "")
        if not SESSION_RE.match(session):
            session = new_session()
        data: dict[str, Any] = {"lang": lang}
        if fields.get("action"):
            data["action"] = fields["action"]
        else:
            data["text"] = fields.get("text", "")
        mine = None if "action" in data else data["text"].strip()
        try:
            incoming = incoming_from(data)
        except BadRequest:
            raise web.HTTPFound(f"/?lang={lang}") from None
        if not self.within_limits(request, session, incoming):
            result = self._slow_down(session, lang)
        else:
            result = await self.turn(session, incoming)
        after = int(fields["after"]) if fields.get("after", "").isdigit() else 0
        outbox = self._outboxes.get(session)
        waiting = outbox.after(after) if outbox is not None else []
        replies = [r for event in waiting for r in event["replies"]] + result["replies"]
        html = page.render(
            self.app.responses,
            lang=lang,
            session=session,
            exit_url=self.settings.quick_exit_url,
            replies=replies,
            mine=None if result["wipe"] else mine,
            after=outbox.seq if outbox is not None else 0,
        )
        return web.Response(text=html, content_type="text/html", charset="utf-8")

    async def on_message(self, request: web.Request) -> web.Response:
        """POST /api/message {"session", "text" | "action" | "location"} -> {"replies": [...]}"""
        if not self.origin_allowed(request):
            raise web.HTTPForbidden()
        try:
            data = json.loads(await request.text())  # sendBeacon posts JSON as text/plain
        except ValueError:
            return self._bad(request, "the body must be JSON")
        if not isinstance(data, dict):
            return self._bad(request, "the body must be a JSON object")
        session = data.get("session")
        if session is None:
            session = new_session()
        if not isinstance(session, str) or not SESSION_RE.match(session):
            return self._bad(request, "session must be 1-64 letters, digits, - or _")
        try:
            incoming = incoming_from(data)
        except BadRequest as error:
            return self._bad(request, str(error))
        if not self.within_limits(request, session, incoming):
            locale = incoming.client_language or self.settings.default_locale
            return self._cors(request, _json(self._slow_down(session, locale), status=429))
        result = await self.turn(session, incoming)
        return self._cors(request, _json(result))

    def _slow_down(self, session: str, locale: str) -> dict[str, Any]:
        reply = self.app.responses.render("flood", locale)  # carries 113 and 1900 969 680
        return {
            "session": session,
            "replies": [reply_json(reply)],
            "wipe": False,
            "live": False,
            "seq": 0,
        }

    def _bad(self, request: web.Request, reason: str) -> web.Response:
        return self._cors(request, _json({"error": reason}, status=400))

    def _cors(self, request: web.Request, response: web.Response) -> web.Response:
        origin = request.headers.get("Origin", "").rstrip("/")
        if origin in self.settings.web_allowed_origins:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Vary"] = "Origin"
        return response

    async def on_preflight(self, request: web.Request) -> web.Response:
        origin = request.headers.get("Origin", "").rstrip("/")
        if origin not in self.settings.web_allowed_origins:
            raise web.HTTPForbidden()
        response = web.Response(status=204)
        response.headers.update(
            {
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Methods": "POST",
                "Access-Control-Allow-Headers": "Content-Type",
                "Access-Control-Max-Age": "600",
                "Vary": "Origin",
            }
        )
        return response

    def _session_of(self, request: web.Request) -> tuple[str, int]:
        """The session and the last event seen, for a poll or a socket; both count against
        the address's limit, as a page holds at most one of them at a time."""
        if not self._per_address.hit(self.address(request)):
            raise web.HTTPTooManyRequests()
        session = request.query.get("session", "")
        if not SESSION_RE.match(session):
            raise web.HTTPBadRequest(text="session must be 1-64 letters, digits, - or _")
        after = request.query.get("after", "0")
        return session, int(after) if after.isdigit() else 0

    async def on_poll(self, request: web.Request) -> web.Response:
        """GET /api/events?session=...&after=N: the fallback when a WebSocket cannot open."""
        if not self.origin_allowed(request):
            raise web.HTTPForbidden()
        session, after = self._session_of(request)
        events = await self._outbox(session).wait(after, POLL_SECONDS)
        return self._cors(request, _json({"events": events}))

    async def on_socket(self, request: web.Request) -> web.StreamResponse:
        """GET /ws?session=...&after=N: counsellors' messages pushed as they come."""
        if not self.origin_allowed(request, required=True):
            raise web.HTTPForbidden()
        session, after = self._session_of(request)
        socket = web.WebSocketResponse(heartbeat=30, max_msg_size=1024)
        await socket.prepare(request)
        outbox = self._outbox(session)
        reader = asyncio.create_task(_drain(socket))
        try:
            while not socket.closed and not reader.done():
                waiting = asyncio.create_task(outbox.wait(after, SOCKET_WAKE_SECONDS))
                await asyncio.wait({waiting, reader}, return_when=asyncio.FIRST_COMPLETED)
                if not waiting.done():
                    waiting.cancel()
                    break
                for event in waiting.result():
                    await socket.send_json(event)
                    after = event["seq"]
                outbox = self._outbox(session)  # a /wipe in between starts a new one
        except (ConnectionResetError, RuntimeError):
            pass
        finally:
            reader.cancel()
            await socket.close()
        return socket


def _json(data: Any, status: int = 200) -> web.Response:
    """JSON with Vietnamese as itself, not as \\u escapes: smaller, and readable with curl."""
    return web.json_response(
        data, status=status, dumps=lambda d: json.dumps(d, ensure_ascii=False)
    )


async def _drain(socket: web.WebSocketResponse) -> None:
    """Read (and ignore) what the page sends, so a close is noticed at once."""
    async for message in socket:
        if message.type in (WSMsgType.ERROR, WSMsgType.CLOSE):
            break


async def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.pop("Server", None)
