"""Train the NLU model only when its config or training data changed (content-hashed name)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import click

NLU_DIR = Path(__file__).resolve().parent
DEFAULT_CONFIG = NLU_DIR / "config.yml"
DEFAULT_DATA = NLU_DIR / "data"
DEFAULT_OUT = NLU_DIR / "models"

# Libraries that log per message or per batch at INFO/DEBUG; training output stays short.
_NOISY_LOGGERS = ("rasa", "tensorflow", "absl", "matplotlib", "numexpr", "py.warnings")


def quiet() -> None:
    """Silence telemetry and chatty library logs (some carry message text); call before rasa."""
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("LOG_LEVEL_LIBRARIES", "ERROR")
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    # Rasa 3.6's dependencies warn about their own deprecations on every import and run.
    for category in (DeprecationWarning, PendingDeprecationWarning, FutureWarning):
        warnings.filterwarnings("ignore", category=category)
    # Some of them also insert their own "once" filters ahead of ours while importing, so drop
    # those categories where warnings are shown, whatever the filter order.
    if not getattr(warnings.showwarning, "_antam_quiet", False):
        warnings.showwarning = _quiet_showwarning(warnings.showwarning)
    warnings.filterwarnings("ignore", module="matplotlib")
    for name in _NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    # Rasa 3.6 also logs through structlog, which prints every level unless configured, and
    # its "processor.message.parse" debug event carries the message text: drop below WARNING.
    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))


def _quiet_showwarning(show: Any) -> Any:
    def showwarning(message: Any, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        if not issubclass(category, _SILENCED_WARNINGS):
            show(message, category, *args, **kwargs)

    showwarning._antam_quiet = True  # type: ignore[attr-defined]
    return showwarning


_SILENCED_WARNINGS = (DeprecationWarning, PendingDeprecationWarning, FutureWarning)


def data_files(data_dir: Path = DEFAULT_DATA) -> list[Path]:
    """The training files, sorted by name."""
    return sorted(data_dir.glob("*.yml"), key=lambda p: p.name)


# The code that turns text into features: a change to an abbreviation or a component changes
# what the model learns from, so it must train again.
FEATURE_CODE = (
    NLU_DIR.parent / "vntext" / "forms.py",
    *sorted((NLU_DIR / "components").glob("*.py")),
)


def content_hash(config: Path = DEFAULT_CONFIG, data_dir: Path = DEFAULT_DATA) -> str:
    """sha256 over the config, the feature code and every training file (name and contents)."""
    digest = hashlib.sha256()
    for path in (config, *FEATURE_CODE, *data_files(data_dir)):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def model_path(
    config: Path = DEFAULT_CONFIG, out: Path = DEFAULT_OUT, data_dir: Path = DEFAULT_DATA
) -> Path:
    """The model for exactly this config and data: <out>/<config-stem>-<hash16>.tar.gz."""
    return out / f"{config.stem}-{content_hash(config, data_dir)[:16]}.tar.gz"


def latest_model(
    config: Path = DEFAULT_CONFIG, out: Path = DEFAULT_OUT, data_dir: Path = DEFAULT_DATA
) -> Path | None:
    """The model matching the current config and data, else the newest one for this config."""
    exact = model_path(config, out, data_dir)
    if exact.exists():
        return exact
    # `config-*` would also match `config-default-*`: the hash part has no hyphen.
    candidates = [
        p
        for p in out.glob(f"{config.stem}-*.tar.gz")
        if "-" not in p.name[len(config.stem) + 1 : -len(".tar.gz")]
    ]
    return max(candidates, key=lambda p: p.stat().st_mtime, default=None)


def train(
    config: Path = DEFAULT_CONFIG,
    out: Path = DEFAULT_OUT,
    data_dir: Path = DEFAULT_DATA,
    force: bool = False,
) -> tuple[Path, float | None]:
    """Train unless the hashed model exists; return its path and the seconds spent training."""
    target = model_path(config, out, data_dir)
    if target.exists() and not force:
        return target, None
    if not data_files(data_dir):
        raise click.ClickException(f"No training data: no *.yml in {data_dir}")
    quiet()
    # Rasa's training cache (.rasa/cache) would let a retrain reuse old component outputs:
    # off, so every model is built from scratch and its training time is the real one.
    os.environ["RASA_MAX_CACHE_SIZE"] = "0"
    from rasa.model_training import train_nlu

    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    # Rasa prints progress to stdout; stdout carries only the model path, for $(...) use.
    with contextlib.redirect_stdout(sys.stderr):
        result = train_nlu(
            config=str(config),
            nlu_data=str(data_dir),
            output=str(out),
            fixed_model_name=target.name,
        )
    seconds = time.perf_counter() - started
    if result is None or not Path(result).exists():
        raise click.ClickException(f"Training with {config} produced no model")
    # Kept beside the model so the evaluation report can state the training time later.
    training_info(target).write_text(json.dumps({"train_seconds": round(seconds, 1)}))
    return Path(result), seconds


def training_info(model: Path) -> Path:
    """The JSON file beside a model that records how long it took to train."""
    return model.with_name(model.name.removesuffix(".tar.gz") + ".json")


@click.command()
@click.option(
    "--config",
    "config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=DEFAULT_CONFIG,
    show_default=True,
    help="Rasa config file.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder for trained models.",
)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=DEFAULT_DATA,
    show_default=True,
    help="Folder of training *.yml files.",
)
@click.option("--force", is_flag=True, help="Train even if the model for this hash exists.")
def main(config: Path, out: Path, data_dir: Path, force: bool) -> None:
    """Train the NLU model if config or data changed, and print the model's path.

    Example: python -m nlu.train --config nlu/config.yml
    """
    path, seconds = train(config, out, data_dir, force)
    if seconds is not None:
        click.echo(f"trained in {seconds:.1f} s", err=True)
    click.echo(str(path))


if __name__ == "__main__":
    main()
