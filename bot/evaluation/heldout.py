"""Evaluate our pipeline and Rasa's default on the held-out set; write docs/nlu-report.md.

`python -m bot.evaluation.heldout` (`make nlu-eval`) trains each pipeline if needed, measures
it in a fresh process (nlu.evaluate), runs the bot's safety screen over every held-out message
(urgent_help recall and false alarms are reported for the model alone and with the screen, as
the bot decides), and writes the report (nlu.evaluate_report).
"""

from __future__ import annotations

from pathlib import Path

import click

from bot.core.safety import screen
from bot.evaluation.realistic_report import END, START
from nlu import evaluate_report
from nlu.evaluate import DEFAULT_TESTS, PROBES, REPO, load_heldout, run_pipeline
from nlu.train import DEFAULT_CONFIG, DEFAULT_DATA, DEFAULT_OUT, NLU_DIR

DEFAULT_BASELINE = NLU_DIR / "config-default.yml"
DEFAULT_REPORT = REPO / "docs" / "nlu-report.md"


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
def main(
    config: Path,
    baseline: Path,
    no_baseline: bool,
    data: Path,
    tests: Path,
    out: Path,
    report: Path,
) -> None:
    """Train if needed, evaluate on the held-out set and write the NLU report.

    Example: python -m bot.evaluation.heldout --report docs/nlu-report.md
    """
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
    screened = [bool(screen(e.text).is_urgent) for e in examples]
    report.parent.mkdir(parents=True, exist_ok=True)
    training = load_heldout(data)  # same file format; variant is "unknown" there
    text = evaluate_report.render(runs, examples, screened, training) + "\n"
    # The realistic set's section (bot/evaluation/realistic.py) shares the file: keep it.
    old = report.read_text(encoding="utf-8") if report.exists() else ""
    if START in old and END in old:
        section = START + old.split(START, 1)[1].split(END, 1)[0] + END
        title, _, body = text.partition("\n")
        text = f"{title}\n\n{section}\n{body}"
    report.write_text(text, encoding="utf-8")
    click.echo(str(report))


if __name__ == "__main__":
    main()
