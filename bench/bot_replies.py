"""Benchmark the Telegram bot end to end: simulated readers, the fake Bot API, real HTTP.

Two processes on loopback, as in production the bot and Telegram are two machines:
- readers: the fake Bot API server from tests/fake_bot_api.py and 1,000 simulated readers,
  one private chat each. A reader asks, waits for the reply, thinks (uniformly 0.5-1.5 times
  --think seconds) and asks again, --questions times. Time is measured here, from the update
  becoming available to getUpdates to its sendMessage arriving at the server.
- bot: the real Application from bot.app.build_application, long polling the fake server.
Prints replies per second and the p50/p90/p99/max update-to-reply time.

By default the bot's rate limiter (delivery/pacing.py: replies at most 30 a second, as
Telegram allows) is off, to measure the bot itself; --shipped turns it on, as the bot runs.
--profile runs the bot under cProfile and prints where its CPU time goes, by package.
Bounded: after --deadline seconds (default 100) it reports what it has and exits 1.

    FINDINGS_DB=var/findings.db .venv/bin/python bench/bot_replies.py [--readers 1000] [--think 6]
"""

import argparse
import asyncio
import cProfile
import multiprocessing
import pstats
import random
import resource
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
# Before bench/ on the path: `bot` is the package, not this file (bot.py).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bot_harness import TOKEN, start_app, stop_app
from fake_bot_api import FakeBotApi

from bot.app import build_application
from bot.settings import Settings
from knowledge import Knowledge

QUESTIONS = (
    "Herts robbery cancellations?",
    "how well does the Met record violent crime",
    "which forces wrongly cancelled rape reports",
    "Kent",
    "GMP grade 2016",
    "West robbery",
    "Kent vs Essex",
    "worst recording rate",
    "Leeds recording rate",
    "what is a cancelled crime",
    "Devon and Cornwall sexual offences wrongly cancelled",
    "how many forces wrongly cancelled rape",
    "Thames Valley unrecorded crimes",
    "Essex violence wrongly cancelled 2017",
    "Police Scotland recording rate",
)
FIRST_CHAT = 10_000_000


class TimedFakeBotApi(FakeBotApi):
    """The fake server, also resolving a future when the reply to a chat arrives."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.waiting: dict[int, asyncio.Future[float]] = {}
        self._handlers["sendmessage"] = self._timed_send

    async def _timed_send(self, params: dict[str, Any]) -> Any:
        result = await self._send_message(params)
        future = self.waiting.pop(params.get("chat_id"), None)  # type: ignore[arg-type]
        if future is not None and not future.done():
            future.set_result(time.perf_counter())
        return result


async def reader(
    api: TimedFakeBotApi, chat_id: int, args: argparse.Namespace, latencies: list[float]
) -> None:
    """One reader: ask, wait for the reply, think, ask again."""
    rng = random.Random(args.seed * 1_000_003 + chat_id)
    await asyncio.sleep(rng.uniform(0, args.think))  # readers arrive spread out
    for _ in range(args.questions):
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        api.waiting[chat_id] = future
        asked = time.perf_counter()
        api.push_text(chat_id, rng.choice(QUESTIONS))
        latencies.append(await future - asked)
        await asyncio.sleep(rng.uniform(0.5, 1.5) * args.think)


async def readers(args: argparse.Namespace, results: Any) -> None:
    """The readers' process: serve the fake Bot API, run the readers, send back the timings."""
    api = TimedFakeBotApi()
    await api.start()
    results.put(api.base_url)
    await api.wait_for("getUpdates", timeout=30)  # the bot is polling
    latencies: list[float] = []
    started = time.perf_counter()
    chats = [reader(api, FIRST_CHAT + n, args, latencies) for n in range(args.readers)]
    try:
        await asyncio.wait_for(asyncio.gather(*chats), args.deadline)
        finished = True
    except TimeoutError:
        finished = False
    elapsed = time.perf_counter() - started
    cpu = resource.getrusage(resource.RUSAGE_SELF).ru_utime
    results.put((latencies, elapsed, len(api.rejected), finished, cpu))
    await asyncio.sleep(0.5)  # let the bot's last requests finish
    await api.stop()


def run_readers(args: argparse.Namespace, results: Any) -> None:
    asyncio.run(readers(args, results))


async def run_bot(args: argparse.Namespace, results: Any) -> tuple[Any, ...]:
    """The bot's process (this one): poll the fake server until the readers are done."""
    base_url = await asyncio.to_thread(results.get, True, 30)
    knowledge = Knowledge.open(Settings.from_env().findings_db)
    settings = Settings(token=TOKEN, api_base_url=base_url)
    application = build_application(settings, knowledge, throttle=args.shipped)
    await start_app(application)
    try:
        return tuple(await asyncio.to_thread(results.get, True, args.deadline + 10))
    finally:
        await stop_app(application)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(latencies: list[float], elapsed: float, errors: int, args: argparse.Namespace) -> None:
    wanted = args.readers * args.questions
    ms = [1000 * value for value in latencies]
    print(
        f"readers {args.readers}, questions {len(ms)} of {wanted}, {elapsed:.1f} s, "
        f"Bot API errors {errors}"
    )
    if not ms:
        return
    print(f"replies per second: {len(ms) / elapsed:.0f} (offered load, readers thinking)")
    print(
        f"update to reply: p50 {percentile(ms, 0.5):.1f} ms, p90 {percentile(ms, 0.9):.1f} ms, "
        f"p99 {percentile(ms, 0.99):.1f} ms, max {max(ms):.1f} ms, "
        f"mean {statistics.fmean(ms):.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--readers", type=int, default=1000)
    parser.add_argument("--questions", type=int, default=3, help="per reader")
    parser.add_argument("--think", type=float, default=6.0, help="mean seconds between questions")
    parser.add_argument("--deadline", type=float, default=100.0, help="seconds, at most")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shipped", action="store_true", help="with the bot's rate limiter")
    parser.add_argument("--profile", action="store_true", help="cProfile the bot, by package")
    args = parser.parse_args()
    results = multiprocessing.get_context("spawn").Queue()
    child = multiprocessing.get_context("spawn").Process(
        target=run_readers, args=(args, results), daemon=True
    )
    child.start()
    profiler = cProfile.Profile() if args.profile else None
    try:
        if profiler:
            profiler.enable()
        latencies, elapsed, errors, finished, readers_cpu = asyncio.run(run_bot(args, results))
    finally:
        if profiler:
            profiler.disable()
        child.join(timeout=5)
        if child.is_alive():
            child.terminate()
    report(latencies, elapsed, errors, args)
    bot_cpu = resource.getrusage(resource.RUSAGE_SELF).ru_utime
    print(f"CPU seconds: bot {bot_cpu:.1f}, readers and fake Bot API {readers_cpu:.1f}")
    if latencies:
        print(f"bot CPU per question: {1000 * bot_cpu / len(latencies):.2f} ms (with start-up)")
    if profiler:
        print_profile(profiler)
    return 0 if finished else 1


def print_profile(profiler: cProfile.Profile) -> None:
    """The bot's own CPU time (tottime) by package: where the time goes."""
    stats = pstats.Stats(profiler)
    by_package: Counter[str] = Counter()
    for (filename, _, name), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "epoll" in name or "acquire" in name or name.startswith("<method 'get'"):
            continue  # waiting: the event loop idle, or a thread waiting for work
        by_package[package_of(filename, name)] += tottime
    total = sum(by_package.values())
    print(f"bot CPU under the profiler: {total:.1f} s (the profiler itself slows it down)")
    for package, seconds in by_package.most_common(12):
        print(f"  {package:<28} {seconds:6.2f} s  {seconds / total:5.1%}")


def package_of(filename: str, name: str) -> str:
    path = Path(filename)
    if filename == "~":
        return f"C {name[:24]}"
    if "site-packages" in path.parts:
        return path.parts[path.parts.index("site-packages") + 1].removesuffix(".py")
    if filename.startswith("<"):
        return "builtins (C: sockets, json, ...)"
    if "lib" in path.parts and "python3" in str(path):
        return f"stdlib {path.stem}"
    return f"ours {path.parent.name}/{path.stem}"


if __name__ == "__main__":
    sys.exit(main())
