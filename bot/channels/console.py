"""A terminal chat on the same core as Telegram: for trying the bot without a token."""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from bot.app import App
from bot.core.engine import Chat
from bot.core.events import (
    Button,
    DeleteMessages,
    Incoming,
    OperatorCard,
    OperatorNotice,
    RelayToOperator,
    Reply,
)
from bot.privacy import chat_key

HINT = (
    "An Tâm in the terminal. Type a message; a number presses a button; /start, /menu, /wipe "
    "work; '/loc 21.85,106.76' shares a location. To use Telegram, set TELEGRAM_BOT_TOKEN "
    "(see README)."
)
MODEL_WAIT_SECONDS = 120.0


def parse_line(line: str, buttons: list[Button]) -> Incoming | None:
    """Turn one typed line into an Incoming: a button number, a command, a location or text."""
    line = line.strip()
    if not line:
        return None
    if line.isdigit() and 1 <= int(line) <= len(buttons):
        return Incoming(kind="button", text=buttons[int(line) - 1].action)
    if line.startswith("/loc"):
        try:
            lat, lon = (float(part) for part in line[4:].replace(" ", "").split(","))
        except ValueError:
            return Incoming(kind="text", text=line[4:])
        return Incoming(kind="location", location=(lat, lon))
    if line.startswith("/") and len(line) > 1:
        name, *args = line[1:].split()
        return Incoming(kind="command", text=name.split("@")[0], args=tuple(args))
    return Incoming(kind="text", text=line)


def show(actions: tuple, out: TextIO) -> list[Button]:
    """Print what the bot did; return the buttons now on screen, numbered from 1."""
    buttons: list[Button] = []
    for action in actions:
        if isinstance(action, Reply):
            out.write(f"An Tâm: {action.text}\n")
            row_texts = []
            for row in action.buttons:
                for button in row:
                    buttons.append(button)
                    row_texts.append(f"[{len(buttons)}] {button.label}")
            if row_texts:
                out.write("  " + "  ".join(row_texts) + "\n")
            if action.request_location:
                out.write("  (share a location with: /loc LAT,LON)\n")
        elif isinstance(action, DeleteMessages):
            out.write(f"  ({len(action.message_ids)} messages would be deleted)\n")
        elif isinstance(action, OperatorCard):
            out.write(f"  (operators paged: case #{action.case_id})\n")
        elif isinstance(action, OperatorNotice):
            out.write(f"  (operators told: case #{action.case_id} {action.key})\n")
        elif isinstance(action, RelayToOperator):
            out.write(f"  (relayed to the counsellor of case #{action.case_id})\n")
    out.flush()
    return buttons


async def chat(app: App, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> None:
    """Answer each line; with a terminal, answer at once while the model loads."""
    await answer_lines(app, stdin, stdout)
    if app.nlu is not None:
        await app.nlu.close()


async def answer_lines(app: App, stdin: TextIO, stdout: TextIO) -> int:
    """The terminal chat's loop (shared with the web chat's terminal): the lines read."""
    interactive = stdin.isatty()
    print(HINT, file=sys.stderr)
    if app.nlu is not None:
        app.nlu.start()
        if not interactive:  # piped batches want the model's answers, not the loading menu
            await app.nlu.wait_ready(MODEL_WAIT_SECONDS)
    who = Chat(
        key=chat_key(app.settings.id_secret, "console", "local"), address="console", is_tester=True
    )
    buttons: list[Button] = []
    loop = asyncio.get_running_loop()
    lines = 0
    while True:
        if interactive:
            stdout.write("> ")
            stdout.flush()
        line = await loop.run_in_executor(None, stdin.readline)
        if not line:
            return lines
        lines += 1
        incoming = parse_line(line, buttons)
        if incoming is None:
            continue
        if not interactive:
            stdout.write(f"> {line.strip()}\n")
        turn = await app.engine.handle(who, incoming)
        buttons = show(turn.actions, stdout) or buttons
