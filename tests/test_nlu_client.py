"""The NLU client: never sends /commands, loads in the background, fails to NluUnavailable."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

import nlu.client
from nlu.client import (
    WARM_UP_TEXT,
    Entity,
    HttpNlu,
    InProcessNlu,
    NluUnavailable,
    Parse,
    clean,
    to_parse,
)

RESULT = {
    "text": "ignored",
    "intent": {"name": "find_services", "confidence": 0.91},
    "entities": [
        {"entity": "service_type", "value": "shelter", "start": 14, "end": 26},
        {"entity": "province", "value": "Cà Mau", "formerly": "Bạc Liêu"},
    ],
    "intent_ranking": [
        {"name": "find_services", "confidence": 0.91},
        {"name": "ask_hotline", "confidence": 0.05},
    ],
}


class FakeAgent:
    """Stands in for rasa's Agent: records what it was asked to parse."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    async def parse_message(self, text: str) -> dict[str, Any]:
        self.sent.append(text)
        return RESULT


@pytest.mark.parametrize(
    "text, expected",
    [
        ("/start", "start"),
        ("//urgent_help", "urgent_help"),
        ("  /help me", "help me"),
        ("/ chồng em đánh em", "chồng em đánh em"),
        ("chồng em đánh em", "chồng em đánh em"),
        ("ck e dg danh e 1/2 dem", "ck e dg danh e 1/2 dem"),
        ("/", ""),
    ],
)
def test_clean_strips_leading_slashes_only(text, expected):
    assert clean(text) == expected


def test_to_parse_keeps_intent_entities_and_ranking():
    parse = to_parse(RESULT)
    assert parse == Parse(
        intent="find_services",
        confidence=0.91,
        entities=(Entity("service_type", "shelter"), Entity("province", "Cà Mau", "Bạc Liêu")),
        ranking=(("find_services", 0.91), ("ask_hotline", 0.05)),
    )
    assert parse.entity("province") == "Cà Mau"
    assert parse.entity("service_type") == "shelter"
    assert parse.entity("commune") is None


@pytest.fixture
def loaded(monkeypatch) -> tuple[InProcessNlu, FakeAgent]:
    agent = FakeAgent()
    monkeypatch.setattr(nlu.client, "load_agent", lambda path: agent)
    return InProcessNlu(Path("model.tar.gz")), agent


@pytest.mark.anyio
@pytest.mark.parametrize("command", ["/start", "/urgent_help", "/wipe now", " /stop"])
async def test_in_process_never_sends_a_command(loaded, command):
    client, agent = loaded
    client.start()
    assert await client.wait_ready(5)
    await client.parse(command)
    assert agent.sent[0] == WARM_UP_TEXT  # one warm-up parse while loading, then hers
    assert len(agent.sent) == 2 and not agent.sent[1].startswith("/")


@pytest.mark.anyio
async def test_in_process_slash_alone_is_not_sent(loaded):
    client, agent = loaded
    client.start()
    await client.wait_ready(5)
    parse = await client.parse("/")
    assert agent.sent == [WARM_UP_TEXT] and parse.confidence == 0.0


@pytest.mark.anyio
async def test_in_process_loads_in_the_background(monkeypatch):
    def slow_load(path: Path) -> FakeAgent:
        time.sleep(0.3)  # stands for Agent.load's 10-30 s, in the worker thread
        return FakeAgent()

    monkeypatch.setattr(nlu.client, "load_agent", slow_load)
    client = InProcessNlu(Path("model.tar.gz"))
    client.start()  # returns at once: the loop keeps running while the model loads
    assert not client.ready
    with pytest.raises(NluUnavailable):
        await client.parse("chào bạn")
    assert await asyncio.wait_for(asyncio.sleep(0, result=True), 0.1)
    assert await client.wait_ready(5)


@pytest.mark.anyio
async def test_in_process_wait_ready_times_out(monkeypatch):
    monkeypatch.setattr(nlu.client, "load_agent", lambda path: time.sleep(1) or FakeAgent())
    client = InProcessNlu(Path("model.tar.gz"))
    client.start()
    ready = await client.wait_ready(0.05)
    await client.close()
    assert ready is False


@pytest.mark.anyio
async def test_in_process_load_failure_logs_an_event_and_stays_unavailable(monkeypatch, caplog):
    def broken(path: Path) -> None:
        raise FileNotFoundError(str(path))

    monkeypatch.setattr(nlu.client, "load_agent", broken)
    client = InProcessNlu(Path("secret-name.tar.gz"))
    with caplog.at_level(logging.INFO, logger="nlu.client"):
        client.start()
        assert await client.wait_ready(5) is False
        with pytest.raises(NluUnavailable):
            await client.parse("em bị đánh")
    assert "nlu.load_failed error=FileNotFoundError" in caplog.text
    assert "secret-name" not in caplog.text and "em bị đánh" not in caplog.text


@pytest.mark.anyio
async def test_in_process_parse_before_start_is_unavailable():
    with pytest.raises(NluUnavailable):
        await InProcessNlu(Path("model.tar.gz")).parse("xin chào")


class FakeRasaServer:
    """httpx transport answering like `rasa run --enable-api`, or refusing when down."""

    def __init__(self, up: bool = True) -> None:
        self.up = up
        self.parsed: list[str] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        if not self.up:
            raise httpx.ConnectError("refused", request=request)
        if request.url.path == "/status":
            return httpx.Response(200, json={"model_file": "x.tar.gz"})
        if request.url.path == "/model/parse" and request.method == "POST":
            self.parsed.append(json.loads(request.content)["text"])
            return httpx.Response(200, json=RESULT)
        return httpx.Response(404)


def http_client(server: FakeRasaServer, url: str = "http://nlu:5005") -> HttpNlu:
    client = HttpNlu(url, transport=httpx.MockTransport(server.handle))
    client.RETRY_SECONDS = 0.01
    return client


@pytest.mark.anyio
@pytest.mark.parametrize(
    "url", ["http://nlu:5005", "http://nlu:5005/", "http://nlu:5005/model/parse"]
)
async def test_http_parses_and_never_sends_a_command(url):
    server = FakeRasaServer()
    client = http_client(server, url)
    client.start()
    assert await client.wait_ready(2)
    parses = [await client.parse("/start"), await client.parse("o Bac Lieu co nha tam lanh")]
    await client.close()
    assert server.parsed == ["start", "o Bac Lieu co nha tam lanh"]
    assert parses[1].entity("province") == "Cà Mau"


@pytest.mark.anyio
async def test_http_down_raises_unavailable_then_recovers():
    server = FakeRasaServer(up=False)
    client = http_client(server)
    client.start()
    assert await client.wait_ready(0.1) is False  # down
    with pytest.raises(NluUnavailable):
        await client.parse("xin chào")
    server.up = True
    assert await client.wait_ready(2)  # up again
    assert (await client.parse("xin chào")).intent == "find_services"
    server.up = False
    with pytest.raises(NluUnavailable):
        await client.parse("xin chào")
    assert client.ready is False  # a failed parse marks it down until it answers again
    await client.close()
