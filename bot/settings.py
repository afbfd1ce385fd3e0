"""The bot's configuration: the only module that reads the environment."""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.language import LOCALES


class ConfigError(Exception):
    """A setting is missing or malformed; the message names the variable, never its value."""


def _int(env: Mapping[str, str], name: str, default: int | None) -> int | None:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number") from None


def _ids(env: Mapping[str, str], name: str) -> frozenset[int]:
    raw = env.get(name, "").strip()
    try:
        return frozenset(int(part) for part in raw.replace(" ", "").split(",") if part)
    except ValueError:
        raise ConfigError(
            f"{name} must be a comma-separated list of numeric Telegram ids"
        ) from None


def _url(env: Mapping[str, str], name: str, default: str) -> str:
    value = env.get(name, "").strip() or default
    if not value.startswith(("https://", "http://", "/")):
        raise ConfigError(f"{name} must be an http(s) URL or a path")
    return value


def _choice(env: Mapping[str, str], name: str, default: str, allowed: tuple[str, ...]) -> str:
    value = env.get(name, "").strip() or default
    if value not in allowed:
        raise ConfigError(f"{name} must be one of: {', '.join(allowed)}")
    return value


@dataclass(frozen=True)
class Settings:
    """Everything configurable, documented one by one in .env.example and the README."""

    data_dir: Path = Path("data")
    default_locale: str = "vi"
    log_level: str = "INFO"
    id_secret: str = field(default="", repr=False)  # keys the hashes of chat ids; never logged
    telegram_token: str | None = field(default=None, repr=False)
    telegram_mode: str = "polling"
    telegram_base_url: str | None = None  # a fake Bot API in tests, or a local Bot API server
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: str | None = field(default=None, repr=False)
    operator_chat_id: int | None = None
    operator_user_ids: frozenset[int] = frozenset()
    test_operator_chat_id: int | None = None
    tester_user_ids: frozenset[int] = frozenset()
    operator_hours: str = "08:00-22:00"
    realert_minutes: float = 5.0
    nlu_url: str | None = None
    nlu_model: Path | None = None
    max_message_chars: int = 4096  # Telegram's limit; the safety screen reads all of it
    flood_per_minute: int = 20
    # The fictional demo rows of the directory: for tests, flows and demos, never for real use.
    directory_demo: bool = False
    # The web chat (bot/channels/web): where it listens ("off": not at all), the neutral page
    # its Exit button opens, other sites allowed to call it, and its per-address limit.
    web_listen: str = "127.0.0.1"
    web_port: int = 8080
    quick_exit_url: str = "https://www.google.com/"
    web_allowed_origins: frozenset[str] = frozenset()
    web_per_address_per_minute: int = 300  # mobile carriers put many users on one address
    web_trust_proxy: bool = False  # take her address from X-Forwarded-For (Caddy, nginx)
    # What start-up had to work around, each saying what to do (logged by bot.app.build).
    startup_problems: tuple[str, ...] = ()

    @property
    def state_db(self) -> Path:
        return self.data_dir / "state.db"

    @property
    def directory_db(self) -> Path:
        return self.data_dir / "directory.db"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        data_dir = Path(env.get("DATA_DIR", "").strip() or "data")
        realert = env.get("ESCALATION_REALERT_MINUTES", "").strip()
        try:
            realert_minutes = float(realert) if realert else 5.0
        except ValueError:
            raise ConfigError("ESCALATION_REALERT_MINUTES must be a number") from None
        model = env.get("NLU_MODEL", "").strip()
        secret = env.get("ID_HASH_SECRET", "").strip()
        problems: tuple[str, ...] = ()
        if not secret:
            secret, problem = _local_secret(data_dir)
            problems = (problem,) if problem else ()
        return cls(
            data_dir=data_dir,
            default_locale=_choice(env, "DEFAULT_LOCALE", "vi", LOCALES),
            log_level=_choice(env, "LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR")),
            id_secret=secret,
            startup_problems=problems,
            telegram_token=env.get("TELEGRAM_BOT_TOKEN", "").strip() or None,
            telegram_mode=_choice(env, "TELEGRAM_MODE", "polling", ("polling", "webhook")),
            telegram_base_url=env.get("TELEGRAM_BASE_URL", "").strip() or None,
            webhook_url=env.get("WEBHOOK_URL", "").strip() or None,
            webhook_listen=env.get("WEBHOOK_LISTEN", "").strip() or "0.0.0.0",
            webhook_port=_int(env, "WEBHOOK_PORT", 8443) or 8443,
            webhook_secret=env.get("WEBHOOK_SECRET", "").strip() or None,
            operator_chat_id=_int(env, "OPERATOR_CHAT_ID", None),
            operator_user_ids=_ids(env, "OPERATOR_USER_IDS"),
            test_operator_chat_id=_int(env, "TEST_OPERATOR_CHAT_ID", None),
            tester_user_ids=_ids(env, "TESTER_USER_IDS"),
            operator_hours=env.get("OPERATOR_HOURS", "08:00-22:00").strip(),
            realert_minutes=realert_minutes,
            nlu_url=env.get("NLU_URL", "").strip() or None,
            nlu_model=Path(model) if model else None,
            max_message_chars=_int(env, "MAX_MESSAGE_CHARS", 4096) or 4096,
            flood_per_minute=_int(env, "FLOOD_PER_MINUTE", 20) or 20,
            directory_demo=_choice(env, "DIRECTORY_DEMO", "0", ("0", "1")) == "1",
            web_listen=env.get("WEB_LISTEN", "").strip() or "127.0.0.1",
            web_port=_int(env, "WEB_PORT", 8080) or 0,  # 0: any free port (printed)
            quick_exit_url=_url(env, "QUICK_EXIT_URL", "https://www.google.com/"),
            web_allowed_origins=frozenset(
                o.strip().rstrip("/")
                for o in env.get("WEB_ALLOWED_ORIGINS", "").split(",")
                if o.strip()
            ),
            web_per_address_per_minute=_int(env, "WEB_PER_ADDRESS_PER_MINUTE", 300) or 300,
            web_trust_proxy=_choice(env, "WEB_TRUST_PROXY", "0", ("0", "1")) == "1",
        ).validated()

    def validated(self) -> Settings:
        if self.telegram_mode == "webhook" and self.telegram_token and not self.webhook_url:
            raise ConfigError("WEBHOOK_URL is required when TELEGRAM_MODE=webhook")
        return self


SECRET_FILE = ".id_secret"
SECRET_LOST = (
    "DATA_DIR/.id_secret is missing, empty or unreadable, but DATA_DIR/state.db holds sessions "
    "or cases keyed by it. Restore the file from a backup, or set ID_HASH_SECRET to the old "
    "value, and restart. Until then the bot answers with a temporary key: it does not "
    "recognise earlier conversations, and open cases cannot relay."
)


def _local_secret(data_dir: Path) -> tuple[str, str | None]:
    """Without ID_HASH_SECRET, keep a random one in DATA_DIR so hashes stay stable across runs.

    Returns the secret and, when it had to be replaced while state depends on the old one, the
    problem to report. A start killed between creating and writing the file once left it empty
    and every later start failed; it is now written whole or not at all, and an empty or
    unreadable file that nothing depends on is simply made again.
    """
    path = data_dir / SECRET_FILE
    value = _read_secret(path)
    if value:
        return value, None
    if _state_depends_on_secret(data_dir):
        return secrets.token_hex(32), SECRET_LOST  # kept in memory only: the old may return
    value = secrets.token_hex(32)
    _write_atomically(path, value)
    return value, None


def _read_secret(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError, ValueError):
        return ""


def _state_depends_on_secret(data_dir: Path) -> bool:
    """True if state.db has any session or case: their keys and sealed addresses need it."""
    state = data_dir / "state.db"
    if not state.is_file():
        return False
    try:
        with closing(sqlite3.connect(f"file:{state}?mode=ro", uri=True)) as db:
            tables = {row[0] for row in db.execute("select name from sqlite_master")}
            return any(
                db.execute(f"select 1 from {table} limit 1").fetchone() is not None
                for table in ("sessions", "cases")
                if table in tables
            )
    except sqlite3.Error:
        return True  # unreadable state: do not guess, say what to do


def _write_atomically(path: Path, value: str) -> None:
    """Write a private file whole or not at all: a temporary file, fsync, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(descriptor, value.encode("ascii"))
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    os.replace(temporary, path)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
