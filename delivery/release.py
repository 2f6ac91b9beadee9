"""Release scheduled announcements at their moment: a check every second in the running bot."""

import time
from typing import cast

from telegram.ext import Application, ContextTypes

from bot.settings import Settings
from delivery.jobs import broadcaster_of, senders_of
from delivery.schedule import Schedule
from delivery.state import shared_state

CHECK_EVERY = 1.0  # seconds: an embargoed announcement goes out within a second of its moment
SCHEDULE = "schedule"  # bot_data key


async def release_scheduled(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Queue the announcements whose moment has come, and send them now."""
    settings = cast(Settings, context.job.data if context.job else None)
    if SCHEDULE not in context.bot_data:
        state = shared_state(context.bot_data, settings.state_db)
        context.bot_data[SCHEDULE] = Schedule(state.conn)
    schedule = cast(Schedule, context.bot_data[SCHEDULE])
    if schedule.release_due(time.time()):
        application = context.application
        broadcaster = broadcaster_of(context.bot_data, settings)
        senders = await senders_of(application, settings)
        await broadcaster.run(senders, stop_when=lambda: not application.running)


def register(application: Application, settings: Settings) -> None:
    if application.job_queue is None:
        raise RuntimeError("scheduled announcements need python-telegram-bot[job-queue]")
    application.job_queue.run_repeating(
        release_scheduled, interval=CHECK_EVERY, first=CHECK_EVERY, name="release", data=settings
    )
