"""Test doubles for the core's collaborators: a keyword NLU that needs no trained model."""

from __future__ import annotations

from nlu.client import Entity, NluUnavailable, Parse
from vntext.forms import canonical

# Keyword -> intent, checked in order on canonical text; enough for the core's unit tests.
KEYWORDS: tuple[tuple[str, str], ...] = (
    ("xin chao", "greet"),
    ("hello", "greet"),
    ("tam biet", "goodbye"),
    ("cam on", "thanks"),
    ("thank", "thanks"),
    ("nha tam lanh", "find_services"),
    ("ho tro nao", "find_services"),
    ("shelter", "find_services"),
    ("so dien thoai", "ask_hotline"),
    ("hotline", "ask_hotline"),
    ("nguoi that", "talk_to_human"),
    ("real person", "talk_to_human"),
    ("bot", "bot_challenge"),
    ("danh", "report_abuse"),
    ("hits me", "report_abuse"),
    ("anh nong", "online_abuse"),
    ("xoa", "quick_exit"),
    ("co", "affirm"),
    ("yes", "affirm"),
    ("khong", "deny"),
    ("no", "deny"),
)


class StubNlu:
    """Implements the Nlu protocol with keywords; can be made slow-to-load or broken."""

    def __init__(self, *, ready: bool = True, broken: bool = False) -> None:
        self._ready = ready
        self.broken = broken
        self.seen: list[str] = []

    @property
    def ready(self) -> bool:
        return self._ready

    def start(self) -> None:
        pass

    async def wait_ready(self, timeout: float | None = None) -> bool:
        return self._ready

    async def parse(self, text: str) -> Parse:
        if self.broken or not self._ready:
            raise NluUnavailable("stub")
        self.seen.append(text)
        words = f" {canonical(text)} "
        for keyword, intent in KEYWORDS:
            if f" {keyword} " in words:
                return Parse(intent=intent, confidence=0.95, entities=_entities(text))
        return Parse(intent="out_of_scope", confidence=0.3)

    async def close(self) -> None:
        pass


def _entities(text: str) -> tuple[Entity, ...]:
    return ()
