"""Run flows through the real Telegram adapter, against the fake Bot API on 127.0.0.1.

The same test-mode sandbox as the core route (bot.flows.sandbox.sandbox_app): a temporary
DATA_DIR, no real operators, the model loaded once for the run. Each flow gets its own fake
Bot API on a random loopback port and its own python-telegram-bot Application built by
bot.channels.telegram.build_application, polling that fake. Each step is posted as a real
update (message, command, button press, location) and checked on the calls the bot made.

Where the checks come from:
- reply_contains / reply_not_contains / buttons_contain: the sendMessage calls to her chat.
- deleted_messages: the deleteMessages / deleteMessage calls for her chat.
- escalated: a case card for her case reached the fake test operators' chat this step, or one
  did earlier in the flow and the core still counts the case as open.
- intent / urgent / province / services_include: Telegram carries no trace, so a small
  recorder wraps app.engine.handle and keeps the last Turn per chat. Parsing the tester-trace
  message instead would tie the checks to its wording; the turns still go through the adapter.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from bot.core.events import Button, OperatorCard, Turn
from bot.flows.checks import check
from bot.flows.format import Flow, Step
from bot.flows.runner import (
    FlowOutcome,
    RunOutcome,
    StepOutcome,
    missing_button,
    press,
    read,
)
from bot.flows.sandbox import DUMMY_TEST_OPERATOR_CHAT, sandbox_app
from bot.settings import Settings

if TYPE_CHECKING:
    from telegram.ext import Application

    from bot.app import App
    from bot.core.engine import Chat, Engine
    from bot.core.events import Incoming
    from bot.testing.fake_bot_api.calls import Call
    from bot.testing.fake_bot_api.server import FakeBotApi
    from bot.testing.fake_bot_api.updates import User
    from nlu.client import Nlu

# A made-up token: the real TELEGRAM_BOT_TOKEN is never sent anywhere, not even to the fake.
TOKEN = "123:FLOWS"
LOOPBACK = "127.0.0.1"
# Flow n chats as user FIRST_USER_ID + n: a fresh private chat (and session) for every flow.
FIRST_USER_ID = 880_000
STEP_TIMEOUT_SECONDS = 30.0  # a hung bot fails the step instead of hanging the run
POLL_SECONDS = 0.005


@dataclass
class TurnRecorder:
    """The engine's last Turn (or the error it raised) per chat key, while installed."""

    engine: Engine
    turns: dict[str, Turn] = field(default_factory=dict)
    errors: dict[str, Exception] = field(default_factory=dict)

    def install(self) -> None:
        original = self.engine.handle

        async def handle(chat: Chat, incoming: Incoming) -> Turn:
            try:
                turn = await original(chat, incoming)
            except Exception as error:
                self.errors[chat.key] = error
                raise  # the adapter's error handler must still see it, as in production
            self.turns[chat.key] = turn
            return turn

        # An instance attribute shadows the method; uninstall() deletes it again.
        self.engine.handle = handle  # type: ignore[method-assign]

    def uninstall(self) -> None:
        self.engine.__dict__.pop("handle", None)

    def forget(self, key: str) -> None:
        self.turns.pop(key, None)
        self.errors.pop(key, None)


async def run(
    paths: list[Path], base: Settings, nlu: Nlu | None = None, *, load_nlu: bool = True
) -> RunOutcome:
    """Read every flow file under paths and run the flows through the Telegram adapter."""
    outcome = RunOutcome(route="telegram")
    flows = read(paths, outcome)
    if not flows:
        return outcome
    _no_proxy_for_loopback()
    testers = frozenset(user_id(n) for n, flow in enumerate(flows, start=1) if flow.tester)
    async with sandbox_app(
        base, nlu, load_nlu=load_nlu, notes=outcome.notes, testers=testers
    ) as app:
        recorder = TurnRecorder(app.engine)
        recorder.install()
        try:
            for number, flow in enumerate(flows, start=1):
                outcome.flows.append(await run_flow(app, flow, number, recorder))
        finally:
            recorder.uninstall()
    return outcome


def user_id(number: int) -> int:
    """The made-up Telegram user (and private chat) id of the run's flow number."""
    return FIRST_USER_ID + number


async def run_flow(app: App, flow: Flow, number: int, recorder: TurnRecorder) -> FlowOutcome:
    """Run one flow against its own fake Bot API; stop at the first failing step."""
    from bot.channels.telegram import chat_for
    from bot.core.session import Session
    from bot.testing.fake_bot_api.server import FakeBotApi
    from bot.testing.fake_bot_api.updates import User

    started = time.perf_counter()
    user = User(user_id(number), flow.locale, "Tester")
    chat = chat_for(app.settings, user.id, user.id)
    app.engine.sessions.save(Session(key=chat.key, test_mode=True))
    fake = await asyncio.to_thread(FakeBotApi(TOKEN).start)
    steps: list[StepOutcome] = []
    try:
        async with running(app, fake) as application:
            state = _FlowState(user=user, chat=chat)
            for index, step in enumerate(flow.steps, start=1):
                outcome = await _run_step(application, fake, recorder, state, step, index)
                steps.append(outcome)
                if not outcome.passed:
                    break
    except Exception as error:  # the adapter would not start or stop: this flow fails alone
        steps = _with_problem(
            flow, steps, f"the Telegram adapter failed ({type(error).__name__}: {error})"
        )
    finally:
        await asyncio.to_thread(fake.stop)
    return FlowOutcome(flow, tuple(steps), time.perf_counter() - started)


def _with_problem(flow: Flow, steps: list[StepOutcome], problem: str) -> list[StepOutcome]:
    """The steps, the problem put on the first step not run (the last step if all ran)."""
    if (steps and not steps[-1].passed) or not flow.steps:
        return steps  # a step already failed: that is the flow's result
    index = min(len(steps), len(flow.steps) - 1)
    return [*steps[:index], StepOutcome(index + 1, flow.steps[index], problem=problem)]


def application_for(app: App, fake: FakeBotApi) -> Application:
    """The real Application for app, pointed at the fake; refuses any non-loopback address."""
    from bot.channels.telegram import build_application

    if urlparse(fake.base_url).hostname != LOOPBACK:
        raise RuntimeError("the fake Bot API must listen on 127.0.0.1 only")
    settings = replace(app.settings, telegram_token=TOKEN, telegram_base_url=fake.base_url)
    return build_application(settings, app, base_url=fake.base_url)


@asynccontextmanager
async def running(app: App, fake: FakeBotApi) -> AsyncIterator[Application]:
    """Start the Application as run_polling would, and stop it, keeping the run's model."""
    from bot.channels.telegram import polling

    application = application_for(app, fake)
    try:
        # Not post_shutdown: it would close the model, which belongs to the whole run.
        async with polling(application, post_shutdown=False):
            yield application
    finally:
        application.bot_data["desk"].stop()


# -- one step ---------------------------------------------------------------------------------


@dataclass
class _FlowState:
    """What a flow remembers between steps: its user, the buttons shown, its cases."""

    user: User
    chat: Chat
    shown: list[tuple[Button, ...]] = field(default_factory=list)  # oldest first
    carriers: dict[Button, Call] = field(default_factory=dict)  # the message under a button
    cases: set[int] = field(default_factory=set)
    paged: bool = False  # a card for one of her cases reached the test operators' chat


async def _run_step(
    application: Application,
    fake: FakeBotApi,
    recorder: TurnRecorder,
    state: _FlowState,
    step: Step,
    number: int,
) -> StepOutcome:
    before = len(fake.calls)
    recorder.forget(state.chat.key)
    problem = _post(fake, state, step)
    if problem is not None:
        return StepOutcome(number, step, problem=problem)
    try:
        await asyncio.wait_for(_answered(application, fake), STEP_TIMEOUT_SECONDS)
    except asyncio.TimeoutError:
        return StepOutcome(
            number,
            step,
            problem=f"the bot did not finish answering within {STEP_TIMEOUT_SECONDS:g} s",
        )
    calls = fake.calls_since(before)
    error = recorder.errors.get(state.chat.key)
    if error is not None:
        return StepOutcome(
            number, step, problem=f"the bot failed on this step ({type(error).__name__}: {error})"
        )
    refused = sorted({c.method for c in calls if not c.ok})
    if refused:
        return StepOutcome(
            number,
            step,
            problem=f"the Telegram adapter made calls the Bot API refused: {', '.join(refused)}",
        )
    turn = recorder.turns.get(state.chat.key) or Turn(())
    state.cases.update(a.case_id for a in turn.actions if isinstance(a, OperatorCard))
    to_her = [c for c in calls if c.method == "sendMessage" and c.chat_id == state.user.id]
    buttons = _buttons(to_her, state)
    pages = [
        c
        for c in calls
        if c.method == "sendMessage"
        and c.chat_id == DUMMY_TEST_OPERATOR_CHAT
        and _case_of(c) in state.cases
    ]
    escalated = bool(pages) or (state.paged and turn.trace.escalated)
    state.paged = state.paged or bool(pages)
    trace = replace(turn.trace, escalated=escalated)
    texts = tuple(c.text for c in to_her)
    labels = tuple(b.label for b in buttons)
    deleted = _deleted(calls, state.user.id)
    return StepOutcome(
        number,
        step,
        replies=texts,
        buttons=labels,
        trace=trace,
        deleted=deleted,
        operator_cards=len(pages),
        differences=tuple(check(step.expect, texts, labels, trace, deleted)),
    )


def _post(fake: FakeBotApi, state: _FlowState, step: Step) -> str | None:
    """Post the step as a Telegram update; or say why it cannot be done."""
    if step.action == "user":
        fake.text(state.user, step.text)
    elif step.action == "command":
        fake.command(state.user, step.text)
    elif step.action == "location":
        assert step.location is not None
        fake.location(state.user, *step.location)
    else:
        button = press(step.text, state.shown)
        if button is None:
            return missing_button(step.text, state.shown)
        carrier = state.carriers[button]
        fake.press(
            state.user, button.action, message_id=carrier.result_id, message_text=carrier.text
        )
    return None


async def _answered(application: Application, fake: FakeBotApi) -> None:
    """Wait until the bot has fetched every update and finished handling it.

    The fake forgets an update once the bot polls past it, and the bot queues what it
    fetched before it polls again; a drained update queue then means every handler
    (error handler included) has returned.
    """
    while fake.pending_updates():
        await asyncio.sleep(POLL_SECONDS)
    await application.update_queue.join()


def _buttons(sent: list[Call], state: _FlowState) -> tuple[Button, ...]:
    """The inline buttons of the messages sent to her this step; remembered for presses."""
    buttons: list[Button] = []
    for call in sent:
        for raw in call.buttons:
            if "callback_data" not in raw:
                continue  # a URL button cannot be pressed by a flow
            button = Button(str(raw.get("text", "")), str(raw["callback_data"]))
            buttons.append(button)
            state.carriers[button] = call
    if buttons:
        state.shown.append(tuple(buttons))
    return tuple(buttons)


def _case_of(call: Call) -> int | None:
    """The case number on a card's Claim button ("claim:12"), if the message has one."""
    for action in call.actions:
        verb, _, number = action.partition(":")
        if verb == "claim" and number.isdigit():
            return int(number)
    return None


def _deleted(calls: list[Call], chat_id: int) -> int:
    count = 0
    for call in calls:
        if not call.ok or call.chat_id != chat_id:
            continue
        if call.method == "deleteMessages":
            count += len(call.params.get("message_ids") or [])
        elif call.method == "deleteMessage":
            count += 1
    return count


def _no_proxy_for_loopback() -> None:
    """httpx honours HTTP(S)_PROXY: a proxy must never see the bot's calls to the fake."""
    hosts = [h for h in os.environ.get("NO_PROXY", "").split(",") if h]
    missing = [h for h in (LOOPBACK, "localhost") if h not in hosts]
    if missing:
        os.environ["NO_PROXY"] = ",".join(hosts + missing)
