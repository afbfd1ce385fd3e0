"""Measure the bot's understanding on the realistic set: messages written as people write.

`python -m nlu.realistic` (part of `make nlu-eval`) reads `nlu/realistic/test_*.jsonl`, runs
the bot's own "understand" step (bot.core.understanding: safety screen, model on the whole
message and on the question sentence, the danger-cue gate, who/when) and its policy, and writes
the figures into docs/nlu-report.md between the realistic-set markers. The dev split
(`dev_*.jsonl`) is the only data the thresholds may be read from: `--dev` prints its tables.
Nothing here trains on either split; nlu/LABELS.md says how both were labelled.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import click

NLU_DIR = Path(__file__).parent
REPO = NLU_DIR.parent
REALISTIC = NLU_DIR / "realistic"
REPORT = REPO / "docs" / "nlu-report.md"
START, END = "<!-- realistic:start -->", "<!-- realistic:end -->"
STYLES = ("vi_accented", "vi_plain", "teencode", "en", "mixed")
BANDS = ((0, 60, "≤ 60"), (61, 120, "61–120"), (121, 250, "121–250"), (251, 10**6, "> 250"))
NOT_UNDERSTOOD = frozenset({"clarify", "clarify_again", "nlu_loading"})
TARGETS = {
    "accuracy": 0.85,
    "accuracy_min_group": 0.80,
    "not_understood": 0.10,
    "urgent_recall": 0.99,
    "urgent_recall_screen": 0.90,
    "false_urgent": 0.03,
    "false_urgent_everyday": 0.03,
}


@dataclass(frozen=True)
class Labelled:
    """One realistic message and its labels (nlu/LABELS.md)."""

    text: str
    intent: str
    second: str | None
    urgent: bool
    who: str
    when: str
    style: str
    kind: str

    @property
    def band(self) -> str:
        return next(name for low, high, name in BANDS if low <= len(self.text) <= high)


@dataclass(frozen=True)
class Outcome:
    """What the bot made of one message."""

    intent: str | None
    reply: str | None
    urgent: bool
    who: str
    when: str


def load(split: str, folder: Path = REALISTIC) -> list[Labelled]:
    """Every message of a split ("test" or "dev"), from all its files."""
    rows = []
    for path in sorted(folder.glob(f"{split}_*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                rows.append(Labelled(**{k: row.get(k) for k in Labelled.__dataclass_fields__}))
            except (ValueError, TypeError) as error:
                raise click.ClickException(f"{path.name}:{number}: {error}") from None
    return rows


def model_parser(model: Path | None) -> Callable[[str], Any]:
    """An async parse function over a trained model, or one that says "unavailable"."""
    if model is None:

        async def unavailable(text: str) -> None:
            return None

        return unavailable
    from nlu.client import clean, load_agent, to_parse

    agent = load_agent(model)

    async def parse(text: str) -> Any:
        cleaned = clean(text)
        return to_parse(await agent.parse_message(cleaned)) if cleaned else None

    return parse


async def outcomes(
    rows: Iterable[Labelled], parse: Callable[[str], Any], thresholds: Any = None
) -> list[Outcome]:
    """Run the bot's understand step and policy on each message, as a new conversation."""
    from bot.core.policy import decision as policy
    from bot.core.policy import typed
    from bot.core.session import Session
    from bot.core.understanding import understand

    thresholds = thresholds or policy.Thresholds()
    facts = policy.Facts(session=Session(key="eval"))
    results = []
    for row in rows:
        u = await understand(
            row.text, parse, thresholds.urgent, uncued_threshold=thresholds.urgent_uncued
        )
        decision = typed.decide_text(u, facts, thresholds)
        reply = (
            decision.say[0].key
            if decision.say
            else ("services" if decision.find_services else None)
        )
        results.append(Outcome(u.intent, reply, u.urgency.is_urgent, u.who, u.when))
    return results


def correct(row: Labelled, out: Outcome) -> bool:
    return out.intent in (row.intent, row.second)


def figures(rows: list[Labelled], outs: list[Outcome]) -> dict[str, Any]:
    """Accuracy, "not understood", urgent recall and false urgent, overall and by group."""

    def share(pairs: list[tuple[Labelled, Outcome]], test: Callable[..., bool]) -> float | None:
        return sum(test(r, o) for r, o in pairs) / len(pairs) if pairs else None

    pairs = list(zip(rows, outs))
    gbv = [(r, o) for r, o in pairs if r.kind == "gbv"]
    urgent = [(r, o) for r, o in pairs if r.urgent]
    calm = [(r, o) for r, o in pairs if not r.urgent]
    everyday = [(r, o) for r, o in pairs if r.kind == "everyday"]
    groups: dict[str, list[tuple[Labelled, Outcome]]] = defaultdict(list)
    for r, o in pairs:
        groups[f"style:{r.style}"].append((r, o))
        groups[f"length:{r.band}"].append((r, o))
        groups[f"kind:{r.kind}"].append((r, o))
        groups[f"who:{r.who}"].append((r, o))
    long_ = [(r, o) for r, o in pairs if len(r.text) > 120]
    return {
        "n": len(pairs),
        "accuracy": share(pairs, correct),
        "accuracy_long": share(long_, correct),
        "not_understood": share(gbv, lambda r, o: o.reply in NOT_UNDERSTOOD),
        "urgent_recall": share(urgent, lambda r, o: o.urgent),
        "false_urgent": share(calm, lambda r, o: o.urgent),
        "false_urgent_everyday": share(everyday, lambda r, o: o.urgent),
        "who": share(pairs, lambda r, o: o.who == r.who),
        "when": share(gbv, lambda r, o: o.when == r.when),
        "groups": {
            name: {
                "n": len(g),
                "accuracy": share(g, correct),
                "not_understood": share(
                    [p for p in g if p[0].kind == "gbv"], lambda r, o: o.reply in NOT_UNDERSTOOD
                ),
                "urgent_recall": share([p for p in g if p[0].urgent], lambda r, o: o.urgent),
                "false_urgent": share([p for p in g if not p[0].urgent], lambda r, o: o.urgent),
            }
            for name, g in sorted(groups.items())
        },
        "misses": [
            {"intent": r.intent, "got": o.intent, "style": r.style, "length": len(r.text)}
            for r, o in urgent
            if not o.urgent
        ],
    }


def _pct(value: float | None) -> str:
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
        f"{counts['dev']}-message dev split only (`python -m nlu.realistic --dev`). Each message "
        "goes through the bot's own understand step and policy as the first message of a "
        "conversation.",
        f"Thresholds in force (nlu/thresholds.py): intent {thresholds.intent}, or "
        f"{thresholds.corroborated} when a cue in her words agrees; the model's urgent vote "
        f"{thresholds.urgent} with a danger cue, {thresholds.urgent_uncued} without one.",
        "",
        "How urgency is decided (bot/core/understanding.py): the deterministic safety screen "
        "reads the whole message (up to 4,096 characters) first, with everyday idioms blanked "
        '("mệt muốn chết", "killing time"). The model then votes with its urgent_help '
        "probability, wherever it ranks, on the whole message, the question sentence and each "
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
            values.append(_pct(value) + _mark(ok))
        goal = "—" if target is None else ("≥ " if higher else "≤ ") + f"{100 * target:.0f} %"
        lines.append(f"| {label} | {goal} | " + " | ".join(values) + " |")
    screen_ok = screen["urgent_recall"] is not None and (
        screen["urgent_recall"] >= TARGETS["urgent_recall_screen"]
    )
    lines += [
        f"| urgent recall, model unavailable (screen alone) | ≥ 90 % | "
        f"{_pct(screen['urgent_recall'])}{_mark(screen_ok)} |" + " |" * (len(names) - 1),
        f"| false urgent, model unavailable | ≤ 3 % | {_pct(screen['false_urgent'])} |"
        + " |" * (len(names) - 1),
        "",
        f"Lowest accuracy of any writing style (target ≥ 80 %): {_pct(worst)}"
        f"{_mark(None if worst is None else worst >= 0.80)}.",
        "",
        "### By group (ours)",
        "",
        "| group | n | accuracy | not understood | urgent recall | false urgent |",
        "|---|---|---|---|---|---|",
    ]
    for name, g in ours["groups"].items():
        lines.append(
            f"| {name} | {g['n']} | {_pct(g['accuracy'])} | {_pct(g['not_understood'])} | "
            f"{_pct(g['urgent_recall'])} | {_pct(g['false_urgent'])} |"
        )
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


def dev_tables(rows: list[Labelled], parse: Callable[[str], Any]) -> str:
    """What each threshold would do on the dev split: the only place they are chosen."""
    from bot.core.policy.decision import Thresholds

    base = Thresholds()
    out = ["intent threshold: accuracy, not understood (GBV), wrong answers (answered, wrong)"]
    for step in range(4, 13):
        t = step / 20
        outs = asyncio.run(outcomes(rows, parse, replace(base, intent=t)))
        f = figures(rows, outs)
        wrong = sum(
            1 for r, o in zip(rows, outs) if o.reply not in NOT_UNDERSTOOD and not correct(r, o)
        ) / len(rows)
        out.append(f"  {t:.2f}: {_pct(f['accuracy'])}, {_pct(f['not_understood'])}, {_pct(wrong)}")
    out.append("corroborated threshold: accuracy, not understood (GBV), wrong answers")
    for t in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35):
        outs = asyncio.run(outcomes(rows, parse, replace(base, corroborated=t)))
        f = figures(rows, outs)
        wrong = sum(
            1 for r, o in zip(rows, outs) if o.reply not in NOT_UNDERSTOOD and not correct(r, o)
        ) / len(rows)
        out.append(f"  {t:.2f}: {_pct(f['accuracy'])}, {_pct(f['not_understood'])}, {_pct(wrong)}")
    out.append("uncued urgent vote: urgent recall, false urgent, false urgent everyday")
    for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01):
        f = figures(rows, asyncio.run(outcomes(rows, parse, replace(base, urgent_uncued=t))))
        out.append(
            f"  {t:.2f}: {_pct(f['urgent_recall'])}, {_pct(f['false_urgent'])}, "
            f"{_pct(f['false_urgent_everyday'])}"
        )
    out.append("urgent vote threshold: urgent recall, false urgent, false urgent everyday")
    for t in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5):
        f = figures(rows, asyncio.run(outcomes(rows, parse, replace(base, urgent=t))))
        out.append(
            f"  {t:.2f}: {_pct(f['urgent_recall'])}, {_pct(f['false_urgent'])}, "
            f"{_pct(f['false_urgent_everyday'])}"
        )
    return "\n".join(out)


@click.command()
@click.option("--model", type=click.Path(path_type=Path), help="Our model (default: latest).")
@click.option(
    "--baseline-model",
    type=click.Path(path_type=Path),
    help="A model of Rasa's default pipeline on the same data, to compare.",
)
@click.option("--dev", is_flag=True, help="Print the dev split's threshold tables instead.")
@click.option("--report", type=click.Path(path_type=Path), default=REPORT, show_default=True)
def main(model: Path | None, baseline_model: Path | None, dev: bool, report: Path) -> None:
    """Evaluate on the realistic set and write its section of the NLU report.

    Example: python -m nlu.realistic --baseline-model nlu/models/config-default-....tar.gz
    """
    from bot.core.policy.decision import Thresholds
    from nlu.train import latest_model, model_path

    model = model or latest_model()
    if baseline_model is None:  # the default pipeline trained on exactly our current data
        exact = model_path(NLU_DIR / "config-default.yml")
        baseline_model = exact if exact.exists() else None
    if dev:
        click.echo(dev_tables(load("dev"), model_parser(model)))
        return
    rows = load("test")
    if not rows:
        raise click.ClickException(f"No realistic test messages in {REALISTIC}/test_*.jsonl")
    runs = {}
    for name, path in (("ours", model), ("Rasa default", baseline_model)):
        if path is None:
            continue
        outs = asyncio.run(outcomes(rows, model_parser(path)))
        runs[name] = figures(rows, outs)
    screen_outs = asyncio.run(outcomes(rows, model_parser(None)))
    screen = figures(rows, screen_outs)
    counts = {"test": len(rows), "dev": len(load("dev"))}
    write_section(render(runs, screen, counts, Thresholds()), report)
    click.echo(
        json.dumps(
            {k: v for k, v in runs["ours"].items() if k not in ("groups", "misses")}, default=str
        )
    )
    click.echo(str(report))


if __name__ == "__main__":
    sys.exit(main())
