"""Fixtures for end-to-end tests: a fake Bot API, settings pointing at it, a running bot.

Each test is `@pytest.mark.anyio async def` (anyio's pytest plugin, on asyncio: see
tests/conftest.py) and awaits its scenario through `bounded(...)`; the bot runs inside that
scenario via `running_bot(...)`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Coroutine, Iterator
from dataclasses import replace
from typing import Any

import pytest

from bot.settings import Settings
from bot.testing.fake_bot_api.server import FakeBotApi
from bot.testing.fake_bot_api.updates import User
from tests.fakes import StubNlu

TOKEN = "123:TEST"
OPERATOR_CHAT = -100  # the tests/conftest.py settings' operator_chat_id
TEST_OPERATOR_CHAT = -200
OPERATOR = User(7001, "vi", "Mai", "op_mai")  # in operator_user_ids
STRANGER = User(7002, "vi", "Tuan", "not_an_op")  # in the group, not an operator
TESTER = User(9001, "vi", "Ha", "tester_ha")  # in tester_user_ids
TEST_TIMEOUT = 60.0  # a hung test fails instead of hanging the run


async def bounded(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Await one test's coroutine, bounded in time.

    asyncio.wait_for rather than anyio.fail_after: the scenario runs in its own task and is
    cancelled once on time-out, so its `async with` exits still stop the bot and the servers
    (anyio's cancel scope would cancel those awaits too); tests/test_flows_via_telegram.py
    bounds its runs the same way.
    """
    return await asyncio.wait_for(coroutine, TEST_TIMEOUT)


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    server = FakeBotApi(TOKEN).start()
    yield server
    server.stop()


@pytest.fixture
def tg_settings(settings: Settings, fake: FakeBotApi) -> Settings:
    return replace(settings, telegram_token=TOKEN, telegram_base_url=fake.base_url)


@pytest.fixture
def user() -> User:
    return User(5001, "vi", "Lan", "lan_hn")


@pytest.fixture
def en_user() -> User:
    return User(5002, "en", "Anna", "anna_en")


@contextlib.asynccontextmanager
async def running_bot(settings: Settings, app: Any = None) -> AsyncIterator[Any]:
    """Start the real Application against the fake server, as run_polling would, and stop it.

    Yields the Application; its App is application.bot_data["app"].
    """
    from bot.app import build
    from bot.channels.telegram import build_application, polling

    if app is None:
        app = build(settings, nlu=StubNlu())
    async with polling(build_application(settings, app)) as application:
        yield application
