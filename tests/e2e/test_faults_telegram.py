"""Faults on the Telegram side: errors from the Bot API, bad input, crossed lines, abuse.

The real Application against the fake Bot API on 127.0.0.1; every injected failure is counted
(fail_next), every wait bounded (wait_for's timeout, bounded's 60 s).
"""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from bot.privacy import chat_key
from bot.testing.fake_bot_api.calls import Call
from bot.testing.fake_bot_api.server import FakeBotApi
from bot.testing.fake_bot_api.updates import User, group_chat
from tests.e2e.conftest import (
    OPERATOR,
    OPERATOR_CHAT,
    TEST_OPERATOR_CHAT,
    TESTER,
    bounded,
    running_bot,
)
from tests.e2e.test_escalation import SHE, URGENT, claim, open_case

pytestmark = pytest.mark.e2e

HER_DANGER = "chồng tôi đang đánh tôi, cứu với"


def _key(app, user: User) -> str:
    return chat_key(app.settings.id_secret, "telegram", user.id)


def _texts(calls: list[Call]) -> str:
    return "\n".join(c.text for c in calls)


def _ok(fake: FakeBotApi, chat_id: int) -> list[Call]:
    """What chat_id was sent and Telegram accepted (not the attempts it refused)."""
    return [c for c in fake.sent(chat_id) if c.ok]


async def _wait_ok(fake: FakeBotApi, chat_id: int, after: int, timeout: float = 20) -> Call:
    calls = await fake.wait_for(lambda _: _ok(fake, chat_id)[after:], timeout)
    return calls[0]


# -- claims, relays and urgent replies through Telegram's errors -------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("code", [500, 502])
async def test_a_claim_survives_an_error_on_answer_callback_query(tg_settings, fake, code):
    async def scenario():
        async with running_bot(tg_settings) as application:
            app = application.bot_data["app"]
            card = await open_case(fake)
            case_id = app.cases.open_for(_key(app, SHE)).id
            fake.fail_next("answerCallbackQuery", 1, error_code=code)
            await claim(fake, card, case_id)  # she is told a counsellor joined
            assert app.cases.get(case_id).status == "claimed"
            joined = app.responses.render("counsellor_joined", "vi").text
            assert fake.sent(SHE.id)[-1].text == joined

    await bounded(scenario())


@pytest.mark.anyio
async def test_her_words_survive_one_500_on_the_way_to_the_counsellor(tg_settings, fake):
    async def scenario():
        async with running_bot(tg_settings) as application:
            app = application.bot_data["app"]
            card = await open_case(fake)
            case_id = app.cases.open_for(_key(app, SHE)).id
            await claim(fake, card, case_id)
            in_group, to_her = len(_ok(fake, OPERATOR_CHAT)), len(_ok(fake, SHE.id))
            fake.fail_next("sendMessage", 1, error_code=500)
            fake.text(SHE, "toi dang o nha chi gai")
            relayed = await _wait_ok(fake, OPERATOR_CHAT, in_group)
            assert relayed.text.endswith("toi dang o nha chi gai")
            error_text = app.responses.render("error", "vi").text
            assert error_text not in _texts(fake.sent(SHE.id))
            # The counsellor's answer also gets through one 500.
            fake.fail_next("sendMessage", 1, error_code=500)
            fake.group_text(OPERATOR, OPERATOR_CHAT, "Minh o day", reply_to=relayed.result_id)
            answer = await _wait_ok(fake, SHE.id, to_her)
            assert answer.text.endswith(": Minh o day")

    await bounded(scenario())


@pytest.mark.anyio
async def test_a_relay_that_cannot_be_delivered_is_told_to_the_other_side(tg_settings, fake):
    async def scenario():
        async with running_bot(tg_settings) as application:
            app = application.bot_data["app"]
            card = await open_case(fake)
            case_id = app.cases.open_for(_key(app, SHE)).id
            await claim(fake, card, case_id)
            in_group, to_her = len(fake.sent(OPERATOR_CHAT)), len(fake.sent(SHE.id))
            fake.fail_next("sendMessage", 5, error_code=500)  # every attempt to the group
            fake.text(SHE, "anh ay dang o ngoai cua")
            (told,) = await fake.wait_for(
                lambda calls: [c for c in fake.sent(SHE.id)[to_her:] if c.ok], timeout=20
            )
            assert "113" in told.text and "tư vấn viên" in told.text
            assert len([c for c in fake.sent(OPERATOR_CHAT)[in_group:] if c.ok]) == 0

    await bounded(scenario())


@pytest.mark.anyio
async def test_an_urgent_reply_survives_eight_429s(tg_settings, fake):
    async def scenario():
        async with running_bot(tg_settings) as application:
            app = application.bot_data["app"]
            fake.fail_next("sendMessage", 8, error_code=429, retry_after=1)
            started = time.monotonic()
            fake.text(SHE, URGENT)
            (reply,) = await fake.wait_for(
                lambda calls: [c for c in fake.sent(SHE.id) if c.ok], timeout=45
            )
            assert "113" in reply.text and "1900 969 680" in reply.text
            assert time.monotonic() - started >= 7  # it waited as Telegram asked
            assert app.responses.render("error", "vi").text not in _texts(fake.sent(SHE.id))

    await bounded(scenario())


# -- bad input ------------------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("kind", ["photo", "document"])
async def test_a_captioned_photo_or_file_with_danger_words_gets_the_emergency_reply(
    tg_settings, fake, kind
):
    async def scenario():
        async with running_bot(tg_settings):
            getattr(fake, kind)(SHE, caption=HER_DANGER)
            (reply,) = await fake.wait_sent(SHE.id)
            assert "113" in reply.text and "1900 969 680" in reply.text
            assert fake.calls_to("getFile") == []  # the file is never fetched

    await bounded(scenario())


@pytest.mark.anyio
async def test_forged_stale_and_foreign_buttons_get_the_menu(tg_settings, fake):
    async def scenario():
        async with running_bot(tg_settings) as application:
            app = application.bot_data["app"]
            menu = app.responses.render("menu", "vi").text
            for data in ("topic:no_such_page", "zzz", "claim:1", "province:99999", "x" * 64):
                before = len(fake.sent(SHE.id))
                query = fake.press(SHE, data)
                (reply,) = await fake.wait_sent(SHE.id, after=before)
                assert reply.text == menu or reply.actions, data
                await fake.wait_for(
                    lambda calls, q=query: fake.calls_to(
                        "answerCallbackQuery", callback_query_id=q
                    )
                )
            assert app.cases.open_for(_key(app, SHE)) is None

    await bounded(scenario())
    assert fake.unknown_calls() == []


@pytest.mark.anyio
async def test_a_command_for_another_bot_is_ignored(tg_settings, fake):
    async def scenario():
        async with running_bot(tg_settings):
            fake.command(SHE, "/start@otherbot")
            fake.command(SHE, "/help@antam_test_bot")
            (reply,) = await fake.wait_sent(SHE.id)
            await fake.wait_for(lambda calls: fake.pending_updates() == 0)
            assert len(fake.sent(SHE.id)) == 1  # only the command addressed to this bot

    await bounded(scenario())


# -- replies reach exactly the right person ---------------------------------------------------


@pytest.mark.anyio
async def test_a_counsellors_reply_in_either_group_reaches_only_its_own_case(tg_settings, fake):
    async def scenario():
        async with running_bot(tg_settings) as application:
            app = application.bot_data["app"]
            real_card = await open_case(fake)
            real_id = app.cases.open_for(_key(app, SHE)).id
            fake.command(TESTER, "/testmode on")
            await fake.wait_sent(TESTER.id)
            test_card = await open_case(fake, TESTER, TEST_OPERATOR_CHAT)
            test_id = app.cases.open_for(_key(app, TESTER)).id
            # Message ids count per chat: both cards carry the same id.
            assert real_card.result_id == test_card.result_id
            await claim(fake, real_card, real_id)
            tester_before = len(fake.sent(TESTER.id))
            fake.press(
                OPERATOR,
                f"claim:{test_id}",
                message_id=test_card.result_id,
                chat=group_chat(TEST_OPERATOR_CHAT),
            )
            await fake.wait_sent(TESTER.id, after=tester_before)

            her_before, tester_before = len(fake.sent(SHE.id)), len(fake.sent(TESTER.id))
            fake.group_text(OPERATOR, OPERATOR_CHAT, "cho that", reply_to=real_card.result_id)
            fake.group_text(OPERATOR, TEST_OPERATOR_CHAT, "cho thu", reply_to=test_card.result_id)
            (to_her,) = await fake.wait_sent(SHE.id, after=her_before)
            (to_tester,) = await fake.wait_sent(TESTER.id, after=tester_before)
            assert to_her.text.endswith("cho that") and to_tester.text.endswith("cho thu")
            await fake.wait_for(lambda calls: fake.pending_updates() == 0)

            # "/end <real case>" in the test chat does nothing; in the real chat it closes.
            fake.group_command(OPERATOR, TEST_OPERATOR_CHAT, f"/end {real_id}")
            fake.group_command(OPERATOR, TEST_OPERATOR_CHAT, f"/end {test_id}")
            await fake.wait_for(lambda calls: app.cases.get(test_id).status == "closed")
            assert app.cases.get(real_id).status == "claimed"
            # A claim button for the real case pressed in the test chat does nothing either.
            fake.press(OPERATOR, f"close:{real_id}", chat=group_chat(TEST_OPERATOR_CHAT))
            await fake.wait_for(lambda calls: fake.pending_updates() == 0)
            assert app.cases.get(real_id).status == "claimed"

    await bounded(scenario())


@pytest.mark.anyio
async def test_test_mode_ends_when_she_is_no_longer_a_tester(tg_settings, fake):
    async def first_run():
        async with running_bot(tg_settings):
            fake.command(TESTER, "/testmode on")
            await fake.wait_sent(TESTER.id)

    removed = replace(tg_settings, tester_user_ids=frozenset())

    async def second_run():
        async with running_bot(removed) as application:
            app = application.bot_data["app"]
            before = len(fake.sent(TESTER.id))
            fake.text(TESTER, URGENT)
            (reply,) = await fake.wait_sent(TESTER.id, after=before)
            assert "113" in reply.text and "TEST" not in reply.text
            assert not app.engine.sessions.load(_key(app, TESTER)).test_mode
            fake.press(TESTER, "consent:yes", message_id=reply.result_id)
            (card,) = await fake.wait_sent(OPERATOR_CHAT)
            assert not card.text.startswith("[TEST]")
            assert fake.sent(TEST_OPERATOR_CHAT) == []

    await bounded(first_run())
    await bounded(second_run())


# -- abuse cannot delay an emergency -----------------------------------------------------------


@pytest.mark.anyio
async def test_sixteen_spam_cases_delay_a_genuine_urgent_reply_by_under_a_second(
    tg_settings, fake
):
    spammers = [User(8100 + n, "vi", "Spam") for n in range(16)]
    she = User(8200, "vi", "Hoa")

    async def scenario():
        async with running_bot(tg_settings) as application:
            for spammer in spammers:
                fake.text(spammer, URGENT)
            await fake.wait_for(lambda calls: all(fake.sent(s.id) for s in spammers), 20)
            for spammer in spammers:
                fake.press(spammer, "consent:yes")
                fake.command(spammer, "/end")  # 32 messages for the group: over its limit
            # Every spammer's case is open and ended (her three replies), while the group's
            # notices still wait for Telegram's allowance.
            await fake.wait_for(lambda calls: all(len(_ok(fake, s.id)) >= 3 for s in spammers), 20)
            started = time.monotonic()
            fake.text(she, URGENT)
            (reply,) = await fake.wait_sent(she.id, timeout=20)
            delay = reply.at - started
            assert "113" in reply.text
            assert delay < 1.0, delay
            # Her card goes before the spammers' notices still waiting for the group.
            fake.press(she, "consent:yes", message_id=reply.result_id)
            app = application.bot_data["app"]
            case = await fake.wait_for(lambda calls: app.cases.open_for(_key(app, she)))
            (card,) = await fake.wait_for(
                lambda calls: [
                    c for c in _ok(fake, OPERATOR_CHAT) if f"claim:{case.id}" in c.actions
                ],
                20,
            )
            card_delay = card.at - started
            assert card_delay < 10, card_delay
            # A flood is a few messages, not one per case and notice.
            in_group = len(_ok(fake, OPERATOR_CHAT))
            print(
                f"\nRESULT spam: urgent reply {delay:.3f} s, card {card_delay:.3f} s, "
                f"{in_group} group messages for 17 cases"
            )
            assert in_group <= 24
            application.bot_data["desk"].outbox.stop()  # the spam still queued: dropped

    await bounded(scenario())


@pytest.mark.anyio
async def test_one_person_opening_case_after_case_is_shown_as_a_count(tg_settings, fake):
    spammer = User(8300, "vi", "Spam")

    async def scenario():
        async with running_bot(tg_settings) as application:
            app = application.bot_data["app"]
            for n in range(5):
                if n < 3:
                    await open_case(fake, spammer)
                else:  # over the limit: no card of its own
                    before = len(_ok(fake, spammer.id))
                    fake.text(spammer, URGENT)
                    await fake.wait_for(lambda calls, b=before: len(_ok(fake, spammer.id)) > b)
                    fake.press(spammer, "consent:yes")
                    await fake.wait_for(lambda calls, b=before: len(_ok(fake, spammer.id)) > b + 1)
                case = app.cases.open_for(_key(app, spammer))
                before = len(_ok(fake, spammer.id))
                fake.command(spammer, "/end")
                await fake.wait_for(lambda calls, b=before: len(_ok(fake, spammer.id)) > b)
                await fake.wait_for(lambda calls, c=case: app.cases.get(c.id).status == "closed")
            await fake.wait_for(lambda calls: fake.pending_updates() == 0)
            in_group = _ok(fake, OPERATOR_CHAT)
            counts = [c for c in in_group if c.text.startswith("1 ")]
            cards = [
                c
                for c in in_group
                if c.actions and c.actions[0].startswith("claim:") and c not in counts
            ]
            assert len(cards) == 3  # three cards of their own, then counts only
            assert len(counts) == 2 and all("+1 " in c.text for c in counts)
            # ...each with a Claim button for the case it counts.
            assert all(len(c.actions) == 1 and c.actions[0].startswith("claim:") for c in counts)
            last = app.cases.get(case.id)
            assert last.realerts >= 3  # never re-alerted

    await bounded(scenario())


@pytest.mark.anyio
async def test_a_card_lost_in_a_crash_is_posted_after_the_restart(tg_settings, fake):
    from bot.app import build
    from tests.fakes import StubNlu

    app = build(tg_settings, nlu=StubNlu())
    # Killed after her case was opened, before its card reached the group.
    case = app.cases.open(
        chat_key=_key(app, SHE),
        category="urgent_help",
        urgent=True,
        locale="vi",
        test=False,
        address=str(SHE.id),
    )

    async def scenario():
        async with running_bot(tg_settings, app):
            (card,) = await fake.wait_for(
                lambda calls: [
                    c for c in _ok(fake, OPERATOR_CHAT) if f"claim:{case.id}" in c.actions
                ]
            )
            await fake.wait_for(
                lambda calls: app.cases.get(case.id).operator_message_id == card.result_id
            )

    await bounded(scenario())


@pytest.mark.anyio
async def test_a_location_outside_viet_nam_gets_the_national_lines_and_a_sentence_for_abroad(
    tg_settings, fake
):
    async def scenario():
        async with running_bot(tg_settings):
            fake.location(SHE, 13.75, 100.50)  # Bangkok
            abroad, services = await fake.wait_sent(SHE.id, 2)  # what helps abroad first
            assert "113" in services.text and "1900 969 680" in services.text
            assert "ngoài Việt Nam" in abroad.text and "Đại sứ quán" in abroad.text
            before = len(fake.sent(SHE.id))
            fake.location(SHE, 21.03, 105.85)  # Ha Noi: no such sentence
            await fake.wait_sent(SHE.id, after=before)
            await fake.wait_for(lambda calls: fake.pending_updates() == 0)
            assert "ngoài Việt Nam" not in _texts(fake.sent(SHE.id)[before:])

    await bounded(scenario())


@pytest.mark.anyio
async def test_an_urgent_message_is_answered_before_a_queue_of_others(tg_settings, fake):
    crowd = [User(8400 + n, "vi", "Lan") for n in range(60)]
    she = User(8500, "vi", "Hoa")

    async def scenario():
        async with running_bot(tg_settings):
            for person in crowd:
                fake.text(person, "xin chào, mình muốn hỏi về luật ly hôn")
            fake.text(she, HER_DANGER)  # last in the queue
            await fake.wait_for(lambda calls: all(fake.sent(p.id) for p in crowd), 30)
            order = [c.chat_id for c in fake.calls if c.method == "sendMessage" and c.ok]
            position = order.index(she.id)
            print(f"\nRESULT priority: urgent answered {position + 1}th of 61")
            assert position < 20, position

    await bounded(scenario())
