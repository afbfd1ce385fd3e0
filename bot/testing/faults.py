"""Fault runs: the real bot (`python -m bot run`) in a subprocess against the fake Bot API,
killed with SIGKILL at chosen moments, on loopback only, every run bounded in time.

`python -m bot.testing.faults` prints the results table of docs/reliability.md.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.testing.fake_bot_api.calls import Call
from bot.testing.fake_bot_api.server import FakeBotApi
from bot.testing.fake_bot_api.updates import User

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123:FAULTS"
CLOSED_PORT_NLU = "http://127.0.0.1:9"  # nothing listens: the NLU is "down", menus answer
GREETING = "xin chào"
OPERATOR_CHAT = -100
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
    lost: int  # updates that got no reply at all
    duplicates: int  # updates that got more messages than most got for the same message
    seconds: float
    short: int = 0  # updates that got some reply, but fewer messages than most
    cases_asked: int = 0  # urgent chats that then pressed "yes, a counsellor"
    cases_lost: int = 0  # of those, no case or no card in the operators' group
    cases_twice: int = 0  # a second case, or a second card, for the same press

    def row(self) -> str:
        return (
            f"| SIGKILL x{self.kills} at random moments during a {self.chats}-chat burst, "
            f"x{self.kills} more during {self.cases_asked} case openings | "
            f"{self.chats + self.cases_asked} updates | "
            f"{self.lost} ({self.short} shorter) | {self.cases_lost} | "
            f"{self.duplicates} replies, {self.cases_twice} cases or cards |"
        )


def _run_with_kills(
    bot: BotProcess, fake: FakeBotApi, rng: random.Random, kills: int, done: Any, timeout: float
) -> None:
    """Start the bot; `kills` times, SIGKILL it at a random moment (within a second of its
    first reply of that start) and start it again; then wait until done() or the timeout."""
    for _ in range(kills):
        bot.start()
        before = sum(replies(fake).values())
        wait_until(lambda b=before: sum(replies(fake).values()) > b or done(), timeout / 3)
        time.sleep(rng.uniform(0, 1.0))
        bot.kill()
    bot.start()
    wait_until(done, timeout)
    time.sleep(0.5)  # anything still on its way (a duplicate) arrives
    bot.stop()


def _cards(fake: FakeBotApi) -> Counter[int]:
    """How many times each case was offered with a Claim button in the operators' group."""
    return Counter(
        int(action.split(":")[1])
        for c in fake.calls
        if c.method == "sendMessage" and c.ok and c.chat_id == OPERATOR_CHAT
        for action in c.actions
        if action.startswith("claim:")
    )


def burst(
    chats: int = 200,
    kills: int = 1,
    *,
    seed: int | None = None,
    data_dir: Path | None = None,
    timeout: float = 90.0,
    cases: bool = False,
) -> BurstResult:
    """Queue one message from each of `chats` people (every tenth in danger), start the bot,
    SIGKILL it `kills` times at random moments, restart it, and count per chat what she got.

    With cases=True, the people in danger then all press "yes, a counsellor" at once and the
    bot is killed as often again: every press must give one case and one card."""
    rng = random.Random(seed)
    started = time.monotonic()
    fake = FakeBotApi(TOKEN).start()
    own_dir = tempfile.TemporaryDirectory(prefix="antam-faults-") if data_dir is None else None
    directory = Path(own_dir.name) if own_dir is not None else data_dir
    assert directory is not None
    bot = BotProcess(
        fake, directory / "data", OPERATOR_CHAT_ID=str(OPERATOR_CHAT), OPERATOR_USER_IDS="7001"
    )
    users = [User(600_000 + n, "vi", "Lan") for n in range(chats)]
    urgent_ids = {u.id for n, u in enumerate(users) if n % 10 == 0}
    try:
        for user in users:
            fake.text(user, URGENT if user.id in urgent_ids else GREETING)
        _run_with_kills(
            bot,
            fake,
            rng,
            kills,
            lambda: len(replies(fake)) >= chats and fake.pending_updates() == 0,
            timeout,
        )
        counts = replies(fake)
        result = BurstResult(
            chats=chats,
            kills=kills,
            answered=sum(1 for i in counts if counts[i]),
            lost=0,
            duplicates=0,
            seconds=0.0,
        )
        for kind in (True, False):  # urgent and greeting turns send different numbers
            _tally(result, [counts[u.id] for u in users if (u.id in urgent_ids) == kind])
        if cases:
            _cases(result, bot, fake, rng, kills, sorted(urgent_ids), directory, timeout)
        result.seconds = time.monotonic() - started
        return result
    finally:
        bot.kill()
        fake.stop()
        if own_dir is not None:
            own_dir.cleanup()


def _cases(
    result: BurstResult,
    bot: BotProcess,
    fake: FakeBotApi,
    rng: random.Random,
    kills: int,
    asking: list[int],
    directory: Path,
    timeout: float,
) -> None:
    for user_id in asking:
        fake.press(User(user_id, "vi", "Lan"), "consent:yes")
    before = replies(fake)
    _run_with_kills(
        bot,
        fake,
        rng,
        kills,
        lambda: (
            all(replies(fake)[i] > before[i] for i in asking)
            and fake.pending_updates() == 0
            and len(_cards(fake)) >= len(asking)
        ),
        timeout,
    )
    with sqlite3.connect(directory / "data" / "state.db") as db:
        per_chat = [n for (n,) in db.execute("select count(*) from cases group by chat_key")]
    cards = _cards(fake)
    result.cases_asked = len(asking)
    result.cases_lost = max(0, len(asking) - min(len(per_chat), len(cards)))
    result.cases_twice = sum(n - 1 for n in per_chat if n > 1) + sum(
        n - 1 for n in cards.values() if n > 1
    )
    after = replies(fake)
    _tally(result, [after[i] - before[i] for i in asking])


def _tally(result: BurstResult, got: list[int]) -> None:
    """Count, for updates of one kind, those with no reply, fewer or more messages than most."""
    usual = Counter(n for n in got if n).most_common(1)
    expected = usual[0][0] if usual else 1
    result.lost += sum(1 for n in got if n == 0)
    result.short += sum(1 for n in got if 0 < n < expected)
    result.duplicates += sum(1 for n in got if n > expected)


def sent_texts(calls: list[Call], chat_id: int) -> list[str]:
    return [c.text for c in calls if c.method == "sendMessage" and c.ok and c.chat_id == chat_id]


def main() -> None:
    """Run the SIGKILL bursts and print the rows of the results table."""
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print("| fault | tried | replies lost | cases lost | duplicates |")
    print("|---|---|---|---|---|")
    for run in range(runs):
        result = burst(200, kills=1 + run % 2, seed=run, cases=True)
        print(result.row(), flush=True)


if __name__ == "__main__":
    main()
