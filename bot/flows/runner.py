"""Run flows through the same core as Telegram, in test mode, and check each step's expectations.

Each flow runs in a fresh chat of the test-mode app (bot.flows.sandbox) and stops at its first
failing step; what a step should have done is checked by bot.flows.checks.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.events import Button, DeleteMessages, Incoming, OperatorCard, Trace
from bot.flows.checks import Difference, check, comparable
from bot.flows.format import Flow, Step
from bot.flows.reader import FlowFileError, find_files, load
from bot.flows.sandbox import sandbox_app
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.app import App
    from bot.core.engine import Chat
    from nlu.client import Nlu

# How flows reach the bot: straight into the core, or as updates through the Telegram adapter.
ROUTES = ("core", "telegram")


@dataclass(frozen=True)
class StepOutcome:
    """What happened at one step of a flow."""

    number: int  # from 1, as a tester counts
    step: Step
    replies: tuple[str, ...] = ()
    buttons: tuple[str, ...] = ()
    trace: Trace = field(default_factory=Trace)
    deleted: int = 0
    operator_cards: int = 0
    differences: tuple[Difference, ...] = ()
    problem: str | None = None  # the step could not be done (no such button, bot crashed)

    @property
    def passed(self) -> bool:
        return not self.differences and self.problem is None


@dataclass(frozen=True)
class FlowOutcome:
    """One flow's result: the steps run, up to and including the first failing one."""

    flow: Flow
    steps: tuple[StepOutcome, ...]
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return all(step.passed for step in self.steps)

    @property
    def failed_step(self) -> StepOutcome | None:
        return next((step for step in self.steps if not step.passed), None)


@dataclass
class RunOutcome:
    """Every flow run, every file that could not be read, and notes for the tester."""

    flows: list[FlowOutcome] = field(default_factory=list)
    mistakes: list[FlowFileError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    route: str = "core"  # one of ROUTES: how the flows reached the bot

    @property
    def passed(self) -> bool:
        return not self.mistakes and all(flow.passed for flow in self.flows)


# -- running ----------------------------------------------------------------------------------


async def run(
    paths: list[Path], base: Settings, nlu: Nlu | None = None, *, load_nlu: bool = True
) -> RunOutcome:
    """Read every flow file under paths and run all the flows that are written correctly."""
    outcome = RunOutcome()
    flows = read(paths, outcome)
    if not flows:
        return outcome
    async with sandbox_app(base, nlu, load_nlu=load_nlu, notes=outcome.notes) as app:
        for number, flow in enumerate(flows, start=1):
            outcome.flows.append(await run_flow(app, flow, number))
    return outcome


def read(paths: list[Path], outcome: RunOutcome) -> list[Flow]:
    """Every correctly written flow under paths; mistakes and "nothing found" go to outcome."""
    flows: list[Flow] = []
    for path in find_files(paths):
        try:
            flows.extend(load(path))
        except FlowFileError as error:
            outcome.mistakes.append(error)
    if not flows and not outcome.mistakes:
        outcome.notes.append("No flow files found (they end in .yml or .yaml).")
    return flows


async def run_flow(app: App, flow: Flow, number: int = 1) -> FlowOutcome:
    """Run one flow in a fresh chat, its session in test mode; stop at the first failure."""
    from bot.core.engine import Chat
    from bot.core.session import Session

    started = time.perf_counter()
    chat = Chat(
        key=f"flow-{number}-{secrets.token_hex(6)}",
        address=f"flow-{number}",
        is_tester=flow.tester,
    )
    app.engine.sessions.save(Session(key=chat.key, test_mode=True))
    shown: list[tuple[Button, ...]] = []  # buttons of each turn, oldest first
    ids = iter(range(1, 1_000_000))  # message ids, as a channel would number them
    steps: list[StepOutcome] = []
    for index, step in enumerate(flow.steps, start=1):
        outcome = await _run_step(app, chat, flow, step, index, shown, ids)
        steps.append(outcome)
        if not outcome.passed:
            break
    return FlowOutcome(flow, tuple(steps), time.perf_counter() - started)


async def _run_step(
    app: App,
    chat: Chat,
    flow: Flow,
    step: Step,
    number: int,
    shown: list[tuple[Button, ...]],
    ids: Iterator[int],
) -> StepOutcome:
    incoming = _incoming(step, flow.locale, shown, next(ids))
    if isinstance(incoming, str):
        return StepOutcome(number, step, problem=incoming)
    try:
        turn = await app.engine.handle(chat, incoming)
    except Exception as error:  # a bug in the bot: say so plainly and go on with other flows
        return StepOutcome(
            number, step, problem=f"the bot failed on this step ({type(error).__name__}: {error})"
        )
    replies = turn.replies
    app.engine.remember_sent(chat, [next(ids) for _ in replies])
    buttons = tuple(button for reply in replies for row in reply.buttons for button in row)
    if buttons:
        shown.append(buttons)
    deleted = sum(len(a.message_ids) for a in turn.actions if isinstance(a, DeleteMessages))
    cards = sum(1 for a in turn.actions if isinstance(a, OperatorCard))
    texts = tuple(reply.text for reply in replies)
    labels = tuple(button.label for button in buttons)
    return StepOutcome(
        number,
        step,
        replies=texts,
        buttons=labels,
        trace=turn.trace,
        deleted=deleted,
        operator_cards=cards,
        differences=tuple(check(step.expect, texts, labels, turn.trace, deleted)),
    )


def _incoming(
    step: Step, locale: str | None, shown: list[tuple[Button, ...]], message_id: int
) -> Incoming | str:
    """The Incoming a channel would build for this step, or why the step cannot be done."""
    if step.action == "user":
        return Incoming("text", step.text, message_id=message_id, client_language=locale)
    if step.action == "command":
        name, *args = step.text[1:].split()
        return Incoming(
            "command",
            name.split("@")[0].lower(),
            tuple(args),
            message_id=message_id,
            client_language=locale,
        )
    if step.action == "location":
        return Incoming(
            "location", location=step.location, message_id=message_id, client_language=locale
        )
    button = press(step.text, shown)
    if button is None:
        return missing_button(step.text, shown)
    return Incoming("button", button.action, client_language=locale)


def press(label: str, shown: list[tuple[Button, ...]]) -> Button | None:
    """The button whose label holds label (any case), newest buttons first, exact match first."""
    wanted = comparable(label)
    for buttons in reversed(shown):
        exact = [b for b in buttons if comparable(b.label) == wanted]
        partial = [b for b in buttons if wanted in comparable(b.label)]
        if exact or partial:
            return (exact or partial)[0]
    return None


def missing_button(label: str, shown: list[tuple[Button, ...]]) -> str:
    """Why a press step cannot be done, naming the buttons she could have pressed."""
    if not shown:
        return f'there is no button "{label}" to press: the bot has shown no buttons yet'
    on_screen = ", ".join(f'"{b.label}"' for b in shown[-1])
    return f'there is no button "{label}" to press; the latest buttons are: {on_screen}'
