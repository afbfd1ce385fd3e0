"""The realistic set stays apart from training, well labelled, and measured the way we say."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.evaluation import realistic
from bot.evaluation.realistic import Labelled, Outcome, figures, load
from bot.evaluation.realistic_report import END, START, write_section
from bot.flows.format import INTENTS
from vntext.forms import fold

NLU = Path(__file__).parent.parent / "nlu"
WHO = {"self", "child_self", "someone_else"}
WHEN = {"now", "recent", "past_or_ongoing"}
KINDS = {"gbv", "everyday", "other"}


def _training_lines() -> set[str]:
    lines = set()
    for path in (NLU / "data").glob("*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith("- ") and not stripped.startswith("- intent:"):
                lines.add(fold(stripped[2:]).strip())
    return lines


@pytest.mark.parametrize("split", ["test", "dev"])
def test_every_realistic_message_is_labelled_as_nlu_labels_says(split: str) -> None:
    rows = load(split)
    if not rows:
        pytest.skip(f"no realistic {split} files yet")
    for row in rows:
        assert row.text.strip(), row
        assert row.intent in INTENTS and (row.second is None or row.second in INTENTS), row
        assert row.who in WHO and row.when in WHEN and row.kind in KINDS, row
        assert row.style in realistic.STYLES, row
        assert isinstance(row.urgent, bool) and row.urgent == (row.intent == "urgent_help"), row


def test_no_realistic_message_is_in_the_training_data() -> None:
    # "xin chào" or "yes" will be written by anyone; a sentence of four words or more in both
    # places means the sets are not apart.
    training = _training_lines()
    leaked = [
        row.text
        for split in ("test", "dev")
        for row in load(split)
        if len(row.text.split()) > 3 and fold(row.text).strip() in training
    ]
    assert leaked == []


def test_test_and_dev_splits_do_not_share_a_message() -> None:
    test = {fold(row.text) for row in load("test")}
    assert not test & {fold(row.text) for row in load("dev")}


def _row(intent: str, kind: str = "gbv", second: str | None = None, text: str = "x") -> Labelled:
    return Labelled(text, intent, second, intent == "urgent_help", "self", "now", "en", kind)


def test_figures_count_the_accepted_second_and_the_not_understood_replies() -> None:
    rows = [
        _row("legal_info", second="report_abuse"),
        _row("legal_info"),
        _row("urgent_help"),
        _row("out_of_scope", kind="everyday"),
    ]
    outs = [
        Outcome("report_abuse", "report_abuse", False, "self", "now"),
        Outcome("legal_info", "clarify", False, "self", "now"),
        Outcome("urgent_help", "urgent", True, "self", "now"),
        Outcome("out_of_scope", "out_of_scope", True, "self", "now"),
    ]
    f = figures(rows, outs)
    assert f["accuracy"] == 1.0
    assert f["not_understood"] == pytest.approx(1 / 3)
    assert f["urgent_recall"] == 1.0
    assert f["false_urgent"] == pytest.approx(1 / 3)
    assert f["false_urgent_everyday"] == 1.0


def test_the_section_replaces_the_previous_one(tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    report.write_text("# NLU report\n\nold body\n", encoding="utf-8")
    write_section(f"{START}\none\n{END}", report)
    write_section(f"{START}\ntwo\n{END}", report)
    text = report.read_text(encoding="utf-8")
    assert "two" in text and "one" not in text and "old body" in text
    assert text.startswith("# NLU report")
