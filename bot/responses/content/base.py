"""Shared pieces of every message: the translation context, the registry and common buttons."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.core import actions
from bot.core.events import Button, Reply

Builder = Callable[..., Reply]

# key -> builder(c, **params); filled by the @message decorator as content modules import.
REGISTRY: dict[str, Builder] = {}


def message(key: str) -> Callable[[Builder], Builder]:
    """Register a builder under its response key; a duplicate key is a programming error."""

    def register(builder: Builder) -> Builder:
        if key in REGISTRY:
            raise ValueError(f"duplicate response key {key!r}")
        REGISTRY[key] = builder
        return builder

    return register


@dataclass(frozen=True)
class Ctx:
    """What a builder needs: the locale, its translations, and other locales (operator cards)."""

    locale: str
    gettext: Callable[[str], str]
    ngettext: Callable[[str, str, int], str]
    for_locale: Callable[[str], Ctx]


def join(*parts: str | None) -> str:
    """Paragraphs separated by a blank line; None and empty parts are left out."""
    return "\n\n".join(p for p in parts if p)


def lines(*parts: str | None) -> str:
    """Lines of one paragraph; None and empty parts are left out."""
    return "\n".join(p for p in parts if p)


def rows(buttons: Iterable[Button], per_row: int = 2) -> tuple[tuple[Button, ...], ...]:
    """Lay buttons out in rows of per_row, the last row possibly shorter."""
    items = list(buttons)
    return tuple(tuple(items[i : i + per_row]) for i in range(0, len(items), per_row))


def main_menu_buttons(c: Ctx) -> tuple[Button, ...]:
    """The eight main-menu buttons: the issue's seven, and "Learn" (issue 11) before Language."""
    _ = c.gettext
    return (
        Button(_("Get help now"), actions.MENU_HELP),
        Button(_("Find services near me"), actions.MENU_SERVICES),
        Button(_("Online safety"), actions.MENU_ONLINE),
        Button(_("Know your rights"), actions.MENU_RIGHTS),
        Button(_("Talk to a person"), actions.MENU_HUMAN),
        Button(_("Learn"), actions.MENU_LEARN),
        Button(_("Language"), actions.MENU_LANGUAGE),
        Button(_("Delete this chat"), actions.MENU_WIPE),
    )


def menu_button(c: Ctx) -> Button:
    """The way back to the main menu, offered under almost every message."""
    _ = c.gettext
    return Button(_("Menu"), actions.MENU)


def services_button(c: Ctx) -> Button:
    """Find services near her (asks for the province)."""
    _ = c.gettext
    return Button(_("Find services near me"), actions.MENU_SERVICES)


def human_button(c: Ctx) -> Button:
    """Ask for a counsellor (the consent question comes next)."""
    _ = c.gettext
    return Button(_("Talk to a person"), actions.MENU_HUMAN)


def wipe_button(c: Ctx) -> Button:
    _ = c.gettext
    return Button(_("Delete this chat"), actions.MENU_WIPE)


def emergency_line(c: Ctx) -> str:
    """One short line with the two numbers that matter most when she is in danger."""
    _ = c.gettext
    # SOURCE: hotlines.csv — 113 police emergency (national, 24/7, free); 1900 969 680 Peace
    # House / Center for Women and Development (24/7; 1900 lines are usually charged).
    return _("In danger now: call 113. Support 24/7: 1900 969 680.")


def with_more(c: Ctx, text: str, more: Iterable[Button] = (), *, menu: bool = True) -> Reply:
    """A reply with "more" buttons two per row, then the menu button on its own row."""
    layout = rows(more)
    if menu:
        layout = (*layout, (menu_button(c),))
    return Reply(text, buttons=layout)
