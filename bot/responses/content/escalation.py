"""Counsellor hand-off: consent, case updates for her, and cards for the operators' group."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from babel.numbers import format_decimal

from bot.core import actions
from bot.core.events import Button, Reply
from bot.core.language import LOCALES
from bot.responses.content.base import (
    Ctx,
    emergency_line,
    join,
    lines,
    menu_button,
    message,
    with_more,
)

# Operators read both languages; the card carries no name, id or message text.
OPERATOR_LOCALES = LOCALES  # every language the bot speaks, on every card


@message("consent_opened")
def consent_opened(c: Ctx, case_id: int = 0, test: bool = False) -> Reply:
    _ = c.gettext
    text = join(
        _("Case #{case_id}: a counsellor has been asked to message you here.").format(
            case_id=case_id
        ),
        # SOURCE: hotlines.csv — 113 police emergency.
        _("If you are in danger now, call 113."),
        _("(TEST — no real counsellor is paged)") if test else None,
    )
    return with_more(c, text)


@message("consent_outside_hours")
def consent_outside_hours(c: Ctx, hours: str = "") -> Reply:
    _ = c.gettext
    text = join(
        _("No counsellor is online right now. Counsellors answer here from {hours}.").format(
            hours=hours
        ),
        # SOURCE: hotlines.csv — 1900 969 680 Peace House and 113 police, both 24/7.
        _("These lines answer 24/7: 1900 969 680 (Peace House) and 113 (police, in danger)."),
    )
    return with_more(c, text)


@message("consent_test_nowhere")
def consent_test_nowhere(c: Ctx) -> Reply:
    _ = c.gettext
    text = _("(TEST) No test chat is configured, so nothing was sent to anyone.")
    return with_more(c, text)


@message("consent_no")
def consent_no(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("That's fine. You can ask for a counsellor any time from the menu."),
        emergency_line(c),
    )
    return with_more(c, text)


@message("realert_user")
def realert_user(c: Ctx) -> Reply:
    _ = c.gettext
    # SOURCE: hotlines.csv — 1900 969 680 Peace House (24/7) and 113 police emergency.
    text = _(
        "No counsellor has answered yet, I'm sorry. Please call 1900 969 680 (24/7) now, or "
        "113 if you are in danger."
    )
    return with_more(c, text)


@message("counsellor_joined")
def counsellor_joined(c: Ctx) -> Reply:
    _ = c.gettext
    # What the code does from now on: bot/core/engine.py relays her words to the operators'
    # group (bot/channels/telegram/operators/desk.py Desk.relay); tests/test_privacy_claims.py.
    text = join(
        _(
            "A counsellor has joined. You can write here and they will read your messages. You "
            "can end the chat at any time."
        ),
        _(
            "Your messages now go to the counsellors' Telegram group, where the team can read "
            "them; /wipe can't delete them there."
        ),
    )
    return Reply(text, buttons=((Button(_("End the chat"), actions.END_CHAT),),))


@message("counsellor_left")
def counsellor_left(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("The counsellor has closed this conversation. You can ask again whenever you want."),
        emergency_line(c),
    )
    return with_more(c, text)


@message("chat_ended")
def chat_ended(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("You have ended the chat with the counsellor. Take care."),
        emergency_line(c),
    )
    return with_more(c, text)


@message("relay_prefix")
def relay_prefix(c: Ctx) -> Reply:
    _ = c.gettext
    # TRANSLATORS: label shown before a counsellor's relayed message, e.g. "Counsellor: ...".
    return Reply(_("Counsellor"))


def _opened(opened_at: str) -> str:
    """An ISO time as operators read it, "14:05 22/11/2026"; anything else is shown as given."""
    try:
        return datetime.fromisoformat(opened_at).strftime("%H:%M %d/%m/%Y")
    except ValueError:
        return opened_at


def _card_line(
    c: Ctx, case_id: int, locale: str, category: str, urgent: bool, opened: str, test: bool
) -> str:
    _ = c.gettext
    parts = [
        _("Case #{case_id}").format(case_id=case_id),
        _("urgent") if urgent else _("not urgent"),
        _("language: {locale}").format(locale=locale),
        _("category: {category}").format(category=category),
        _("opened {time}").format(time=opened),
    ]
    prefix = "[TEST] " if test else ""
    return prefix + " · ".join(parts)


@message("operator_card")
def operator_card(
    c: Ctx,
    case_id: int = 0,
    locale: str = "vi",
    category: str = "",
    urgent: bool = False,
    opened_at: str = "",
    test: bool = False,
) -> Reply:
    opened = _opened(opened_at)
    contexts = [c.for_locale(loc) for loc in OPERATOR_LOCALES]
    text = lines(
        *(_card_line(k, case_id, locale, category, urgent, opened, test) for k in contexts)
    )
    buttons = (
        Button(" / ".join(_claim_label(k) for k in contexts), actions.claim(case_id)),
        Button(" / ".join(_close_label(k) for k in contexts), actions.close(case_id)),
    )
    return Reply(text, buttons=(buttons,))


def _claim_label(k: Ctx) -> str:
    _ = k.gettext
    return _("Claim")


def _close_label(k: Ctx) -> str:
    _ = k.gettext
    return _("Close")


def _both(c: Ctx, render: Callable[[Ctx], str]) -> str:
    """The same operator line in Vietnamese, then English."""
    return lines(*(render(c.for_locale(loc)) for loc in OPERATOR_LOCALES))


@message("operator_claimed")
def operator_claimed(c: Ctx, case_id: int = 0, by: str = "") -> Reply:
    def line(k: Ctx) -> str:
        _ = k.gettext
        return _("Case #{case_id} claimed by {by}.").format(case_id=case_id, by=by)

    return Reply(_both(c, line))


@message("operator_closed")
def operator_closed(c: Ctx, case_id: int = 0) -> Reply:
    def line(k: Ctx) -> str:
        _ = k.gettext
        return _("Case #{case_id} closed.").format(case_id=case_id)

    return Reply(_both(c, line))


@message("operator_realert")
def operator_realert(c: Ctx, case_id: int = 0, minutes: int = 0) -> Reply:
    def line(k: Ctx) -> str:
        ngettext = k.ngettext
        n = format_decimal(minutes, locale=k.locale)
        return ngettext(
            "Case #{case_id} has waited {n} minute with no answer.",
            "Case #{case_id} has waited {n} minutes with no answer.",
            minutes,
        ).format(case_id=case_id, n=n)

    contexts = [c.for_locale(loc) for loc in OPERATOR_LOCALES]
    claim = Button(" / ".join(_claim_label(k) for k in contexts), actions.claim(case_id))
    return Reply(_both(c, line), buttons=((claim,),))


@message("operator_not_allowed")
def operator_not_allowed(c: Ctx) -> Reply:
    def line(k: Ctx) -> str:
        _ = k.gettext
        return _("Only operators can do this.")

    return Reply(_both(c, line))


@message("relay_undelivered")
def relay_undelivered(c: Ctx) -> Reply:
    """Her words could not be passed to the counsellor, even after retries."""
    _ = c.gettext
    # SOURCE: hotlines.csv — 113 police emergency; 1900 969 680 Peace House, 24/7.
    return Reply(
        _(
            "Your last message did not reach the counsellor. Please send it again in a few "
            "minutes. If you are in danger now, call 113 or 1900 969 680."
        )
    )


@message("operator_relay_undelivered")
def operator_relay_undelivered(c: Ctx, case_id: int = 0) -> Reply:
    """The counsellor's words could not reach her (retried, or she blocked the bot)."""

    def line(k: Ctx) -> str:
        _ = k.gettext
        return _(
            "Case #{case_id}: the counsellor's message did not reach her. Please send it again."
        ).format(case_id=case_id)

    return Reply(_both(c, line))


@message("operator_relay_header")
def operator_relay_header(c: Ctx, case_id: int = 0) -> Reply:
    _ = c.gettext
    return Reply(_("Case #{case_id}").format(case_id=case_id))


@message("operator_cards_header")
def operator_cards_header(c: Ctx, count: int = 0) -> Reply:
    """Above several cards posted as one message: how many cases it holds."""

    def part(k: Ctx) -> str:
        ngettext = k.ngettext
        return ngettext("{count} new case", "{count} new cases", count).format(count=count)

    # One line, "vi / en", like the Claim and Close labels under a card.
    return Reply(" / ".join(part(c.for_locale(loc)) for loc in OPERATOR_LOCALES))


@message("operator_cards_over_limit")
def operator_cards_over_limit(c: Ctx, count: int = 0, limit: int = 0, ids: str = "") -> Reply:
    """Cases of people who opened more than `limit` in an hour: a count and their numbers
    ("#12 #13"), never a card of their own, and no re-alerts."""

    def line(k: Ctx) -> str:
        _ = k.gettext
        return _(
            "+{count} from people who opened over {limit} cases in an hour (not re-alerted): {ids}"
        ).format(count=count, limit=limit, ids=ids)

    return Reply(_both(c, line))


@message("tester_trace")
def tester_trace(
    c: Ctx,
    intent: str | None = None,
    confidence: float | None = None,
    urgent: bool = False,
    services: Sequence[str] = (),
) -> Reply:
    _ = c.gettext
    conf = (
        format_decimal(confidence, format="0.00", locale=c.locale)
        if confidence is not None
        else "—"
    )
    text = lines(
        _("(test) intent: {intent} · confidence: {confidence}").format(
            intent=intent or "—", confidence=conf
        ),
        _("urgent: yes") if urgent else _("urgent: no"),
        _("services: {services}").format(services=", ".join(services) or "—"),
    )
    return Reply(text)


@message("start_test_mode")
def start_test_mode(c: Ctx) -> Reply:
    _ = c.gettext
    text = _(
        "Test mode is on: each reply shows what I understood, and counsellor requests go only "
        "to the test chat."
    )
    return with_more(c, text)


@message("stop_test_mode")
def stop_test_mode(c: Ctx) -> Reply:
    _ = c.gettext
    return with_more(c, _("Test mode is off."))


@message("not_a_tester")
def not_a_tester(c: Ctx) -> Reply:
    _ = c.gettext
    return Reply(_("Test mode is only for community testers."), buttons=((menu_button(c),),))
