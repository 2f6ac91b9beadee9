"""Flood control: each reader gets a number of questions a minute, and one slow-down reply."""

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

WINDOW_SECONDS = 60.0
PRUNE_EVERY = 1000  # checks between sweeps of readers who have gone quiet


class Verdict(Enum):
    """What to do with a reader's question."""

    ANSWER = "answer"
    SLOW_DOWN = "slow_down"  # over the limit: say so, this once
    IGNORE = "ignore"  # still over the limit and already told


@dataclass
class _Reader:
    asked: deque[float] = field(default_factory=deque)
    warned: bool = False


class FloodGate:
    """A sliding one-minute window of answered questions per reader.

    Only answered questions count, so a reader who keeps sending while over the limit is
    served again as soon as their earlier questions are a minute old. Readers who have been
    quiet for a minute are forgotten, so memory is bounded by the readers of the last minute.
    """

    def __init__(
        self,
        per_minute: int,
        clock: Callable[[], float] = time.monotonic,
        window: float = WINDOW_SECONDS,
    ) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self.window = window
        self.readers: dict[int, _Reader] = {}
        self._checks = 0

    def check(self, user_id: int) -> Verdict:
        """Count a question from `user_id` if it may be answered now."""
        now = self.clock()
        self._sweep(now)
        reader = self.readers.setdefault(user_id, _Reader())
        while reader.asked and reader.asked[0] <= now - self.window:
            reader.asked.popleft()
        if len(reader.asked) < self.per_minute:
            reader.asked.append(now)
            reader.warned = False
            return Verdict.ANSWER
        if reader.warned:
            return Verdict.IGNORE
        reader.warned = True
        return Verdict.SLOW_DOWN

    def _sweep(self, now: float) -> None:
        self._checks += 1
        if self._checks % PRUNE_EVERY:
            return
        quiet = [
            user_id
            for user_id, reader in self.readers.items()
            if not reader.asked or reader.asked[-1] <= now - self.window
        ]
        for user_id in quiet:
            del self.readers[user_id]
