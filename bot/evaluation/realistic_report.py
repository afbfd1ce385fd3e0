"""The realistic-set section of docs/nlu-report.md: targets, groups, urgent messages missed.

Written from the figures `bot.evaluation.realistic` computes, between the realistic-set markers
at the top of the report (the held-out part below is bot.evaluation.heldout's).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nlu.train import NLU_DIR

REPORT = NLU_DIR.parent / "docs" / "nlu-report.md"
START, END = "<!-- realistic:start -->", "<!-- realistic:end -->"
TARGETS = {
    "accuracy": 0.85,
    "accuracy_min_group": 0.80,
    "not_understood": 0.10,
    "urgent_recall": 0.99,
    "urgent_recall_screen": 0.90,
    "false_urgent": 0.03,
    "false_urgent_everyday": 0.03,
}


def pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f} %"


def _mark(ok: bool | None) -> str:
    return "" if ok is None else (" ✅" if ok else " ❌ not met")


def render(
    runs: dict[str, dict[str, Any]],
    screen: dict[str, Any],
    counts: dict[str, int],
    thresholds: Any,
) -> str:
    """The realistic-set section of docs/nlu-report.md."""
    ours = runs["ours"]
    worst = min(
        (
            g["accuracy"]
            for name, g in ours["groups"].items()
            if name.startswith("style:") and g["accuracy"] is not None
        ),
        default=None,
    )
    rows = [
        ("accuracy (intent or accepted second)", "accuracy", TARGETS["accuracy"], True),
        ("accuracy, messages over 120 characters", "accuracy_long", 0.80, True),
        ('"not understood" (GBV messages)', "not_understood", TARGETS["not_understood"], False),
        ("urgent recall", "urgent_recall", TARGETS["urgent_recall"], True),
        ("false urgent (all non-urgent)", "false_urgent", TARGETS["false_urgent"], False),
        ("false urgent (everyday messages)", "false_urgent_everyday", 0.03, False),
        ("who (self / child / someone else)", "who", None, True),
        ("when (GBV messages)", "when", None, True),
    ]
    names = list(runs)
    lines = [
        START,
        "## Realistic set: messages written as people write",
        "",
        f"{counts['test']} test messages (`nlu/realistic/test_*.jsonl`), written apart from the "
        "training data by people who never saw it, in the shape of public questions, forum posts "
        "and helpline quotes (nlu/LABELS.md). Never trained on; thresholds are read off the "
        f"{counts['dev']}-message dev split only (`python -m bot.evaluation.realistic --dev`). "
        "Each message goes through the bot's own understand step and policy as the first "
        "message of a conversation.",
        f"Thresholds in force (nlu/thresholds.py): intent {thresholds.intent}, or "
        f"{thresholds.corroborated} when a cue in her words agrees; the model's urgent vote "
        f"{thresholds.urgent} with a danger cue, {thresholds.urgent_uncued} without one.",
        "",
        "How urgency is decided (bot/core/understanding.py): the deterministic safety screen "
        "reads the whole message (up to 4,096 characters) first, with everyday idioms blanked "
        '("mệt muốn chết", "killing time"): phrase rules (bot/core/safety.py) and, beside '
        "them, danger read as a scene by its structure (bot/core/scene.py: someone who can "
        "hurt her + an act of harm, siege or holding + now in the same clauses; hiding from "
        "him; hearing it happen; a threat told as speech; a farewell). The model then votes "
        "with its urgent_help probability, wherever it ranks, on the whole message, the "
        "question sentence and each "
        "sentence that holds a danger word. The vote counts when a danger cue survives the "
        "idiom list (`safety.danger_cue`); with no danger word at all (\"I've been on the "
        'bridge for an hour") it counts only where no idiom was blanked, at its own '
        "threshold. So the model can never bring back what the idioms removed; where its "
        'vote does not count, a confident urgent_help is answered with "not sure", never '
        "the emergency script.",
        "",
        "| measure | target | " + " | ".join(names) + " |",
        "|---|---|" + "---|" * len(names),
    ]
    for label, key, target, higher in rows:
        values = []
        for name in names:
            value = runs[name][key]
            ok = (
                None
                if target is None or value is None or name != "ours"
                else (value >= target if higher else value <= target)
            )
            values.append(pct(value) + _mark(ok))
        goal = "—" if target is None else ("≥ " if higher else "≤ ") + f"{100 * target:.0f} %"
        lines.append(f"| {label} | {goal} | " + " | ".join(values) + " |")
    screen_ok = screen["urgent_recall"] is not None and (
        screen["urgent_recall"] >= TARGETS["urgent_recall_screen"]
    )
    lines += [
        f"| urgent recall, model unavailable (screen alone) | ≥ 90 % | "
        f"{pct(screen['urgent_recall'])}{_mark(screen_ok)} |" + " |" * (len(names) - 1),
        f"| false urgent, model unavailable | ≤ 3 % | {pct(screen['false_urgent'])} |"
        + " |" * (len(names) - 1),
        "",
        f"Lowest accuracy of any writing style (target ≥ 80 %): {pct(worst)}"
        f"{_mark(None if worst is None else worst >= 0.80)}.",
        "",
        "### By group (ours)",
        "",
        "| group | n | accuracy | not understood | urgent recall | false urgent |",
        "|---|---|---|---|---|---|",
    ]
    for name, g in ours["groups"].items():
        lines.append(
            f"| {name} | {g['n']} | {pct(g['accuracy'])} | {pct(g['not_understood'])} | "
            f"{pct(g['urgent_recall'])} | {pct(g['false_urgent'])} |"
        )
    parts = {k: g for k, g in screen["groups"].items() if k.startswith("part:")}
    if parts:
        lines += [
            "",
            "Screen alone, by part: "
            + "; ".join(
                f"{name} recall {pct(g['urgent_recall'])}, false {pct(g['false_urgent'])}"
                for name, g in parts.items()
            )
            + ".",
        ]
    misses = ours["misses"]
    lines += ["", f"### Urgent messages missed (ours): {len(misses)}", ""]
    lines += [
        f"- labelled {m['intent']}, understood as {m['got']}; {m['style']}, {m['length']} chars"
        for m in misses
    ] or ["- none"]
    if "Rasa default" not in runs:
        lines += [
            "",
            "Rasa's default pipeline was not measured in this run: no model of "
            "`nlu/config-default.yml` trained on the current data. `make nlu-eval "
            "BASELINE=1` trains one; on this 2-core machine DIET's 100 epochs over the "
            "current ~9,500 lines take hours (nlu/README.md), so the default run leaves it out.",
        ]
    lines += ["", END]
    return "\n".join(lines)


def write_section(section: str, report: Path = REPORT) -> None:
    """Put the section at the top of the report, replacing the previous one."""
    text = report.read_text(encoding="utf-8") if report.exists() else ""
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + section + after
    else:
        title, _, body = text.partition("\n")
        text = f"{title}\n\n{section}\n{body}" if title.startswith("#") else section + "\n" + text
    report.write_text(text, encoding="utf-8")
