"""Language detection and locale choice."""

from __future__ import annotations

import pytest

from bot.core.language import choose, detect


@pytest.mark.parametrize(
    "text, expected",
    [
        ("xin chào", "vi"),
        ("chong toi dang danh toi", "vi"),
        ("ck e hay check phone e", "vi"),
        ("ko dc ra ngoai", "vi"),
        ("em bị stalk", "vi"),
        ("my husband hits me", "en"),
        ("hello", "en"),
        ("I need help please", "en"),
        ("ok", None),
        ("113", None),
        ("🙂", None),
    ],
)
def test_detect(text: str, expected: str | None) -> None:
    assert detect(text) == expected


def test_choice_outranks_detection() -> None:
    assert (
        choose(chosen="en", detected="vi", previous="vi", client_language="vi", default="vi")
        == "en"
    )


def test_detected_outranks_client_language() -> None:
    assert (
        choose(chosen=None, detected="vi", previous=None, client_language="en", default="en")
        == "vi"
    )


@pytest.mark.parametrize(
    "previous, client, expected",
    [("en", "vi", "en"), (None, "en-US", "en"), (None, "fr", "vi"), (None, None, "vi")],
)
def test_fallbacks(previous: str | None, client: str | None, expected: str) -> None:
    assert (
        choose(chosen=None, detected=None, previous=previous, client_language=client, default="vi")
        == expected
    )
