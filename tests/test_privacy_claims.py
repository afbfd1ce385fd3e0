"""What /privacy, the wipe texts and the counsellor texts promise, checked against the code.

Each test ties a sentence the bot says to what the code does, both ways: a new column in
state.db, a changed 48-hour limit, a card that starts carrying words or a relay that stops
going to the group breaks a test, and so does a text that stops saying so. When one fails,
change the text and the code together.
"""

from __future__ import annotations

import inspect
import re
import time
from types import SimpleNamespace

import pytest

from bot.core import session as session_module
from bot.core.engine import Chat
from bot.core.events import Incoming, OperatorCard, RelayToOperator
from bot.core.session import DELETABLE_SECONDS, MEMORY_SECONDS, Session, SessionStore
from bot.responses import LOCALES, Responses
from bot.responses.content import REGISTRY

DISTINCT = "Chồng em tên Khải ở xóm Đồng Lạc đánh em tối qua"  # never stored, never carded

# Every column of state.db, and the words of /privacy (English, then Vietnamese) that tell her
# about it. None: not hers to know about (test mode is for community testers; bookkeeping).
# A column missing here fails test_every_stored_column_is_declared: say it in /privacy first.
LANGUAGE = ("your language", "ngôn ngữ")
STEP = ("where we are in the conversation", "bước đang dở")
LABELS = ("labels for its topic", "nhãn chủ đề")
PROVINCE = ("a province you named", "tỉnh bạn đã nêu")
CODE = ("known by a code, not your Telegram ID", "một mã, không phải ID Telegram")
NUMBERS = ("message numbers for /wipe (48 hours)", "số thứ tự tin nhắn để /wipe xóa (48 giờ)")
REQUEST = (
    "the request (type and times, no words)",
    "yêu cầu (loại và thời gian, không có nội dung)",
)
ADDRESS = (
    "your chat address, encrypted, until it closes",
    "địa chỉ chat đã mã hóa cho đến khi kết thúc",
)
COLUMNS: dict[str, dict[str, tuple[str, str] | None]] = {
    "sessions": {
        "key": CODE,
        "locale": LANGUAGE,
        "locale_chosen": LANGUAGE,
        "state": STEP,
        "pending_category": STEP,
        "test_mode": None,
        "updated_at": None,
        "topic": LABELS,
        "danger": LABELS,
        "who": LABELS,
        "province": PROVINCE,
        "last_reply": LABELS,
        "urgent_replies": STEP,
        "unsure_streak": STEP,
        "services_offered": STEP,
    },
    "chat_messages": {"key": CODE, "message_id": NUMBERS, "sent_at": NUMBERS},
    "cases": {
        "id": REQUEST,
        "chat_key": CODE,
        "status": REQUEST,
        "category": REQUEST,
        "urgent": REQUEST,
        "locale": LANGUAGE,
        "test": None,
        "opened_at": REQUEST,
        "claimed_at": REQUEST,
        "closed_at": REQUEST,
        "outcome": REQUEST,
        "realerts": REQUEST,
        "operator_message_id": REQUEST,
        "claimed_by": REQUEST,
        "address": ADDRESS,
    },
    "case_relays": {
        "operator_chat_id": REQUEST,
        "operator_message_id": REQUEST,
        "case_id": REQUEST,
    },
    "_sqlite_migrations": {"id": None, "migration_set": None, "name": None, "applied_at": None},
}
# Names that would mean her words, her name or her place are on disk.
FORBIDDEN = re.compile(r"text|message$|body|content|words|summary|name$|user|lat|lon|location")

# The texts that speak of what is kept, what /wipe deletes, and where her words go.
WIPE_TEXTS = ("privacy", "topic:bot_safety", "topic:who_reads_messages", "unsupported")
GROUP_TEXTS = ("privacy", "talk_to_human", "counsellor_joined", "topic:who_reads_messages")
GROUP_WORDS = {
    "en": ("counsellors' Telegram group", "/wipe can't"),
    "vi": ("nhóm Telegram của đội tư vấn", "/wipe không xóa được"),
}


@pytest.fixture(scope="module")
def responses() -> Responses:
    return Responses()


def text(responses: Responses, key: str, locale: str) -> str:
    return responses.render(key, locale).text


async def handle(app, chat: Chat, incoming: Incoming):
    return await app.engine.handle(chat, incoming)


# ---- what is stored ---------------------------------------------------------------------


def state_columns(app) -> dict[str, list[str]]:
    db = app.engine.sessions.db
    return {t: list(db.table(t).columns_dict) for t in db.table_names()}


def test_every_stored_column_is_declared(app) -> None:
    """A new column means /privacy must say what it keeps (and this table must list it)."""
    undeclared = [
        f"{table}.{column}"
        for table, columns in state_columns(app).items()
        for column in columns
        if column not in COLUMNS.get(table, {})
    ]
    assert undeclared == []


def test_no_column_can_hold_her_words_name_or_place(app) -> None:
    for table, columns in state_columns(app).items():
        if table == "_sqlite_migrations":  # the names of migrations, not of people
            continue
        for column in columns:
            allowed = column in ("operator_message_id", "message_id")
            assert allowed or not FORBIDDEN.search(column), f"{table}.{column}"


@pytest.mark.parametrize("locale", LOCALES)
def test_privacy_names_everything_kept(responses, app, locale: str) -> None:
    said = text(responses, "privacy", locale)
    i = {"en": 0, "vi": 1}[locale]
    for table, columns in state_columns(app).items():
        for column in columns:
            claim = COLUMNS[table][column]
            if claim is not None:
                assert claim[i] in said, (table, column, claim[i])


@pytest.mark.parametrize("locale", LOCALES)
def test_privacy_says_her_words_are_not_stored(responses, locale: str) -> None:
    said = text(responses, "privacy", locale)
    assert {
        "en": "I don't store your name or what you write",
        "vi": "Mình không lưu tên hay nội dung bạn viết",
    }[locale] in said


@pytest.mark.anyio
async def test_what_she_writes_is_in_no_table(app) -> None:
    chat = Chat(key="k-privacy", address="4242")
    await handle(app, chat, Incoming(kind="text", text=DISTINCT, message_id=1))
    await handle(app, chat, Incoming(kind="text", text="Hà Nội", message_id=2))
    db = app.engine.sessions.db
    for table in db.table_names():
        for row in db.table(table).rows:
            for value in row.values():
                assert not (isinstance(value, str) and ("Khải" in value or "Đồng Lạc" in value))


# ---- what /wipe deletes -------------------------------------------------------------------


def test_the_wipe_limit_is_48_hours() -> None:
    assert DELETABLE_SECONDS == 48 * 3600


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("key", WIPE_TEXTS)
def test_every_wipe_text_gives_the_limit_of_the_code(responses, key: str, locale: str) -> None:
    hours = DELETABLE_SECONDS // 3600
    said = text(responses, key, locale)
    assert "/wipe" in said
    assert f"{hours} {'hours' if locale == 'en' else 'giờ'}" in said


def test_wipe_forgets_messages_older_than_the_limit(tmp_path, monkeypatch) -> None:
    store = SessionStore(tmp_path / "state.db")
    now = time.time()
    monkeypatch.setattr(session_module.time, "time", lambda: now - DELETABLE_SECONDS - 60)
    store.remember_messages("k", [1])
    monkeypatch.setattr(session_module.time, "time", lambda: now)
    store.remember_messages("k", [2])
    assert store.take_messages("k") == (2,)


@pytest.mark.anyio
async def test_a_location_she_shares_can_be_deleted_by_wipe_and_is_not_stored(app) -> None:
    """'A location you share stays in this chat until you delete it': its message id is kept
    for /wipe, and no table has a place for the coordinates."""
    chat = Chat(key="k-location", address="4343")
    await handle(app, chat, Incoming(kind="location", location=(21.853, 106.761), message_id=55))
    assert 55 in app.engine.sessions.take_messages(chat.key)
    db = app.engine.sessions.db
    for table in db.table_names():
        for row in db.table(table).rows:
            assert not any(str(v).startswith(("21.853", "106.761")) for v in row.values())


@pytest.mark.parametrize("locale", LOCALES)
def test_privacy_says_the_location_stays_in_her_chat(responses, locale: str) -> None:
    said = text(responses, "privacy", locale)
    assert {
        "en": "A location you share stays in this chat until you delete it",
        "vi": "Vị trí bạn chia sẻ vẫn nằm trong cuộc trò chuyện này",
    }[locale] in said


# ---- what the operators see -----------------------------------------------------------------


class FakeBot:
    """Records what the operators' desk sends to Telegram."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []

    async def send_message(self, chat_id: int, text: str, **_kw: object) -> SimpleNamespace:
        self.sent.append((chat_id, text))
        return SimpleNamespace(message_id=900 + len(self.sent))

    async def edit_message_text(self, *_a: object, **_kw: object) -> None:
        return None


@pytest.fixture
def desk(app, settings):
    operators = pytest.importorskip("bot.channels.telegram.operators.desk")

    async def send_user(*_args: object) -> None:
        return None

    d = operators.Desk(app, settings, send_user=send_user)
    d.attach(FakeBot())
    return d


@pytest.mark.anyio
async def test_the_operator_card_carries_no_words(app, desk, settings, responses) -> None:
    """The card is rendered from a case number, language, category, urgency and time only."""
    builder = REGISTRY["operator_card"]
    params = set(inspect.signature(builder).parameters) - {"c"}
    assert params == {"case_id", "locale", "category", "urgent", "opened_at", "test"}
    case = app.cases.open(
        chat_key="k-card",
        category="report_abuse",
        urgent=True,
        locale="vi",
        test=False,
        address="4444",
    )
    card = OperatorCard(
        case_id=case.id,
        locale="vi",
        category="report_abuse",
        urgent=True,
        opened_at="2026-12-03T20:00:00+07:00",
        test=False,
        summary=DISTINCT,
    )
    await desk.page(card)
    [(chat_id, sent)] = desk.bot.sent
    assert chat_id == settings.operator_chat_id
    expected = responses.render(
        "operator_card",
        settings.default_locale,
        case_id=case.id,
        locale="vi",
        category="report_abuse",
        urgent=True,
        opened_at=card.opened_at,
        test=False,
    ).text
    assert sent == expected
    assert "Khải" not in sent and "4444" not in sent and "k-card" not in sent


@pytest.mark.anyio
async def test_her_words_go_to_the_group_where_wipe_cannot_reach(app, desk, settings) -> None:
    chat = Chat(key="k-relay", address="4545")
    case = app.cases.open(
        chat_key=chat.key,
        category="talk_to_human",
        urgent=False,
        locale="vi",
        test=False,
        address=chat.address,
    )
    app.engine.sessions.remember_messages(chat.key, [7])  # her message in her own chat
    await desk.relay(RelayToOperator(case.id, DISTINCT))
    [(chat_id, sent)] = desk.bot.sent
    assert chat_id == settings.operator_chat_id and DISTINCT in sent
    # /wipe deletes the ids of her chat only: the group's copy (message 901) is not among them.
    assert app.engine.sessions.take_messages(chat.key) == (7,)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("key", GROUP_TEXTS)
def test_the_texts_say_where_her_words_go(responses, key: str, locale: str) -> None:
    said = text(responses, key, locale)
    group, unreachable = GROUP_WORDS[locale]
    assert group in said and unreachable in said, key


def test_the_chat_address_is_encrypted_and_erased_when_the_case_closes(app) -> None:
    case = app.cases.open(
        chat_key="k-seal",
        category="talk_to_human",
        urgent=False,
        locale="en",
        test=False,
        address="987654321",
    )
    row = app.engine.sessions.db.table("cases").get(case.id)
    assert row["address"] and "987654321" not in row["address"]
    app.cases.close(case.id, "closed_by_operator")
    assert app.engine.sessions.db.table("cases").get(case.id)["address"] is None


@pytest.mark.parametrize("locale", LOCALES)
def test_the_counsellor_offer_says_what_they_see(responses, locale: str) -> None:
    said = text(responses, "talk_to_human", locale)
    assert {
        "en": "They won't see your name or your Telegram account",
        "vi": "không thấy tên hay tài khoản Telegram",
    }[locale] in said


@pytest.mark.parametrize("locale", LOCALES)
def test_privacy_gives_the_memory_limit_of_the_code(responses, locale: str) -> None:
    hours = MEMORY_SECONDS // 3600
    assert f"{hours} {'hours' if locale == 'en' else 'giờ'}" in text(responses, "privacy", locale)


def test_the_conversation_memory_is_forgotten_after_the_limit(tmp_path, monkeypatch) -> None:
    """'labels for its topic and a province you named (forgotten after 12 hours of silence)'."""
    store = SessionStore(tmp_path / "state.db")
    now = time.time()
    monkeypatch.setattr(session_module.time, "time", lambda: now - MEMORY_SECONDS - 60)
    store.save(
        Session(
            key="k",
            locale="vi",
            topic="urgent",
            danger="suicide",
            who="child_self",
            province="Huế",
        )
    )
    monkeypatch.setattr(session_module.time, "time", lambda: now)
    again = store.load("k")
    assert again.locale == "vi"
    assert (again.topic, again.danger, again.who, again.province) == (None, None, None, None)
