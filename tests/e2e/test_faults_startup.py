"""Start-up that heals: the real bot in a subprocess starts after an interrupted first start.

Loopback only; each test starts `python -m bot run` once or twice and stops it (SIGTERM, then
SIGKILL if it hangs), bounded in time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.session import Session, SessionStore
from bot.testing.fake_bot_api.server import FakeBotApi
from bot.testing.fake_bot_api.updates import User
from bot.testing.faults import TOKEN, URGENT, BotProcess, wait_until

pytestmark = pytest.mark.e2e


@pytest.fixture
def fake():
    server = FakeBotApi(TOKEN).start()
    yield server
    server.stop()


def _urgent_answered(fake: FakeBotApi, data_dir: Path) -> str:
    she = User(650_001, "vi", "Lan")
    bot = BotProcess(fake, data_dir).start()
    try:
        fake.text(she, URGENT)
        sent = wait_until(lambda: fake.sent(she.id), 40)
        assert bot.alive(), (data_dir / "bot.log").read_text()[-2000:]
        assert sent, (data_dir / "bot.log").read_text()[-2000:]
        return sent[0].text
    finally:
        bot.stop()


def test_the_bot_starts_after_an_empty_secret(fake: FakeBotApi, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / ".id_secret").write_text("")  # a first start killed between create and write
    text = _urgent_answered(fake, data)
    assert "113" in text and "1900 969 680" in text
    assert len((data / ".id_secret").read_text()) == 64  # made again, whole


def test_a_lost_secret_with_state_still_answers_danger_and_says_what_to_do(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    SessionStore(data / "state.db").save(Session(key="0123456789abcdef"))
    (data / ".id_secret").write_text("")
    text = _urgent_answered(fake, data)
    assert "113" in text
    log = (data / "bot.log").read_text()
    assert "Restore the file from a backup" in log
    assert (data / ".id_secret").read_text() == ""  # not overwritten: it can be restored
