"""The shared understand step: whole message and question sentence, places, the model's vote."""

from __future__ import annotations

import pytest

from bot.core.understanding import is_place_only, question_sentence, understand
from nlu.client import Parse

LONG = (
    "Chị ơi, em lấy chồng được 6 năm, có 2 con. Mỗi lần say về là anh ấy chửi bới, đập đồ, "
    "có lần còn tát em trước mặt con. Em muốn ly hôn và nuôi cả hai đứa thì phải làm sao ạ?"
)


def test_a_long_story_is_read_for_its_question() -> None:
    assert question_sentence(LONG) == "Em muốn ly hôn và nuôi cả hai đứa thì phải làm sao ạ?"


def test_a_bare_question_takes_the_sentence_before_it() -> None:
    text = (
        "We've been married for nine years and I stopped working when our son was born. "
        "My husband controls every cent I earn and reads my phone every night. What do I do?"
    )
    assert question_sentence(text) == (
        "My husband controls every cent I earn and reads my phone every night. What do I do?"
    )


@pytest.mark.parametrize("text", ["chồng em đánh em", "help", "Em ở Huế. Làm sao?"])
def test_a_short_message_is_one_thought(text: str) -> None:
    assert question_sentence(text) is None


@pytest.mark.parametrize(
    "text, province, expected",
    [
        ("em ở Bình Dương", ("Hồ Chí Minh", "Bình Dương"), True),
        ("o binh duong a", ("Hồ Chí Minh", "Bình Dương"), True),
        ("Da Nang", ("Đà Nẵng", None), True),
        ("I'm in Da Nang", ("Đà Nẵng", None), True),
        ("chồng em đánh em ở Bình Dương", ("Hồ Chí Minh", "Bình Dương"), False),
        ("em ở Huế, bị chồng đánh", ("Huế", None), False),
        ("xin chào", None, False),
    ],
)
def test_a_place_alone_is_only_a_place(text, province, expected) -> None:
    assert is_place_only(text, province) is expected


class Scripted:
    """A model that answers each text from a table (every other text: out_of_scope)."""

    def __init__(self, answers: dict[str, Parse]) -> None:
        self.answers = answers
        self.seen: list[str] = []

    async def __call__(self, text: str) -> Parse | None:
        self.seen.append(text)
        return self.answers.get(text, Parse("out_of_scope", 0.9, ranking=(("out_of_scope", 0.9),)))


@pytest.mark.anyio
async def test_the_question_weighs_most_for_what_she_asks() -> None:
    question = "Em muốn ly hôn và nuôi cả hai đứa thì phải làm sao ạ?"
    model = Scripted(
        {
            LONG: Parse("report_abuse", 0.6, ranking=(("report_abuse", 0.6), ("legal_info", 0.3))),
            question: Parse(
                "legal_info", 0.8, ranking=(("legal_info", 0.8), ("report_abuse", 0.1))
            ),
        }
    )
    u = await understand(LONG, model, 0.2)
    assert model.seen[:2] == [LONG, question]
    assert u.intent == "legal_info" and u.intents[1][0] == "report_abuse"
    assert u.topic == "divorce_custody"


@pytest.mark.anyio
async def test_the_model_alone_cannot_bring_back_an_idiom() -> None:
    text = "hôm nay mệt muốn chết luôn á"
    model = Scripted({text: Parse("urgent_help", 0.9, ranking=(("urgent_help", 0.9),))})
    u = await understand(text, model, 0.2)
    assert not u.urgency.is_urgent and not u.model_urgent


@pytest.mark.anyio
async def test_danger_late_in_a_long_message_is_seen() -> None:
    text = "Em kể chị nghe chuyện nhà em. " * 40 + "Bây giờ anh ta đang cầm dao đứng ngoài cửa."
    u = await understand(text, Scripted({}), 0.2)
    assert len(text) > 1050 and u.urgency.is_urgent and u.intent == "urgent_help"


@pytest.mark.anyio
async def test_without_the_model_the_screen_still_decides() -> None:
    async def unavailable(text: str) -> None:
        return None

    u = await understand("chong toi dang danh toi", unavailable, 0.2)
    assert u.urgency.is_urgent and u.parse is None
