"""Pick up new findings (after `findings-bot ingest` or `load`) without restarting the bot."""

import logging
from typing import cast

from telegram.ext import Application, ContextTypes

from bot.replies import KNOWLEDGE
from bot.settings import Settings
from knowledge import Knowledge
from knowledge.reader import open_store
from knowledge.service import keep_loaded
from knowledge.store import StoreMissing, read_data_version

logger = logging.getLogger(__name__)


async def refresh_knowledge(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reopen the findings database when its data version has changed."""
    settings = cast(Settings, context.job.data if context.job else None)
    current = cast(Knowledge, context.bot_data[KNOWLEDGE])
    version = read_data_version(settings.findings_db)
    if version is None or version == current.data_version:
        return
    try:
        fresh = Knowledge(open_store(settings.findings_db), current.renderer)
    except StoreMissing as error:
        logger.error("could not reload the findings database: %s", error)
        return
    context.bot_data[KNOWLEDGE] = fresh  # one assignment: handlers see the old or the new
    keep_loaded()  # the old one is collected, the new one kept out of full collections
    logger.info("findings reloaded: data version %s -> %s", current.data_version, version)


def register(application: Application, settings: Settings) -> None:
    """Check the findings database's data version every broadcast interval."""
    if application.job_queue is None:
        raise RuntimeError("reloading needs python-telegram-bot[job-queue]")
    application.job_queue.run_repeating(
        refresh_knowledge,
        interval=settings.broadcast_interval,
        first=settings.broadcast_interval,
        name="refresh_knowledge",
        data=settings,
    )
