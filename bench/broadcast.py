"""Broadcast one announcement to N subscribers through the fake Bot API.

The fake server enforces a flood limit (30 messages a second, answering 429 retry_after=1
above it) and fails 5% of sends with a 500. Prints achieved messages a second (and as a share of
the limit), duplicates, losses and wall time.

    .venv/bin/python bench/broadcast.py --subscribers 2000
"""

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fake_bot_api import running_fake_bot_api
from telegram import Bot

from delivery.broadcast import Broadcaster, RetryPolicy
from delivery.pacing import MESSAGES_PER_SECOND, Pacer
from delivery.state import ALL_FORCES, StateDB

LIMIT = 30


def subscribe_all(state: StateDB, count: int) -> None:
    """N private chats following every force, written in one transaction."""
    with state.conn:
        state.conn.executemany(
            "insert into chats (chat_id, active, since) values (?, 1, 0)",
            [(chat,) for chat in range(1, count + 1)],
        )
        state.conn.executemany(
            "insert into subscriptions (chat_id, force, since) values (?, ?, 0)",
            [(chat, ALL_FORCES) for chat in range(1, count + 1)],
        )
    state.announcements.queue(
        "Kent Police", "PEEL 2026", "<b>New inspection</b>: Kent Police, PEEL 2026"
    )


async def bench(subscribers: int, rate: float, faults: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        state = StateDB(Path(folder) / "state.db")
        subscribe_all(state, subscribers)
        broadcaster = Broadcaster(state, Pacer(rate), RetryPolicy(backoff=1.0, max_attempts=8))
        async with (
            running_fake_bot_api(rate_limit_per_second=LIMIT, transient_fault_rate=faults) as api,
            Bot("123:BENCH", base_url=api.base_url) as bot,
        ):
            started = time.monotonic()
            outcomes = await broadcaster.run(bot)
            wall = time.monotonic() - started
            per_chat = Counter(int(call.chat_id) for call in api.delivered())
            rejected = Counter(call.error_code for call in api.rejected)
        counts = state.outbox.counts()
        state.close()
    duplicates = sum(n - 1 for n in per_chat.values())
    losses = subscribers - len(per_chat)
    achieved = len(per_chat) / wall
    print(
        f"subscribers {subscribers}, pacing {rate:g}/s, server limit {LIMIT}/s, "
        f"transient faults {faults:.0%}"
    )
    print(
        f"delivered {len(per_chat)} in {wall:.1f} s: {achieved:.1f} msgs/s "
        f"= {achieved / LIMIT:.0%} of the limit"
    )
    print(f"duplicates {duplicates}, losses {losses}, outbox {counts}")
    print(f"server rejections {dict(rejected)}, broadcaster outcomes {dict(outcomes)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument(
        "--rate",
        type=float,
        default=MESSAGES_PER_SECOND,
        help="the broadcaster's pacing, messages a second (default 25)",
    )
    parser.add_argument("--faults", type=float, default=0.05, help="share of sends failing 500")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(bench(args.subscribers, args.rate, args.faults))


if __name__ == "__main__":
    main()
