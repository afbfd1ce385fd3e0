"""Running the web chat: beside Telegram in one process, or beside the terminal chat."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any, TextIO

from aiohttp import web

from bot.app import App
from bot.channels.console import answer_lines
from bot.settings import Settings

from . import routes
from .channel import WebChannel

log = logging.getLogger("antam.web")
SHUTDOWN_SECONDS = 2.0


async def start(channel: WebChannel, host: str, port: int) -> tuple[web.AppRunner, str]:
    """Serve the channel on host:port (0: any free port); return the runner and its URL."""
    # access_log=None: aiohttp's access log would write each URL with its query (the session).
    runner = web.AppRunner(routes.application(channel), access_log=None, handle_signals=False)
    await runner.setup()
    # Long polls and sockets would hold a shutdown for the default 60 s.
    site = web.TCPSite(runner, host, port, shutdown_timeout=SHUTDOWN_SECONDS)
    try:
        await site.start()
    except OSError:
        await runner.cleanup()
        raise
    bound = runner.addresses[0]
    shown = f"[{bound[0]}]" if ":" in str(bound[0]) else bound[0]
    return runner, f"http://{shown}:{bound[1]}/"


@contextlib.asynccontextmanager
async def serving(
    channel: WebChannel, host: str = "127.0.0.1", port: int = 0
) -> AsyncIterator[str]:
    """The web chat served for the body of a with-block (tests, benchmarks); yields its URL."""
    runner, url = await start(channel, host, port)
    try:
        yield url
    finally:
        await runner.cleanup()


def without_operators(settings: Settings) -> Settings:
    """Without Telegram there is no operators' group to page: the consent reply must then not
    promise a counsellor, whatever OPERATOR_CHAT_ID says."""
    if settings.telegram_token:
        return settings
    return replace(settings, operator_chat_id=None, test_operator_chat_id=None)


def enabled(settings: Settings) -> bool:
    return settings.web_listen.lower() != "off"


async def try_start(channel: WebChannel, settings: Settings) -> web.AppRunner | None:
    """Start the web chat if enabled; a busy port is reported and the rest of the bot runs."""
    if not enabled(settings):
        return None
    try:
        runner, url = await start(channel, settings.web_listen, settings.web_port)
    except OSError as error:
        print(
            f"Web chat not started: {settings.web_listen}:{settings.web_port} "
            f"({error.strerror or type(error).__name__}); set WEB_PORT to another port.",
            file=sys.stderr,
            flush=True,
        )
        return None
    print(f"Web chat: {url}", file=sys.stderr, flush=True)
    log.info("web chat listening")
    return runner


# -- beside Telegram --------------------------------------------------------------------------


def run_telegram_with_web(settings: Settings) -> None:
    """python -m bot run with a token: Telegram exactly as run_telegram runs it, with the web
    chat beside it in the same event loop, sharing the engine and the operators' desk."""
    from bot.channels.telegram import application as telegram

    if not enabled(settings):
        telegram.run_telegram(settings)
        return
    # run_telegram builds its Application itself; wrap the builder for this one call so the
    # web chat joins whatever run_telegram does (polling, webhook, its intake) without a copy
    # of it. A hook parameter on run_telegram would make this wrapper unnecessary.
    original = telegram.build_application

    def build_with_web(settings: Settings, app: App, **kwargs: Any) -> Any:
        application = original(settings, app, **kwargs)
        channel = WebChannel(app, settings)
        channel.attach(application.bot_data["desk"])
        _hook(application, channel, settings)
        return application

    telegram.build_application = build_with_web  # type: ignore[assignment]
    try:
        telegram.run_telegram(settings)
    finally:
        telegram.build_application = original  # type: ignore[assignment]


def _hook(application: Any, channel: WebChannel, settings: Settings) -> None:
    """Start the web server after PTB's post_init and stop it before its post_shutdown."""
    post_init, post_shutdown = application.post_init, application.post_shutdown
    runners: list[web.AppRunner] = []

    async def init(app: Any) -> None:
        if post_init is not None:
            await post_init(app)
        runner = await try_start(channel, settings)
        if runner is not None:
            runners.append(runner)

    async def shutdown(app: Any) -> None:
        for runner in runners:
            await runner.cleanup()
        if post_shutdown is not None:
            await post_shutdown(app)

    application.post_init = init
    application.post_shutdown = shutdown


# -- beside the terminal chat -------------------------------------------------------------------


async def console_with_web(
    app: App, settings: Settings, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout
) -> None:
    """The terminal chat as before, with the web chat served meanwhile.

    Piped lines are answered and then it exits, as the terminal chat always did. With nothing
    to read at all (stdin at its end from the start: /dev/null, a service manager) the web
    chat keeps running until interrupted.
    """
    channel = WebChannel(app, settings)
    runner = await try_start(channel, settings)
    interactive = stdin.isatty()
    try:
        lines = await answer_lines(app, stdin, stdout)
        if runner is not None and lines == 0 and not interactive:
            await _until_stopped("Web chat: serving until interrupted (Ctrl+C).")
    finally:
        if runner is not None:
            await runner.cleanup()
        if app.nlu is not None:
            await app.nlu.close()


async def web_only(app: App, settings: Settings) -> None:
    """Only the web chat (no Telegram, no terminal), until interrupted."""
    runner = await try_start(WebChannel(app, settings), settings)
    if runner is None:
        raise SystemExit(1)
    if app.nlu is not None:
        app.nlu.start()  # loads in the background: the screen and menus answer meanwhile
    try:
        await _until_stopped()
    finally:
        await runner.cleanup()
        if app.nlu is not None:
            await app.nlu.close()


async def _until_stopped(announce: str | None = None) -> None:
    """Wait for SIGINT or SIGTERM; announce (on stderr) once they are handled."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    if announce:
        print(announce, file=sys.stderr, flush=True)
    await stop.wait()
