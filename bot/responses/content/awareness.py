"""The "Learn" menu and its pages: forms of violence, myths, campaigns, harassment, marriage."""

from __future__ import annotations

from bot.core.events import Reply
from bot.responses.content.base import Ctx, emergency_line, join, lines, message, with_more
from bot.responses.content.topics import AWARENESS, topic_buttons


def _others(c: Ctx, name: str, limit: int = 3) -> tuple:
    """Buttons to a few other awareness pages, so she can keep reading."""
    return topic_buttons(c, *[n for n in AWARENESS if n != name][:limit])


@message("learn")
def learn(c: Ctx) -> Reply:
    """The menu's "Learn" entry (menu:learn): every awareness page as a button."""
    _ = c.gettext
    text = join(
        _(
            "Knowing more can help you — or someone you know — see what is happening and where "
            "to find help."
        ),
        _("What would you like to read about?"),
    )
    return with_more(c, text, topic_buttons(c, *AWARENESS))


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
            _(
                "• online: leaked or faked (deepfake) images, threats to share them, tracking, "
                "posting your address"
            ),
        ),
        _(
            "It can happen in marriage, between boyfriend and girlfriend, or from an ex. Checking "
            "your phone, deciding who you see, controlling money — that is control, not love."
        ),
        _("None of it is your fault."),
    )
    return with_more(c, text, _others(c, "forms_of_violence"))


@message("topic:myths")
def myths(c: Ctx) -> Reply:
    _ = c.gettext
    # SOURCE: content review 2026-12, section 6 (myth pairs); the marital-rape pair rests on the
    # Law on Domestic Violence Prevention and Control 2022, Art. 3 (forced sex is sexual
    # violence in the family).
    text = join(
        lines(
            _('"Family matters stay behind closed doors."'),
            _("→ Domestic violence breaks the law. Asking for help is your right."),
        ),
        lines(
            _('"There is no forcing between husband and wife."'),
            _("→ Forcing a wife or husband into sex is domestic violence (2022 law, Art. 3)."),
        ),
        lines(
            _('"She sent him photos, so it\'s her fault."'),
            _("→ The one who shares them or threatens to is the one doing wrong."),
        ),
    )
    return with_more(c, text, _others(c, "myths"))


@message("topic:sixteen_days")
def sixteen_days(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: UN Women / UNiTE campaign (un.dk/news-and-media/un-women-launches-global-
        # campaign-16-days-of-activism-against-gender-based-violence): 25 November to 10
        # December, Human Rights Day; orange is the UNiTE colour. UNGA resolution 54/134 (1999).
        _(
            "The 16 Days of Activism against Gender-Based Violence run every year from 25 "
            "November, the International Day for the Elimination of Violence against Women, to "
            "10 December, Human Rights Day. The UN's UNiTE campaign marks them in orange."
        ),
        # SOURCE: content review 2026-12, section 6 (dantri.com.vn): Viet Nam's Action Month,
        # 15 November–15 December, held since 2016.
        _("In Viet Nam they fall within the Action Month, 15 November to 15 December."),
        _(
            "What you can do: listen to someone without judging, share the numbers 113 and 1900 "
            "969 680, wear orange."
        ),
    )
    return with_more(c, text, _others(c, "sixteen_days"))


@message("topic:action_month")
def action_month(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: National Action Month for Gender Equality and GBV Prevention and Response,
        # 15 November–15 December each year since 2016 (dantri.com.vn, via content review
        # 2026-12); 2025 theme, official wording with "và", led by the Ministry of Home
        # Affairs (baoquocte.vn; dsa.ueh.edu.vn).
        _(
            "Every year from 15 November to 15 December, since 2016, Viet Nam holds the National "
            "Action Month for Gender Equality and Prevention and Response to Gender-Based "
            'Violence. The 2025 theme was "Gender equality and safety for women and girls in '
            'the digital era".'
        ),
        # SOURCE: UN General Assembly resolution 54/134 (1999).
        _("25 November is the International Day for the Elimination of Violence against Women."),
    )
    return with_more(c, text, _others(c, "action_month"))


@message("topic:harassment")
def harassment(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "Sexual harassment is any sexual behaviour you don't want: comments, touching, "
            "gestures, messages or images — at work, at school, on the bus or online. It is not "
            "your fault."
        ),
        # SOURCE: Labour Code 2019 (No. 45/2019/QH14), Art. 3(9), in force 1 January 2021;
        # Decree 145/2020, Art. 84: physical, verbal and non-verbal forms, also by phone or
        # online (plo.vn/ban-doc/nhung-hanh-vi-bi-xem-la-quay-roi-tinh-duc-tai-noi-lam-viec-
        # 956395.html).
        _("At work, the Labour Code 2019 covers it, including words by phone or online."),
        lines(
            _("• write down what happened, when, and who saw it; keep messages"),
            _(
                "• tell someone you trust; at work or school, you can report it to a manager, "
                "the trade union or a teacher"
            ),
            _("• on a bus, moving near the driver or other women and speaking up can help"),
        ),
        emergency_line(c),
    )
    return with_more(c, text, _others(c, "harassment"))


@message("topic:forced_marriage")
def forced_marriage(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: Law on Marriage and Family 2014 (No. 52/2014/QH13), Art. 8(1): men from 20,
        # women from 18; marriage must be voluntary (hethongphapluat.com/luat-hon-nhan-va-gia-
        # dinh-2014/dieu-8); Art. 5(2): child marriage and forced marriage are prohibited
        # (vietjack.me/tin-phap-luat/cuong-ep-ket-hon-khi-chua-du-do-tuoi-ket-hon-thi-co-vi-
        # pham-dieu-cam-c-2707).
        _(
            "In Viet Nam, marriage must be your own free choice, and a woman must be at least 18 "
            "(a man 20). Forcing someone to marry, or marrying a child, is against the law."
        ),
        _("If you are being pushed to marry, it is not your fault, and you can say no."),
        lines(
            # SOURCE: hotlines.csv — 111 child protection (and trafficking), free, 24/7;
            # 1900 969 680 Peace House, 24/7.
            _("Under 18: 111, free, 24/7 — you can call yourself."),
            _("1900 969 680 — Peace House, 24/7."),
        ),
        _(
            "This is general information, not legal advice. A legal aid centre can advise on "
            "your situation."
        ),
    )
    return with_more(c, text, _others(c, "forced_marriage"))


@message("topic:men_victims")
def men_victims(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "Men and boys can be hurt too: beaten, controlled, or sexually abused. It is never "
            "their fault, and asking for help is not weakness."
        ),
        # SOURCE: Law on Domestic Violence Prevention and Control 2022 (No. 13/2022/QH15),
        # Art. 2: any family member, whatever their gender.
        _("The Domestic Violence law 2022 protects every family member, whatever their gender."),
        lines(
            # SOURCE: hotlines.csv — 113 police; 111 child protection (boys under 18), free, 24/7.
            _("113 — police, in danger now"),
            _("111 — for boys under 18, free, 24/7"),
        ),
        _(
            "I'm made mostly for women and girls, but I can still share general safety "
            "information and legal aid."
        ),
    )
    return with_more(c, text, (*topic_buttons(c, "legal_aid"), *_others(c, "men_victims", 2)))
