"""Tests for responses/: every key in both locales, a complete catalog, safe numbers, brevity."""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.core.events import Button, Reply
from bot.responses import LOCALES, Responses
from bot.responses.content import REGISTRY
from nlu import intents
from referral_db.service import Service

RESPONSES_DIR = Path(__file__).resolve().parent.parent / "bot" / "responses"
VI_PO = RESPONSES_DIR / "locales" / "vi" / "LC_MESSAGES" / "messages.po"
POT = RESPONSES_DIR / "messages.pot"

# The only numbers the bot may ever show: ../shared/reference/hotlines.csv (the Ngày Mai line
# 096 306 1414 is there, not in the directory's seed). Each is listed with its source in
# docs/content-sources.md, which tests/test_content_sources.py checks every reply against.
ALLOWED_NUMBERS = {"113", "114", "115", "111", "1900969680", "0963061414"}


def service(**fields: Any) -> Service:
    """A directory Service, the class the bot renders (referral_db/service.py), with plain
    defaults for what a test leaves out."""
    defaults: dict[str, Any] = {
        "commune": None,
        "address": None,
        "phones": (),
        "hours": None,
        "serves": "women",
        "languages": "vi",
        "lat": None,
        "lon": None,
        "free": "unknown",
        "notes_vi": None,
        "notes_en": None,
        "source": None,
        "last_verified": None,
        "active": True,
        "demo": False,
    }
    return Service(**{**defaults, **fields})


DEMO_PHONE = "0000 000 101"
SHELTER = service(
    id="demo-ls-shelter",
    name_vi="Nhà tạm lánh (demo) Lạng Sơn",
    name_en="Shelter (demo) Lạng Sơn",
    category="shelter",
    province="Lạng Sơn",
    address="Số 1 đường Mẫu, phường Mẫu",
    phones=(DEMO_PHONE,),
    hours="24/7",
    last_verified=date(2026, 3, 5),
    demo=True,
    distance_km=1.23,
)
REAL = service(
    id="police-113",
    name_vi="Công an (cảnh sát khẩn cấp)",
    name_en="Police emergency",
    category="police",
    province=None,
    phones=("113",),
    hours="24/7",
)


def five_services() -> list[Service]:
    return [
        service(
            id=f"demo-{i}",
            name_vi=f"Trung tâm hỗ trợ một cửa (demo) số {i}",
            name_en=f"One-stop centre (demo) no. {i}",
            category=cat,
            province="Cà Mau",
            address=f"Số {i} đường Mẫu, phường Mẫu, Cà Mau",
            phones=(f"0000 000 10{i}",),
            hours="7:30–17:00",
            last_verified=date(2026, 1, i),
            demo=True,
            distance_km=None,
        )
        for i, cat in enumerate(
            ["one_stop_centre", "shelter", "trusted_address", "counselling", "legal_aid", "x"],
            start=1,
        )
    ]


# Params for every key that takes some; keys not listed render with none.
SITUATIONS = ("violence", "suicide", "rape_now", "held", "someone_else", "child_self")
NEXT_TOPICS = (
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
    "find_services",
    "topic:divorce_custody",
    None,
)
PARAMS: dict[str, list[dict[str, object]]] = {
    "urgent": [
        {},
        {"injured": True},
        {"child": True},
        {"trafficking": True},
        {"injured": True, "child": True, "trafficking": True, "test": True},
        *(
            {
                "situation": situation,
                "injured": injured,
                "child": child,
                "abroad": abroad,
                "repeat": repeat,
                "test": test,
            }
            for situation in SITUATIONS
            for injured in (False, True)
            for child in (False, True)
            for abroad in (False, True)
            for repeat in (0, 1, 2)
            for test in (False, True)
        ),
        {"situation": "no such situation"},
    ],
    "next_steps": [{"topic": t} for t in NEXT_TOPICS],
    "clarify": [
        {},
        {"options": ("report_abuse", "legal_info")},
        {"options": ("sexual_violence", "emotional_support", "talk_to_human")},
        {"options": ("greet",)},
    ],
    "online_abuse": [{"minor": False}, {"minor": True}],
    "topic:sextortion": [{"minor": False}, {"minor": True}],
    "child_abuse": [{"who": "someone_else"}, {"who": "child_self"}, {"who": "self"}],
    "help_someone_else": [{"child": False}, {"child": True}],
    "sexual_assault_recent": [{"who": w} for w in ("self", "child_self", "someone_else")],
    "services": [
        {"services": [SHELTER], "national": [REAL], "province": None, "near": True},
        {
            "services": five_services(),
            "national": [REAL],
            "province": "Cà Mau",
            "formerly": "Bạc Liêu",
        },
        {"services": [REAL], "national": [], "province": "Hà Nội"},
    ],
    "no_services": [{"province": "Cà Mau", "formerly": "Bạc Liêu"}, {"province": None}],
    "consent_opened": [{"case_id": 12, "test": False}, {"case_id": 12, "test": True}],
    "consent_outside_hours": [{"hours": "08:00-22:00"}],
    "operator_card": [
        {
            "case_id": 12,
            "locale": "vi",
            "category": "urgent_help",
            "urgent": True,
            "opened_at": "2026-11-22T14:05:00+07:00",
            "test": True,
        },
        {
            "case_id": 7,
            "locale": "en",
            "category": "report_abuse",
            "urgent": False,
            "opened_at": "not a time",
            "test": False,
        },
    ],
    "operator_claimed": [{"case_id": 12, "by": "operator 1"}],
    "operator_closed": [{"case_id": 12}],
    "operator_realert": [{"case_id": 12, "minutes": 1}, {"case_id": 12, "minutes": 10}],
    "operator_relay_header": [{"case_id": 12}],
    "unsupported": [
        {"kind": k} for k in ("voice", "photo", "sticker", "document", "video", "other")
    ],
    "tester_trace": [
        {
            "intent": "report_abuse",
            "confidence": 0.873,
            "urgent": False,
            "services": ["demo-ls-shelter"],
        },
        {"intent": None, "confidence": None, "urgent": True, "services": []},
    ],
}


def all_renders(responses: Responses) -> list[tuple[str, str, dict[str, object], Reply]]:
    out = []
    for key in responses.keys():
        for params in PARAMS.get(key, [{}]):
            for locale in LOCALES:
                out.append((key, locale, params, responses.render(key, locale, **params)))
    return out


@pytest.fixture(scope="module")
def responses() -> Responses:
    return Responses()


@pytest.fixture(scope="module")
def renders(responses: Responses) -> list[tuple[str, str, dict[str, object], Reply]]:
    return all_renders(responses)


@pytest.fixture(scope="module")
def vi_catalog():
    with VI_PO.open("rb") as f:
        return read_po(f, locale="vi")


def texts(reply: Reply) -> list[str]:
    return [reply.text, *(b.label for row in reply.buttons for b in row)]


# ---- the key set ------------------------------------------------------------------------

# Intents answered by a key of their own name (nlu/intents.py); urgent_help gets "urgent" and
# find_services "ask_province" or "services" (tests/test_contracts.py checks every intent).
INTENTS = [i for i in intents.ALL if i not in ("urgent_help", "find_services")]
TOPICS = [
    "emergency_bag",
    "documents",
    "code_word",
    "safer_places",
    "during_incident",
    "sextortion",
    "stalkerware",
    "accounts",
    "impersonation",
    "doxxing",
    "scams",
    "bot_safety",
    "dv_law",
    "protection_orders",
    "report_police",
    "gender_equality_law",
    "legal_aid",
    "forms_of_violence",
    "action_month",
    "sv_72h",
    # issue 11
    "cyberstalking",
    "divorce_custody",
    "hotline_cost",
    "who_reads_messages",
    "men_victims",
    "harassment",
    "forced_marriage",
    "myths",
    "sixteen_days",
    "scams_abroad",
]
OTHER_KEYS = [
    "ask_safe",
    "not_now",
    "menu",
    "help",
    "urgent",
    "clarify",
    "nlu_loading",
    "ask_province",
    "services",
    "no_services",
    "consent_opened",
    "consent_outside_hours",
    "consent_test_nowhere",
    "consent_no",
    "realert_user",
    "counsellor_joined",
    "counsellor_left",
    "chat_ended",
    "relay_prefix",
    "operator_card",
    "operator_claimed",
    "operator_closed",
    "operator_realert",
    "operator_not_allowed",
    "operator_relay_header",
    "wiped",
    "privacy",
    "language_choose",
    "language_set",
    "unsupported",
    "group_decline",
    "flood",
    "error",
    "tester_trace",
    "start_test_mode",
    "stop_test_mode",
    "not_a_tester",
    # issue 11
    "sexual_assault_recent",
    "clarify_again",
    "next_steps",
    "learn",
]


@pytest.mark.parametrize("key", INTENTS + [f"topic:{t}" for t in TOPICS] + OTHER_KEYS)
def test_every_required_key_exists(key: str) -> None:
    assert key in Responses.keys()


def test_every_topic_button_leads_to_a_topic_key(renders) -> None:
    keys = set(Responses.keys())
    for key, _locale, _params, reply in renders:
        for row in reply.buttons:
            for b in row:
                if b.action.startswith("topic:"):
                    assert b.action in keys, (key, b.action)


def test_unknown_key_is_a_bug(responses: Responses) -> None:
    with pytest.raises(KeyError):
        responses.render("no_such_key", "vi")


@pytest.mark.parametrize(
    "asked, used", [("fr", "vi"), ("", "vi"), ("en-US", "en"), ("EN", "en"), ("vi_VN", "vi")]
)
def test_unknown_locale_falls_back_to_vietnamese(responses, asked: str, used: str) -> None:
    assert responses.render("menu", asked) == responses.render("menu", used)


def test_every_key_renders_in_both_locales(renders) -> None:
    assert {k for k, *_ in renders} == set(Responses.keys())
    for key, locale, _params, reply in renders:
        assert isinstance(reply, Reply)
        assert reply.text.strip(), (key, locale)
        for row in reply.buttons:
            assert row and all(isinstance(b, Button) and b.label and b.action for b in row)


# ---- the catalog ------------------------------------------------------------------------


def test_vietnamese_catalog_is_complete_and_not_fuzzy(vi_catalog) -> None:
    assert not vi_catalog.fuzzy
    problems = []
    for m in vi_catalog:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.fuzzy or not all(strings):
            problems.append(m.id)
    assert problems == []


def test_translations_keep_their_placeholders(vi_catalog) -> None:
    fields = re.compile(r"\{(\w*)\}")
    for m in vi_catalog:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = set(fields.findall(ids[-1]))
        for s in strings:
            assert set(fields.findall(s)) == wanted, m.id


def test_catalog_matches_the_source(vi_catalog) -> None:
    """The .pot and the .po hold exactly the msgids in the code: extract/update were run."""
    method_map = [("**.py", "python")]
    in_source = {
        msgid
        for _file, _line, msgid, _comments, _context in extract_from_dir(
            str(RESPONSES_DIR), method_map, comment_tags=("TRANSLATORS:", "SOURCE:")
        )
    }
    with POT.open("rb") as f:
        in_pot = {m.id for m in read_po(f) if m.id}
    in_po = {m.id for m in vi_catalog if m.id}
    assert in_source == in_pot
    assert in_source == in_po


def test_every_string_rendered_went_through_the_catalog(vi_catalog) -> None:
    """Spy on gettext while rendering everything: each msgid asked for is in the catalog."""
    asked: set[str] = set()
    responses = Responses()
    for ctx in responses._contexts.values():  # noqa: SLF001 - test-only spy
        object.__setattr__(ctx, "gettext", _spy(ctx.gettext, asked))
    all_renders(responses)
    in_po = {m.id if isinstance(m.id, str) else m.id[0] for m in vi_catalog if m.id}
    assert asked and asked <= in_po


def _spy(gettext, asked: set[str]):
    def spy(message: str) -> str:
        asked.add(message)
        return gettext(message)

    return spy


def test_vietnamese_renders_contain_no_untranslated_english(renders, vi_catalog) -> None:
    english = [m.id for m in vi_catalog if isinstance(m.id, str) and m.string != m.id]
    # Long msgids only: short ones such as "Menu" or "police" may legitimately recur.
    english = [e for e in english if len(e) > 25 and "{" not in e]
    for key, locale, _params, reply in renders:
        if locale != "vi" or key.startswith("operator_"):  # operator texts are bilingual
            continue
        for text in texts(reply):
            for e in english:
                assert e not in text, (key, e)


def content_files() -> list[Path]:
    return sorted((RESPONSES_DIR / "content").glob("*.py"))


def bare_strings(source: str) -> list[int]:
    """Lines where Reply text or a Button label is a literal rather than a gettext call."""
    offenders = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id not in ("Reply", "Button"):
            continue
        kw = {k.arg: k.value for k in node.keywords}
        arg = node.args[0] if node.args else kw.get("text") or kw.get("label")
        if isinstance(arg, ast.JoinedStr) or (
            isinstance(arg, ast.Constant)
            # Language names stay in their own language on the language buttons, by design.
            and arg.value not in ("Tiếng Việt", "English")
        ):
            offenders.append(node.lineno)
    return offenders


@pytest.mark.parametrize("path", content_files(), ids=lambda p: p.name)
def test_no_bare_strings_reach_reply_or_button(path: Path) -> None:
    """Reply text and Button labels come from gettext, never a literal typed in the code."""
    assert bare_strings(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source, lines",
    [
        ('Reply("Hello")', [1]),
        ('Reply(text="Hello")', [1]),
        ('x = 1\nButton(f"Case {x}", "menu")', [2]),
        ('Button(label="Claim", action="claim:1")', [1]),
        ('Reply(_("Hello"))', []),
        ('Button(_("Menu"), "menu")', []),
        ('Button("English", "lang:en")', []),
    ],
)
def test_the_static_check_catches_bare_strings(source: str, lines: list[int]) -> None:
    assert bare_strings(source) == lines


def test_source_comments_reach_the_template() -> None:
    with POT.open("rb") as f:
        pot = read_po(f)
    sourced = [m for m in pot if any(c.startswith("SOURCE:") for c in m.auto_comments)]
    ids = " ".join(m.id if isinstance(m.id, str) else m.id[0] for m in sourced)
    for fact in (
        "113",
        "1900 969 680",
        "111",
        "72 hours",
        "2022",
        "Gender Equality Law 2006",
        "25 November",
        "StopNCII.org",
    ):
        assert fact in ids, fact


# ---- urgent -----------------------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    "injured, child, trafficking",
    [
        (False, False, False),
        (True, False, False),
        (False, True, False),
        (False, False, True),
        (True, True, True),
    ],
)
def test_urgent_numbers(responses, locale, injured, child, trafficking) -> None:
    reply = responses.render(
        "urgent", locale, injured=injured, child=child, trafficking=trafficking
    )
    first_line = reply.text.splitlines()[0]
    assert "113" in first_line
    assert "1900 969 680" in reply.text
    assert ("115" in reply.text) == injured
    assert ("111" in reply.text) == (child or trafficking)
    actions = [b.action for row in reply.buttons for b in row]
    assert actions == ["consent:yes", "consent:no", "menu:services", "menu:wipe"]


@pytest.mark.parametrize("locale", LOCALES)
def test_urgent_test_mode_says_so(responses, locale: str) -> None:
    marker = {"vi": "THỬ NGHIỆM", "en": "TEST"}[locale]
    real = responses.render("urgent", locale).text
    test = responses.render("urgent", locale, test=True).text
    assert marker not in real
    assert test != real and marker in test


@pytest.mark.parametrize("locale", LOCALES)
def test_ask_hotline_lists_all_five_numbers(responses, locale: str) -> None:
    text = responses.render("ask_hotline", locale).text
    for number in ("113", "114", "115", "111", "1900 969 680"):
        assert number in text


# ---- numbers, length, tone --------------------------------------------------------------

PHONE = re.compile(
    r"(?<![\d#/:.,])"
    r"(1[89]00[ .]?\d{3}[ .]?\d{3}|1[89]00[ .]?\d{4}|0\d{2,3}[ .]?\d{3}[ .]?\d{3,4}|1\d\d)"
    r"(?!\d)(?![/:.,]\d)"
)


@pytest.mark.parametrize(
    "text, found",
    [
        ("gọi 113 ngay", ["113"]),
        ("call 1900 969 680 or 1900 1234", ["1900 969 680", "1900 1234"]),
        ("0912 345 678", ["0912 345 678"]),
        ("Case #12 · opened 14:05 22/11/2026", []),
        ("within 72 hours, Law 13/2022/QH15", []),
        ("cách 1,2 km", []),
        ("call 118", ["118"]),
        ("1900 numbers are usually charged; đầu số 1900", []),
        ("096 306 1414 — Ngày Mai", ["096 306 1414"]),
    ],
)
def test_phone_pattern(text: str, found: list[str]) -> None:
    assert PHONE.findall(text) == found


def test_no_phone_number_outside_the_allowed_set(renders) -> None:
    # Directory phones shown in a services list come from the data, not from this package.
    data_phones = {p.replace(" ", "") for s in [SHELTER, REAL, *five_services()] for p in s.phones}
    for key, locale, _params, reply in renders:
        for text in texts(reply):
            for number in PHONE.findall(text):
                digits = re.sub(r"\D", "", number)
                assert digits in ALLOWED_NUMBERS | data_phones, (key, locale, number)


def test_every_message_is_short(renders) -> None:
    for key, locale, _params, reply in renders:
        # A five-service list is the one long message: a directory listing, not prose.
        limit = 1300 if key == "services" else 700
        assert len(reply.text) <= limit, (key, locale, len(reply.text))


@pytest.mark.parametrize(
    "word", ["you must", "you should", "bạn phải", "why didn't you", "tại sao bạn không"]
)
def test_offer_dont_order(renders, word: str) -> None:
    for key, _locale, _params, reply in renders:
        assert word not in reply.text.lower(), key


# ---- specific messages ------------------------------------------------------------------


def test_main_menu_has_eight_actions_two_per_row(responses) -> None:
    reply = responses.render("menu", "vi")
    assert [len(r) for r in reply.buttons] == [2, 2, 2, 2]
    assert [b.action for r in reply.buttons for b in r] == [
        "menu:help",
        "menu:services",
        "menu:online",
        "menu:rights",
        "menu:human",
        "menu:learn",
        "menu:language",
        "menu:wipe",
    ]
    assert [b.label for r in reply.buttons for b in r][5] == "Tìm hiểu"


@pytest.mark.parametrize(
    "locale, yes, no",
    [("vi", "Có, an toàn", "Không, để sau"), ("en", "Yes, it's safe", "Not now")],
)
def test_ask_safe(responses, locale: str, yes: str, no: str) -> None:
    reply = responses.render("ask_safe", locale)
    assert "An Tâm" in reply.text
    assert [b.label for row in reply.buttons for b in row] == [yes, no]
    assert [b.action for row in reply.buttons for b in row] == ["safe:yes", "safe:no"]


def test_ask_province_offers_current_names_and_location(responses) -> None:
    reply = responses.render("ask_province", "vi")
    actions = [b.action for r in reply.buttons for b in r]
    for p in ("Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ"):
        assert f"prov:{p}" in actions
    assert reply.request_location
    assert "không được lưu" in reply.text


@pytest.mark.parametrize(
    "locale, distance, demo, formerly",
    [
        (
            "vi",
            "cách 1,2 km",
            "(dữ liệu mẫu — không phải dịch vụ thật)",
            "Cà Mau (gồm cả Bạc Liêu cũ)",
        ),
        (
            "en",
            "1.2 km away",
            "(demo data — not a real service)",
            "Cà Mau (including former Bạc Liêu)",
        ),
    ],
)
def test_services_formatting(responses, locale, distance, demo, formerly) -> None:
    near = responses.render("services", locale, services=[SHELTER], national=[], near=True).text
    assert distance in near and demo in near and DEMO_PHONE in near
    assert "confirm" not in near and "xác nhận" not in near  # a demo row is never "confirmed"
    assert "1900 969 680" in near and "113" in near and "111" in near
    listed = responses.render(
        "services",
        locale,
        services=five_services(),
        national=[],
        province="Cà Mau",
        formerly="Bạc Liêu",
    ).text
    assert formerly in listed
    assert listed.count(demo) == 5  # at most five, every demo row labelled
    assert "0000 000 106" not in listed


SUNSHINE = service(
    id="real-th-anh-duong-house",
    name_vi="Ngôi nhà Ánh Dương Thanh Hóa",
    name_en="Anh Duong (Sunshine) House, Thanh Hoa",
    category="one_stop_centre",
    province="Thanh Hóa",
    address="Số 1 đường Kín",
    phones=("1800 1744",),
    hours="24/7, miễn phí",
    hours_en="24/7, toll-free",
    confidential=True,
)


@pytest.mark.parametrize(
    "locale, service, expected",
    [
        ("vi", SUNSHINE, "từ một nguồn công khai không ghi ngày, chưa được xác nhận"),
        ("en", SUNSHINE, "from a public source with no date, not yet confirmed"),
        (
            "vi",
            replace(SUNSHINE, source_date="2025-11-01"),
            "từ một nguồn công khai ngày 01/11/2025, chưa được xác nhận",
        ),
        (
            "en",
            replace(SUNSHINE, source_date="2025-11-01"),
            "from a public source dated Nov 1, 2025, not yet confirmed",
        ),
        ("vi", replace(SUNSHINE, source_date="2022-04"), "ngày 04/2022, chưa được xác nhận"),
        ("en", replace(SUNSHINE, source_date="2022"), "dated 2022, not yet confirmed"),
        (
            "vi",
            replace(SUNSHINE, last_verified=date(2026, 12, 3)),
            "đã gọi điện xác nhận ngày 03/12/2026",
        ),
        (
            "en",
            replace(SUNSHINE, last_verified=date(2026, 12, 3)),
            "confirmed by phone on Dec 3, 2026",
        ),
    ],
)
def test_services_say_how_each_is_known(responses, locale, service, expected) -> None:
    text = responses.render("services", locale, services=[service], province="Thanh Hóa").text
    assert expected in text


@pytest.mark.parametrize("locale", LOCALES)
def test_services_never_show_a_confidential_address(responses, locale: str) -> None:
    text = responses.render("services", locale, services=[SUNSHINE], province="Thanh Hóa").text
    assert "Số 1 đường Kín" not in text and "1800 1744" in text
    no_phone = replace(SUNSHINE, phones=())
    text = responses.render("services", locale, services=[no_phone], province="Thanh Hóa").text
    assert "Số 1 đường Kín" not in text and "1900 969 680" in text


def test_services_never_show_bidi_controls_or_endless_fields(responses) -> None:
    odd = replace(SUNSHINE, confidential=False, name_vi="Nhà\u202e X\x00", address="a" * 296_000)
    text = responses.render("services", "vi", services=[odd], province="Thanh Hóa").text
    assert "\u202e" not in text and "\x00" not in text and len(text) < 2000


def test_services_in_english_show_english_hours(responses) -> None:
    text = responses.render("services", "en", services=[SUNSHINE], province="Thanh Hóa").text
    assert "24/7, toll-free" in text and "miễn phí" not in text
    text = responses.render("services", "vi", services=[SUNSHINE], province="Thanh Hóa").text
    assert "24/7, miễn phí" in text


def test_services_list_a_national_line(responses) -> None:
    national = service(
        id="police-113",
        name_vi="Công an",
        name_en="Police emergency",
        category="police",
        province=None,
        phones=("113",),
        hours="24/7",
        serves=None,
        languages=None,
        free="yes",
    )
    text = responses.render(
        "services", "en", services=[national], national=[national], province="Hà Nội"
    ).text
    assert "Police emergency — police\n113 · 24/7" in text


def test_services_does_not_label_real_rows_as_demo(responses) -> None:
    text = responses.render("services", "en", services=[REAL], national=[], province="Hà Nội").text
    assert "demo" not in text and "Police emergency" in text


@pytest.mark.parametrize("locale", LOCALES)
def test_operator_card_is_bilingual_and_anonymous(responses, locale: str) -> None:
    reply = responses.render(
        "operator_card",
        locale,
        case_id=12,
        locale="vi",
        category="urgent_help",
        urgent=True,
        opened_at="2026-11-22T14:05:00+07:00",
        test=True,
    )
    vi_line, en_line = reply.text.splitlines()
    assert en_line == (
        "[TEST] Case #12 · urgent · language: vi · category: urgent_help · opened 14:05 22/11/2026"
    )
    assert vi_line.startswith("[TEST] Yêu cầu #12 · khẩn cấp")
    assert [b.action for r in reply.buttons for b in r] == ["claim:12", "close:12"]


@pytest.mark.parametrize("minutes, en", [(1, "waited 1 minute"), (10, "waited 10 minutes")])
def test_operator_realert_plural(responses, minutes: int, en: str) -> None:
    text = responses.render("operator_realert", "vi", case_id=3, minutes=minutes).text
    assert en in text and f"đã chờ {minutes} phút" in text


@pytest.mark.parametrize(
    "locale, text", [("vi", "Đã xóa cuộc trò chuyện."), ("en", "Chat cleared.")]
)
def test_wiped_is_one_neutral_line(responses, locale: str, text: str) -> None:
    reply = responses.render("wiped", locale)
    assert reply.text == text and reply.buttons == ()


def test_relay_prefix(responses) -> None:
    assert responses.render("relay_prefix", "vi").text == "Tư vấn viên"
    assert responses.gettext("vi", "Counsellor") == "Tư vấn viên"
    assert responses.gettext("xx", "Counsellor") == "Tư vấn viên"
    assert responses.gettext("en", "Counsellor") == "Counsellor"


@pytest.mark.parametrize("locale", LOCALES)
def test_privacy_is_honest_about_encryption(responses, locale: str) -> None:
    text = responses.render("privacy", locale).text
    assert ("end-to-end" in text) or ("mã hóa đầu cuối" in text)
    assert "48" in text


def test_sextortion_names_stopncii(responses) -> None:
    for locale in LOCALES:
        assert "StopNCII.org" in responses.render("topic:sextortion", locale).text


def test_language_buttons(responses) -> None:
    reply = responses.render("language_choose", "en")
    assert reply.buttons == ((Button("Tiếng Việt", "lang:vi"), Button("English", "lang:en")),)


# ---- loading the catalogs ---------------------------------------------------------------


def test_loads_from_po_when_nothing_is_compiled(tmp_path: Path) -> None:
    target = tmp_path / "vi" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "messages.po").write_bytes(VI_PO.read_bytes())
    r = Responses(tmp_path)
    assert r.render("wiped", "vi").text == "Đã xóa cuộc trò chuyện."
    assert r.render("wiped", "en").text == "Chat cleared."  # no en catalog: msgids are English


def test_loads_a_compiled_mo(tmp_path: Path) -> None:
    from babel.messages.mofile import write_mo

    with VI_PO.open("rb") as f:
        catalog = read_po(f, locale="vi")
    for m in catalog:
        if m.id == "Chat cleared.":
            m.string = "Đã xóa (mo)."
    target = tmp_path / "vi" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "messages.mo").open("wb") as f:
        write_mo(f, catalog)
    assert Responses(tmp_path).render("wiped", "vi").text == "Đã xóa (mo)."


def test_fuzzy_entries_are_not_used(tmp_path: Path) -> None:
    text = VI_PO.read_text(encoding="utf-8").replace(
        'msgid "Chat cleared."', '#, fuzzy\nmsgid "Chat cleared."'
    )
    target = tmp_path / "vi" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "messages.po").write_text(text, encoding="utf-8")
    assert Responses(tmp_path).render("wiped", "vi").text == "Chat cleared."


def test_registry_is_the_public_key_set() -> None:
    assert Responses.keys() == tuple(sorted(REGISTRY))


# ---- labels the channel shows outside messages ------------------------------------------


def channel_msgids() -> list[str]:
    from bot.responses.content.channel import COMMAND_DESCRIPTIONS, LOCATION_LABEL

    return [d for _name, d in COMMAND_DESCRIPTIONS] + [LOCATION_LABEL]


@pytest.mark.parametrize("msgid", channel_msgids())
def test_channel_labels_are_translated(responses, msgid: str) -> None:
    assert responses.gettext("en", msgid) == msgid
    assert responses.gettext("vi", msgid) not in ("", msgid)


def test_the_telegram_adapter_only_uses_catalogued_labels(vi_catalog) -> None:
    application = pytest.importorskip("bot.channels.telegram.application")
    sending = pytest.importorskip("bot.channels.telegram.sending")
    in_po = {m.id for m in vi_catalog if isinstance(m.id, str)}
    labels = [d for _name, d in application.COMMAND_DESCRIPTIONS] + [sending.LOCATION_LABEL]
    assert [label for label in labels if label not in in_po] == []


# ---- issue 11: the person, not the category ----------------------------------------------

FIRST_NUMBER = {
    "violence": "113",
    "rape_now": "113",
    "held": "113",
    "someone_else": "113",
    "suicide": "115",
    "child_self": "111",
}


def actions(reply: Reply) -> list[str]:
    return [b.action for row in reply.buttons for b in row]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("situation", SITUATIONS)
@pytest.mark.parametrize("injured", [False, True])
def test_urgent_numbers_first_for_that_danger(responses, locale, situation, injured) -> None:
    for repeat in (0, 1, 2):
        reply = responses.render(
            "urgent", locale, situation=situation, injured=injured, repeat=repeat
        )
        first_line = reply.text.splitlines()[0]
        if situation == "held" and repeat == 1:
            assert first_line.startswith("111") and "113" in first_line
        else:
            assert FIRST_NUMBER[situation] in first_line, (repeat, first_line)
        assert "1900 969 680" in reply.text
        if injured and situation in ("violence", "rape_now", "child_self"):
            assert "115" in reply.text
        if situation == "suicide":
            assert ("113" in reply.text) == injured  # someone is hurting her too
        assert actions(reply) == ["consent:yes", "consent:no", "menu:services", "menu:wipe"]


@pytest.mark.parametrize("locale, kitchen", [("en", "kitchen"), ("vi", "bếp")])
def test_suicide_never_gets_the_kitchen_advice(responses, locale, kitchen) -> None:
    for params in PARAMS["urgent"]:
        if params.get("situation") == "suicide":
            text = responses.render("urgent", locale, **params).text
            assert kitchen not in text.lower()
    first = responses.render("urgent", locale, situation="suicide").text
    assert "096 306 1414" in first and "13:00–20:30" in first and "2022" in first
    assert first.splitlines()[0].startswith(
        {"en": "In danger now: call 115", "vi": "Nguy hiểm ngay lúc này: gọi 115"}[locale]
    )


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("situation", SITUATIONS)
def test_a_repeat_continues_and_never_repeats_itself(responses, locale, situation) -> None:
    replies = [
        responses.render("urgent", locale, situation=situation, repeat=n).text for n in range(4)
    ]
    for before, after in zip(replies, replies[1:]):
        assert before != after
    assert all(len(r) < len(replies[0]) for r in replies[1:])


@pytest.mark.parametrize(
    "locale, aftercare", [("en", ("72", "paper bag")), ("vi", ("72", "túi giấy"))]
)
def test_a_rape_now_is_danger_not_aftercare(responses, locale, aftercare) -> None:
    text = responses.render("urgent", locale, situation="rape_now").text
    assert text.splitlines()[0] == responses.render("urgent", locale).text.splitlines()[0]
    assert not any(word in text for word in aftercare)


@pytest.mark.parametrize("locale", LOCALES)
def test_held_abroad_says_the_numbers_are_viet_nam_numbers(responses, locale) -> None:
    text = responses.render("urgent", locale, situation="held", abroad=True).text
    first = text.splitlines()[0]
    assert "113" in first and "111" in first
    assert {"en": "Viet Nam numbers", "vi": "là số ở Việt Nam"}[locale] in first
    assert {"en": "Embassy", "vi": "Đại sứ quán"}[locale] in text


@pytest.mark.parametrize("locale, this_child", [("en", "this child"), ("vi", "em nhỏ")])
def test_an_adult_is_never_this_child(responses, locale, this_child) -> None:
    for key, params in (
        ("urgent", {"situation": "someone_else"}),
        ("help_someone_else", {"child": False}),
    ):
        text = responses.render(key, locale, **params).text
        assert this_child not in text.lower()
        assert "111" not in text
    assert "111" in responses.render("help_someone_else", locale, child=True).text
    assert "111" in responses.render("urgent", locale, situation="someone_else", child=True).text
    assert "this child" not in responses.render("child_abuse", "en").text


@pytest.mark.parametrize("locale", LOCALES)
def test_a_child_speaking_for_herself(responses, locale) -> None:
    for key, params in (
        ("urgent", {"situation": "child_self"}),
        ("child_abuse", {"who": "child_self"}),
    ):
        text = responses.render(key, locale, **params).text
        assert text.index("111") < text.index("113")
        assert {"en": "yourself", "vi": "tự gọi"}[locale] in text
        assert {"en": "not your fault", "vi": "không phải lỗi của bạn"}[locale] in text
        assert {"en": "Thank you for looking out", "vi": "quan tâm đến"}[locale] not in text


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("key", ["online_abuse", "topic:sextortion"])
def test_under_18_gets_take_it_down_never_stopncii(responses, locale, key) -> None:
    minor = responses.render(key, locale, minor=True).text
    assert "takeitdown.ncmec.org" in minor and "StopNCII" not in minor
    adult = responses.render(key, locale, minor=False).text
    assert "StopNCII.org" in adult and "18" in adult and "takeitdown.ncmec.org" in adult
    assert {"en": "partner", "vi": "đối tác"}[locale] in adult


def test_every_survivor_intent_has_a_clarify_label(responses) -> None:
    from bot.responses.content.general import intent_label

    survivor = [
        "report_abuse",
        "sexual_violence",
        "online_abuse",
        "digital_safety_tips",
        "find_services",
        "ask_hotline",
        "legal_info",
        "safety_planning",
        "child_abuse",
        "trafficking",
        "help_someone_else",
        "emotional_support",
        "learn_about_gbv",
        "talk_to_human",
        "urgent_help",
    ]
    for locale in LOCALES:
        ctx = responses._contexts[locale]  # noqa: SLF001 - the label table itself
        labels = [intent_label(ctx, i) for i in survivor]
        assert all(labels) and len(set(labels)) == len(labels)


@pytest.mark.parametrize(
    "locale, label", [("en", "Someone is hurting me"), ("vi", "Có người làm hại mình")]
)
def test_clarify_offers_her_likeliest_needs(responses, locale, label) -> None:
    reply = responses.render("clarify", locale, options=("report_abuse", "legal_info"))
    assert actions(reply) == ["pick:report_abuse", "pick:legal_info", "menu"]
    assert reply.buttons[0][0].label == label
    assert "113" in reply.text
    assert responses.render("clarify", locale).buttons == responses.render("menu", locale).buttons


@pytest.mark.parametrize("locale", LOCALES)
def test_clarify_again_offers_a_person_and_the_numbers(responses, locale) -> None:
    reply = responses.render("clarify_again", locale)
    assert "menu:human" in actions(reply)
    for number in ("113", "1900 969 680", "111"):
        assert number in reply.text
    assert reply.text != responses.render("clarify", locale).text


FIRST_REPLY = {
    "urgent": ("urgent", {}),
    "suicide": ("urgent", {"situation": "suicide"}),
    "rape_now": ("urgent", {"situation": "rape_now"}),
    "sexual_violence": ("sexual_violence", {}),
    "sexual_assault_recent": ("sexual_assault_recent", {}),
    "report_abuse": ("report_abuse", {}),
    "child_abuse": ("child_abuse", {}),
    "trafficking": ("trafficking", {}),
    "online_abuse": ("online_abuse", {}),
    "legal_info": ("legal_info", {}),
    "safety_planning": ("safety_planning", {}),
    "emotional_support": ("emotional_support", {}),
    "talk_to_human": ("talk_to_human", {}),
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("topic", sorted(FIRST_REPLY))
def test_next_steps_moves_forward(responses, locale, topic) -> None:
    key, params = FIRST_REPLY[topic]
    first = responses.render(key, locale, **params)
    step = responses.render("next_steps", locale, topic=topic)
    assert step.text != first.text
    generic = responses.render("next_steps", locale, topic="no such topic").text
    assert step.text != generic
    # a way forward: a number, or a person
    assert re.search(r"\b(113|115|111)\b|1900 969 680", step.text) or "menu:human" in actions(step)


@pytest.mark.parametrize("locale", LOCALES)
def test_talk_to_human_follow_up_gives_the_24_7_numbers(responses, locale) -> None:
    text = responses.render("next_steps", locale, topic="talk_to_human").text
    for number in ("113", "1900 969 680", "111"):
        assert number in text


def test_learn_reaches_every_awareness_page(responses) -> None:
    from bot.responses.content.topics import AWARENESS

    reply = responses.render("learn", "vi")
    assert [a for a in actions(reply) if a.startswith("topic:")] == [
        f"topic:{n}" for n in AWARENESS
    ]
    assert {
        "forms_of_violence",
        "action_month",
        "myths",
        "sixteen_days",
        "harassment",
        "forced_marriage",
        "men_victims",
    } <= set(AWARENESS)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("key", ["out_of_scope", "flood", "unsupported", "clarify"])
def test_no_dead_end_without_the_emergency_number(responses, locale, key) -> None:
    assert "113" in responses.render(key, locale).text


@pytest.mark.parametrize("locale", LOCALES)
def test_ask_hotline_order(responses, locale) -> None:
    text = responses.render("ask_hotline", locale).text
    positions = [text.index(n) for n in ("113", "1900 969 680", "111", "115", "114")]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    "locale, unknown", [("en", "don't know for sure"), ("vi", "chưa biết chắc")]
)
def test_hotline_cost_is_honest(responses, locale, unknown) -> None:
    text = responses.render("topic:hotline_cost", locale).text
    assert unknown in text and "1900 969 680" in text
    for number in ("113", "115", "111"):
        assert number in text


LEGAL_PAGES = [
    "topic:dv_law",
    "topic:protection_orders",
    "topic:report_police",
    "topic:gender_equality_law",
    "topic:legal_aid",
    "topic:divorce_custody",
    "topic:forced_marriage",
    "topic:cyberstalking",
    "legal_info",
]


@pytest.mark.parametrize(
    "locale, words", [("en", "not legal advice"), ("vi", "không phải tư vấn pháp lý")]
)
@pytest.mark.parametrize("key", LEGAL_PAGES)
def test_every_legal_page_says_not_legal_advice(responses, key, locale, words) -> None:
    assert words in responses.render(key, locale).text


def test_online_safety_shows_image_abuse_deepfakes_and_doxxing(responses) -> None:
    topics = actions(responses.render("digital_safety_tips", "vi"))
    for name in ("sextortion", "impersonation", "doxxing", "cyberstalking"):
        assert f"topic:{name}" in topics


@pytest.mark.parametrize(
    "key, locale, wrong",
    [
        ("topic:protection_orders", "en", "emergency help"),
        ("topic:protection_orders", "vi", "cấp cứu"),
        ("topic:documents", "en", "household"),
        ("topic:documents", "vi", "hộ khẩu"),
        ("topic:dv_law", "en", "people living together"),
        ("topic:action_month", "vi", "phụ nữ, trẻ em gái"),
        ("topic:sv_72h", "vi", "trạm y tế"),
        ("sexual_violence", "vi", "trạm y tế"),
        ("help_someone_else", "vi", "bạn ấy"),
        ("topic:accounts", "vi", "mọi phiên"),
        ("digital_safety_tips", "vi", "lời hỏi tiền"),
    ],
)
def test_review_corrections_stay_corrected(responses, key, locale, wrong) -> None:
    assert wrong not in responses.render(key, locale).text


def test_the_2025_theme_in_its_official_wording(responses) -> None:
    text = responses.render("topic:action_month", "vi").text
    assert "an toàn cho phụ nữ và trẻ em gái trong kỷ nguyên số" in text
