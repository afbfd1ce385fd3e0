"""The web channel's small parts: reading a request as an Incoming, limits, the outbox, the
page's rendering, and its settings."""

from __future__ import annotations

import asyncio

import pytest

from bot.channels.web import page
from bot.channels.web.incoming import BadRequest, incoming_from
from bot.channels.web.limits import Window
from bot.channels.web.outbox import Outbox
from bot.channels.web.replies import reply_json
from bot.core.events import Button, Reply
from bot.responses.render import Responses
from bot.settings import ConfigError, Settings


@pytest.mark.parametrize(
    "data, kind, text, args",
    [
        ({"text": "chong toi dang danh toi"}, "text", "chong toi dang danh toi", ()),
        ({"text": "/wipe"}, "command", "wipe", ()),
        ({"text": " /Start "}, "command", "start", ()),
        ({"text": "/testmode on"}, "command", "testmode", ("on",)),
        ({"text": "/ toi bi danh"}, "text", "/ toi bi danh", ()),  # a slash, then words
        ({"text": "/đánh"}, "text", "/đánh", ()),  # not a command name
        ({"action": "consent:yes"}, "button", "consent:yes", ()),
        ({"action": "menu", "text": "ignored"}, "button", "menu", ()),
    ],
)
def test_incoming_from_a_request(data, kind, text, args):
    incoming = incoming_from(data)
    assert (incoming.kind, incoming.text, incoming.args) == (kind, text, args)


@pytest.mark.parametrize(
    "point",
    [
        [21.853, 106.761],
        {"lat": 21.853, "lon": 106.761},
        {"latitude": 21.853, "longitude": 106.761},
        ["21.853", "106.761"],
    ],
)
def test_a_location_in_any_usual_shape(point):
    incoming = incoming_from({"location": point})
    assert incoming.kind == "location" and incoming.location == (21.853, 106.761)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"text": ""},
        {"text": 5},
        {"action": ""},
        {"action": "x" * 201},
        {"location": [91, 0]},
        {"location": [0, 181]},
        {"location": ["nan", 0]},
        {"location": [1]},
        {"location": "Hà Nội"},
    ],
)
def test_what_is_not_a_message(data):
    with pytest.raises(BadRequest):
        incoming_from(data)


def test_the_page_language_is_a_hint_only_when_known():
    assert incoming_from({"text": "hi", "lang": "en"}).client_language == "en"
    assert incoming_from({"text": "hi", "lang": "fr"}).client_language is None


def test_a_reply_as_json():
    reply = Reply(
        "Hi",
        buttons=((Button("Yes", "consent:yes"),), (Button("Menu", "menu"),)),
        request_location=True,
    )
    assert reply_json(reply) == {
        "text": "Hi",
        "buttons": [
            {"label": "Yes", "action": "consent:yes"},
            {"label": "Menu", "action": "menu"},
        ],
        "request_location": True,
    }


def test_the_window_counts_per_key():
    window = Window(2)
    assert window.hit("a") and window.hit("a")
    assert not window.hit("a")
    assert window.hit("b")


@pytest.mark.anyio
async def test_the_outbox_keeps_order_and_wakes_a_waiter():
    box = Outbox()
    waiter = asyncio.create_task(box.wait(0, 5))
    await asyncio.sleep(0)
    box.push({"replies": [1]})
    box.push({"replies": [2]})
    first = await waiter
    assert [e["seq"] for e in first] >= [1]
    assert [e["seq"] for e in box.after(1)] == [2]
    assert await box.wait(2, 0.01) == []


def test_the_page_escapes_everything_and_carries_both_languages():
    html = page.render(
        Responses(),
        lang="vi",
        session="abc",
        exit_url="https://example.org/?a=1&b=2",
        replies=[
            {
                "text": "<script>x</script>",
                "buttons": [{"label": "<b>", "action": 'a"b'}],
                "request_location": False,
            }
        ],
        mine="<img src=x onerror=alert(1)>",
    )
    assert "<script>x" not in html and "&lt;script&gt;x" in html
    assert "<img" not in html and "&lt;img" in html
    assert 'value="a&quot;b"' in html
    assert 'href="https://example.org/?a=1&amp;b=2"' in html
    assert '<html lang="vi">' in html
    assert '"en": {' in html and "</script>" not in html.split('id="strings"')[1][:-30]
    assert "$" not in html.split('id="strings"')[0]  # every placeholder filled


def test_page_strings_match_in_both_languages():
    assert set(page.STRINGS["vi"]) == set(page.STRINGS["en"])


def test_only_the_listed_static_files_are_served():
    assert page.static("app.js") is not None and page.static("app.css") is not None
    for name in ("index.html", "../page.py", "app.js/../../server.py", ""):
        assert page.static(name) is None


def test_web_settings_from_the_environment(tmp_path):
    base = {"DATA_DIR": str(tmp_path), "ID_HASH_SECRET": "s"}
    default = Settings.from_env(base)
    assert (default.web_listen, default.web_port) == ("127.0.0.1", 8080)
    assert default.quick_exit_url.startswith("https://")
    custom = Settings.from_env(
        {
            **base,
            "WEB_LISTEN": "0.0.0.0",
            "WEB_PORT": "0",
            "QUICK_EXIT_URL": "https://vnexpress.net",
            "WEB_ALLOWED_ORIGINS": "https://ngo.example/, https://b.example",
            "WEB_TRUST_PROXY": "1",
        }
    )
    assert custom.web_port == 0 and custom.web_trust_proxy
    assert custom.web_allowed_origins == {"https://ngo.example", "https://b.example"}
    with pytest.raises(ConfigError, match="QUICK_EXIT_URL"):
        Settings.from_env({**base, "QUICK_EXIT_URL": "javascript:alert(1)"})
    with pytest.raises(ConfigError, match="WEB_PORT"):
        Settings.from_env({**base, "WEB_PORT": "eighty"})


def test_without_telegram_no_counsellor_is_promised(tmp_path):
    from bot.channels.web.run import without_operators

    settings = Settings(
        data_dir=tmp_path, id_secret="s", operator_chat_id=-100, test_operator_chat_id=-200
    )
    assert without_operators(settings).operator_chat_id is None
    assert without_operators(settings).test_operator_chat_id is None
    with_token = Settings(
        data_dir=tmp_path, id_secret="s", operator_chat_id=-100, telegram_token="1:a"
    )
    assert without_operators(with_token).operator_chat_id == -100
