"""Province resolution from free text: current and legacy names, accents, abbreviations."""

from __future__ import annotations

import csv

import pytest

from referral_db.provinces import PROVINCES_CSV, ProvinceMatch, current_provinces, lookup, resolve


@pytest.mark.parametrize(
    "text, province, formerly",
    [
        ("o Bac Lieu co trung tam ho tro nao khong", "Cà Mau", "Bạc Liêu"),
        ("ở Bạc Liêu có trung tâm hỗ trợ nào không", "Cà Mau", "Bạc Liêu"),
        ("toi o hcm", "Hồ Chí Minh", None),
        ("Tôi ở TP HCM", "Hồ Chí Minh", None),
        ("em ở tphcm", "Hồ Chí Minh", None),
        ("mình ở Sài Gòn", "Hồ Chí Minh", None),
        ("nha em o sai gon", "Hồ Chí Minh", None),
        ("em o sg", "Hồ Chí Minh", None),
        ("I live in Ho Chi Minh City", "Hồ Chí Minh", None),
        ("em ở Vũng Tàu", "Hồ Chí Minh", "Bà Rịa - Vũng Tàu"),
        ("Ba Ria - Vung Tau", "Hồ Chí Minh", "Bà Rịa - Vũng Tàu"),
        ("toi o binh duong", "Hồ Chí Minh", "Bình Dương"),
        ("HÀ NỘI", "Hà Nội", None),
        ("toi o hn", "Hà Nội", None),
        ("I'm in Hanoi", "Hà Nội", None),
        ("Huế", "Huế", None),
        ("em o hue", "Huế", None),
        ("tỉnh Thừa Thiên Huế", "Huế", "Thừa Thiên Huế"),
        ("thua thien hue", "Huế", "Thừa Thiên Huế"),
        ("Đà Nẵng", "Đà Nẵng", None),
        ("tôi ở da nang", "Đà Nẵng", None),
        ("em ở Quảng Nam", "Đà Nẵng", "Quảng Nam"),
        ("Hải Phòng", "Hải Phòng", None),
        ("em o hai phong", "Hải Phòng", None),
        ("em ở Hải Dương", "Hải Phòng", "Hải Dương"),
        ("ở Lạng Sơn", "Lạng Sơn", None),
        ("lang son", "Lạng Sơn", None),
        ("LẠNG SƠN", "Lạng Sơn", None),
        ("em ở Hà Giang", "Tuyên Quang", "Hà Giang"),
        ("tinh Hoa Binh", "Phú Thọ", "Hòa Bình"),
        ("ở Hoà Bình", "Phú Thọ", "Hòa Bình"),  # old-style tone placement
        ("Thanh Hoá", "Thanh Hóa", None),
        ("dak lak", "Đắk Lắk", None),
        ("Daklak", "Đắk Lắk", None),
        ("em ở Cần Thơ", "Cần Thơ", None),
        ("Can Tho city", "Cần Thơ", None),
        ("em ở Sóc Trăng", "Cần Thơ", "Sóc Trăng"),
        ("help, I am in Kon Tum province", "Quảng Ngãi", "Kon Tum"),
        ("ở Bắc Kạn", "Thái Nguyên", "Bắc Kạn"),
        ("bac can", "Thái Nguyên", "Bắc Kạn"),
    ],
)
def test_resolve_finds_province_in_sentence(text: str, province: str, formerly: str | None):
    assert resolve(text) == ProvinceMatch(province, formerly)


@pytest.mark.parametrize(
    "text",
    [
        "em tên Huệ",  # a name, not Huế
        "nhà có hai phòng",  # two rooms, not Hải Phòng
        "nha co hai phong",
        "vết thương đã nặng",  # already serious, not Đà Nẵng
        "vet thuong da nang hon",
        "em cần thở",  # need to breathe, not Cần Thơ
        "em can tho mot chut",
        "ck đi làm đồng",  # works in the field, not Lâm Đồng
        "ck di lam dong roi",
        "diễn biến ngày càng tệ",  # "things are getting worse", not Điện Biên
        "em muon song hoa binh",  # peace, not Hòa Bình
        "muốn gia đình hòa bình",
        "hn em bị đánh",  # "hôm nay" typed hn
        "hello, can you help me?",
        "ck em danh em",
        "",
    ],
)
def test_resolve_ignores_ordinary_words(text: str):
    assert resolve(text) is None


def test_longest_name_wins():
    assert resolve("Bà Rịa - Vũng Tàu") == ProvinceMatch("Hồ Chí Minh", "Bà Rịa - Vũng Tàu")
    assert resolve("Thừa Thiên Huế") == ProvinceMatch("Huế", "Thừa Thiên Huế")


def test_current_provinces_are_the_34_in_the_csv():
    with PROVINCES_CSV.open(encoding="utf-8") as f:
        expected = [row["province"] for row in csv.DictReader(f)]
    assert current_provinces() == expected
    assert len(current_provinces()) == 34


def _legacy() -> list[tuple[str, str]]:
    with PROVINCES_CSV.open(encoding="utf-8") as f:
        return [
            (name.strip(), row["province"])
            for row in csv.DictReader(f)
            for name in row["merged_from"].split(";")
        ]


def test_there_are_63_legacy_names():
    assert len(_legacy()) == 63


@pytest.mark.parametrize("legacy, province", _legacy())
def test_every_legacy_name_resolves_with_and_without_accents(legacy: str, province: str):
    from vntext.forms import fold

    formerly = None if legacy == province else legacy
    assert resolve(legacy) == ProvinceMatch(province, formerly)
    assert resolve(f"em ở {fold(legacy)}") == ProvinceMatch(province, formerly)
    assert resolve(f"tôi đang ở {legacy.upper()} ạ") == ProvinceMatch(province, formerly)


@pytest.mark.parametrize(
    "value, expected",
    [("Cà Mau", "Cà Mau"), ("bac lieu", "Cà Mau"), ("TP HCM", "Hồ Chí Minh"), ("Huế", "Huế")],
)
def test_lookup_accepts_a_whole_name(value: str, expected: str):
    match = lookup(value)
    assert match is not None and match.province == expected


@pytest.mark.parametrize("value", ["Quận 1, HCM", "Atlantis", "ca"])
def test_lookup_rejects_anything_more_or_less(value: str):
    assert lookup(value) is None


def test_a_province_named_outright_wins_over_a_place_and_has_no_place():
    assert resolve("em ở Đồng Nai, gần Biên Hòa") == ProvinceMatch("Đồng Nai", None, None)
    assert resolve("tôi ở Bạc Liêu") == ProvinceMatch("Cà Mau", "Bạc Liêu", None)
