"""Wiring: `findings-bot run`, polling vs webhook, logging without the token."""

from __future__ import annotations

import asyncio
import logging
import socket
from pathlib import Path
from typing import Any

import pytest
from bot_harness import BOT_USERNAME, TOKEN
from click.testing import CliRunner
from fake_bot_api import running_fake_bot_api
from telegram.ext import Application

import bot.app as app_module
from bot.app import TokenRedactor, build_application, file_url, run_bot
from bot.cli import main
from bot.replies import BOOK, FLOOD, KNOWLEDGE
from bot.settings import Settings
from knowledge import Knowledge


def invoke_run(env: dict[str, str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["run"], env=env)
    return result.exit_code, result.output


def test_run_without_a_token_says_how_to_get_one(db_path: Path) -> None:
    code, out = invoke_run({"TELEGRAM_BOT_TOKEN": "", "FINDINGS_DB": str(db_path)})
    assert code == 1
    assert out.count("\n") == 1 and "@BotFather" in out and "TELEGRAM_BOT_TOKEN" in out
    assert "Traceback" not in out


async def test_run_with_a_rejected_token_is_one_line(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with running_fake_bot_api(bot_username=BOT_USERNAME) as api:
        api.fail("getMe", error_code=401, description="Unauthorized", times=None)
        env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": api.base_url}
        code, out = await asyncio.to_thread(invoke_run, env | {"FINDINGS_DB": str(db_path)})
    assert code == 1 and out.count("\n") == 1
    assert "rejected TELEGRAM_BOT_TOKEN" in out and "Traceback" not in out
    assert TOKEN not in out and TOKEN not in caplog.text


def test_run_with_no_bot_api_to_reach_is_one_line(db_path: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{port}/bot"}
    code, out = invoke_run(env | {"FINDINGS_DB": str(db_path)})
    assert code == 1 and out.count("\n") == 1 and "could not reach" in out
    assert TOKEN not in out


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """run_bot with the token check and the run_* loops replaced by recorders."""
    calls: dict[str, Any] = {}

    async def token_ok(bot: object) -> None:
        calls["checked"] = True

    monkeypatch.setattr(app_module, "_check_token", token_ok)
    monkeypatch.setattr(Application, "run_polling", lambda self, **kw: calls.update(polling=kw))
    monkeypatch.setattr(Application, "run_webhook", lambda self, **kw: calls.update(webhook=kw))
    yield calls
    asyncio.get_event_loop().close()
    asyncio.set_event_loop(None)


def test_polling_by_default(started: dict[str, Any], knowledge: Knowledge) -> None:
    run_bot(Settings(token=TOKEN), knowledge)
    assert started["checked"] and "webhook" not in started
    assert "callback_query" in started["polling"]["allowed_updates"]


def test_webhook_when_a_url_is_set(started: dict[str, Any], knowledge: Knowledge) -> None:
    settings = Settings(
        token=TOKEN,
        webhook_url="https://bot.example.org/telegram",
        webhook_listen="0.0.0.0",
        webhook_port=8443,
        webhook_secret="s3cret_-",
    )
    run_bot(settings, knowledge)
    hook = started["webhook"]
    assert hook["url_path"] == "telegram" and hook["webhook_url"] == settings.webhook_url
    assert (hook["listen"], hook["port"], hook["secret_token"]) == ("0.0.0.0", 8443, "s3cret_-")
    assert "polling" not in started


def test_build_application_puts_shared_objects_in_bot_data(knowledge: Knowledge) -> None:
    settings = Settings(token=TOKEN, api_base_url="http://127.0.0.1:8081/bot")
    application = build_application(settings, knowledge)
    assert application.bot_data[KNOWLEDGE] is knowledge
    assert {FLOOD, BOOK} <= set(application.bot_data)
    assert application.bot.base_url == f"http://127.0.0.1:8081/bot{TOKEN}"
    assert application.bot.base_file_url == f"http://127.0.0.1:8081/file/bot{TOKEN}"
    assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING


@pytest.mark.parametrize(
    ("base", "files"),
    [
        ("http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/file/bot"),
        ("https://api.telegram.org/bot/", "https://api.telegram.org/file/bot"),
    ],
)
def test_file_url(base: str, files: str) -> None:
    assert file_url(base) == files


def test_token_redactor_cleans_messages_and_tracebacks() -> None:
    try:
        raise ValueError(f"The token `{TOKEN}` was rejected by the server.")
    except ValueError as error:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "url %s", (f"/bot{TOKEN}/getMe",), None
        )
        record.exc_info = (ValueError, error, error.__traceback__)
    assert TokenRedactor(TOKEN).filter(record)
    text = logging.Formatter().format(record)
    assert TOKEN not in text and "/bot<token>/getMe" in text and "`<token>`" in text
