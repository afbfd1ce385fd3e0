"""The operators' callbacks: Claim and Close buttons, /end, and their replies to her.

Only OPERATOR_USER_IDS may act, and only on a case of the chat they act in: a test case in the
test chat, a real case in the real one. The handler table (handlers.py) registers these first.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.channels.telegram.operators.desk import Desk
from bot.core.actions import CASE_BUTTON  # the core builds "claim:12"; matched by its pattern

log = logging.getLogger("antam.operators")


async def on_operator_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Claim or Close pressed under a card: only a listed operator, only in the case's own chat."""
    desk: Desk = context.bot_data["desk"]
    query = update.callback_query
    assert query is not None
    match = CASE_BUTTON.match(query.data or "")
    chat = query.message.chat if query.message is not None else None
    in_group = chat is not None and chat.id in desk.chat_ids()
    if chat is not None and chat.type == "private":
        # A case button in her own chat (forged, or forwarded): it is not hers to press.
        await _answer(query)
        app = desk.app
        locale = app.responses.locale(query.from_user.language_code)
        await desk.send_user(
            desk.bot, app, str(chat.id), app.responses.render("menu", locale), locale
        )
        return
    if not match or not in_group or not desk.is_operator(query.from_user.id):
        await _answer(query, _not_allowed(desk), show_alert=True)
        return
    verb, case_id = match.group(1), int(match.group(2))
    if not desk.case_of_chat(case_id, chat.id):  # type: ignore[union-attr]
        await _answer(query, _not_allowed(desk), show_alert=True)
        return
    # The claim is recorded (and she is told) first; the answer to the button is a courtesy
    # that Telegram may fail (500, 502, a time-out) without losing the claim.
    if verb == "claim":
        await desk.claim(case_id, query.from_user.id, query.from_user.first_name)
    else:
        await desk.close(case_id)
    await _answer(query)


def _not_allowed(desk: Desk) -> str:
    return desk.app.responses.render("operator_not_allowed", desk.settings.default_locale).text


async def _answer(query: Any, text: str | None = None, *, show_alert: bool = False) -> None:
    """answerCallbackQuery, best effort: it only stops the spinner on the button."""
    try:
        await query.answer(text, show_alert=show_alert)
    except TelegramError as error:
        log.warning("answerCallbackQuery failed type=%s", type(error).__name__)


async def on_operator_end(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/end 12, or /end in reply to a card or a relay: an operator closes the case."""
    desk: Desk = context.bot_data["desk"]
    user = update.effective_user
    message = update.effective_message
    if message is None or not desk.is_operator(user.id if user else None):
        return
    args = context.args or []
    case_id = int(args[0].lstrip("#")) if args and args[0].lstrip("#").isdigit() else None
    if case_id is None and message.reply_to_message is not None:
        case_id = desk.case_replied_to(message.chat_id, message.reply_to_message.message_id)
    # "/end 12" typed in the test chat must never close real case 12, nor the reverse.
    if case_id is not None and desk.case_of_chat(case_id, message.chat_id):
        await desk.close(case_id)


async def on_operator_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An operator's reply to a relayed message or to a card: their words go to her."""
    desk: Desk = context.bot_data["desk"]
    user = update.effective_user
    message = update.effective_message
    if message is None or message.reply_to_message is None or not message.text:
        return
    if not desk.is_operator(user.id if user else None):
        return  # only the listed operators speak to her
    case_id = desk.case_replied_to(message.chat_id, message.reply_to_message.message_id)
    if case_id is None:
        return
    await desk.reply_to_user(case_id, message.text)


async def on_operator_chatter(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The operators' own talk in their group: matched so that no other handler reads it."""
    return None
