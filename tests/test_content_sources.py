"""Every phone number, web address and law number the bot says is listed with its source.

Renders every message key in both languages, with representative params (every urgent
situation, every next_steps topic, minor, who...), and checks each reply against
docs/content-sources.md and the directory's seed files (referral_db/data/*.csv).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from bot.core.events import Reply
from bot.responses import LOCALES, Responses
from bot.responses.content.followups import TOPICS as NEXT_STEP_TOPICS
from bot.responses.content.urgent import SITUATIONS
from tests.test_responses import NEXT_TOPICS, PARAMS, PHONE
from tests.test_responses import SITUATIONS as TESTED_SITUATIONS

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "docs" / "content-sources.md"
SEED = ROOT / "referral_db" / "data"

# A web address as the bot writes it: "StopNCII.org", "takeitdown.ncmec.org", "https://...".
URL = re.compile(
    r"(?i)\b(?:https?://)?((?:[a-z0-9-]+\.)+(?:org|com|net|vn|gov|int|info|io|me|uk))\b"
)
# A Vietnamese law or decree number: 13/2022/QH15, 145/2020/NĐ-CP.
LAW = re.compile(r"\b\d{1,3}/\d{4}/(?:QH\d{2}|NĐ-CP|ND-CP)\b")


def digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def listed_numbers() -> set[str]:
    """Phone numbers in docs/content-sources.md (its tables) and in the seed CSVs."""
    numbers = {digits(n) for n in PHONE.findall(SOURCES.read_text(encoding="utf-8"))}
    for path in SEED.glob("*.csv"):
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for field in ("number", "phones"):
                    for phone in (row.get(field) or "").split(";"):
                        if phone.strip():
                            numbers.add(digits(phone))
    return numbers


def listed_domains() -> set[str]:
    return {d.lower() for d in URL.findall(SOURCES.read_text(encoding="utf-8"))}


def renders() -> list[tuple[str, str, dict[str, object], Reply]]:
    responses = Responses()
    out = []
    for key in responses.keys():
        for params in PARAMS.get(key, [{}]):
            for locale in LOCALES:
                out.append((key, locale, params, responses.render(key, locale, **params)))
    return out


RENDERS = renders()


def texts(reply: Reply) -> list[str]:
    return [reply.text, *(b.label for row in reply.buttons for b in row)]


def test_the_params_cover_every_situation_and_topic() -> None:
    assert set(TESTED_SITUATIONS) == set(SITUATIONS)
    assert set(NEXT_TOPICS) >= {
        "urgent",
        "suicide",
        "rape_now",
        "sexual_violence",
        "sexual_assault_recent",
        "report_abuse",
        "child_abuse",
        "trafficking",
        "online_abuse",
        "legal_info",
        "safety_planning",
        "emotional_support",
        "talk_to_human",
    }
    assert set(NEXT_STEP_TOPICS) >= set(NEXT_TOPICS) - {
        "find_services",
        "topic:divorce_custody",
        None,
    }
    for key in ("online_abuse", "topic:sextortion"):
        assert {p["minor"] for p in PARAMS[key]} == {True, False}
    for key in ("child_abuse", "sexual_assault_recent"):
        assert "child_self" in {p["who"] for p in PARAMS[key]}


def test_every_phone_number_is_listed_with_a_source() -> None:
    allowed = listed_numbers()
    unlisted = {
        (key, locale, number)
        for key, locale, _params, reply in RENDERS
        for text in texts(reply)
        for number in PHONE.findall(text)
        if digits(number) not in allowed
    }
    assert unlisted == set()


def test_every_web_address_is_listed_with_a_source() -> None:
    allowed = listed_domains()
    unlisted = {
        (key, locale, domain)
        for key, locale, _params, reply in RENDERS
        for text in texts(reply)
        for domain in URL.findall(text)
        if domain.lower() not in allowed
    }
    assert unlisted == set()


def test_every_law_number_is_listed() -> None:
    listed = set(LAW.findall(SOURCES.read_text(encoding="utf-8")))
    said = {
        (key, law)
        for key, _locale, _params, reply in RENDERS
        for law in LAW.findall(reply.text)
        if law not in listed
    }
    assert said == set()


@pytest.mark.parametrize(
    "text, numbers, domains",
    [
        ("call 113 or 1900 969 680", ["113", "1900 969 680"], []),
        ("096 306 1414 — Ngày Mai", ["096 306 1414"], []),
        (
            "StopNCII.org; Take It Down (takeitdown.ncmec.org)",
            [],
            ["StopNCII.org", "takeitdown.ncmec.org"],
        ),
        ("see https://example.com/x", [], ["example.com"]),
        ("Law 13/2022/QH15, 72 hours, e.g. this", [], []),
    ],
)
def test_the_patterns(text: str, numbers: list[str], domains: list[str]) -> None:
    assert PHONE.findall(text) == numbers
    assert URL.findall(text) == domains


def test_the_checks_catch_an_unsourced_number_and_site() -> None:
    assert "0912345678" not in listed_numbers()
    assert "example.com" not in listed_domains()


def test_each_listed_number_has_a_source() -> None:
    """Every row of the phone table names where the number comes from."""
    table = SOURCES.read_text(encoding="utf-8").split("## Phone numbers", 1)[1].split("##", 1)[0]
    rows = [r for r in table.splitlines() if r.startswith("| ") and not r.startswith("| number")]
    assert len(rows) >= 6
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert len(cells) == 3 and all(cells), row
