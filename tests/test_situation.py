"""Who is in the situation and when: her, her as a child, someone else; now, recent, past."""

from __future__ import annotations

import pytest

from bot.core.situation import abroad, is_minor, sexual_assault_recent, who
from bot.core.timing import dated_past_only, when

# (message, who). Every style: accented, unaccented, teen-code, English, mixed.
WHO = [
    # self: the writer, an adult or age not told
    ("chồng em lại đang say rượu đánh em", "self"),
    ("chong toi danh toi suot 3 nam nay", "self"),
    ("ck e đag đánh e", "self"),
    ("my husband hits me when he drinks", "self"),
    ("em bị người yêu nhốt trong phòng trọ", "self"),
    ("bố chồng đánh em vì em sinh con gái", "self"),  # in-laws: a grown woman's family
    ("mẹ chồng chửi em suốt ngày", "self"),
    ("chồng em đánh em trước mặt mẹ em", "self"),
    ("bạn trai em đánh em", "self"),
    ("ny e doa se giet e", "self"),
    ("i'm being followed by my ex", "self"),
    ("em 25 tuổi, chồng em hay đánh em", "self"),
    ("ex của em cứ nhắn tin threaten em", "self"),
    ("em muốn chết", "self"),
    ("I want to die", "self"),
    ("xin chào", "self"),
    ("tôi lấy chồng được 15 năm rồi", "self"),
    ("em bị bán sang Trung Quốc, họ giữ giấy tờ không cho em về", "self"),
    # child_self: the writer is under 18 and speaks about herself
    ("em 13 tuổi, bố em hay đánh em bằng roi mỗi khi say", "child_self"),
    ("em hoc lop 8, bo duong dang danh em", "child_self"),
    ("e 14t, mẹ kế nhốt e trong nhà kho k cho ăn", "child_self"),
    ("I'm 15 and my stepdad touches me when mom is at work", "child_self"),
    ("im 14 and my dad hits me", "child_self"),
    ("em học cấp 2, thầy giáo sàm sỡ em", "child_self"),
    ("thay giao cu dong cham em", "child_self"),
    ("bố dượng em sờ mó em mỗi tối", "child_self"),
    ("em năm nay 16 tuổi, bạn trai cũ dọa tung ảnh của em", "child_self"),
    ("em sinh năm 2012, bố em đánh em", "child_self"),
    ("e 2k10, bị ny cũ dọa tung ảnh", "child_self"),
    ("mình mới 12 tuổi, mẹ kế hay đánh mình", "child_self"),
    ("i'm in high school and my teacher keeps touching me", "child_self"),
    ("con 13 tuổi, bố đánh con đau lắm", "child_self"),
    # someone_else: she writes about another person
    ("mẹ em đang bị bố đánh", "someone_else"),
    ("mẹ e đag bị bố đánh ở quê, e ở hn ko về dc", "someone_else"),
    ("chong cua chi gai toi dang danh chi ay, toi phai lam sao", "someone_else"),
    ("my daughter's boyfriend is beating her right now, she called me crying", "someone_else"),
    ("bé nhà hàng xóm đang bị bố nó đánh, khóc thét lên", "someone_else"),
    ("con hàng xóm bị bố dượng đánh suốt", "someone_else"),
    ("bạn em bị chồng đánh", "someone_else"),
    ("ban than em bi ban sang tq", "someone_else"),
    ("chị gái em bị anh rể nhốt", "someone_else"),
    ("em gái em bị người yêu đánh", "someone_else"),
    ("my sister is being hit by her husband", "someone_else"),
    ("my friend's husband beats her", "someone_else"),
    ("how can i help my friend who is abused", "someone_else"),
    ("cháu gái tôi 14 tuổi bị ông hàng xóm xâm hại", "someone_else"),
    ("con gái em 15 tuổi bị bạn trai dọa tung ảnh", "someone_else"),
    ("mẹ tôi ở Đài Loan bị chủ giữ hộ chiếu", "someone_else"),
    ("my mom is being beaten by my dad", "someone_else"),
    ("làm sao giúp chị gái em thoát khỏi chồng", "someone_else"),
    ("ck đang đánh con e", "someone_else"),
    ("the neighbours' kid is being beaten right now", "someone_else"),
    ("chị ấy bị chồng đánh gãy tay", "someone_else"),
    ("my neighbour is beating his wife right now", "someone_else"),
    ("hàng xóm đang đánh vợ, chị ấy kêu cứu", "someone_else"),
    ("she's unconscious", "someone_else"),
    ("mẹ em ngất rồi", "someone_else"),
    ("me em bat tinh roi", "someone_else"),
    ("ba đang đánh má", "someone_else"),
    ("bo dang danh me em", "someone_else"),
    ("chị em đang bị anh rể đánh", "someone_else"),
    ("my baby is in danger", "someone_else"),
    ("my daughter đang bị bố dượng đánh", "someone_else"),
    ("ck dang danh con", "someone_else"),
    ("be hang xom dang bi bo no danh", "someone_else"),
    ("my sister was sold to china", "someone_else"),
    ("con em dang bi danh", "someone_else"),
    # self, though other people are named
    ("em bị chồng đánh, mẹ em không biết", "self"),
    ("he hit me in front of my mom", "self"),
    ("ck e đánh e trc mặt con", "self"),
    ("chồng đánh em vì em bênh mẹ", "self"),
    ("my ck is beating me", "self"),
    ("e đag bị ny đánh", "self"),
    ("i'm being followed", "self"),
    ("bị người yêu nhốt", "self"),
    # a child about herself, more styles
    ("e 13t, bố e đag đánh e", "child_self"),
    ("e hok lớp 7, bố dượng đag đánh e", "child_self"),
    ("im 14 and my stepdad is beating me", "child_self"),
    ("em 14 tuoi, bo em dang danh em", "child_self"),
    ("em hoc lop 9, thay giao so mo em", "child_self"),
    ("i'm 16 and my mom's boyfriend touches me", "child_self"),
]

WHEN = [
    # now: happening now or about to
    ("chồng em đang đánh em", "now"),
    ("chong em dang danh em", "now"),
    ("ck đag đánh e", "now"),
    ("ck dnag danh e", "now"),
    ("he is hitting me right now", "now"),
    ("anh ta sắp về, em sợ lắm", "now"),
    ("tối nay anh ta lại say, em sợ", "now"),
    ("he's on his way home and he's drunk", "now"),
    ("ngay bây giờ anh ta đang đứng ngoài cửa", "now"),
    ("em bi lua sang campuchia lam viec, gio bi giu o khu, khong cho ve", "now"),
    ("anh ta vừa bóp cổ em", "now"),
    ("cíu e vs", "now"),
    ("i'm being followed", "now"),
    ("hôm qua anh ta đánh em, giờ anh ta đang đứng ngoài cửa", "now"),
    ("my ex is outside my building now", "now"),
    # what the screen flags, undated, is now
    ("em muốn chết", "now"),
    ("e mún chết", "now"),
    ("ck cầm dao", "now"),
    ("no cam dao duoi em", "now"),
    ("he locked me in the room", "now"),
    ("i want to die", "now"),
    ("em bị nhốt trong phòng", "now"),
    ("I was sold to a man in China and they took my passport, I can't leave", "now"),
    ("anh ta đang cố cưỡng hiếp em", "now"),
    ("chồng cũ đang đứng trước cổng nhà em", "now"),
    ("there's a guy following me", "now"),
    # ...unless she dates it
    ("tối qua nó bóp cổ em", "recent"),
    ("last night he choked me", "recent"),
    ("he choked me until i passed out yesterday", "recent"),
    ("năm ngoái anh ta cầm dao dọa em", "past_or_ongoing"),
    ("hồi nhỏ em bị bố nhốt trong nhà kho", "past_or_ongoing"),
    ("when i was 10 my uncle locked me in", "past_or_ongoing"),
    # everyday talk has no harm to date (nlu/LABELS.md: past_or_ongoing)
    ("em đang ăn cơm", "past_or_ongoing"),
    ("e đag ăn cơm", "past_or_ongoing"),
    ("hôm qua em đi chơi", "past_or_ongoing"),
    ("em đang đánh răng", "past_or_ongoing"),
    ("em đang thái rau bằng dao", "past_or_ongoing"),
    ("hom nay met muon chet", "past_or_ongoing"),
    ("just killing time right now", "past_or_ongoing"),
    # recent: the last 72 hours
    ("tối qua anh ta đánh em", "recent"),
    ("toi qua anh ta danh em", "recent"),
    ("hôm qua em bị sếp hiếp dâm ở khách sạn", "recent"),
    ("sáng nay e bị hiếp, e k bít phải làm j", "recent"),
    ("đêm qua nó bóp cổ em", "recent"),
    ("2 hôm trước chồng em đánh em", "recent"),
    ("hai ngày trước em bị cưỡng hiếp", "recent"),
    ("last night he raped me", "recent"),
    ("he hit me yesterday", "recent"),
    ("this morning my boyfriend choked me", "recent"),
    ("a couple of days ago he slapped me", "recent"),
    ("lúc nãy anh ta tát em", "recent"),
    # past_or_ongoing: habitual, long ago, or nothing said
    ("mỗi lần say về là anh ta đánh em", "past_or_ongoing"),
    ("moi lan say ve la danh em", "past_or_ongoing"),
    ("suốt 3 năm nay chồng em hay chửi em", "past_or_ongoing"),
    ("ck e hay đánh e lắm", "past_or_ongoing"),
    ("em đang sống với chồng, anh ta hay đánh em", "past_or_ongoing"),
    ("em đang mang thai mà chồng vẫn chửi", "past_or_ongoing"),
    ("năm ngoái em bị hiếp", "past_or_ongoing"),
    ("he used to beat me years ago", "past_or_ongoing"),
    ("my husband often hits me", "past_or_ongoing"),
    ("bây giờ em phải làm sao", "past_or_ongoing"),
    ("đáng sợ thật sự", "past_or_ongoing"),
    ("em sắp cưới rồi", "past_or_ongoing"),
    ("can i get a divorce", "past_or_ongoing"),
    ("xin chào", "past_or_ongoing"),
    ("gia đình em hay cãi nhau", "past_or_ongoing"),
]

MINOR = [
    ("em 13 tuổi", True),
    ("e 14t", True),
    ("im 15 and a guy says he'll post my nudes if i don't send more", True),
    ("I'm 16 years old", True),
    ("em học lớp 9", True),
    ("em hoc lop 11", True),
    ("con gái em 15 tuổi bị tung ảnh", True),
    ("mình là học sinh cấp 3", True),
    ("em sinh năm 2011", True),
    ("e 2k9", True),
    ("i'm in 9th grade", True),
    ("em 25 tuổi", False),
    ("tôi 30 tuổi, bị chồng cũ tung ảnh", False),
    ("I'm 22 and my ex leaked my photos", False),
    ("em lấy chồng 15 năm rồi", False),
    ("em dạy lớp 5", False),
    ("em đăng ký lớp học nấu ăn", False),
    ("i'm 5 minutes away", False),
    ("lương 15 triệu", False),
    ("e 2k5", False),
]

ABROAD = [
    # English "in my", "to my": "my" is not Mỹ there
    ("I'm hiding in my room, he is still shouting", False),
    ("I ran to my neighbour's house", False),
    ("em bi lua sang campuchia lam viec, gio bi giu o khu, khong cho ve", True),
    ("em đang ở Campuchia, họ không cho em về", True),
    ("bị bán sang TQ", True),
    ("e bị bán cho 1 ông bên TQ r", True),
    ("I'm trapped in a scam compound in Myanmar", True),
    ("mẹ tôi ở Đài Loan bị chủ giữ hộ chiếu", True),
    ("chị em lấy chồng Hàn Quốc, bị chồng đánh", True),
    ("em đang làm việc ở Malaysia, chủ giữ hộ chiếu", True),
    ("em đi xuất khẩu lao động sang Nhật, bị chủ đánh", True),
    ("I was sold to a man in China", True),
    ("my sister is stuck abroad and they took her passport", True),
    ("em ở Hà Nội", False),
    ("chủ nhật này em rảnh", False),
    ("sinh nhật em hôm qua", False),
    ("em là lao động tự do", False),
    ("em muốn hỏi về luật hôn nhân", False),
    ("có người rủ em đi Campuchia làm việc nhẹ lương cao, có nên đi không", False),
    ("nhất là khi anh ta say", False),
    ("hạn chót nộp hồ sơ", False),
]

SEXUAL_RECENT = [
    ("sáng nay e bị hiếp, e k bít phải làm j", True),
    ("hom qua em bi sep hiep dam o khach san", True),
    ("last night he raped me", True),
    ("anh ta đang cưỡng ép em quan hệ", True),
    ("tối qua ck ép e quan hệ dù e không muốn", True),
    ("năm ngoái em bị hiếp", False),
    ("chồng em đánh em hôm qua", False),
    ("he raped me years ago", False),
]


@pytest.mark.parametrize("text,expected", WHO)
def test_who(text, expected):
    assert who(text) == expected


@pytest.mark.parametrize("text,expected", WHEN)
def test_when(text, expected):
    assert when(text) == expected


@pytest.mark.parametrize("text,expected", MINOR)
def test_is_minor(text, expected):
    assert is_minor(text) is expected


@pytest.mark.parametrize("text,expected", ABROAD)
def test_abroad(text, expected):
    assert abroad(text) is expected


@pytest.mark.parametrize("text,expected", SEXUAL_RECENT)
def test_sexual_assault_recent(text, expected):
    assert sexual_assault_recent(text) is expected


def test_a_grown_woman_about_her_mother_is_never_a_child():
    for text in ("mẹ em đang bị bố đánh", "me e dag bi bo danh", "my mom is being hit by dad"):
        assert who(text) == "someone_else"


def test_empty_text():
    assert (who(""), when(""), is_minor(""), abroad("")) == (
        "self",
        "past_or_ongoing",
        False,
        False,
    )


@pytest.mark.parametrize(
    "text,expected",
    [
        ("năm ngoái anh ta từng cầm dao dọa em", True),
        ("hồi nhỏ em bị bố nhốt trong nhà kho", True),
        ("em từng bị bạn trai cũ đánh gãy tay", True),
        ("when i was a kid my dad used to lock me in my room", True),
        ("years ago he held a knife to my throat", True),
        ("cách đây 2 năm em bị hiếp", True),
        ("năm ngoái anh ta đánh em, giờ anh ta lại đang cầm dao", False),
        ("he used to hit me, now he's hitting me again", False),
        ("he used to beat me and he just hit me again", False),
        ("hôm qua anh ta bóp cổ em", False),
        ("ex dọa tung ảnh nóng của em", False),  # "tung ảnh" (leak) is not "từng" (once)
        ("chồng em đang đánh em", False),
    ],
)
def test_dated_past_only(text, expected):
    assert dated_past_only(text) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("e bị lừa qua cam, h kẹt ở đây k về đc", True),
        ("em ở bên Cam 2 năm rồi, chủ không trả lương", True),
        ("em mua 2 quả cam", False),
        ("cảm ơn chị", False),
    ],
)
def test_cambodia_in_short(text, expected):
    assert abroad(text) is expected
