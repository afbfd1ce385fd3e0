"""Re-alerts: which unclaimed cases are paged to the operators again, how often, and when to stop.

Channel-neutral: the timer and the rules live here, and a channel passes in how to post a
re-alert to its operators and how to tell her to call a hotline (bot/channels/telegram/
operators/desk.py). Nothing here knows Telegram.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Container
from datetime import datetime, timedelta, timezone

from bot.escalation.cases import Case, CaseStore

# A re-alert is an operators' event: logged beside the desk's own pages and claims.
log = logging.getLogger("antam.operators")

MAX_REALERTS = 3  # pages per unclaimed case; she is told to call a hotline after the first
CARD_GRACE = timedelta(seconds=60)  # a case's own card goes before any re-alert of it
SWEEP_MIN_SECONDS = 0.05
SWEEP_MAX_SECONDS = 15.0

Post = Callable[[Case], Awaitable[None]]


def sweep_seconds(realert_minutes: float) -> float:
    """How often to look for due cases: a quarter of the re-alert period, within bounds."""
    period = realert_minutes * 60
    return min(max(period / 4, SWEEP_MIN_SECONDS), SWEEP_MAX_SECONDS)


def still_paged(case: Case) -> bool:
    """True while the case has re-alerts left (a muted case has none)."""
    return case.realerts < MAX_REALERTS


def mute(cases: CaseStore, case_id: int) -> None:
    """No re-alerts for this case (its person opened too many cases in an hour)."""
    cases.mute_realerts(case_id, MAX_REALERTS)


class Realerts:
    """The re-alert timer of one running bot.

    Every sweep_seconds it pages the operators again (page_again) for each open case unclaimed
    for realert_minutes x (re-alerts so far + 1), at most MAX_REALERTS times, and after the
    first it tells her (tell_her) to call a hotline. Cases whose card is still on its way
    (`paging`, or opened under CARD_GRACE ago with no card posted) wait for the next sweep.
    """

    def __init__(
        self,
        cases: CaseStore,
        realert_minutes: float,
        *,
        page_again: Post,
        tell_her: Post,
        paging: Container[int] = (),
    ) -> None:
        self.cases = cases
        self.realert_minutes = realert_minutes
        self.page_again = page_again
        self.tell_her = tell_her
        self.paging = paging  # the channel's cases whose card is waiting to be posted
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start sweeping (once); open cases from before a restart are picked up too."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._sweep_forever(), name="antam-realert")

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    async def _sweep_forever(self) -> None:
        while True:
            await asyncio.sleep(sweep_seconds(self.realert_minutes))
            try:
                await self.sweep()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # a failed page must not end the re-alerts for good
                log.error("re-alert sweep failed type=%s", type(error).__name__)

    async def sweep(self) -> None:
        """Page the operators again for every case unclaimed too long; tell her once to call.

        Each case is counted just before its page goes, so a page that fails (the sweep stops
        there) costs that case one re-alert and leaves the others for the next sweep.
        """
        now = datetime.now(timezone.utc)
        for case in self.cases.unclaimed_due(now, self.realert_minutes):
            if not still_paged(case) or case.id in self.paging:
                continue
            if case.operator_message_id is None and now - case.opened_at < CARD_GRACE:
                continue  # its card is still on its way (after her reply, in the outbox)
            case = self.cases.note_realert(case.id)
            await self.page_again(case)
            log.info("case re-alerted case=%s count=%s", case.id, case.realerts)
            if case.realerts == 1 and case.address:
                await self.tell_her(case)
