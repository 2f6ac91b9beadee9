"""Knowing what readers ask: each question a chat gets answered goes into the question log."""

from typing import cast

from telegram import Update
from telegram.ext import ContextTypes

from bot.question_log import DAY, QuestionLog, outcome_of
from bot.settings import Settings
from delivery.state import shared_state
from knowledge import Answer

QUESTION_LOG = "question_log"  # bot_data key
Context = ContextTypes.DEFAULT_TYPE
WEEK = 7 * DAY
TOP_UNANSWERED = 5


def question_log_of(context: Context) -> QuestionLog:
    """The application's QuestionLog over the shared state database, made on first use."""
    if QUESTION_LOG not in context.bot_data:
        settings = cast(Settings, context.bot_data["settings"])
        conn = shared_state(context.bot_data, settings.state_db).conn
        context.bot_data[QUESTION_LOG] = QuestionLog(conn, settings.question_retention_days)
    return cast(QuestionLog, context.bot_data[QUESTION_LOG])


def note_question(
    update: Update, context: Context, answer: Answer, settles_clarify: bool = False
) -> None:
    """Count a question answered in a chat (inline queries are not counted: one per key)."""
    chat = update.effective_chat
    if chat is None:
        return
    log = question_log_of(context)
    outcome = outcome_of(answer)
    if settles_clarify and outcome == "answered":
        log.settle_clarify(chat.id)
    else:
        log.record(chat.id, answer.question, outcome)


def week_numbers(context: Context, now: float | None = None) -> dict[str, object]:
    """The week's questions, readers, answered share, subscriptions and deliveries."""
    log = question_log_of(context)
    since = (log.clock() if now is None else now) - WEEK
    conn = log.conn
    chats, subscriptions = conn.execute(
        "select (select count(*) from chats where active), (select count(*) from subscriptions)"
    ).fetchone()
    sent, failed = conn.execute(
        "select coalesce(sum(state = 'sent' and sent_at >= ?), 0), "
        "coalesce(sum(state in ('failed', 'dead') and updated_at >= ?), 0) from outbox",
        (since, since),
    ).fetchone()
    return {
        **log.numbers(since),
        "chats": chats,
        "subscriptions": subscriptions,
        "sent": sent,
        "failed": failed,
        "unanswered": log.unanswered(since, TOP_UNANSWERED),
    }
