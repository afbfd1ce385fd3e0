"""Places as people name them: cities, towns, former districts and a pre-2008 province map to
their province since 1 July 2025, in free text, with or without accents, in either language."""

from __future__ import annotations

import csv

import pytest

from referral_db.places_build import PLACES_CSV
from referral_db.provinces import ProvinceMatch, current_provinces, lookup, resolve
from referral_db.seed import open_directory

with PLACES_CSV.open(encoding="utf-8", newline="") as f:
    PLACES = list(csv.DictReader(f))


@pytest.mark.parametrize(
    "text, province, place",
    [
        ("o nha trang", "Khánh Hòa", "Nha Trang"),
        ("Nha Trang có nhà tạm lánh không", "Khánh Hòa", "Nha Trang"),
        ("em ở Thủ Đức", "Hồ Chí Minh", "Thủ Đức"),
        ("em o thu duc", "Hồ Chí Minh", "Thủ Đức"),
        ("mình ở Đà Lạt", "Lâm Đồng", "Đà Lạt"),
        ("I'm in Dalat", "Lâm Đồng", "Dalat"),
        ("Hội An", "Đà Nẵng", "Hội An"),
        ("I'm staying in Hoi An", "Đà Nẵng", "Hội An"),
        ("em ở Vinh", "Nghệ An", "Vinh"),
        ("toi dang o vinh", "Nghệ An", "Vinh"),
        ("ở Buôn Ma Thuột", "Đắk Lắk", "Buôn Ma Thuột"),
        ("em o buon me thuot", "Đắk Lắk", "Buôn Mê Thuột"),
        ("tôi ở Biên Hòa, Đồng Nai", "Đồng Nai", None),  # the province itself wins
        ("nhà em ở Biên Hòa", "Đồng Nai", "Biên Hòa"),
        ("em ở Quy Nhơn", "Gia Lai", "Quy Nhơn"),
        ("ở Hà Đông", "Hà Nội", "Hà Đông"),
        ("quê em Hà Tây", "Hà Nội", "Hà Tây"),
        ("chồng em ở huyện Anh Sơn", "Nghệ An", "Anh Sơn"),
        ("tx Sa Pa", "Lào Cai", "Sa Pa"),
        ("em đang ở Phú Quốc", "An Giang", "Phú Quốc"),
    ],
)
def test_resolve_finds_the_province_of_a_place(text: str, province: str, place: str | None):
    match = resolve(text)
    assert match is not None and (match.province, match.place) == (province, place)


def test_a_place_in_a_merged_province_says_which_old_one():
    assert resolve("em ở Quy Nhơn") == ProvinceMatch("Gia Lai", "Bình Định", "Quy Nhơn")
    assert resolve("Hội An") == ProvinceMatch("Đà Nẵng", "Quảng Nam", "Hội An")
    assert resolve("o nha trang") == ProvinceMatch("Khánh Hòa", None, "Nha Trang")


@pytest.mark.parametrize(
    "text",
    [
        "anh Sơn đánh em",  # a brother's name, also a district of Nghệ An
        "vinh quang",  # "glory", also the city of Vinh
        "biến hóa khôn lường",  # "transform", also Biên Hòa
        "nha trang cua chi ay",  # "nhà Trang", Trang's house, unaccented
        "về nhà Trang chơi",  # the same, accented
        "thanh xuân của em",  # "youth", also a district of Hà Nội
        "cần giờ để suy nghĩ",  # "need time", also Cần Giờ
        "em muốn bình minh đến nhanh",  # "dawn", also a town in Vĩnh Long
        "xin chào",
    ],
)
def test_ordinary_words_are_not_places(text: str):
    assert resolve(text) is None


@pytest.mark.parametrize(
    "value, province",
    [
        ("Nha Trang", "Khánh Hòa"),
        ("nha trang", "Khánh Hòa"),
        ("Thủ Đức", "Hồ Chí Minh"),
        ("Ha Tay", "Hà Nội"),
        ("Thanh Hóa", "Thanh Hóa"),
    ],
)
def test_lookup_accepts_a_place_as_a_whole_value(value: str, province: str):
    match = lookup(value)
    assert match is not None and match.province == province


def test_places_table_is_sourced_and_points_at_current_provinces():
    provinces = set(current_provinces())
    kinds = {"city", "town", "old district", "pre-2008 province"}
    assert len(PLACES) > 600
    for row in PLACES:
        assert row["province"] in provinces, row
        assert row["kind"] in kinds and row["source"], row
        assert row["cue"] in {"never", "folded", "always"}, row


def test_search_and_the_bot_agree_on_places(tmp_path):
    """The CLI's --province and the bot both go through provinces: same province, same list."""
    directory = open_directory(tmp_path / "directory.db")
    by_place = directory.search(province="Nha Trang")
    match = resolve("em ở Nha Trang")
    assert match is not None
    assert [s.id for s in by_place] == [s.id for s in directory.search(province=match.province)]
    assert [s.province for s in by_place] == ["Khánh Hòa"]
