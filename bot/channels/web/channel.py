"""The web adapter: each request's message is one turn of the same Engine as Telegram's, and
what a counsellor sends her waits in her outbox until her page takes it.

The session id lives only in the browser tab (sessionStorage) and is hashed into the chat key
like a Telegram chat id.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bot.app import App
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

from .limits import Limits
from .outbox import Outboxes
from .replies import answer, reply_json

log = logging.getLogger("antam.web")

WEB_PREFIX = "web:"  # a web case's address is "web:<session>", sealed like a Telegram chat id

Deliver = Callable[[Any, App, str, Reply, str], Awaitable[None]]


class WebChannel:
    """The web adapter: turns requests into engine turns and carries counsellors' messages."""

    def __init__(self, app: App, settings: Settings, *, desk: Any = None) -> None:
        self.app = app
        self.settings = settings
        self.desk = desk
        self.outboxes = Outboxes()
        self.limits = Limits(settings)
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

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
        self.outboxes.open(session).push({"replies": [reply_json(reply)]})
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
                    self.outboxes.drop(session)
                for action in actions:
                    await self._operators(action)
        finally:
            lock, users = self._locks[session]
            if users <= 1:
                del self._locks[session]
            else:
                self._locks[session] = (lock, users - 1)
        live = self.app.cases.open_for(chat.key) is not None
        outbox = self.outboxes.get(session)
        return answer(
            session,
            [a for a in actions if isinstance(a, Reply)],
            wipe=wipe,
            live=live,
            seq=outbox.seq if outbox is not None else 0,
        )

    def slow_down(self, session: str, locale: str) -> dict[str, Any]:
        """The answer when she is over a limit: no turn, and the numbers to call."""
        return answer(session, [self.app.responses.render("flood", locale)])  # 113, 1900 969 680

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
