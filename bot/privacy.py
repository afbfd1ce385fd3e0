"""Keyed hashes for chat and user ids, and the logging rules that keep content out of logs."""

from __future__ import annotations

import hashlib
import hmac
import logging
import os

# Loggers that would otherwise write URLs with the bot token (httpx) or whole updates (telegram).
QUIET_LOGGERS = ("telegram", "httpx", "httpcore", "apscheduler")
# Rasa and TensorFlow print per-message debug output and load-time chatter.
NOISY_LOGGERS = ("rasa", "tensorflow", "absl", "h5py", "matplotlib", "sanic", "asyncio")


def chat_key(secret: str, channel: str, raw_id: object) -> str:
    """A stable pseudonym for one chat: HMAC-SHA256 of channel and id, 16 hex characters."""
    message = f"{channel}:{raw_id}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:16]


def configure_logging(level: str = "INFO") -> None:
    """Log events to stderr; pin the loggers that could leak tokens or content to WARNING."""
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    logging.basicConfig(
        level=getattr(logging, level, logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    for name in QUIET_LOGGERS + NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
