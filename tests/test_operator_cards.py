"""What a case card says in the operators' group: the same time before and after a claim."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.channels.telegram.operators import cards
from bot.core.events import Reply
from bot.escalation.cases import Case


def test_a_claimed_card_keeps_viet_nam_time() -> None:
    """The first card and the card edited after a claim show the same hour (UTC+7)."""
    case = Case(
        id=3,
        chat_key="k",
        status="claimed",
        category="report_abuse",
        urgent=False,
        locale="vi",
        test=False,
        opened_at=datetime(2026, 12, 3, 1, 0, tzinfo=timezone.utc),
        claimed_at=None,
        closed_at=None,
        outcome=None,
        realerts=0,
        operator_message_id=9,
        address=None,
    )
    seen: list[object] = []

    def render(key: str, **params: object) -> Reply:
        seen.append(params.get("opened_at"))
        return Reply(key)

    cards.with_status(render, case, "claimed", keep_close=True)
    assert seen[0] == "2026-12-03T08:00+07:00"
    assert seen[0] == cards.of_case(case).opened_at
