"""One turn: her update becomes an engine turn, and the turn's actions are carried out.

Nothing here decides what to say (bot/core/engine.py does): her replies are sent in order, and
the operators' side (cards, relays, notices) goes to the desk after them.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot.app import App
from bot.channels.telegram.chats import chat_for
from bot.channels.telegram.intake import current_progress
from bot.channels.telegram.operators.desk import Desk
from bot.channels.telegram.sending import delete_messages, send_reply
from bot.core.engine import Chat
from bot.core.events import (
    DeleteMessages,
    Incoming,
    OperatorCard,
    OperatorNotice,
    Outgoing,
    RelayToOperator,
    Reply,
    Turn,
)
from bot.responses.content.channel import LOCATION_LABEL

log = logging.getLogger("antam.telegram")


async def run_turn(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    incoming: Incoming,
    extra: Sequence[Outgoing] = (),
) -> None:
    """Ask the engine for her turn and carry out its actions; a broken button gets the menu."""
    app: App = context.bot_data["app"]
    desk: Desk = context.bot_data["desk"]
    tg_chat = update.effective_chat
    user = update.effective_user
    if tg_chat is None:
        return
    chat = chat_for(app.settings, tg_chat.id, user.id if user else None)
    ended = _end_stale_test_mode(app, chat)
    try:
        turn = await app.engine.handle(chat, incoming)
    except Exception as error:
        if incoming.kind != "button":
            raise
        # A forged or stale button (an action no page has any more): the menu, not a crash.
        log.warning("button could not be handled type=%s", type(error).__name__)
        locale = app.responses.locale(incoming.client_language)
        turn = Turn((app.responses.render("menu", locale),))
    await perform(context.bot, app, desk, chat, (*ended, *turn.actions, *extra))


def _end_stale_test_mode(app: App, chat: Chat) -> list[Outgoing]:
    """Test mode ends when she is no longer a tester (removed from TESTER_USER_IDS).

    Otherwise a former tester who writes in real danger would get a TEST reply and a card in
    the test chat only; her open test case is closed so that test and real never meet.
    """
    if chat.is_tester:
        return []
    session = app.engine.sessions.load(chat.key)
    if session.test_mode:
        app.engine.sessions.save(session.with_(test_mode=False))
        log.info("test mode ended: not a tester any more chat=%s", chat.key)
    case = app.cases.open_for(chat.key)
    if case is None or not case.test:
        return []
    app.cases.close(case.id, "tester_removed")
    return [OperatorNotice(case.id, "operator_closed", True)]


async def perform(bot: Any, app: App, desk: Desk, chat: Chat, actions: Sequence[Outgoing]) -> None:
    """Carry out a turn's actions: her replies now, in order; the operators' side after.

    Inside a crash-safe update (intake.Progress) each finished action is counted, so
    a redelivered update does not send her the same words twice, and the operators' side
    waits until this chat's concurrency slot is free again.
    """
    chat_id = int(chat.address)
    progress = current_progress()
    for action in actions:
        if isinstance(action, (OperatorCard, RelayToOperator, OperatorNotice)):
            if progress is not None and not progress.operators_turn():
                continue  # done before a crash, when Telegram first delivered this update
            work = _operator_work(desk, action)
            if progress is not None:
                progress.later.append(work)
            else:
                await work()
            continue
        if isinstance(action, Reply):  # counted message by message (sending.send_reply)
            label = _location_label(app, chat) if action.request_location else LOCATION_LABEL
            sent = await send_reply(bot, chat_id, action, location_label=label, count=progress)
            app.engine.remember_sent(chat, sent)
        elif isinstance(action, DeleteMessages):
            if progress is not None and not progress.user_turn():
                continue  # done before a crash
            await delete_messages(bot, chat_id, action.message_ids)
            if progress is not None:
                progress.user_sent()


def _operator_work(
    desk: Desk, action: OperatorCard | RelayToOperator | OperatorNotice
) -> Callable[[], Awaitable[None]]:
    async def work() -> None:
        if isinstance(action, OperatorCard):
            await desk.page(action)
        elif isinstance(action, RelayToOperator):
            await desk.relay(action)
        else:
            await desk.notice(action)

    return work


def _location_label(app: App, chat: Chat) -> str:
    locale = app.engine.sessions.load(chat.key).locale or app.settings.default_locale
    return app.responses.gettext(locale, LOCATION_LABEL)
