"""One reply per NLU intent that asks for information or support (not small talk)."""

from __future__ import annotations

from bot.core.events import Button, Reply
from responses.content.base import Ctx, emergency_line, join, lines, message, with_more
from responses.content.topics import DIGITAL, LEGAL, SAFETY, topic_buttons


def _services(c: Ctx) -> Button:
    _ = c.gettext
    return Button(_("Find services near me"), "menu:services")


def _human(c: Ctx) -> Button:
    _ = c.gettext
    return Button(_("Talk to a person"), "menu:human")


@message("report_abuse")
def report_abuse(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("Thank you for telling me. What is happening to you is not your fault, and you "
          "don't have to deal with it alone."),
        _("If you want, I can share ways to stay safer, explain your rights, find support near "
          "you, or ask a counsellor to message you."),
        emergency_line(c),
    )
    return with_more(
        c, text, (_services(c), _human(c), *topic_buttons(c, "during_incident", "dv_law"))
    )


@message("sexual_violence")
def sexual_violence(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("I'm so sorry this happened. It is not your fault, whatever the circumstances."),
        # SOURCE: WHO guidelines — PEP for HIV within 72 hours; emergency contraception as early
        # as possible (within 72 hours for the common pill).
        _("If it was recent, a hospital or health centre can help within 72 hours: emergency "
          "contraception and medicine to prevent HIV (PEP)."),
        _("If you might want to report later, it can help to keep the clothes in a paper bag "
          "without washing them. It is your choice."),
        emergency_line(c),
    )
    return with_more(c, text, (_services(c), _human(c), *topic_buttons(c, "sv_72h")))


@message("online_abuse")
def online_abuse(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("What is happening online is real abuse, and it is not your fault."),
        _("It usually helps to keep evidence (screenshots, links, dates) before blocking or "
          "reporting. Choose what fits your situation:"),
    )
    return with_more(c, text, topic_buttons(c, *DIGITAL[:6]))


@message("digital_safety_tips")
def digital_safety_tips(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("A few things that protect most people online: strong, different passwords; "
          "two-factor verification; checking who can see your location and posts; and being "
          "careful with links and money requests."),
        _("Pick a topic to read more:"),
    )
    return with_more(c, text, topic_buttons(c, "accounts", "stalkerware", "scams", "bot_safety"))


@message("legal_info")
def legal_info(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("Violence in the family is against the law in Viet Nam, and you have the right to "
          "protection and support."),
        _("I can give general information, not legal advice. A legal aid centre can advise on "
          "your own situation. Pick a topic:"),
    )
    return with_more(c, text, topic_buttons(c, *LEGAL))


@message("safety_planning")
def safety_planning(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("A safety plan is simply thinking ahead about what could help you stay safer — "
          "whether you stay or leave. You know your situation best."),
        _("Pick what you would like to think through:"),
    )
    return with_more(c, text, topic_buttons(c, *SAFETY))


@message("child_abuse")
def child_abuse(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("Thank you for looking out for this child. Children have the right to be safe."),
        # SOURCE: hotlines.csv — 111 national child protection line, 24/7, free.
        _("111 is the national child protection line: free, 24/7. You can call to get advice "
          "or report, and you don't need to be sure first."),
        # SOURCE: hotlines.csv — 113 police emergency.
        _("If the child is in danger right now, call 113."),
    )
    return with_more(c, text, (_services(c), _human(c)))


@message("trafficking")
def trafficking(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("Being tricked into work or marriage abroad, or having your passport or papers "
          "taken, can be trafficking. It is not your fault."),
        lines(
            # SOURCE: hotlines.csv — 111 is the national anti-trafficking line since Sept 2025.
            _("111 — national line for trafficking and child protection, 24/7, free"),
            # SOURCE: hotlines.csv — Peace House supports women facing GBV or trafficking, 24/7.
            _("1900 969 680 — Peace House, 24/7, supports women and girls affected by "
              "trafficking"),
            _("113 — police, if you are in danger now"),
        ),
    )
    return with_more(c, text, (_human(c), *topic_buttons(c, "scams")))


@message("help_someone_else")
def help_someone_else(c: Ctx) -> Reply:
    _ = c.gettext
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
    return with_more(c, text, (_services(c), *topic_buttons(c, "safer_places", "code_word")))


@message("emotional_support")
def emotional_support(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("It makes sense to feel this way after what you have been through. Your feelings "
          "matter, and you deserve support."),
        _("If you want to talk to someone, I can ask a counsellor to message you here. Peace "
          "House also listens 24/7 on 1900 969 680."),
    )
    return with_more(c, text, (_human(c),))


@message("learn_about_gbv")
def learn_about_gbv(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("Gender-based violence is harm done to someone because of their gender — most often "
          "to women and girls. Gender equality means everyone has the same rights and chances, "
          "whatever their gender."),
        _("Pick a topic to learn more:"),
    )
    return with_more(c, text, topic_buttons(c, "forms_of_violence", "action_month"))


@message("talk_to_human")
def talk_to_human(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("I can ask a counsellor to message you here in this chat. They won't see your name "
          "or your Telegram account, only what you choose to write here."),
        _("Would you like a counsellor to message you here?"),
        emergency_line(c),
    )
    return Reply(
        text,
        buttons=((Button(_("Yes"), "consent:yes"), Button(_("No"), "consent:no")),),
    )
