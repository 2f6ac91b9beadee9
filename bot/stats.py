"""/stats for admins: the week's questions, readers, answered share and deliveries."""

from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from bot.question_log import DAY
from bot.readers import question_log_of, week_numbers
from bot.replies import Context, knowledge_of, say, send
from bot.settings import Settings


async def stats(update: Update, context: Context) -> None:
    """For admins: the week's numbers, and the questions most asked without a figure."""
    text = say(knowledge_of(context), "stats", **week_numbers(context))
    await send(update, context, text)


async def prune_questions(context: Context) -> None:
    """The daily job: delete questions older than the retention period."""
    question_log_of(context).prune()


def register(application: Application, settings: Settings) -> None:
    """/stats for FINDINGS_ADMIN_IDS only (others get "unknown command"), and daily pruning."""
    admins = filters.User(user_id=settings.admin_ids)
    application.add_handler(
        CommandHandler("stats", stats, filters=filters.UpdateType.MESSAGE & admins)
    )
    if application.job_queue is not None:
        application.job_queue.run_repeating(prune_questions, interval=DAY, first=60.0)
