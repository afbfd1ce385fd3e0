"""Webhook mode: Telegram posts updates to the bot's own HTTP endpoint instead of long polling."""

from __future__ import annotations

import asyncio
import socket
import time
from dataclasses import replace

import httpx
import pytest

from bot.testing.fake_bot_api.server import FakeBotApi
from tests.e2e.conftest import bounded

pytestmark = pytest.mark.e2e
SECRET = "webhook-secret-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def update(update_id: int, text: str) -> dict:
    user = {"id": 5003, "is_bot": False, "first_name": "Hoa", "language_code": "vi"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": 900 + update_id,
            "date": int(time.time()),
            "chat": {"id": 5003, "type": "private", "first_name": "Hoa"},
            "from": user,
            "text": text,
        },
    }


@pytest.mark.anyio
async def test_webhook_registers_then_answers_only_signed_updates(tg_settings, fake: FakeBotApi):
    from bot.app import build
    from bot.channels.telegram import build_application
    from tests.fakes import StubNlu

    port = free_port()
    settings = replace(
        tg_settings,
        telegram_mode="webhook",
        webhook_url=f"http://127.0.0.1:{port}/tg-hook",
        webhook_listen="127.0.0.1",
        webhook_port=port,
        webhook_secret=SECRET,
    )

    async def scenario() -> None:
        application = build_application(settings, build(settings, nlu=StubNlu()))
        await application.initialize()
        await application.start()
        assert application.updater is not None
        await application.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="tg-hook",
            webhook_url=settings.webhook_url,
            secret_token=SECRET,
        )
        try:
            assert fake.calls_to("setWebhook")
            async with httpx.AsyncClient() as client:
                unsigned = await client.post(f"{settings.webhook_url}", json=update(1, "xin chào"))
                assert unsigned.status_code == 403
                await asyncio.sleep(0.3)
                assert fake.sent(5003) == []  # an unsigned post never reaches the bot
                signed = await client.post(
                    settings.webhook_url,
                    json=update(2, "chong toi dang danh toi"),
                    headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
                )
                assert signed.status_code == 200
            sent = await fake.wait_sent(5003, 1)
            assert "113" in sent[0].text and "1900 969 680" in sent[0].text
        finally:
            await application.updater.stop()
            await application.stop()
            await application.shutdown()

    await bounded(scenario())


@pytest.mark.anyio
async def test_webhook_answers_200_only_after_the_turn_and_a_redelivery_once(tg_settings, fake):
    """Process, then acknowledge: Telegram's POST returns once her reply is out; the same
    update posted again (Telegram retries what it thinks failed) is confirmed, not answered."""
    from bot.app import build
    from bot.channels.telegram import build_application
    from tests.fakes import StubNlu

    port = free_port()
    settings = replace(
        tg_settings,
        telegram_mode="webhook",
        webhook_url=f"http://127.0.0.1:{port}/tg-hook",
        webhook_listen="127.0.0.1",
        webhook_port=port,
        webhook_secret=SECRET,
    )

    async def scenario() -> None:
        application = build_application(settings, build(settings, nlu=StubNlu()))
        await application.initialize()
        await application.start()
        assert application.updater is not None
        await application.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="tg-hook",
            webhook_url=settings.webhook_url,
            secret_token=SECRET,
        )
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        try:
            async with httpx.AsyncClient() as client:
                body = update(77, "chong toi dang danh toi")
                answered = await client.post(settings.webhook_url, json=body, headers=headers)
                assert answered.status_code == 200
                assert fake.sent(5003), "the 200 came before her reply"
                again = await client.post(settings.webhook_url, json=body, headers=headers)
                assert again.status_code == 200
            await asyncio.sleep(0.3)
            assert len(fake.sent(5003)) == 1
        finally:
            await application.updater.stop()
            await application.stop()
            await application.shutdown()

    await bounded(scenario())
