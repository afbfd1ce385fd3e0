"""Sending to Telegram: buttons, long texts cut to size, deletions, and retries through errors.

Shared by her side (turns.py, chats.py) and the operators' side (operators/), so a button or a
retry behaves the same wherever it is sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.core.events import Reply
from bot.responses.content.channel import LOCATION_LABEL

log = logging.getLogger("antam.telegram")

MAX_TEXT = 4096  # Telegram's limit for one message
MAX_CALLBACK_BYTES = 64  # Telegram's limit for callback_data
DELETE_BATCH = 100  # deleteMessages takes at most 100 ids
SEND_ATTEMPTS = 5  # 5xx and network errors: tried this often, with back-off
BACKOFF_SECONDS = 0.5  # 0.5, 1, 2, 4 s between the attempts
# Telegram's retry_after means "send later", not "give up": an urgent reply keeps waiting at
# least a minute (two, here) before anything else is tried. The rate limiter retries first.
RETRY_AFTER_BUDGET_SECONDS = 120.0


# -- what a message looks like ------------------------------------------------------------------


def inline_markup(reply: Reply) -> InlineKeyboardMarkup | None:
    """The reply's buttons under the message; None if it has none."""
    rows = []
    for row in reply.buttons:
        buttons = []
        for button in row:
            if len(button.action.encode()) > MAX_CALLBACK_BYTES:  # Telegram would refuse it
                log.warning("button action over %s bytes dropped", MAX_CALLBACK_BYTES)
                continue
            buttons.append(InlineKeyboardButton(button.label, callback_data=button.action))
        if buttons:
            rows.append(buttons)
    return InlineKeyboardMarkup(rows) if rows else None


def location_keyboard(label: str) -> ReplyKeyboardMarkup:
    """One button that asks Telegram to share her location, once."""
    return ReplyKeyboardMarkup(
        [[KeyboardButton(label, request_location=True)]],
        one_time_keyboard=True,
        resize_keyboard=True,
    )


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Cut a long message into pieces Telegram accepts, at paragraph or line breaks if any."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = max(text.rfind("\n\n", 0, limit), text.rfind("\n", 0, limit))
        cut = cut if cut > 0 else limit
        pieces.append(text[:cut])
        text = text[cut:].lstrip("\n")
    pieces.append(text)
    return [p for p in pieces if p] or [" "]


# -- sending and deleting -------------------------------------------------------------------------


class SentCount(Protocol):
    """A crash-safe update's count of the messages she was sent (intake.Progress)."""

    def user_turn(self) -> bool: ...  # False: this message went out before a crash

    def user_sent(self) -> None: ...


async def send_reply(
    bot: Any,
    chat_id: int,
    reply: Reply,
    *,
    location_label: str = LOCATION_LABEL,
    count: SentCount | None = None,
) -> list[int]:
    """Send one Reply (its buttons on the last piece); return the ids of what was sent.

    With a count, each Bot API message is counted as it goes out, not the Reply as a whole:
    a reply cut into pieces, or followed by its location button, that a crash interrupts
    half-way is finished after the restart without sending her the first half again.
    """
    inline = inline_markup(reply)
    markup: Any = inline
    if markup is None and reply.request_location:
        markup = location_keyboard(location_label)
    elif markup is None and reply.remove_keyboard:
        markup = ReplyKeyboardRemove()
    pieces = split_text(reply.text)
    sent: list[int] = []
    messages = [
        (piece, markup if i == len(pieces) - 1 else None) for i, piece in enumerate(pieces)
    ]
    if inline is not None and reply.request_location:
        # One message carries one keyboard: the location button comes as a short second one.
        messages.append(("📍", location_keyboard(location_label)))
    for text, keyboard in messages:
        if count is not None and not count.user_turn():
            continue  # she was sent this piece before a crash
        message = await send_text(bot, chat_id, text, keyboard)
        if count is not None:
            count.user_sent()  # first: the shorter this gap, the rarer a duplicate
        sent.append(message.message_id)
    return sent


async def send_text(bot: Any, chat_id: int, text: str, markup: Any = None) -> Message:
    """sendMessage to her, through Telegram's errors (see deliver)."""
    return await deliver(lambda: bot.send_message(chat_id, text, reply_markup=markup))


async def delete_messages(bot: Any, chat_id: int, message_ids: Sequence[int]) -> None:
    """Delete what can be deleted; Telegram refuses messages older than 48 hours."""
    ids = list(message_ids)
    for start in range(0, len(ids), DELETE_BATCH):
        batch = ids[start : start + DELETE_BATCH]
        try:
            await bot.delete_messages(chat_id, batch)
            continue
        except TelegramError as error:
            log.warning("deleteMessages failed type=%s: one by one", type(error).__name__)
        for message_id in batch:
            try:
                await bot.delete_message(chat_id, message_id)
            except BadRequest:  # "message can't be deleted" / "not found": nothing to do
                pass
            except TelegramError as error:
                log.warning("deleteMessage failed type=%s", type(error).__name__)


# -- through Telegram's errors --------------------------------------------------------------------


async def deliver(
    call: Callable[[], Awaitable[Any]],
    *,
    attempts: int = SEND_ATTEMPTS,
    wait_budget: float = RETRY_AFTER_BUDGET_SECONDS,
) -> Any:
    """Make one Bot API call, retrying what Telegram means as "not now".

    5xx answers and network errors (timeouts included) are retried with back-off. A 429's
    retry_after means "send later", never "give up": it is honoured for wait_budget seconds
    in all (the rate limiter already retried a few), so an urgent reply is delayed, never
    replaced. A 400 or 403 is final.
    """
    waited = 0.0
    failures = 0
    while True:
        try:
            return await call()
        except (BadRequest, Forbidden):
            raise
        except RetryAfter as error:
            pause = _seconds(error.retry_after) + 0.1
            if waited + pause > wait_budget:
                raise
            log.warning("send: Telegram asks to wait seconds=%.0f", pause)
            waited += pause
            await asyncio.sleep(pause)
        except NetworkError as error:  # PTB maps 5xx answers and time-outs to NetworkError
            failures += 1
            if failures >= attempts:
                raise
            log.warning("send failed type=%s attempt=%s", type(error).__name__, failures)
            await asyncio.sleep(BACKOFF_SECONDS * 2 ** (failures - 1))


def _seconds(value: Any) -> float:
    return float(value.total_seconds()) if hasattr(value, "total_seconds") else float(value)
