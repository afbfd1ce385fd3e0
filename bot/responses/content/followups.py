"""`next_steps`: the reply to a follow-up, and what goes out instead of the same reply twice.

It continues the conversation's topic and moves it forward — a next step, a person, a number —
and is always worded differently from that topic's first reply.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.core.events import Reply
from bot.responses.content.base import (
    Ctx,
    emergency_line,
    human_button,
    join,
    lines,
    message,
    services_button,
    with_more,
)
from bot.responses.content.topics import topic_buttons


def _urgent(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: hotlines.csv — 113 police, 115 ambulance.
        _("If the danger is still there, 113 comes first; 115 if you are hurt."),
        lines(
            _("When you are a little safer, next steps can be:"),
            _(
                "• see a doctor if you were hurt, even if it seems small; a medical note can help "
                "later"
            ),
            _("• think where you could stay tonight: a relative, a friend, a shelter"),
            _("• talk it through with a counsellor"),
        ),
        # SOURCE: hotlines.csv — 1900 969 680 Peace House, 24/7.
        _("Peace House can help you plan, 24/7: 1900 969 680."),
    )
    return with_more(
        c, text, (services_button(c), human_button(c), *topic_buttons(c, "protection_orders"))
    )


def _suicide(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("I'm glad you're still talking with me. One small next step can be enough for now:"),
        lines(
            _("• tell one person you trust how you feel today"),
            _("• keep away from anything you could hurt yourself with"),
            _("• ask me for a counsellor, or call a line below"),
        ),
        lines(
            # SOURCE: hotlines.csv — 115 medical emergency.
            _("115 — if you are in danger now"),
            # SOURCE: ../shared/reference/hotlines.csv — Ngày Mai line, hours as of 2022.
            _("096 306 1414 — Ngày Mai line, Wednesday to Sunday 13:00–20:30 (hours from 2022)"),
            # SOURCE: hotlines.csv — 1900 969 680 Peace House, 24/7.
            _("1900 969 680 — Peace House, 24/7"),
        ),
    )
    return with_more(c, text, (human_button(c),))


def _rape_now(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: hotlines.csv — 113 police emergency.
        _("If he is still near you, 113 first."),
        lines(
            _("When you are away from him:"),
            # SOURCE: WHO SMART Guidelines HIV (PEP within 72 hours); WHO fact sheet "Emergency
            # contraception" (within 5 days, sooner is better).
            _(
                "• a hospital can give medicine against HIV (PEP, within 72 hours) and emergency "
                "contraception"
            ),
            _("• reporting is your choice; keeping the clothes unwashed helps if you report"),
            _("• you don't have to go alone: a counsellor or someone you trust can help"),
        ),
        _("It is not your fault."),
    )
    return with_more(c, text, (services_button(c), human_button(c)))


def _sexual_violence(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "Yes, if you can — seeing a doctor is a good next step, even if you don't want to "
            "report."
        ),
        lines(
            # SOURCE: WHO SMART Guidelines HIV (PEP within 72 hours); WHO fact sheet "Emergency
            # contraception" (9 Nov 2021: within 5 days); hospital rather than a commune health
            # station (content review 2026-12, section 2).
            _(
                "• go to a hospital and ask for PEP (against HIV, within 72 hours) and emergency "
                "contraception (up to 5 days)"
            ),
            _("• you can bring someone you trust"),
            _("• after 72 hours, a check-up and tests for infections are still worth it"),
        ),
        emergency_line(c),
    )
    return with_more(c, text, (services_button(c), human_button(c)))


def _report_abuse(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("Some next steps, when you feel ready — only the ones that fit you:"),
        lines(
            _("• keep evidence somewhere safe: photos, messages, medical notes, with dates"),
            _("• a safety plan: a code word, a bag, a place to go"),
            _("• report it, if and when you choose"),
            _("• talk to a counsellor"),
        ),
        emergency_line(c),
    )
    return with_more(
        c, text, (human_button(c), *topic_buttons(c, "code_word", "report_police", "documents"))
    )


def _child_abuse(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: hotlines.csv — 111 child protection, free, 24/7; 113 police.
        _(
            "A next step can be to call 111 (free, 24/7) and say what you know: who, where, "
            "what you saw. You don't need proof."
        ),
        _("If the child is in danger right now, 113."),
        _(
            "If you are the child: you can call 111 yourself, and telling an adult you trust is "
            "brave. It is not your fault."
        ),
    )
    return with_more(c, text, (human_button(c),))


def _trafficking(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        lines(
            _("Next steps that can help:"),
            _("• keep a photo or copy of your passport and ID somewhere safe, or with family"),
            _("• share where you are with someone you trust"),
            # SOURCE: hotlines.csv — 111 anti-trafficking line, free, 24/7 (Viet Nam).
            _("• 111 (free, 24/7), from Viet Nam, or a relative there can call for you"),
            # SOURCE: songv.langson.gov.vn/node/21226 — embassies protect citizens abroad.
            _("• abroad: the Embassy or Consulate of Viet Nam"),
        ),
        _("It is not your fault."),
    )
    return with_more(c, text, (human_button(c), *topic_buttons(c, "scams_abroad")))


def _online_abuse(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        lines(
            _("What you can do next, in this order:"),
            _("• save evidence: screenshots with names, links and dates"),
            _("• then report and block the account"),
            # SOURCE: takeitdown.ncmec.org/faq (under 18); stopncii.org/faq (18+, partner
            # platforms only).
            _(
                "• images: Take It Down (takeitdown.ncmec.org) if they were taken under 18; "
                "StopNCII.org if at 18 or older"
            ),
            _("• you can report it to the police"),
        ),
        _("Don't pay anyone who threatens you."),
    )
    return with_more(c, text, (human_button(c), *topic_buttons(c, "sextortion", "accounts")))


def _legal_info(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        lines(
            _("A next step can be:"),
            _("• ask a legal aid centre about your own case; some people get it free"),
            _("• gather papers and evidence: ID, marriage registration, medical notes, messages"),
        ),
        _(
            "This is general information, not legal advice. A legal aid centre can advise on "
            "your situation."
        ),
    )
    return with_more(
        c, text, (services_button(c), human_button(c), *topic_buttons(c, "legal_aid"))
    )


def _safety_planning(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("You could start with one small step this week — whichever feels safe:"),
        lines(
            _("• agree a code word with someone you trust"),
            _("• write important numbers on paper"),
            _("• find out where a shelter or a trusted address is near you"),
        ),
        emergency_line(c),
    )
    return with_more(
        c, text, (services_button(c), *topic_buttons(c, "code_word", "emergency_bag"))
    )


def _emotional_support(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("Talking to someone can help. Would you like a counsellor to write to you here?"),
        lines(
            # SOURCE: hotlines.csv — 1900 969 680 Peace House, 24/7.
            _("1900 969 680 — Peace House, 24/7"),
            # SOURCE: ../shared/reference/hotlines.csv — Ngày Mai line, hours as of 2022.
            _("096 306 1414 — Ngày Mai line, Wednesday to Sunday 13:00–20:30 (hours from 2022)"),
        ),
    )
    return with_more(c, text, (human_button(c),))


def _talk_to_human(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "You asked for a counsellor: they will write to you here as soon as one is free. "
            "Counsellors are not online at every hour."
        ),
        lines(
            _("Meanwhile, these lines answer day and night:"),
            # SOURCE: hotlines.csv — 113 police, 1900 969 680 Peace House, 111 child protection
            # and trafficking; all 24/7.
            _("113 — police, if you are in danger"),
            _("1900 969 680 — Peace House, for women and children facing violence"),
            _("111 — children and trafficking, free"),
        ),
    )
    return with_more(c, text)


def _generic(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "Here is what we can do next: find help near you, ask a counsellor to write to you, "
            "or look at the phone numbers."
        ),
        emergency_line(c),
    )
    return with_more(c, text, (services_button(c), human_button(c)))


_NEXT: dict[str, Callable[[Ctx], Reply]] = {
    "urgent": _urgent,
    "urgent_help": _urgent,
    "violence": _urgent,
    "suicide": _suicide,
    "rape_now": _rape_now,
    "sexual_violence": _sexual_violence,
    "sexual_assault_recent": _sexual_violence,
    "sv_72h": _sexual_violence,
    "report_abuse": _report_abuse,
    "child_abuse": _child_abuse,
    "trafficking": _trafficking,
    "held": _trafficking,
    "scams_abroad": _trafficking,
    "online_abuse": _online_abuse,
    "sextortion": _online_abuse,
    "legal_info": _legal_info,
    "divorce_custody": _legal_info,
    "dv_law": _legal_info,
    "protection_orders": _legal_info,
    "report_police": _legal_info,
    "legal_aid": _legal_info,
    "safety_planning": _safety_planning,
    "emergency_bag": _safety_planning,
    "documents": _safety_planning,
    "code_word": _safety_planning,
    "safer_places": _safety_planning,
    "during_incident": _safety_planning,
    "emotional_support": _emotional_support,
    "talk_to_human": _talk_to_human,
}
# The topics the policy names; others get the generic reply.
TOPICS = tuple(_NEXT)


@message("next_steps")
def next_steps(c: Ctx, topic: str | None = None) -> Reply:
    """A follow-up continues the topic; the same reply twice becomes a step forward."""
    name = (topic or "").removeprefix("topic:")
    return _NEXT.get(name, _generic)(c)
