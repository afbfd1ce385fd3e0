"""Build the python-telegram-bot Application and run it: long polling or a webhook.

Resources are built here and kept in bot_data ("app", "desk", "intake"), as PTB's examples do;
post_init starts the model loading, the command menus and the operators' desk.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlparse

from telegram import BotCommand, BotCommandScopeDefault, Update
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, BaseRateLimiter

from bot.app import App
from bot.channels.telegram.handlers import handler_table, on_error
from bot.channels.telegram.intake import Intake
from bot.channels.telegram.ledger import UpdateLedger
from bot.channels.telegram.operators.desk import Desk
from bot.channels.telegram.ordering import PerChatProcessor
from bot.channels.telegram.updater import SafeUpdater
from bot.privacy import QUIET_LOGGERS, configure_logging
from bot.responses.content.channel import COMMAND_DESCRIPTIONS
from bot.settings import ConfigError, Settings

log = logging.getLogger("antam.telegram")

RATE_LIMIT_RETRIES = 3


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
    # Updates are confirmed to Telegram only once answered (intake.py, updater.py).
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
    desk = Desk(app, settings)
    application.bot_data["app"] = app
    application.bot_data["desk"] = desk
    for group, handlers in handler_table(desk):
        application.add_handlers(handlers, group=group)
    application.add_error_handler(on_error)
    return application


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
    """Stop the desk's timers and queues, and let the model go."""
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
