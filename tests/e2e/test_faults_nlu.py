"""A slow parse runs in the model's worker thread: it never delays another chat's reply."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

import nlu.client
from bot.app import build
from bot.testing.fake_bot_api.server import FakeBotApi
from bot.testing.fake_bot_api.updates import User
from nlu.client import InProcessNlu
from tests.e2e.conftest import bounded, running_bot

pytestmark = pytest.mark.e2e

SLOW_SECONDS = 1.5  # longer than the engine's 2 s time-out would hide: still under it
SLOW_TEXT = "cham"  # the word that makes the fake model slow


class SlowAgent:
    """Rasa's Agent as the bot sees it: a coroutine that computes without yielding."""

    def __init__(self) -> None:
        self.slow_started = threading.Event()

    async def parse_message(self, text: str) -> dict:
        if SLOW_TEXT in text:
            self.slow_started.set()
            time.sleep(SLOW_SECONDS)  # CPU-bound work blocks whatever loop runs it
        return {
            "intent": {"name": "greet", "confidence": 0.9},
            "entities": [],
            "intent_ranking": [{"name": "greet", "confidence": 0.9}],
        }


@pytest.mark.anyio
async def test_one_slow_parse_does_not_delay_another_chats_urgent_reply(
    tg_settings, fake: FakeBotApi, monkeypatch
):
    agent = SlowAgent()
    monkeypatch.setattr(nlu.client, "load_agent", lambda path: agent)
    model = InProcessNlu(Path("model.tar.gz"))
    app = build(tg_settings, nlu=model)
    slow, urgent = User(5101, "vi", "A"), User(5102, "vi", "B")

    async def scenario():
        async with running_bot(tg_settings, app):
            assert await model.wait_ready(5)
            fake.text(slow, f"xin chao {SLOW_TEXT} lam")
            await fake.wait_for(lambda calls: agent.slow_started.is_set())
            started = time.monotonic()
            fake.text(urgent, "chong toi dang danh toi")
            (reply,) = await fake.wait_sent(urgent.id, timeout=10)
            delay = reply.at - started
            assert "113" in reply.text
            print(f"\nRESULT slow parse: another chat's urgent reply after {delay:.3f} s")
            assert delay < 0.5 * SLOW_SECONDS, delay
            await fake.wait_sent(slow.id, timeout=10)  # the slow one is answered too

    await bounded(scenario())
