"""The bot's one rate limiter for outgoing messages: replies first, broadcasts in the gaps.

Telegram allows a bot about 30 messages a second (1,000 with paid broadcasts) and pauses it
with a 429 `retry_after` when it sends more. One `Pacer` keeps both kinds of message inside
that: broadcasts get evenly spaced slots at `broadcast_rate`; a reply never waits for a
broadcast (it takes the next reply slot and pushes the broadcasts back by one slot); a 429
pauses every send for its `retry_after`. `OutgoingLimiter` plugs the Pacer into
python-telegram-bot, so every request the Application makes passes through it.
"""

import asyncio
import datetime as dt
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

BROADCAST_RATE = 25.0  # messages a second: leaves room for replies under Telegram's ~30
# With allow_paid_broadcast: Telegram allows 1,000 a second. Sent at exactly the limit, any
# jitter puts 1,001 in some second and a 429 pauses everything for a second (bench/broadcast.py:
# 1-18 429s a run at 1,000); 5% below it, none were seen.
PAID_BROADCAST_RATE = 950.0
REPLY_RATE = 30.0
PACED_METHODS = frozenset(
    {"sendmessage", "sendphoto", "senddocument", "editmessagetext", "answercallbackquery"}
)
REPLY_RETRIES = 1  # a reply hit by a 429 is sent again once, after the pause


class Pacer:
    """Hands out send slots: replies first, broadcasts evenly spaced, everyone paused by a 429."""

    def __init__(
        self,
        broadcast_rate: float = BROADCAST_RATE,
        reply_rate: float = REPLY_RATE,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.broadcast_rate = broadcast_rate
        self.interval, self.reply_interval = 1.0 / broadcast_rate, 1.0 / reply_rate
        self.clock, self.sleep = clock, sleep
        self._next = self._reply_next = self._paused_until = 0.0

    async def broadcast_turn(self) -> None:
        """Wait for the next broadcast slot and take it."""
        now = self.clock()
        slot = max(self._next, now, self._paused_until)
        self._next = slot + self.interval
        if slot > now:
            await self.sleep(slot - now)

    async def reply_turn(self) -> None:
        """Wait only for other replies (and a 429's pause); broadcasts make way."""
        now = self.clock()
        slot = max(self._reply_next, now, self._paused_until)
        self._reply_next = slot + self.reply_interval
        self._next = max(self._next, slot) + self.interval
        if slot > now:
            await self.sleep(slot - now)

    def refund(self) -> None:
        """The last broadcast slot delivered nothing (a 5xx, a refused connection)."""
        self._next = max(self.clock(), self._next - self.interval)

    def pause(self, seconds: float) -> None:
        """Flood control said wait: no slot is handed out for `seconds`."""
        self._paused_until = max(self._paused_until, self.clock() + seconds)


def seconds(retry_after: int | float | dt.timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, dt.timedelta) else retry_after


class OutgoingLimiter(BaseRateLimiter[str]):
    """python-telegram-bot's rate limiter, backed by the one Pacer.

    Messages to readers wait for a reply slot and are sent again once after a 429's pause.
    Other requests (getUpdates, getMe, setMyCommands, ...) are not paced. Broadcasts do not
    pass through here (delivery/sending.py): they take their slot from the Pacer themselves,
    and the broadcaster pauses it on a 429.
    """

    def __init__(self, pacer: Pacer) -> None:
        self.pacer = pacer

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: str | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        if endpoint.lower() not in PACED_METHODS:
            return await callback(*args, **kwargs)
        for attempt in range(REPLY_RETRIES + 1):
            await self.pacer.reply_turn()
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                self.pacer.pause(seconds(error.retry_after))
                if attempt == REPLY_RETRIES:
                    raise
        raise AssertionError("unreachable")
