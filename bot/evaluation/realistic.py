"""Measure the bot's understanding on the realistic set: messages written as people write.

`python -m bot.evaluation.realistic` (part of `make nlu-eval`) reads
`nlu/realistic/test_*.jsonl`, runs the bot's own "understand" step (bot.core.understanding:
safety screen, model on the whole message and on the question sentence, the danger-cue gate,
who/when) and its policy, and writes the figures into docs/nlu-report.md between the
realistic-set markers (bot.evaluation.realistic_report). The dev split
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

from bot.core.policy.decision import Facts, Thresholds
from bot.core.policy.typed import decide_text
from bot.core.session import Session
from bot.core.understanding import understand
from bot.evaluation import realistic_report
from bot.evaluation.realistic_report import REPORT, pct, write_section
from nlu.client import clean, load_agent, to_parse
from nlu.train import NLU_DIR, latest_model, model_path

REALISTIC = NLU_DIR / "realistic"
STYLES = ("vi_accented", "vi_plain", "teencode", "en", "mixed")
BANDS = ((0, 60, "≤ 60"), (61, 120, "61–120"), (121, 250, "121–250"), (251, 10**6, "> 250"))
NOT_UNDERSTOOD = frozenset({"clarify", "clarify_again", "nlu_loading"})


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
    part: str = ""  # the file it comes from: test_c.jsonl is part "c"

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


def load(split: str, folder: Path = REALISTIC, parts: str = "") -> list[Labelled]:
    """Every message of a split ("test" or "dev"), from all its files (or only the parts
    named, "ac" for dev_a and dev_c: a part nobody reads the errors of checks the others)."""
    rows = []
    for path in sorted(folder.glob(f"{split}_*.jsonl")):
        if parts and path.stem.rsplit("_", 1)[-1] not in parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                fields = {k: row.get(k) for k in Labelled.__dataclass_fields__ if k != "part"}
                rows.append(Labelled(**fields, part=path.stem.rsplit("_", 1)[-1]))
            except (ValueError, TypeError) as error:
                raise click.ClickException(f"{path.name}:{number}: {error}") from None
    return rows


def model_parser(model: Path | None) -> Callable[[str], Any]:
    """An async parse function over a trained model, or one that says "unavailable"."""
    if model is None:

        async def unavailable(text: str) -> None:
            return None

        return unavailable
    agent = load_agent(model)

    async def parse(text: str) -> Any:
        cleaned = clean(text)
        return to_parse(await agent.parse_message(cleaned)) if cleaned else None

    return parse


async def outcomes(
    rows: Iterable[Labelled], parse: Callable[[str], Any], thresholds: Any = None
) -> list[Outcome]:
    """Run the bot's understand step and policy on each message, as a new conversation."""
    thresholds = thresholds or Thresholds()
    facts = Facts(session=Session(key="eval"))
    results = []
    for row in rows:
        u = await understand(
            row.text, parse, thresholds.urgent, uncued_threshold=thresholds.urgent_uncued
        )
        decision = decide_text(u, facts, thresholds)
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
        if r.part:
            groups[f"part:{r.part}"].append((r, o))
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


def dev_tables(rows: list[Labelled], parse: Callable[[str], Any]) -> str:
    """What each threshold would do on the dev split: the only place they are chosen."""
    base = Thresholds()
    out = ["intent threshold: accuracy, not understood (GBV), wrong answers (answered, wrong)"]
    for step in range(4, 13):
        t = step / 20
        outs = asyncio.run(outcomes(rows, parse, replace(base, intent=t)))
        f = figures(rows, outs)
        wrong = sum(
            1 for r, o in zip(rows, outs) if o.reply not in NOT_UNDERSTOOD and not correct(r, o)
        ) / len(rows)
        out.append(f"  {t:.2f}: {pct(f['accuracy'])}, {pct(f['not_understood'])}, {pct(wrong)}")
    out.append("corroborated threshold: accuracy, not understood (GBV), wrong answers")
    for t in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35):
        outs = asyncio.run(outcomes(rows, parse, replace(base, corroborated=t)))
        f = figures(rows, outs)
        wrong = sum(
            1 for r, o in zip(rows, outs) if o.reply not in NOT_UNDERSTOOD and not correct(r, o)
        ) / len(rows)
        out.append(f"  {t:.2f}: {pct(f['accuracy'])}, {pct(f['not_understood'])}, {pct(wrong)}")
    out.append("uncued urgent vote: urgent recall, false urgent, false urgent everyday")
    for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01):
        f = figures(rows, asyncio.run(outcomes(rows, parse, replace(base, urgent_uncued=t))))
        out.append(
            f"  {t:.2f}: {pct(f['urgent_recall'])}, {pct(f['false_urgent'])}, "
            f"{pct(f['false_urgent_everyday'])}"
        )
    out.append("urgent vote threshold: urgent recall, false urgent, false urgent everyday")
    for t in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5):
        f = figures(rows, asyncio.run(outcomes(rows, parse, replace(base, urgent=t))))
        out.append(
            f"  {t:.2f}: {pct(f['urgent_recall'])}, {pct(f['false_urgent'])}, "
            f"{pct(f['false_urgent_everyday'])}"
        )
    return "\n".join(out)


def dev_errors(rows: list[Labelled], outs: list[Outcome]) -> str:
    """The dev figures, then each dev message missed, wrongly flagged or misread."""
    f = figures(rows, outs)
    lines = [
        f"dev: {f['n']} messages; accuracy {pct(f['accuracy'])}, long {pct(f['accuracy_long'])},"
        f" not understood {pct(f['not_understood'])}, urgent recall {pct(f['urgent_recall'])},"
        f" false urgent {pct(f['false_urgent'])}, everyday {pct(f['false_urgent_everyday'])}",
        *(
            f"  {name}: n={g['n']} accuracy {pct(g['accuracy'])}"
            f" recall {pct(g['urgent_recall'])} false {pct(g['false_urgent'])}"
            for name, g in f["groups"].items()
        ),
    ]
    for row, out in zip(rows, outs):
        if row.urgent != out.urgent:
            what = "MISSED URGENT" if row.urgent else "FALSE URGENT"
        elif not correct(row, out):
            what = f"INTENT {row.intent}/{row.second} got {out.intent}"
        else:
            continue
        lines.append(f"{what} [{row.style}, {row.who}] {row.text}")
    return "\n".join(lines)


def screen_errors(rows: list[Labelled], outs: list[Outcome]) -> str:
    """Each dev message the screen alone (model down) misses or wrongly flags."""
    return "\n".join(
        f"SCREEN {'MISSED' if row.urgent else 'FALSE'} [{row.style}, {row.who}] {row.text}"
        for row, out in zip(rows, outs)
        if row.urgent != out.urgent
    )


@click.command()
@click.option("--model", type=click.Path(path_type=Path), help="Our model (default: latest).")
@click.option(
    "--baseline-model",
    type=click.Path(path_type=Path),
    help="A model of Rasa's default pipeline on the same data, to compare.",
)
@click.option("--dev", is_flag=True, help="Print the dev split's threshold tables instead.")
@click.option(
    "--errors",
    is_flag=True,
    help="With --dev: the dev figures and every dev message the bot gets wrong (never test).",
)
@click.option("--parts", default="", help="With --dev: only these dev files, e.g. 'abc'.")
@click.option("--report", type=click.Path(path_type=Path), default=REPORT, show_default=True)
def main(
    model: Path | None,
    baseline_model: Path | None,
    dev: bool,
    errors: bool,
    parts: str,
    report: Path,
) -> None:
    """Evaluate on the realistic set and write its section of the NLU report.

    Example:
    python -m bot.evaluation.realistic --baseline-model nlu/models/config-default-....tar.gz
    """
    model = model or latest_model()
    if baseline_model is None:  # the default pipeline trained on exactly our current data
        exact = model_path(NLU_DIR / "config-default.yml")
        baseline_model = exact if exact.exists() else None
    if errors and not dev:
        raise click.UsageError("--errors reads the dev split only: add --dev")
    if dev:
        rows = load("dev", parts=parts)
        if errors:
            click.echo(dev_errors(rows, asyncio.run(outcomes(rows, model_parser(model)))))
            screen_outs = asyncio.run(outcomes(rows, model_parser(None)))
            screen = figures(rows, screen_outs)
            click.echo(
                f"screen alone: urgent recall {pct(screen['urgent_recall'])}, "
                f"false urgent {pct(screen['false_urgent'])}"
            )
            click.echo(screen_errors(rows, screen_outs))
            return
        click.echo(dev_tables(rows, model_parser(model)))
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
    write_section(realistic_report.render(runs, screen, counts, Thresholds()), report)
    click.echo(
        json.dumps(
            {k: v for k, v in runs["ours"].items() if k not in ("groups", "misses")}, default=str
        )
    )
    click.echo(str(report))


if __name__ == "__main__":
    sys.exit(main())
