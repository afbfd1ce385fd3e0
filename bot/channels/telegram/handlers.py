"""The handler table, in the order python-telegram-bot runs it, and her callbacks.

Every update goes through one table (handler_table): the operators' group first, then any other
group, then her private chat. Each callback turns one kind of update into an Incoming and runs a
turn (turns.py); the operators' callbacks live in operators/callbacks.py.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.app import App
from bot.channels.telegram.operators.callbacks import (
    CASE_BUTTON,
    on_operator_button,
    on_operator_chatter,
    on_operator_end,
    on_operator_reply,
)
from bot.channels.telegram.operators.desk import Desk
from bot.channels.telegram.sending import send_reply
from bot.channels.telegram.turns import run_turn
from bot.core.events import Incoming

log = logging.getLogger("antam.telegram")

COMMANDS = ("start", "menu", "help", "language", "privacy", "wipe", "end", "testmode")
# Media we never download: each gets the same short "I can only read text" reply.
UNSUPPORTED_KINDS = (
    "voice",
    "photo",
    "sticker",
    "animation",  # before document: a GIF message carries a document too
    "document",
    "video",
    "audio",
    "video_note",
)
UNSUPPORTED = (
    filters.VOICE
    | filters.PHOTO
    | filters.Sticker.ALL
    | filters.Document.ALL
    | filters.VIDEO
    | filters.AUDIO
    | filters.ANIMATION
    | filters.VIDEO_NOTE
)


def handler_table(desk: Desk) -> list[tuple[int, list[Any]]]:
    """Every handler, in one table, in the order PTB tries them.

    There is one group (0): within it PTB runs only the first handler whose filter matches, so
    order matters: the operators' group comes first, so that nothing said there reaches her
    paths, and her catch-alls come last.
    """
    private = filters.ChatType.PRIVATE
    new = filters.UpdateType.MESSAGE
    edited = filters.UpdateType.EDITED_MESSAGE
    operators = desk.chat_filter()  # the real and the test operators' chats, if configured
    return [
        (
            0,
            [
                # -- the operators' group (operators/callbacks.py) ----------------------------
                # 1. Claim / Close under a card: matched by pattern wherever it is pressed (a
                #    case button in her own chat is refused there, not run as her button).
                CallbackQueryHandler(on_operator_button, pattern=CASE_BUTTON),
                # 2. "/end 12" closes case 12.
                CommandHandler("end", on_operator_end, filters=operators),
                # 3. A reply to a relayed message or to a card goes to her.
                MessageHandler(
                    operators & filters.REPLY & filters.TEXT & ~filters.COMMAND, on_operator_reply
                ),
                # 4. Anything else said there is the operators' own talk: ignored, never read.
                MessageHandler(operators, on_operator_chatter),
                # -- any other group ----------------------------------------------------------
                # 5. Decline and point to a private chat. No turn, no storage.
                MessageHandler(filters.ChatType.GROUPS & ~operators, on_group_message),
                # -- her private chat ---------------------------------------------------------
                # 6. Her commands (never sent to the NLU)...
                CommandHandler(COMMANDS, on_command, filters=private & new),
                #    ...and any other /command: the engine answers unknown ones with help.
                MessageHandler(private & new & filters.COMMAND, on_command),
                # 7. Her typed messages; an edited message is read like a new one.
                MessageHandler(private & new & filters.TEXT & ~filters.COMMAND, on_text),
                MessageHandler(private & edited & filters.TEXT & ~filters.COMMAND, on_edited_text),
                # 8. Her button presses (case buttons were matched by pattern in 1).
                CallbackQueryHandler(on_button),
                # 9. The words under a photo or file she sends.
                MessageHandler(private & (new | edited) & filters.CAPTION, on_caption),
                # 10. A shared location, used once for a search.
                MessageHandler(private & new & filters.LOCATION, on_location),
                # 11. Voice, photos, stickers...: a short reply, never downloaded.
                MessageHandler(private & new & UNSUPPORTED, on_unsupported),
                # 12. Anything else she sends (contact, poll, dice...) gets the same reply.
                MessageHandler(private & new & ~filters.TEXT, on_unsupported),
            ],
        )
    ]


# -- her callbacks ------------------------------------------------------------------------------


async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A /command of hers: the known ones, and any other (the engine answers it with help)."""
    message = update.effective_message
    assert message is not None and message.text
    words = message.text.split()
    name, _, addressee = words[0][1:].partition("@")  # "/start@antam_bot" -> "start"
    if addressee and addressee.lower() != (context.bot.username or "").lower():
        return  # "/start@otherbot": a command for another bot is not ours to answer
    name = name.lower()
    incoming = Incoming(kind="command", text=name, args=tuple(words[1:]), **_meta(update))
    await run_turn(update, context, incoming)


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A message she typed."""
    message = update.effective_message
    assert message is not None
    await run_turn(
        update, context, Incoming(kind="text", text=message.text or "", **_meta(update))
    )


async def on_caption(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A photo or file with words under it: the words are read like a typed message (the
    safety screen first), so "he's beating me, help" under a photo gets the emergency reply.
    The file itself is never fetched."""
    message = update.effective_message
    assert message is not None
    text = message.caption or ""
    await run_turn(update, context, Incoming(kind="text", text=text, **_meta(update)))


async def on_edited_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """She corrected a message: the new words are read as a new message (the old reply
    stays)."""
    await on_text(update, context)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button she pressed under one of our messages."""
    query = update.callback_query
    assert query is not None
    try:
        await query.answer()  # always, or her Telegram shows a spinner on the button
    except TelegramError as error:
        log.warning("answerCallbackQuery failed: %s", type(error).__name__)
    if update.effective_chat is None or update.effective_chat.type != "private":
        return  # a stray button in a group: no turn runs outside a private chat
    incoming = Incoming(
        kind="button",
        text=query.data or "",
        client_language=query.from_user.language_code if query.from_user else None,
    )
    await run_turn(update, context, incoming)


async def on_location(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A location she shared: used once, for a search near it."""
    message = update.effective_message
    assert message is not None and message.location is not None
    point = (message.location.latitude, message.location.longitude)
    incoming = Incoming(kind="location", location=point, **_meta(update))
    await run_turn(update, context, incoming)  # outside Viet Nam: the core says what helps


async def on_unsupported(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Voice, a photo, a sticker...: a short "I can only read text" reply."""
    message = update.effective_message
    assert message is not None
    # Only the kind is read; the file itself is never fetched (no getFile).
    kind = next((k for k in UNSUPPORTED_KINDS if getattr(message, k, None)), "other")
    await run_turn(update, context, Incoming(kind="unsupported", text=kind, **_meta(update)))


async def on_group_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In a group she could be seen: say so once per group and run no turn at all."""
    chat = update.effective_chat
    assert chat is not None
    declined: set[int] = context.bot_data.setdefault("declined_groups", set())
    if chat.id in declined:
        return
    declined.add(chat.id)
    app: App = context.bot_data["app"]
    user = update.effective_user
    locale = app.responses.locale(user.language_code if user else None)
    await send_reply(context.bot, chat.id, app.responses.render("group_decline", locale))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the type and frames of an error (never its message) and give her the numbers."""
    error = context.error
    frames = (
        " < ".join(
            f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}:{f.name}"
            for f in reversed(traceback.extract_tb(error.__traceback__))
        )
        if error is not None
        else ""
    )
    log.error("error type=%s frames=%s", type(error).__name__, frames)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != "private":
        return
    app: App = context.bot_data["app"]
    user = update.effective_user
    locale = app.responses.locale(user.language_code if user else None)
    try:
        reply = app.responses.render("error", locale)
        await send_reply(context.bot, update.effective_chat.id, reply)
    except TelegramError as send_error:
        log.error("error reply failed type=%s", type(send_error).__name__)


def _meta(update: Update) -> dict[str, Any]:
    message = update.effective_message
    user = update.effective_user
    return {
        "message_id": message.message_id if message else None,
        "client_language": user.language_code if user else None,
    }
