"""Crash-safe intake: the real bot in a subprocess, SIGKILLed mid-burst, answers every update.

Loopback only, bounded: each run is one fake Bot API on 127.0.0.1 and at most three starts of
`python -m bot run`, killed with SIGKILL (only the processes these tests start).
"""

from __future__ import annotations

import pytest

from bot.testing.faults import burst

pytestmark = pytest.mark.e2e

CONCURRENCY = 8  # bot.channels.telegram.ordering.MAX_CONCURRENT_UPDATES


@pytest.mark.parametrize("seed,kills", [(11, 1), (12, 2), (13, 2)])
def test_every_update_of_a_200_chat_burst_is_answered_after_sigkill(seed, kills, tmp_path):
    result = burst(200, kills=kills, seed=seed, data_dir=tmp_path, timeout=60, cases=True)
    print(f"\nRESULT {result.row()} ({result.seconds:.0f} s)")
    assert result.answered == 200
    assert result.lost == 0
    assert result.cases_asked == 20 and result.cases_lost == 0
    # A message Telegram accepted in the last milliseconds before a kill, before the bot
    # could note it, goes out again after the restart: at most one per turn in flight.
    assert result.duplicates + result.cases_twice <= 2 * kills * CONCURRENCY


def test_a_burst_without_a_kill_is_answered_exactly_once(tmp_path):
    result = burst(200, kills=0, seed=1, data_dir=tmp_path, timeout=60)
    assert (result.answered, result.lost, result.duplicates) == (200, 0, 0)


def test_killed_while_sending_an_urgent_reply_she_still_gets_it_once(tmp_path):
    """SIGKILL while the urgent reply waits out Telegram's 429: after the restart it goes."""
    from bot.testing.fake_bot_api.server import FakeBotApi
    from bot.testing.fake_bot_api.updates import User
    from bot.testing.faults import TOKEN, URGENT, BotProcess, wait_until

    fake = FakeBotApi(TOKEN).start()
    she = User(660_001, "vi", "Lan")
    bot = BotProcess(fake, tmp_path / "data")
    try:
        fake.fail_next("sendMessage", 1, error_code=429, retry_after=30)
        fake.text(she, URGENT)
        bot.start()
        assert wait_until(lambda: fake.sent(she.id), 30)  # the refused attempt
        bot.kill()
        assert [c for c in fake.sent(she.id) if c.ok] == []
        bot.start()
        delivered = wait_until(lambda: [c for c in fake.sent(she.id) if c.ok], 30)
        assert delivered and "113" in delivered[0].text
        wait_until(lambda: fake.pending_updates() == 0, 10)
        bot.stop()
        assert len([c for c in fake.sent(she.id) if c.ok]) == 1
    finally:
        bot.kill()
        fake.stop()
