"""A counsellor hand-off over Telegram: consent, card, claim, relay both ways, close, re-alert."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from bot.app import build
from bot.testing.fake_bot_api.calls import Call
from bot.testing.fake_bot_api.server import FakeBotApi
from bot.testing.fake_bot_api.updates import User, group_chat
from tests.e2e.conftest import (
    OPERATOR,
    OPERATOR_CHAT,
    STRANGER,
    TEST_OPERATOR_CHAT,
    TESTER,
    bounded,
    running_bot,
)
from tests.fakes import StubNlu

pytestmark = pytest.mark.e2e

SHE = User(5001, "vi", "Xuanmai", "xuanmai_hp")
URGENT = "chong toi dang danh toi"


def texts(calls: list[Call]) -> str:
    return "\n".join(c.text for c in calls)


async def open_case(fake: FakeBotApi, user: User = SHE, group: int = OPERATOR_CHAT) -> Call:
    """She writes something urgent and says yes to a counsellor; returns the card."""
    before, in_group = len(fake.sent(user.id)), len(fake.sent(group))
    fake.text(user, URGENT)
    (urgent,) = await fake.wait_for(
        lambda calls: [c for c in fake.sent(user.id)[before:] if "consent:yes" in c.actions]
    )
    before = len(fake.sent(user.id))
    fake.press(user, "consent:yes", message_id=urgent.result_id)
    (card,) = await fake.wait_sent(group, after=in_group)
    await fake.wait_sent(user.id, after=before)  # "a counsellor has been asked"
    return card


async def claim(fake: FakeBotApi, card: Call, case_id: int, user: User = SHE) -> None:
    before = len(fake.sent(user.id))
    fake.press(
        OPERATOR, f"claim:{case_id}", message_id=card.result_id, chat=group_chat(OPERATOR_CHAT)
    )
    await fake.wait_sent(user.id, after=before)  # "a counsellor has joined"


@pytest.mark.anyio
async def test_card_reaches_the_group_without_anything_that_identifies_her(
    tg_settings, fake: FakeBotApi
):
    async def scenario():
        async with running_bot(tg_settings) as application:
            card = await open_case(fake)
            app = application.bot_data["app"]
            case = app.cases.open_for(_key(app, SHE))
            assert case is not None and case.status == "open"
            assert f"#{case.id}" in card.text
            assert card.actions == [f"claim:{case.id}", f"close:{case.id}"]
            for secret in (URGENT, "danh", str(SHE.id), SHE.username, SHE.first_name):
                assert secret not in card.text
            # The fake records the card before the bot has read Telegram's answer and saved
            # the card's id: wait for it instead of reading it once.
            for _ in range(200):
                case = app.cases.get(case.id)
                if case.operator_message_id is not None:
                    break
                await asyncio.sleep(0.01)
            assert case.operator_message_id == card.result_id

    await bounded(scenario())


@pytest.mark.anyio
async def test_full_hand_off_claim_relay_both_ways_and_close(tg_settings, fake: FakeBotApi):
    async def scenario():
        async with running_bot(tg_settings) as application:
            app = application.bot_data["app"]
            card = await open_case(fake)
            case_id = app.cases.open_for(_key(app, SHE)).id

            # Someone in the group who is not an operator cannot claim.
            query = fake.press(
                STRANGER,
                f"claim:{case_id}",
                message_id=card.result_id,
                chat=group_chat(OPERATOR_CHAT),
            )
            (refused,) = await fake.wait_for(
                lambda calls: fake.calls_to("answerCallbackQuery", callback_query_id=query)
            )
            assert refused.params["show_alert"] is True
            assert (
                refused.params["text"] == app.responses.render("operator_not_allowed", "vi").text
            )
            assert app.cases.get(case_id).status == "open"

            await claim(fake, card, case_id)
            assert app.cases.get(case_id).status == "claimed"
            joined = fake.sent(SHE.id)[-1]
            assert joined.text == app.responses.render("counsellor_joined", "vi").text
            (edit,) = await fake.wait_for(lambda calls: fake.calls_to("editMessageText"))
            assert edit.params["message_id"] == card.result_id
            assert edit.actions == [f"close:{case_id}"]  # no second claim

            # Her words go to the group under the case header, not to the model.
            before = len(fake.sent(OPERATOR_CHAT))
            fake.text(SHE, "toi rat so")
            (relayed,) = await fake.wait_sent(OPERATOR_CHAT, after=before)
            assert relayed.text.endswith("toi rat so")
            assert relayed.text.startswith(f"Case #{case_id}") or f"#{case_id}" in relayed.text

            # The operator replies to the relayed message: it reaches her, prefixed.
            sent_to_her = len(fake.sent(SHE.id))
            fake.group_text(
                OPERATOR, OPERATOR_CHAT, "Chao ban, minh nghe day", reply_to=relayed.result_id
            )
            (answer,) = await fake.wait_sent(SHE.id, after=sent_to_her)
            prefix = app.responses.render("relay_prefix", "vi").text
            assert answer.text == f"{prefix}: Chao ban, minh nghe day"

            # A group member who is not an operator cannot write to her.
            fake.group_text(STRANGER, OPERATOR_CHAT, "hello", reply_to=relayed.result_id)
            # An operator's reply to the card itself also reaches her.
            fake.group_text(OPERATOR, OPERATOR_CHAT, "Ban o dau?", reply_to=card.result_id)
            (answer,) = await fake.wait_sent(SHE.id, after=sent_to_her + 1)
            assert answer.text == f"{prefix}: Ban o dau?"
            assert "hello" not in texts(fake.sent(SHE.id))

            # Close: she is told, the card loses its buttons.
            fake.press(
                OPERATOR,
                f"close:{case_id}",
                message_id=card.result_id,
                chat=group_chat(OPERATOR_CHAT),
            )
            (left,) = await fake.wait_sent(SHE.id, after=sent_to_her + 2)
            assert left.text == app.responses.render("counsellor_left", "vi").text
            assert app.cases.get(case_id).status == "closed"
            await fake.wait_for(lambda calls: len(fake.calls_to("editMessageText")) >= 2)
            assert not fake.calls_to("editMessageText")[-1].actions

            # After closing, her words go to the bot again, not to the group.
            in_group = len(fake.sent(OPERATOR_CHAT))
            fake.text(SHE, "xin chao")
            await fake.wait_sent(SHE.id, after=sent_to_her + 3)
            assert len(fake.sent(OPERATOR_CHAT)) == in_group

    await bounded(scenario())
    assert fake.unknown_calls() == []


@pytest.mark.anyio
async def test_operator_end_command_closes_the_case(tg_settings, fake: FakeBotApi):
    async def scenario():
        async with running_bot(tg_settings) as application:
            app = application.bot_data["app"]
            card = await open_case(fake)
            case_id = app.cases.open_for(_key(app, SHE)).id
            await claim(fake, card, case_id)
            before = len(fake.sent(SHE.id))
            fake.group_command(STRANGER, OPERATOR_CHAT, f"/end {case_id}")  # ignored
            fake.group_command(OPERATOR, OPERATOR_CHAT, f"/end {case_id}")
            (left,) = await fake.wait_sent(SHE.id, after=before)
            assert left.text == app.responses.render("counsellor_left", "vi").text
            assert app.cases.get(case_id).status == "closed"

    await bounded(scenario())


@pytest.mark.anyio
async def test_she_can_end_the_chat_herself(tg_settings, fake: FakeBotApi):
    async def scenario():
        async with running_bot(tg_settings) as application:
            app = application.bot_data["app"]
            card = await open_case(fake)
            case_id = app.cases.open_for(_key(app, SHE)).id
            await claim(fake, card, case_id)
            before, in_group = len(fake.sent(SHE.id)), len(fake.sent(OPERATOR_CHAT))
            fake.command(SHE, "/end")
            (ended,) = await fake.wait_sent(SHE.id, after=before)
            assert ended.text == app.responses.render("chat_ended", "vi").text
            (notice,) = await fake.wait_sent(OPERATOR_CHAT, after=in_group)
            assert (
                notice.text == app.responses.render("operator_closed", "vi", case_id=case_id).text
            )
            assert app.cases.get(case_id).status == "closed"

    await bounded(scenario())


@pytest.mark.anyio
async def test_an_unclaimed_case_re_alerts_the_group_and_tells_her_to_call(
    tg_settings, fake: FakeBotApi
):
    settings = replace(tg_settings, realert_minutes=0.005)  # 0.3 s

    async def scenario():
        async with running_bot(settings) as application:
            app = application.bot_data["app"]
            await open_case(fake)
            case_id = app.cases.open_for(_key(app, SHE)).id
            realerts = await fake.wait_sent(OPERATOR_CHAT, 3, after=1)
            for call in realerts:
                assert f"#{case_id}" in call.text
                assert call.actions == [f"claim:{case_id}"]
            told = await fake.wait_for(
                lambda calls: [
                    c
                    for c in fake.sent(SHE.id)
                    if c.text == app.responses.render("realert_user", "vi").text
                ]
            )
            assert "1900 969 680" in told[0].text and "113" in told[0].text
            # At most three pages, and she is told only once.
            await _pause(application, 4 * settings.realert_minutes * 60)
            assert len(fake.sent(OPERATOR_CHAT)) == 4  # the card and three re-alerts
            assert app.cases.get(case_id).realerts == 3
            assert len([c for c in fake.sent(SHE.id) if c.text == told[0].text]) == 1

    await bounded(scenario())


@pytest.mark.anyio
async def test_a_claimed_case_is_not_re_alerted(tg_settings, fake: FakeBotApi):
    settings = replace(tg_settings, realert_minutes=0.005)

    async def scenario():
        async with running_bot(settings) as application:
            app = application.bot_data["app"]
            fake.text(SHE, URGENT)
            await fake.wait_sent(SHE.id)
            fake.press(SHE, "consent:yes")
            card = (await fake.wait_sent(OPERATOR_CHAT))[0]  # re-alerts may follow at once
            case_id = app.cases.open_for(_key(app, SHE)).id
            fake.press(
                OPERATOR,
                f"claim:{case_id}",
                message_id=card.result_id,
                chat=group_chat(OPERATOR_CHAT),
            )
            await fake.wait_for(lambda calls: app.cases.get(case_id).status == "claimed")
            realerted = app.cases.get(case_id).realerts
            await _pause(application, 4 * settings.realert_minutes * 60)
            assert app.cases.get(case_id).realerts == realerted

    await bounded(scenario())


@pytest.mark.anyio
async def test_test_mode_cases_go_only_to_the_test_chat(tg_settings, fake: FakeBotApi):
    async def scenario():
        async with running_bot(tg_settings) as application:
            app = application.bot_data["app"]
            fake.command(TESTER, "/testmode on")
            await fake.wait_sent(TESTER.id)
            card = await open_case(fake, TESTER, TEST_OPERATOR_CHAT)
            assert card.text.startswith("[TEST]")
            assert fake.sent(OPERATOR_CHAT) == []
            case = app.cases.open_for(_key(app, TESTER))
            assert case.test

    await bounded(scenario())


@pytest.mark.anyio
async def test_after_a_restart_a_claimed_case_still_relays_both_ways(
    tg_settings, fake: FakeBotApi
):
    async def first_run() -> int:
        async with running_bot(tg_settings) as application:
            app = application.bot_data["app"]
            card = await open_case(fake)
            case_id = app.cases.open_for(_key(app, SHE)).id
            await claim(fake, card, case_id)
            return case_id

    async def second_run(case_id: int) -> None:
        app = build(tg_settings, nlu=StubNlu())  # a new process on the same DATA_DIR
        async with running_bot(tg_settings, app):
            assert app.cases.get(case_id).status == "claimed"
            in_group = len(fake.sent(OPERATOR_CHAT))
            fake.text(SHE, "anh ay lai den")
            (relayed,) = await fake.wait_sent(OPERATOR_CHAT, after=in_group)
            assert relayed.text.endswith("anh ay lai den")
            to_her = len(fake.sent(SHE.id))
            fake.group_text(
                OPERATOR, OPERATOR_CHAT, "Ban an toan chu?", reply_to=relayed.result_id
            )
            (answer,) = await fake.wait_sent(SHE.id, after=to_her)
            assert answer.text.endswith(": Ban an toan chu?")

    case_id = await bounded(first_run())
    await bounded(second_run(case_id))


@pytest.mark.anyio
async def test_after_a_restart_an_unclaimed_case_is_still_re_alerted(
    tg_settings, fake: FakeBotApi
):
    settings = replace(tg_settings, realert_minutes=0.005)

    async def first_run() -> None:
        slow = replace(tg_settings, realert_minutes=60.0)  # no re-alert before the restart
        async with running_bot(slow):
            await open_case(fake)

    async def second_run() -> None:
        app = build(settings, nlu=StubNlu())
        async with running_bot(settings, app):
            in_group = len(fake.sent(OPERATOR_CHAT))
            (realert,) = (await fake.wait_sent(OPERATOR_CHAT, after=in_group))[:1]
            assert realert.actions[0].startswith("claim:")

    await bounded(first_run())
    await bounded(second_run())


def _key(app, user: User) -> str:
    from bot.privacy import chat_key

    return chat_key(app.settings.id_secret, "telegram", user.id)


async def _pause(application, seconds: float) -> None:
    import asyncio

    await asyncio.sleep(seconds)
