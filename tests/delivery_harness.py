"""The broadcast stack as the bot ships it: its Application's bot, limiter and Pacer."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bot_harness import bot_settings
from fake_bot_api import FakeBotApi
from telegram.ext import Application

from bot.app import build_application
from delivery.broadcast import Broadcaster, Flow, RetryPolicy
from delivery.jobs import SENDERS, pacer_of, senders_of
from delivery.sending import Sender
from delivery.state import StateDB
from knowledge import Knowledge

FORCE, TITLE = "Kent Police", "PEEL 2026"
# A send_timeout no loaded machine reaches by accident: only a fault makes a send time out.
FAST = RetryPolicy(max_attempts=3, backoff=0.05, send_timeout=5.0)
LATE = RetryPolicy(max_attempts=3, backoff=0.05, send_timeout=2.0)  # for answers that hang
HANG = 60.0  # seconds a hanging answer takes: always past LATE's timeout
QUICK = Flow(in_flight=4, chat_interval=0.01, stop_grace=0.5)


@asynccontextmanager
async def shipped_app(
    api: FakeBotApi, knowledge: Knowledge, state_db: Path, **settings: Any
) -> AsyncIterator[Application]:
    """build_application with the bot's own settings; initialised, not polling."""
    settings.setdefault("broadcast_rate", 1000.0)
    application = build_application(bot_settings(api, state_db=state_db, **settings), knowledge)
    await application.initialize()
    try:
        yield application
    finally:
        for sender in application.bot_data.pop(SENDERS, []):
            await sender.request.shutdown()
        await application.shutdown()


def broadcaster(
    app: Application, state: StateDB, policy: RetryPolicy = FAST, flow: Flow = QUICK
) -> Broadcaster:
    """A Broadcaster on the app's Pacer (the one its rate limiter uses)."""
    return Broadcaster(state, pacer_of(app.bot_data, app.bot_data["settings"]), policy, flow)


async def senders(app: Application) -> list[Sender]:
    """What the running bot broadcasts with: its bot, through the broadcast request objects."""
    return await senders_of(app, app.bot_data["settings"])


def announce(state: StateDB, chats: list[int], title: str = TITLE, force: str = FORCE) -> None:
    for chat in chats:
        state.subscriptions.add(chat, force)
    state.announcements.queue(force, title, f"<b>New inspection</b>: {title}")


def per_chat(api: FakeBotApi) -> Counter[int]:
    """Messages each chat received (answered ok, or done and answered garbled/late)."""
    return Counter(int(call.chat_id) for call in api.delivered())
