"""The "more" pages behind topic buttons: safety, digital safety, law, awareness, after rape."""

from __future__ import annotations

from collections.abc import Callable

from bot.core.events import Button, Reply
from responses.content.base import Ctx, emergency_line, join, lines, message, with_more


def topic_label(c: Ctx, name: str) -> str:
    """The short button label for a topic; a name missing here is a programming error."""
    _ = c.gettext
    labels: dict[str, Callable[[], str]] = {
        "emergency_bag": lambda: _("Emergency bag"),
        "documents": lambda: _("Important papers"),
        "code_word": lambda: _("A code word"),
        "safer_places": lambda: _("Safer places"),
        "during_incident": lambda: _("During an incident"),
        "sextortion": lambda: _("Images & sextortion"),
        "stalkerware": lambda: _("Spying apps & location"),
        "accounts": lambda: _("Lock down accounts"),
        "impersonation": lambda: _("Fake accounts & deepfakes"),
        "doxxing": lambda: _("Personal info posted"),
        "scams": lambda: _("Scams"),
        "bot_safety": lambda: _("Using this chat safely"),
        "dv_law": lambda: _("Domestic violence law"),
        "protection_orders": lambda: _("Protective measures"),
        "report_police": lambda: _("Reporting to police"),
        "gender_equality_law": lambda: _("Gender Equality Law"),
        "legal_aid": lambda: _("Free legal help"),
        "forms_of_violence": lambda: _("Forms of violence"),
        "action_month": lambda: _("Action Month & 25 Nov"),
        "sv_72h": lambda: _("Care in the first 72 hours"),
    }
    return labels[name]()


def topic_buttons(c: Ctx, *names: str) -> tuple[Button, ...]:
    return tuple(Button(topic_label(c, n), f"topic:{n}") for n in names)


def _not_advice(c: Ctx) -> str:
    _ = c.gettext
    return _(
        "This is general information, not legal advice. A legal aid centre can advise on "
        "your situation."
    )


SAFETY = ("emergency_bag", "documents", "code_word", "safer_places", "during_incident")
DIGITAL = ("sextortion", "stalkerware", "accounts", "impersonation", "doxxing", "scams",
           "bot_safety")
LEGAL = ("dv_law", "protection_orders", "report_police", "gender_equality_law", "legal_aid")


def _others(c: Ctx, group: tuple[str, ...], name: str, limit: int = 4) -> tuple[Button, ...]:
    """Buttons to the neighbouring topics of the same group, so she can keep reading."""
    return topic_buttons(c, *[n for n in group if n != name][:limit])


# ---- safety planning --------------------------------------------------------------------


@message("topic:emergency_bag")
def emergency_bag(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "If you might need to leave quickly, it can help to keep a small bag ready, "
            "somewhere safe or with someone you trust:"
        ),
        lines(
            _("• ID card, papers for you and your children (or copies)"),
            _("• some money, a bank card, a spare key"),
            _("• phone charger and a list of important numbers on paper"),
            _("• medicines and a change of clothes"),
        ),
        _("Only what feels safe for you: if a packed bag could be found, a list in your head "
          "is fine too."),
    )
    return with_more(c, text, _others(c, SAFETY, "emergency_bag"))


@message("topic:documents")
def documents(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "Papers can make it easier to get help later: ID card, birth certificates, "
            "household and marriage papers, land or house papers, bank details, health records."
        ),
        _(
            "If you want, you can keep copies or photos with someone you trust, or somewhere "
            "outside the home. Photos of injuries, messages and medical notes can also be "
            "kept somewhere safe, with dates."
        ),
    )
    return with_more(c, text, _others(c, SAFETY, "documents"))


@message("topic:code_word")
def code_word(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "A code word is a simple word or emoji you agree on with someone you trust — a "
            "friend, relative or neighbour. When you send it, they know you need help."
        ),
        _(
            "You can agree together what they should do: call you, come by, or call 113. "
            "Choose a word that looks ordinary in a message."
        ),
    )
    return with_more(c, text, _others(c, SAFETY, "code_word"))


@message("topic:safer_places")
def safer_places(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "It can help to think ahead about where you could go for a few hours or a few "
            "days: a relative's or friend's home, a neighbour, a shelter or a trusted address "
            "(\"địa chỉ tin cậy\") in your area."
        ),
        _("I can look for shelters and support services near you."),
    )
    return with_more(
        c,
        text,
        (Button(_("Find services near me"), "menu:services"),
         *_others(c, SAFETY, "safer_places", 3)),
    )


@message("topic:during_incident")
def during_incident(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: hotlines.csv — 113 police emergency, 24/7, free.
        _("If violence is happening, your safety comes first. If you can:"),
        lines(
            _("• move to a room with a way out, away from the kitchen or anything used as a "
              "weapon"),
            _("• call 113, or shout or signal to a neighbour"),
            _("• keep your phone with you"),
            _("• leave if you can, and take children with you if it is safe"),
        ),
        _("Whatever you do to get through it is okay. None of this is your fault."),
    )
    return with_more(c, text, _others(c, SAFETY, "during_incident"))


# ---- digital safety ---------------------------------------------------------------------


@message("topic:sextortion")
def sextortion(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("If someone shares or threatens to share intimate images of you, it is not your "
          "fault. Some steps you can take:"),
        lines(
            _("• don't pay: paying usually leads to more demands"),
            _("• keep evidence: screenshots of messages, names, links and dates"),
            _("• report the account and the images to the platform"),
            # SOURCE: stopncii.org — hashes are created on the device; images are not uploaded.
            _("• StopNCII.org makes a digital fingerprint (hash) of your images on your own "
              "device, without uploading them, to help platforms block them"),
            _("• you can report it to the police"),
        ),
    )
    return with_more(c, text, _others(c, DIGITAL, "sextortion", 3))


@message("topic:stalkerware")
def stalkerware(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("Signs of tracking can be: someone knows where you are or what you wrote, the "
          "battery drains fast, or there are apps you don't recognise."),
        lines(
            _("You can check:"),
            _("• location sharing in Google Maps, Zalo, Facebook, Find My / Find My Device"),
            _("• installed apps and apps with access to location, messages, microphone"),
            _("• devices signed in to your Google, Apple, Zalo and Facebook accounts"),
        ),
        _("Removing spyware can alert the person who installed it. If you are unsure, you can "
          "plan for safety first and use another phone for private things."),
    )
    return with_more(c, text, _others(c, DIGITAL, "stalkerware", 3))


@message("topic:accounts")
def accounts(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("To lock down your accounts (email, Facebook, Zalo, Telegram, bank):"),
        lines(
            _("• change passwords to new ones no one can guess"),
            _("• turn on two-factor verification"),
            _("• sign out all other sessions and devices"),
            _("• check recovery email and phone number are yours"),
        ),
        _("Start with your email: it can reset every other account."),
    )
    return with_more(c, text, _others(c, DIGITAL, "accounts", 3))


@message("topic:impersonation")
def impersonation(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("If someone made a fake account in your name, or a fake (deepfake) image or video of "
          "you, it is abuse and it is not your fault."),
        lines(
            _("• keep evidence: links, screenshots, dates"),
            _("• report it to the platform as impersonation or non-consensual intimate imagery"),
            _("• tell friends the account is fake, if you want"),
            _("• you can report it to the police"),
        ),
    )
    return with_more(c, text, _others(c, DIGITAL, "impersonation", 3))


@message("topic:doxxing")
def doxxing(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("Doxxing is when someone posts your personal details — address, phone, workplace — "
          "to harass or scare you."),
        lines(
            _("• keep evidence, then report the posts to the platform"),
            _("• make your profiles private and remove public details you can"),
            _("• if you feel unsafe at home, you can plan where to stay and call 113 in danger"),
        ),
    )
    return with_more(c, text, _others(c, DIGITAL, "doxxing", 3))


@message("topic:scams")
def scams(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("Some scams aim at women: an online partner who soon asks for money or investments, or "
          "a job offer — often abroad — with high pay, fees up front, or a request for your "
          "passport."),
        _("Signs: pressure to hurry, secrecy, money requests. You can stop replying, keep "
          "evidence, and ask someone you trust before sending anything."),
        # SOURCE: hotlines.csv — 111 is also the national anti-trafficking line since Sept 2025.
        _("If a job offer abroad might be trafficking, 111 can help (24/7, free)."),
    )
    return with_more(c, text, _others(c, DIGITAL, "scams", 3))


@message("topic:bot_safety")
def bot_safety(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        lines(
            _("To use this chat more safely:"),
            _("• /wipe or \"Delete this chat\" removes our messages on both sides"),
            # SOURCE: Telegram app — Settings > Privacy and Security > Passcode Lock.
            _("• Telegram can lock with a passcode: Settings > Privacy and Security > Passcode"),
            _("• you can archive or mute this chat so it is less visible"),
        ),
        # SOURCE: Telegram FAQ — only secret chats are end-to-end encrypted; bot chats are not.
        _("Chats with bots on Telegram are not end-to-end encrypted. /privacy explains what "
          "I keep."),
    )
    return with_more(c, text, (Button(_("Delete this chat"), "menu:wipe"),))


# ---- legal information ------------------------------------------------------------------


@message("topic:dv_law")
def dv_law(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: Law on Domestic Violence Prevention and Control 2022 (No. 13/2022/QH15),
        # in force 1 July 2023.
        _("Viet Nam's Law on Domestic Violence Prevention and Control 2022 (in force since "
          "1 July 2023) covers physical, psychological, sexual and economic violence between "
          "family members, including former spouses and people living together."),
        _("It sets out protective measures and support for people affected, such as health "
          "care, counselling, legal aid and safe accommodation."),
        _not_advice(c),
    )
    return with_more(c, text, _others(c, LEGAL, "dv_law"))


@message("topic:protection_orders")
def protection_orders(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: Law on Domestic Violence Prevention and Control 2022 (No. 13/2022/QH15):
        # measures to prevent and stop violence, including the no-contact measure.
        _("The Domestic Violence law 2022 has measures to protect you, such as ordering the "
          "violence to stop, emergency help, and a no-contact measure: the person who caused "
          "harm may be ordered to stay away from you for a time."),
        _("A no-contact measure can be decided by the commune People's Committee chair or by "
          "a court, usually at your request or with your agreement."),
        _not_advice(c),
    )
    return with_more(c, text, _others(c, LEGAL, "protection_orders"))


@message("topic:report_police")
def report_police(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: hotlines.csv — 113 police emergency, 24/7, free.
        _("In an emergency you can call 113. You can also go to the police of your commune or "
          "ward to report, in person or with someone you trust."),
        _("It can help to bring any evidence you have: photos, messages, medical notes, names of "
          "witnesses. You can ask for a copy or a note that your report was received."),
        _not_advice(c),
    )
    return with_more(c, text, _others(c, LEGAL, "report_police"))


@message("topic:gender_equality_law")
def gender_equality_law(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: Law on Gender Equality 2006 (No. 73/2006/QH11), in force 1 July 2007.
        _("The Gender Equality Law 2006 says women and men have equal rights in politics, work, "
          "education, health, the economy and family life."),
        _("Discrimination because of gender — for example in hiring or pay — is against this "
          "law."),
        _not_advice(c),
    )
    return with_more(c, text, _others(c, LEGAL, "gender_equality_law"))


@message("topic:legal_aid")
def legal_aid(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: Law on Legal Aid 2017 (No. 11/2017/QH14): each province has a state legal aid
        # centre; some groups (e.g. children, some victims of domestic violence or trafficking)
        # may receive free legal aid. Referral only — no contact details are invented here.
        _("Each province has a state legal aid centre. Some people — for example children and "
          "some survivors of domestic violence or trafficking — may get free legal help there."),
        _("They can tell you whether you qualify and advise on your situation: divorce, "
          "custody, property, reporting."),
    )
    return with_more(
        c,
        text,
        (Button(_("Find services near me"), "menu:services"), *_others(c, LEGAL, "legal_aid", 3)),
    )


# ---- awareness --------------------------------------------------------------------------


@message("topic:forms_of_violence")
def forms_of_violence(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("Violence is not only hitting. It can be:"),
        lines(
            _("• physical: hitting, pushing, locking in"),
            _("• sexual: forced sex — also in marriage — or unwanted touching"),
            _("• psychological: insults, threats, control, isolation"),
            _("• economic: taking your money, stopping you from working"),
            _("• online: leaked images, tracking, harassment"),
        ),
        _("None of it is your fault."),
    )
    return with_more(c, text, topic_buttons(c, "action_month"))


@message("topic:action_month")
def action_month(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: project issue 5 (content brief): National Action Month for Gender Equality and
        # GBV Prevention and Response, 15 November–15 December each year; 2025 theme.
        _("Every year from 15 November to 15 December Viet Nam holds the National Action Month "
          "for Gender Equality and Prevention and Response to Gender-Based Violence. The 2025 "
          "theme was \"Gender equality and safety for women and girls in the digital era\"."),
        # SOURCE: UN General Assembly resolution 54/134 (1999).
        _("25 November is the International Day for the Elimination of Violence against Women."),
    )
    return with_more(c, text, topic_buttons(c, "forms_of_violence"))


# ---- sexual violence --------------------------------------------------------------------


@message("topic:sv_72h")
def sv_72h(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: WHO guidelines — HIV post-exposure prophylaxis (PEP) should start as soon as
        # possible and within 72 hours; emergency contraception works best as early as possible.
        _("Going to a hospital or health centre within 72 hours can help prevent pregnancy "
          "(emergency contraception) and HIV (PEP medicine). Care is still worth it after that."),
        _("If you might want to report later, it can help to keep the clothes in a paper bag "
          "without washing them. It is your choice."),
        emergency_line(c),
    )
    return with_more(c, text, (Button(_("Find services near me"), "menu:services"),))
