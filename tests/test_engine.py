"""One turn through the core: danger first, never silent, commands never reach the model."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.app import build
from bot.core.engine import Chat
from bot.core.events import (
    DeleteMessages,
    Incoming,
    OperatorCard,
    OperatorNotice,
    RelayToOperator,
    Turn,
)
from bot.core.session import Session
from tests.fakes import StubNlu

CHAT = Chat(key="k-user", address="5551234")


async def say(app, text: str, chat: Chat = CHAT, message_id: int | None = None, **kw) -> Turn:
    incoming = Incoming(kind="text", text=text, message_id=message_id, **kw)
    return await app.engine.handle(chat, incoming)


async def act(app, kind: str, text: str = "", chat: Chat = CHAT, **kw) -> Turn:
    return await app.engine.handle(chat, Incoming(kind=kind, text=text, **kw))  # type: ignore[arg-type]


def all_text(turn: Turn) -> str:
    return "\n".join(reply.text for reply in turn.replies)


def labels(turn: Turn) -> list[str]:
    return [b.label for r in turn.replies for row in r.buttons for b in row]


def actions_of(turn: Turn) -> list[str]:
    return [b.action for r in turn.replies for row in r.buttons for b in row]


@pytest.mark.anyio
@pytest.mark.parametrize("nlu", [StubNlu(), StubNlu(ready=False), StubNlu(broken=True), None])
@pytest.mark.parametrize(
    "text",
    ["chong toi dang danh toi", "Chồng tôi đang đánh tôi", "ck dg danh e", "he is hitting me now"],
)
async def test_first_reply_to_urgent_carries_the_numbers_whatever_the_model(settings, nlu, text):
    app = build(settings, nlu=nlu, load_nlu=False)
    turn = await say(app, text)
    first = turn.replies[0].text
    assert "113" in first and "1900 969 680" in first
    assert turn.trace.urgent
    assert "consent:yes" in actions_of(turn)


@pytest.mark.anyio
async def test_model_not_ready_is_never_silent(settings):
    app = build(settings, nlu=StubNlu(ready=False), load_nlu=False)
    turn = await say(app, "xin chào")
    assert turn.replies and turn.replies[0].text
    assert "menu:help" in actions_of(turn)
    assert turn.trace.nlu_available is False


@pytest.mark.anyio
async def test_commands_never_reach_the_model(app, stub_nlu):
    await act(app, "command", "start")
    await act(app, "command", "menu")
    assert stub_nlu.seen == []


@pytest.mark.anyio
async def test_typed_slash_is_stripped_before_the_model(app, stub_nlu):
    await say(app, "/urgent_help xin chao")
    assert stub_nlu.seen == ["urgent_help xin chao"]


@pytest.mark.anyio
async def test_start_asks_whether_it_is_safe_then_yes_shows_the_menu(app):
    turn = await act(app, "command", "start", client_language="en")
    assert actions_of(turn) == ["safe:yes", "safe:no"]
    menu = await say(app, "yes")
    assert "menu:services" in actions_of(menu) and "menu:wipe" in actions_of(menu)


@pytest.mark.anyio
async def test_not_now_says_goodbye_with_the_numbers(app):
    await act(app, "command", "start")
    turn = await act(app, "button", "safe:no")
    assert "113" in all_text(turn) and "1900 969 680" in all_text(turn)


@pytest.mark.anyio
async def test_province_question_then_legacy_name_finds_new_province(app):
    asked = await act(app, "button", "menu:services")
    assert asked.replies[0].request_location
    turn = await say(app, "Bac Lieu")
    assert turn.trace.province == "Cà Mau"
    assert "Cà Mau" in all_text(turn) and "Bạc Liêu" in all_text(turn)
    assert turn.trace.services


@pytest.mark.anyio
async def test_sentence_with_legacy_province_leads_to_its_services(app):
    turn = await say(app, "o Bac Lieu co trung tam ho tro nao khong")
    assert turn.trace.intent == "find_services"
    assert turn.trace.province == "Cà Mau"
    assert turn.trace.services
    assert "Bạc Liêu" in all_text(turn)


@pytest.mark.anyio
async def test_location_lists_nearest_services_first(app):
    turn = await act(app, "location", location=(21.853, 106.761))
    assert turn.trace.services
    assert "Lạng Sơn" in all_text(turn)
    first = app.engine.directory.get(turn.trace.services[0])
    assert first is not None and first.province == "Lạng Sơn"


@pytest.mark.anyio
async def test_wipe_deletes_both_sides_and_leaves_one_neutral_line(app):
    await say(app, "xin chào", message_id=10)
    app.engine.remember_sent(CHAT, [11, 12])
    await say(app, "cam on", message_id=13)
    turn = await act(app, "command", "wipe", message_id=14)
    deletes = [a for a in turn.actions if isinstance(a, DeleteMessages)]
    assert deletes and set(deletes[0].message_ids) == {10, 11, 12, 13, 14}
    assert len(turn.replies) == 1 and "xin" not in turn.replies[0].text.lower()
    assert app.engine.sessions.take_messages(CHAT.key) == ()


@pytest.mark.anyio
async def test_wipe_ends_her_open_case_so_nothing_more_reaches_the_cleared_chat(app):
    await say(app, "chong toi dang danh toi")
    await act(app, "button", "consent:yes")
    case = app.cases.open_for(CHAT.key)
    assert case is not None and case.address is not None
    turn = await act(app, "command", "wipe")
    closed = app.cases.get(case.id)
    assert closed.status == "closed" and closed.outcome == "wiped_by_user"
    assert closed.address is None  # the sealed address goes with the case
    notices = [a for a in turn.actions if isinstance(a, OperatorNotice)]
    assert [(n.case_id, n.key) for n in notices] == [(case.id, "operator_closed")]
    assert app.cases.open_for(CHAT.key) is None


@pytest.mark.anyio
async def test_consent_opens_a_case_with_a_card_that_carries_no_text(app):
    await say(app, "chong toi dang danh toi")
    turn = await act(app, "button", "consent:yes")
    cards = [a for a in turn.actions if isinstance(a, OperatorCard)]
    assert len(cards) == 1 and turn.trace.escalated
    card = cards[0]
    assert card.category == "urgent_help" and card.urgent and not card.test
    assert "danh" not in repr(card) and CHAT.address not in repr(card)
    again = await act(app, "button", "consent:yes")  # a second yes does not page twice
    assert not [a for a in again.actions if isinstance(a, OperatorCard)]


@pytest.mark.anyio
async def test_outside_hours_no_card_and_the_24_7_numbers(settings, stub_nlu):
    app = build(replace(settings, operator_hours="00:00-00:01"), nlu=stub_nlu)
    await say(app, "chong toi dang danh toi")
    turn = await act(app, "button", "consent:yes")
    assert not [a for a in turn.actions if isinstance(a, OperatorCard)]
    assert "1900 969 680" in all_text(turn)


@pytest.mark.anyio
async def test_test_session_cases_are_labelled_test(app):
    app.engine.sessions.save(Session(key=CHAT.key, test_mode=True))
    await say(app, "chong toi dang danh toi")
    turn = await act(app, "button", "consent:yes")
    cards = [a for a in turn.actions if isinstance(a, OperatorCard)]
    assert cards and cards[0].test


@pytest.mark.anyio
async def test_test_session_without_test_chat_pages_nobody(settings, stub_nlu):
    app = build(replace(settings, test_operator_chat_id=None), nlu=stub_nlu)
    app.engine.sessions.save(Session(key=CHAT.key, test_mode=True))
    await say(app, "chong toi dang danh toi")
    turn = await act(app, "button", "consent:yes")
    assert not [a for a in turn.actions if isinstance(a, OperatorCard)]
    assert not turn.trace.escalated


@pytest.mark.anyio
async def test_claimed_case_relays_her_words_instead_of_the_model(app, stub_nlu):
    await say(app, "chong toi dang danh toi")
    await act(app, "button", "consent:yes")
    case = app.cases.open_for(CHAT.key)
    app.cases.claim(case.id, "op")
    turn = await say(app, "toi dang o nha hang xom")
    assert [a for a in turn.actions if isinstance(a, RelayToOperator)]
    assert "toi dang o nha hang xom" not in stub_nlu.seen


@pytest.mark.anyio
async def test_language_choice_outranks_detection(app):
    await act(app, "button", "lang:en")
    turn = await say(app, "xin chào")
    assert app.engine.sessions.load(CHAT.key).locale == "en"
    assert turn.replies


@pytest.mark.anyio
async def test_english_message_is_answered_in_english_and_vietnamese_in_vietnamese(app):
    en = await say(app, "hello", chat=Chat(key="en", address="1"))
    vi = await say(app, "xin chào", chat=Chat(key="vi", address="2"))
    assert en.replies[0].text != vi.replies[0].text


@pytest.mark.anyio
async def test_long_message_is_cut_before_the_model(app, stub_nlu):
    await say(app, "xin chao " + "a" * 50_000)
    assert len(stub_nlu.seen[0]) <= app.engine.config.max_message_chars


@pytest.mark.anyio
async def test_flood_is_answered_once_then_limited_but_urgent_always_goes_through(
    settings, stub_nlu
):
    app = build(replace(settings, flood_per_minute=3), nlu=stub_nlu)
    for text in ("xin chào", "chào bạn", "hello"):
        await say(app, text)
    flooded = await say(app, "xin chào")
    assert flooded.replies and flooded.trace.intent is None
    assert (await say(app, "xin chào")).actions == ()  # one warning a minute, not one per message
    urgent = await say(app, "chong toi dang danh toi")
    assert "113" in urgent.replies[0].text


@pytest.mark.anyio
@pytest.mark.parametrize("kind", ["voice", "sticker", "photo"])
async def test_unsupported_input_gets_a_short_answer(app, kind):
    turn = await act(app, "unsupported", kind)
    assert turn.replies and len(turn.replies[0].text) < 400


@pytest.mark.anyio
async def test_unknown_button_falls_back_to_the_menu(app):
    turn = await act(app, "button", "no-such-button")
    assert "menu:help" in actions_of(turn)


@pytest.mark.anyio
async def test_testmode_is_refused_to_non_testers_and_traces_for_testers(app):
    refused = await act(app, "command", "testmode", args=("on",))
    assert not app.engine.sessions.load(CHAT.key).test_mode and refused.replies
    tester = Chat(key="tester", address="9001", is_tester=True)
    await act(app, "command", "testmode", chat=tester, args=("on",))
    assert app.engine.sessions.load("tester").test_mode
    turn = await say(app, "xin chào", chat=tester)
    assert "greet" in turn.replies[-1].text


@pytest.mark.anyio
async def test_classify_has_no_side_effects(app):
    result = await app.engine.classify("chong toi dang danh toi")
    assert result["urgent"] is True and result["urgent_reasons"]
    assert set(result) >= {
        "text",
        "language",
        "intent",
        "confidence",
        "intents",
        "who",
        "when",
        "province",
        "urgent",
        "urgent_reasons",
        "situation",
        "reply",
    }
    assert result["situation"] == "violence" and result["reply"] == "urgent"
    assert app.engine.sessions.db["sessions"].count == 0


@pytest.mark.anyio
async def test_classify_reads_who_and_when_and_the_situation(app):
    result = await app.engine.classify("em muốn chết")
    assert result["situation"] == "suicide"
    child = await app.engine.classify("em 13 tuổi, bố em đang đánh em")
    assert child["who"] == "child_self" and child["situation"] == "child_self"


@pytest.mark.anyio
async def test_a_danger_past_the_first_thousand_characters_is_answered(app):
    story = "Em kể chị nghe chuyện nhà em. " * 40 + "Giờ anh ta đang cầm dao đứng ngoài cửa."
    turn = await say(app, story)
    assert turn.trace.urgent and "113" in turn.replies[0].text
