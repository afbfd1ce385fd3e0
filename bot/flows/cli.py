"""The `python -m bot flows` commands: run flow files and print a report."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from bot.flows.runner import ROUTES
from bot.privacy import configure_logging
from bot.settings import ConfigError, Settings


def _settings() -> Settings:
    try:
        settings = Settings.from_env()
    except ConfigError as error:
        raise click.ClickException(str(error)) from None
    # The report is the output; per-turn INFO lines would bury it (DEBUG still shows them).
    configure_logging("DEBUG" if settings.log_level == "DEBUG" else "WARNING")
    return settings


@click.group()
def flows() -> None:
    """Referral flows written by community workers: what the user says, what must happen."""


@flows.command("run")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--junit",
    "junit_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the results as JUnit XML to this file (for CI).",
)
@click.option(
    "--via",
    "route",
    type=click.Choice(ROUTES),
    default="core",
    show_default=True,
    help="core: straight into the bot's core. telegram: as Telegram updates "
    "through the real Telegram adapter, against a fake Bot API on 127.0.0.1.",
)
def run_command(paths: tuple[Path, ...], junit_path: Path | None, route: str) -> None:
    """Run flow files (or every .yml file in folders) through the bot, in test mode.

    No real operator is ever paged: the bot runs on a temporary copy of the directory with
    fresh state, and with --via telegram it talks only to a fake Telegram on this computer.
    Exits with 1 if any flow fails or any file has a mistake.

    Example: python -m bot flows run flows/ --via telegram
    """
    from bot.flows import report, runner, via_telegram

    run = via_telegram.run if route == "telegram" else runner.run
    outcome = asyncio.run(run(list(paths), _settings()))
    click.echo(report.text(outcome))
    if junit_path is not None:
        report.write_junit(outcome, junit_path)
        click.echo(f"JUnit XML written to {junit_path}")
    if not outcome.passed:
        raise SystemExit(1)
