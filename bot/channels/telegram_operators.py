"""The operators' side on Telegram: case cards, claims, two-way relay, closing and re-alerts.

A card carries the case number, language, category, urgency and time: never a name, username,
id or message text. Only OPERATOR_USER_IDS may claim or close. Her words reach the group only
as relays of a claimed case; an operator's reply to a relay (or to the card) goes back to her.
Nothing relayed is logged or stored; the case store keeps ids and times only.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.app import App
from bot.channels import telegram_outbox as outbox
from bot.channels.telegram_delivery import deliver
from bot.channels.telegram_outbox import Outbox
from bot.core.events import OperatorCard, OperatorNotice, RelayToOperator, Reply
from bot.escalation.cases import Case, CaseError
from bot.privacy import chat_key
from bot.settings import Settings

log = logging.getLogger("antam.operators")

CASE_BUTTON = re.compile(r"^(claim|close):(\d+)$")
MAX_REALERTS = 3  # pages per unclaimed case; she is told to call a hotline after the first
# One person opening more cases than this in an hour is shown as a count, not card by card:
# eight accounts opening and ending cases once filled the group with 38 messages.
CASES_PER_HOUR = 3
CARD_GRACE = timedelta(seconds=60)  # a case's own card goes before any re-alert of it
MAX_BUTTON_ROWS = 20  # Claim buttons under one message of several cards
MAX_TEXT = 4096
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")  # cards show the time in Viet Nam
SWEEP_MIN_SECONDS = 0.05
SWEEP_MAX_SECONDS = 15.0

SendUser = Callable[[Any, App, str, Reply, str], Awaitable[None]]


class Desk:
    """The operators' desk for one Application: pages, relays, and the re-alert sweep."""

    def __init__(self, app: App, settings: Settings, *, send_user: SendUser) -> None:
        self.app = app
        self.settings = settings
        self.send_user = send_user
        self.bot: Any = None
        self._sweeper: asyncio.Task[None] | None = None
        self.outbox = Outbox()
        self._cards: dict[int, list[OperatorCard]] = {}  # waiting to be posted, per group
        self._over_limit: dict[int, list[int]] = {}  # case ids shown only as a count
        self._paging: set[int] = set()  # cases whose card is waiting in the outbox
        self._repage: asyncio.Task[None] | None = None

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
        if self._sweeper is None or self._sweeper.done():
            self._sweeper = asyncio.create_task(self._sweep_forever(), name="antam-realert")
        # A crash between opening a case and posting its card left a case nobody saw.
        unseen = [
            c
            for c in active
            if c.status == "open" and c.operator_message_id is None and c.realerts < MAX_REALERTS
        ]
        if unseen:
            log.info("posting cards lost in a restart count=%s", len(unseen))
            self._repage = asyncio.create_task(self._page_all(unseen), name="antam-repage")

    async def _page_all(self, cases: list[Case]) -> None:
        for case in cases:
            card = OperatorCard(
                case_id=case.id,
                locale=case.locale,
                category=case.category,
                urgent=case.urgent,
                opened_at=case.opened_at.astimezone(VIETNAM).isoformat(timespec="minutes"),
                test=case.test,
            )
            try:
                await self.page(card)
            except TelegramError as error:
                log.error(
                    "card after restart failed case=%s type=%s", case.id, type(error).__name__
                )

    def stop(self) -> None:
        self.outbox.stop()
        if self._repage is not None:
            self._repage.cancel()
            self._repage = None
        if self._sweeper is not None:
            self._sweeper.cancel()
            self._sweeper = None

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
            self.app.cases.mute_realerts(card.case_id, MAX_REALERTS)
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
        cards = self._cards.pop(group, [])
        over = self._over_limit.pop(group, [])
        if not cards and not over:
            return  # an earlier flush took them
        rendered = [self._card(c) for c in cards]
        if len(cards) == 1 and not over:
            reply = rendered[0]
            message = await deliver(
                lambda: self.bot.send_message(group, reply.text, reply_markup=_markup(reply))
            )
            self.app.cases.set_operator_message(cards[0].case_id, message.message_id)
            # A reply to the card itself also reaches her, like a reply to a relayed message.
            self.app.cases.remember_relay(cards[0].case_id, group, message.message_id)
            log.info("case paged case=%s test=%s", cards[0].case_id, cards[0].test)
            return
        language = "en" if self.settings.default_locale.startswith("en") else "vi"
        lines = [_FLOOD[(language, "header")].format(count=len(cards) + len(over))]
        lines += [r.text for r in rendered]
        if over:
            listed = " ".join(f"#{i}" for i in over)
            lines.append(
                _FLOOD[(language, "over")].format(
                    count=len(over), limit=CASES_PER_HOUR, ids=listed
                )
            )
        label = next(
            (b.label for b in self._claim_buttons(over[0] if over else cards[0].case_id)), ""
        )
        ids = [c.case_id for c in cards] + over  # those over the limit can be claimed too
        rows = [
            [InlineKeyboardButton(f"{label} #{case_id}", callback_data=f"claim:{case_id}")]
            for case_id in ids[:MAX_BUTTON_ROWS]
        ]
        markup = InlineKeyboardMarkup(rows) if rows and label else None
        text = "\n\n".join(lines)[:MAX_TEXT]
        message = await deliver(lambda: self.bot.send_message(group, text, reply_markup=markup))
        for case_id in ids:  # posted (a restart must not post them again), on a shared message
            self.app.cases.set_operator_message(case_id, message.message_id)
        log.info("cases paged together count=%s over_limit=%s", len(cards), len(over))

    def _claim_buttons(self, case_id: int) -> list[Any]:
        reply = self._render("operator_realert", case_id=case_id, minutes=0)
        return [b for row in reply.buttons for b in row if b.action.startswith("claim:")]

    def _card(self, card: OperatorCard) -> Reply:
        return self._render(
            "operator_card",
            case_id=card.case_id,
            locale=card.locale,
            category=card.category,
            urgent=card.urgent,
            opened_at=card.opened_at,
            test=card.test,
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
        group = self.group_for(action.test)
        if group is None:
            return
        reply = self._render(action.key, case_id=action.case_id)
        markup = _markup(reply)
        await self.outbox.send(
            group,
            outbox.NOTICE,
            lambda: deliver(lambda: self.bot.send_message(group, reply.text, reply_markup=markup)),
        )
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
        card = self._render(
            "operator_card",
            case_id=case.id,
            locale=case.locale,
            category=case.category,
            urgent=case.urgent,
            opened_at=case.opened_at.isoformat(),
            test=case.test,
        )
        markup = None
        if keep_close:
            close = [b for row in card.buttons for b in row if b.action.startswith("close:")]
            markup = InlineKeyboardMarkup(
                [[InlineKeyboardButton(b.label, callback_data=b.action) for b in close]]
            )
        message_id = case.operator_message_id
        try:
            await self.outbox.send(
                group,
                outbox.NOTICE,
                lambda: self.bot.edit_message_text(
                    f"{card.text}\n\n{status}",
                    chat_id=group,
                    message_id=message_id,
                    reply_markup=markup,
                ),
            )
        except TelegramError as error:  # the card may be gone; the case itself is fine
            log.warning("card edit failed case=%s type=%s", case.id, type(error).__name__)

    # -- re-alerts ------------------------------------------------------------------------------

    def sweep_seconds(self) -> float:
        period = self.settings.realert_minutes * 60
        return min(max(period / 4, SWEEP_MIN_SECONDS), SWEEP_MAX_SECONDS)

    async def _sweep_forever(self) -> None:
        while True:
            await asyncio.sleep(self.sweep_seconds())
            try:
                await self.sweep()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # a failed page must not end the re-alerts for good
                log.error("re-alert sweep failed type=%s", type(error).__name__)

    async def sweep(self) -> None:
        """Page the group again for every case unclaimed too long; tell her once to call."""
        now = datetime.now(timezone.utc)
        for case in self.app.cases.unclaimed_due(now, self.settings.realert_minutes):
            if case.realerts >= MAX_REALERTS or case.id in self._paging:
                continue
            if case.operator_message_id is None and now - case.opened_at < CARD_GRACE:
                continue  # its card is still on its way (after her reply, in the outbox)
            case = self.app.cases.note_realert(case.id)
            group = self.group_for(case.test)
            if group is not None:
                minutes = round(self.settings.realert_minutes * case.realerts)
                reply = self._render("operator_realert", case_id=case.id, minutes=minutes)
                message = await self.outbox.send(
                    group,
                    outbox.REALERT,
                    lambda g=group, r=reply: deliver(  # type: ignore[misc]
                        lambda: self.bot.send_message(g, r.text, reply_markup=_markup(r))
                    ),
                )
                self.app.cases.remember_relay(case.id, group, message.message_id)
            log.info("case re-alerted case=%s count=%s", case.id, case.realerts)
            if case.realerts == 1 and case.address:
                locale = case.locale or self.settings.default_locale
                reply = self.app.responses.render("realert_user", locale)
                await self.send_user(self.bot, self.app, case.address, reply, locale)


# -- the callbacks -----------------------------------------------------------------------------


def operator_handlers(desk: Desk) -> list[Any]:
    """The operators' group handlers, in order; registered first in the channel's table."""
    group = desk.chat_filter()
    return [
        # Claim / Close under a card (matched by pattern wherever the button is pressed).
        CallbackQueryHandler(on_operator_button, pattern=CASE_BUTTON),
        # "/end 12" closes case 12.
        CommandHandler("end", on_operator_end, filters=group),
        # A reply to a relayed message or to a card goes to her.
        MessageHandler(group & filters.REPLY & filters.TEXT & ~filters.COMMAND, on_operator_reply),
        # Anything else said in the group is the operators' own talk: ignored, never read.
        MessageHandler(group, on_operator_chatter),
    ]


async def on_operator_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    desk: Desk = context.bot_data["desk"]
    query = update.callback_query
    assert query is not None
    match = CASE_BUTTON.match(query.data or "")
    chat = query.message.chat if query.message is not None else None
    in_group = chat is not None and chat.id in desk.chat_ids()
    if chat is not None and chat.type == "private":
        # A case button in her own chat (forged, or forwarded): it is not hers to press.
        await _answer(query)
        app = desk.app
        locale = app.responses.locale(query.from_user.language_code)
        await desk.send_user(
            desk.bot, app, str(chat.id), app.responses.render("menu", locale), locale
        )
        return
    if not match or not in_group or not desk.is_operator(query.from_user.id):
        await _answer(query, desk._render("operator_not_allowed").text, show_alert=True)
        return
    verb, case_id = match.group(1), int(match.group(2))
    if not desk.case_of_chat(case_id, chat.id):  # type: ignore[union-attr]
        await _answer(query, desk._render("operator_not_allowed").text, show_alert=True)
        return
    # The claim is recorded (and she is told) first; the answer to the button is a courtesy
    # that Telegram may fail (500, 502, a time-out) without losing the claim.
    if verb == "claim":
        await desk.claim(case_id, query.from_user.id, query.from_user.first_name)
    else:
        await desk.close(case_id)
    await _answer(query)


async def _answer(query: Any, text: str | None = None, *, show_alert: bool = False) -> None:
    """answerCallbackQuery, best effort: it only stops the spinner on the button."""
    try:
        await query.answer(text, show_alert=show_alert)
    except TelegramError as error:
        log.warning("answerCallbackQuery failed type=%s", type(error).__name__)


async def on_operator_end(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    desk: Desk = context.bot_data["desk"]
    user = update.effective_user
    message = update.effective_message
    if message is None or not desk.is_operator(user.id if user else None):
        return
    args = context.args or []
    case_id = int(args[0].lstrip("#")) if args and args[0].lstrip("#").isdigit() else None
    if case_id is None and message.reply_to_message is not None:
        case_id = desk.case_replied_to(message.chat_id, message.reply_to_message.message_id)
    # "/end 12" typed in the test chat must never close real case 12, nor the reverse.
    if case_id is not None and desk.case_of_chat(case_id, message.chat_id):
        await desk.close(case_id)


async def on_operator_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    desk: Desk = context.bot_data["desk"]
    user = update.effective_user
    message = update.effective_message
    if message is None or message.reply_to_message is None or not message.text:
        return
    if not desk.is_operator(user.id if user else None):
        return  # only the listed operators speak to her
    case_id = desk.case_replied_to(message.chat_id, message.reply_to_message.message_id)
    if case_id is None:
        return
    await desk.reply_to_user(case_id, message.text)


async def on_operator_chatter(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    return None


def _operator_key(settings: Settings, user_id: int) -> str:
    """The claimant as the case store keeps it: a keyed hash, never the Telegram id."""
    return chat_key(settings.id_secret, "operator", user_id)


def _markup(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.label, callback_data=b.action) for b in row]
            for row in reply.buttons
        ]
    )


# Until this moves into responses/, the channel says it itself.
_FLOOD = {
    ("vi", "header"): "{count} yêu cầu mới / {count} new cases",
    ("en", "header"): "{count} new cases",
    ("vi", "over"): "+{count} yêu cầu từ người đã mở hơn {limit} yêu cầu trong một giờ "
    "(không báo lại): {ids}\n+{count} from people who opened over {limit} cases in an hour "
    "(not re-alerted): {ids}",
    ("en", "over"): "+{count} from people who opened over {limit} cases in an hour "
    "(not re-alerted): {ids}",
}
