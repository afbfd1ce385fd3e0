"""Flows through the real Telegram adapter and the fake Bot API (`flows run --via telegram`)."""

from __future__ import annotations

import asyncio
import os
import xml.etree.ElementTree as ET
from collections.abc import Coroutine
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from click.testing import CliRunner

from bot.flows import report, runner, sandbox, via_telegram
from bot.settings import Settings
from bot.testing.fake_bot_api.server import FakeBotApi
from tests.fakes import StubNlu
from tests.flow_samples import WRONG

pytestmark = pytest.mark.e2e
FLOWS = Path(__file__).resolve().parent.parent / "flows"
RUN_TIMEOUT = 120.0  # a hung run fails instead of hanging the suite

URGENT_HANDOFF = """\
name: Urgent, then yes to a counsellor
locale: vi
tester: true
steps:
  - user: "chong toi dang danh toi"
    expect:
      urgent: true
      escalated: false
      reply_contains: ["113"]
      buttons_contain: ["Có"]
  - press: "có"
    expect:
      escalated: true
      reply_contains: ["THỬ NGHIỆM"]
"""


async def bounded(coroutine: Coroutine[Any, Any, Any]) -> Any:
    return await asyncio.wait_for(coroutine, RUN_TIMEOUT)


async def run_source(tmp_path: Path, settings: Settings, **files: str) -> runner.RunOutcome:
    for name, source in files.items():
        (tmp_path / f"{name}.yml").write_text(source, encoding="utf-8")
    return await bounded(via_telegram.run([tmp_path], settings, nlu=StubNlu()))


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> list[FakeBotApi]:
    """Every fake Bot API the run starts, kept so a test can read the calls it recorded."""
    started: list[FakeBotApi] = []
    start = FakeBotApi.start

    def keep(self: FakeBotApi) -> FakeBotApi:
        started.append(self)
        return start(self)

    monkeypatch.setattr(FakeBotApi, "start", keep)
    return started


@pytest.mark.anyio
async def test_urgent_then_yes_pages_only_the_fake_test_operators_chat(
    tmp_path: Path, settings: Settings, fakes: list[FakeBotApi]
) -> None:
    outcome = await run_source(tmp_path, settings, urgent=URGENT_HANDOFF)
    assert outcome.passed, report.text(outcome)
    urgent, yes = outcome.flows[0].steps
    assert any("113" in reply for reply in urgent.replies)
    assert urgent.trace.urgent and not urgent.trace.escalated and urgent.operator_cards == 0
    assert yes.trace.escalated and yes.operator_cards == 1
    [fake] = fakes  # one fake Bot API for the one flow
    she = via_telegram.user_id(1)
    sent = fake.calls_to("sendMessage")
    assert {call.chat_id for call in sent} == {she, sandbox.DUMMY_TEST_OPERATOR_CHAT}
    cards = fake.sent(sandbox.DUMMY_TEST_OPERATOR_CHAT)
    assert len(cards) == 1 and any(a.startswith("claim:") for a in cards[0].actions)
    # The real operators' group of the base settings never appears, nor does any unknown call.
    assert not fake.sent(settings.operator_chat_id) and not fake.unknown_calls()
    assert fake.calls_to("answerCallbackQuery")  # the press really went through the adapter


@pytest.mark.anyio
async def test_a_wrong_expectation_names_the_step_and_the_route(
    tmp_path: Path, settings: Settings
) -> None:
    outcome = await run_source(tmp_path, settings, wrong=WRONG)
    assert outcome.route == "telegram" and not outcome.passed
    flow = outcome.flows[0]
    failed = flow.failed_step
    assert failed is not None and failed.number == 2 and len(flow.steps) == 2
    assert {d.key for d in failed.differences} == {"intent", "reply_contains"}
    text = report.text(outcome)
    assert text.splitlines()[0] == report.HEADERS["telegram"]
    assert 'step 2 (line 7): user wrote "cam on ban"' in text
    assert "expected intent: goodbye" in text and "thanks (confidence 0.95)" in text
    assert "(1 later step not run)" in text
    assert text.splitlines()[-1] == "FAILED: 1 flows: 0 passed, 1 failed"


@pytest.mark.anyio
async def test_every_request_the_bot_makes_goes_to_loopback(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from telegram.request import HTTPXRequest

    urls: list[str] = []
    do_request = HTTPXRequest.do_request

    async def recorded(self: HTTPXRequest, url: str, *args: Any, **kwargs: Any) -> Any:
        urls.append(url)
        return await do_request(self, url, *args, **kwargs)

    monkeypatch.setattr(HTTPXRequest, "do_request", recorded)
    outcome = await run_source(tmp_path, settings, urgent=URGENT_HANDOFF)
    assert outcome.passed, report.text(outcome)
    assert any(url.endswith("/sendMessage") for url in urls)
    assert {urlparse(url).hostname for url in urls} == {"127.0.0.1"}
    # The made-up token, never one from the settings.
    assert all(f"/bot{via_telegram.TOKEN}/" in url for url in urls)


def test_the_application_points_at_the_fake_on_loopback(settings: Settings) -> None:
    from bot.app import build

    app = build(sandbox.sandbox_settings(settings, settings.data_dir), nlu=StubNlu())
    fake = FakeBotApi(via_telegram.TOKEN).start()
    try:
        application = via_telegram.application_for(app, fake)
        assert urlparse(application.bot.base_url).hostname == "127.0.0.1"
        assert urlparse(application.bot.base_file_url).hostname == "127.0.0.1"
    finally:
        fake.stop()


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("tester", "reply"),
    [(True, "(test) intent: greet"), (False, "only for community testers")],
)
async def test_a_tester_flow_runs_as_a_tester_and_others_do_not(
    tmp_path: Path, settings: Settings, tester: bool, reply: str
) -> None:
    # A tester in test mode gets the trace message after each turn; others are refused.
    step = '  - user: "hello"\n' if tester else "  - command: /testmode on\n"
    source = (
        f"name: Tester {tester}\nlocale: en\ntester: {str(tester).lower()}\nsteps:\n"
        f'{step}    expect:\n      reply_contains: ["{reply}"]\n'
    )
    outcome = await run_source(tmp_path, settings, tester=source)
    assert outcome.passed, report.text(outcome)


@pytest.mark.anyio
async def test_wipe_counts_the_deletions_the_adapter_made(
    tmp_path: Path, settings: Settings
) -> None:
    source = (
        "name: Wipe\nlocale: vi\nsteps:\n  - user: xin chao\n  - command: /wipe\n"
        "    expect:\n      deleted_messages: 2\n"
    )
    outcome = await run_source(tmp_path, settings, wipe=source)
    assert outcome.passed, report.text(outcome)
    assert outcome.flows[0].steps[1].deleted >= 2


@pytest.mark.anyio
async def test_pressing_a_button_that_is_not_there_says_which_buttons_are(
    tmp_path: Path, settings: Settings
) -> None:
    source = "name: Press\nlocale: en\nsteps:\n  - command: /start\n  - press: Maybe later\n"
    outcome = await run_source(tmp_path, settings, press=source)
    failed = outcome.flows[0].failed_step
    assert failed is not None and failed.number == 2
    assert failed.problem is not None and 'there is no button "Maybe later"' in failed.problem


@pytest.mark.anyio
async def test_each_flow_is_a_fresh_chat_on_its_own_fake(
    tmp_path: Path, settings: Settings, fakes: list[FakeBotApi]
) -> None:
    outcome = await run_source(
        tmp_path,
        settings,
        a=URGENT_HANDOFF,
        b=URGENT_HANDOFF.replace("name: Urgent", "name: Again urgent"),
    )
    assert outcome.passed, report.text(outcome)
    assert len(fakes) == 2 and fakes[0].port != fakes[1].port
    assert [{c.chat_id for c in f.calls_to("sendMessage") if c.chat_id > 0} for f in fakes] == [
        {via_telegram.user_id(1)},
        {via_telegram.user_id(2)},
    ]


@pytest.mark.anyio
async def test_an_adapter_that_will_not_start_fails_that_flow_plainly(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(app: Any, fake: FakeBotApi) -> Any:
        raise RuntimeError("no application today")

    monkeypatch.setattr(via_telegram, "application_for", broken)
    outcome = await run_source(tmp_path, settings, urgent=URGENT_HANDOFF)
    failed = outcome.flows[0].failed_step
    assert failed is not None and failed.number == 1
    assert failed.problem == "the Telegram adapter failed (RuntimeError: no application today)"


def test_cli_via_telegram_reports_the_route_and_writes_junit(tmp_path: Path) -> None:
    from bot.__main__ import cli

    flow = tmp_path / "mine.yml"
    flow.write_text("name: x\nsteps:\n  - user: hi\n    expect:\n      inent: greet\n")
    junit = tmp_path / "junit.xml"
    result = CliRunner().invoke(
        cli,
        ["flows", "run", str(flow), "--via", "telegram", "--junit", str(junit)],
        env={"DATA_DIR": str(tmp_path / "data"), "ID_HASH_SECRET": "s"},
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.splitlines()[0] == report.HEADERS["telegram"]
    assert 'key "inent": unknown expectation' in result.output
    assert ET.parse(junit).getroot().get("errors") == "1"


def test_cli_refuses_an_unknown_route(tmp_path: Path) -> None:
    from bot.__main__ import cli

    flow = tmp_path / "mine.yml"
    flow.write_text("name: x\nsteps:\n  - user: hi\n")
    result = CliRunner().invoke(cli, ["flows", "run", str(flow), "--via", "zalo"])
    assert result.exit_code == 2 and "'zalo' is not one of 'core', 'telegram'" in result.output


@pytest.mark.anyio
@pytest.mark.model
async def test_urgent_and_services_flows_pass_via_telegram_with_the_trained_model(
    trained_model: Path,
) -> None:
    from nlu.client import InProcessNlu

    base = Settings(data_dir=Path(os.environ.get("DATA_DIR") or "data"))
    nlu = InProcessNlu(trained_model)  # loaded once, for every flow

    try:
        outcome = await via_telegram.run(
            [FLOWS / "urgent.yml", FLOWS / "services.yml"], base, nlu=nlu
        )
    finally:
        await nlu.close()
    assert outcome.route == "telegram"
    assert len(outcome.flows) >= 10 and outcome.passed, report.text(outcome)
