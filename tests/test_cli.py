"""The command line as people run it: classify, the piped terminal chat, and the cases report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_bot(
    args: list[str], data_dir: Path, stdin: str = "", model: Path | None = None
) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATA_DIR": str(data_dir), "TELEGRAM_BOT_TOKEN": "", "LOG_LEVEL": "INFO"}
    if model is not None:
        env["NLU_MODEL"] = str(model)  # exactly the model the fixture found
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )


@pytest.mark.model
def test_classify_prints_one_json_line_per_message(tmp_path: Path, trained_model: Path) -> None:
    result = run_bot(
        ["classify"], tmp_path, "chong toi dang danh toi\n\nxin chào\n", model=trained_model
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2
    urgent, greeting = lines
    assert urgent["urgent"] is True and urgent["urgent_reasons"]
    assert greeting["intent"] == "greet" and greeting["urgent"] is False
    assert set(urgent) >= {
        "text",
        "language",
        "intent",
        "confidence",
        "intents",
        "who",
        "when",
        "province",
        "urgent",
        "urgent_reasons",
        "situation",
        "reply",
    }
    assert urgent["situation"] == "violence" and urgent["who"] == "self"


@pytest.mark.model
def test_piped_chat_answers_each_line_and_exits(tmp_path: Path, trained_model: Path) -> None:
    messages = "xin chào\nchong toi dang danh toi\n"
    result = run_bot(["chat"], tmp_path, messages, model=trained_model)
    assert result.returncode == 0, result.stderr[-2000:]
    greeting, urgent = result.stdout.split("> chong toi dang danh toi")
    assert "An Tâm:" in greeting
    assert "113" in urgent and "1900 969 680" in urgent
    assert "TELEGRAM_BOT_TOKEN" in result.stderr  # the one line on how to connect Telegram
    # Logs carry events, never what she wrote.
    assert "chong toi dang danh toi" not in result.stderr


def test_cases_report_runs_on_an_empty_database(tmp_path: Path) -> None:
    result = run_bot(["cases", "report"], tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip()


def test_a_bad_setting_is_one_line_naming_the_variable(tmp_path: Path) -> None:
    env_result = subprocess.run(
        [sys.executable, "-m", "bot", "cases", "report"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "DATA_DIR": str(tmp_path), "DEFAULT_LOCALE": "klingon"},
    )
    assert env_result.returncode != 0
    assert "DEFAULT_LOCALE" in env_result.stderr and "klingon" not in env_result.stderr
    assert "Traceback" not in env_result.stderr
