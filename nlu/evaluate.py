"""Measure a trained NLU model on the held-out set: train if needed, parse in a fresh process.

The figures of one run (accuracy, macro-F1, per variant, urgent_help recall, latency, memory)
are computed here; `nlu.evaluate_report` writes them as Markdown, and
`python -m bot.evaluation.heldout` (`make nlu-eval`) adds the bot's safety screen and writes
docs/nlu-report.md. `python -m nlu.evaluate --worker MODEL ...` is the fresh process
`run_pipeline` starts, so each model's memory is measured on its own.
"""

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
import yaml

from nlu import thresholds
from nlu.train import NLU_DIR, train, training_info

REPO = NLU_DIR.parent
DEFAULT_TESTS = NLU_DIR / "tests"
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
    for variant in sorted({e.variant for e in examples}, key=variant_order):
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


def variant_order(variant: str) -> int:
    return VARIANTS.index(variant) if variant in VARIANTS else len(VARIANTS)


@click.command()
@click.option("--worker", type=click.Path(path_type=Path), required=True, help="The model.")
@click.option("--texts", type=click.Path(path_type=Path), required=True, help="JSON list.")
@click.option("--result", type=click.Path(path_type=Path), required=True, help="JSON out.")
def main(worker: Path, texts: Path, result: Path) -> None:
    """Parse the texts with one model in this process; write predictions, latency and memory.

    Run by run_pipeline in a fresh process; the report is `python -m bot.evaluation.heldout`.

    Example: python -m nlu.evaluate --worker nlu/models/config-....tar.gz --texts t.json
    --result r.json
    """
    measured = measure(worker, json.loads(texts.read_text(encoding="utf-8")))
    result.write_text(json.dumps(measured), encoding="utf-8")


if __name__ == "__main__":
    main()
