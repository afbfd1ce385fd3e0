"""Re-alerts without a channel: which cases are paged again, how often, and when she is told."""

from __future__ import annotations

import pytest
import sqlite_utils

from bot.escalation import realerts
from bot.escalation.cases import Case, CaseStore
from bot.escalation.sealing import Sealer


@pytest.fixture
def store(tmp_path):
    return CaseStore(sqlite_utils.Database(tmp_path / "state.db"), Sealer("test-secret"))


def open_case(store: CaseStore, chat_key: str = "k1", *, card: bool = True) -> Case:
    case = store.open(
        chat_key=chat_key,
        category="urgent_help",
        urgent=True,
        locale="vi",
        test=False,
        address="5001",
    )
    if card:  # its card is out: no grace to wait for
        store.set_operator_message(case.id, 900 + case.id)
    return case


async def sweeps(store: CaseStore, n: int, paging: set[int] | None = None) -> tuple[list, list]:
    """Run n sweeps with every unclaimed case due at once; (pages, times she was told)."""
    paged: list[tuple[int, int]] = []
    told: list[int] = []

    async def page_again(case: Case) -> None:
        paged.append((case.id, case.realerts))

    async def tell_her(case: Case) -> None:
        told.append(case.id)

    timer = realerts.Realerts(
        store, 0.0, page_again=page_again, tell_her=tell_her, paging=paging or set()
    )

    for _ in range(n):
        await timer.sweep()
    return paged, told


@pytest.mark.anyio
async def test_an_unclaimed_case_is_paged_at_most_max_times_and_she_is_told_once(store) -> None:
    case = open_case(store)
    paged, told = await sweeps(store, realerts.MAX_REALERTS + 2)
    assert paged == [(case.id, n) for n in range(1, realerts.MAX_REALERTS + 1)]
    assert told == [case.id]
    assert store.get(case.id).realerts == realerts.MAX_REALERTS


@pytest.mark.anyio
async def test_a_claimed_or_muted_case_is_not_paged_again(store) -> None:
    claimed, muted = open_case(store, "k1"), open_case(store, "k2")
    store.claim(claimed.id, "operator-key")
    realerts.mute(store, muted.id)
    assert not realerts.still_paged(store.get(muted.id))
    assert await sweeps(store, 2) == ([], [])


@pytest.mark.anyio
async def test_a_case_whose_card_is_on_its_way_waits(store) -> None:
    posting, unposted = open_case(store, "k1"), open_case(store, "k2", card=False)
    # posting: its card waits in the outbox; unposted: opened under CARD_GRACE ago, no card.
    assert await sweeps(store, 1, paging={posting.id}) == ([], [])
    assert store.get(posting.id).realerts == 0 and store.get(unposted.id).realerts == 0


@pytest.mark.parametrize(
    "minutes,seconds",
    [(0.0, realerts.SWEEP_MIN_SECONDS), (0.005, 0.075), (10.0, realerts.SWEEP_MAX_SECONDS)],
)
def test_the_sweep_runs_a_quarter_period_within_bounds(minutes: float, seconds: float) -> None:
    assert realerts.sweep_seconds(minutes) == pytest.approx(seconds)
