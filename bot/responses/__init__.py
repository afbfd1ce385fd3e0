"""Every word An Tâm says, in Vietnamese and English, rendered from Babel gettext catalogs."""

from __future__ import annotations

from bot.responses.render import LOCALES, Responses

__all__ = ["LOCALES", "Responses"]
