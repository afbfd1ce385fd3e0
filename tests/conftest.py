"""Shared fixtures: settings in a temporary DATA_DIR, an app built on a stub NLU, and the
trained NLU model (the `model` tests: skipped, never trained, when it is missing)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ["NO_PROXY"] = "127.0.0.1,localhost"

from bot.settings import Settings  # noqa: E402
from tests.fakes import StubNlu  # noqa: E402


@pytest.fixture
def anyio_backend() -> str:
    """Async tests (`@pytest.mark.anyio`) run on asyncio, as the bot does (python-telegram-bot
    and Rasa are asyncio libraries); anyio's own fixture would run each test once per
    installed backend, trio included wherever it is installed."""
    return "asyncio"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        id_secret="test-secret",
        operator_hours="",  # always open, so tests do not depend on the clock
        operator_chat_id=-100,
        operator_user_ids=frozenset({7001}),
        test_operator_chat_id=-200,
        tester_user_ids=frozenset({9001}),
        directory_demo=True,  # engine tests find the fictional demo rows, as flows do
    )


@pytest.fixture
def stub_nlu() -> StubNlu:
    return StubNlu()


@pytest.fixture
def app(settings: Settings, stub_nlu: StubNlu):
    from bot.app import build

    return build(settings, nlu=stub_nlu)


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The NLU model trained on exactly the current nlu/config.yml and nlu/data, for every
    `model`-marked test. The one skip rule: no such model (or no rasa to load it) skips them
    with the reason; a test never trains one (`make model` does, and `make test` runs it)."""
    if importlib.util.find_spec("rasa") is None:
        pytest.skip("rasa is not installed here, so no NLU model can load: use `make test`")
    from nlu.train import model_path

    path = model_path()
    if not path.is_file():
        pytest.skip(
            f"no NLU model trained on the current nlu/config.yml and nlu/data ({path.name} "
            "is missing): run `make model`"
        )
    return path
