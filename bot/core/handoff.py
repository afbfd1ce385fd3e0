"""Her case with a counsellor, as a turn changes it: opened with a card, ended by her or by /wipe.

The engine calls these when a decision opens or ends a case. Cards and notices carry case
numbers and categories only: her words reach the operators' group only as relays she chose.
"""

from __future__ import annotations

import logging

from bot.clock import VIETNAM
from bot.core.events import OperatorCard, OperatorNotice
from bot.escalation.cases import Case, CaseStore

log = logging.getLogger("antam.engine")


def open_case(
    cases: CaseStore, chat_key: str, address: str, locale: str, category: str, test: bool
) -> tuple[Case, OperatorCard]:
    """Open her case and page the operators with a card that carries no content."""
    case = cases.open(
        chat_key=chat_key,
        category=category,
        urgent=category == "urgent_help",
        locale=locale,
        test=test,
        address=address,
    )
    log.info("case opened case=%s category=%s test=%s", case.id, category, test)
    card = OperatorCard(
        case_id=case.id,
        locale=locale,
        category=category,
        urgent=case.urgent,
        opened_at=case.opened_at.astimezone(VIETNAM).isoformat(timespec="minutes"),
        test=test,
    )
    return case, card


def end_case(cases: CaseStore, chat_key: str, outcome: str) -> OperatorNotice | None:
    """Close her open case, if any (her sealed address goes with it); the group is told."""
    case = cases.open_for(chat_key)
    if case is None:
        return None
    cases.close(case.id, outcome)
    return OperatorNotice(case.id, "operator_closed", case.test)
