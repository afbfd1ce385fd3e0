"""The package layers in pyproject.toml ([tool.importlinter]) hold: import-linter checks them."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def lint_imports(*args: str) -> subprocess.CompletedProcess[str]:
    """Run import-linter's own command over the project, as `make lint` does."""
    if importlib.util.find_spec("importlinter") is None:
        pytest.skip(
            "import-linter is not installed: `make test` and `make lint` install it "
            "(requirements-dev.txt) "
            "(or: .venv/bin/pip install -r requirements-dev.txt -c constraints.txt)"
        )
    command = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    return subprocess.run(
        [sys.executable, "-c", command, "--no-cache", "--no-logo", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_import_contracts_are_kept() -> None:
    result = lint_imports()
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_a_broken_layer_is_reported(tmp_path: Path) -> None:
    """The contracts bite: a config with the layers upside down must fail."""
    config = tmp_path / "upside_down.toml"
    config.write_text(
        "[tool.importlinter]\n"
        'root_packages = ["bot", "nlu", "vntext", "referral_db"]\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "upside down"\n'
        'type = "layers"\n'
        'layers = ["referral_db", "bot"]\n',
        encoding="utf-8",
    )
    result = lint_imports("--config", str(config))
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
