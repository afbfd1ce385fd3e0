"""The web chat's HTTP side: one page, a JSON API, a WebSocket and a polling fallback.

One handler per route, named for it (`on_<route>`), all registered in `application()`. The
turns themselves, the limits, the outboxes and the JSON shapes live in their own modules.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

from aiohttp import WSMsgType, web

from . import page
from .browser import cors, origin_allowed, preflight, security_headers
from .channel import WebChannel
from .incoming import SESSION_RULE, BadRequest, incoming_from, new_session, valid_session
from .limits import MAX_BODY_BYTES
from .replies import json_response, reply_json

log = logging.getLogger("antam.web")

POLL_SECONDS = 25.0
SOCKET_WAKE_SECONDS = 20.0


def application(channel: WebChannel) -> web.Application:
    """The aiohttp application serving channel (run.py starts and stops it)."""
    return Routes(channel).application()


class Routes:
    """The route handlers of one web chat; they read requests and hand turns to the channel."""

    def __init__(self, channel: WebChannel) -> None:
        self.channel = channel
        self.app = channel.app
        self.settings = channel.settings

    def application(self) -> web.Application:
        application = web.Application(client_max_size=MAX_BODY_BYTES, middlewares=[self._errors])
        application.on_response_prepare.append(security_headers)  # type: ignore[arg-type]
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
            response = json_response({"replies": [reply_json(reply)]}, status=500)
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

    def _allowed(self, request: web.Request, *, required: bool = False) -> bool:
        return origin_allowed(request, self.settings.web_allowed_origins, required=required)

    def _cors(self, request: web.Request, response: web.Response) -> web.Response:
        return cors(request, response, self.settings.web_allowed_origins)

    async def on_health(self, request: web.Request) -> web.Response:
        """For a load balancer or a process manager: up, and whether the model is loaded."""
        nlu = self.app.nlu
        state = "none" if nlu is None else "ready" if nlu.ready else "loading"
        return json_response({"ok": True, "nlu": state})

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
        if not self._allowed(request):
            raise web.HTTPForbidden()
        form = await request.post()
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        lang = page.lang_of(fields.get("lang"), self.settings.default_locale)
        session = fields.get("session", "")
        if not valid_session(session):
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
        if not self.channel.limits.message_allowed(request, session, incoming):
            result = self.channel.slow_down(session, lang)
        else:
            result = await self.channel.turn(session, incoming)
        after = int(fields["after"]) if fields.get("after", "").isdigit() else 0
        outbox = self.channel.outboxes.get(session)
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
        if not self._allowed(request):
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
        if not valid_session(session):
            return self._bad(request, SESSION_RULE)
        try:
            incoming = incoming_from(data)
        except BadRequest as error:
            return self._bad(request, str(error))
        if not self.channel.limits.message_allowed(request, session, incoming):
            locale = incoming.client_language or self.settings.default_locale
            slowed = self.channel.slow_down(session, locale)
            return self._cors(request, json_response(slowed, status=429))
        result = await self.channel.turn(session, incoming)
        return self._cors(request, json_response(result))

    def _bad(self, request: web.Request, reason: str) -> web.Response:
        return self._cors(request, json_response({"error": reason}, status=400))

    async def on_preflight(self, request: web.Request) -> web.Response:
        return preflight(request, self.settings.web_allowed_origins)

    def _session_of(self, request: web.Request) -> tuple[str, int]:
        """The session and the last event seen, for a poll or a socket."""
        if not self.channel.limits.listen_allowed(request):
            raise web.HTTPTooManyRequests()
        session = request.query.get("session", "")
        if not valid_session(session):
            raise web.HTTPBadRequest(text=SESSION_RULE)
        after = request.query.get("after", "0")
        return session, int(after) if after.isdigit() else 0

    async def on_poll(self, request: web.Request) -> web.Response:
        """GET /api/events?session=...&after=N: the fallback when a WebSocket cannot open."""
        if not self._allowed(request):
            raise web.HTTPForbidden()
        session, after = self._session_of(request)
        events = await self.channel.outboxes.open(session).wait(after, POLL_SECONDS)
        return self._cors(request, json_response({"events": events}))

    async def on_socket(self, request: web.Request) -> web.StreamResponse:
        """GET /ws?session=...&after=N: counsellors' messages pushed as they come."""
        if not self._allowed(request, required=True):
            raise web.HTTPForbidden()
        session, after = self._session_of(request)
        socket = web.WebSocketResponse(heartbeat=30, max_msg_size=1024)
        await socket.prepare(request)
        outbox = self.channel.outboxes.open(session)
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
                outbox = self.channel.outboxes.open(session)  # a /wipe in between starts a new one
        except (ConnectionResetError, RuntimeError):
            pass
        finally:
            reader.cancel()
            await socket.close()
        return socket


async def _drain(socket: web.WebSocketResponse) -> None:
    """Read (and ignore) what the page sends, so a close is noticed at once."""
    async for message in socket:
        if message.type in (WSMsgType.ERROR, WSMsgType.CLOSE):
            break
