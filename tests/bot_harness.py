"""Run the real bot Application against the fake Bot API over HTTP, and check what it sent."""

from __future__ import annotations

import asyncio
import html
import re
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from fake_bot_api import Call, FakeBotApi
from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from bot.settings import Settings
from knowledge import Knowledge

TOKEN = "424242:SECRET-test-token-NEVER-LOGGED"
BOT_USERNAME = "findings_test_bot"
TELEGRAM_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre"}
    | {"tg-spoiler", "span", "blockquote", "tg-emoji"}
)
BARE_AMPERSAND = re.compile(r"&(?!(amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);)")


def bot_settings(api: FakeBotApi, **changes: Any) -> Settings:
    """Settings for a test bot: never the checkout's own state database."""
    changes.setdefault("state_db", Path(tempfile.mkdtemp(prefix="findings-test-")) / "state.db")
    return Settings(token=TOKEN, api_base_url=api.base_url, **changes)


async def start_app(application: Application) -> None:
    """What run_polling does, without the event-loop and signal handling."""
    await application.initialize()
    if application.post_init:
        await application.post_init(application)
    assert application.updater is not None
    await application.updater.start_polling(
        poll_interval=0.0, timeout=1, allowed_updates=Update.ALL_TYPES
    )
    await application.start()


async def stop_app(application: Application) -> None:
    assert application.updater is not None
    await application.updater.stop()
    await application.stop()
    await application.shutdown()


@asynccontextmanager
async def running_bot(
    api: FakeBotApi, knowledge: Knowledge, *, throttle: bool = True, **changes: Any
) -> AsyncIterator[Application]:
    application = build_application(bot_settings(api, **changes), knowledge, throttle=throttle)
    await start_app(application)
    try:
        yield application
    finally:
        await stop_app(application)


async def wait_sent(
    api: FakeBotApi, chat_id: int, count: int = 1, method: str | None = None, timeout: float = 5.0
) -> list[Call]:
    """Wait until the bot sent `count` messages (or `method` calls) to `chat_id`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout

    def sent() -> list[Call]:
        if method is None:
            return api.sent_messages(chat_id)
        return [c for c in api.calls_to(method) if str(c.chat_id) == str(chat_id)]

    while len(sent()) < count:
        if loop.time() > deadline:
            seen = [(c.method, c.chat_id) for c in api.calls]
            raise AssertionError(f"wanted {count} message(s) to {chat_id}; calls: {seen}")
        await asyncio.sleep(0.005)
    return sent()


async def settle(seconds: float = 0.3) -> None:
    """Give the bot time to do something it should not do."""
    await asyncio.sleep(seconds)


class _TagCheck(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.visible: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TELEGRAM_TAGS:
            self.problems.append(f"tag <{tag}> is not Telegram HTML")
        if tag == "a" and not dict(attrs).get("href"):
            self.problems.append("<a> without href")

    def handle_endtag(self, tag: str) -> None:
        if tag not in TELEGRAM_TAGS:
            self.problems.append(f"tag </{tag}> is not Telegram HTML")

    def handle_data(self, data: str) -> None:
        self.visible.append(data)


def telegram_html_problems(text: str) -> list[str]:
    """Why Telegram would reject `text` with parse_mode HTML (or cut it); [] when fine."""
    check = _TagCheck()
    check.feed(text)
    check.close()
    problems = check.problems
    if BARE_AMPERSAND.search(text):
        problems.append("a bare & (Telegram wants &amp;)")
    if len(html.unescape("".join(check.visible))) > 4096:
        problems.append("over 4096 characters")
    return problems


def buttons(call: Call) -> list[dict[str, Any]]:
    markup = call.params.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]
