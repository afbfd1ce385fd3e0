"""The directory as she sees it through the bot: real services with honest labels, no demo row
in a real deployment, places she names, and the national lines where there is nothing local."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.core.events import Incoming, Turn
from bot.responses.render import Responses
from nlu.client import Parse
from referral_db.seed import open_directory
from tests.fakes import StubNlu

SUNSHINE = "Ngôi nhà Ánh Dương Thanh Hóa"


class ServicesNlu(StubNlu):
    """The model's answer for a message asking for a shelter: find_services, sure."""

    async def parse(self, text: str) -> Parse:
        return Parse(intent="find_services", confidence=0.95, entities=())


@pytest.fixture
def real_app(settings):
    """The bot as deployed: DIRECTORY_DEMO unset, so the demo rows are never shown."""
    from bot.app import build

    return build(replace(settings, directory_demo=False), nlu=ServicesNlu())


async def say(app, text: str) -> Turn:
    from bot.core.engine import Chat

    chat = Chat(key="k-directory", address="5550000")
    return await app.engine.handle(chat, Incoming(kind="text", text=text))


def text_of(turn: Turn) -> str:
    return "\n".join(reply.text for reply in turn.replies)


@pytest.mark.anyio
async def test_thanh_hoa_shelter_request_shows_the_sunshine_house_and_its_label(real_app):
    turn = await say(real_app, "em ở Thanh Hóa, cần chỗ tạm lánh")
    text = text_of(turn)
    assert turn.trace.province == "Thanh Hóa"
    assert turn.trace.services[0] == "real-th-anh-duong-house"
    assert SUNSHINE in text and "1800 1744" in text
    assert "chưa được xác nhận" in text  # not yet confirmed
    assert "0000 000" not in text and "demo" not in text and "dữ liệu mẫu" not in text


@pytest.mark.anyio
async def test_english_chat_gets_english_names_hours_and_label(real_app):
    turn = await say(real_app, "I'm in Thanh Hoa and need a shelter")
    text = text_of(turn)
    assert "Anh Duong (Sunshine) House one-stop centre, Thanh Hoa" in text
    assert "24/7, toll-free" in text and "not yet confirmed" in text


@pytest.mark.anyio
async def test_a_city_she_names_finds_its_province(real_app):
    turn = await say(real_app, "em ở Nha Trang, cần chỗ tạm lánh")
    assert turn.trace.province == "Khánh Hòa"


@pytest.mark.anyio
async def test_province_with_no_local_service_says_so_and_gives_the_national_lines(real_app):
    turn = await say(real_app, "em ở Lạng Sơn, cần chỗ tạm lánh")  # only demo rows there
    text = text_of(turn)
    assert not turn.trace.services
    assert "Mình chưa có danh sách nơi hỗ trợ ở Lạng Sơn" in text
    assert "113" in text and "1900 969 680" in text and "111" in text


def test_the_rendered_list_matches_the_cli(tmp_path):
    """Without the engine: the directory's Thanh Hóa shelters, rendered as the bot does."""
    directory = open_directory(tmp_path / "directory.db")
    found = directory.search(province="Thanh Hóa", category="shelter")
    text = Responses().render("services", "vi", services=found, province="Thanh Hóa").text
    assert SUNSHINE in text and "1800 1744" in text
    assert "từ một nguồn công khai không ghi ngày, chưa được xác nhận" in text
    assert "Trạm Y tế xã Trung Tiến" not in text  # a shelter's address stays private


def test_directory_demo_is_off_unless_set():
    from bot.settings import ConfigError, Settings

    assert Settings.from_env({"DATA_DIR": "/tmp/x", "ID_HASH_SECRET": "s"}).directory_demo is False
    on = Settings.from_env({"DATA_DIR": "/tmp/x", "ID_HASH_SECRET": "s", "DIRECTORY_DEMO": "1"})
    assert on.directory_demo is True
    with pytest.raises(ConfigError, match="DIRECTORY_DEMO"):
        Settings.from_env({"DATA_DIR": "/tmp/x", "ID_HASH_SECRET": "s", "DIRECTORY_DEMO": "yes"})
