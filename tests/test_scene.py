"""The danger scene (bot.core.scene) read through the screen: structure, not phrases.

Sentences written for these tests (none from the realistic sets): each names the danger with
words the phrase rules do not list, so a pass shows the structure at work; the negatives are
the same shapes with the time, the agent or the act taken away.
"""

from __future__ import annotations

import pytest

from bot.core.safety import screen

SCENES_NOW = [
    # agent + act + now, words between them
    ("vi", "ck e tối nay say khướt về đag lục tung tủ tìm e", "violence_now"),
    ("vi", "ông dượng vừa mò vào buồng con bé, mẹ nó đi vắng", "violence_now"),
    ("vi", "có 2 thằng đang ngồi rình ngoài phòng trọ em từ chiều", "violence_now"),
    ("en", "my partner is now dragging me towards the stairs", "violence_now"),
    (
        "en",
        "her husband just now shoved her into the wall and she's not getting up",
        "violence_now",
    ),
    ("en", "he's sitting against the front door and says I'm not going anywhere", "violence_now"),
    # she hides from someone the message shows as a danger
    ("vi", "em đang núp sau bồn nước trên sân thượng, ổng say rồi cầm cây gậy", "violence_now"),
    (
        "en",
        "texting from the laundry so he can't hear, he's drunk and smashing plates",
        "violence_now",
    ),
    # a witness, now
    ("vi", "nãy giờ em nghe tiếng roi với tiếng con bé nhà bên van xin", "child_danger"),
    ("en", "I can hear someone being slapped upstairs, it's been going on for 20 minutes", None),
    # a threat told as speech, a farewell
    (
        "vi",
        "bồ cũ nhắn nếu em không quay lại thì tối nay anh cho cả hai cùng chết",
        "threat_to_kill",
    ),
    (
        "vi",
        "em đã viết xong mấy lá thư để lại cho ba má, thuốc cũng gom đủ rồi",
        "suicide_self_harm",
    ),
    ("en", "I've been collecting my sleeping pills, wanted someone to know", "suicide_self_harm"),
    # followed (passive), collapsed after a blow, a child taken by a drunk father
    ("vi", "em đang bị một người lạ chạy xe theo từ ngã tư về gần tới nhà", "followed"),
    ("vi", "chị em bị chồng đạp ngã, giờ nằm im không cử động", "injury"),
    ("en", "he's got the baby in the car and he's drunk and not answering", "child_danger"),
    # more shapes: a witness without a verb of hearing, a child snatched, a cry sent by her
    ("vi", "nãy giờ nhà bên có tiếng roi với tiếng thằng bé xin tha liên tục", "child_danger"),
    ("vi", "ổng giật con khỏi tay em rồi phóng xe đi, ổng đang say", "child_danger"),
    ("vi", "lúc nãy nó gửi cho em định vị kèm một chữ 'cứu' rồi tắt máy", "violence_now"),
    ("vi", "anh ta vừa nhắn là đang dưới sảnh, sẽ lên 'giải quyết cho xong'", "threat_to_kill"),
    (
        "en",
        "she's been possessive for months, and just now he posted a photo of her tied up",
        None,
    ),
    ("en", "he's had his hands around my neck twice in the last hour", "injury"),
    ("en", "my sister is being forced by her ex in the next room, I can hear her", None),
]


@pytest.mark.parametrize(("lang", "text", "reason"), SCENES_NOW)
def test_a_danger_told_as_a_scene_is_urgent(lang: str, text: str, reason: str | None) -> None:
    urgency = screen(text)
    assert urgency.is_urgent, text
    if reason:
        assert reason in urgency.reasons, urgency.reasons


NOT_NOW = [
    # the same shapes, without the now
    "ck e hay say khướt về lục tung tủ tìm tiền, em phải làm sao",
    "năm ngoái ông dượng hay mò vào buồng con bé lúc mẹ nó đi vắng",
    "mẹ em bị bố đánh, em đang học đại học ở xa không về được",
    "nếu tối nay anh ấy lại đánh em thì em nên chạy đi đâu",
    "người yêu em chưa bao giờ đánh em, chỉ hay kiểm tra điện thoại",
    "sáng nay anh ấy túm tóc em lôi ra cổng rồi khóa cửa, giờ em đang ngồi ở nhà bạn",
    "he never hit me but he reads my messages, is that abuse?",
    "my cat keeps attacking my feet at night",
    "the final boss keeps beating me, send help lol",
    "I was held in a compound in 2023 and got away, now I'm home and want to report the agency",
    # everyday
    "đề toán này giết em mất, 3 tiếng rồi chưa xong",
    "e bị nhốt ngoài nick fb rồi, quên mật khẩu",
    "mẹ cho em hỏi trước khi đi nha sĩ có nên cho bé uống thuốc không",
    "sitting on the bridge watching the sunset with my boyfriend",
    "bị theo dõi điện thoại thì làm sao biết",
    "ny e bảo sẽ 'xử đẹp' e nếu e uống hết trà sữa của ảnh lol",
    "mỗi khi anh ấy say, con bé nhà em lại chui vào gầm giường trốn",
    "từ lúc con còn nhỏ bố con đã đánh mẹ, giờ con muốn đưa mẹ đi",
    "my boss keeps telling me he'd kill for a day off, haha",
]


@pytest.mark.parametrize("text", NOT_NOW)
def test_the_same_shapes_without_a_danger_now_are_not_urgent(text: str) -> None:
    assert not screen(text).is_urgent, screen(text)
