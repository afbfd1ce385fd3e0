"""The operators' desk on Telegram: case cards, claims, the two-way relay, closing, re-alerts.

A card carries the case number, language, category, urgency and time: never a name, username,
id or message text. Only OPERATOR_USER_IDS may claim or close. Her words reach the group only
as relays of a claimed case; an operator's reply to a relay (or to the card) goes back to her.
Nothing relayed is logged or stored; the case store keeps ids and times only.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from telegram.error import TelegramError
from telegram.ext import filters

from bot.app import App
from bot.channels.telegram import outbox
from bot.channels.telegram.chats import send_to_user
from bot.channels.telegram.operators import cards
from bot.channels.telegram.outbox import Outbox
from bot.channels.telegram.sending import deliver, inline_markup
from bot.core.events import OperatorCard, OperatorNotice, RelayToOperator, Reply
from bot.escalation import realerts
from bot.escalation.cases import Case, CaseError
from bot.privacy import chat_key
from bot.settings import Settings

log = logging.getLogger("antam.operators")

# One person opening more cases than this in an hour is shown as a count, not card by card:
# eight accounts opening and ending cases once filled the group with 38 messages.
CASES_PER_HOUR = 3

# How a message reaches her: (bot, app, address, reply, locale).
SendUser = Callable[[Any, App, str, Reply, str], Awaitable[None]]


class Desk:
    """The operators' desk for one Application: pages, relays, claims, and re-alert posts."""

    def __init__(self, app: App, settings: Settings, *, send_user: SendUser | None = None) -> None:
        self.app = app
        self.settings = settings
        # Telegram unless told otherwise: the web chat wraps this to reach "web:" addresses
        # (WebChannel.attach in bot/channels/web/), and tests pass their own.
        self.send_user: SendUser = send_user or send_to_user
        self.bot: Any = None
        self.outbox = Outbox()
        self._cards: dict[int, list[OperatorCard]] = {}  # waiting to be posted, per group
        self._over_limit: dict[int, list[int]] = {}  # case ids shown only as a count
        self._paging: set[int] = set()  # cases whose card is waiting in the outbox
        self._repage: asyncio.Task[None] | None = None
        # When to page again is channel-neutral (bot/escalation/realerts.py); the desk posts.
        self.realerts = realerts.Realerts(
            app.cases,
            settings.realert_minutes,
            page_again=self._page_again,
            tell_her=self._ask_her_to_call,
            paging=self._paging,
        )

    # -- where things go --------------------------------------------------------------------

    def chat_ids(self) -> list[int]:
        ids = (self.settings.operator_chat_id, self.settings.test_operator_chat_id)
        return [i for i in ids if i is not None]

    def chat_filter(self) -> filters.BaseFilter:
        ids = self.chat_ids()
        # An empty filters.Chat matches nothing: with no operators' group, no handler fires.
        return filters.Chat(chat_id=ids) if ids else filters.Chat(chat_id=[])

    def group_for(self, test: bool) -> int | None:
        """Test-mode cases go only to the test chat, never to the real operators."""
        return self.settings.test_operator_chat_id if test else self.settings.operator_chat_id

    def is_operator(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.operator_user_ids

    def case_of_chat(self, case_id: int, chat_id: int) -> bool:
        """True if the case belongs in this operators' chat: test cases in the test chat only,
        real cases in the real one only. A case number typed or pressed elsewhere does nothing."""
        case = self.app.cases.get(case_id)
        return case is not None and self.group_for(case.test) == chat_id

    def case_replied_to(self, chat_id: int, message_id: int) -> int | None:
        """The case of the message an operator in chat_id replied to, if it is that chat's."""
        test = chat_id == self.settings.test_operator_chat_id
        case_id = self.app.cases.case_for_relay(chat_id, message_id, test=test)
        if case_id is None or not self.case_of_chat(case_id, chat_id):
            return None
        return case_id

    def _render(self, key: str, **params: Any) -> Reply:
        return self.app.responses.render(key, self.settings.default_locale, **params)

    # -- lifecycle ----------------------------------------------------------------------------

    def attach(self, bot: Any) -> None:
        self.bot = bot

    async def resume(self) -> None:
        """Start the re-alert sweep; open cases from before a restart are picked up by it."""
        active = self.app.cases.active()
        log.info("operator desk started active_cases=%s", len(active))
        self.realerts.start()
        # A crash between opening a case and posting its card left a case nobody saw.
        unseen = [
            c
            for c in active
            if c.status == "open" and c.operator_message_id is None and realerts.still_paged(c)
        ]
        if unseen:
            log.info("posting cards lost in a restart count=%s", len(unseen))
            self._repage = asyncio.create_task(self._page_all(unseen), name="antam-repage")

    async def _page_all(self, unseen: list[Case]) -> None:
        for case in unseen:
            try:
                await self.page(cards.of_case(case))
            except TelegramError as error:
                log.error(
                    "card after restart failed case=%s type=%s", case.id, type(error).__name__
                )

    def stop(self) -> None:
        self.outbox.stop()
        if self._repage is not None:
            self._repage.cancel()
            self._repage = None
        self.realerts.stop()

    # -- the engine's actions -------------------------------------------------------------------

    async def page(self, card: OperatorCard) -> None:
        """Post the case card to the operators' group, with Claim and Close buttons.

        Cards wait in the group's outbox; when several are waiting they go as one message
        with a Claim button each, and a person who opened more than CASES_PER_HOUR cases in
        an hour is shown as a count, with no card and no re-alerts.
        """
        group = self.group_for(card.test)
        if group is None:
            log.warning("case=%s has no operators' chat to go to", card.case_id)
            return
        case = self.app.cases.get(card.case_id)
        hour_ago = datetime.now(timezone.utc) - timedelta(hours=1)
        if case is not None and self.app.cases.opened_since(case.chat_key, hour_ago) > (
            CASES_PER_HOUR
        ):
            realerts.mute(self.app.cases, card.case_id)
            log.info("case over the per-person limit case=%s", card.case_id)
            self._over_limit.setdefault(group, []).append(card.case_id)
        else:
            self._cards.setdefault(group, []).append(card)
        self._paging.add(card.case_id)  # no re-alert before the card itself is out
        try:
            await self.outbox.send(group, outbox.CARD, lambda: self._send_cards(group))
        finally:
            self._paging.discard(card.case_id)

    async def _send_cards(self, group: int) -> None:
        """Send every card waiting for this group: one card alone, several as one message."""
        waiting = self._cards.pop(group, [])
        over = self._over_limit.pop(group, [])
        if not waiting and not over:
            return  # an earlier flush took them
        if len(waiting) == 1 and not over:
            message = await self._post(group, cards.single(self._render, waiting[0]))
            self.app.cases.set_operator_message(waiting[0].case_id, message.message_id)
            # A reply to the card itself also reaches her, like a reply to a relayed message.
            self.app.cases.remember_relay(waiting[0].case_id, group, message.message_id)
            log.info("case paged case=%s test=%s", waiting[0].case_id, waiting[0].test)
            return
        together = cards.several(self._render, waiting, over, CASES_PER_HOUR)
        message = await self._post(group, together)
        # Posted (a restart must not post them again), on a shared message.
        for case_id in [c.case_id for c in waiting] + over:
            self.app.cases.set_operator_message(case_id, message.message_id)
        log.info("cases paged together count=%s over_limit=%s", len(waiting), len(over))

    def _post(self, group: int, reply: Reply) -> Awaitable[Any]:
        """sendMessage to the group, its buttons under it, through Telegram's errors."""
        return deliver(
            lambda: self.bot.send_message(group, reply.text, reply_markup=inline_markup(reply))
        )

    async def relay(self, action: RelayToOperator) -> None:
        """Her words, under a "Case #12" header, for the counsellor; the text is never logged."""
        group = self.group_for(action.test)
        if group is None:
            return
        header = self._render("operator_relay_header", case_id=action.case_id).text
        try:
            text = f"{header}\n{action.text}"
            message = await self.outbox.send(
                group, outbox.RELAY, lambda: deliver(lambda: self.bot.send_message(group, text))
            )
        except TelegramError as error:
            # Retried and still refused: she must know her words did not arrive.
            log.error(
                "relay to operators failed case=%s type=%s", action.case_id, type(error).__name__
            )
            case = self.app.cases.get(action.case_id)
            if case is not None and case.address:
                reply = self.app.responses.render(
                    "relay_undelivered", case.locale or self.settings.default_locale
                )
                await self.send_user(self.bot, self.app, case.address, reply, case.locale)
            return
        self.app.cases.remember_relay(action.case_id, group, message.message_id)
        log.info("relayed to operators case=%s", action.case_id)

    async def notice(self, action: OperatorNotice) -> None:
        """A line for the group about a case (she ended it, a tester left...)."""
        group = self.group_for(action.test)
        if group is None:
            return
        reply = self._render(action.key, case_id=action.case_id)
        await self.outbox.send(group, outbox.NOTICE, lambda: self._post(group, reply))
        if action.key == "operator_closed":  # she ended it: the card loses its buttons
            case = self.app.cases.get(action.case_id)
            if case is not None:
                await self._edit_card(case, reply.text)

    # -- operators acting ---------------------------------------------------------------------

    async def claim(self, case_id: int, user_id: int, name: str) -> Case | None:
        """Claim for an allowed operator; tell her a counsellor joined. None if not claimable."""
        try:
            case = self.app.cases.claim(case_id, _operator_key(self.settings, user_id))
        except CaseError:
            return None
        log.info("case claimed case=%s", case_id)
        if case.address:  # she hears first; the card's edit waits in the group's outbox
            reply = self.app.responses.render("counsellor_joined", case.locale)
            await self.send_user(self.bot, self.app, case.address, reply, case.locale)
        claimed = self._render("operator_claimed", case_id=case_id, by=name).text
        await self._edit_card(case, claimed, keep_close=True)
        return case

    async def close(self, case_id: int, outcome: str = "closed_by_operator") -> Case | None:
        """Close the case; tell her the counsellor left. None if it was already closed."""
        before = self.app.cases.get(case_id)
        try:
            case = self.app.cases.close(case_id, outcome)
        except CaseError:
            return None
        log.info("case closed case=%s outcome=%s", case_id, outcome)
        address = before.address if before is not None else None  # close() erases it
        if address:
            locale = case.locale or self.settings.default_locale
            reply = self.app.responses.render("counsellor_left", locale)
            await self.send_user(self.bot, self.app, address, reply, locale)
        await self._edit_card(case, self._render("operator_closed", case_id=case_id).text)
        return case

    async def reply_to_user(self, case_id: int, text: str) -> bool:
        """An operator's words, prefixed "Counsellor:", to her. False if the case is closed."""
        case = self.app.cases.get(case_id)
        if case is None or case.status != "claimed" or not case.address:
            return False
        prefix = self.app.responses.render("relay_prefix", case.locale).text
        reply = Reply(f"{prefix}: {text}")
        try:
            await self.send_user(self.bot, self.app, case.address, reply, case.locale)
        except TelegramError as error:
            # Retried and still refused (or she blocked the bot): the counsellor must know.
            log.error("relay to user failed case=%s type=%s", case_id, type(error).__name__)
            group = self.group_for(case.test)
            if group is not None:
                notice = self._render("operator_relay_undelivered", case_id=case_id).text
                await self.outbox.send(
                    group,
                    outbox.RELAY,
                    lambda: deliver(lambda: self.bot.send_message(group, notice)),
                )
            return False
        log.info("relayed to user case=%s", case_id)
        return True

    async def _edit_card(self, case: Case, status: str, *, keep_close: bool = False) -> None:
        group = self.group_for(case.test)
        if group is None or case.operator_message_id is None:
            return
        if self.app.cases.cases_on_message(case.operator_message_id, case.test) > 1:
            return  # several cards in one message: editing it for one would hide the others
        edited = cards.with_status(self._render, case, status, keep_close=keep_close)
        message_id = case.operator_message_id
        try:
            await self.outbox.send(
                group,
                outbox.NOTICE,
                lambda: self.bot.edit_message_text(
                    edited.text,
                    chat_id=group,
                    message_id=message_id,
                    reply_markup=inline_markup(edited),
                ),
            )
        except TelegramError as error:  # the card may be gone; the case itself is fine
            log.warning("card edit failed case=%s type=%s", case.id, type(error).__name__)

    # -- re-alerts (bot/escalation/realerts.py decides when) ---------------------------------

    async def _page_again(self, case: Case) -> None:
        """A case still unclaimed, again, with a Claim button; a reply to it reaches her."""
        group = self.group_for(case.test)
        if group is None:
            return
        minutes = round(self.settings.realert_minutes * case.realerts)
        reply = self._render("operator_realert", case_id=case.id, minutes=minutes)
        message = await self.outbox.send(group, outbox.REALERT, lambda: self._post(group, reply))
        self.app.cases.remember_relay(case.id, group, message.message_id)

    async def _ask_her_to_call(self, case: Case) -> None:
        """Nobody has answered yet: she is told to call a hotline (once, after the first)."""
        assert case.address is not None  # realerts.Realerts calls this only with an address
        locale = case.locale or self.settings.default_locale
        reply = self.app.responses.render("realert_user", locale)
        await self.send_user(self.bot, self.app, case.address, reply, locale)


def _operator_key(settings: Settings, user_id: int) -> str:
    """The claimant as the case store keeps it: a keyed hash, never the Telegram id."""
    return chat_key(settings.id_secret, "operator", user_id)
