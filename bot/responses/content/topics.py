"""The "more" pages behind topic buttons: safety, digital safety, law, awareness, after rape."""

from __future__ import annotations

from collections.abc import Callable

from bot.core import actions
from bot.core.events import Button, Reply
from bot.responses.content.base import Ctx, emergency_line, join, lines, message, with_more


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
        "cyberstalking": lambda: _("Followed or watched online"),
        "divorce_custody": lambda: _("Divorce & custody"),
        "hotline_cost": lambda: _("Does 1900 969 680 cost money?"),
        "who_reads_messages": lambda: _("Who can read this chat?"),
        "men_victims": lambda: _("Men and boys"),
        "harassment": lambda: _("Sexual harassment"),
        "forced_marriage": lambda: _("Forced & child marriage"),
        "myths": lambda: _("Myths and facts"),
        "sixteen_days": lambda: _("16 Days of Activism"),
        "scams_abroad": lambda: _("Jobs abroad & scams"),
    }
    return labels[name]()


def topic_buttons(c: Ctx, *names: str) -> tuple[Button, ...]:
    return tuple(Button(topic_label(c, n), actions.topic(n)) for n in names)


def _not_advice(c: Ctx) -> str:
    _ = c.gettext
    return _(
        "This is general information, not legal advice. A legal aid centre can advise on "
        "your situation."
    )


SAFETY = ("emergency_bag", "documents", "code_word", "safer_places", "during_incident")
# Image abuse, deepfakes and doxxing first: the menu's "Online safety" must show them
# (content review 2026-12, item 4).
DIGITAL = (
    "sextortion",
    "impersonation",
    "doxxing",
    "cyberstalking",
    "stalkerware",
    "accounts",
    "scams",
    "bot_safety",
)
LEGAL = (
    "dv_law",
    "protection_orders",
    "report_police",
    "divorce_custody",
    "legal_aid",
    "gender_equality_law",
)
# The "Learn" menu (menu:learn): awareness pages, in responses/content/awareness.py.
AWARENESS = (
    "forms_of_violence",
    "myths",
    "sixteen_days",
    "action_month",
    "harassment",
    "forced_marriage",
    "men_victims",
)


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
        _(
            "Only what feels safe for you: if a packed bag could be found, a list in your head "
            "is fine too."
        ),
    )
    return with_more(c, text, _others(c, SAFETY, "emergency_bag"))


@message("topic:documents")
def documents(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: content review 2026-12, section 3: the paper household book (sổ hộ khẩu)
        # ended on 1 January 2023, so it is no longer on this list.
        _(
            "Papers can make it easier to get help later: ID card, birth certificates, "
            "marriage registration, land or house papers, bank details, health records."
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
            '("địa chỉ tin cậy") in your area.'
        ),
        _("I can look for shelters and support services near you."),
    )
    return with_more(
        c,
        text,
        (
            Button(_("Find services near me"), actions.MENU_SERVICES),
            *_others(c, SAFETY, "safer_places", 3),
        ),
    )


@message("topic:during_incident")
def during_incident(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: hotlines.csv — 113 police emergency, 24/7, free.
        _("If violence is happening, your safety comes first. If you can:"),
        lines(
            _(
                "• move to a room with a way out, away from the kitchen or anything used as a "
                "weapon"
            ),
            _("• call 113, or shout or signal to a neighbour"),
            _("• keep your phone with you"),
            _("• leave if you can, and take children with you if it is safe"),
        ),
        _("Whatever you do to get through it is okay. None of this is your fault."),
    )
    return with_more(c, text, _others(c, SAFETY, "during_incident"))


# ---- digital safety ---------------------------------------------------------------------


@message("topic:sextortion")
def sextortion(c: Ctx, minor: bool = False) -> Reply:
    _ = c.gettext
    if minor:
        # SOURCE: takeitdown.ncmec.org/faq — for images taken under 18, anywhere in the world;
        # a hash is made on the device; StopNCII is for adults only (stopncii.org/faq).
        tool = _(
            "• Take It Down (takeitdown.ncmec.org) helps remove images taken when you were "
            "under 18; the images never leave your phone"
        )
    else:
        # SOURCE: stopncii.org/faq and swgfl.org.uk — 18+ only; hashes made on the device go
        # to partner platforms only; under-18 images go to Take It Down (takeitdown.ncmec.org).
        tool = _(
            "• StopNCII.org fingerprints images taken at 18 or older on your device, so "
            "partner platforms can block them; under 18: takeitdown.ncmec.org"
        )
    text = join(
        _(
            "If someone shares or threatens to share intimate images of you, it is not your "
            "fault. Some steps you can take:"
        ),
        lines(
            _("• don't pay: paying usually leads to more demands"),
            _("• save evidence first (screenshots, names, links, dates), then block"),
            # TRANSLATORS: keep the platforms' own button names: "Báo cáo" on Facebook,
            # "Báo xấu" on Zalo.
            _('• report them in the app ("Report" on Facebook or Zalo)'),
            tool,
            # SOURCE: hotlines.csv — 111 child protection, free, 24/7.
            _("• you can call 111 (free, 24/7) or report it to the police")
            if minor
            else _("• you can report it to the police"),
        ),
        # SOURCE: Hà Nội police warnings (soha.vn/cong-an-ha-noi-canh-bao-nong-
        # 198251019172421879.htm, 19/10/2025): strangers record intimate video calls to
        # extort; lenders demand nude photos or videos as loan security (24h.com.vn, 3/2025).
        _("Watch for: strangers who record intimate video calls, lenders who want nude photos."),
    )
    return with_more(c, text, _others(c, DIGITAL, "sextortion", 3))


@message("topic:stalkerware")
def stalkerware(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "Signs of tracking: someone knows where you are or what you wrote, or there are apps "
            "you don't recognise."
        ),
        lines(
            _("You can check:"),
            _("• location sharing in Google Maps, Zalo, Facebook, Find My / Find My Device"),
            _("• apps with access to location, messages, microphone"),
            # SOURCE: Apple, Personal Safety User Guide (2023): Safety Check; shared iCloud
            # accounts; AirTag alerts for unknown trackers travelling with you.
            _(
                "• shared iCloud or Google accounts; on iPhone, Safety Check (Settings > Privacy "
                "& Security)"
            ),
            _("• alerts about an unknown tracker, such as an AirTag, moving with you"),
        ),
        _(
            "Removing spyware can alert the person who installed it: you can plan for safety "
            "first, and use another phone for private things."
        ),
    )
    return with_more(c, text, _others(c, DIGITAL, "stalkerware", 3))


@message("topic:accounts")
def accounts(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "To lock down your accounts (email, Facebook, Zalo, Telegram, bank), from a device he "
            "has not touched:"
        ),
        lines(
            _("• change passwords to new ones no one can guess"),
            _("• turn on two-factor verification"),
            _("• sign out all other sessions and devices"),
            # SOURCE: Telegram app — Settings > Devices; Settings > Privacy and Security >
            # Two-Step Verification.
            _("• on Telegram: Settings > Devices, and Two-Step Verification"),
        ),
        _(
            "Changing passwords can alert him. If that could put you in danger, plan for safety "
            "first."
        ),
    )
    return with_more(c, text, _others(c, DIGITAL, "accounts", 3))


@message("topic:impersonation")
def impersonation(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "If someone made a fake account in your name, or a fake (deepfake) image or video of "
            "you, it is abuse and it is not your fault."
        ),
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
        _(
            "Doxxing is when someone posts your personal details — address, phone, workplace — "
            "to harass or scare you."
        ),
        lines(
            _("• keep evidence, then report the posts to the platform"),
            _("• make your profiles private and remove public details you can"),
            _("• if you feel unsafe at home, you can plan where to stay and call 113 in danger"),
        ),
    )
    return with_more(c, text, _others(c, DIGITAL, "doxxing", 3))


@message("topic:cyberstalking")
def cyberstalking(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "If someone keeps messaging, following or watching you online after you said no, it "
            "is harassment and it is not your fault."
        ),
        lines(
            _("• keep a log: dates, times, what happened, screenshots"),
            _("• save evidence, then block and report the accounts"),
            _("• check your location sharing and who follows you"),
        ),
        # SOURCE: Law on Domestic Violence Prevention and Control 2022, Art. 2(2) as summarised
        # in the content review 2026-12, section 1 item 5: no-contact covers phone and other means.
        _(
            "If it is a family member or a former partner, a no-contact measure under the 2022 "
            "law also bans contact by phone or social media."
        ),
        _not_advice(c),
    )
    return with_more(c, text, _others(c, DIGITAL, "cyberstalking", 3))


@message("topic:scams")
def scams(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "Some scams aim at women: an online partner who soon asks for money or investments, "
            "or a job offer — often abroad — with high pay, fees up front, or a request for your "
            "passport."
        ),
        # SOURCE: content review 2026-12, section 5 "Scams": fake police calls, deepfake calls
        # from "relatives".
        _(
            'Others: a call from fake police asking for money, or a video call from a "relative" '
            "whose face is a deepfake."
        ),
        _(
            "Signs: pressure to hurry, secrecy, money requests. You can stop replying, keep "
            "evidence, and ask someone you trust before sending anything."
        ),
        # SOURCE: hotlines.csv — 111 is also the national anti-trafficking line since Sept 2025.
        _("If a job offer abroad might be trafficking, 111 can help (24/7, free)."),
    )
    return with_more(
        c, text, (*topic_buttons(c, "scams_abroad"), *_others(c, DIGITAL, "scams", 2))
    )


@message("topic:bot_safety")
def bot_safety(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        lines(
            _("To use this chat more safely:"),
            # What the code does: bot/core/session.py DELETABLE_SECONDS (Telegram lets a bot
            # delete messages for 48 hours); tests/test_privacy_claims.py checks it.
            _(
                '• /wipe deletes our messages from the last 48 hours, on both sides; the "An '
                'Tâm" chat stays in your list: press and hold it > Delete'
            ),
            # SOURCE: Telegram app — Settings > Privacy and Security > Passcode Lock; the
            # English path too, because the Vietnamese interface is a community language pack.
            _("• lock Telegram with a passcode: Settings > Privacy and Security > Passcode Lock"),
            _("• turn off message previews in your phone's notification settings"),
            _("• you can archive or mute this chat so it is less visible"),
        ),
        # SOURCE: README — Telegram is blocked on Viet Nam's main networks since mid-2025;
        # many users reach it through a VPN (content review: anchors.md C1).
        _(
            "A VPN app, if you use one to reach Telegram, can be seen on your phone. Chats with "
            "bots are not end-to-end encrypted. /privacy explains what I keep."
        ),
    )
    more = (
        Button(_("Delete this chat"), actions.MENU_WIPE),
        *topic_buttons(c, "who_reads_messages"),
    )
    return with_more(c, text, more)


# ---- legal information ------------------------------------------------------------------


@message("topic:dv_law")
def dv_law(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: Law on Domestic Violence Prevention and Control 2022 (No. 13/2022/QH15), in
        # force 1 July 2023; Art. 2(1): physical, psychological, sexual and economic harm; Art.
        # 3(2) and Decree 76/2023: some acts also apply to divorced people and unmarried
        # partners living as a couple (content review 2026-12, section 3).
        _(
            "Viet Nam's Law on Domestic Violence Prevention and Control 2022 (in force since "
            "1 July 2023) covers physical, psychological, sexual and economic violence between "
            "family members. Some of it also protects former spouses and unmarried partners "
            "living as a couple."
        ),
        _(
            "It sets out protective measures and support for people affected, such as health "
            "care, counselling, legal aid and safe accommodation."
        ),
        _not_advice(c),
    )
    return with_more(c, text, _others(c, LEGAL, "dv_law"))


@message("topic:protection_orders")
def protection_orders(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: Law on Domestic Violence Prevention and Control 2022 (No. 13/2022/QH15): a stop
        # order, a summons to commune police, no-contact, a safe place, treatment, legal aid and
        # counselling (lawnet.vn, via content review 2026-12, section 3); no-contact also bans
        # contact by phone or other means (Art. 2(2)). "Emergency help" was the 2007 law's list.
        _(
            "The 2022 law has measures such as an order to stop the violence, a safe place to "
            "stay, health care, legal aid and counselling, and no-contact: the person who caused "
            "harm may not come near you or use the phone or social media to harm you."
        ),
        # SOURCE: Art. 25 — commune chair decides no-contact for up to 3 days each time
        # (congan.ninhbinh.gov.vn, via content review 2026-12, section 3).
        _(
            "The commune People's Committee chair can order no-contact for up to 3 days at a "
            "time, and a court can also order it, usually at your request or with your "
            "agreement."
        ),
        _not_advice(c),
    )
    return with_more(c, text, _others(c, LEGAL, "protection_orders"))


@message("topic:report_police")
def report_police(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: hotlines.csv — 113 police emergency, 24/7, free.
        _(
            "In an emergency you can call 113. You can also report to the police of your commune "
            "or ward, in person or with someone you trust."
        ),
        # SOURCE: DV law 2022, chapter III (vietjack.me text, via content review 2026-12,
        # section 5): the commune People's Committee, the victim's school, village heads and the
        # Women's Union also receive reports.
        _(
            "Police are not the only door: the commune People's Committee, the village head, the "
            "Women's Union, or a child's school can also receive a report."
        ),
        _(
            "It can help to bring any evidence you have: photos, messages, medical notes, "
            "names of witnesses."
        ),
        _not_advice(c),
    )
    return with_more(c, text, _others(c, LEGAL, "report_police"))


@message("topic:gender_equality_law")
def gender_equality_law(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: Law on Gender Equality 2006 (No. 73/2006/QH11), in force 1 July 2007.
        _(
            "The Gender Equality Law 2006 says women and men have equal rights in politics, work, "
            "education, health, the economy and family life."
        ),
        _(
            "Discrimination because of gender — for example in hiring or pay — is against this "
            "law."
        ),
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
        _(
            "Each province has a state legal aid centre. Some people — for example children and "
            "some survivors of domestic violence or trafficking — may get free legal help there."
        ),
        _(
            "They can tell you whether you qualify and advise on your situation: divorce, "
            "custody, property, reporting."
        ),
        _("What I say is general information, not legal advice."),
    )
    return with_more(
        c,
        text,
        (
            Button(_("Find services near me"), actions.MENU_SERVICES),
            *_others(c, LEGAL, "legal_aid", 3),
        ),
    )


# ---- sexual violence --------------------------------------------------------------------


@message("topic:sv_72h")
def sv_72h(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: WHO SMART Guidelines HIV (HIV.C23.DT: PEP for exposure within 72 hours);
        # WHO fact sheet "Emergency contraception" (9 Nov 2021): within 5 days, sooner is better.
        # A hospital rather than a commune health station, which may not stock PEP (review §2).
        _(
            "Going to a hospital within 72 hours can help prevent HIV (PEP medicine) and "
            "pregnancy (emergency contraception, the sooner the better). After 72 hours, it is "
            "still worth seeing a doctor."
        ),
        _(
            "If you might want to report later, it can help to keep the clothes in a paper bag "
            "without washing them. It is your choice."
        ),
        emergency_line(c),
    )
    return with_more(c, text, (Button(_("Find services near me"), actions.MENU_SERVICES),))
