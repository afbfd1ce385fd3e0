"""Evaluate our pipeline and Rasa's default on the held-out set; write docs/nlu-report.md."""

from __future__ import annotations

import asyncio
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
import yaml

from nlu import thresholds
from nlu.train import DEFAULT_CONFIG, DEFAULT_DATA, DEFAULT_OUT, NLU_DIR, train, training_info

REPO = NLU_DIR.parent
DEFAULT_BASELINE = NLU_DIR / "config-default.yml"
DEFAULT_TESTS = NLU_DIR / "tests"
DEFAULT_REPORT = REPO / "docs" / "nlu-report.md"
VARIANTS = ("diacritics", "plain", "abbrev", "english", "mixed")
URGENT = "urgent_help"
FALLBACK = "nlu_fallback"

# Off-topic and keyboard-mash probes, written here and kept out of the training data, to check
# that nothing meaningless lands confidently on a survivor intent.
PROBES: tuple[str, ...] = (
    "asdkjh qwe",
    "hjkl",
    "zzzzzz",
    "qwertyuiop asdf",
    "...",
    "lol",
    "hmm",
    "??? !!!",
    "jshdf kjsdhf sdkjf",
    "aaaaaaa",
    "xyz 123",
    "ok la",
    "k",
    "thời tiết đà lạt tuần sau thế nào",
    "cach lam banh mi",
    "giá iphone 16 bao nhiêu",
    "ai vo dich world cup 2022",
    "1 + 1 bằng mấy",
    "ke chuyen cuoi di",
    "hom nay an gi",
    "what's the weather in hanoi",
    "recommend a good movie",
    "how tall is mount everest",
    "best pho recipe",
    "where can i buy cheap shoes",
    "translate hello to french",
)

TARGETS = {
    "macro_f1": 0.92,
    "variant_accuracy": 0.88,
    "urgent_recall_screen": 0.98,
    "false_urgent": 0.03,
    "p50_ms": 15.0,
    "p99_ms": 40.0,
    "train_seconds": 300.0,
}


@dataclass(frozen=True)
class Example:
    """One held-out message with its expected intent and writing variant."""

    text: str
    intent: str
    variant: str


@dataclass(frozen=True)
class Prediction:
    """The model's answer: top intent (fallback skipped), its confidence, urgent_help's."""

    intent: str
    confidence: float
    urgent_confidence: float


@dataclass
class Run:
    """Everything measured for one pipeline."""

    name: str
    config: Path
    model: Path
    train_seconds: float | None
    load_seconds: float
    rss_mb: float
    latencies_ms: list[float]
    predictions: list[Prediction]  # held-out examples first, then PROBES
    notes: list[str] = field(default_factory=list)


def load_heldout(tests_dir: Path = DEFAULT_TESTS) -> list[Example]:
    """Every held-out line from tests_dir/*.yml, with the variant from its block's metadata."""
    examples: list[Example] = []
    for path in sorted(tests_dir.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in document.get("nlu") or ():
            if "intent" not in block:
                continue
            variant = str((block.get("metadata") or {}).get("variant", "unknown"))
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- ") and line[2:].strip():
                    examples.append(Example(line[2:].strip(), block["intent"], variant))
    return examples


# --- measuring a model, in a fresh process so its memory is its own -------------------------


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _prediction(result: dict[str, Any]) -> Prediction:
    ranking = [r for r in result.get("intent_ranking") or () if r["name"] != FALLBACK]
    top = ranking[0] if ranking else (result.get("intent") or {"name": FALLBACK, "confidence": 0})
    urgent = next((r["confidence"] for r in ranking if r["name"] == URGENT), 0.0)
    return Prediction(str(top["name"]), float(top["confidence"]), float(urgent))


def measure(model: Path, texts: list[str], rounds: int = 3) -> dict[str, Any]:
    """Load the model, parse every text `rounds` times; predictions, latency, load time, RSS."""
    from nlu.client import clean, load_agent
    from nlu.train import quiet

    quiet()
    import rasa.core.agent  # noqa: F401 - imported before the baseline RSS on purpose

    before = _rss_mb()
    started = time.perf_counter()
    agent = load_agent(model)
    load_seconds = time.perf_counter() - started
    rss_mb = _rss_mb() - before

    async def parse_all() -> tuple[list[dict[str, Any]], list[float]]:
        for text in texts[:10]:  # warm-up: first parses build caches
            await agent.parse_message(clean(text))
        results, latencies = [], []
        for round_ in range(rounds):
            for text in texts:
                t0 = time.perf_counter()
                result = await agent.parse_message(clean(text))
                latencies.append((time.perf_counter() - t0) * 1000)
                if round_ == 0:
                    results.append(result)
        return results, latencies

    results, latencies = asyncio.run(parse_all())
    return {
        "load_seconds": load_seconds,
        "rss_mb": rss_mb,
        "latencies_ms": latencies,
        "predictions": [_prediction(r).__dict__ for r in results],
    }


def run_pipeline(name: str, config: Path, data: Path, out: Path, texts: list[str]) -> Run:
    """Train if needed, then measure the model in a child process."""
    model, seconds = train(config, out, data)
    if seconds is None and training_info(model).exists():
        seconds = json.loads(training_info(model).read_text()).get("train_seconds")
    with tempfile.TemporaryDirectory() as tmp:
        texts_file, result_file = Path(tmp, "texts.json"), Path(tmp, "result.json")
        texts_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "nlu.evaluate",
                "--worker",
                str(model),
                "--texts",
                str(texts_file),
                "--result",
                str(result_file),
            ],
            cwd=REPO,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        measured = json.loads(result_file.read_text(encoding="utf-8"))
    return Run(
        name=name,
        config=config,
        model=model,
        train_seconds=seconds,
        load_seconds=measured["load_seconds"],
        rss_mb=measured["rss_mb"],
        latencies_ms=measured["latencies_ms"],
        predictions=[Prediction(**p) for p in measured["predictions"]],
    )


# --- metrics ---------------------------------------------------------------------------------

Scores = dict[str, tuple[float, float, float, int]]


def per_intent(truth: list[str], predicted: list[str]) -> Scores:
    """precision, recall, F1 and support for every intent in the truth."""
    scores = {}
    for intent in sorted(set(truth)):
        tp = sum(t == p == intent for t, p in zip(truth, predicted))
        n_pred = sum(p == intent for p in predicted)
        n_true = sum(t == intent for t in truth)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_true if n_true else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[intent] = (precision, recall, f1, n_true)
    return scores


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)] if ordered else float("nan")


def screen_function() -> Callable[[str], bool] | None:
    """bot.core.safety.screen as text -> is_urgent, or None while it is not available."""
    try:
        from bot.core.safety import screen
    except Exception:  # noqa: BLE001 - the report says "not available"
        return None
    return lambda text: bool(screen(text).is_urgent)


@dataclass
class Figures:
    """The summary numbers of one run on the held-out set."""

    accuracy: float
    macro_f1: float
    scores: Scores
    variants: dict[str, tuple[float, int]]
    urgent_recall_top: float
    urgent_recall_model: float
    urgent_recall_screen: float | None
    false_urgent_model: float
    false_urgent_screen: float | None
    confused: list[tuple[tuple[str, str], int]]
    p50: float
    p99: float


def figures(run: Run, examples: list[Example], screened: list[bool] | None) -> Figures:
    """Compute the report's numbers for one run."""
    preds = run.predictions[: len(examples)]
    truth = [e.intent for e in examples]
    predicted = [p.intent for p in preds]
    scores = per_intent(truth, predicted)
    variants = {}
    for variant in sorted({e.variant for e in examples}, key=_variant_order):
        hits = [p.intent == e.intent for e, p in zip(examples, preds) if e.variant == variant]
        variants[variant] = (sum(hits) / len(hits), len(hits))
    urgent_idx = [i for i, e in enumerate(examples) if e.intent == URGENT]
    other_idx = [i for i, e in enumerate(examples) if e.intent != URGENT]
    model_urgent = [model_says_urgent(p, thresholds.URGENT_THRESHOLD) for p in preds]
    either = [m or s for m, s in zip(model_urgent, screened)] if screened else None

    def share(flags: list[bool], idx: list[int]) -> float:
        return sum(flags[i] for i in idx) / len(idx) if idx else float("nan")

    confused = Counter((t, p) for t, p in zip(truth, predicted) if t != p).most_common(10)
    return Figures(
        accuracy=sum(t == p for t, p in zip(truth, predicted)) / len(truth),
        macro_f1=statistics.fmean(s[2] for s in scores.values()),
        scores=scores,
        variants=variants,
        urgent_recall_top=share([p == URGENT for p in predicted], urgent_idx),
        urgent_recall_model=share(model_urgent, urgent_idx),
        urgent_recall_screen=share(either, urgent_idx) if either else None,
        false_urgent_model=share(model_urgent, other_idx),
        false_urgent_screen=share(either, other_idx) if either else None,
        confused=confused,
        p50=percentile(run.latencies_ms, 50),
        p99=percentile(run.latencies_ms, 99),
    )


def model_says_urgent(p: Prediction, threshold: float) -> bool:
    """The engine's rule (bot/core/engine.py): top intent urgent_help at >= threshold."""
    return p.intent == URGENT and p.confidence >= threshold


def _variant_order(variant: str) -> int:
    return VARIANTS.index(variant) if variant in VARIANTS else len(VARIANTS)


# --- the report ------------------------------------------------------------------------------


def _shown(path: Path) -> str:
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def _pct(value: float | None) -> str:
    return "not available" if value is None or math.isnan(value) else f"{value:.1%}"


def _num(value: float | None, unit: str = "", digits: int = 1) -> str:
    return "unknown" if value is None else f"{value:.{digits}f}{unit}"


def histogram(values: list[float], bins: int = 10) -> list[int]:
    """Counts of values in [0, 0.1), [0.1, 0.2) ... [0.9, 1.0]."""
    counts = [0] * bins
    for value in values:
        counts[min(bins - 1, int(value * bins))] += 1
    return counts


def threshold_section(run: Run, examples: list[Example]) -> list[str]:
    """Histograms and the sweep the thresholds in nlu/thresholds.py were chosen from."""
    preds = run.predictions[: len(examples)]
    probes = run.predictions[len(examples) :]
    right = [p.confidence for e, p in zip(examples, preds) if p.intent == e.intent]
    wrong = [p.confidence for e, p in zip(examples, preds) if p.intent != e.intent]
    off_topic = [p for e, p in zip(examples, preds) if e.intent == "out_of_scope"] + probes
    off_survivor = [p.confidence for p in off_topic if p.intent in thresholds.SURVIVOR_INTENTS]
    lines = [
        "## Thresholds",
        "",
        f"Chosen for `{_shown(run.config)}` and written to `nlu/thresholds.py`: "
        f"INTENT_THRESHOLD = {thresholds.INTENT_THRESHOLD}, "
        f"URGENT_THRESHOLD = {thresholds.URGENT_THRESHOLD}.",
        "",
        "Top-intent confidence on the held-out set (correct vs wrong), and on off-topic text "
        f"(held-out out_of_scope plus {len(PROBES)} gibberish/off-topic probes kept in "
        "`nlu/evaluate.py`) when it landed on a survivor intent:",
        "",
        "| confidence | correct | wrong | off-topic on a survivor intent |",
        "|---|---|---|---|",
    ]
    for i, (a, b, c) in enumerate(
        zip(histogram(right), histogram(wrong), histogram(off_survivor))
    ):
        lines.append(f"| {i / 10:.1f}–{(i + 1) / 10:.1f} | {a} | {b} | {c} |")
    worst = max(off_survivor, default=0.0)
    kept = sum(c >= thresholds.INTENT_THRESHOLD for c in right) / max(1, len(right))
    dropped = sum(c < thresholds.INTENT_THRESHOLD for c in wrong) / max(1, len(wrong))
    lines += [
        "",
        f"Highest confidence of off-topic text on a survivor intent: {worst:.2f}. "
        f"At INTENT_THRESHOLD = {thresholds.INTENT_THRESHOLD}: {kept:.1%} of correct answers "
        f"are acted on and {dropped:.1%} of wrong answers fall back to a clarifying question.",
        "",
        "Probes (top intent, confidence):",
        "",
        "| probe | intent | confidence | confident survivor intent? |",
        "|---|---|---|---|",
    ]
    for text, p in zip(PROBES, probes):
        bad = (
            p.intent in thresholds.SURVIVOR_INTENTS and p.confidence >= thresholds.INTENT_THRESHOLD
        )
        flag = "**yes**" if bad else "no"
        lines.append(f"| `{text}` | {p.intent} | {p.confidence:.2f} | {flag} |")
    urgent = [i for i, e in enumerate(examples) if e.intent == URGENT]
    other = [i for i, e in enumerate(examples) if e.intent != URGENT]
    lines += [
        "",
        "urgent_help sweep (model alone; urgent when the top intent is urgent_help at or "
        "above the threshold, as bot/core/engine.py decides):",
        "",
        "| URGENT_THRESHOLD | urgent_help recall | non-urgent flagged |",
        "|---|---|---|",
    ]
    for t in (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5):
        rec = sum(model_says_urgent(preds[i], t) for i in urgent) / max(1, len(urgent))
        fp = sum(model_says_urgent(preds[i], t) for i in other) / max(1, len(other))
        lines.append(f"| {t} | {rec:.1%} | {fp:.1%} |")
    return lines + [""]


def target_rows(f: Figures, run: Run) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met) for each target of the issue."""
    worst_variant = min(f.variants.items(), key=lambda kv: kv[1][0])
    return [
        ("held-out macro-F1 >= 0.92", f"{f.macro_f1:.3f}", f.macro_f1 >= TARGETS["macro_f1"]),
        (
            "every variant's accuracy >= 0.88",
            f"lowest: {worst_variant[0]} {worst_variant[1][0]:.1%}",
            worst_variant[1][0] >= TARGETS["variant_accuracy"],
        ),
        (
            "urgent_help recall with screen >= 98 %",
            _pct(f.urgent_recall_screen),
            None
            if f.urgent_recall_screen is None
            else f.urgent_recall_screen >= TARGETS["urgent_recall_screen"],
        ),
        (
            "non-urgent flagged urgent <= 3 %",
            _pct(f.false_urgent_screen),
            None
            if f.false_urgent_screen is None
            else f.false_urgent_screen <= TARGETS["false_urgent"],
        ),
        ("parse p50 <= 15 ms", f"{f.p50:.1f} ms", f.p50 <= TARGETS["p50_ms"]),
        ("parse p99 <= 40 ms", f"{f.p99:.1f} ms", f.p99 <= TARGETS["p99_ms"]),
        (
            "training <= 5 min",
            _num(run.train_seconds, " s"),
            None if run.train_seconds is None else run.train_seconds <= TARGETS["train_seconds"],
        ),
    ]


def why_missed(f: Figures, training: list[Example], examples: list[Example]) -> list[str]:
    """Plain reasons for missed accuracy targets, with the figures that support them."""
    per_intent_train = Counter(e.intent for e in training)
    survivors = [per_intent_train[i] for i in thresholds.SURVIVOR_INTENTS]
    held = Counter(e.intent for e in examples)
    pairs = ", ".join(f"{t} → {p}" for (t, p), _ in f.confused[:4])
    worst = min(f.variants.items(), key=lambda kv: kv[1][0])[0]
    return [
        "Why: the model learns from "
        f"{len(training)} training lines, {min(survivors, default=0)}–"
        f"{max(survivors, default=0)} per survivor intent. Neighbouring intents share most of "
        f"their words (most confused here: {pairs}), and with "
        f"{min(held.values())}–{max(held.values())} held-out lines per intent one line moves an "
        "intent's recall by 6–17 points. A bigger classifier does not close the gap: DIET on "
        "the same features scored within noise of this one while training 30 times longer "
        f"(`nlu/README.md`). The weakest variant is {worst}"
        + (
            ": folding and abbreviation expansion do nothing for English, so English rests on "
            "its share of the training lines alone."
            if worst == "english"
            else "."
        )
        + " What would help: more training lines for the confused pairs and the weakest "
        "variant, written as people write, then re-running `make nlu-eval`.",
    ]


def render(
    runs: list[Run],
    examples: list[Example],
    screened: list[bool] | None,
    training: list[Example] | None = None,
) -> str:
    """The whole Markdown report."""
    training = training or []
    figs = [figures(r, examples, screened) for r in runs]
    counts = Counter(e.variant for e in examples)
    lines = [
        "# NLU evaluation",
        "",
        "Generated by `python -m nlu.evaluate` (`make nlu-eval`); do not edit by hand.",
        "",
        f"Held-out set: {len(examples)} messages from `nlu/tests/*.yml` "
        f"({', '.join(f'{v} {counts[v]}' for v in sorted(counts, key=_variant_order))}); "
        "none of them is in the training data. Machine: 2 CPU cores. Latency: "
        "`await agent.parse_message(text)` in-process, every held-out message 3 times after a "
        "warm-up. Memory: RSS growth of a fresh process across `Agent.load` (rasa already "
        "imported).",
        "",
        "## Summary",
        "",
        "| | " + " | ".join(f"{r.name} (`{r.config.name}`)" for r in runs) + " |",
        "|---|" + "---|" * len(runs),
    ]

    def row(label: str, values: list[str]) -> None:
        lines.append(f"| {label} | " + " | ".join(values) + " |")

    row("accuracy", [f"{f.accuracy:.1%}" for f in figs])
    row("macro-F1", [f"{f.macro_f1:.3f}" for f in figs])
    for variant in sorted(counts, key=_variant_order):
        row(f"accuracy, {variant}", [f"{f.variants[variant][0]:.1%}" for f in figs])
    row("urgent_help recall, top intent", [_pct(f.urgent_recall_top) for f in figs])
    row(
        f"urgent_help recall, model (urgent_help >= {thresholds.URGENT_THRESHOLD})",
        [_pct(f.urgent_recall_model) for f in figs],
    )
    row("urgent_help recall, model + safety screen", [_pct(f.urgent_recall_screen) for f in figs])
    row("non-urgent flagged urgent, model", [_pct(f.false_urgent_model) for f in figs])
    row("non-urgent flagged urgent, model + screen", [_pct(f.false_urgent_screen) for f in figs])
    row("parse latency p50", [f"{f.p50:.1f} ms" for f in figs])
    row("parse latency p99", [f"{f.p99:.1f} ms" for f in figs])
    row("model memory (RSS delta after load)", [f"{r.rss_mb:.0f} MB" for r in runs])
    row("load time", [f"{r.load_seconds:.1f} s" for r in runs])
    row("training time", [_num(r.train_seconds, " s") for r in runs])
    if screened is None:
        lines += [
            "",
            "Safety screen (`bot.core.safety.screen`): not available, so the figures "
            "that need it say so.",
        ]
    for r in runs:
        lines += [f"- {r.name}: {note}" for note in r.notes]

    lines += [
        "",
        f"## Targets ({runs[0].name})",
        "",
        "| target | measured | met |",
        "|---|---|---|",
    ]
    misses = []
    for target, measured, met in target_rows(figs[0], runs[0]):
        mark = "yes" if met else ("unknown" if met is None else "**NO**")
        lines.append(f"| {target} | {measured} | {mark} |")
        if met is False:
            misses.append(target)
    lines += ["", "Targets not met: " + ("; ".join(misses) if misses else "none") + ".", ""]
    if misses:
        lines += why_missed(figs[0], training, examples) + [""]

    lines += [
        "## Per intent (precision / recall / F1)",
        "",
        "| intent | support | " + " | ".join(r.name for r in runs) + " |",
        "|---|---|" + "---|" * len(runs),
    ]
    for intent in figs[0].scores:
        cells = [
            f"{f.scores[intent][0]:.2f} / {f.scores[intent][1]:.2f} / {f.scores[intent][2]:.2f}"
            for f in figs
        ]
        lines.append(f"| {intent} | {figs[0].scores[intent][3]} | " + " | ".join(cells) + " |")

    for r, f in zip(runs, figs):
        lines += [
            "",
            f"## Most confused pairs: {r.name}",
            "",
            "| expected | predicted | count |",
            "|---|---|---|",
        ]
        lines += [f"| {t} | {p} | {n} |" for (t, p), n in f.confused] or ["| none | | |"]
    lines += [""] + threshold_section(runs[0], examples)
    return "\n".join(lines)


@click.command()
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=DEFAULT_CONFIG,
    show_default=True,
    help="Our pipeline.",
)
@click.option(
    "--baseline",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=DEFAULT_BASELINE,
    show_default=True,
    help="Rasa's default pipeline.",
)
@click.option("--no-baseline", is_flag=True, help="Evaluate our pipeline only.")
@click.option(
    "--data",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=DEFAULT_DATA,
    show_default=True,
    help="Training data folder.",
)
@click.option(
    "--tests",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=DEFAULT_TESTS,
    show_default=True,
    help="Held-out data folder.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder for trained models.",
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_REPORT,
    show_default=True,
    help="Where to write the report.",
)
@click.option("--worker", type=click.Path(path_type=Path), hidden=True)
@click.option("--texts", type=click.Path(path_type=Path), hidden=True)
@click.option("--result", type=click.Path(path_type=Path), hidden=True)
def main(
    config: Path,
    baseline: Path,
    no_baseline: bool,
    data: Path,
    tests: Path,
    out: Path,
    report: Path,
    worker: Path | None,
    texts: Path | None,
    result: Path | None,
) -> None:
    """Train if needed, evaluate on the held-out set and write the NLU report.

    Example: python -m nlu.evaluate --report docs/nlu-report.md
    """
    if worker is not None and texts is not None and result is not None:
        measured = measure(worker, json.loads(texts.read_text(encoding="utf-8")))
        result.write_text(json.dumps(measured), encoding="utf-8")
        return
    examples = load_heldout(tests)
    if not examples:
        raise click.ClickException(f"No held-out examples in {tests}/*.yml")
    all_texts = [e.text for e in examples] + list(PROBES)
    runs = [run_pipeline("ours", config.resolve(), data, out, all_texts)]
    if not no_baseline:
        runs.append(run_pipeline("Rasa default", baseline.resolve(), data, out, all_texts))
        runs[-1].notes += [
            "trained as Rasa configures it, DIET's 100 epochs not capped.",
            "its FallbackClassifier (threshold 0.3) answers nlu_fallback below 0.3; the "
            "figures use its best real intent instead.",
        ]
    screen = screen_function()
    screened = [screen(e.text) for e in examples] if screen else None
    report.parent.mkdir(parents=True, exist_ok=True)
    training = load_heldout(data)  # same file format; variant is "unknown" there
    report.write_text(render(runs, examples, screened, training) + "\n", encoding="utf-8")
    click.echo(str(report))


if __name__ == "__main__":
    main()
