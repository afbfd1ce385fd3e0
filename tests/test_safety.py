"""The deterministic safety screen: each danger family flags, everyday idioms do not."""

from __future__ import annotations

import pytest

from bot.core.safety import REASONS, Urgency, screen

# (message, family). Each family: with diacritics, without, chat abbreviations, English.
POSITIVES = [
    # violence_now
    ("chồng tôi đang đánh tôi", "violence_now"),
    ("chong toi dang danh toi", "violence_now"),
    ("ck dg danh e", "violence_now"),
    ("he is hitting me right now", "violence_now"),
    ("anh ta sắp đánh em", "violence_now"),
    ("em đang bị chồng đánh", "violence_now"),
    ("help!! ck đang đấm đá e túi bụi", "violence_now"),
    ("my husband is beating me", "violence_now"),
    ("he's going to hurt me", "violence_now"),
    ("cứu em với", "violence_now"),
    ("em đang trốn trong nhà vệ sinh", "violence_now"),
    ("he is breaking down the door", "violence_now"),
    ("i'm being attacked", "violence_now"),
    # threat_to_kill
    ("nó dọa giết em", "threat_to_kill"),
    ("no doa giet e", "threat_to_kill"),
    ("he said he will kill me", "threat_to_kill"),
    ("t giết m", "threat_to_kill"),
    ("anh ta nói sẽ giết cả nhà em", "threat_to_kill"),
    ("tao giết mày", "threat_to_kill"),
    ("he threatened to kill me", "threat_to_kill"),
    ("ck e doa se giet e neu e bo di", "threat_to_kill"),
    ("my ex says he's going to kill me", "threat_to_kill"),
    ("nó dọa tạt axit em", "threat_to_kill"),
    # weapon
    ("anh ta cầm dao", "weapon"),
    ("no cam dao doa em", "weapon"),
    ("he has a knife", "weapon"),
    ("he has a gun", "weapon"),
    ("nhà nó có súng", "weapon"),
    ("nó cầm dao chém", "weapon"),
    ("ck cam con dao di vao phong", "weapon"),
    ("he is pointing a gun at me", "weapon"),
    ("ex của em đang đứng trước nhà với con dao", "weapon"),
    ("anh ta vác mã tấu sang nhà", "weapon"),
    # locked_in
    ("em bị nhốt trong phòng", "locked_in"),
    ("bi nhot", "locked_in"),
    ("he locked me in", "locked_in"),
    ("chồng không cho em ra khỏi nhà", "locked_in"),
    ("em đang bị giam ở nhà anh ta", "locked_in"),
    ("ck nhot e trong nha tu hom qua", "locked_in"),
    ("he won't let me leave the house", "locked_in"),
    ("anh ta lock em trong phòng r", "locked_in"),
    ("i'm trapped in the bedroom", "locked_in"),
    # injury
    ("em chảy máu nhiều lắm", "injury"),
    ("chay mau", "injury"),
    ("em bị gãy tay rồi", "injury"),
    ("mẹ em bất tỉnh rồi", "injury"),
    ("i'm bleeding", "injury"),
    ("I can't breathe", "injury"),
    ("nó bóp cổ em", "injury"),
    ("ck bop co e", "injury"),
    ("he choked me", "injury"),
    ("em không thở được", "injury"),
    # suicide_self_harm
    ("em muốn chết", "suicide_self_harm"),
    ("muon chet", "suicide_self_harm"),
    ("tôi không muốn sống nữa", "suicide_self_harm"),
    ("tôi muốn tự tử", "suicide_self_harm"),
    ("e dinh tu tu", "suicide_self_harm"),
    ("em đã rạch tay", "suicide_self_harm"),
    ("I want to kill myself", "suicide_self_harm"),
    ("i want to end my life", "suicide_self_harm"),
    ("I want to die", "suicide_self_harm"),
    ("thinking about self harm again", "suicide_self_harm"),
    ("em vừa uống thuốc ngủ", "suicide_self_harm"),
    ("mệt muốn chết, mà em muốn chết thật", "suicide_self_harm"),
    # child_danger
    ("nó đang đánh con tôi", "child_danger"),
    ("con bé đang bị bố nó đánh", "child_danger"),
    ("my kid is in danger", "child_danger"),
    ("ông ta đang xâm hại cháu", "child_danger"),
    ("ck dg danh con", "child_danger"),
    ("no dang danh be", "child_danger"),
    ("he is hitting my son", "child_danger"),
    ("my daughter is being abused", "child_danger"),
    ("bố say rượu đang lôi em gái con ra sân đánh", "child_danger"),
    # trafficking_now
    ("em bị bán sang trung quốc", "trafficking_now"),
    ("bi ban sang tq", "trafficking_now"),
    ("em bị giữ hộ chiếu không cho về", "trafficking_now"),
    ("they took my passport and won't let me leave", "trafficking_now"),
    ("e bi ep tiep khach", "trafficking_now"),
    ("mk bị lừa qua Lào làm, không cho về", "trafficking_now"),
    ("i'm being sold to a man in china", "trafficking_now"),
    ("em bị bắt cóc", "trafficking_now"),
    # rape_now
    ("anh ta đang cưỡng ép em quan hệ", "rape_now"),
    ("no dang ep em lam chuyen do", "rape_now"),
    ("ck đag ép e qh", "rape_now"),
    ("he is raping me", "rape_now"),
    ("he's forcing me", "rape_now"),
    ("i'm being raped", "rape_now"),
    ("nó đang lột đồ em", "rape_now"),
    ("anh ta dang co hiep dam em", "rape_now"),
    # followed
    ("em đang bị bám theo", "followed"),
    ("em bi mot thang la bam theo tu cho ve", "followed"),
    ("I'm being followed", "followed"),
    ("my ex has been following me since I left work and he's outside my building now", "followed"),
    ("bị theo dõi bám theo", "followed"),
    ("chong cu dang dung ngoai cong nha em", "followed"),
    ("someone is following me", "followed"),
    ("he followed me home and is outside", "followed"),
]

NEGATIVES = [
    "phim này đánh nhau hay quá",
    "phim nay danh nhau hay qua",
    "I could kill for a coffee",
    "chết cười với bạn này",
    "chet cuoi voi ban nay",
    "đánh răng xong rồi",
    "đánh giá dịch vụ",
    "muốn chết đói vì chờ cơm",
    "đói muốn chết",
    "this movie is killing me",
    "con dao này cắt rau rất bén",
    "làm sao để giết thời gian",
    "em muốn học võ tự vệ",
    "mệt muốn chết",
    "met muon chet",
    "đánh bài với bạn",
    "em đang đánh máy",
    "mẹ đánh thức em dậy lúc 6 giờ",
    "chiều nay đi đánh cầu lông",
    "đánh son màu gì đẹp",
    "từ từ thôi em",
    "dạo này anh ta hay dọa bỏ em",
    "chồng tôi đang dành tiền mua nhà",
    "em bị cắm sừng",
    "em bị giảm lương",
    "bi giam luong thang nay",
    "cứ từ từ rồi tính",
    "chạy mau đi em",
    "em đánh rơi điện thoại",
    "tôi không muốn sống với chồng nữa",
    "em bị bạn trai đánh hôm qua",
    "hôm qua anh ta đánh em",
    "can my husband take the kids if i leave",
    "my boss keeps hitting on me",
    "where is the nearest shelter",
    "xin chào",
    "tư vấn pháp lý ly hôn",
    "em bị hiếp dâm khi đi chơi về khuya",  # a disclosure for the NLU, not a weapon
    "số điện thoại đường dây nóng là gì",
    "this exam will kill me",
    "i'm dying to see you",
    "she is hurting so much after the divorce",
    "cắt tay áo cho ngắn",
    "treo cờ ngày quốc khánh",
    "giết con gián trong bếp",
    "đang đánh cờ với bố",
    "chém gió thôi mà",
    "",
]


def test_every_family_has_at_least_eight_positives():
    counts = {reason: sum(1 for _, r in POSITIVES if r == reason) for reason in REASONS}
    assert all(n >= 8 for n in counts.values()), counts


@pytest.mark.parametrize("text,reason", POSITIVES)
def test_danger_is_flagged_with_its_family(text, reason):
    urgency = screen(text)
    assert urgency.is_urgent
    assert reason in urgency.reasons


@pytest.mark.parametrize("text", NEGATIVES)
def test_everyday_idioms_and_past_disclosures_are_not_urgent(text):
    assert screen(text) == Urgency.NOT_URGENT


@pytest.mark.parametrize(
    "text,injured,child,trafficking",
    [
        ("nó bóp cổ em, em chảy máu nhiều", True, False, False),
        ("nó đang đánh con tôi", False, True, False),
        ("em bị bán sang trung quốc", False, False, True),
        ("he has a knife", False, False, False),
    ],
)
def test_properties_choose_the_extra_numbers(text, injured, child, trafficking):
    urgency = screen(text)
    assert (urgency.injured, urgency.child, urgency.trafficking) == (injured, child, trafficking)


def test_reasons_come_in_a_stable_order():
    urgency = screen("he has a knife and he is hitting me, i'm bleeding")
    assert urgency.reasons == ("violence_now", "weapon", "injury")
    assert list(urgency.reasons) == [r for r in REASONS if r in urgency.reasons]


def test_combined_with_the_model():
    assert Urgency.NOT_URGENT.combined(False) == Urgency.NOT_URGENT
    assert Urgency.NOT_URGENT.combined(True).is_urgent
    flagged = screen("ck dg danh e")
    assert flagged.combined(False) == flagged


def test_diacritics_and_their_absence_agree():
    assert screen("chồng tôi đang đánh tôi") == screen("chong toi dang danh toi")


def test_screen_is_pure():
    text = "nó dọa giết em"
    assert screen(text) == screen(text)
    assert text == "nó dọa giết em"
