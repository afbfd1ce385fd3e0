"""Row validation for the referral directory: phones, categories, places, flags."""

from __future__ import annotations

import pytest

from referral_db.phones import PhoneError, format_phone
from referral_db.validate import clean_row, slugify

GOOD = {
    "id": "shelter-x",
    "name_vi": "Nhà tạm lánh X",
    "category": "shelter",
    "province": "Lạng Sơn",
    "phones": "0205 3870 123",
}


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("113", "113"),
        ("111", "111"),
        ("1900 969 680", "1900 969 680"),
        ("1900969680", "1900 969 680"),
        ("1800 1567", "1800 1567"),
        ("1800.1567", "1800 1567"),
        ("0912345678", "0912 345 678"),
        ("+84 912 345 678", "0912 345 678"),
        ("84912345678", "0912 345 678"),
        ("(024) 3942-1234", "024 3942 1234"),
        ("0283 822 1234", "028 3822 1234"),
    ],
)
def test_format_phone_accepts_vietnamese_formats(raw: str, expected: str):
    assert format_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "12",
        "116",
        "1900 12",
        "0123456789",
        "091234567",
        "09123456789",
        "024 3942 123",
        "phone",
        "+1 555 123 4567",
        "0000 000 101",
    ],
)
def test_format_phone_rejects_others(raw: str):
    with pytest.raises(PhoneError):
        format_phone(raw)


def test_fictional_numbers_only_on_demo_rows():
    assert format_phone("0000 000 101", demo=True) == "0000 000 101"
    _, errors = clean_row({**GOOD, "phones": "0000 000 101"}, 2)
    assert [e.column for e in errors] == ["phones"]
    row, errors = clean_row(
        {**GOOD, "name_vi": "Nhà tạm lánh (demo) X", "phones": "0000 000 101", "demo": "yes"}, 2
    )
    assert errors == [] and row["demo"] == 1


def test_demo_rows_carry_no_real_number_and_say_demo():
    _, errors = clean_row({**GOOD, "name_vi": "Nhà tạm lánh (demo) X", "demo": "yes"}, 2)
    assert [e.column for e in errors] == ["phones"]
    _, errors = clean_row({**GOOD, "phones": "0000 000 101", "demo": "yes"}, 2)
    assert [e.column for e in errors] == ["name_vi"]


def test_clean_row_normalises():
    row, errors = clean_row(
        {
            **GOOD,
            "id": "",
            "province": "bac lieu",
            "phones": "0912345678; 113",
            "serves": "Women; children",
            "lat": "9.29",
            "lon": "105.72",
            "free": "YES",
            "last_verified": "2025-07-01",
        },
        2,
    )
    assert errors == []
    assert row["id"] == "nha-tam-lanh-x"
    assert row["province"] == "Cà Mau"
    assert row["phones"] == "0912 345 678; 113"
    assert row["serves"] == "women; children"
    assert (row["lat"], row["lon"], row["free"]) == (9.29, 105.72, "yes")
    assert (row["active"], row["demo"]) == (1, 0)


@pytest.mark.parametrize(
    "change, column",
    [
        ({"category": "spa"}, "category"),
        ({"province": "Atlantis"}, "province"),
        ({"province": ""}, "province"),  # only national hotlines have no province
        ({"name_vi": ""}, "name_vi"),
        ({"id": "Bad Id!"}, "id"),
        ({"phones": "12345"}, "phones"),
        ({"phones": "", "address": ""}, "phones"),
        ({"lat": "48.85", "lon": "2.35"}, "lat"),  # Paris
        ({"lat": "21.0"}, "lon"),
        ({"lat": "north", "lon": "105"}, "lat"),
        ({"free": "maybe"}, "free"),
        ({"active": "perhaps"}, "active"),
        ({"last_verified": "01/07/2025"}, "last_verified"),
        ({"serves": "cats"}, "serves"),
        ({"languages": "Vietnamese"}, "languages"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_clean_row_names_the_column_at_fault(change: dict, column: str):
    _, errors = clean_row({**GOOD, **change}, 7)
    assert [(e.row, e.column) for e in errors] == [(7, column)]
    assert str(errors[0]).startswith(f"row 7, column {column}: ")


def test_national_hotline_needs_no_province():
    _, errors = clean_row({**GOOD, "category": "hotline", "province": "", "phones": "111"}, 2)
    assert errors == []


def test_slugify_folds_vietnamese():
    assert slugify("Địa chỉ tin cậy Đà Nẵng") == "dia-chi-tin-cay-da-nang"
