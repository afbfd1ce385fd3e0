"""Where to find help: the province question and the list of nearby services."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Protocol

from babel.dates import format_date
from babel.numbers import format_decimal

from bot.core import actions
from bot.core.events import Button, Reply
from bot.responses.content.base import Ctx, join, lines, menu_button, message, rows

# Most-asked provinces first, named exactly as in provinces_2025.csv (34 since 1 July 2025).
COMMON_PROVINCES = ("Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ")
MAX_SERVICES = 5
# Directory text is checked on import (referral_db/validate.py), but a database filled before
# those checks, or by hand, must still never put control or bidirectional-override characters
# on her screen, nor a field long enough to fill many messages (issue 15).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MAX_FIELD_CHARS = 400


def _safe(text: str | None) -> str | None:
    if not text:
        return text
    text = _UNSAFE.sub(" ", text).strip()
    return text if len(text) <= MAX_FIELD_CHARS else text[: MAX_FIELD_CHARS - 1] + "…"


class ServiceLike(Protocol):
    """The attributes of referral_db.service.Service this module reads (duck typed).

    Read-only properties, so that a frozen dataclass satisfies the protocol.
    """

    @property
    def category(self) -> str: ...
    @property
    def address(self) -> str | None: ...
    @property
    def phones(self) -> tuple[str, ...]: ...
    @property
    def hours(self) -> str | None: ...
    @property
    def last_verified(self) -> date | None: ...
    @property
    def demo(self) -> bool: ...
    @property
    def distance_km(self) -> float | None: ...
    @property
    def source_date(self) -> str | None: ...
    @property
    def confidential(self) -> bool: ...

    def name(self, locale: str) -> str: ...
    def hours_for(self, locale: str) -> str | None: ...
    def public_address(self) -> str | None: ...


def category_label(c: Ctx, category: str) -> str | None:
    """The translated label of a directory category; None for one this build doesn't know."""
    _ = c.gettext
    labels: dict[str, Callable[[], str]] = {
        "hotline": lambda: _("hotline"),
        "shelter": lambda: _("shelter"),
        # TRANSLATORS: the community safe houses known in Vietnamese as "địa chỉ tin cậy".
        "trusted_address": lambda: _("trusted address"),
        "counselling": lambda: _("counselling"),
        "legal_aid": lambda: _("legal aid"),
        "health": lambda: _("health care"),
        "police": lambda: _("police"),
        "one_stop_centre": lambda: _("one-stop support centre"),
        "other": lambda: _("support service"),
    }
    label = labels.get(category)
    return label() if label else None


def _place(c: Ctx, province: str, formerly: str | None) -> str:
    _ = c.gettext
    if formerly and formerly != province:
        # Since 1 July 2025 the province includes the old one she named (content review #15:
        # "formerly" read as if Tuyên Quang's old name were Hà Giang).
        return _("{province} (including former {formerly})").format(
            province=province, formerly=formerly
        )
    return province


def _day(c: Ctx, day: date) -> str:
    """01/11/2025 in Vietnamese (content review), Nov 1, 2025 in English."""
    pattern = "dd/MM/yyyy" if c.locale.startswith("vi") else "medium"
    return format_date(day, format=pattern, locale=c.locale)


def _source_day(c: Ctx, value: str) -> str:
    """A source date as precise as the page gave it: 2022, 04/2022 or 21/11/2025."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return _day(c, date(*parts))
    if len(parts) == 2:
        pattern = "MM/yyyy" if c.locale.startswith("vi") else "MMM yyyy"
        return format_date(date(parts[0], parts[1], 1), format=pattern, locale=c.locale)
    return str(parts[0])


def _how_known(c: Ctx, s: ServiceLike) -> str:
    """How the bot knows this service: she decides how far to trust it."""
    _ = c.gettext
    if s.demo:
        # Demo rows are fictional; she must never mistake one for a real place to go.
        return _("(demo data — not a real service)")
    if s.last_verified is not None:
        label = _("confirmed by phone on {date}").format(date=_day(c, s.last_verified))
    elif s.source_date:
        label = _("from a public source dated {date}, not yet confirmed").format(
            date=_source_day(c, s.source_date)
        )
    else:
        label = _("from a public source with no date, not yet confirmed")
    return f"({label})"


def _intake(c: Ctx, s: ServiceLike) -> str | None:
    """For a shelter whose address stays private: how to reach its intake instead."""
    _ = c.gettext
    if not s.confidential:
        return None
    if s.phones:
        return _("Its address is kept private for safety: call to be taken in.")
    # SOURCE: hotlines.csv — the Peace House line refers women to shelters, 24/7.
    return _(
        "Its address is kept private for safety: the Peace House line 1900 969 680 "
        "(24/7) can refer you."
    )


def national_block(c: Ctx) -> str:
    """The national lines in one compact block, always shown with local results."""
    _ = c.gettext
    # Fixed text, not the directory's rows, so the numbers never depend on how the database
    # was seeded. SOURCE: hotlines.csv — 113 police; 1900 969 680 Peace House; 111 child
    # protection and, since September 2025, trafficking.
    return lines(
        _("National, 24/7:"),
        _(
            "113 police · 1900 969 680 Peace House (women and children facing violence) · "
            "111 child protection and trafficking"
        ),
    )


def _service_block(c: Ctx, number: int, s: ServiceLike) -> str:
    _ = c.gettext
    head = f"{number}. {_safe(s.name(c.locale))}"
    label = category_label(c, s.category)
    if label:
        head = f"{head} — {label}"
    # A confidential shelter's street address never reaches her screen (real_services_notes:
    # shelter addresses are for operators only); English chats get the English hours.
    facts = [_safe(f) for f in (s.public_address(), " · ".join(s.phones), s.hours_for(c.locale))]
    if s.distance_km is not None:
        km = format_decimal(round(s.distance_km, 1), format="#,##0.#", locale=c.locale)
        facts.append(_("{km} km away").format(km=km))
    return lines(
        head,
        " · ".join(f for f in facts if f),
        _intake(c, s),
        _how_known(c, s),
    )


@message("ask_province")
def ask_province(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("Which province are you in?"),
        _("You can tap one below or type its name — old province names work too."),
        # Promise kept by the engine: a shared location is used for one search, never stored.
        # The pin itself stays in her Telegram chat until /wipe (content review, privacy #2).
        _(
            "Or share your location: I use it once to find the nearest services and don't keep "
            "it. The pin stays in this chat until you send /wipe."
        ),
    )
    provinces = [Button(p, actions.prov(p)) for p in COMMON_PROVINCES]
    return Reply(
        text,
        buttons=(*rows(provinces, 3), (menu_button(c),)),
        request_location=True,
    )


@message("services")
def services(
    c: Ctx,
    services: Sequence[ServiceLike] = (),
    national: Sequence[ServiceLike] = (),
    province: str | None = None,
    formerly: str | None = None,
    near: bool = False,
) -> Reply:
    _ = c.gettext
    # `national` is accepted so the engine can pass the directory's result as it is, but the
    # block shown is national_block's fixed text: the numbers never depend on the database.
    if near:
        title = _("Services nearest to you:")
    elif province:
        title = _("Services in {place}:").format(place=_place(c, province, formerly))
    else:
        title = _("Services:")
    blocks = [_service_block(c, i, s) for i, s in enumerate(services[:MAX_SERVICES], start=1)]
    text = join(
        title,
        *blocks,
        _("If you can, call before going: hours can change."),
        national_block(c),
    )
    return Reply(
        text,
        buttons=(
            (
                Button(_("Another province"), actions.MENU_SERVICES),
                Button(_("Talk to a person"), actions.MENU_HUMAN),
            ),
            (menu_button(c),),
        ),
    )


@message("no_services")
def no_services(c: Ctx, province: str | None = None, formerly: str | None = None) -> Reply:
    _ = c.gettext
    if province:
        first = _("I don't have local services for {place} yet.").format(
            place=_place(c, province, formerly)
        )
    else:
        first = _("I don't have local services for that place yet.")
    text = join(
        first,
        _("These national lines can help and refer you to support nearby:"),
        national_block(c),
    )
    return Reply(
        text,
        buttons=(
            (
                Button(_("Another province"), actions.MENU_SERVICES),
                Button(_("Talk to a person"), actions.MENU_HUMAN),
            ),
            (menu_button(c),),
        ),
    )


@message("find_services")
def find_services(c: Ctx) -> Reply:
    """The NLU intent's name: with no province known yet, the first step is to ask for one."""
    return ask_province(c)


@message("location_abroad")
def location_abroad(c: Ctx) -> Reply:
    """A location outside Viet Nam: the directory lists services in Viet Nam only."""
    _ = c.gettext
    # SOURCE: hotlines.csv — 113 and 111 are Viet Nam's national numbers; 111 can be called by
    # a relative in Viet Nam (free, 24/7). No consular phone number is given: none is sourced.
    return Reply(
        _(
            "It looks like you are outside Viet Nam. If you are in danger, call the emergency "
            "number of the country you are in. The Embassy or Consulate of Viet Nam helps "
            "citizens abroad. The numbers below work from Viet Nam, or a relative there can "
            "call 111 for you (free, 24/7)."
        )
    )
