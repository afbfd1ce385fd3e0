"""What people do in Telegram, as the updates Telegram would send the bot.

Every update is built from python-telegram-bot's own objects (`Update`, `Message`, `Chat`,
`CallbackQuery`, ...) and serialised with `.to_dict()`, so its shape is PTB's by construction
rather than a hand-written copy that could drift from what the bot parses.
"""

from __future__ import annotations

import itertools
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from telegram import (
    CallbackQuery,
    Chat,
    Document,
    Location,
    Message,
    MessageEntity,
    PhotoSize,
    Sticker,
    Update,
    Voice,
)
from telegram import User as TelegramUser

BOT_ID = 4242
BOT = TelegramUser(BOT_ID, "An Tam", is_bot=True, username="antam_test_bot")


class Ids:
    """Update and message ids, handed out the way Telegram hands them out."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # Telegram starts a bot's update ids at a number of its own choosing; a fresh fake
        # per test must not reuse ids a bot's ledger already holds as answered.
        self._updates = itertools.count(random.randrange(1, 1 << 30))
        # Like Telegram, message ids count per chat: the real and the test operators' chats
        # both have a message 1000, so nothing may key on the id alone.
        self._messages: dict[Any, itertools.count[int]] = {}

    def update(self) -> int:
        with self._lock:
            return next(self._updates)

    def message(self, chat_id: Any) -> int:
        """The next message id in chat_id (ids are unique only within a chat)."""
        with self._lock:
            return next(self._messages.setdefault(chat_id, itertools.count(1000)))


@dataclass(frozen=True)
class User:
    """A person in a test, as updates carry her: her private chat id equals her user id."""

    id: int
    language_code: str | None = "vi"
    first_name: str = "Lan"
    username: str | None = None

    def as_telegram(self) -> TelegramUser:
        return TelegramUser(
            self.id,
            self.first_name,
            is_bot=False,
            language_code=self.language_code or None,
            username=self.username or None,
        )

    def private_chat(self) -> Chat:
        return Chat(
            self.id, Chat.PRIVATE, first_name=self.first_name, username=self.username or None
        )


def group_chat(group_id: int, kind: str = "supergroup") -> Chat:
    return Chat(group_id, kind, title="Group")


def now() -> datetime:
    """Telegram's dates are whole seconds."""
    return datetime.fromtimestamp(int(time.time()), tz=timezone.utc)


def bot_message(chat: Chat, message_id: int, text: str, *, edited: bool = False) -> Message:
    """A message the bot sent (or edited): what a reply or a button press points at."""
    return Message(
        message_id, now(), chat, from_user=BOT, text=text, edit_date=now() if edited else None
    )


class Updates:
    """Builds the updates people's actions make and hands each to `push`: the fake's queue or,
    without one, a list to take() and send to a fake running in another process."""

    def __init__(
        self, push: Callable[[dict[str, Any]], object] | None = None, ids: Ids | None = None
    ) -> None:
        self.ids = ids or Ids()
        self.built: list[dict[str, Any]] = []
        self._push = push or self.built.append

    def take(self) -> list[dict[str, Any]]:
        """The updates built since the last take(), oldest first."""
        built = list(self.built)
        self.built.clear()  # in place: _push may be this very list's append
        return built

    def text(
        self, user: User, text: str, *, reply_to: int | None = None, chat: Chat | None = None
    ) -> int:
        """She (or an operator, with chat=...) sends text; returns the new message id."""
        where = chat or user.private_chat()
        replied = None if reply_to is None else bot_message(where, reply_to, "")
        return self._send(user, where, text=text, reply_to_message=replied)

    def command(self, user: User, command: str, *, chat: Chat | None = None) -> int:
        """A /command as Telegram sends it: text plus a bot_command entity at offset 0."""
        text = command if command.startswith("/") else f"/{command}"
        entity = MessageEntity(MessageEntity.BOT_COMMAND, 0, len(text.split()[0]))
        return self._send(user, chat or user.private_chat(), text=text, entities=(entity,))

    def press(
        self,
        user: User,
        data: str,
        *,
        message_id: int | None = None,
        chat: Chat | None = None,
        message_text: str = "",
    ) -> str:
        """She presses an inline button under one of the bot's messages; returns the query id."""
        where = chat or user.private_chat()
        query_id = f"q{self.ids.update()}"
        under = bot_message(where, message_id or self.ids.message(where.id), message_text)
        query = CallbackQuery(query_id, user.as_telegram(), "ci-1", data=data, message=under)
        self._deliver(Update(self.ids.update(), callback_query=query))
        return query_id

    def location(self, user: User, latitude: float, longitude: float) -> int:
        point = Location(longitude=longitude, latitude=latitude)
        return self._send(user, user.private_chat(), location=point)

    def sticker(self, user: User) -> int:
        sticker = Sticker("STICKER-FILE", "st1", 512, 512, False, False, Sticker.REGULAR)
        return self._send(user, user.private_chat(), sticker=sticker)

    def voice(self, user: User) -> int:
        return self._send(user, user.private_chat(), voice=Voice("VOICE-FILE", "vo1", 3))

    def photo(self, user: User, caption: str | None = None) -> int:
        photo = (PhotoSize("PHOTO-FILE", "ph1", 90, 90),)
        return self._send(user, user.private_chat(), photo=photo, caption=caption)

    def document(self, user: User, caption: str | None = None) -> int:
        document = Document("DOC-FILE", "do1", file_name="a.pdf")
        return self._send(user, user.private_chat(), document=document, caption=caption)

    def edited(self, user: User, message_id: int, text: str) -> None:
        """She edits an earlier message of hers to read `text`."""
        sent = datetime.fromtimestamp(now().timestamp() - 5, tz=timezone.utc)
        message = Message(
            message_id,
            sent,
            user.private_chat(),
            from_user=user.as_telegram(),
            edit_date=now(),
            text=text,
        )
        self._deliver(Update(self.ids.update(), edited_message=message))

    def group_text(
        self,
        user: User,
        group_id: int,
        text: str,
        *,
        reply_to: int | None = None,
        kind: str = "supergroup",
    ) -> int:
        """Someone writes in a group the bot is in (the operators' group or any other)."""
        return self.text(user, text, reply_to=reply_to, chat=group_chat(group_id, kind))

    def group_command(self, user: User, group_id: int, command: str) -> int:
        return self.command(user, command, chat=group_chat(group_id))

    def _send(self, user: User, chat: Chat, **content: Any) -> int:
        """A new message of hers in chat, as an update; returns its message id."""
        message_id = self.ids.message(chat.id)
        message = Message(message_id, now(), chat, from_user=user.as_telegram(), **content)
        self._deliver(Update(self.ids.update(), message=message))
        return message_id

    def _deliver(self, update: Update) -> None:
        self._push(update.to_dict())
