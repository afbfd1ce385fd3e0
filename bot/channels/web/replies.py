"""What the web chat answers, as JSON: a Reply as the page shows it, and a turn's answer."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from bot.core.events import Reply


def reply_json(reply: Reply) -> dict[str, Any]:
    """A Reply as the API and the page carry it: text, buttons flattened, location request."""
    return {
        "text": reply.text,
        "buttons": [{"label": b.label, "action": b.action} for row in reply.buttons for b in row],
        "request_location": reply.request_location,
    }


def answer(
    session: str,
    replies: list[Reply],
    *,
    wipe: bool = False,
    live: bool = False,
    seq: int = 0,
) -> dict[str, Any]:
    """One turn's answer to her page."""
    return {
        "session": session,
        "replies": [reply_json(r) for r in replies],
        "wipe": wipe,  # she deleted the chat: the page clears its log
        "live": live,  # a case is open: the page listens for the counsellor
        "seq": seq,  # the last counsellor's message already counted, for her next poll
    }


def json_response(data: Any, status: int = 200) -> web.Response:
    """JSON with Vietnamese as itself, not as \\u escapes: smaller, and readable with curl."""
    return web.json_response(
        data, status=status, dumps=lambda d: json.dumps(d, ensure_ascii=False)
    )
