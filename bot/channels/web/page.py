"""The web chat's one page: its own words in Vietnamese and English, rendered on the server.

The server renders the whole page, so it works with JavaScript off (plain form posts); app.js
then takes over the same markup. The bot's own replies come from bot/responses/ like on Telegram.
"""

from __future__ import annotations

import html
import json
from functools import cache
from pathlib import Path
from string import Template
from typing import Any

from bot.core.language import LOCALES
from bot.responses.content.channel import LOCATION_LABEL
from bot.responses.render import Responses

STATIC = Path(__file__).with_name("static")
CONTENT_TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html"}
SERVED = ("app.js", "app.css")

# The page's own words (the bot's messages come from the catalogs). Vietnamese first.
STRINGS: dict[str, dict[str, str]] = {
    "vi": {
        "title": "An Tâm",  # neutral: the title stays in the browser's history
        "tagline": "Trợ lý miễn phí cho phụ nữ và trẻ em gái bị bạo lực",
        "exit": "Thoát nhanh",
        "exit_hint": ("Thoát nhanh (phím Esc): mở một trang khác; nút Quay lại không trở về đây"),
        "switch": "English",
        "switch_lang": "en",
        "log": "Cuộc trò chuyện",
        "you": "Bạn",
        "bot": "An Tâm",
        "label": "Tin nhắn của bạn",
        "placeholder": "Nhập tin nhắn…",
        "send": "Gửi",
        "delete": "Xóa cuộc trò chuyện",
        "location": "Chia sẻ vị trí của tôi",
        "location_failed": (
            "Không lấy được vị trí. Bạn có thể nhập tên tỉnh hoặc thành phố của bạn."
        ),
        "send_failed": "Chưa gửi được. Nếu bạn đang gặp nguy hiểm, hãy gọi 113 hoặc 1900 969 680.",
        "history": (
            "Trang này không dùng cookie và không lưu tin nhắn của bạn; đóng thẻ này thì cuộc trò "
            "chuyện sẽ mất. Nhưng lịch sử trình duyệt vẫn ghi lại là bạn đã mở trang này. Muốn "
            "không để lại dấu vết, hãy mở trang trong cửa sổ ẩn danh (trên điện thoại: menu ⋮ → "
            "Thẻ ẩn danh mới; trên máy tính: Ctrl+Shift+N), hoặc xóa trang này khỏi lịch sử sau "
            "khi dùng."
        ),
    },
    "en": {
        "title": "An Tâm",
        "tagline": "A free assistant for women and girls facing violence",
        "exit": "Quick exit",
        "exit_hint": "Quick exit (Esc key): opens another site; Back does not return here",
        "switch": "Tiếng Việt",
        "switch_lang": "vi",
        "log": "Conversation",
        "you": "You",
        "bot": "An Tâm",
        "label": "Your message",
        "placeholder": "Type a message…",
        "send": "Send",
        "delete": "Delete this chat",
        "location": "Share my location",
        "location_failed": "Could not get your location. You can type your province or city.",
        "send_failed": "Not sent yet. If you are in danger, call 113 or 1900 969 680.",
        "history": (
            "This page uses no cookies and keeps none of your messages; closing this tab ends the "
            "chat. But your browser's history still shows that you opened this page. To leave no "
            "trace, open it in a private window (on a phone: menu ⋮ → New incognito tab; on a "
            "computer: Ctrl+Shift+N), or delete this page from your history afterwards."
        ),
    },
}
# The emergency line shown above the chat at all times: the catalogs' own words.
EMERGENCY = "In danger now: call 113. Support 24/7: 1900 969 680."


def lang_of(value: str | None, default: str) -> str:
    return value if value in LOCALES else (default if default in LOCALES else "vi")


@cache
def _file(name: str) -> bytes:
    return (STATIC / name).read_bytes()


def static(name: str) -> tuple[bytes, str] | None:
    """A served static file and its content type; only the listed files are served."""
    if name not in SERVED:
        return None
    return _file(name), CONTENT_TYPES[Path(name).suffix]


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _buttons(reply: dict[str, Any]) -> str:
    # Each is a submit button of the composer form: without JavaScript a press is a form post.
    buttons = "".join(
        f'<button type="submit" form="composer" name="action" value="{_e(b["action"])}">'
        f"{_e(b['label'])}</button>"
        for b in reply["buttons"]
    )
    return f'<div class="buttons">{buttons}</div>' if buttons else ""


def message_html(who: str, name: str, text: str, buttons: str = "") -> str:
    return (
        f'<div class="msg {who}"><span class="who">{_e(name)}</span>'
        f"<p>{_e(text)}</p>{buttons}</div>"
    )


def render(
    responses: Responses,
    *,
    lang: str,
    session: str,
    exit_url: str,
    replies: list[dict[str, Any]],
    mine: str | None = None,
    after: int = 0,
) -> str:
    """The whole page: her last message and the bot's replies to it, in the log."""
    words = STRINGS[lang]
    log = []
    if mine:
        log.append(message_html("me", words["you"], mine))
    log.extend(message_html("bot", words["bot"], r["text"], _buttons(r)) for r in replies)
    both = {
        loc: {
            **STRINGS[loc],
            "location": responses.gettext(loc, LOCATION_LABEL),
            "emergency": responses.gettext(loc, EMERGENCY),
        }
        for loc in LOCALES
    }
    template = Template(_file("index.html").decode("utf-8"))
    values = {key: _e(value) for key, value in both[lang].items()}
    return template.safe_substitute(
        values,
        lang=lang,
        session=_e(session),
        exit_url=_e(exit_url),
        after=str(after),
        transcript="\n".join(log),
        # A JSON data block (never executed, so CSP allows it); "<" escaped so it cannot close.
        strings=json.dumps(both, ensure_ascii=False).replace("<", "\\u003c"),
    )
