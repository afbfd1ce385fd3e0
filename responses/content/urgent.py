"""Danger now, and the national numbers: the replies that must never fail or be vague."""

from __future__ import annotations

from bot.core.events import Button, Reply
from responses.content.base import Ctx, join, lines, menu_button, message, wipe_button


@message("urgent")
def urgent(
    c: Ctx,
    injured: bool = False,
    child: bool = False,
    trafficking: bool = False,
    test: bool = False,
) -> Reply:
    _ = c.gettext
    numbers = [
        # SOURCE: hotlines.csv — 113 police emergency, national, 24/7, free.
        _("If you are in danger now, call 113 (police)."),
    ]
    if injured:
        # SOURCE: hotlines.csv — 115 medical emergency (ambulance), national, 24/7, free.
        numbers.append(_("If you are hurt, call 115 (ambulance)."))
    # SOURCE: hotlines.csv — 1900 969 680 Peace House (Center for Women and Development), 24/7,
    # for women and children facing violence. 1900 lines are usually charged: don't say free.
    numbers.append(_("1900 969 680 — Peace House, 24/7, for women and children facing violence."))
    if child or trafficking:
        # SOURCE: hotlines.csv — 111 national child protection line, 24/7, free; since
        # September 2025 also the national anti-trafficking line.
        numbers.append(_("111 — child protection and trafficking line, 24/7, free."))
    text = join(
        lines(*numbers),
        lines(
            _("If you can:"),
            # Immediate steps from common safety-planning guidance: an exit, people, a phone.
            _("• go to a safer place or a room with a way out, away from the kitchen or weapons"),
            _("• call out to or ask a neighbour or someone nearby for help"),
            _("• keep your phone with you"),
        ),
        _("Would you like a counsellor to message you here?"),
        # TRANSLATORS: shown only to community testers, never in a real conversation. The flows
        # (flows/handoff.yml) look for "THỬ NGHIỆM" in the Vietnamese text.
        _("(TEST — no real counsellor is paged)") if test else None,
    )
    return Reply(
        text,
        buttons=(
            (Button(_("Yes"), "consent:yes"), Button(_("No"), "consent:no")),
            (Button(_("Find services near me"), "menu:services"), wipe_button(c)),
        ),
    )


@message("ask_hotline")
def ask_hotline(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("National numbers, all 24/7:"),
        lines(
            # SOURCE: hotlines.csv — 113 police emergency, free.
            _("113 — police, if you are in danger now (free)"),
            # SOURCE: hotlines.csv — 115 medical emergency, free.
            _("115 — ambulance, for injuries (free)"),
            # SOURCE: hotlines.csv — 114 fire and rescue, free.
            _("114 — fire and rescue (free)"),
            # SOURCE: hotlines.csv — 111 child protection; also trafficking since September 2025.
            _("111 — child protection, and since September 2025 also trafficking (free)"),
            # SOURCE: hotlines.csv — Peace House, Center for Women and Development. Cost unknown:
            # 1900 lines are usually charged, so the text must not promise it is free.
            _(
                "1900 969 680 — Peace House, for women and children facing violence "
                "(call charges may apply)"
            ),
        ),
    )
    return Reply(
        text,
        buttons=(
            (Button(_("Find services near me"), "menu:services"),),
            (Button(_("Talk to a person"), "menu:human"), menu_button(c)),
        ),
    )


@message("urgent_help")
def urgent_help(
    c: Ctx,
    injured: bool = False,
    child: bool = False,
    trafficking: bool = False,
    test: bool = False,
) -> Reply:
    """The NLU intent's name for the same reply as "urgent", for a policy that renders intents."""
    return urgent(c, injured=injured, child=child, trafficking=trafficking, test=test)
