"""Tell the admins in Telegram when something breaks: one message per kind of error per 10 min.

A kind is the exception's type and where it was raised (module, function). The message names
only that, and how many of the kind were held back since the last alert: never the reader's
question, chat or the error's own text (which may quote either); the log has the traceback.
"""

import logging
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from telegram import Bot
from telegram.error import TelegramError

logger = logging.getLogger(__name__)
ALERTS = "admin_alerts"  # bot_data key
QUIET_SECONDS = 600.0


def kind_of(error: BaseException) -> str:
    """`TypeError in bot.handlers.ask`: the type and the innermost frame of our own code."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/bot/" in f.filename or "/knowledge/" in f.filename]
    where = (ours or frames)[-1] if (ours or frames) else None
    place = f" in {_module(where.filename)}.{where.name}" if where else ""
    return f"{type(error).__name__}{place}"


def _module(filename: str) -> str:
    parts = filename.replace("\\", "/").removesuffix(".py").split("/")
    for root in ("bot", "knowledge"):
        if root in parts:
            return ".".join(parts[len(parts) - 1 - parts[::-1].index(root) :])
    return parts[-1]


@dataclass
class AdminAlerts:
    """Which kinds were alerted when, and how many were held back since."""

    admin_ids: frozenset[int]
    quiet_seconds: float = QUIET_SECONDS
    clock: Callable[[], float] = time.monotonic
    last_sent: dict[str, float] = field(default_factory=dict)
    held_back: dict[str, int] = field(default_factory=dict)

    def due(self, kind: str) -> int | None:
        """None to stay quiet; otherwise how many of this kind were held back before it."""
        now = self.clock()
        last = self.last_sent.get(kind)
        if last is not None and now - last < self.quiet_seconds:
            self.held_back[kind] = self.held_back.get(kind, 0) + 1
            return None
        self.last_sent[kind] = now
        return self.held_back.pop(kind, 0)

    async def alert(self, bot: Bot, error: BaseException, render: Callable[..., str]) -> None:
        """Send one alert per admin when this kind is due; a failure to send is only logged."""
        if not self.admin_ids:
            return
        kind = kind_of(error)
        held = self.due(kind)
        if held is None:
            return
        text = render(kind=kind, held_back=held, minutes=int(self.quiet_seconds // 60))
        for admin in sorted(self.admin_ids):
            try:
                await bot.send_message(admin, text)
            except TelegramError as failure:
                logger.warning("could not alert admin %s: %s", admin, failure)
