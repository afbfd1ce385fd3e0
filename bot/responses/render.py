"""Render a response key in the user's locale from the Babel catalogs into a core Reply."""

from __future__ import annotations

import gettext as stdlib_gettext
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from bot.core.events import Reply
from bot.core.language import LOCALES
from bot.responses.content import REGISTRY, Ctx

DEFAULT_LOCALE = "vi"
DOMAIN = "messages"
LOCALES_DIR = Path(__file__).parent / "locales"


def load_translations(locales_dir: Path, locale: str) -> stdlib_gettext.NullTranslations:
    """The compiled .mo when it is up to date, else the .po compiled in memory.

    `make` compiles the catalogs, but a fresh checkout or an edited .po must still speak
    Vietnamese rather than fall back to English, so the .po is the source of truth.
    Fuzzy entries are left out, as pybabel compile does.
    """
    folder = locales_dir / locale / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as f:
            return Translations(f, domain=DOMAIN)
    if po.exists():
        with po.open("rb") as f:
            catalog = read_po(f, locale=locale, domain=DOMAIN)
        buffer = BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        buffer.seek(0)
        return Translations(buffer, domain=DOMAIN)
    return stdlib_gettext.NullTranslations()


class Responses:
    """Every message the bot can send, by key, in Vietnamese or English."""

    def __init__(self, locales_dir: Path | None = None) -> None:
        folder = locales_dir or LOCALES_DIR
        self._translations = {loc: load_translations(folder, loc) for loc in LOCALES}
        self._contexts = {loc: self._context(loc) for loc in LOCALES}

    def _context(self, locale: str) -> Ctx:
        t = self._translations[locale]
        return Ctx(
            locale=locale,
            gettext=t.gettext,
            ngettext=t.ngettext,
            for_locale=lambda other: self._contexts[self.locale(other)],
        )

    @staticmethod
    def locale(locale: str | None) -> str:
        """The supported locale for a requested one ("en-US" -> "en"); anything else -> vi."""
        base = (locale or "").replace("_", "-").split("-")[0].lower()
        return base if base in LOCALES else DEFAULT_LOCALE

    def render(self, key: str, locale: str, /, **params: object) -> Reply:
        """The reply for key in locale; an unknown key raises KeyError (a bug in the caller).

        key and locale are positional-only so that a builder may take a `locale` param
        (operator_card shows the user's locale).
        """
        builder = REGISTRY[key]
        return builder(self._contexts[self.locale(locale)], **params)

    def gettext(self, locale: str, message: str) -> str:
        return self._translations[self.locale(locale)].gettext(message)

    @staticmethod
    def keys() -> tuple[str, ...]:
        return tuple(sorted(REGISTRY))
