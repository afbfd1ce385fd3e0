"""A Rasa entity extractor for `province` (via referral_db) and `service_type` (keyword map)."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from typing import Any

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

from rasa.engine.graph import ExecutionContext, GraphComponent  # noqa: E402
from rasa.engine.recipes.default_recipe import DefaultV1Recipe  # noqa: E402
from rasa.engine.storage.resource import Resource  # noqa: E402
from rasa.engine.storage.storage import ModelStorage  # noqa: E402
from rasa.shared.nlu.constants import ENTITIES, TEXT  # noqa: E402
from rasa.shared.nlu.training_data.message import Message  # noqa: E402

from vntext.forms import fold  # noqa: E402

logger = logging.getLogger(__name__)

# Folded phrases (đ -> d, no diacritics, lowercase) naming each service type, Vietnamese and
# English. Matched as whole words; where phrases overlap the longest wins, so "tu van phap ly"
# is legal_aid, not counselling. "dia chi tin cay" is the Vietnamese name for community safe
# addresses that take women in for the night, hence shelter.
SERVICE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "shelter": (
        "nha tam lanh",
        "nha an toan",
        "dia chi tin cay",
        "mai am",
        "cho o",
        "cho tru",
        "cho ngu",
        "noi o",
        "noi tru",
        "tru an",
        "tru tam",
        "o tam",
        "ngoi nha binh yen",
        "shelter",
        "safe house",
        "safe place",
        "place to stay",
        "somewhere to stay",
        "trusted address",
    ),
    "counselling": (
        "tu van",
        "tham van",
        "tam ly",
        "chuyen gia tam ly",
        "nha tri lieu",
        "tri lieu",
        "counselling",
        "counseling",
        "counsellor",
        "counselor",
        "counsel",
        "therapist",
        "therapy",
        "psychologist",
        "mental health",
    ),
    "legal_aid": (
        "luat su",
        "tro giup phap ly",
        "tro giup phap li",
        "tu van phap ly",
        "tu van phap li",
        "tu van luat",
        "phap ly",
        "phap li",
        "lawyer",
        "legal aid",
        "legal help",
        "legal advice",
        "attorney",
    ),
    "health": (
        "benh vien",
        "bac si",
        "tram y te",
        "trung tam y te",
        "phong kham",
        "kham benh",
        "co so y te",
        "y te",
        "hospital",
        "doctor",
        "clinic",
        "medical",
        "health care",
        "healthcare",
        "nurse",
    ),
    "police": (
        "cong an",
        "canh sat",
        "don cong an",
        "tram cong an",
        "police",
        "policeman",
        "police station",
        "cops",
    ),
}

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (service, re.compile(rf"\b{re.escape(phrase)}\b"))
    for service, phrases in SERVICE_KEYWORDS.items()
    for phrase in phrases
)


def find_services(text: str) -> list[tuple[str, int, int]]:
    """Service types named in the text as (type, start, end) over its folded form, in order.

    Offsets index `vntext.forms.fold(text)`, which has the same length as the NFC, space-collapsed
    text. Each type appears once (its first mention).
    """
    folded = fold(text)
    hits = [
        (m.end() - m.start(), m.start(), m.end(), service)
        for service, pattern in _PATTERNS
        for m in pattern.finditer(folded)
    ]
    chosen: list[tuple[str, int, int]] = []
    taken: list[tuple[int, int]] = []
    for _, start, end, service in sorted(hits, key=lambda h: (-h[0], h[1])):
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue  # a longer phrase already covers this span
        taken.append((start, end))
        chosen.append((service, start, end))
    first: dict[str, tuple[str, int, int]] = {}
    for hit in sorted(chosen, key=lambda h: h[1]):
        first.setdefault(hit[0], hit)
    return list(first.values())


def _province_resolver() -> Callable[[str], Any] | None:
    """referral_db.provinces.resolve, or None while that package is missing or broken."""
    try:
        from referral_db.provinces import resolve
    except Exception as error:  # noqa: BLE001 - the model must still parse without it
        logger.warning("nlu.province_resolver_unavailable error=%s", type(error).__name__)
        return None
    return resolve


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class VietnameseEntityExtractor(GraphComponent):
    """Adds `province` (current name, legacy name in `formerly`) and `service_type` entities."""

    def __init__(self, resolve: Callable[[str], Any] | None) -> None:
        self._resolve = resolve

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> VietnameseEntityExtractor:
        """Build the component; provinces come from referral_db when it is importable."""
        return cls(_province_resolver())

    def process(self, messages: list[Message]) -> list[Message]:
        """Append the entities found in each message's text to its `entities`."""
        for message in messages:
            text = message.get(TEXT) or ""
            found = self.extract(text)
            if found:
                message.set(ENTITIES, [*message.get(ENTITIES, []), *found], add_to_output=True)
        return messages

    def extract(self, text: str) -> list[dict[str, Any]]:
        """Rasa entity dicts for one text."""
        entities: list[dict[str, Any]] = [
            {
                "entity": "service_type",
                "value": service,
                "start": start,
                "end": end,
                "confidence_entity": 1.0,
                "extractor": type(self).__name__,
            }
            for service, start, end in find_services(text)
        ]
        match = self._resolve(text) if self._resolve and text else None
        if match is not None:
            entities.append(
                {
                    "entity": "province",
                    "value": match.province,
                    "formerly": getattr(match, "formerly", None),
                    "confidence_entity": 1.0,
                    "extractor": type(self).__name__,
                }
            )
        return entities
