"""One reply per NLU intent that asks for information or support (not small talk)."""

from __future__ import annotations

from bot.core import actions
from bot.core.events import Button, Reply
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
from bot.responses.content.topics import DIGITAL, LEGAL, SAFETY, topic_buttons


@message("report_abuse")
def report_abuse(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "Thank you for telling me. What is happening to you is not your fault, and you "
            "don't have to deal with it alone."
        ),
        _(
            "If you want, I can share ways to stay safer, explain your rights, find support near "
            "you, or ask a counsellor to message you."
        ),
        emergency_line(c),
    )
    return with_more(
        c,
        text,
        (services_button(c), human_button(c), *topic_buttons(c, "during_incident", "dv_law")),
    )


@message("sexual_violence")
def sexual_violence(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("I'm so sorry this happened. It is not your fault, whatever the circumstances."),
        # SOURCE: WHO — HIV PEP within 72 hours (WHO SMART Guidelines HIV, decision logic
        # HIV.C23.DT "suspected exposure to HIV within 72 hours"); emergency contraception within
        # 5 days, better the sooner (WHO fact sheet "Emergency contraception", 9 Nov 2021).
        # A hospital, not a commune health station, which may not stock PEP (content review).
        _(
            "If it was recent, a hospital can help: medicine to prevent HIV (PEP) within 72 "
            "hours, and emergency contraception, the sooner the better."
        ),
        _(
            "If you might want to report later, it can help to keep the clothes in a paper bag "
            "without washing them. It is your choice."
        ),
        emergency_line(c),
    )
    return with_more(c, text, (services_button(c), human_button(c), *topic_buttons(c, "sv_72h")))


@message("sexual_assault_recent")
def sexual_assault_recent(c: Ctx, who: str = "self") -> Reply:
    """A sexual assault in the last 72 hours: medical care first; the policy adds services."""
    _ = c.gettext
    child = who == "child_self"
    text = join(
        _("I'm so sorry. What happened to her is not her fault.")
        if who == "someone_else"
        else _("I'm so sorry. What happened is not your fault."),
        lines(
            _("A hospital can help, even without reporting to the police:"),
            # SOURCE: WHO SMART Guidelines HIV (HIV.C23.DT: PEP for "suspected exposure to HIV
            # within 72 hours"); hiv.scot/faqs: "as soon as possible … always within 72 hours".
            _("• medicine to prevent HIV (PEP): it must start within 72 hours, sooner is better"),
            # SOURCE: WHO fact sheet "Emergency contraception" (9 Nov 2021): recommended within
            # 5 days, more effective the sooner; used after sexual assault.
            _("• emergency contraception: the sooner the better, up to 5 days"),
            _("• care for any injuries, and tests for infections"),
        ),
        _(
            "Reporting is your choice. If you might report, keeping the clothes unwashed in a "
            "paper bag, and not washing if you can bear it, helps keep evidence."
        ),
        # SOURCE: hotlines.csv — 111 child protection, free, 24/7; 113 police; 1900 969 680.
        _("You can call 111 yourself (free, 24/7). A trusted adult can go with you.")
        if child
        else emergency_line(c),
    )
    return with_more(c, text, (services_button(c), human_button(c)))


def _image_help(c: Ctx, minor: bool) -> str:
    _ = c.gettext
    if minor:
        # SOURCE: takeitdown.ncmec.org/faq — for images taken when you were under 18, anywhere
        # in the world; the image stays on your device, only a hash is shared.
        return _(
            "If the images were taken when you were under 18: Take It Down "
            "(takeitdown.ncmec.org) helps remove them, and the images never leave your "
            "phone."
        )
    # SOURCE: stopncii.org/faq — adults 18+ only; under-18 images go to Take It Down; hashes go
    # to partner platforms only (swgfl.org.uk: partners such as Facebook, Instagram, TikTok).
    return _(
        "StopNCII.org helps if the images were taken when you were 18 or older, on partner "
        "platforms only. Under 18: Take It Down (takeitdown.ncmec.org)."
    )


@message("online_abuse")
def online_abuse(c: Ctx, minor: bool = False) -> Reply:
    _ = c.gettext
    text = join(
        _("What is happening online is real abuse, and it is not your fault."),
        _(
            "It usually helps to keep evidence (screenshots, links, dates) before blocking or "
            "reporting."
        ),
        _image_help(c, minor),
        # SOURCE: hotlines.csv — 111 child protection, free, 24/7.
        _("You can also call 111 (free, 24/7) and talk to them.") if minor else None,
        _("Choose what fits your situation:"),
    )
    return with_more(c, text, topic_buttons(c, *DIGITAL[:6]))


@message("digital_safety_tips")
def digital_safety_tips(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "A few things that protect most people online: strong, different passwords; "
            "two-factor verification; checking who can see your location and posts; and being "
            "careful with links and money requests."
        ),
        _("Pick a topic to read more:"),
    )
    return with_more(c, text, topic_buttons(c, *DIGITAL))


@message("legal_info")
def legal_info(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "Violence in the family is against the law in Viet Nam, and you have the right to "
            "protection and support."
        ),
        _(
            "I can give general information, not legal advice. A legal aid centre can advise on "
            "your own situation. Pick a topic:"
        ),
    )
    return with_more(c, text, topic_buttons(c, *LEGAL))


@message("safety_planning")
def safety_planning(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "A safety plan is simply thinking ahead about what could help you stay safer — "
            "whether you stay or leave. You know your situation best."
        ),
        _("Pick what you would like to think through:"),
    )
    return with_more(c, text, topic_buttons(c, *SAFETY))


@message("child_abuse")
def child_abuse(c: Ctx, who: str = "someone_else") -> Reply:
    _ = c.gettext
    if who == "child_self":
        text = join(
            # SOURCE: hotlines.csv — 111 national child protection line, 24/7, free.
            _(
                "Thank you for telling me. You can call 111 yourself: it is free, open day and "
                "night, and the people there help children."
            ),
            _("If you can, tell an adult you trust — a teacher, a relative, a neighbour."),
            _("What is happening is not your fault. You have the right to be safe."),
            # SOURCE: hotlines.csv — 113 police emergency.
            _("If someone is hurting you right now, call 113."),
        )
        return with_more(c, text, (human_button(c),))
    text = join(
        _("Thank you for looking out for a child. Children have the right to be safe."),
        # SOURCE: hotlines.csv — 111 national child protection line, 24/7, free.
        _(
            "111 is the national child protection line: free, 24/7. You can call to get advice "
            "or report, and you don't need to be sure first."
        ),
        # SOURCE: hotlines.csv — 113 police emergency.
        _("If the child is in danger right now, call 113."),
    )
    return with_more(c, text, (services_button(c), human_button(c)))


@message("trafficking")
def trafficking(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "Being tricked into work or marriage abroad, or having your passport or papers "
            "taken, can be trafficking. It is not your fault."
        ),
        lines(
            # SOURCE: hotlines.csv — 111 is the national anti-trafficking line since Sept 2025.
            _("111 — national line for trafficking and child protection, 24/7, free"),
            # SOURCE: hotlines.csv — Peace House supports women facing GBV or trafficking, 24/7.
            _(
                "1900 969 680 — Peace House, 24/7, supports women and girls affected by "
                "trafficking"
            ),
            _("113 — police, if you are in danger now"),
        ),
        # SOURCE: hotlines.csv (Viet Nam numbers); embassy route: songv.langson.gov.vn/node/21226.
        _(
            "Outside Viet Nam these numbers may not work: a relative in Viet Nam can call 111, "
            "and the Embassy or Consulate of Viet Nam can help citizens abroad."
        ),
    )
    return with_more(c, text, (human_button(c), *topic_buttons(c, "scams_abroad")))


@message("help_someone_else")
def help_someone_else(c: Ctx, child: bool = False) -> Reply:
    _ = c.gettext
    if child:
        text = join(
            _("Thank you for looking out for a child. Some things that usually help:"),
            lines(
                _("• stay calm, listen, and believe what the child tells you"),
                _("• don't confront the person hurting the child if it could make things worse"),
            ),
            # SOURCE: hotlines.csv — 111 child protection, free, 24/7; 113 police.
            _(
                "111 — child protection, free, 24/7: you can call for advice or to report. In "
                "danger now: 113."
            ),
        )
        return with_more(c, text, (services_button(c), human_button(c)))
    text = join(
        _("It means a lot that you want to help. Some things that usually help:"),
        lines(
            _("• listen without judging, and believe her"),
            _("• let her decide; offer help rather than pushing"),
            _("• share this bot or the numbers below when it is safe for her"),
        ),
        # SOURCE: hotlines.csv — 113 police; 1900 969 680 Peace House, 24/7.
        _("If she is in danger now, you can call 113. Peace House, 24/7: 1900 969 680."),
    )
    return with_more(c, text, (services_button(c), *topic_buttons(c, "safer_places", "code_word")))


@message("emotional_support")
def emotional_support(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "It makes sense to feel this way after what you have been through. Your feelings "
            "matter, and you deserve support."
        ),
        _(
            "If you want to talk to someone, I can ask a counsellor to message you here. Peace "
            "House also listens 24/7 on 1900 969 680."
        ),
    )
    return with_more(c, text, (human_button(c),))


@message("learn_about_gbv")
def learn_about_gbv(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "Gender-based violence is harm done to someone because of their gender — most often "
            "to women and girls. Gender equality means everyone has the same rights and chances, "
            "whatever their gender."
        ),
        _("Pick a topic to learn more:"),
    )
    return with_more(
        c, text, topic_buttons(c, "forms_of_violence", "myths", "action_month", "sixteen_days")
    )


@message("talk_to_human")
def talk_to_human(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # What the code does: bot/channels/telegram/operators/ — the card has no name, id or
        # text; once a counsellor takes the case, her messages are posted in the operators'
        # Telegram group, which /wipe cannot reach. tests/test_privacy_claims.py checks this.
        _(
            "I can ask a counsellor to message you here in this chat. They won't see your name "
            "or your Telegram account."
        ),
        _(
            "What you write to the counsellor is posted in the counsellors' Telegram group, "
            "where the team can read it. /wipe can't delete it there."
        ),
        _("Would you like a counsellor to message you here?"),
        emergency_line(c),
    )
    return Reply(
        text,
        buttons=((Button(_("Yes"), actions.CONSENT_YES), Button(_("No"), actions.CONSENT_NO)),),
    )
