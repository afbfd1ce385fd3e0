"""Command line: `python -m bot [run|chat|web|classify|flows|cases]`."""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import date
from pathlib import Path

import click

from bot.flows.cli import flows as flows_group
from bot.privacy import configure_logging
from bot.settings import ConfigError, Settings


def _settings() -> Settings:
    try:
        settings = Settings.from_env()
    except ConfigError as error:
        raise click.ClickException(str(error)) from None
    configure_logging(settings.log_level)
    return settings


@click.group()
def cli() -> None:
    """An Tâm: a survivor-referral chatbot for women and girls in Viet Nam."""


@cli.command()
def run() -> None:
    """Run the bot: on Telegram when TELEGRAM_BOT_TOKEN is set, else a chat in this terminal;
    the web chat beside either, on WEB_LISTEN:WEB_PORT (127.0.0.1:8080; WEB_LISTEN=off: none).

    Example: TELEGRAM_BOT_TOKEN=123:abc python -m bot run
    """
    settings = _settings()
    if settings.telegram_token:
        from bot.channels.web.run import run_telegram_with_web

        run_telegram_with_web(settings)
    else:
        from bot.app import build
        from bot.channels.web.run import console_with_web, without_operators

        settings = without_operators(settings)
        asyncio.run(console_with_web(build(settings), settings))


@cli.command()
def web() -> None:
    """Serve only the web chat on WEB_LISTEN:WEB_PORT, until interrupted (no Telegram).

    Example: WEB_PORT=8080 python -m bot web
    """
    from bot.app import build
    from bot.channels.web.run import web_only, without_operators

    settings = without_operators(_settings())
    asyncio.run(web_only(build(settings), settings))


@cli.command()
def chat() -> None:
    """Chat with the bot in the terminal (same core as Telegram). Piped input: one line a turn.

    Example: printf 'xin chào\\n' | python -m bot chat
    """
    _chat(_settings())


def _chat(settings: Settings) -> None:
    from bot.app import build
    from bot.channels.console import chat as console_chat

    asyncio.run(console_chat(build(settings)))


@cli.command()
@click.option("--text", "texts", multiple=True, help="A message to classify (repeatable).")
def classify(texts: tuple[str, ...]) -> None:
    """Print what the bot understands and decides for each message, as one JSON line.

    The same "understand" step as a real turn: the safety screen, the model's ranked intents
    (whole message and question sentence), who is in it and when, the place, the emergency
    situation and the first reply it would send.

    Reads one message a line from stdin unless --text is given. No side effects.

    Example: echo "chong toi dang danh toi" | python -m bot classify
    """
    settings = _settings()
    asyncio.run(_classify(settings, list(texts) or [line.rstrip("\n") for line in sys.stdin]))


async def _classify(settings: Settings, texts: list[str]) -> None:
    from bot.app import build

    app = build(settings)
    if app.nlu is not None:
        app.nlu.start()
        await app.nlu.wait_ready(120)
    for text in texts:
        if text.strip():
            result = await app.engine.classify(text)
            click.echo(json.dumps(result, ensure_ascii=False))
    if app.nlu is not None:
        await app.nlu.close()


@cli.group()
def cases() -> None:
    """Escalated cases: counts and times, never personal data."""


@cases.command("report")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only cases opened since DATE.")
def cases_report(since: object) -> None:
    """Counts by category and outcome, median and p90 time to claim, unclaimed cases.

    Example: python -m bot cases report --since 2026-11-15
    """
    from bot.escalation.report import report_command

    settings = _settings()
    day: date | None = since.date() if since is not None else None  # type: ignore[attr-defined]
    click.echo(report_command(Path(settings.state_db), day))


cli.add_command(flows_group)  # `flows run`: the logic lives in bot/flows/

if __name__ == "__main__":
    cli()
