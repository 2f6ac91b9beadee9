"""Broadcast one announcement to N subscribers through the fake Bot API, with network latency.

The fake Bot API runs in its own process (as Telegram is another machine) and answers each
sendMessage after --latency seconds; it enforces Telegram's flood limit (30 messages a second,
or 1,000 with paid broadcasts: 429 retry_after=1 above it) and can fail a share of sends with a
500. The broadcaster is the one the bot ships: its Application's bot, rate limiter and Pacer,
with the settings' defaults (25 messages a second and 8 in flight; with --paid 1,000 and 128).
Prints achieved messages a second as a share of the configured rate, duplicates and losses, and
the CPU time each message cost the sending process (its broadcast run) and the fake server.

    .venv/bin/python bench/broadcast.py --subscribers 3000 --latency 0.03 0.08 0.15
    .venv/bin/python bench/broadcast.py --paid --subscribers 5000 --latency 0.08
"""

import argparse
import asyncio
import logging
import multiprocessing
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot_harness import TOKEN
from fake_bot_api import FakeBotApi

from bot.app import build_application
from bot.settings import Settings
from delivery.jobs import broadcaster_of, senders_of
from delivery.state import ALL_FORCES, StateDB
from knowledge import Knowledge
from knowledge.store import build_database


async def serve(latency: float, limit: int, faults: float, pipe: Any) -> None:
    api = FakeBotApi(latency=latency, rate_limit_per_second=limit, transient_fault_rate=faults)
    await api.start()
    pipe.send(api.base_url)
    cpu = time.process_time()
    await asyncio.to_thread(pipe.recv)  # the broadcast is over
    cpu = time.process_time() - cpu
    per_chat = Counter(int(call.chat_id) for call in api.delivered())
    rejected = Counter(call.error_code for call in api.rejected)
    pipe.send((dict(per_chat), dict(rejected), cpu))
    await api.stop()


def run_server(latency: float, limit: int, faults: float, pipe: Any) -> None:
    asyncio.run(serve(latency, limit, faults, pipe))


def subscribe_all(state: StateDB, count: int, force: str, title: str) -> None:
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
    state.announcements.queue(force, title, f"<b>New inspection</b>: {force}, {title}")


async def broadcast(settings: Settings, knowledge: Knowledge) -> tuple[float, float, Counter[str]]:
    """Wall seconds, CPU seconds of this process, and the outcomes of one broadcast run."""
    application = build_application(settings, knowledge)
    await application.initialize()
    try:
        broadcaster = broadcaster_of(application.bot_data, settings)
        senders = await senders_of(application, settings)
        started, cpu = time.monotonic(), time.process_time()
        outcomes = await broadcaster.run(senders)
        return time.monotonic() - started, time.process_time() - cpu, outcomes
    finally:
        for sender in senders:
            await sender.request.shutdown()
        await application.shutdown()


def one_run(args: argparse.Namespace, latency: float, folder: Path) -> None:
    env = {"FINDINGS_ALLOW_PAID_BROADCAST": "1"} if args.paid else {}
    if args.in_flight:
        env["FINDINGS_BROADCAST_IN_FLIGHT"] = str(args.in_flight)
    if args.rate:
        env["FINDINGS_BROADCAST_RATE"] = str(args.rate)
    limit = 1000 if args.paid else 30
    parent, child = multiprocessing.get_context("spawn").Pipe()
    server = multiprocessing.get_context("spawn").Process(
        target=run_server, args=(latency, limit, args.faults, child), daemon=True
    )
    server.start()
    base_url = parent.recv()
    state_db = folder / f"state-{latency}.db"
    knowledge = Knowledge.open(folder / "findings.db")
    force, title = next((f.force, f.inspection) for f in knowledge.store.facts)
    with StateDB(state_db) as state:
        subscribe_all(state, args.subscribers, force, title)
    settings = Settings.from_env(
        {**env, "FINDINGS_DB": str(folder / "findings.db"), "FINDINGS_STATE_DB": str(state_db)}
    )
    settings = Settings(**{**settings.__dict__, "token": TOKEN, "api_base_url": base_url})
    wall, cpu, outcomes = asyncio.run(broadcast(settings, knowledge))
    parent.send("done")
    per_chat, rejected, server_cpu = parent.recv()
    server.join(5)
    duplicates = sum(n - 1 for n in per_chat.values())
    losses = args.subscribers - len(per_chat)
    achieved = len(per_chat) / wall
    print(
        f"| {args.subscribers:,} | {latency * 1000:.0f} ms | {settings.broadcast_rate:g}/s "
        f"| {settings.broadcast_in_flight} | {wall:.1f} s | {achieved:.1f} "
        f"| {achieved / settings.broadcast_rate:.0%} | {duplicates} | {losses} "
        f"| {cpu / args.subscribers * 1e3:.2f} ms | {server_cpu / args.subscribers * 1e3:.2f} ms "
        f"| {dict(rejected) or '-'} | {dict(outcomes)} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=3000)
    parser.add_argument("--latency", type=float, nargs="+", default=[0.03, 0.08, 0.15])
    parser.add_argument("--paid", action="store_true", help="allow_paid_broadcast on")
    parser.add_argument("--in-flight", type=int, help="sends in flight (default: the setting's)")
    parser.add_argument("--rate", type=float, help="messages a second (default: the setting's)")
    parser.add_argument("--faults", type=float, default=0.0, help="share of sends failing 500")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print(
        "| subscribers | latency | configured rate | in flight | wall | msgs/s | of the rate "
        "| duplicates | losses | sender CPU/msg | fake server CPU/msg | server errors | outcomes |"
    )
    print("| --- " * 13 + "|")
    with tempfile.TemporaryDirectory() as folder:
        build_database(Path(folder) / "findings.db")
        for latency in args.latency:
            one_run(args, latency, Path(folder))


if __name__ == "__main__":
    main()
