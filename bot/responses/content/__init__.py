"""All message builders; importing this package fills base.REGISTRY with every response key."""

from __future__ import annotations

# Imported for their @message registrations.
from bot.responses.content import (
    answers,
    awareness,
    channel,
    escalation,
    followups,
    general,
    intents,
    services,
    topics,
    urgent,
)
from bot.responses.content.base import REGISTRY, Ctx

__all__ = [
    "REGISTRY",
    "Ctx",
    "answers",
    "awareness",
    "channel",
    "escalation",
    "followups",
    "general",
    "intents",
    "services",
    "topics",
    "urgent",
]
