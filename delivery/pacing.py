"""Pacing under Telegram's flood limits: about 25 messages a second overall, 1 a second per chat.

Telegram allows about 30 messages a second per bot; broadcasts take 25 and leave the rest for
answers to readers. A 429's `retry_after` pauses every send, since the limit is per bot.
"""

import asyncio
import time
from collections.abc import Awaitable, Callable

MESSAGES_PER_SECOND = 25.0
CHAT_INTERVAL = 1.0  # seconds between two messages to one chat
_PRUNE_AT = 50_000  # chats remembered before expired entries are dropped


class Pacer:
    """Hands out send slots: evenly spaced overall, spaced per chat, and paused after a 429."""

    def __init__(
        self,
        per_second: float = MESSAGES_PER_SECOND,
        chat_interval: float = CHAT_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.interval, self.chat_interval = 1.0 / per_second, chat_interval
        self.clock, self.sleep = clock, sleep
        self._next = 0.0
        self._chat_next: dict[int, float] = {}

    async def turn(self) -> None:
        """Wait for the next overall send slot and take it."""
        now = self.clock()
        slot = max(self._next, now)
        self._next = slot + self.interval
        if slot > now:
            await self.sleep(slot - now)

    def refund(self) -> None:
        """The last slot delivered nothing (a 5xx, a refused connection): give it back."""
        self._next = max(self.clock(), self._next - self.interval)

    def pause(self, seconds: float) -> None:
        """Flood control said wait: no slot is handed out for `seconds`."""
        self._next = max(self._next, self.clock() + seconds)

    def chat_wait(self, chat_id: int) -> float:
        """Seconds until `chat_id` may get another message (0: now)."""
        return max(0.0, self._chat_next.get(chat_id, 0.0) - self.clock())

    def sent(self, chat_id: int) -> None:
        now = self.clock()
        if len(self._chat_next) >= _PRUNE_AT:
            self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
        self._chat_next[chat_id] = now + self.chat_interval
