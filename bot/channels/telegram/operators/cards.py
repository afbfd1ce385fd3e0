"""What a case card says in the operators' group: one card, several as one message, an edit.

A card carries the case number, language, category, urgency and time: never a name, username,
id or message text (tests/test_privacy_claims.py). This module only renders; the desk posts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.channels.telegram.sending import MAX_TEXT
from bot.clock import VIETNAM
from bot.core import actions
from bot.core.events import Button, OperatorCard, Reply
from bot.escalation.cases import Case

MAX_BUTTON_ROWS = 20  # Claim buttons under one message of several cards

# The desk's render: a response key and its params -> the reply in the operators' locale.
Render = Callable[..., Reply]


def of_case(case: Case) -> OperatorCard:
    """The card of a case already open (its first card lost in a restart, or edited)."""
    return OperatorCard(
        case_id=case.id,
        locale=case.locale,
        category=case.category,
        urgent=case.urgent,
        # Cards show the time in Viet Nam, as the engine's cards do.
        opened_at=case.opened_at.astimezone(VIETNAM).isoformat(timespec="minutes"),
        test=case.test,
    )


def single(render: Render, card: OperatorCard) -> Reply:
    """One case's card, with its Claim and Close buttons."""
    return render(
        "operator_card",
        case_id=card.case_id,
        locale=card.locale,
        category=card.category,
        urgent=card.urgent,
        opened_at=card.opened_at,
        test=card.test,
    )


def several(
    render: Render, cards: Sequence[OperatorCard], over: Sequence[int], limit: int
) -> Reply:
    """Cards that waited for one group together, as one message: how many, each card, the cases
    of people over the per-hour limit as a count only, and one Claim button per case."""
    lines = [render("operator_cards_header", count=len(cards) + len(over)).text]
    lines += [single(render, c).text for c in cards]
    if over:
        listed = " ".join(f"#{i}" for i in over)
        over_limit = render("operator_cards_over_limit", count=len(over), limit=limit, ids=listed)
        lines.append(over_limit.text)
    label = _claim_label(render, over[0] if over else cards[0].case_id)
    ids = [c.case_id for c in cards] + list(over)  # those over the limit can be claimed too
    rows = tuple(
        (Button(f"{label} #{case_id}", actions.claim(case_id)),)
        for case_id in ids[:MAX_BUTTON_ROWS]
    )
    return Reply("\n\n".join(lines)[:MAX_TEXT], buttons=rows if label else ())


def with_status(render: Render, case: Case, status: str, *, keep_close: bool) -> Reply:
    """The card again with a status line under it ("claimed by", "closed"): after a claim only
    its Close button stays, after a close no button at all."""
    card = single(render, of_case(case))  # the same words and time as the first card
    close = (
        tuple(b for row in card.buttons for b in row if b.action.startswith(f"{actions.CLOSE}:"))
        if keep_close
        else ()
    )
    return Reply(f"{card.text}\n\n{status}", buttons=(close,) if close else ())


def _claim_label(render: Render, case_id: int) -> str:
    """The Claim button's label in every operator language, as the re-alert shows it."""
    reply = render("operator_realert", case_id=case_id, minutes=0)
    claims = (b for row in reply.buttons for b in row if b.action.startswith(f"{actions.CLAIM}:"))
    return next((b.label for b in claims), "")
