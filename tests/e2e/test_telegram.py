"""The real Telegram Application against the fake Bot API: what she sees for what she does."""

from __future__ import annotations

import sqlite3

import pytest

from bot.responses.content.channel import LOCATION_LABEL
from bot.testing.fake_bot_api.server import FakeBotApi
from bot.testing.fake_bot_api.updates import User
from tests.e2e.conftest import bounded, running_bot

pytestmark = pytest.mark.e2e

MENU_ACTIONS = [
    "menu:help",
    "menu:services",
    "menu:online",
    "menu:rights",
    "menu:human",
    "menu:learn",
    "menu:language",
    "menu:wipe",
]


def expected(application, key: str, locale: str, **params) -> str:
    return application.bot_data["app"].responses.render(key, locale, **params).text


@pytest.mark.anyio
@pytest.mark.parametrize("language_code, locale", [("vi", "vi"), ("en", "en"), (None, "vi")])
async def test_start_asks_whether_it_is_safe_to_chat_in_her_language(
    tg_settings, fake: FakeBotApi, language_code, locale
):
    user = User(5010, language_code)

    async def scenario():
        async with running_bot(tg_settings) as application:
            fake.command(user, "/start")
            (reply,) = await fake.wait_sent(user.id)
            assert reply.text == expected(application, "ask_safe", locale)
            assert reply.actions == ["safe:yes", "safe:no"]

    await bounded(scenario())
    assert fake.unknown_calls() == []


@pytest.mark.anyio
async def test_post_init_publishes_the_commands_in_both_languages(tg_settings, fake: FakeBotApi):
    async def scenario():
        async with running_bot(tg_settings):
            pass

    await bounded(scenario())
    calls = fake.calls_to("setMyCommands")
    assert sorted(str(c.params.get("language_code")) for c in calls) == ["None", "en", "vi"]
    for call in calls:
        names = [c["command"] for c in call.params["commands"]]
        assert {"start", "menu", "help", "language", "privacy", "wipe", "end"} <= set(names)


@pytest.mark.anyio
async def test_safe_yes_shows_the_main_menu_with_every_path(tg_settings, fake: FakeBotApi, user):
    async def scenario():
        async with running_bot(tg_settings) as application:
            fake.command(user, "/start")
            await fake.wait_sent(user.id)
            query = fake.press(user, "safe:yes")
            (menu,) = await fake.wait_sent(user.id, after=1)
            assert menu.text == expected(application, "menu", "vi")
            assert menu.actions == MENU_ACTIONS
            await fake.wait_for(
                lambda calls: fake.calls_to("answerCallbackQuery", callback_query_id=query)
            )

    await bounded(scenario())


@pytest.mark.anyio
@pytest.mark.parametrize(
    "action, key, actions",
    [
        ("menu:online", "digital_safety_tips", ["topic:accounts", "topic:stalkerware"]),
        ("menu:rights", "legal_info", ["topic:dv_law", "topic:legal_aid"]),
        ("menu:human", "talk_to_human", ["consent:yes", "consent:no"]),
        ("menu:language", "language_choose", ["lang:vi", "lang:en"]),
    ],
)
async def test_each_menu_path_answers_with_its_message(
    tg_settings, fake: FakeBotApi, en_user, action, key, actions
):
    async def scenario():
        async with running_bot(tg_settings) as application:
            query = fake.press(en_user, action)
            (reply,) = await fake.wait_sent(en_user.id)
            assert reply.text == expected(application, key, "en")
            assert set(actions) <= set(reply.actions)
            await fake.wait_for(
                lambda calls: fake.calls_to("answerCallbackQuery", callback_query_id=query)
            )

    await bounded(scenario())


@pytest.mark.anyio
async def test_menu_help_gives_the_emergency_numbers_and_offers_a_person(
    tg_settings, fake: FakeBotApi, user
):
    async def scenario():
        async with running_bot(tg_settings):
            fake.press(user, "menu:help")
            (reply,) = await fake.wait_sent(user.id)
            assert "113" in reply.text and "1900 969 680" in reply.text
            assert "consent:yes" in reply.actions

    await bounded(scenario())


@pytest.mark.anyio
async def test_menu_services_asks_for_a_province_and_offers_a_location_button(
    tg_settings, fake: FakeBotApi, user
):
    async def scenario():
        async with running_bot(tg_settings) as application:
            fake.press(user, "menu:services")
            question, keyboard = await fake.wait_sent(user.id, 2)
            assert question.text == expected(application, "ask_province", "vi")
            assert any(a.startswith("prov:") for a in question.actions)
            markup = keyboard.params["reply_markup"]
            (button,) = markup["keyboard"][0]
            assert button["request_location"] is True
            responses = application.bot_data["app"].responses
            assert button["text"] == responses.gettext("vi", LOCATION_LABEL) != LOCATION_LABEL
            assert markup["one_time_keyboard"] is True

    await bounded(scenario())


@pytest.mark.anyio
async def test_a_shared_location_lists_the_services_nearby(tg_settings, fake: FakeBotApi, user):
    async def scenario():
        async with running_bot(tg_settings):
            fake.location(user, 21.853, 106.761)
            (reply,) = await fake.wait_sent(user.id)
            assert "Lạng Sơn" in reply.text
            assert "113" in reply.text

    await bounded(scenario())


@pytest.mark.anyio
async def test_a_province_button_lists_that_provinces_services(
    tg_settings, fake: FakeBotApi, user
):
    async def scenario():
        async with running_bot(tg_settings):
            fake.press(user, "prov:Lạng Sơn")
            (reply,) = await fake.wait_sent(user.id)
            assert "Lạng Sơn" in reply.text

    await bounded(scenario())


@pytest.mark.anyio
@pytest.mark.parametrize(
    "text, language_code",
    [
        ("chong toi dang danh toi", "vi"),
        ("Chồng tôi đang đánh tôi", "vi"),
        ("ck dg danh e", "vi"),
        ("he is hitting me now", "en"),
    ],
)
async def test_urgent_message_first_reply_carries_113_and_the_hotline(
    tg_settings, fake: FakeBotApi, text, language_code
):
    user = User(5020, language_code)

    async def scenario():
        async with running_bot(tg_settings):
            fake.text(user, text)
            first = (await fake.wait_sent(user.id))[0]
            assert "113" in first.text and "1900 969 680" in first.text
            assert "consent:yes" in first.actions

    await bounded(scenario())


@pytest.mark.anyio
async def test_an_edited_message_is_read_like_a_new_one(tg_settings, fake: FakeBotApi, user):
    async def scenario():
        async with running_bot(tg_settings):
            message_id = fake.text(user, "xin chao")
            await fake.wait_sent(user.id)
            fake.edited(user, message_id, "chong toi dang danh toi")
            (reply,) = await fake.wait_sent(user.id, after=1)
            assert "113" in reply.text and "1900 969 680" in reply.text

    await bounded(scenario())


@pytest.mark.anyio
async def test_wipe_deletes_her_messages_and_the_bots(tg_settings, fake: FakeBotApi, user):
    async def scenario():
        async with running_bot(tg_settings) as application:
            mine = [fake.command(user, "/start")]
            await fake.wait_sent(user.id, 1)
            mine.append(fake.text(user, "xin chao"))
            await fake.wait_sent(user.id, 2)
            bots = _sent_ids(fake, user.id)
            mine.append(fake.command(user, "/wipe"))
            (deleted,) = await fake.wait_for(lambda calls: fake.calls_to("deleteMessages"))
            (wiped,) = await fake.wait_sent(user.id, after=2)
            assert set(deleted.params["message_ids"]) == set(mine) | set(bots)
            assert deleted.params["chat_id"] == user.id
            assert wiped.text == expected(application, "wiped", "vi")

    await bounded(scenario())


@pytest.mark.anyio
async def test_wipe_falls_back_to_one_by_one_deletion(tg_settings, fake: FakeBotApi, user):
    async def scenario():
        async with running_bot(tg_settings):
            first = fake.text(user, "xin chao")
            await fake.wait_sent(user.id)
            fake.fail_next("deleteMessages", error_code=400, description="Bad Request: no")
            fake.fail_next(
                "deleteMessage",
                error_code=400,
                description="Bad Request: message can't be deleted",
            )
            wipe = fake.command(user, "/wipe")
            await fake.wait_sent(user.id, after=1)  # the "wiped" reply: the error was ignored
            deleted = {c.params["message_id"] for c in fake.calls_to("deleteMessage")}
            assert {first, wipe} <= deleted

    await bounded(scenario())


@pytest.mark.anyio
@pytest.mark.parametrize("send", ["sticker", "voice", "photo"])
async def test_media_gets_a_short_reply_and_is_never_downloaded(
    tg_settings, fake: FakeBotApi, user, send
):
    async def scenario():
        async with running_bot(tg_settings) as application:
            getattr(fake, send)(user)
            (reply,) = await fake.wait_sent(user.id)
            assert reply.text == expected(application, "unsupported", "vi")

    await bounded(scenario())
    assert not fake.calls_to("getFile")
    assert fake.unknown_calls() == []


@pytest.mark.anyio
async def test_a_group_chat_is_declined_once_and_nothing_is_stored(
    tg_settings, fake: FakeBotApi, user
):
    group = -300

    async def scenario():
        async with running_bot(tg_settings) as application:
            fake.group_text(user, group, "chong toi dang danh toi", kind="group")
            (reply,) = await fake.wait_sent(group)
            assert reply.text == expected(application, "group_decline", "vi")
            fake.group_text(user, group, "xin chao", kind="group")
            fake.command(user, "/start")  # a later private message proves the group one ran
            await fake.wait_sent(user.id)
            assert len(fake.sent(group)) == 1

    await bounded(scenario())
    with sqlite3.connect(tg_settings.state_db) as db:
        (sessions,) = db.execute("select count(*) from sessions").fetchone()
    assert sessions == 1  # her private chat only


@pytest.mark.anyio
async def test_a_retry_after_from_telegram_is_waited_out_and_the_reply_arrives(
    tg_settings, fake: FakeBotApi, user
):
    async def scenario():
        async with running_bot(tg_settings) as application:
            fake.fail_next("sendMessage", 1, retry_after=1)
            fake.command(user, "/start")
            refused, delivered = await fake.wait_sent(user.id, 2)
            assert refused.text == delivered.text == expected(application, "ask_safe", "vi")
            assert delivered.at - refused.at >= 0.9  # waited as told (not a timing assertion
            # on the bot's speed: the fake demanded one second)

    await bounded(scenario())


@pytest.mark.anyio
async def test_a_network_error_on_send_is_retried(tg_settings, fake: FakeBotApi, user):
    async def scenario():
        async with running_bot(tg_settings):
            fake.fail_next("sendMessage", 1, error_code=502, description="Bad Gateway")
            fake.command(user, "/start")
            refused, delivered = await fake.wait_sent(user.id, 2)
            assert refused.text == delivered.text

    await bounded(scenario())


@pytest.mark.anyio
async def test_an_error_in_a_turn_gets_the_error_reply_with_the_numbers(
    tg_settings, fake: FakeBotApi, user, caplog
):
    async def scenario():
        async with running_bot(tg_settings) as application:
            engine = application.bot_data["app"].engine

            async def broken(chat, incoming):
                raise RuntimeError("boom")

            engine.handle = broken
            fake.text(user, "xin chao")
            (reply,) = await fake.wait_sent(user.id)
            assert reply.text == expected(application, "error", "vi")
            assert "113" in reply.text

    await bounded(scenario())
    errors = [r.getMessage() for r in caplog.records if r.name == "antam.telegram"]
    assert any("type=RuntimeError" in line for line in errors)
    assert not any("boom" in line for line in errors)  # the frames, never the message


def _sent_ids(fake: FakeBotApi, chat_id: int) -> list[int]:
    """The message ids the fake gave the bot's messages to chat_id, in order."""
    return [c.result_id for c in fake.sent(chat_id)]


@pytest.mark.anyio
@pytest.mark.parametrize("command", ["/foo", "/help", "/start@antam_test_bot"])
async def test_every_command_gets_an_answer(tg_settings, fake: FakeBotApi, user, command):
    async def scenario():
        async with running_bot(tg_settings) as application:
            fake.command(user, command)
            (reply,) = await fake.wait_sent(user.id)
            key = "ask_safe" if command.startswith("/start") else "help"
            assert reply.text == expected(application, key, "vi")

    await bounded(scenario())


@pytest.mark.anyio
async def test_her_messages_are_answered_in_the_order_she_sent_them(
    tg_settings, fake: FakeBotApi, user
):
    async def scenario():
        async with running_bot(tg_settings) as application:
            for command in ("/start", "/help", "/privacy", "/menu") * 3:
                fake.command(user, command)
            replies = await fake.wait_sent(user.id, 12)
            keys = ["ask_safe", "help", "privacy", "menu"] * 3
            assert [r.text for r in replies] == [expected(application, k, "vi") for k in keys]

    await bounded(scenario())
