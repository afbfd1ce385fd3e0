"""The trained model on clear cases per intent, with and without diacritics (loaded once)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from nlu.client import InProcessNlu, Parse
from nlu.thresholds import INTENT_THRESHOLD, SURVIVOR_INTENTS, URGENT_THRESHOLD

pytestmark = pytest.mark.model


class LoadedModel:
    """The in-process client on its own event loop, shared by every test of the session."""

    def __init__(self, path: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self.client = InProcessNlu(path)
        self.loop.call_soon(self.client.start)
        assert self.loop.run_until_complete(self.client.wait_ready(180)), "model did not load"

    def parse(self, text: str) -> Parse:
        return self.loop.run_until_complete(self.client.parse(text))

    def close(self) -> None:
        self.loop.run_until_complete(self.client.close())
        self.loop.close()


@pytest.fixture(scope="session")
def model(trained_model: Path) -> Iterator[LoadedModel]:
    loaded = LoadedModel(trained_model)
    yield loaded
    loaded.close()


CLEAR_CASES = [
    ("urgent_help", "chồng em đang cầm dao dọa giết em, cứu em với"),
    ("urgent_help", "chong em dang cam dao doa giet em cuu em voi"),
    ("urgent_help", "he is hitting me right now please help"),
    ("report_abuse", "chồng em say rượu là đánh em"),
    ("report_abuse", "chong em say ruou la danh em"),
    ("sexual_violence", "em bị hiếp dâm"),
    ("sexual_violence", "em bi hiep dam"),
    ("online_abuse", "người yêu cũ dọa tung ảnh nóng của em lên mạng"),
    ("online_abuse", "nguoi yeu cu doa tung anh nong cua em len mang"),
    ("digital_safety_tips", "làm sao để bảo mật tài khoản facebook"),
    ("digital_safety_tips", "lam sao de bao mat tai khoan facebook"),
    ("find_services", "gần đây có nhà tạm lánh nào không"),
    ("find_services", "gan day co nha tam lanh nao khong"),
    ("ask_hotline", "cho em xin số điện thoại đường dây nóng"),
    ("ask_hotline", "cho em xin so dien thoai duong day nong"),
    ("legal_info", "thủ tục ly hôn như thế nào"),
    ("legal_info", "thu tuc ly hon nhu the nao"),
    ("safety_planning", "em muốn bỏ đi thì cần chuẩn bị giấy tờ gì"),
    ("safety_planning", "em muon bo di thi can chuan bi giay to gi"),
    ("child_abuse", "bố dượng hay đánh con gái tôi"),
    ("child_abuse", "bo duong hay danh con gai toi"),
    ("trafficking", "họ giữ hộ chiếu của em ở nước ngoài không cho về"),
    ("trafficking", "ho giu ho chieu cua em o nuoc ngoai khong cho ve"),
    ("help_someone_else", "bạn thân em bị chồng đánh, em giúp bạn thế nào"),
    ("help_someone_else", "ban than em bi chong danh, em giup ban the nao"),
    ("emotional_support", "em buồn và cô đơn quá"),
    ("emotional_support", "em buon va co don qua"),
    ("learn_about_gbv", "bạo lực giới là gì"),
    ("learn_about_gbv", "bao luc gioi la gi"),
    ("talk_to_human", "cho em nói chuyện với tư vấn viên"),
    ("talk_to_human", "cho em noi chuyen voi tu van vien"),
    ("greet", "xin chào"),
    ("greet", "xin chao"),
    ("goodbye", "tạm biệt"),
    ("goodbye", "tam biet"),
    ("thanks", "cảm ơn bạn nhiều"),
    ("thanks", "cam on ban nhieu"),
    ("bot_challenge", "bạn là người thật hay máy"),
    ("bot_challenge", "ban la nguoi that hay may"),
    ("change_language", "nói tiếng anh được không"),
    ("change_language", "noi tieng anh duoc khong"),
    ("quick_exit", "xóa cuộc trò chuyện này đi"),
    ("quick_exit", "xoa cuoc tro chuyen nay di"),
    ("out_of_scope", "thời tiết hôm nay thế nào"),
    ("out_of_scope", "thoi tiet hom nay the nao"),
]


@pytest.mark.parametrize("intent, text", CLEAR_CASES)
def test_clear_cases(model, intent, text):
    assert model.parse(text).intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "chồng em đang đánh em, em sợ lắm cứu em",
        "chong em dang danh em em so lam cuu em",
        "ck e dg danh e cuu e",
        "em không muốn sống nữa",
    ],
)
def test_urgent_messages_reach_the_urgent_rule(model, text):
    parse = model.parse(text)
    assert parse.intent == "urgent_help" and parse.confidence >= URGENT_THRESHOLD


@pytest.mark.parametrize(
    "text", ["asdkjh qwe", "qwertyuiop", "hhhhhh", "giá vàng hôm nay", "best pizza in town"]
)
def test_gibberish_never_lands_on_a_confident_survivor_intent(model, text):
    parse = model.parse(text)
    assert not (parse.intent in SURVIVOR_INTENTS and parse.confidence >= INTENT_THRESHOLD)


def test_commands_are_not_read_as_intents(model):
    # Rasa would answer "/urgent_help" with urgent_help at 1.0; the client strips the slash.
    assert model.parse("/urgent_help").confidence < 1.0


def test_entities_reach_the_parse(model):
    parse = model.parse("o Bac Lieu co nha tam lanh nao khong")
    assert parse.entity("province") == "Cà Mau"
    assert parse.entity("service_type") == "shelter"
    assert any(e.extra == "Bạc Liêu" for e in parse.entities)


def test_parsing_logs_no_message_text(model, caplog, capfd):
    distinctive = "chồng em tên Quýnh Bạch Dương giấu hộ chiếu"
    with caplog.at_level(logging.DEBUG):
        model.parse(distinctive)
    out, err = capfd.readouterr()
    for captured in (caplog.text, out, err):
        assert "Quýnh" not in captured and "Quynh" not in captured
