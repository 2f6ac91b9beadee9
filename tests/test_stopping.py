"""The real bot process under SIGTERM and kill -9 in the middle of a broadcast.

SIGTERM (what `docker stop`, systemd and `timeout` send) must end the process within 5 s at
any moment, with no row half-way (`sending`), and the next start must carry on where it
stopped. kill -9 may leave the rows in flight in doubt: each is sent again once, at most.
"""

import asyncio
import os
import shutil
import signal
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from bot_harness import TOKEN
from fake_bot_api import FakeBotApi, running_fake_bot_api

from delivery.state import ALL_FORCES, StateDB
from knowledge.ingest import inspection_keys

SUBSCRIBERS = 200
IN_FLIGHT = 8  # the default FINDINGS_BROADCAST_IN_FLIGHT
CHECKOUT = Path(__file__).resolve().parent.parent


def prepare(db_path: Path, folder: Path) -> dict[str, str]:
    findings, state_db = folder / "findings.db", folder / "state.db"
    shutil.copy(db_path, findings)
    force, title = sorted(inspection_keys(findings))[0]
    with StateDB(state_db) as state:
        for chat in range(1, SUBSCRIBERS + 1):
            state.subscriptions.add(chat, ALL_FORCES)
        state.announcements.queue(force, title, f"<b>New inspection</b>: {force}, {title}")
    return {
        "FINDINGS_DB": str(findings),
        "FINDINGS_STATE_DB": str(state_db),
        "FINDINGS_BROADCAST_INTERVAL": "0.2",
        "FINDINGS_BROADCAST_RATE": "100",
        "FINDINGS_LOG_LEVEL": "WARNING",
    }


async def start_bot(api: FakeBotApi, env: dict[str, str]) -> asyncio.subprocess.Process:
    full = {**os.environ, **env, "TELEGRAM_BOT_TOKEN": TOKEN}
    full["TELEGRAM_API_BASE_URL"] = api.base_url
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", env=full, cwd=CHECKOUT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def until(predicate: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def stop(process: asyncio.subprocess.Process, how: signal.Signals) -> float:
    """Send `how`; seconds until the process had exited."""
    asked = time.monotonic()
    process.send_signal(how)
    _, err = await asyncio.wait_for(process.communicate(), 15)
    assert "Traceback" not in err.decode(), err.decode()
    return time.monotonic() - asked


def delivered(api: FakeBotApi) -> Counter[int]:
    return Counter(int(c.chat_id) for c in api.delivered() if int(c.chat_id) <= SUBSCRIBERS)


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "kill-9"])
async def test_stopping_mid_broadcast_and_starting_again(
    db_path: Path, tmp_path: Path, how: signal.Signals
) -> None:
    env = prepare(db_path, tmp_path)
    async with running_fake_bot_api(latency=0.05) as api:
        bot = await start_bot(api, env)
        await until(lambda: len(api.delivered()) >= 40, 20)
        seconds = await stop(bot, how)
        with StateDB(tmp_path / "state.db") as state:
            counts = state.outbox.counts()
        if how is signal.SIGTERM:
            assert bot.returncode == 0 and seconds < 5.0
            assert counts["sending"] == 0  # nothing half-way
        assert counts["sending"] <= IN_FLIGHT and counts["pending"] > 0
        bot = await start_bot(api, env)
        await until(lambda: len(delivered(api)) == SUBSCRIBERS, 30)
        await asyncio.sleep(0.3)
        idle_stop = await stop(bot, signal.SIGTERM)
    per_chat = delivered(api)
    duplicates = sum(n - 1 for n in per_chat.values())
    with StateDB(tmp_path / "state.db") as state:
        final = state.outbox.counts()
    print(
        f"\n{how.name}: stopped in {seconds:.2f} s; {len(per_chat)} of {SUBSCRIBERS} "
        f"delivered, {duplicates} duplicates, left in doubt {counts['sending']}; "
        f"idle stop {idle_stop:.2f} s; outbox {final}"
    )
    assert len(per_chat) == SUBSCRIBERS  # no loss
    assert duplicates <= counts["sending"] <= IN_FLIGHT
    assert final["sent"] == SUBSCRIBERS and final["sending"] == 0
    assert idle_stop < 5.0


async def test_sigterm_while_sends_hang_stops_within_5_s(db_path: Path, tmp_path: Path) -> None:
    """Telegram stops answering mid-send: the bot still stops in time, the rows in doubt."""
    env = prepare(db_path, tmp_path)
    async with running_fake_bot_api(latency=30) as api:
        bot = await start_bot(api, env)
        await until(lambda: len(api.sent_messages()) >= IN_FLIGHT, 20)
        seconds = await stop(bot, signal.SIGTERM)
    with StateDB(tmp_path / "state.db") as state:
        counts = state.outbox.counts()
        doubted = state.conn.execute("select count(*) from outbox where doubts = 1").fetchone()
    assert bot.returncode == 0 and seconds < 5.0
    assert counts["sending"] == 0 and doubted[0] == IN_FLIGHT  # each will be sent again once
