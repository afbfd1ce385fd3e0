"""The web chat over real HTTP on 127.0.0.1: the partners' API, the page without JavaScript,
the security headers and limits, the WebSocket's origin check, and a hand-off through the
fake Bot API's operators' group. No browser needed (test_web_browser.py drives one)."""

from __future__ import annotations

import contextlib
import json
import logging
import re
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.app import build
from bot.channels.web.channel import WebChannel
from bot.channels.web.limits import MAX_BODY_BYTES
from bot.channels.web.run import serving
from bot.settings import Settings
from bot.testing.fake_bot_api.server import FakeBotApi
from bot.testing.fake_bot_api.updates import group_chat
from tests.e2e.conftest import OPERATOR, OPERATOR_CHAT, TOKEN, bounded
from tests.fakes import StubNlu

pytestmark = pytest.mark.e2e

URGENT = "chong toi dang danh toi"
SENTENCE = "Zebra pineapple 4471 my cousin Ngoc Anh"


@contextlib.asynccontextmanager
async def web_chat(
    settings: Settings, fake: FakeBotApi | None = None
) -> AsyncIterator[tuple[str, Any, aiohttp.ClientSession]]:
    """The web chat on a free port (with the Telegram side when a fake is given)."""
    app = build(settings, nlu=StubNlu())
    channel = WebChannel(app, settings)
    async with contextlib.AsyncExitStack() as stack:
        if fake is not None:
            from bot.channels.telegram import build_application, polling

            application = build_application(settings, app)
            await stack.enter_async_context(polling(application))
            channel.attach(application.bot_data["desk"])
        url = await stack.enter_async_context(serving(channel))
        client = await stack.enter_async_context(aiohttp.ClientSession())
        yield url.rstrip("/"), app, client


async def post(
    client: aiohttp.ClientSession, url: str, body: Any, **kw: Any
) -> tuple[int, dict[str, Any]]:
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    async with client.post(f"{url}/api/message", data=data, **kw) as response:
        return response.status, await response.json()


@pytest.mark.anyio
async def test_the_curl_of_the_issue_gets_113_and_the_peace_house_first(settings):
    async def scenario():
        async with web_chat(settings) as (url, app, client):
            # curl -s -X POST 127.0.0.1:$WEB_PORT/api/message -d '{"session":"x","text":...}'
            # (curl sends application/x-www-form-urlencoded: the body is read as JSON anyway)
            status, body = await post(
                client,
                url,
                {"session": "x", "text": URGENT},
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
            assert status == 200
            first = body["replies"][0]
            assert "113" in first["text"][:200] and "1900 969 680" in first["text"][:200]
            assert {"label", "action"} <= set(first["buttons"][0])
            assert "consent:yes" in [b["action"] for b in first["buttons"]]

    await bounded(scenario())


@pytest.mark.anyio
async def test_buttons_locations_and_commands_through_the_api(settings):
    async def scenario():
        async with web_chat(settings) as (url, app, client):
            _, body = await post(client, url, {"session": "s1", "text": "/start"})
            assert body["replies"][0]["text"] == app.responses.render("ask_safe", "vi").text
            _, body = await post(client, url, {"session": "s1", "action": "menu:services"})
            assert body["replies"][0]["request_location"] is True
            _, body = await post(client, url, {"session": "s1", "location": [21.853, 106.761]})
            assert "Lạng Sơn" in body["replies"][0]["text"]
            _, body = await post(
                client, url, {"session": "s1", "location": {"lat": 21.853, "lon": 106.761}}
            )
            assert "Lạng Sơn" in body["replies"][0]["text"]
            _, body = await post(client, url, {"session": "s1", "text": "/wipe"})
            assert body["wipe"] is True
            assert body["replies"][0]["text"] == app.responses.render("wiped", "vi").text
            # English when the page says so and nothing else tells.
            _, body = await post(client, url, {"session": "s2", "text": "/menu", "lang": "en"})
            assert body["replies"][0]["text"] == app.responses.render("menu", "en").text
            # No session: one is made and returned.
            _, body = await post(client, url, {"text": "/menu"})
            assert re.fullmatch(r"[A-Za-z0-9_-]{20,}", body["session"])

    await bounded(scenario())


@pytest.mark.anyio
@pytest.mark.parametrize(
    "body, status",
    [
        ("not json", 400),
        ([1, 2], 400),
        ({"session": "a b", "text": "hi"}, 400),
        ({"session": "x" * 65, "text": "hi"}, 400),
        ({"session": "x"}, 400),
        ({"session": "x", "text": "   "}, 400),
        ({"session": "x", "location": [91, 0]}, 400),
        ({"session": "x", "location": "here"}, 400),
        ({"session": "x", "action": "a" * 201}, 400),
        ({"session": "x", "text": "a" * (MAX_BODY_BYTES + 10)}, 413),
    ],
)
async def test_requests_that_are_not_messages_are_refused_without_echoing_them(
    settings, body, status
):
    async def scenario():
        async with web_chat(settings) as (url, app, client):
            data = body if isinstance(body, str) else json.dumps(body)
            async with client.post(f"{url}/api/message", data=data) as response:
                assert response.status == status
                text = await response.text()
                assert "hi" not in text.replace("JSON", "") or status == 413

    await bounded(scenario())


@pytest.mark.anyio
async def test_security_headers_and_no_cookie_on_every_response(settings):
    async def scenario():
        async with web_chat(settings) as (url, app, client):
            for method, path in (
                ("GET", "/"),
                ("GET", "/static/app.js"),
                ("GET", "/nope"),
                ("POST", "/api/message"),
                ("GET", "/static/../settings.py"),
            ):
                async with client.request(method, url + path, data="{}") as response:
                    headers = response.headers
                    csp = headers["Content-Security-Policy"]
                    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
                    assert "'unsafe-inline'" not in csp
                    assert headers["Referrer-Policy"] == "no-referrer"
                    assert headers["X-Content-Type-Options"] == "nosniff"
                    assert headers["Cache-Control"] == "no-store"
                    assert "Set-Cookie" not in headers
                    if path.startswith("/static/.."):
                        assert response.status == 404

    await bounded(scenario())


@pytest.mark.anyio
async def test_the_page_has_no_inline_script_no_outside_resource_and_stays_under_60_kb(settings):
    async def scenario():
        async with web_chat(settings) as (url, app, client):
            async with client.get(f"{url}/") as response:
                html = await response.text()
            total = len(html.encode())
            for tag in re.findall(r"<script\b[^>]*>", html):
                assert 'src="/static/' in tag or 'type="application/json"' in tag, tag
            assert not re.search(r"\son\w+=", html)  # no inline event handlers
            assert "style=" not in html
            for ref in re.findall(r'(?:src|href)="([^"]+)"', html):
                assert ref.startswith(("/", "?")) or ref == settings.quick_exit_url, ref
            for name in ("app.js", "app.css"):
                async with client.get(f"{url}/static/{name}") as response:
                    total += len(await response.read())
            assert total < 60 * 1024, total
            assert '<html lang="vi">' in html  # Vietnamese first
            assert 'action="/chat"' in html  # works with JavaScript off

    await bounded(scenario())


@pytest.mark.anyio
async def test_the_page_works_without_javascript_through_form_posts(settings):
    async def scenario():
        async with web_chat(settings) as (url, app, client):
            async with client.get(f"{url}/") as response:
                html = await response.text()
            session = re.search(r'name="session" value="([^"]+)"', html).group(1)
            form = {"session": session, "lang": "vi", "text": URGENT + " <b>"}
            async with client.post(f"{url}/chat", data=form) as response:
                html = await response.text()
            assert response.status == 200
            assert "113" in html and "1900 969 680" in html
            assert "&lt;b&gt;" in html and "<b>" not in html  # her words, escaped
            assert 'name="action" value="consent:yes"' in html  # buttons are form buttons
            form = {"session": session, "lang": "vi", "action": "safe:yes"}
            async with client.post(f"{url}/chat", data=form) as response:
                html = await response.text()
            assert app.responses.render("menu", "vi").text.split("\n")[0] in html
            # A post from another site is refused (no cookies, but no cross-site posts either).
            async with client.post(
                f"{url}/chat", data=form, headers={"Origin": "https://evil.example"}
            ) as response:
                assert response.status == 403

    await bounded(scenario())


@pytest.mark.anyio
async def test_limits_per_address_and_per_session_never_drop_an_urgent_message(settings):
    settings = replace(settings, web_per_address_per_minute=3)

    async def scenario():
        async with web_chat(settings) as (url, app, client):
            for n in range(3):
                status, _ = await post(client, url, {"session": f"a{n}", "text": "/menu"})
                assert status == 200
            status, body = await post(client, url, {"session": "a9", "text": "/menu"})
            assert status == 429
            assert "113" in body["replies"][0]["text"]  # even "slow down" carries the numbers
            status, body = await post(client, url, {"session": "a9", "text": URGENT})
            assert status == 200
            assert "1900 969 680" in body["replies"][0]["text"]
            # Polls and sockets count too: an address cannot hold sockets without end.
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await client.ws_connect(f"{url}/ws?session=a9", headers={"Origin": url})
            assert refused.value.status == 429

    await bounded(scenario())


@pytest.mark.anyio
async def test_the_per_session_limit(settings):
    from bot.channels.web import limits

    async def scenario():
        async with web_chat(settings) as (url, app, client):
            statuses = []
            for _ in range(limits.SESSION_PER_MINUTE + 2):
                status, _ = await post(client, url, {"session": "busy", "action": "menu"})
                statuses.append(status)
            assert statuses[: limits.SESSION_PER_MINUTE] == [200] * limits.SESSION_PER_MINUTE
            assert statuses[-1] == 429
            status, body = await post(client, url, {"session": "busy", "text": URGENT})
            assert status == 200 and "113" in body["replies"][0]["text"]
            status, _ = await post(client, url, {"session": "other", "action": "menu"})
            assert status == 200

    await bounded(scenario())


@pytest.mark.anyio
async def test_the_websocket_checks_the_origin(settings):
    async def scenario():
        async with web_chat(settings) as (url, app, client):
            ws_url = f"{url}/ws?session=abc"
            for origin in ("https://evil.example", "null", None):
                headers = {"Origin": origin} if origin else {}
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await client.ws_connect(ws_url, headers=headers)
                assert refused.value.status == 403
            socket = await client.ws_connect(ws_url, headers={"Origin": url})
            await socket.close()

    await bounded(scenario())


@pytest.mark.anyio
async def test_partner_sites_get_cors_only_when_allowed(settings):
    settings = replace(settings, web_allowed_origins=frozenset({"https://ngo.example"}))

    async def scenario():
        async with web_chat(settings) as (url, app, client):
            headers = {"Origin": "https://ngo.example", "Access-Control-Request-Method": "POST"}
            async with client.options(f"{url}/api/message", headers=headers) as response:
                assert response.status == 204
                assert response.headers["Access-Control-Allow-Origin"] == "https://ngo.example"
            status, body = await post(
                client,
                url,
                {"session": "p", "text": "/menu"},
                headers={"Origin": "https://ngo.example"},
            )
            assert status == 200
            async with client.post(
                f"{url}/api/message",
                data='{"session": "p", "text": "hi"}',
                headers={"Origin": "https://other.example"},
            ) as response:
                assert response.status == 403
                assert "Access-Control-Allow-Origin" not in response.headers

    await bounded(scenario())


@pytest.mark.anyio
async def test_her_words_are_in_no_log_and_no_file(settings, caplog):
    caplog.set_level(logging.DEBUG)

    async def scenario():
        async with web_chat(settings) as (url, app, client):
            await post(client, url, {"session": "zq7sess", "text": SENTENCE})
            await post(client, url, {"session": "zq7sess", "text": f"{URGENT}, {SENTENCE}"})
            form = {"session": "zq7sess", "text": SENTENCE}
            async with client.post(f"{url}/chat", data=form) as response:
                assert response.status == 200
            async with client.get(
                f"{url}/api/events", params={"session": SENTENCE, "after": "0"}
            ) as response:
                assert response.status == 400

    await bounded(scenario())
    assert "Zebra" not in caplog.text and "zq7sess" not in caplog.text
    for path in Path(settings.data_dir).rglob("*"):
        if path.is_file():
            assert b"Zebra pineapple" not in path.read_bytes(), path


# -- the hand-off ---------------------------------------------------------------------------


@pytest.fixture
def fake():
    server = FakeBotApi(TOKEN).start()
    yield server
    server.stop()


@pytest.mark.anyio
async def test_a_web_hand_off_relays_both_ways_with_polling(settings, fake):
    settings = replace(settings, telegram_token=TOKEN, telegram_base_url=fake.base_url)

    async def scenario():
        async with web_chat(settings, fake) as (url, app, client):
            _, body = await post(client, url, {"session": "h1", "text": URGENT})
            assert "consent:yes" in [b["action"] for b in body["replies"][0]["buttons"]]
            _, body = await post(client, url, {"session": "h1", "action": "consent:yes"})
            assert body["live"] is True
            (card,) = await fake.wait_sent(OPERATOR_CHAT)
            case_id = int(card.actions[0].split(":")[1])
            assert URGENT not in card.text and "h1" not in card.text
            assert app.cases.get(case_id).address == "web:h1"

            async def events(after: int) -> list[dict[str, Any]]:
                async with client.get(f"{url}/api/events?session=h1&after={after}") as r:
                    return (await r.json())["events"]

            fake.press(
                OPERATOR,
                f"claim:{case_id}",
                message_id=card.result_id,
                chat=group_chat(OPERATOR_CHAT),
            )
            (joined,) = await events(0)
            assert (
                joined["replies"][0]["text"]
                == app.responses.render("counsellor_joined", "vi").text
            )

            _, body = await post(client, url, {"session": "h1", "text": "toi rat so"})
            assert body["replies"] == []  # her words went to the counsellor, not the model
            (relayed,) = await fake.wait_sent(OPERATOR_CHAT, after=1)
            assert relayed.text.endswith("toi rat so")

            fake.group_text(OPERATOR, OPERATOR_CHAT, "Minh nghe day", reply_to=relayed.result_id)
            (answer,) = await events(joined["seq"])
            prefix = app.responses.render("relay_prefix", "vi").text
            assert answer["replies"][0]["text"] == f"{prefix}: Minh nghe day"

            # Danger while a counsellor has her case: the numbers at once, and the relay.
            _, body = await post(client, url, {"session": "h1", "text": URGENT})
            assert "113" in body["replies"][0]["text"]

            # She ends it: the group is told and the page's case is over.
            _, body = await post(client, url, {"session": "h1", "text": "/end"})
            assert body["live"] is False
            assert app.cases.get(case_id).status == "closed"

    await bounded(scenario())


@pytest.mark.anyio
async def test_a_telegram_users_relay_still_goes_to_telegram(settings, fake):
    """The web channel takes only "web:" addresses from the desk; Telegram keeps the rest."""
    settings = replace(settings, telegram_token=TOKEN, telegram_base_url=fake.base_url)

    async def scenario():
        async with web_chat(settings, fake) as (url, app, client):
            from bot.testing.fake_bot_api.updates import User

            she = User(5001, "vi", "Lan", "lan")
            fake.text(she, URGENT)
            (urgent,) = await fake.wait_sent(she.id)
            fake.press(she, "consent:yes", message_id=urgent.result_id)
            (card,) = await fake.wait_sent(OPERATOR_CHAT)
            await fake.wait_sent(she.id, after=1)  # "a counsellor has been asked"
            case_id = int(card.actions[0].split(":")[1])
            before = len(fake.sent(she.id))
            fake.press(
                OPERATOR,
                f"claim:{case_id}",
                message_id=card.result_id,
                chat=group_chat(OPERATOR_CHAT),
            )
            (joined,) = await fake.wait_sent(she.id, after=before)
            assert joined.text == app.responses.render("counsellor_joined", "vi").text

    await bounded(scenario())


@pytest.mark.anyio
async def test_web_cases_follow_the_same_hours_and_re_alert_rules(settings, fake):
    from datetime import datetime, timedelta

    from bot.core.engine import VIETNAM

    later = datetime.now(VIETNAM) + timedelta(hours=3)
    closed = f"{later:%H}:00-{later:%H}:01"  # a minute, hours from now: closed at the moment
    closed_settings = replace(
        settings, telegram_token=TOKEN, telegram_base_url=fake.base_url, operator_hours=closed
    )

    async def outside_hours():
        async with web_chat(closed_settings, fake) as (url, app, client):
            await post(client, url, {"session": "o1", "text": URGENT})
            _, body = await post(client, url, {"session": "o1", "action": "consent:yes"})
            assert body["live"] is False
            assert "1900 969 680" in body["replies"][0]["text"]  # the 24/7 line instead
            assert fake.sent(OPERATOR_CHAT) == []

    await bounded(outside_hours())
    fast = replace(
        settings, telegram_token=TOKEN, telegram_base_url=fake.base_url, realert_minutes=0.01
    )

    async def re_alert():
        async with web_chat(fast, fake) as (url, app, client):
            await post(client, url, {"session": "r1", "text": URGENT})
            await post(client, url, {"session": "r1", "action": "consent:yes"})
            async with client.get(f"{url}/api/events?session=r1&after=0") as response:
                (event,) = (await response.json())["events"]
            assert event["replies"][0]["text"] == app.responses.render("realert_user", "vi").text
            assert len(fake.sent(OPERATOR_CHAT)) >= 2  # the card, then a re-alert

    await bounded(re_alert())
