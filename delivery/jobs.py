"""The broadcaster in the running bot: made on first use, run by the JobQueue, closed at exit."""

import asyncio
import math
from collections.abc import MutableMapping
from typing import Any, cast

from telegram.ext import Application, ContextTypes

from bot.settings import Settings
from delivery.broadcast import Broadcaster, Flow, RetryPolicy
from delivery.pacing import Pacer
from delivery.sending import SENDER_POOL, Sender
from delivery.state import StateDB, close_shared_state
from knowledge.ingest import inspection_keys

BROADCASTER, PACER, SENDERS = "broadcaster", "pacer", "broadcast_bots"  # bot_data keys


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


async def senders_of(application: Application, settings: Settings) -> list[Sender]:
    """What broadcasts are sent with: the application's bot, through pools of SENDER_POOL
    connections of their own (enough for `broadcast_in_flight`), apart from the replies'."""
    if SENDERS not in application.bot_data:
        count = max(1, math.ceil(settings.broadcast_in_flight / SENDER_POOL))
        senders = [Sender.own(application.bot) for _ in range(count)]
        await asyncio.gather(*(sender.request.initialize() for sender in senders))
        application.bot_data[SENDERS] = senders
    return cast(list[Sender], application.bot_data[SENDERS])


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
    for sender in application.bot_data.pop(SENDERS, []):
        await sender.request.shutdown()
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
