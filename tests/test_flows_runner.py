"""The flow runner and its report, on the core with a stub NLU (no trained model needed)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.flows import report, runner, sandbox
from bot.flows.reader import parse
from bot.settings import Settings
from tests.fakes import StubNlu
from tests.flow_samples import WRONG


async def run_source(tmp_path: Path, settings: Settings, **files: str) -> runner.RunOutcome:
    for name, source in files.items():
        (tmp_path / f"{name}.yml").write_text(source, encoding="utf-8")
    return await runner.run([tmp_path], settings, nlu=StubNlu())


GREETING = """\
name: Greeting in Vietnamese
locale: vi
steps:
  - user: "xin chao"
    expect:
      intent: greet
      urgent: false
"""


URGENT_HANDOFF = """\
name: Urgent, then yes to a counsellor
locale: vi
steps:
  - user: "chong toi dang danh toi"
    expect:
      urgent: true
      reply_contains: ["113"]
      buttons_contain: ["Có"]
  - press: "có"
    expect:
      escalated: true
      reply_contains: ["THỬ NGHIỆM"]
"""


@pytest.mark.anyio
async def test_a_flow_that_holds_passes(tmp_path: Path, settings: Settings) -> None:
    outcome = await run_source(tmp_path, settings, greet=GREETING)
    assert outcome.passed and len(outcome.flows) == 1
    step = outcome.flows[0].steps[0]
    assert step.trace.intent == "greet" and step.replies
    assert report.text(outcome).splitlines()[-1].startswith("OK: 1 flows: 1 passed")


@pytest.mark.anyio
async def test_a_wrong_expectation_names_the_step_and_shows_the_difference(
    tmp_path: Path, settings: Settings
) -> None:
    outcome = await run_source(tmp_path, settings, wrong=WRONG)
    assert not outcome.passed
    flow = outcome.flows[0]
    failed = flow.failed_step
    assert failed is not None and failed.number == 2
    assert len(flow.steps) == 2  # stops at the first failure
    assert {d.key for d in failed.differences} == {"intent", "reply_contains"}
    text = report.text(outcome)
    assert "FAIL  A deliberately wrong expectation" in text
    assert 'step 2 (line 7): user wrote "cam on ban"' in text
    assert "expected intent: goodbye" in text
    assert "got" in text and "thanks (confidence 0.95)" in text
    assert 'not in the replies: "this text is not in any reply"' in text
    assert "the bot said:" in text and "trace: language=vi intent=thanks" in text
    assert "(1 later step not run)" in text
    assert text.splitlines()[-1] == "FAILED: 1 flows: 0 passed, 1 failed"


@pytest.mark.anyio
async def test_urgent_then_yes_escalates_in_test_mode_only(
    tmp_path: Path, settings: Settings
) -> None:
    outcome = await run_source(tmp_path, settings, urgent=URGENT_HANDOFF)
    assert outcome.passed, report.text(outcome)
    urgent, yes = outcome.flows[0].steps
    assert urgent.trace.urgent and not urgent.trace.escalated
    assert yes.trace.escalated and yes.operator_cards == 1


def test_sandbox_settings_can_page_no_real_operator(settings: Settings, tmp_path: Path) -> None:
    safe = sandbox.sandbox_settings(settings, tmp_path / "t")
    assert settings.operator_chat_id is not None  # the fixture has real-looking operators
    assert safe.operator_chat_id is None and safe.operator_user_ids == frozenset()
    assert safe.test_operator_chat_id == sandbox.DUMMY_TEST_OPERATOR_CHAT
    assert safe.telegram_token is None and safe.operator_hours == ""
    assert safe.data_dir == tmp_path / "t" and safe.tester_user_ids == frozenset()


@pytest.mark.anyio
async def test_wipe_deletes_her_messages_and_the_bots(tmp_path: Path, settings: Settings) -> None:
    source = (
        "name: Wipe\nsteps:\n  - user: xin chao\n  - command: /wipe\n"
        "    expect:\n      deleted_messages: 2\n      reply_not_contains: xin chao\n"
    )
    outcome = await run_source(tmp_path, settings, wipe=source)
    assert outcome.passed, report.text(outcome)
    assert outcome.flows[0].steps[1].deleted >= 2


@pytest.mark.anyio
async def test_testmode_from_a_non_tester_is_refused(tmp_path: Path, settings: Settings) -> None:
    source = (
        "name: Not a tester\nlocale: en\nsteps:\n  - command: /testmode on\n"
        "    expect:\n      reply_contains: only for community testers\n"
    )
    outcome = await run_source(tmp_path, settings, refused=source)
    assert outcome.passed, report.text(outcome)


@pytest.mark.anyio
async def test_pressing_a_button_that_is_not_there_says_which_buttons_are(
    tmp_path: Path, settings: Settings
) -> None:
    source = "name: Press\nlocale: en\nsteps:\n  - command: /start\n  - press: Maybe later\n"
    outcome = await run_source(tmp_path, settings, press=source)
    failed = outcome.flows[0].failed_step
    assert failed is not None and failed.number == 2
    assert failed.problem is not None and 'there is no button "Maybe later"' in failed.problem
    assert "Not now" in failed.problem  # the buttons she could have pressed


@pytest.mark.parametrize(
    ("label", "action"),
    [
        ("có", "consent:yes"),
        ("Không", "consent:no"),
        ("near me", "menu:services"),
        ("YES", "en:yes"),
    ],
)
def test_press_matches_any_case_newest_first_exact_first(label: str, action: str) -> None:
    from bot.core.events import Button

    shown = [
        (Button("Yes", "en:yes"),),
        (
            Button("Có", "consent:yes"),
            Button("Không", "consent:no"),
            Button("Không có gì", "other"),
            Button("Find services near me", "menu:services"),
        ),
    ]
    button = runner.press(label, shown)
    assert button is not None and button.action == action


@pytest.mark.anyio
async def test_a_malformed_file_is_reported_and_the_others_still_run(
    tmp_path: Path, settings: Settings
) -> None:
    broken = "name: Broken\nsteps:\n  - user: hi\n    expect:\n      urgnet: true\n"
    outcome = await run_source(tmp_path, settings, a_broken=broken, b_greet=GREETING)
    assert not outcome.passed
    assert [f.flow.name for f in outcome.flows] == ["Greeting in Vietnamese"]
    assert outcome.flows[0].passed
    text = report.text(outcome)
    assert f'{tmp_path / "a_broken.yml"}, line 5, key "urgnet": unknown expectation' in text
    assert "1 file with mistakes" in text


@pytest.mark.anyio
async def test_junit_is_valid_xml_with_failures_and_errors(
    tmp_path: Path, settings: Settings
) -> None:
    outcome = await run_source(
        tmp_path, settings, a_greet=GREETING, b_wrong=WRONG, c_broken="name: x\nsteps: 3\n"
    )
    target = tmp_path / "out" / "flows.xml"
    report.write_junit(outcome, target)
    root = ET.parse(target).getroot()
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "1", "1")
    failure = root.find(".//testcase[@name='A deliberately wrong expectation']/failure")
    assert failure is not None and "expected intent: goodbye" in (failure.text or "")


def test_cli_names_the_file_line_and_key_and_exits_1(tmp_path: Path) -> None:
    from bot.__main__ import cli

    flow = tmp_path / "mine.yml"
    flow.write_text("name: x\nsteps:\n  - user: hi\n    expect:\n      inent: greet\n")
    junit = tmp_path / "junit.xml"
    result = CliRunner().invoke(
        cli,
        ["flows", "run", str(flow), "--junit", str(junit)],
        env={"DATA_DIR": str(tmp_path / "data"), "ID_HASH_SECRET": "s"},
    )
    assert result.exit_code == 1
    expected = f'{flow}, line 5, key "inent": unknown expectation. Did you mean "intent"?'
    assert expected in result.output
    assert "Traceback" not in result.output
    assert ET.parse(junit).getroot().get("errors") == "1"


def test_the_report_trims_long_replies() -> None:
    assert len(report.trim("word " * 100)) == report.REPLY_CHARS
    assert report.trim("a\n  b") == "a b"


@pytest.mark.anyio
async def test_parse_and_run_one_flow_directly(settings: Settings) -> None:
    flow = parse(GREETING, "inline.yml")[0]
    async with sandbox.sandbox_app(settings, StubNlu()) as app:
        outcome = await runner.run_flow(app, flow)
    assert outcome.passed
