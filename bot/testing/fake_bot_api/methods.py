"""The Bot API methods the fake answers, and how it reads their parameters off the wire.

Each answer is what Telegram would return, with messages built from PTB's own objects. A
method missing here is answered 404 by the server, so a new API call fails a test loudly.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from aiohttp import web
from telegram import Chat, Message

from .updates import BOT, Ids, bot_message, group_chat

Answer = Callable[[dict[str, Any], Ids], Any]

# Parameters that are plain strings on the wire; everything else PTB sends JSON-encoded.
TEXT_FIELDS = frozenset(
    {
        "text",
        "caption",
        "callback_query_id",
        "parse_mode",
        "language_code",
        "url",
        "secret_token",
        "description",
        "short_description",
        "name",
        "drop_pending_updates",
    }
)


def get_me(params: dict[str, Any], ids: Ids) -> dict[str, Any]:
    return BOT.to_dict()


def send_message(params: dict[str, Any], ids: Ids) -> dict[str, Any]:
    chat_id = params.get("chat_id")
    message = bot_message(chat_of(chat_id), ids.message(chat_id), params.get("text", ""))
    return _with_markup(message, params)


def edit_message_text(params: dict[str, Any], ids: Ids) -> dict[str, Any] | bool:
    if "inline_message_id" in params:
        return True
    chat = chat_of(params.get("chat_id"))
    message_id: Any = params.get("message_id")  # Telegram requires it without inline_message_id
    message = bot_message(chat, message_id, params.get("text", ""), edited=True)
    return _with_markup(message, params)


def edit_message_reply_markup(params: dict[str, Any], ids: Ids) -> dict[str, Any] | bool:
    return edit_message_text({**params, "text": ""}, ids)


def true(params: dict[str, Any], ids: Ids) -> bool:
    return True


def no_commands(params: dict[str, Any], ids: Ids) -> list[dict[str, Any]]:
    return []


# getUpdates is not here: it waits on the server's queue (FakeBotApi._get_updates).
ANSWERS: dict[str, Answer] = {
    "getMe": get_me,
    "sendMessage": send_message,
    "editMessageText": edit_message_text,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "getMyCommands": no_commands,
    **dict.fromkeys(
        (
            "deleteMessage",
            "deleteMessages",
            "answerCallbackQuery",
            "setMyCommands",
            "deleteMyCommands",
            "deleteWebhook",
            "setWebhook",
            "close",
            "logOut",
            "sendChatAction",
        ),
        true,
    ),
}


def chat_of(chat_id: Any) -> Chat:
    """The chat a method names by id alone: negative ids are groups, as on Telegram."""
    if isinstance(chat_id, int) and chat_id < 0:
        return group_chat(chat_id)
    return Chat(chat_id, Chat.PRIVATE, first_name="Lan")


def _with_markup(message: Message, params: dict[str, Any]) -> dict[str, Any]:
    """The message as Telegram echoes it: with the inline keyboard it was sent with."""
    answer = message.to_dict()
    markup = params.get("reply_markup")
    if isinstance(markup, dict) and "inline_keyboard" in markup:
        answer["reply_markup"] = markup
    return answer


def error(code: int, description: str, parameters: dict[str, Any] | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=code)


async def params_of(request: web.Request) -> dict[str, Any]:
    """Decode parameters whether sent as JSON, form-encoded or multipart."""
    if request.content_type == "application/json":
        body = await request.json()
        return dict(body or {})
    form = await request.post()
    params: dict[str, Any] = dict(request.query)
    for key, value in form.items():
        params[key] = _decode(key, value if isinstance(value, str) else "")
    return params


def _decode(key: str, value: str) -> Any:
    if key in TEXT_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value
