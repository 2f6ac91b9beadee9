"""The broadcaster in the running bot: made on first use, run by the JobQueue, closed at exit."""

import asyncio
import math
from collections.abc import MutableMapping
from typing import Any, cast

from telegram import Bot
from telegram.ext import Application, ContextTypes, ExtBot
from telegram.request import HTTPXRequest

from bot.settings import Settings
from delivery.broadcast import Broadcaster, Flow, RetryPolicy
from delivery.pacing import Pacer
from delivery.state import StateDB, close_shared_state
from knowledge.ingest import inspection_keys

BROADCASTER, PACER, SENDERS = "broadcaster", "pacer", "broadcast_bots"  # bot_data keys
SENDER_POOL = 16  # connections per sending bot
TELEGRAM = "https://api.telegram.org/bot"


def pacer_of(bot_data: MutableMapping[str, Any], settings: Settings) -> Pacer:
    """The application's one Pacer, shared by replies (OutgoingLimiter) and broadcasts."""
    if PACER not in bot_data:
        bot_data[PACER] = Pacer(settings.broadcast_rate)
    return cast(Pacer, bot_data[PACER])


def broadcaster_of(bot_data: MutableMapping[str, Any], settings: Settings) -> Broadcaster:
    """The application's Broadcaster, made on first use (so building the app opens no file).

    It has its own connection to the state database, used from its own thread."""
    if BROADCASTER not in bot_data:
        flow = Flow(
            in_flight=settings.broadcast_in_flight,
            paid=settings.allow_paid_broadcast,
            retention=settings.outbox_retention_days * 86400,
        )
        bot_data[BROADCASTER] = Broadcaster(
            StateDB(settings.state_db),
            pacer_of(bot_data, settings),
            RetryPolicy(),
            flow,
            published=lambda: inspection_keys(settings.findings_db),
        )
    return cast(Broadcaster, bot_data[BROADCASTER])


async def senders_of(application: Application, settings: Settings) -> list[Bot]:
    """The bots broadcasts are sent with: the application's token, limiter and defaults, each
    with its own pool of SENDER_POOL connections, apart from the pool replies use."""
    if SENDERS not in application.bot_data:
        from bot.app import file_url  # the app's wiring, not imported at module load

        base = settings.api_base_url or TELEGRAM
        bots = [
            ExtBot(
                settings.token,
                base_url=base,
                base_file_url=file_url(base),
                request=HTTPXRequest(connection_pool_size=SENDER_POOL),
                defaults=application.bot.defaults,
                rate_limiter=application.bot.rate_limiter,
            )
            for _ in range(max(1, math.ceil(settings.broadcast_in_flight / SENDER_POOL)))
        ]
        await asyncio.gather(*(bot.initialize() for bot in bots))
        application.bot_data[SENDERS] = bots
    return cast(list[Bot], application.bot_data[SENDERS])


async def broadcast_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The repeating job: send whatever is queued; stop when the application stops."""
    assert context.job is not None
    settings = cast(Settings, context.job.data)
    broadcaster = broadcaster_of(context.bot_data, settings)
    application = context.application
    bots = await senders_of(application, settings)
    await broadcaster.run(bots, stop_when=lambda: not application.running)


async def close_delivery(application: Application) -> None:
    """post_shutdown: close the broadcaster's and the handlers' state-database connections."""
    for bot in application.bot_data.pop(SENDERS, []):
        await bot.shutdown()
    broadcaster = application.bot_data.pop(BROADCASTER, None)
    if broadcaster is not None:
        cast(Broadcaster, broadcaster).close()
    close_shared_state(application.bot_data)


def register(application: Application, settings: Settings) -> None:
    """Check for queued announcements every `settings.broadcast_interval` seconds."""
    if application.job_queue is None:
        raise RuntimeError("broadcasts need python-telegram-bot[job-queue]")
    application.job_queue.run_repeating(
        broadcast_job,
        interval=settings.broadcast_interval,
        first=settings.broadcast_interval,  # then every interval; a restart resumes within one
        name="broadcast",
        data=settings,
    )
