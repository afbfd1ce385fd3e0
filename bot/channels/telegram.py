"""The Telegram channel: python-telegram-bot callbacks that turn updates into engine turns.

Each callback builds a Chat (a keyed hash for storage, the raw id only in memory) and an
Incoming, asks the engine for a Turn, and performs its actions. Nothing here decides what to
say; the operators' group side lives in telegram_operators.py.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
import traceback
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlparse

from telegram import (
    BotCommand,
    BotCommandScopeDefault,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseRateLimiter,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.app import App
from bot.channels.telegram_delivery import deliver
from bot.channels.telegram_intake import (
    PROGRESS,
    Intake,
    Progress,
    SafeUpdater,
    UpdateLedger,
    current_progress,
)
from bot.channels.telegram_operators import Desk, operator_handlers
from bot.core import safety
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
from bot.privacy import QUIET_LOGGERS, chat_key, configure_logging
from bot.responses.content.channel import COMMAND_DESCRIPTIONS, LOCATION_LABEL
from bot.settings import ConfigError, Settings

log = logging.getLogger("antam.telegram")

# Until it moves into responses/ (its owner's catalogs), the channel says this itself.
# SOURCE: songv.langson.gov.vn/node/21226 (embassies protect citizens abroad), as in
# responses/content/followups.py; 1900 numbers can only be called from Viet Nam.

COMMANDS = ("start", "menu", "help", "language", "privacy", "wipe", "end", "testmode")
MAX_TEXT = 4096  # Telegram's limit for one message
MAX_CALLBACK_BYTES = 64  # Telegram's limit for callback_data
DELETE_BATCH = 100  # deleteMessages takes at most 100 ids
RATE_LIMIT_RETRIES = 3
MAX_SCREENED = 4096  # the screen reads what the engine would (MAX_MESSAGE_CHARS)
MAX_CONCURRENT_UPDATES = 8
UNLIMITED = 1 << 16  # more makes httpx's connection pool bookkeeping dominate (bench)
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


class PerChatProcessor(BaseUpdateProcessor):
    """Updates from different chats run concurrently; one chat's updates run in order.

    A slow turn for one woman must not hold up everyone else, but her own messages must be
    answered in the order she sent them and must not race on her session. The chat's lock is
    taken before a concurrency slot, so one chat's queued updates never hold slots that other
    chats need; the operators' side of a turn runs after the slot is given back. With an
    Intake, each update is reported finished (and so confirmed to Telegram) only when done.
    """

    def __init__(
        self, intake: Intake | None = None, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES
    ) -> None:
        # PTB's own semaphore (taken before do_process_update) is made wide enough never to
        # wait: the real limit is PrioritySlots, taken after the chat's lock.
        super().__init__(UNLIMITED)
        self.intake = intake
        self._slots = PrioritySlots(max_concurrent_updates)
        # chat id -> (its lock, how many updates hold or wait for it); dropped at zero.
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        update_id = update.update_id if isinstance(update, Update) else None
        tracked = (
            self.intake is not None
            and update_id is not None
            and update_id in self.intake.in_flight
        )
        progress = self.intake.progress(update_id) if tracked else None  # type: ignore[union-attr,arg-type]
        token = PROGRESS.set(progress)
        try:
            chat = update.effective_chat if isinstance(update, Update) else None
            if chat is None:
                async with self._slots.held(NORMAL):
                    await coroutine
            else:
                await self._in_order(chat.id, coroutine, progress, _priority(update))
        except asyncio.CancelledError:
            raise  # stopped mid-turn: not finished, Telegram will deliver it again
        except Exception as error:  # noqa: BLE001 - PTB's error handler already ran
            log.error("update failed type=%s", type(error).__name__)
        finally:
            PROGRESS.reset(token)
        if tracked:
            self.intake.finish(update_id)  # type: ignore[union-attr,arg-type]

    async def _in_order(
        self, chat_id: int, coroutine: Awaitable[Any], progress: Progress | None, priority: int
    ) -> None:
        lock, users = self._locks.get(chat_id, (asyncio.Lock(), 0))
        self._locks[chat_id] = (lock, users + 1)
        try:
            async with lock:
                async with self._slots.held(priority):
                    await coroutine
                if progress is not None:
                    await progress.run_later()
        finally:
            lock, users = self._locks[chat_id]
            if users <= 1:
                del self._locks[chat_id]
            else:
                self._locks[chat_id] = (lock, users - 1)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


URGENT, NORMAL = 0, 1  # the order in which waiting turns get a slot


def _priority(update: object) -> int:
    """Words that the safety screen finds urgent get the next free slot before anything else
    waiting (the engine screens them again; the screen is cheap and reads no model)."""
    message = update.effective_message if isinstance(update, Update) else None
    text = (message.text or message.caption) if message is not None else None
    if text and safety.screen(text[:MAX_SCREENED]).is_urgent:
        return URGENT
    return NORMAL


class PrioritySlots:
    """At most n holders at once; waiters are served by priority, then in arrival order."""

    def __init__(self, n: int) -> None:
        self._free = n
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    @asynccontextmanager
    async def held(self, priority: int) -> AsyncIterator[None]:
        await self._acquire(priority)
        try:
            yield
        finally:
            self._release()

    async def _acquire(self, priority: int) -> None:
        if self._free > 0 and not self._waiting:
            self._free -= 1
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (priority, next(self._order), future))
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self._release()  # the slot came just as the wait was cancelled: pass it on
            raise

    def _release(self) -> None:
        while self._waiting:
            _, _, future = heapq.heappop(self._waiting)
            if not future.done():
                future.set_result(None)
                return
        self._free += 1


# -- building and running -------------------------------------------------------------------------


def build_application(
    settings: Settings,
    app: App,
    *,
    base_url: str | None = None,
    rate_limiter: BaseRateLimiter | None = None,
) -> Application:
    """The python-telegram-bot Application for this bot, handlers registered, not started.

    base_url is the Bot API root without "/bot" (e.g. a fake server in tests); PTB appends
    "/bot" + token itself. By default settings.telegram_base_url, else api.telegram.org.
    """
    if not settings.telegram_token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is required to run on Telegram")
    _pin_quiet_loggers()
    # Updates are confirmed to Telegram only once answered (telegram_intake.py).
    intake = Intake(UpdateLedger(app.cases.db))
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token)
        .job_queue(None)  # no APScheduler (it conflicts with rasa's); timers are asyncio tasks
        .rate_limiter(rate_limiter or AIORateLimiter(max_retries=RATE_LIMIT_RETRIES))
        .concurrent_updates(PerChatProcessor(intake))
        .post_init(on_post_init)
        .post_shutdown(on_post_shutdown)
    )
    root = base_url or settings.telegram_base_url
    if root:
        # PTB appends the token to base_url: ".../bot" becomes ".../bot<token>/<method>".
        builder = builder.base_url(root.rstrip("/") + "/bot")
        builder = builder.base_file_url(root.rstrip("/") + "/file/bot")
    application = builder.build()
    application.updater = SafeUpdater(application.bot, application.update_queue, intake)
    application.bot_data["intake"] = intake
    desk = Desk(app, settings, send_user=send_to_user)
    application.bot_data["app"] = app
    application.bot_data["desk"] = desk
    for group, handlers in handler_table(desk):
        application.add_handlers(handlers, group=group)
    application.add_error_handler(on_error)
    return application


def handler_table(desk: Desk) -> list[tuple[int, list[Any]]]:
    """Every handler, in one table. Within a group the first matching handler wins."""
    private = filters.ChatType.PRIVATE
    new = filters.UpdateType.MESSAGE
    edited = filters.UpdateType.EDITED_MESSAGE
    operator_chats = desk.chat_filter()
    return [
        (
            0,
            [
                # 1. The operators' group first, so nothing said there reaches the user paths.
                *operator_handlers(desk),
                # 2. Any other group: decline and point to a private chat. No turn, no storage.
                MessageHandler(filters.ChatType.GROUPS & ~operator_chats, on_group_message),
                # 3. Her commands (never sent to the NLU).
                CommandHandler(COMMANDS, on_command, filters=private & new),
                # ...and any other /command: the engine answers unknown ones with help.
                MessageHandler(private & new & filters.COMMAND, on_command),
                # 4. Her typed messages; an edited message is read like a new one.
                MessageHandler(private & new & filters.TEXT & ~filters.COMMAND, on_text),
                MessageHandler(private & edited & filters.TEXT & ~filters.COMMAND, on_edited_text),
                # 5. Her button presses (operator buttons were matched by pattern above).
                CallbackQueryHandler(on_button),
                # ...and the words under a photo or file she sends.
                MessageHandler(private & (new | edited) & filters.CAPTION, on_caption),
                # 6. A shared location, used once for a search.
                MessageHandler(private & new & filters.LOCATION, on_location),
                # 7. Voice, photos, stickers...: a short reply, never downloaded.
                MessageHandler(private & new & UNSUPPORTED, on_unsupported),
                # 8. Anything else she sends (contact, poll, dice...) gets the same reply.
                MessageHandler(private & new & ~filters.TEXT, on_unsupported),
            ],
        )
    ]


def run_telegram(settings: Settings) -> None:
    """Run the bot on Telegram until interrupted: long polling, or a webhook if configured."""
    from bot.app import build

    configure_logging(settings.log_level)
    app = build(settings)
    application = build_application(settings, app)
    if settings.telegram_mode == "webhook":
        _run_webhook(settings, application)
    else:
        log.info("starting long polling")
        application.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)


def _run_webhook(settings: Settings, application: Application) -> None:
    if not settings.webhook_url:
        raise ConfigError("WEBHOOK_URL is required when TELEGRAM_MODE=webhook")
    log.info("starting webhook on port %s", settings.webhook_port)
    application.run_webhook(
        listen=settings.webhook_listen,
        port=settings.webhook_port,
        url_path=urlparse(settings.webhook_url).path.lstrip("/"),
        webhook_url=settings.webhook_url,
        secret_token=settings.webhook_secret,
        allowed_updates=Update.ALL_TYPES,
    )


@asynccontextmanager
async def polling(
    application: Application, *, post_shutdown: bool = True
) -> AsyncIterator[Application]:
    """Poll inside a running event loop, as run_polling does, and stop cleanly on exit.

    For flow runs and tests that drive the real Application; post_shutdown=False keeps the
    NLU model loaded for the next Application of the same run.
    """
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield application
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()
        if post_shutdown and application.post_shutdown is not None:
            await application.post_shutdown(application)


async def on_post_init(application: Application) -> None:
    """Start loading the model, publish the command menus, resume the open cases' timers."""
    app: App = application.bot_data["app"]
    desk: Desk = application.bot_data["desk"]
    if app.nlu is not None:
        app.nlu.start()  # loads in the background: the screen and menus answer meanwhile
    await _set_commands(application, app)
    desk.attach(application.bot)
    await desk.resume()


async def on_post_shutdown(application: Application) -> None:
    app: App = application.bot_data["app"]
    desk: Desk = application.bot_data["desk"]
    desk.stop()
    if app.nlu is not None:
        await app.nlu.close()


async def _set_commands(application: Application, app: App) -> None:
    default = app.settings.default_locale
    for language_code in (None, "vi", "en"):
        locale = language_code or default
        commands = [
            BotCommand(name, app.responses.gettext(locale, description))
            for name, description in COMMAND_DESCRIPTIONS
        ]
        try:
            await application.bot.set_my_commands(
                commands, scope=BotCommandScopeDefault(), language_code=language_code
            )
        except TelegramError as error:  # a cosmetic menu must not stop the bot
            log.warning("setMyCommands failed: %s", type(error).__name__)


def _pin_quiet_loggers() -> None:
    """PTB logs request parameters (her text) at DEBUG and httpx logs URLs with the token."""
    for name in QUIET_LOGGERS:
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < logging.WARNING:
            logger.setLevel(logging.WARNING)


# -- the callbacks ----------------------------------------------------------------------------


async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None and message.text
    words = message.text.split()
    name, _, addressee = words[0][1:].partition("@")  # "/start@antam_bot" -> "start"
    if addressee and addressee.lower() != (context.bot.username or "").lower():
        return  # "/start@otherbot": a command for another bot is not ours to answer
    name = name.lower()
    incoming = Incoming(kind="command", text=name, args=tuple(words[1:]), **_meta(update))
    await _turn(update, context, incoming)


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None
    await _turn(update, context, Incoming(kind="text", text=message.text or "", **_meta(update)))


async def on_caption(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A photo or file with words under it: the words are read like a typed message (the
    safety screen first), so "he's beating me, help" under a photo gets the emergency reply.
    The file itself is never fetched."""
    message = update.effective_message
    assert message is not None
    text = message.caption or ""
    await _turn(update, context, Incoming(kind="text", text=text, **_meta(update)))


async def on_edited_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    # She corrected a message: read the new words as a new message (the old reply stays).
    await on_text(update, context)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
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
    await _turn(update, context, incoming)


async def on_location(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None and message.location is not None
    point = (message.location.latitude, message.location.longitude)
    incoming = Incoming(kind="location", location=point, **_meta(update))
    await _turn(update, context, incoming)  # outside Viet Nam: the core says what helps


async def on_unsupported(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None
    # Only the kind is read; the file itself is never fetched (no getFile).
    kind = next((k for k in UNSUPPORTED_KINDS if getattr(message, k, None)), "other")
    await _turn(update, context, Incoming(kind="unsupported", text=kind, **_meta(update)))


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


# -- one turn -------------------------------------------------------------------------------


def _meta(update: Update) -> dict[str, Any]:
    message = update.effective_message
    user = update.effective_user
    return {
        "message_id": message.message_id if message else None,
        "client_language": user.language_code if user else None,
    }


def chat_for(settings: Settings, chat_id: int, user_id: int | None) -> Chat:
    return Chat(
        key=chat_key(settings.id_secret, "telegram", chat_id),
        address=str(chat_id),
        is_tester=user_id is not None and user_id in settings.tester_user_ids,
    )


async def _turn(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    incoming: Incoming,
    extra: Sequence[Outgoing] = (),
) -> None:
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

    Inside a crash-safe update (telegram_intake.Progress) each finished action is counted, so
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
        if progress is not None and not progress.user_turn():
            continue  # she was sent this before a crash
        if isinstance(action, Reply):
            label = _location_label(app, chat) if action.request_location else LOCATION_LABEL
            sent = await send_reply(bot, chat_id, action, location_label=label)
            if progress is not None:
                progress.user_sent()  # first: the shorter this gap, the rarer a duplicate
            app.engine.remember_sent(chat, sent)
        elif isinstance(action, DeleteMessages):
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


async def send_to_user(bot: Any, app: App, address: str, reply: Reply, locale: str) -> None:
    """Send her a message that no turn of hers caused (a counsellor joined, wrote or left)."""
    chat = chat_for(app.settings, int(address), None)
    sent = await send_reply(
        bot, int(address), reply, location_label=app.responses.gettext(locale, LOCATION_LABEL)
    )
    app.engine.remember_sent(chat, sent)


# -- sending --------------------------------------------------------------------------------


def inline_markup(reply: Reply) -> InlineKeyboardMarkup | None:
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


async def send_reply(
    bot: Any, chat_id: int, reply: Reply, *, location_label: str = LOCATION_LABEL
) -> list[int]:
    """Send one Reply (its buttons on the last piece); return the ids of what was sent."""
    inline = inline_markup(reply)
    markup: Any = inline
    if markup is None and reply.request_location:
        markup = location_keyboard(location_label)
    elif markup is None and reply.remove_keyboard:
        markup = ReplyKeyboardRemove()
    pieces = split_text(reply.text)
    sent: list[int] = []
    for index, piece in enumerate(pieces):
        last = index == len(pieces) - 1
        message = await send_text(bot, chat_id, piece, markup if last else None)
        sent.append(message.message_id)
    if inline is not None and reply.request_location:
        # One message carries one keyboard: the location button comes as a short second one.
        message = await send_text(bot, chat_id, "📍", location_keyboard(location_label))
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
