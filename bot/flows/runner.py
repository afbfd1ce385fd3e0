"""Run flows through the same core as Telegram, in test mode, and check each step's expectations.

Test mode means no real operator can be paged: the app is built on a temporary DATA_DIR (a copy
of the directory database, fresh state), with only a dummy test-operators chat, and every flow's
session starts with test_mode on. Operator cards are recorded, never sent anywhere.
"""

from __future__ import annotations

import secrets
import sqlite3
import tempfile
import time
import unicodedata
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.events import Button, DeleteMessages, Incoming, OperatorCard, Trace
from bot.flows.format import Expect, Flow, Step
from bot.flows.reader import FlowFileError, find_files, load
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.app import App
    from bot.core.engine import Chat
    from nlu.client import Nlu

MODEL_WAIT_SECONDS = 120.0
# How flows reach the bot: straight into the core, or as updates through the Telegram adapter.
ROUTES = ("core", "telegram")
# Escalations in test mode go to this chat id; nothing sends there, the runner only records.
DUMMY_TEST_OPERATOR_CHAT = -1


@dataclass(frozen=True)
class Difference:
    """One expectation that did not hold: what the flow wanted and what the bot did."""

    key: str
    expected: str
    got: str


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


# -- the test-mode app ------------------------------------------------------------------------


def sandbox_settings(
    base: Settings, data_dir: Path, testers: frozenset[int] = frozenset()
) -> Settings:
    """The base settings made safe: temporary state, no real operators, clock-free hours.

    testers are the flow runner's own made-up user ids (the Telegram route's fake users),
    never the base settings' real testers.
    """
    return replace(
        base,
        data_dir=data_dir,
        id_secret=secrets.token_hex(16),
        telegram_token=None,
        operator_chat_id=None,
        operator_user_ids=frozenset(),
        test_operator_chat_id=DUMMY_TEST_OPERATOR_CHAT,
        tester_user_ids=testers,
        operator_hours="",
        directory_demo=True,  # flows check against the fictional demo rows (demo-lang-son-...)
    )


def copy_directory(source: Path, target: Path) -> bool:
    """Copy the directory database with SQLite's backup API (safe while the bot writes it)."""
    if not source.exists():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return True


@asynccontextmanager
async def sandbox_app(
    base: Settings,
    nlu: Nlu | None = None,
    *,
    load_nlu: bool = True,
    notes: list[str] | None = None,
    testers: frozenset[int] = frozenset(),
) -> AsyncIterator[App]:
    """An app on a temporary DATA_DIR with the model ready; the model is closed only if ours."""
    from bot.app import build  # the core is imported only when flows actually run

    notes = notes if notes is not None else []
    with tempfile.TemporaryDirectory(prefix="antam-flows-") as tmp:
        settings = sandbox_settings(base, Path(tmp) / "data", testers)
        if not copy_directory(base.directory_db, settings.directory_db):
            notes.append(
                f"No directory database at {base.directory_db}: using one built from "
                "the seed files in referral_db/data/."
            )
        app = build(settings, nlu=nlu, load_nlu=load_nlu)
        owned = nlu is None
        if app.nlu is None:
            notes.append(
                "No trained language model was found (run `make model`): flows that "
                "expect an intent will fail."
            )
        else:
            app.nlu.start()
            if not await app.nlu.wait_ready(MODEL_WAIT_SECONDS):
                notes.append(
                    "The language model did not load in time: the bot answered without it."
                )
            else:
                await _warm_up(app.nlu)
        try:
            yield app
        finally:
            if owned and app.nlu is not None:
                await app.nlu.close()


async def _warm_up(nlu: Nlu) -> None:
    """Parse once, untimed: the first parse builds the model's graph and can outlast the
    engine's per-turn timeout, which would make the first flow's intent look missing."""
    from nlu.client import NluUnavailable

    try:
        await nlu.parse("xin chào")
    except NluUnavailable:
        pass


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
    wanted = fold(label)
    for buttons in reversed(shown):
        exact = [b for b in buttons if fold(b.label) == wanted]
        partial = [b for b in buttons if wanted in fold(b.label)]
        if exact or partial:
            return (exact or partial)[0]
    return None


def missing_button(label: str, shown: list[tuple[Button, ...]]) -> str:
    """Why a press step cannot be done, naming the buttons she could have pressed."""
    if not shown:
        return f'there is no button "{label}" to press: the bot has shown no buttons yet'
    on_screen = ", ".join(f'"{b.label}"' for b in shown[-1])
    return f'there is no button "{label}" to press; the latest buttons are: {on_screen}'


# -- checking ---------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Compare texts the way people read them: same letters, any case, any Unicode form."""
    return unicodedata.normalize("NFC", text).casefold()


def check(
    expect: Expect, replies: tuple[str, ...], buttons: tuple[str, ...], trace: Trace, deleted: int
) -> list[Difference]:
    """Every expectation of a step that did not hold."""
    said = fold("\n".join(replies))
    labels = [fold(label) for label in buttons]
    differences: list[Difference] = []

    def listed(items: tuple[str, ...] | list[str]) -> str:
        return ", ".join(f'"{item}"' for item in items)

    missing = [t for t in expect.reply_contains if fold(t) not in said]
    if missing:
        differences.append(
            Difference(
                "reply_contains",
                listed(expect.reply_contains),
                f"not in the replies: {listed(missing)}",
            )
        )
    present = [t for t in expect.reply_not_contains if fold(t) in said]
    if present:
        differences.append(
            Difference(
                "reply_not_contains",
                listed(expect.reply_not_contains),
                f"found in the replies: {listed(present)}",
            )
        )
    absent = [t for t in expect.buttons_contain if not any(fold(t) in lb for lb in labels)]
    if absent:
        differences.append(
            Difference(
                "buttons_contain",
                listed(expect.buttons_contain),
                f"no such button: {listed(absent)}; buttons shown: {listed(buttons) or 'none'}",
            )
        )
    if expect.intent is not None and trace.intent != expect.intent:
        got = trace.intent or "none (no typed message, or the model was not used)"
        if trace.intent and trace.confidence is not None:
            got += f" (confidence {trace.confidence:.2f})"
        differences.append(Difference("intent", expect.intent, got))
    for key in ("urgent", "escalated"):
        wanted = getattr(expect, key)
        if wanted is not None and getattr(trace, key) != wanted:
            differences.append(Difference(key, _yes_no(wanted), _yes_no(getattr(trace, key))))
    for key in ("situation", "who", "when", "reply"):
        wanted = getattr(expect, key)
        if wanted is not None and getattr(trace, key) != wanted:
            differences.append(Difference(key, wanted, getattr(trace, key) or "none"))
    if expect.province is not None and fold(trace.province or "") != fold(expect.province):
        differences.append(Difference("province", expect.province, trace.province or "none"))
    lacking = [s for s in expect.services_include if s not in trace.services]
    if lacking:
        differences.append(
            Difference(
                "services_include",
                listed(expect.services_include),
                f"missing {listed(lacking)}; listed: {listed(trace.services) or 'none'}",
            )
        )
    if expect.deleted_messages is not None and deleted < expect.deleted_messages:
        differences.append(
            Difference("deleted_messages", f"at least {expect.deleted_messages}", str(deleted))
        )
    return differences


def _yes_no(value: bool) -> str:
    return "true" if value else "false"
