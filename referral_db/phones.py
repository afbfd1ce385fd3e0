"""Check and format Vietnamese phone numbers the way the directory stores them."""

from __future__ import annotations

import re

# Viet Nam's numbering plan: 3-digit emergency and hotline numbers (111 child protection,
# 112 search and rescue, 113 police, 114 fire, 115 ambulance); 1800 (free to the caller) and
# 1900 (charged) lines of 8 or 10 digits; 10-digit mobiles 03x/05x/07x/08x/09x; landlines of
# 11 digits, 02 + area code (e.g. 024 Hà Nội, 028 Hồ Chí Minh, 0237 Thanh Hóa) since the 2017
# renumbering; 10-digit 069 numbers on the Ministry of Public Security's own network (the MPS
# hotline 069 232 6555, baolaocai.vn).
_EMERGENCY = re.compile(r"11[1-5]")
_SERVICE_LINE = re.compile(r"(1800|1900)(\d{4}|\d{6})")
_MOBILE = re.compile(r"0[35789]\d{8}")
_LANDLINE = re.compile(r"02\d{9}")
_SHORT_AREA_CODES = ("024", "028")  # Hà Nội and Hồ Chí Minh; every other area code has 4 digits
_POLICE_NETWORK = re.compile(r"069\d{7}")
# Fictional numbers for demo rows: no real Vietnamese number starts 0000.
_DEMO = re.compile(r"0000\d{6}")
_SEPARATORS = re.compile(r"[\s.\-()]")


class PhoneError(ValueError):
    """Not a Vietnamese phone number."""


def _digits(raw: str) -> str:
    digits = _SEPARATORS.sub("", raw.strip())
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits


def format_phone(raw: str, *, demo: bool = False) -> str:
    """The number in the directory's spaced form, or PhoneError saying what is wrong.

    >>> format_phone("+84 912.345.678")
    '0912 345 678'
    """
    digits = _digits(raw)
    if _EMERGENCY.fullmatch(digits):
        return digits
    if _SERVICE_LINE.fullmatch(digits):
        return f"{digits[:4]} {digits[4:]}" if len(digits) == 8 else _split(digits, 4, 3, 3)
    if _DEMO.fullmatch(digits):
        if not demo:
            raise PhoneError(f"{raw!r} is a fictional demo number; only demo rows may use it")
        return _split(digits, 4, 3, 3)
    if _MOBILE.fullmatch(digits):
        return _split(digits, 4, 3, 3)
    if _LANDLINE.fullmatch(digits):
        if digits.startswith(_SHORT_AREA_CODES):
            return _split(digits, 3, 4, 4)  # 024 3942 1234
        return _split(digits, 4, 4, 3)  # 0237 3989 088: the area code stays whole
    if _POLICE_NETWORK.fullmatch(digits):
        return _split(digits, 3, 3, 4)
    raise PhoneError(
        f"{raw!r} is not a Vietnamese phone number (11x, 1800/1900 lines, "
        "10-digit mobiles, 11-digit landlines starting 02, 069 police lines)"
    )


def is_demo_number(formatted: str) -> bool:
    """Whether a formatted number is one of the fictional 0000 numbers."""
    return bool(_DEMO.fullmatch(_digits(formatted)))


def _split(digits: str, *sizes: int) -> str:
    parts, at = [], 0
    for size in sizes:
        parts.append(digits[at : at + size])
        at += size
    return " ".join(parts)
