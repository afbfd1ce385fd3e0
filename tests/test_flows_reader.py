"""Flow files read: every mistake named by file, line and key, with a "Did you mean"."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.flows.format import Flow
from bot.flows.reader import FlowFileError, find_files, load, parse

EXAMPLE = """\
name: Unaccented urgent message in Vietnamese
locale: vi
steps:
  - user: "chong toi dang danh toi"
    expect:
      urgent: true
      intent: urgent_help
      reply_contains: ["113", "1900 969 680"]
  - press: "Có"
    expect:
      escalated: true
  - location: [21.853, 106.761]
    expect:
      reply_contains: Lạng Sơn
  - command: /wipe
    expect:
      deleted_messages: 3
"""


def only(source: str) -> Flow:
    flows = parse(source, "f.yml")
    assert len(flows) == 1
    return flows[0]


def test_the_documented_example_parses() -> None:
    flow = only(EXAMPLE)
    assert flow.name == "Unaccented urgent message in Vietnamese"
    assert flow.locale == "vi" and flow.tester is False
    assert [s.action for s in flow.steps] == ["user", "press", "location", "command"]
    first, press, location, wipe = flow.steps
    assert first.text == "chong toi dang danh toi" and first.line == 4
    assert first.expect.urgent is True and first.expect.intent == "urgent_help"
    assert first.expect.reply_contains == ("113", "1900 969 680")
    assert press.text == "Có" and press.expect.escalated is True
    assert location.location == (21.853, 106.761)
    assert location.expect.reply_contains == ("Lạng Sơn",)  # a single text is a list of one
    assert wipe.text == "/wipe" and wipe.expect.deleted_messages == 3


def test_a_list_of_flows_under_flows() -> None:
    flows = parse(
        "flows:\n  - name: a\n    steps:\n      - user: hi\n"
        "  - name: b\n    locale: en\n    steps:\n      - command: start\n",
        "f.yml",
    )
    assert [f.name for f in flows] == ["a", "b"]
    assert flows[1].steps[0].text == "/start"  # the slash is optional
    assert flows[1].line == 5


@pytest.mark.parametrize(
    ("typed", "text"),
    [("yes", "yes"), ("no", "no"), ("113", "113"), ("on", "on"), ('"Có"', "Có")],
)
def test_what_she_types_stays_text(typed: str, text: str) -> None:
    # YAML would read yes/no/on as booleans and 113 as a number; a message is always words.
    assert only(f"name: x\nsteps:\n  - user: {typed}\n").steps[0].text == text


def test_command_keeps_its_arguments() -> None:
    assert only("name: x\nsteps:\n  - command: /testmode on\n").steps[0].text == "/testmode on"


def test_yes_and_no_are_booleans_in_expectations() -> None:
    source = "name: x\nsteps:\n  - user: hi\n    expect: {urgent: no, escalated: yes}\n"
    step = only(source).steps[0]
    assert step.expect.urgent is False and step.expect.escalated is True


@pytest.mark.parametrize(
    ("source", "line", "key", "words"),
    [
        (
            "name: x\nsteps:\n  - user: hi\n    expect:\n      reply_contain: a\n",
            5,
            "reply_contain",
            'Did you mean "reply_contains"',
        ),
        (
            "name: x\nsteps:\n  - user: hi\n    expect:\n      urgent: maybe\n",
            5,
            "urgent",
            "true or false",
        ),
        (
            "name: x\nsteps:\n  - user: hi\n    expect:\n      intent: urgent_hlep\n",
            5,
            "intent",
            'Did you mean "urgent_help"',
        ),
        (
            "name: x\nsteps:\n  - user: hi\n    expect:\n      deleted_messages: many\n",
            5,
            "deleted_messages",
            "whole number",
        ),
        ("name: x\nsteps:\n  - location: [21.8]\n", 3, "location", "[latitude, longitude]"),
        ("name: x\nsteps:\n  - location: [121.8, 10]\n", 3, "location", "latitude must be"),
        ("name: x\nlocale: fr\nsteps:\n  - user: hi\n", 2, "locale", "vi, en"),
        ("name: x\nsteps:\n  - say: hi\n", 3, "say", "unknown step key"),
        ("nam: x\nsteps:\n  - user: hi\n", 1, "nam", 'Did you mean "name"'),
        ("name: x\nsteps: []\n", 2, "steps", "must be a list"),
        ("name: x\nsteps:\n  - user:\n", 3, "user", "single piece of text"),
        (
            "name: x\nsteps:\n  - user: hi\n    expect:\n      reply_contains: {a: b}\n",
            5,
            "reply_contains",
            "list of texts",
        ),
    ],
)
def test_a_mistake_names_the_line_and_key(source: str, line: int, key: str, words: str) -> None:
    with pytest.raises(FlowFileError) as caught:
        parse(source, "flows/mine.yml")
    mistake = caught.value.mistakes[0]
    assert (mistake.line, mistake.key) == (line, key)
    message = str(mistake)
    assert message.startswith(f'flows/mine.yml, line {line}, key "{key}": ')
    assert words in message


def test_a_step_with_two_actions_or_none_is_a_mistake() -> None:
    with pytest.raises(FlowFileError) as caught:
        parse("name: x\nsteps:\n  - user: hi\n    press: Có\n  - expect: {urgent: true}\n", "f")
    assert [m.line for m in caught.value.mistakes] == [3, 5]
    assert "exactly one of user, command, press or location" in str(caught.value)


def test_every_mistake_in_a_file_is_listed() -> None:
    with pytest.raises(FlowFileError) as caught:
        parse(
            "flows:\n  - name: a\n    steps:\n      - user: hi\n        expect: {urgnt: true}\n"
            "  - steps:\n      - user: hi\n",
            "f.yml",
        )
    assert [(m.line, m.key) for m in caught.value.mistakes] == [(5, "urgnt"), (6, "name")]


@pytest.mark.parametrize(
    ("source", "line"),
    [("name: x\nsteps:\n  - user: hi\n   expect: {}\n", 4), ('name: "x\n', 2), ("", None)],
)
def test_broken_yaml_or_an_empty_file_is_a_mistake_not_a_traceback(
    source: str, line: int | None
) -> None:
    with pytest.raises(FlowFileError) as caught:
        parse(source, "f.yml")
    assert caught.value.mistakes[0].line == line
    assert "Traceback" not in str(caught.value)


def test_load_reads_a_file_and_find_files_walks_folders(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yaml").write_text("name: b\nsteps:\n  - user: hi\n")
    (tmp_path / "a.yml").write_text(EXAMPLE, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a flow")
    files = find_files([tmp_path])
    assert [f.name for f in files] == ["a.yml", "b.yaml"]
    assert load(files[0])[0].path == files[0]
