"""Crash-safe intake: the real bot in a subprocess, SIGKILLed mid-burst, answers every update.

Loopback only, bounded: each run is one fake Bot API on 127.0.0.1 and at most three starts of
`python -m bot run`, killed with SIGKILL (only the processes these tests start).
"""

from __future__ import annotations

import pytest

from bot.testing.faults import burst

pytestmark = pytest.mark.e2e

CONCURRENCY = 8  # bot.channels.telegram.MAX_CONCURRENT_UPDATES


@pytest.mark.parametrize("seed,kills", [(11, 1), (12, 2), (13, 2)])
def test_every_update_of_a_200_chat_burst_is_answered_after_sigkill(seed, kills, tmp_path):
    result = burst(200, kills=kills, seed=seed, data_dir=tmp_path, timeout=60)
    assert result.answered == 200
    assert result.lost == 0
    # A message Telegram accepted in the last milliseconds before the kill, before the bot
    # could note it, goes out again after the restart: at most one per turn in flight.
    assert result.duplicates <= kills * CONCURRENCY


def test_a_burst_without_a_kill_is_answered_exactly_once(tmp_path):
    result = burst(200, kills=0, seed=1, data_dir=tmp_path, timeout=60)
    assert (result.answered, result.lost, result.duplicates) == (200, 0, 0)
