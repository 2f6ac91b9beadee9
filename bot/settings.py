"""Settings: one frozen object, read once from the environment (see deploy/example.env)."""

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from delivery.pacing import BROADCAST_RATE, PAID_BROADCAST_RATE

CHECKOUT = Path(__file__).resolve().parent.parent
DEFAULT_DB = CHECKOUT / "var" / "findings.db"
DEFAULT_STATE_DB = DEFAULT_DB.with_name("state.db")


class SettingsError(ValueError):
    """An environment variable has a value the bot cannot use."""


@dataclass(frozen=True)
class Settings:
    """Everything the application is configured with; secrets are kept out of repr()."""

    findings_db: Path = DEFAULT_DB
    state_db: Path = DEFAULT_STATE_DB
    token: str = field(default="", repr=False)
    api_base_url: str | None = None
    admin_ids: frozenset[int] = frozenset()
    broadcast_interval: float = 60.0
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: str | None = field(default=None, repr=False)
    questions_per_minute: int = 20
    log_level: str = "INFO"
    allow_paid_broadcast: bool = False
    broadcast_rate: float = BROADCAST_RATE  # messages a second; 950 with paid broadcasts
    broadcast_in_flight: int = 8  # sends at once; 128 by default with paid broadcasts
    outbox_retention_days: float = 30.0
    question_retention_days: int = 90
    web_url: str | None = None  # the findings site (`findings-bot web`), for Data buttons

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if env is None else env
        db = Path(env.get("FINDINGS_DB") or DEFAULT_DB)
        paid = _flag(env, "FINDINGS_ALLOW_PAID_BROADCAST")  # changes the broadcast defaults
        return cls(
            findings_db=db,
            state_db=Path(env.get("FINDINGS_STATE_DB") or db.with_name("state.db")),
            token=env.get("TELEGRAM_BOT_TOKEN", "").strip(),
            api_base_url=env.get("TELEGRAM_API_BASE_URL") or None,
            admin_ids=_ids(env.get("FINDINGS_ADMIN_IDS", "")),
            broadcast_interval=_number(env, "FINDINGS_BROADCAST_INTERVAL", 60.0),
            webhook_url=env.get("FINDINGS_WEBHOOK_URL") or None,
            webhook_listen=env.get("FINDINGS_WEBHOOK_LISTEN") or "127.0.0.1",
            webhook_port=int(_number(env, "FINDINGS_WEBHOOK_PORT", 8443)),
            webhook_secret=env.get("FINDINGS_WEBHOOK_SECRET") or None,
            questions_per_minute=int(_number(env, "FINDINGS_RATE_LIMIT_PER_MINUTE", 20)),
            log_level=(env.get("FINDINGS_LOG_LEVEL") or "INFO").upper(),
            allow_paid_broadcast=paid,
            broadcast_rate=_number(
                env, "FINDINGS_BROADCAST_RATE", PAID_BROADCAST_RATE if paid else BROADCAST_RATE
            ),
            broadcast_in_flight=int(
                _number(env, "FINDINGS_BROADCAST_IN_FLIGHT", 128 if paid else 8)
            ),
            outbox_retention_days=_number(env, "FINDINGS_OUTBOX_RETENTION_DAYS", 30.0),
            question_retention_days=int(_number(env, "FINDINGS_QUESTION_RETENTION_DAYS", 90)),
            web_url=_web_url(env.get("FINDINGS_WEB_URL", "").strip()),
        )


def _flag(env: Mapping[str, str], name: str) -> bool:
    text = (env.get(name) or "").strip().lower()
    if text in ("", "0", "false", "no", "off"):
        return False
    if text in ("1", "true", "yes", "on"):
        return True
    raise SettingsError(f"{name} must be true or false, not {text!r}")


def _ids(text: str) -> frozenset[int]:
    try:
        return frozenset(int(part) for part in text.replace(" ", "").split(",") if part)
    except ValueError:
        raise SettingsError(
            "FINDINGS_ADMIN_IDS must be comma-separated Telegram user ids"
        ) from None


def _web_url(text: str) -> str | None:
    if text and not text.startswith(("https://", "http://")):
        raise SettingsError(f"FINDINGS_WEB_URL must start with https:// or http://, not {text!r}")
    return text.rstrip("/") or None


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    text = env.get(name)
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise SettingsError(f"{name} must be a number, not {text!r}") from None
    if value <= 0:
        raise SettingsError(f"{name} must be greater than 0")
    return value
