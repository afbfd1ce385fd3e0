"""Her Telegram chat as the core knows it, and the messages to it that no turn of hers caused."""

from __future__ import annotations

from typing import Any

from bot.app import App
from bot.channels.telegram.sending import send_reply
from bot.core.engine import Chat
from bot.core.events import Reply
from bot.privacy import chat_key
from bot.responses.content.channel import LOCATION_LABEL
from bot.settings import Settings


def chat_for(settings: Settings, chat_id: int, user_id: int | None) -> Chat:
    """A keyed hash of the chat id for storage; the raw id stays in memory (the address)."""
    return Chat(
        key=chat_key(settings.id_secret, "telegram", chat_id),
        address=str(chat_id),
        is_tester=user_id is not None and user_id in settings.tester_user_ids,
    )


async def send_to_user(bot: Any, app: App, address: str, reply: Reply, locale: str) -> None:
    """Send her a message that no turn of hers caused (a counsellor joined, wrote or left)."""
    chat = chat_for(app.settings, int(address), None)
    sent = await send_reply(
        bot, int(address), reply, location_label=app.responses.gettext(locale, LOCATION_LABEL)
    )
    app.engine.remember_sent(chat, sent)  # so that /wipe deletes it too
