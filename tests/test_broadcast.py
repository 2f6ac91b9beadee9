"""Broadcast delivery through the fake Bot API over real HTTP: every answer Telegram can give."""

import asyncio
import logging
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from delivery_harness import (
    FAST,
    FORCE,
    HANG,
    LATE,
    QUICK,
    announce,
    broadcaster,
    per_chat,
    senders,
    shipped_app,
)
from fake_api_wire import GARBLED, TRUNCATED
from fake_bot_api import FakeBotApi
from telegram.ext import Application

from bot.settings import Settings
from delivery.broadcast import Broadcaster, Flow
from delivery.state import StateDB
from knowledge import Knowledge


@pytest.fixture
def state_path(tmp_path: Path) -> Path:
    return tmp_path / "state.db"


@pytest.fixture
def state(state_path: Path) -> Iterator[StateDB]:
    db = StateDB(state_path)
    yield db
    db.close()


@pytest.fixture
async def app(
    api: FakeBotApi, knowledge: Knowledge, state_path: Path
) -> AsyncIterator[Application]:
    async with shipped_app(api, knowledge, state_path) as application:
        yield application


def undefined(state: StateDB) -> int:
    """Rows left `sending` after a run: an outcome nobody recorded."""
    return state.outbox.counts()["sending"]


async def test_each_subscriber_gets_each_announcement_once(
    api: FakeBotApi, app: Application, state: StateDB
) -> None:
    announce(state, list(range(1, 21)))
    state.subscriptions.add(99, "*")  # every force
    state.subscriptions.add(98, "Essex Police")  # another force: not this announcement
    done = await broadcaster(app, state).run(await senders(app))
    assert per_chat(api) == Counter({chat: 1 for chat in [*range(1, 21), 99]})
    assert done["sent"] == 21 and state.outbox.counts()["sent"] == 21
    assert api.delivered()[0].params["parse_mode"] == "HTML"
    assert "allow_paid_broadcast" not in api.delivered()[0].params
    assert await broadcaster(app, state).run(await senders(app)) == Counter()  # nothing twice
    assert len(api.delivered()) == 21


async def test_a_429_pauses_every_send_for_retry_after(
    api: FakeBotApi, app: Application, state: StateDB
) -> None:
    announce(state, [1, 2, 3])
    api.fail("sendMessage", retry_after=1, times=1)
    started = time.monotonic()
    one_at_a_time = Flow(in_flight=1, chat_interval=0)
    done = await broadcaster(app, state, flow=one_at_a_time).run(await senders(app))
    assert time.monotonic() - started >= 1.0
    assert done["throttled"] == 1 and per_chat(api) == Counter({1: 1, 2: 1, 3: 1})
    first_ok = min(call.at for call in api.delivered())
    assert first_ok - api.rejected[0].at >= 0.99


async def test_a_403_deactivates_the_subscriber(
    api: FakeBotApi, app: Application, state: StateDB
) -> None:
    announce(state, [1, 2, 3])
    api.fail("sendMessage", chat_id=2, error_code=403, times=None)
    done = await broadcaster(app, state).run(await senders(app))
    assert done["dead"] == 1 and per_chat(api) == Counter({1: 1, 3: 1})
    assert state.subscriptions.subscribers_for(FORCE) == [1, 3]
    announce(state, [], title="PEEL 2027")
    await broadcaster(app, state).run(await senders(app))
    assert len(api.sent_messages(2)) == 1  # never tried again
    state.subscriptions.add(2, FORCE)  # subscribing again reactivates the chat
    assert state.subscriptions.subscribers_for(FORCE) == [1, 2, 3]


async def test_a_migrated_group_follows_its_new_id(
    api: FakeBotApi, app: Application, state: StateDB
) -> None:
    announce(state, [-100, 5])
    api.fail("sendMessage", chat_id=-100, migrate_to_chat_id=-1001, times=1)
    done = await broadcaster(app, state).run(await senders(app))
    assert done["migrated"] == 1 and per_chat(api) == Counter({-1001: 1, 5: 1})
    assert state.subscriptions.of(-1001) == [FORCE] and state.subscriptions.of(-100) == []
    assert state.outbox.counts()["sent"] == 2


async def test_5xx_retry_with_backoff_then_fail_and_report(
    api: FakeBotApi, app: Application, state: StateDB, caplog: pytest.LogCaptureFixture
) -> None:
    announce(state, [1, 2, 3])
    api.fail("sendMessage", chat_id=1, times=2)  # 500 twice, then fine
    api.fail("sendMessage", chat_id=2, times=None)  # 500 for ever
    with caplog.at_level(logging.ERROR, logger="delivery.broadcast"):
        done = await broadcaster(app, state).run(await senders(app))
    assert per_chat(api) == Counter({1: 1, 3: 1})
    assert len(api.sent_messages(2)) == FAST.max_attempts
    calls = [call.at for call in api.sent_messages(1)]
    assert calls[1] - calls[0] >= FAST.backoff * 0.9
    assert calls[2] - calls[1] >= 2 * FAST.backoff * 0.9
    assert done["failed"] == 1 and state.outbox.counts()["failed"] == 1
    assert "failed after 3 attempts" in caplog.text
    [row] = state.announcements.listing()
    assert (row["sent"], row["failed"]) == (2, 1)


async def test_a_late_answer_is_in_doubt_and_sent_again_once(
    api: FakeBotApi, app: Application, state: StateDB
) -> None:
    """A read timeout: the server did deliver it (late). One more copy, never five."""
    announce(state, [1, 2])
    api.fail("sendMessage", chat_id=1, delay=HANG, times=1)
    done = await broadcaster(app, state, LATE).run(await senders(app))
    assert done["in_doubt_resent"] == 1 and done["sent_after_doubt"] == 1 and done["sent"] == 1
    assert len(api.sent_messages(1)) == 2 and state.outbox.counts()["sent"] == 2


async def test_always_late_ends_in_doubt_not_failed(
    api: FakeBotApi, app: Application, state: StateDB
) -> None:
    announce(state, [1, 2])
    api.fail("sendMessage", chat_id=1, delay=HANG, times=None)
    done = await broadcaster(app, state, LATE).run(await senders(app))
    assert len(api.sent_messages(1)) == 2  # the send and one retry
    assert done["doubt"] == 1 and done.get("failed", 0) == 0
    counts = state.outbox.counts()
    assert (counts["doubt"], counts["failed"], counts["sent"], undefined(state)) == (1, 0, 1, 0)


@pytest.mark.parametrize("garble", [*GARBLED, TRUNCATED])
async def test_a_garbled_answer_ends_in_a_defined_state_in_the_same_run(
    api: FakeBotApi, app: Application, state: StateDB, garble: str
) -> None:
    """A 200 that is not JSON, cut short, without result, with ok false, or a dropped body."""
    announce(state, [1, 2, 3])
    api.fail("sendMessage", chat_id=1, garble=garble, times=1)
    api.fail("sendMessage", chat_id=2, garble=garble, times=None)
    done = await broadcaster(app, state).run(await senders(app))
    assert undefined(state) == 0
    assert len(api.sent_messages(1)) == 2 and len(api.sent_messages(2)) == 2
    assert len(api.sent_messages(3)) == 1
    counts = state.outbox.counts()
    assert (counts["sent"], counts["doubt"], counts["failed"]) == (2, 1, 0)
    assert done["doubt"] == 1 and done["in_doubt_resent"] == 2


async def test_a_401_stops_the_run_and_loses_nothing(
    api: FakeBotApi, app: Application, state: StateDB
) -> None:
    announce(state, list(range(1, 11)))
    api.fail("sendMessage", error_code=401, times=None)
    await broadcaster(app, state, flow=Flow(in_flight=1, chat_interval=0)).run(await senders(app))
    assert len(api.sent_messages()) == 1  # it stopped at the first refusal
    assert undefined(state) == 0 and state.outbox.counts()["pending"] == 10
    api.faults.clear()
    await broadcaster(app, state).run(await senders(app))
    assert per_chat(api) == Counter({chat: 1 for chat in range(1, 11)})


async def test_pacing_overall_and_per_chat(
    api: FakeBotApi, knowledge: Knowledge, state: StateDB, state_path: Path
) -> None:
    announce(state, list(range(1, 31)))
    for title in ("PEEL 2027", "PEEL 2028"):
        announce(state, [1], title=title, force="Essex Police")  # chat 1 gets three messages
    async with shipped_app(api, knowledge, state_path, broadcast_rate=25.0) as app:
        await broadcaster(app, state, flow=Flow()).run(await senders(app))  # 25/s, 1/s per chat
    times = sorted(call.at for call in api.delivered())
    assert len(times) == 32
    assert max(sum(1 for t in times if start <= t < start + 1) for start in times) <= 26
    chat_one = [call.at for call in api.delivered(1)]
    assert all(later - earlier >= 0.99 for earlier, later in pairwise(chat_one))


async def test_one_slow_chat_does_not_stall_the_others(
    api: FakeBotApi, app: Application, state: StateDB
) -> None:
    """Chat 1's answer takes 2 s (Telegram's 1,000 a second allow 2,000 sends meanwhile): the
    29 others all reach the server before it comes back. One send at a time would hold them."""
    announce(state, list(range(1, 31)))
    slow = 2.0
    api.fail("sendMessage", chat_id=1, delay=slow, times=1)
    await broadcaster(app, state, flow=Flow(in_flight=4, chat_interval=0)).run(await senders(app))
    [chat_one] = api.sent_messages(1)  # answered late, not timed out: sent once
    others = [call.at for call in api.delivered() if call.chat_id != 1]
    assert len(others) == 29 and max(others) < chat_one.at + slow


async def test_a_group_gets_at_most_20_messages_a_minute(
    api: FakeBotApi, app: Application, state: StateDB
) -> None:
    """Telegram's limit per group, enforced by the fake on a 1-second scale: 20 in any window."""
    assert 60 / Flow().group_interval < 20  # what ships keeps under 20 a minute
    api.group_limit, api.group_window = 20, 1.0
    for year in range(2000, 2021):  # 21 announcements: one more than a window allows
        announce(state, [-700, 5], title=f"PEEL {year}")
    scaled = Flow(in_flight=4, chat_interval=0, group_interval=Flow().group_interval / 60)
    done = await broadcaster(app, state, flow=scaled).run(await senders(app))
    assert api.rejected == [] and done["sent"] == 42
    group = [call.at for call in api.delivered(-700)]
    assert max(sum(1 for t in group if start <= t < start + 1.0) for start in group) <= 20
    assert api.delivered(5)[-1].at < group[-1]  # the private chat was not held back


async def test_paid_broadcasts_ask_for_them(
    api: FakeBotApi, app: Application, state: StateDB
) -> None:
    announce(state, [1])
    await broadcaster(app, state, flow=Flow(paid=True)).run(await senders(app))
    assert api.delivered()[0].params["allow_paid_broadcast"] is True


def test_paid_broadcasts_default_to_a_rate_under_telegrams_limit() -> None:
    """At exactly 1,000 a second any jitter makes a 429 (a second's pause): keep room."""
    paid = Settings.from_env({"FINDINGS_ALLOW_PAID_BROADCAST": "true"})
    assert paid.allow_paid_broadcast and 900 <= paid.broadcast_rate < 1000
    assert paid.broadcast_in_flight == 128
    assert Settings.from_env({}).broadcast_rate < 30  # Telegram's free limit


async def test_stop_releases_waiting_rows_and_resumes(
    api: FakeBotApi, app: Application, state: StateDB
) -> None:
    announce(state, list(range(1, 41)))
    api.latency = 0.05
    sender = broadcaster(app, state, flow=Flow(in_flight=4, chat_interval=0, stop_grace=1))
    sender.pacer.broadcast_rate = 20.0
    sender.pacer.interval = 1 / 20
    task = asyncio.create_task(sender.run(await senders(app)))
    await api.wait_for("sendMessage", 10)
    asked = time.monotonic()
    sender.stop()
    await task
    assert time.monotonic() - asked < 1.0
    assert undefined(state) == 0 and 0 < state.outbox.counts()["pending"] < 31
    await broadcaster(app, state).run(await senders(app))
    assert per_chat(api) == Counter({chat: 1 for chat in range(1, 41)})


async def test_a_stop_as_rows_are_claimed_leaves_none_sending(
    api: FakeBotApi, app: Application, state: StateDB, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stop comes between a claim and its sends' first step: those rows go back."""
    announce(state, list(range(1, 11)))
    sender = broadcaster(app, state)
    real_claim, loop = state.outbox.claim_next, asyncio.get_running_loop()

    def claim_then_stop(*args: object) -> object:
        rows = real_claim(*args)  # type: ignore[arg-type]
        loop.call_soon_threadsafe(sender.stop)  # runs before the claim's result is seen
        return rows

    monkeypatch.setattr(state.outbox, "claim_next", claim_then_stop)
    await asyncio.wait_for(sender.run(await senders(app)), 5)
    assert undefined(state) == 0 and state.outbox.counts()["pending"] == 10
    assert api.sent_messages() == []


async def test_a_crash_during_sends_repeats_at_most_the_rows_in_flight(
    api: FakeBotApi, app: Application, state_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The process dies while sends are in flight: nothing after that moment is committed."""
    first = StateDB(state_path)
    announce(first, list(range(1, 41)))
    real_apply, applied, dead = first.outbox.apply, 0, False
    loop = asyncio.get_running_loop()

    def apply_until_the_crash(changes: object) -> None:
        nonlocal applied, dead
        applied += 1
        if applied == 5 and not dead:
            dead = True
            loop.call_soon_threadsafe(run.cancel)  # the process dies here
        if not dead:
            real_apply(changes)  # type: ignore[arg-type]

    monkeypatch.setattr(first.outbox, "apply", apply_until_the_crash)
    run = asyncio.create_task(broadcaster(app, first).run(await senders(app)))
    with pytest.raises(asyncio.CancelledError):
        await run
    await asyncio.sleep(0.1)
    in_doubt = first.outbox.counts()["sending"]
    first.close()
    assert 1 <= in_doubt <= QUICK.in_flight
    again = StateDB(state_path)
    done = await broadcaster(app, again).run(await senders(app))
    counts = per_chat(api)
    assert set(counts) == set(range(1, 41))  # nobody missed out
    assert sum(counts.values()) - 40 <= in_doubt  # at most the rows in flight, twice
    assert again.outbox.counts()["sent"] == 40
    assert done["sent_after_doubt"] == in_doubt
    again.close()


async def test_only_published_inspections_go_out_and_old_rows_are_pruned(
    api: FakeBotApi, app: Application, state: StateDB
) -> None:
    announce(state, [1, 2])
    announce(state, [1, 2], title="PEEL 2027")
    published = {(FORCE, "PEEL 2026")}
    sender = Broadcaster(state, broadcaster(app, state).pacer, FAST, QUICK, lambda: published)
    await sender.run(await senders(app))
    assert len(api.delivered()) == 2  # PEEL 2027's findings never reached the database
    assert [row["status"] for row in state.announcements.listing()] == ["expanded", "queued"]
    assert state.outbox.prune(time.time() + 1) == 2
    assert state.outbox.counts()["sent"] == 0
    assert state.announcements.listing()[0]["sent"] == 2  # still counted as sent
