"""The parts the fault suite relies on, alone: the ledger, the slots, the outbox, deliver."""

from __future__ import annotations

import asyncio

import pytest
import sqlite_utils
from telegram.error import BadRequest, NetworkError, RetryAfter

from bot.channels.telegram import outbox as telegram_outbox
from bot.channels.telegram import sending
from bot.channels.telegram.intake import Intake
from bot.channels.telegram.ledger import UpdateLedger
from bot.channels.telegram.ordering import NORMAL, URGENT, PrioritySlots
from bot.channels.telegram.outbox import Outbox
from bot.channels.telegram.sending import deliver


def test_the_ledger_keeps_ids_and_counts_only(tmp_path):
    ledger = UpdateLedger(sqlite_utils.Database(tmp_path / "state.db"))
    intake = Intake(ledger)
    assert intake.admit(41) and not intake.admit(41)  # in flight: not twice
    ledger.note(41, 1, 0)
    assert intake.progress(41).skip_user == 1
    intake.finish(41)
    assert not intake.admit(41)  # answered before: a redelivery is skipped
    columns = set(ledger.db["telegram_updates"].columns_dict)
    assert columns == {"update_id", "user_done", "operators_done", "finished", "at"}


def test_a_held_update_keeps_the_offset_until_it_is_done(tmp_path):
    intake = Intake(UpdateLedger(sqlite_utils.Database(tmp_path / "state.db")))
    for update_id in (7, 8, 9):
        intake.admit(update_id)
    intake.finish(8)
    assert min(intake.holding()) == 7
    intake.finish(7)
    assert intake.holding() == [9]


@pytest.mark.anyio
async def test_waiting_urgent_turns_get_the_next_slot():
    async def scenario() -> list[str]:
        slots, order = PrioritySlots(1), []

        async def turn(name: str, priority: int) -> None:
            async with slots.held(priority):
                order.append(name)
                await asyncio.sleep(0.01)

        first = asyncio.create_task(turn("first", NORMAL))
        await asyncio.sleep(0)
        others = [asyncio.create_task(turn(f"normal{n}", NORMAL)) for n in range(3)]
        urgent = asyncio.create_task(turn("urgent", URGENT))
        await asyncio.gather(first, urgent, *others)
        return order

    assert (await scenario())[:2] == ["first", "urgent"]


@pytest.mark.anyio
async def test_the_outbox_sends_relays_and_cards_before_notices():
    async def scenario() -> list[str]:
        outbox, sent = Outbox(), []
        gate = asyncio.Event()

        async def send(name: str) -> str:
            if name == "busy":
                await gate.wait()
            sent.append(name)
            return name

        busy = asyncio.create_task(outbox.send(-1, telegram_outbox.NOTICE, lambda: send("busy")))
        await asyncio.sleep(0)
        waiting = [
            asyncio.create_task(outbox.send(-1, priority, lambda n=name: send(n)))
            for name, priority in (
                ("notice", telegram_outbox.NOTICE),
                ("card", telegram_outbox.CARD),
                ("relay", telegram_outbox.RELAY),
            )
        ]
        await asyncio.sleep(0)
        gate.set()
        await asyncio.gather(busy, *waiting)
        return sent

    assert await scenario() == ["busy", "relay", "card", "notice"]


@pytest.mark.anyio
async def test_deliver_retries_5xx_and_waits_out_429_but_not_400(monkeypatch):
    monkeypatch.setattr(sending, "BACKOFF_SECONDS", 0.001)
    failures = [NetworkError("Bad Gateway"), RetryAfter(0), NetworkError("500")]

    async def flaky() -> str:
        if failures:
            raise failures.pop(0)
        return "sent"

    assert await deliver(flaky) == "sent"

    async def refused() -> str:
        raise BadRequest("chat not found")

    with pytest.raises(BadRequest):
        await deliver(refused)


@pytest.mark.anyio
async def test_cards_that_wait_together_go_as_one_message(app, settings):
    """A flood of cases shows in the group as a count with Claim buttons, not card by card."""
    from bot.channels.telegram.operators.desk import Desk
    from bot.core.events import OperatorCard

    class SlowBot:
        def __init__(self) -> None:
            self.sent: list[tuple[int, str, object]] = []
            self.gate = asyncio.Event()

        async def send_message(self, chat_id, text, reply_markup=None):
            if not self.sent:
                await self.gate.wait()  # the group's allowance is used up for a while
            self.sent.append((chat_id, text, reply_markup))

            class Message:
                message_id = 100 + len(self.sent)

            return Message()

    async def scenario() -> list:
        bot = SlowBot()
        desk = Desk(app, settings, send_user=None)  # type: ignore[arg-type]
        desk.attach(bot)
        pages = []
        for n in range(10):
            case = app.cases.open(
                chat_key=f"k{n}",
                category="urgent_help",
                urgent=True,
                locale="vi",
                test=False,
                address=str(9000 + n),
            )
            card = OperatorCard(
                case.id, "vi", "urgent_help", True, "2026-12-03T20:00+07:00", False
            )
            pages.append(asyncio.create_task(desk.page(card)))
            await asyncio.sleep(0)
        bot.gate.set()
        await asyncio.gather(*pages)
        desk.stop()
        return bot.sent

    sent = await scenario()
    assert len(sent) == 2  # the first card, then the nine that waited, together
    _, text, markup = sent[1]
    assert text.startswith("9 ")
    assert len(markup.inline_keyboard) == 9


class _Bot:
    """Records sendMessage; fails once after `fail_after` messages, like a kill mid-reply."""

    def __init__(self, fail_after: int | None = None) -> None:
        self.texts: list[str] = []
        self.fail_after = fail_after

    async def send_message(self, chat_id, text, reply_markup=None):
        if self.fail_after is not None and len(self.texts) == self.fail_after:
            self.fail_after = None
            raise BadRequest("killed here")
        self.texts.append(text)
        return type("Sent", (), {"message_id": len(self.texts)})()


@pytest.mark.anyio
async def test_a_reply_cut_by_a_crash_is_finished_without_its_first_half(tmp_path) -> None:
    """Counted per Bot API message: the restart sends only the pieces she did not get."""
    from bot.core.events import Button, Reply

    ledger = UpdateLedger(sqlite_utils.Database(tmp_path / "state.db"))
    reply = Reply(
        "a" * 4000 + "\n\n" + "b" * 1000,  # two pieces, then the location button
        buttons=((Button("113", "topic:x"),),),
        request_location=True,
    )
    bot = _Bot(fail_after=1)
    with pytest.raises(BadRequest):  # the first delivery dies after its first piece
        await sending.send_reply(bot, 5, reply, count=Intake(ledger).progress(77))
    assert len(bot.texts) == 1 and ledger.done(77) == (1, 0)

    again = _Bot()  # Telegram delivers the update again after the restart
    await sending.send_reply(again, 5, reply, count=Intake(ledger).progress(77))
    assert again.texts == ["b" * 1000, "📍"]
    assert ledger.done(77) == (3, 0)
