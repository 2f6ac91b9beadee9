"""Broadcast delivery through the fake Bot API over real HTTP: faults, pacing, crashes."""

import asyncio
import logging
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from fake_bot_api import FakeBotApi
from telegram import Bot

from delivery.broadcast import Broadcaster, RetryPolicy
from delivery.pacing import Pacer
from delivery.state import StateDB

TOKEN = "123:TEST"
FORCE, TITLE = "Kent Police", "PEEL 2026"
FAST = RetryPolicy(max_attempts=3, backoff=0.05, send_timeout=0.5)


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=api.base_url) as tg_bot:
        yield tg_bot


@pytest.fixture
def state_path(tmp_path: Path) -> Path:
    return tmp_path / "state.db"


@pytest.fixture
def state(state_path: Path) -> Iterator[StateDB]:
    db = StateDB(state_path)
    yield db
    db.close()


def broadcaster(
    state: StateDB,
    per_second: float = 1000,
    chat_interval: float = 0.01,
    policy: RetryPolicy = FAST,
) -> Broadcaster:
    return Broadcaster(state, Pacer(per_second, chat_interval), policy)


def announce(state: StateDB, chats: list[int], title: str = TITLE, force: str = FORCE) -> None:
    for chat in chats:
        state.subscriptions.add(chat, force)
    state.announcements.queue(force, title, f"<b>New inspection</b>: {title}")


def per_chat(api: FakeBotApi) -> Counter[int]:
    return Counter(int(call.chat_id) for call in api.delivered())


async def test_each_subscriber_gets_each_announcement_once(
    api: FakeBotApi, bot: Bot, state: StateDB
) -> None:
    announce(state, list(range(1, 21)))
    state.subscriptions.add(99, "*")  # every force
    state.subscriptions.add(98, "Essex Police")  # another force: not this announcement
    done = await broadcaster(state).run(bot)
    assert per_chat(api) == Counter({chat: 1 for chat in [*range(1, 21), 99]})
    assert done["sent"] == 21 and state.outbox.counts()["sent"] == 21
    assert api.delivered()[0].params["parse_mode"] == "HTML"
    assert await broadcaster(state).run(bot) == Counter()  # nothing twice
    assert len(api.delivered()) == 21


async def test_a_429_pauses_every_send_for_retry_after(
    api: FakeBotApi, bot: Bot, state: StateDB
) -> None:
    announce(state, [1, 2, 3])
    api.fail("sendMessage", retry_after=1, times=1)
    started = time.monotonic()
    done = await broadcaster(state).run(bot)
    assert time.monotonic() - started >= 1.0
    assert done["throttled"] == 1 and per_chat(api) == Counter({1: 1, 2: 1, 3: 1})
    first_ok = min(call.at for call in api.delivered())
    assert first_ok - api.rejected[0].at >= 0.99


async def test_a_403_deactivates_the_subscriber(api: FakeBotApi, bot: Bot, state: StateDB) -> None:
    announce(state, [1, 2, 3])
    api.fail("sendMessage", chat_id=2, error_code=403, times=None)
    done = await broadcaster(state).run(bot)
    assert done["dead"] == 1 and per_chat(api) == Counter({1: 1, 3: 1})
    assert state.subscriptions.subscribers_for(FORCE) == [1, 3]
    announce(state, [], title="PEEL 2027")
    await broadcaster(state).run(bot)
    assert len(api.sent_messages(2)) == 1  # never tried again
    state.subscriptions.add(2, FORCE)  # subscribing again reactivates the chat
    assert state.subscriptions.subscribers_for(FORCE) == [1, 2, 3]


async def test_a_migrated_group_follows_its_new_id(
    api: FakeBotApi, bot: Bot, state: StateDB
) -> None:
    announce(state, [-100, 5])
    api.fail("sendMessage", chat_id=-100, migrate_to_chat_id=-1001, times=1)
    done = await broadcaster(state).run(bot)
    assert done["migrated"] == 1 and per_chat(api) == Counter({-1001: 1, 5: 1})
    assert state.subscriptions.of(-1001) == [FORCE] and state.subscriptions.of(-100) == []
    assert state.outbox.counts()["sent"] == 2


async def test_5xx_retry_with_backoff_then_fail_and_report(
    api: FakeBotApi, bot: Bot, state: StateDB, caplog: pytest.LogCaptureFixture
) -> None:
    announce(state, [1, 2, 3])
    api.fail("sendMessage", chat_id=1, times=2)  # 500 twice, then fine
    api.fail("sendMessage", chat_id=2, times=None)  # 500 for ever
    with caplog.at_level(logging.ERROR, logger="delivery.broadcast"):
        done = await broadcaster(state).run(bot)
    assert per_chat(api) == Counter({1: 1, 3: 1})
    assert len(api.sent_messages(2)) == FAST.max_attempts
    calls = [call.at for call in api.sent_messages(1)]
    assert calls[2] - calls[1] >= 2 * (calls[1] - calls[0]) * 0.9 >= FAST.backoff * 0.9
    assert done["failed"] == 1 and state.outbox.counts()["failed"] == 1
    assert "failed after 3 attempts" in caplog.text
    [row] = state.announcements.listing()
    assert (row["sent"], row["failed"]) == (2, 1)


async def test_a_timeout_is_retried(api: FakeBotApi, bot: Bot, state: StateDB) -> None:
    """A read timeout is in doubt: the server may have delivered it (here it did, late)."""
    announce(state, [1, 2])
    api.fail("sendMessage", chat_id=1, delay=1.5, times=1)
    done = await broadcaster(state).run(bot)
    assert done["retried"] == 1 and done["sent"] == 2
    assert len(api.sent_messages(1)) == 2 and state.outbox.counts()["sent"] == 2


async def test_pacing_overall_and_per_chat(api: FakeBotApi, bot: Bot, state: StateDB) -> None:
    announce(state, list(range(1, 31)))
    for title in ("PEEL 2027", "PEEL 2028"):
        announce(state, [1], title=title, force="Essex Police")  # chat 1 gets three messages
    await Broadcaster(state).run(bot)  # the default pacing: 25/s, 1/s per chat
    times = sorted(call.at for call in api.delivered())
    assert len(times) == 32
    assert max(sum(1 for t in times if start <= t < start + 1) for start in times) <= 26
    chat_one = [call.at for call in api.delivered(1)]
    assert all(later - earlier >= 0.99 for earlier, later in pairwise(chat_one))


async def test_a_crash_between_deliveries_loses_and_repeats_nothing(
    api: FakeBotApi, bot: Bot, state_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = StateDB(state_path)
    announce(first, list(range(1, 11)))
    claims = 0
    real_claim = first.outbox.claim

    def claim_then_crash(delivery_id: int) -> int | None:
        nonlocal claims
        claims += 1
        if claims > 4:
            raise SystemExit("killed")  # the process dies before the 5th send
        return real_claim(delivery_id)

    monkeypatch.setattr(first.outbox, "claim", claim_then_crash)
    with pytest.raises(SystemExit):
        await broadcaster(first).run(bot)
    first.close()
    assert len(api.delivered()) == 4
    again = StateDB(state_path)  # a new process, the same state database
    await broadcaster(again).run(bot)
    assert per_chat(api) == Counter({chat: 1 for chat in range(1, 11)})


async def test_a_crash_between_send_and_mark_repeats_at_most_one(
    api: FakeBotApi, bot: Bot, state_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = StateDB(state_path)
    announce(first, list(range(1, 11)))
    real_mark, marked = first.outbox.mark, 0

    def mark_then_crash(delivery_id: int, state: str, *args: object, **kwargs: object) -> None:
        nonlocal marked
        if state == "sent":
            marked += 1
            if marked == 6:
                raise SystemExit("killed")  # sent, not yet marked: the window
        real_mark(delivery_id, state, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(first.outbox, "mark", mark_then_crash)
    with pytest.raises(SystemExit):
        await broadcaster(first).run(bot)
    first.close()
    again = StateDB(state_path)
    assert again.outbox.counts()["sending"] == 1
    await broadcaster(again).run(bot)
    counts = per_chat(api)
    assert set(counts) == set(range(1, 11)) and sum(counts.values()) == 11
    assert [chat for chat, n in counts.items() if n > 1] == [6]


async def test_killing_the_delivery_task_and_restarting(
    api: FakeBotApi, bot: Bot, state_path: Path
) -> None:
    first = StateDB(state_path)
    announce(first, list(range(1, 41)))
    task = asyncio.create_task(broadcaster(first, per_second=200).run(bot))
    await api.wait_for("sendMessage", 15)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    first.close()
    again = StateDB(state_path)
    await broadcaster(again).run(bot)
    counts = per_chat(api)
    assert set(counts) == set(range(1, 41))  # nobody missed out
    assert sum(counts.values()) - 40 <= 1  # at most the one message in flight, twice
    assert again.outbox.counts()["sent"] == 40
