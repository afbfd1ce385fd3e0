"""Reading a web chat request: her session id, and her message as an Incoming for the engine.

A request that cannot be read raises BadRequest, whose reason names the field, never a value.
"""

from __future__ import annotations

import math
import re
import secrets
from typing import Any

from bot.core.events import Incoming

# The session id lives only in her browser tab (sessionStorage); nothing else identifies her.
SESSION_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
SESSION_RULE = "session must be 1-64 letters, digits, - or _"
ACTION_MAX = 200


class BadRequest(Exception):
    """The request could not be read as a message; the reason names the field, never a value."""


def new_session() -> str:
    return secrets.token_urlsafe(16)


def valid_session(value: object) -> bool:
    return isinstance(value, str) and SESSION_RE.match(value) is not None


def incoming_from(data: dict[str, Any]) -> Incoming:
    """The API's {"text"} / {"action"} / {"location"} as an Incoming; "/wipe" is a command."""
    lang = data.get("lang")
    hint = lang if isinstance(lang, str) and lang in ("vi", "en") else None
    if data.get("location") is not None:
        point = data["location"]
        if isinstance(point, dict):
            point = [
                point.get("lat", point.get("latitude")),
                point.get("lon", point.get("longitude")),
            ]
        try:
            lat, lon = (float(v) for v in point)
        except (TypeError, ValueError):
            raise BadRequest("location must be [latitude, longitude]") from None
        if not (
            math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180
        ):
            raise BadRequest("location is out of range")
        return Incoming(kind="location", location=(lat, lon), client_language=hint)
    action = data.get("action")
    if action is not None:
        if not isinstance(action, str) or not action or len(action) > ACTION_MAX:
            raise BadRequest("action must be a button's action")
        return Incoming(kind="button", text=action, client_language=hint)
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadRequest("text, action or location is required")
    stripped = text.strip()
    if stripped.startswith("/") and len(stripped) > 1 and not stripped[1].isspace():
        name, *args = stripped[1:].split()
        if name.isascii() and name.replace("_", "").replace("@", "").isalnum():
            return Incoming(
                kind="command",
                text=name.split("@")[0].lower(),
                args=tuple(args),
                client_language=hint,
            )
    return Incoming(kind="text", text=text, client_language=hint)
