"""Bot API calls that outlive Telegram's errors: back-off on 5xx, patience on 429."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

log = logging.getLogger("antam.telegram")

SEND_ATTEMPTS = 5  # 5xx and network errors: tried this often, with back-off
BACKOFF_SECONDS = 0.5  # 0.5, 1, 2, 4 s between the attempts
# Telegram's retry_after means "send later", not "give up": an urgent reply keeps waiting at
# least a minute (two, here) before anything else is tried. The rate limiter retries first.
RETRY_AFTER_BUDGET_SECONDS = 120.0


async def deliver(
    call: Callable[[], Awaitable[Any]],
    *,
    attempts: int = SEND_ATTEMPTS,
    wait_budget: float = RETRY_AFTER_BUDGET_SECONDS,
) -> Any:
    """Make one Bot API call, retrying what Telegram means as "not now".

    5xx answers and network errors (timeouts included) are retried with back-off. A 429's
    retry_after means "send later", never "give up": it is honoured for wait_budget seconds
    in all (the rate limiter already retried a few), so an urgent reply is delayed, never
    replaced. A 400 or 403 is final.
    """
    waited = 0.0
    failures = 0
    while True:
        try:
            return await call()
        except (BadRequest, Forbidden):
            raise
        except RetryAfter as error:
            pause = _seconds(error.retry_after) + 0.1
            if waited + pause > wait_budget:
                raise
            log.warning("send: Telegram asks to wait seconds=%.0f", pause)
            waited += pause
            await asyncio.sleep(pause)
        except NetworkError as error:  # PTB maps 5xx answers and time-outs to NetworkError
            failures += 1
            if failures >= attempts:
                raise
            log.warning("send failed type=%s attempt=%s", type(error).__name__, failures)
            await asyncio.sleep(BACKOFF_SECONDS * 2 ** (failures - 1))


def _seconds(value: Any) -> float:
    return float(value.total_seconds()) if hasattr(value, "total_seconds") else float(value)
