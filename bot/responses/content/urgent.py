"""Danger now, and the national numbers: the replies that must never fail or be vague.

One `urgent` key answers every emergency; `situation` says which one, because the first number
and the first steps differ: violence (113), suicide or self-harm (115), a rape happening now
(113, never the aftercare text), someone held or trafficked (111 and 113, and what works from
abroad), someone else in danger (what she can safely do), a child speaking for herself (111,
which she can call herself). `repeat` counts the urgent replies already sent in this danger: a
continuing reply is shorter, worded differently, and keeps the same first number.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.core import actions
from bot.core.events import Button, Reply
from bot.responses.content.base import Ctx, join, lines, menu_button, message, wipe_button

SITUATIONS = ("violence", "suicide", "rape_now", "held", "someone_else", "child_self")


def _buttons(c: Ctx) -> tuple[tuple[Button, ...], ...]:
    _ = c.gettext
    return (
        (Button(_("Yes"), actions.CONSENT_YES), Button(_("No"), actions.CONSENT_NO)),
        (Button(_("Find services near me"), actions.MENU_SERVICES), wipe_button(c)),
    )


def _test_marker(c: Ctx, test: bool) -> str | None:
    _ = c.gettext
    # TRANSLATORS: shown only to community testers, never in a real conversation. The flows
    # (flows/handoff.yml) look for "THỬ NGHIỆM" in the Vietnamese text.
    return _("(TEST — no real counsellor is paged)") if test else None


# ---- the numbers, one line each ----------------------------------------------------------


def _n113(c: Ctx) -> str:
    _ = c.gettext
    # SOURCE: hotlines.csv — 113 police emergency, national, 24/7, free.
    return _("If you are in danger now, call 113 (police).")


def _n115(c: Ctx) -> str:
    _ = c.gettext
    # SOURCE: hotlines.csv — 115 medical emergency (ambulance), national, 24/7, free.
    return _("If you are hurt, call 115 (ambulance).")


def _n1900(c: Ctx) -> str:
    _ = c.gettext
    # SOURCE: hotlines.csv — 1900 969 680 Peace House (Center for Women and Development), 24/7,
    # for women and children facing violence. 1900 lines are usually charged: don't say free.
    return _("1900 969 680 — Peace House, 24/7, for women and children facing violence.")


def _n111(c: Ctx) -> str:
    _ = c.gettext
    # SOURCE: hotlines.csv — 111 national child protection line, 24/7, free; since
    # September 2025 also the national anti-trafficking line.
    return _("111 — child protection and trafficking line, 24/7, free.")


def _ngay_mai(c: Ctx) -> str:
    _ = c.gettext
    # SOURCE: ../shared/reference/hotlines.csv — Ngày Mai line 096 306 1414, emotional crisis
    # and depression, volunteer listeners, not an emergency service; 13:00–20:30 Wednesday to
    # Sunday as of August 2022 (tintuc.vdong.vn/10/1543422.htm; plo.vn/ban-doc/ngay-mai-duong-
    # day-nong-ho-tro-nguoi-tram-cam-985054.html), "check before launch": the text says so.
    return _(
        "096 306 1414 — Ngày Mai line, free listening in a crisis, Wed–Sun 13:00–20:30 "
        "(hours from 2022, may have changed)."
    )


# ---- first replies, one per situation -------------------------------------------------------


def _violence(c: Ctx, injured: bool, child: bool, trafficking: bool) -> str:
    _ = c.gettext
    # With an injury 115 comes second, beside 113: the danger is a person, then the wound
    # (content review 2026-12, section 2: decided and tested in tests/test_responses.py).
    numbers = lines(
        _n113(c),
        _n115(c) if injured else None,
        _n1900(c),
        _n111(c) if child or trafficking else None,
    )
    steps = lines(
        _("If you can:"),
        # Immediate steps from common safety-planning guidance: an exit, people, a phone.
        _("• go to a safer place or a room with a way out, away from the kitchen or weapons"),
        _("• call out for help, or ask a neighbour or someone nearby to help"),
        _("• keep your phone with you"),
    )
    return join(numbers, steps)


def _suicide(c: Ctx, injured: bool, child: bool) -> str:
    _ = c.gettext
    # SOURCE: content review 2026-12, section 2 "New self-harm branch" (115 first; warm words;
    # 1900 969 680 listens 24/7). Never the kitchen-and-weapons advice: that is for violence.
    numbers = lines(
        # SOURCE: hotlines.csv — 115 medical emergency, national, 24/7, free.
        _("In danger now: call 115 or go to the nearest emergency department."),
        # SOURCE: hotlines.csv — 113 police: someone else is hurting her too.
        _("If someone is hurting you, also 113 (police).") if injured else None,
        _n111(c) if child else None,
    )
    return join(
        numbers,
        _(
            "If you are thinking of hurting yourself: you matter, and you don't have to "
            "carry this alone."
        ),
        lines(
            _("If you can:"),
            # SOURCE: WHO, "Restricting access to the means for suicide"
            # (who.int/mental_health/prevention/suicide/pesticides/en/) and LIVE LIFE "Limit
            # access to means of suicide": less access to means gives a crisis time to pass.
            _("• put away what you could hurt yourself with, or give it to someone"),
            _("• stay near someone you trust"),
        ),
        lines(
            _ngay_mai(c),
            # SOURCE: hotlines.csv — 1900 969 680 Peace House, 24/7.
            _("1900 969 680 — Peace House listens 24/7."),
        ),
    )


def _rape_now(c: Ctx, injured: bool, child: bool) -> str:
    _ = c.gettext
    numbers = lines(
        _n113(c),
        _n115(c) if injured else None,
        _n1900(c),
        _n111(c) if child else None,
    )
    return join(
        numbers,
        _("If you can, get to other people, or to a room you can lock."),
        _("Whatever happens, it is not your fault."),
    )


def _held(c: Ctx, injured: bool, abroad: bool) -> str:
    _ = c.gettext
    if abroad:
        numbers = lines(
            # SOURCE: hotlines.csv — 113 and 111 are national short numbers of Viet Nam;
            # 111 is the anti-trafficking line since September 2025, free, 24/7.
            _(
                "113 and 111 are Viet Nam numbers and may not work from where you are. A "
                "relative in Viet Nam can call 111 for you (free, 24/7), or Peace House on "
                "1900 969 680."
            ),
            # SOURCE: Vietnamese embassies and consulates protect citizens abroad ("bảo hộ
            # công dân"): songv.langson.gov.vn/node/21226; MOFA on citizens held in Cambodia,
            # tracuuquyhoach.com/tin-tuc/bo-ngoai-giao-len-tieng-viec-hon-140-nguoi-viet-bi-
            # bat-o-campuchia-52770112. No consular phone number: the ones found date from 2015.
            _(
                "Where you are, the local police or the Embassy or Consulate of Viet Nam can "
                "help citizens who are held or tricked abroad."
            ),
        )
    else:
        numbers = lines(
            _n113(c),
            _n115(c) if injured else None,
            # SOURCE: hotlines.csv — 111, national anti-trafficking line since September 2025.
            _("111 — national line for trafficking and child protection, 24/7, free"),
            _n1900(c),
        )
    return join(
        numbers,
        _(
            "If you can, keep your phone hidden and on silent, and note where you are: an "
            "address, a shop name, a landmark."
        ),
        _("Being held or tricked is not your fault."),
    )


def _someone_else(c: Ctx, injured: bool, child: bool, suicide: bool = False) -> str:
    _ = c.gettext
    numbers = lines(
        # SOURCE: hotlines.csv — 115 medical emergency (ambulance), national, 24/7, free.
        _(
            "If they may hurt themselves now, call 115 (ambulance) where they are, and stay "
            "with them or ask someone near them to."
        )
        if suicide
        else None,
        # SOURCE: hotlines.csv — 113 police emergency, national, 24/7, free.
        _(
            "If someone is in danger now, you can call 113 and give the exact address. If "
            "they are far from you, someone near them can call 113 there."
        ),
        # SOURCE: hotlines.csv — 115 medical emergency.
        _("If they are hurt, 115 (ambulance).") if injured else None,
        # SOURCE: hotlines.csv — 111 child protection, free, 24/7.
        _("111 — for a child: free, 24/7, you can call for them.") if child else None,
        # SOURCE: hotlines.csv — 1900 969 680 Peace House, 24/7.
        _("1900 969 680 — Peace House, 24/7: advice on how to help."),
    )
    return join(
        numbers,
        lines(
            _("What you can safely do:"),
            _("• don't put yourself in danger: calling for help is enough"),
            _("• if it is safe, stay in touch with them by phone or message"),
            _("• write down what you saw or heard, and when"),
        ),
    )


def _child_self(c: Ctx, injured: bool) -> str:
    _ = c.gettext
    numbers = lines(
        # SOURCE: hotlines.csv — 111 national child protection line, free, 24/7; a child can
        # call it herself.
        _("You can call 111 yourself: it is free, open day and night, and it helps children."),
        # SOURCE: hotlines.csv — 113 police emergency.
        _("If someone is hurting you right now, call 113 (police)."),
        _n115(c) if injured else None,
        # SOURCE: hotlines.csv — 1900 969 680 Peace House, 24/7, women and children.
        _("1900 969 680 — Peace House, 24/7, also helps girls."),
    )
    return join(
        numbers,
        _(
            "If you can, go to an adult you trust — a teacher, a relative, a neighbour — and "
            "tell them."
        ),
        _("It is not your fault. You did nothing wrong by telling."),
    )


# ---- continuing replies: she writes again while in danger ------------------------------------


def _again(c: Ctx, situation: str, second: bool, injured: bool, child: bool, abroad: bool) -> str:
    """Shorter, other words, the same first number; two versions that alternate."""
    _ = c.gettext
    first: dict[str, Callable[[], str]]
    if not second:
        first = {
            # SOURCE: hotlines.csv — 113 police, 115 ambulance, 111 child protection and
            # trafficking, all national, 24/7, free.
            "violence": lambda: _(
                "113 — if he is still near you, call now, or ask someone nearby to call for you."
            ),
            "suicide": lambda: _(
                "115 — if you might act on these thoughts, call now or go to "
                "an emergency department."
            ),
            "rape_now": lambda: _("113 — if you are still in danger, call now if you can."),
            "held": lambda: _("111 — a relative in Viet Nam can call it for you, free."),
            "someone_else": lambda: _(
                "113 — if they are still in danger, call now and give the address."
            ),
            "child_self": lambda: _("111 — you can call now. It is free, and they help children."),
        }
        step = {
            "violence": lambda: _("If you can't talk, going where other people are can help."),
            "suicide": lambda: _("Could someone come and stay with you for a while?"),
            "rape_now": lambda: _(
                "Getting to other people or a locked room is okay, whatever it takes."
            ),
            "held": lambda: _("If you can, send your location to someone you trust."),
            "someone_else": lambda: _("You have done something good by looking out for them."),
            "child_self": lambda: _(
                "Telling an adult you trust is brave, and it is the right thing."
            ),
        }
        support = _("Peace House answers 24/7: 1900 969 680.")
        closing = _("I'm still here. Press Yes if you want a counsellor to write to you.")
    else:
        first = {
            "violence": lambda: _(
                "Call 113 if the danger is still there — anyone near you can call too."
            ),
            "suicide": lambda: _(
                "Please call 115 or go to a hospital now if you are not safe with yourself."
            ),
            "rape_now": lambda: _("Call 113 as soon as you can, or shout for help."),
            "held": lambda: _("Call 113 if you are in Viet Nam and can call safely."),
            "someone_else": lambda: _("Call 113 for them, or ask someone near them to call."),
            "child_self": lambda: _(
                "Call 111 — you can talk to them about anything that is happening."
            ),
        }
        step = {
            "violence": lambda: _("Keep your phone close, and stay near the door if you can."),
            "suicide": lambda: _("Keep away from anything you could hurt yourself with."),
            "rape_now": lambda: _("None of this is your fault."),
            "held": lambda: _("Try to remember names, places and times: they will help later."),
            "someone_else": lambda: _("Please don't go there alone if it isn't safe."),
            "child_self": lambda: _("None of this is your fault."),
        }
        support = _("1900 969 680 — someone at Peace House listens, day and night.")
        closing = _("You're not alone. I can ask a counsellor to message you here: press Yes.")
    if situation == "held" and not abroad and not second:
        situation_first = _(
            "111 — the trafficking line, free, 24/7. 113 if you are in danger now."
        )
    else:
        situation_first = first[situation]()
    extra = None
    if injured and situation in ("violence", "rape_now", "someone_else", "child_self"):
        extra = _n115(c)
    elif injured and situation == "suicide":
        extra = _("If someone is hurting you, also 113 (police).")
    return join(
        lines(
            situation_first,
            extra,
            _n111(c) if child and situation not in ("child_self", "held") else None,
            # Held: 111 in every version, the second one too (a relative can call it for her).
            _n111(c) if situation == "held" and second else None,
            _ngay_mai(c) if situation == "suicide" else None,
            support,
        ),
        step[situation](),
        closing,
    )


@message("urgent")
def urgent(
    c: Ctx,
    injured: bool = False,
    child: bool = False,
    trafficking: bool = False,
    test: bool = False,
    situation: str = "violence",
    abroad: bool = False,
    repeat: int = 0,
    suicide: bool = False,
) -> Reply:
    """The emergency reply: numbers first, for that danger and that person. `suicide` with
    someone_else: the other person may hurt herself (115 first)."""
    _ = c.gettext
    if situation not in SITUATIONS:
        situation = "violence"
    if situation == "violence" and abroad and trafficking:
        situation = "held"
    if repeat >= 1:
        body = _again(c, situation, repeat % 2 == 0, injured, child or trafficking, abroad)
        return Reply(join(body, _test_marker(c, test)), buttons=_buttons(c))
    if situation == "suicide":
        body = _suicide(c, injured, child)
    elif situation == "rape_now":
        body = _rape_now(c, injured, child)
    elif situation == "held":
        body = _held(c, injured, abroad)
    elif situation == "someone_else":
        body = _someone_else(c, injured, child, suicide)
    elif situation == "child_self":
        body = _child_self(c, injured)
    else:
        body = _violence(c, injured, child, trafficking)
    text = join(
        body,
        _("Would you like a counsellor to message you here?"),
        _test_marker(c, test),
    )
    return Reply(text, buttons=_buttons(c))


@message("ask_hotline")
def ask_hotline(c: Ctx) -> Reply:
    _ = c.gettext
    # Order from the content review 2026-12, section 2: 113, 1900 969 680, 111, 115, 114.
    text = join(
        _("National numbers, all 24/7:"),
        lines(
            # SOURCE: hotlines.csv — 113 police emergency, free.
            _("113 — police, if you are in danger now (free)"),
            # SOURCE: hotlines.csv — Peace House, Center for Women and Development. Cost unknown:
            # 1900 lines are usually charged, so the text must not promise it is free.
            _(
                "1900 969 680 — Peace House, for women and children facing violence "
                "(call charges may apply)"
            ),
            # SOURCE: hotlines.csv — 111 child protection; also trafficking since September 2025.
            _("111 — child protection, and since September 2025 also trafficking (free)"),
            # SOURCE: hotlines.csv — 115 medical emergency, free.
            _("115 — ambulance, for injuries (free)"),
            # SOURCE: hotlines.csv — 114 fire and rescue, free.
            _("114 — fire and rescue (free)"),
        ),
    )
    return Reply(
        text,
        buttons=(
            (
                Button(_("Find services near me"), actions.MENU_SERVICES),
                Button(_("Does 1900 969 680 cost money?"), actions.topic("hotline_cost")),
            ),
            (Button(_("Talk to a person"), actions.MENU_HUMAN), menu_button(c)),
        ),
    )


@message("urgent_help")
def urgent_help(
    c: Ctx,
    injured: bool = False,
    child: bool = False,
    trafficking: bool = False,
    test: bool = False,
    situation: str = "violence",
    abroad: bool = False,
    repeat: int = 0,
) -> Reply:
    """The NLU intent's name for the same reply as "urgent", for a policy that renders intents."""
    return urgent(
        c,
        injured=injured,
        child=child,
        trafficking=trafficking,
        test=test,
        situation=situation,
        abroad=abroad,
        repeat=repeat,
    )


@message("get_help")
def get_help(c: Ctx) -> Reply:
    """The menu's "Get help now" (menu:help), should a policy render it by name."""
    return urgent(c)
