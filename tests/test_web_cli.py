"""`python -m bot run` without a token: the terminal chat as before, and the web chat beside it.

The model is pointed at a missing file so these runs are quick: the safety screen answers
danger without it, as it must.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
URGENT = "chong toi dang danh toi"


def env(data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATA_DIR": str(data_dir),
        "TELEGRAM_BOT_TOKEN": "",
        "NLU_URL": "",
        "NLU_MODEL": str(data_dir / "no-model.tar.gz"),
        "WEB_PORT": "0",  # any free port: the address is printed
        "NO_PROXY": "127.0.0.1",
    }


def test_run_serves_the_web_chat_and_still_answers_piped_lines(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        input=f"{URGENT}\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env(tmp_path),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert re.search(r"^Web chat: http://127\.0\.0\.1:\d+/$", result.stderr, re.M)
    assert "113" in result.stdout and "1900 969 680" in result.stdout
    assert URGENT not in result.stderr


def test_run_with_nothing_to_read_keeps_serving_and_answers_the_issues_curl(
    tmp_path: Path,
) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
        env=env(tmp_path),
    )
    try:
        assert process.stderr is not None
        url = None
        deadline = time.monotonic() + 90
        while url is None and time.monotonic() < deadline:
            line = process.stderr.readline()
            found = re.match(r"Web chat: (http://\S+)", line)
            url = found.group(1) if found else None
        assert url, "no 'Web chat:' line"
        # curl -s -X POST 127.0.0.1:$WEB_PORT/api/message -d '{"session":"x","text":"..."}'
        request = urllib.request.Request(
            f"{url}api/message",
            data=json.dumps({"session": "x", "text": URGENT}).encode(),
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded"},  # as curl -d sends
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body = json.loads(response.read())
        first = body["replies"][0]["text"]
        assert "113" in first and "1900 969 680" in first
        while "serving until interrupted" not in line and time.monotonic() < deadline:
            line = process.stderr.readline()  # the model's load (failing here) comes first
        assert process.poll() is None  # still serving
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(30)
    assert code == 0


def test_run_with_a_token_serves_telegram_and_the_web_chat_in_one_process(
    tmp_path: Path,
) -> None:
    from bot.testing.fake_bot_api.server import FakeBotApi
    from bot.testing.fake_bot_api.updates import User

    fake = FakeBotApi("123:WEB").start()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
        env={**env(tmp_path), "TELEGRAM_BOT_TOKEN": "123:WEB", "TELEGRAM_BASE_URL": fake.base_url},
    )
    try:
        assert process.stderr is not None
        url = None
        deadline = time.monotonic() + 90
        while url is None and time.monotonic() < deadline:
            found = re.match(r"Web chat: (http://\S+)", process.stderr.readline())
            url = found.group(1) if found else None
        assert url, "no 'Web chat:' line"
        request = urllib.request.Request(
            f"{url}api/message",
            data=json.dumps({"session": "t", "text": URGENT}).encode(),
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert "113" in json.loads(response.read())["replies"][0]["text"]
        she = User(5001, "vi")
        fake.text(she, URGENT)
        deadline = time.monotonic() + 30
        while not fake.sent(she.id) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "1900 969 680" in fake.sent(she.id)[0].text
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(30)
        fake.stop()
    assert code == 0
