"""Write data/places.csv: the cities, towns and former districts people name, to their province.

Run by hand when the sources change, never by the bot (which reads only the CSV):

    pip install --no-deps vietnamadminunits==1.0.4
    python -m referral_db.places_build

The 696 districts of 1 July 2025's eve (and their type: city, town, urban or rural district)
come from the dataset inside the `vietnamadminunits` wheel (MIT, by Hieu Tran; its table
admin_units_legacy), read as plain SQLite so its own dependencies are not needed. Each goes to
its province since 1 July 2025 through data/provinces_2025.csv: whole provinces merged, none
was split, so a district's old province decides its new one. Hand-written rows (spellings
people type, a pre-2008 province) carry their own source in HAND_ROWS.
"""

from __future__ import annotations

import csv
import importlib.util
import sqlite3
from collections import defaultdict
from pathlib import Path

from vntext.forms import fold

DATA = Path(__file__).parent / "data"
PLACES_CSV = DATA / "places.csv"
FIELDS = ("place", "kind", "province", "formerly", "cue", "source")
SOURCE = "vietnamadminunits 1.0.4 (admin_units_legacy) + provinces_2025.csv"
KINDS = {"Thành phố": "city", "Thị xã": "town", "Quận": "old district", "Huyện": "old district"}
# Cities and towns known across the country, with names distinct enough to count without a
# place word before them when written with their accents ("Nha Trang" but not "nhà Trang";
# "Biên Hòa" but not "biến hóa"). Every other place needs a cue ("ở", "tại", "huyện", "in"...)
# or to be the whole message: a district name is often a person's name ("anh Sơn").
WELL_KNOWN = {
    "Nha Trang",
    "Đà Lạt",
    "Hội An",
    "Thủ Đức",
    "Buôn Ma Thuột",
    "Biên Hòa",
    "Quy Nhơn",
    "Hà Đông",
    "Vũng Tàu",
    "Hạ Long",
    "Pleiku",
    "Phan Thiết",
    "Phú Quốc",
    "Sa Pa",
    "Mỹ Tho",
    "Long Xuyên",
    "Rạch Giá",
    "Cam Ranh",
    "Tuy Hòa",
    "Đồng Hới",
    "Tam Kỳ",
    "Móng Cái",
    "Cẩm Phả",
    "Uông Bí",
    "Điện Biên Phủ",
    "Sầm Sơn",
    "Việt Trì",
    "Cửa Lò",
    "Châu Đốc",
    "Sóc Trăng",
    "Bạc Liêu",
    "Vị Thanh",
    "Thủ Dầu Một",
    "Dĩ An",
    "Thuận An",
    "Bà Rịa",
    "Phan Rang - Tháp Chàm",
    "Kon Tum",
    "Gia Nghĩa",
    "Bảo Lộc",
    "Đông Hà",
    "Cao Lãnh",
    "Sa Đéc",
    "Bến Tre",
    "Trà Vinh",
    "Tân An",
    "Đồng Xoài",
    "Cà Mau",
}
# (place, kind, province since 1 July 2025, formerly, cue, source)
HAND_ROWS = (
    (
        "Hà Tây",
        "pre-2008 province",
        "Hà Nội",
        "Hà Tây",
        "never",
        "Resolution 15/2008/QH12: Hà Tây joined Hà Nội on 1 August 2008",
    ),
    ("Dalat", "city", "Lâm Đồng", None, "never", "spelling of Đà Lạt"),
    ("Buôn Mê Thuột", "city", "Đắk Lắk", None, "never", "spelling of Buôn Ma Thuột"),
    ("Qui Nhơn", "city", "Gia Lai", "Bình Định", "never", "spelling of Quy Nhơn"),
    ("Halong", "city", "Quảng Ninh", None, "never", "spelling of Hạ Long"),
    ("Sapa", "town", "Lào Cai", None, "never", "spelling of Sa Pa"),
    (
        "Phan Rang",
        "city",
        "Khánh Hòa",
        "Ninh Thuận",
        "never",
        "short name of Phan Rang - Tháp Chàm",
    ),
)


def _dataset() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install --no-deps vietnamadminunits==1.0.4 first")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "dataset.db"


def _new_province() -> tuple[dict[str, str], set[str]]:
    """Old province -> province since 1 July 2025, and every province name (old and new)."""
    with (DATA / "provinces_2025.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    old_to_new = {
        old.strip(): row["province"] for row in rows for old in row["merged_from"].split(";")
    }
    return old_to_new, {fold(n) for n in old_to_new} | {fold(r["province"]) for r in rows}


def build() -> list[dict[str, str]]:
    old_to_new, province_names = _new_province()
    db = sqlite3.connect(f"file:{_dataset()}?mode=ro", uri=True)
    found = db.execute(
        "SELECT DISTINCT provinceShort, districtShort, districtType FROM admin_units_legacy"
    ).fetchall()
    by_name: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for old_province, district, kind in found:
        by_name[district].append((old_province, old_to_new[old_province], KINDS[kind]))
    rows = []
    for name, homes in sorted(by_name.items()):
        folded = fold(name)
        # A district named like a province ("Quảng Ninh" in Quảng Bình) would hide it.
        if folded in province_names:
            continue
        # Spelled the same in provinces that are now different: nobody can tell which.
        if len({fold(new) for _, new, _ in homes}) > 1:
            continue
        olds = {old for old, _, _ in homes}
        old, new, kind = homes[0]
        formerly = old if len(olds) == 1 and old != new else None
        rows.append(
            {
                "place": name,
                "kind": kind,
                "province": new,
                "formerly": formerly or "",
                "cue": "folded" if name in WELL_KNOWN else "always",
                "source": SOURCE,
            }
        )
    names = {fold(r["place"]) for r in rows}
    for place, kind, province, formerly, cue, source in HAND_ROWS:
        if fold(place) not in names:
            rows.append(
                {
                    "place": place,
                    "kind": kind,
                    "province": province,
                    "formerly": formerly or "",
                    "cue": cue,
                    "source": source,
                }
            )
    return rows


def main() -> None:
    rows = build()
    with PLACES_CSV.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} places written to {PLACES_CSV}")


if __name__ == "__main__":
    main()
