"""Fault runs: the real bot (`python -m bot run`) in a subprocess against the fake Bot API,
killed with SIGKILL at chosen moments, on loopback only, every run bounded in time.

`python -m bot.testing.faults` prints the results table of docs/reliability.md.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.testing.fake_bot_api import Call, FakeBotApi, User

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123:FAULTS"
CLOSED_PORT_NLU = "http://127.0.0.1:9"  # nothing listens: the NLU is "down", menus answer
GREETING = "xin chào"
URGENT = "chong toi dang danh toi"


class BotProcess:
    """One `python -m bot run` against the fake, its stderr kept in DATA_DIR/bot.log."""

    def __init__(self, fake: FakeBotApi, data_dir: Path, **env: str) -> None:
        self.fake = fake
        self.data_dir = data_dir
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> BotProcess:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": os.environ.get("HOME", "/tmp"),
            "PYTHONPATH": str(ROOT),
            "NO_PROXY": "127.0.0.1,localhost",
            "RASA_TELEMETRY_ENABLED": "false",
            "TELEGRAM_BOT_TOKEN": self.fake.token,
            "TELEGRAM_BASE_URL": self.fake.base_url,
            "DATA_DIR": str(self.data_dir),
            "WEB_LISTEN": "off",
            "NLU_URL": CLOSED_PORT_NLU,
            "OPERATOR_HOURS": "",
            "LOG_LEVEL": "WARNING",
            **self.env,
        }
        log = open(self.data_dir / "bot.log", "ab")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
        )
        log.close()
        return self

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, as a power cut or the OOM killer would."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.kill()

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


def wait_until(predicate: Any, timeout: float, step: float = 0.005) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(step)
    return predicate()


def replies(fake: FakeBotApi) -> Counter[int]:
    """How many messages each private chat (a positive id) was sent."""
    return Counter(
        c.chat_id
        for c in fake.calls
        if c.method == "sendMessage" and c.ok and isinstance(c.chat_id, int) and c.chat_id > 0
    )


@dataclass
class BurstResult:
    chats: int
    kills: int
    answered: int
    lost: int  # chats that got fewer messages than an uninterrupted turn sends
    duplicates: int  # chats that got more
    seconds: float

    def row(self) -> str:
        return (
            f"SIGKILL x{self.kills} during a {self.chats}-chat burst | {self.chats} | "
            f"{self.lost} | {self.duplicates}"
        )


def burst(
    chats: int = 200,
    kills: int = 1,
    *,
    seed: int | None = None,
    data_dir: Path | None = None,
    timeout: float = 90.0,
) -> BurstResult:
    """Queue one message from each of `chats` people, start the bot, SIGKILL it `kills` times
    at random moments mid-burst (after a random number of replies), restart it, and count
    per chat what she received once everything is answered."""
    rng = random.Random(seed)
    started = time.monotonic()
    fake = FakeBotApi(TOKEN).start()
    own_dir = tempfile.TemporaryDirectory(prefix="antam-faults-") if data_dir is None else None
    directory = Path(own_dir.name) if own_dir is not None else data_dir
    assert directory is not None
    bot = BotProcess(fake, directory / "data")
    urgent_ids = set()
    try:
        for n in range(chats):
            user = User(600_000 + n, "vi", "Lan")
            urgent = n % 10 == 0
            if urgent:
                urgent_ids.add(user.id)
            fake.text(user, URGENT if urgent else GREETING)
        for _ in range(kills):
            bot.start()
            # A random moment while the burst is being answered: once the first reply of
            # this start is out, anywhere in the next second.
            before = sum(replies(fake).values())
            wait_until(lambda b=before: sum(replies(fake).values()) > b, timeout / 3)
            time.sleep(rng.uniform(0, 1.0))
            bot.kill()
        bot.start()
        wait_until(lambda: len(replies(fake)) >= chats and fake.pending_updates() == 0, timeout)
        time.sleep(0.5)  # anything still on its way (a duplicate) arrives
        bot.stop()
        counts = replies(fake)
        lost = duplicates = 0
        for kind in (True, False):  # urgent and greeting turns send different numbers
            ids = [600_000 + n for n in range(chats) if ((600_000 + n) in urgent_ids) == kind]
            usual = Counter(counts[i] for i in ids if counts[i]).most_common(1)
            expected = usual[0][0] if usual else 1
            lost += sum(1 for i in ids if counts[i] < expected)
            duplicates += sum(1 for i in ids if counts[i] > expected)
        return BurstResult(
            chats=chats,
            kills=kills,
            answered=sum(1 for i in counts if counts[i]),
            lost=lost,
            duplicates=duplicates,
            seconds=time.monotonic() - started,
        )
    finally:
        bot.kill()
        fake.stop()
        if own_dir is not None:
            own_dir.cleanup()


def sent_texts(calls: list[Call], chat_id: int) -> list[str]:
    return [c.text for c in calls if c.method == "sendMessage" and c.ok and c.chat_id == chat_id]


def main() -> None:
    """Run the SIGKILL bursts and print the rows of the results table."""
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    print("| fault | tried | replies lost | duplicates |")
    print("|---|---|---|---|")
    for run in range(runs):
        result = burst(200, kills=1 + run % 2, seed=run)
        print(f"| {result.row()} |  ({result.seconds:.1f} s)", flush=True)


if __name__ == "__main__":
    main()
