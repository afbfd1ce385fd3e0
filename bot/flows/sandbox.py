"""The test-mode app flows run against, on either route: nothing real can be paged or changed.

Test mode means no real operator can be paged: the app is built on a temporary DATA_DIR (a copy
of the directory database, fresh state), with only a dummy test-operators chat, and every flow's
session starts with test_mode on. Operator cards are recorded, never sent anywhere.
"""

from __future__ import annotations

import secrets
import sqlite3
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from bot.settings import Settings

if TYPE_CHECKING:
    from bot.app import App
    from nlu.client import Nlu

MODEL_WAIT_SECONDS = 120.0
# Escalations in test mode go to this chat id; nothing sends there, the runner only records.
DUMMY_TEST_OPERATOR_CHAT = -1


def sandbox_settings(
    base: Settings, data_dir: Path, testers: frozenset[int] = frozenset()
) -> Settings:
    """The base settings made safe: temporary state, no real operators, clock-free hours.

    testers are the flow runner's own made-up user ids (the Telegram route's fake users),
    never the base settings' real testers.
    """
    return replace(
        base,
        data_dir=data_dir,
        id_secret=secrets.token_hex(16),
        telegram_token=None,
        operator_chat_id=None,
        operator_user_ids=frozenset(),
        test_operator_chat_id=DUMMY_TEST_OPERATOR_CHAT,
        tester_user_ids=testers,
        operator_hours="",
        directory_demo=True,  # flows check against the fictional demo rows (demo-lang-son-...)
    )


def copy_directory(source: Path, target: Path) -> bool:
    """Copy the directory database with SQLite's backup API (safe while the bot writes it)."""
    if not source.exists():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return True


@asynccontextmanager
async def sandbox_app(
    base: Settings,
    nlu: Nlu | None = None,
    *,
    load_nlu: bool = True,
    notes: list[str] | None = None,
    testers: frozenset[int] = frozenset(),
) -> AsyncIterator[App]:
    """An app on a temporary DATA_DIR with the model ready; the model is closed only if ours."""
    from bot.app import build  # the core is imported only when flows actually run

    notes = notes if notes is not None else []
    with tempfile.TemporaryDirectory(prefix="antam-flows-") as tmp:
        settings = sandbox_settings(base, Path(tmp) / "data", testers)
        if not copy_directory(base.directory_db, settings.directory_db):
            notes.append(
                f"No directory database at {base.directory_db}: using one built from "
                "the seed files in referral_db/data/."
            )
        app = build(settings, nlu=nlu, load_nlu=load_nlu)
        owned = nlu is None
        if app.nlu is None:
            notes.append(
                "No trained language model was found (run `make model`): flows that "
                "expect an intent will fail."
            )
        else:
            app.nlu.start()
            if not await app.nlu.wait_ready(MODEL_WAIT_SECONDS):
                notes.append(
                    "The language model did not load in time: the bot answered without it."
                )
            else:
                await _warm_up(app.nlu)
        try:
            yield app
        finally:
            if owned and app.nlu is not None:
                await app.nlu.close()


async def _warm_up(nlu: Nlu) -> None:
    """Parse once, untimed: the first parse builds the model's graph and can outlast the
    engine's per-turn timeout, which would make the first flow's intent look missing."""
    from nlu.client import NluUnavailable

    try:
        await nlu.parse("xin chào")
    except NluUnavailable:
        pass
