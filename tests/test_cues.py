"""Pages she asks for by name and follow-ups, in every way people write them."""

from __future__ import annotations

import pytest

from bot.core.cues import child, filler, followup, home, sexual, topic


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1900 969 680 có mất tiền không ạ", "hotline_cost"),
        ("goi tong dai do co mat phi ko", "hotline_cost"),
        ("is the hotline free to call?", "hotline_cost"),
        ("chồng em có đọc được tin nhắn em nhắn ở đây không", "who_reads_messages"),
        ("can he read my messages here?", "who_reads_messages"),
        ("em muốn ly hôn và giành quyền nuôi con", "divorce_custody"),
        ("can i get custody of my kids if i leave", "divorce_custody"),
        ("bố mẹ ép em lấy chồng năm 16 tuổi", "forced_marriage"),
        ("sếp hay sàm sỡ em ở công ty", "harassment"),
        ("someone groped me on the bus", "harassment"),
        ("tôi là đàn ông, bị vợ đánh thì có ai giúp không", "men_victims"),
        ("có người rủ em sang Campuchia làm việc nhẹ lương cao", "scams_abroad"),
        ("16 ngày hành động là gì vậy", "sixteen_days"),
        ("chuyện nhà đóng cửa bảo nhau có đúng không", "myths"),
        ("chồng em đánh em", None),
        ("xin chào", None),
    ],
)
def test_pages_named_in_her_words(text: str, expected: str | None) -> None:
    assert topic(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("giờ em phải làm gì", "what_now"),
        ("gio e phai lam j", "what_now"),
        ("what do i do now?", "what_now"),
        ("em có nên đi khám không", "see_doctor"),
        ("should i go to the hospital", "see_doctor"),
        ("alo có ai không", "anyone_there"),
        ("alo", "anyone_there"),
        ("hello? anyone there?", "anyone_there"),
        ("chồng em đánh em", None),
        (
            "Chị ơi em kể chuyện dài lắm, chồng em mỗi lần say về là đánh em, giờ em phải làm gì",
            None,
        ),
    ],
)
def test_follow_ups(text: str, expected: str | None) -> None:
    assert followup(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("nó đang cưỡng ép em quan hệ", True),
        ("I was raped last night", True),
        ("bị hiếp dâm", True),
        ("chồng em đánh em", False),
    ],
)
def test_sexual_violence_words(text: str, expected: bool) -> None:
    assert sexual(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("con hàng xóm bị bố nó đánh", True),
        ("my daughter is 14", True),
        ("bé 8 tuổi nhà bên", True),
        ("mẹ em ở Hàn bị chồng đánh", False),
        ("chị gái em 30 tuổi", False),
    ],
)
def test_a_child_is_named(text: str, expected: bool) -> None:
    assert child(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hmm", True),
        ("ờm thì", True),
        ("ừm...", True),
        ("uhh", True),
        ("à thì là", True),
        ("like umm idk", True),
        ("well i dunno", True),
        ("idk what to do", False),
        ("so my husband", False),
        ("hmm chồng em", False),
        ("ok", False),
        ("em ơi", False),
        ("", False),
    ],
)
def test_hesitation_alone_says_nothing_yet(text: str, expected: bool) -> None:
    assert filler(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bố em đang đánh mẹ em", True),
        ("me ke em hay chui em", True),
        ("my dad is hitting my mom", True),
        ("my stepdad locked me in", True),
        ("chồng em đánh em", False),
        ("my boyfriend hit me", False),
    ],
)
def test_her_own_family_is_named(text: str, expected: bool) -> None:
    assert home(text) is expected
