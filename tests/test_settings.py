"""Settings: read from the environment once; errors name the variable and never its value."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import ConfigError, Settings


def test_defaults(tmp_path: Path) -> None:
    settings = Settings.from_env({"DATA_DIR": str(tmp_path)})
    assert settings.default_locale == "vi"
    assert settings.telegram_token is None
    assert settings.realert_minutes == 5.0
    assert settings.state_db == tmp_path / "state.db"


def test_local_secret_is_stable_and_private(tmp_path: Path) -> None:
    first = Settings.from_env({"DATA_DIR": str(tmp_path)}).id_secret
    second = Settings.from_env({"DATA_DIR": str(tmp_path)}).id_secret
    assert first == second and len(first) == 64
    assert (tmp_path / ".id_secret").stat().st_mode & 0o077 == 0


def test_ids_are_parsed(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {"DATA_DIR": str(tmp_path), "OPERATOR_USER_IDS": "11, 22", "OPERATOR_CHAT_ID": "-1009"}
    )
    assert settings.operator_user_ids == frozenset({11, 22})
    assert settings.operator_chat_id == -1009


@pytest.mark.parametrize(
    "name, value",
    [
        ("OPERATOR_CHAT_ID", "s3cr3t-group"),
        ("OPERATOR_USER_IDS", "12,abc-s3cr3t"),
        ("DEFAULT_LOCALE", "fr-s3cr3t"),
        ("ESCALATION_REALERT_MINUTES", "soon-s3cr3t"),
        ("TELEGRAM_MODE", "s3cr3t"),
    ],
)
def test_errors_name_the_variable_not_the_value(tmp_path: Path, name: str, value: str) -> None:
    with pytest.raises(ConfigError) as error:
        Settings.from_env({"DATA_DIR": str(tmp_path), name: value})
    assert name in str(error.value)
    assert "s3cr3t" not in str(error.value)


def test_token_is_not_in_repr(tmp_path: Path) -> None:
    settings = Settings.from_env({"DATA_DIR": str(tmp_path), "TELEGRAM_BOT_TOKEN": "123:SECRET"})
    assert "SECRET" not in repr(settings)


def test_webhook_needs_url(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="WEBHOOK_URL"):
        Settings.from_env(
            {"DATA_DIR": str(tmp_path), "TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_MODE": "webhook"}
        )


def test_an_empty_secret_left_by_a_killed_first_start_is_made_again(tmp_path: Path) -> None:
    (tmp_path / ".id_secret").write_text("")  # killed between creating and writing it
    settings = Settings.from_env({"DATA_DIR": str(tmp_path)})
    assert len(settings.id_secret) == 64 and settings.startup_problems == ()
    assert (tmp_path / ".id_secret").read_text() == settings.id_secret
    assert (tmp_path / ".id_secret").stat().st_mode & 0o077 == 0
    assert not list(tmp_path.glob("*.tmp"))  # written whole, by rename


def test_a_lost_secret_with_state_that_needs_it_is_reported_not_replaced(tmp_path: Path) -> None:
    from bot.core.session import Session, SessionStore

    first = Settings.from_env({"DATA_DIR": str(tmp_path)})
    SessionStore(first.state_db).save(Session(key="abc"))
    (tmp_path / ".id_secret").write_text("   \n")
    second = Settings.from_env({"DATA_DIR": str(tmp_path)})
    assert second.id_secret and second.id_secret != first.id_secret  # a temporary key
    assert (tmp_path / ".id_secret").read_text() == "   \n"  # left for her to restore
    (problem,) = second.startup_problems
    assert "Restore the file from a backup" in problem and "ID_HASH_SECRET" in problem
    assert first.id_secret not in problem
