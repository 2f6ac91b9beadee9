"""/privacy and /forget: what the bot keeps about a chat, and deleting all of it on request.

Every table of the state database that has a `chat_id` column holds rows about one chat
(its chat row, subscriptions, deliveries); `forget_chat` deletes that chat's rows from each of
them, so a table added later is covered without a change here.
"""

import sqlite3

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.readers import question_log_of
from bot.replies import Context, knowledge_of, say, send
from bot.settings import Settings
from delivery.membership import may_change_subscriptions
from delivery.state import shared_state

FORGET_PATTERN = r"^forget:(yes|no):\d+$"
SETTINGS = "settings"


def chat_tables(conn: sqlite3.Connection) -> list[str]:
    """The state database's tables with a `chat_id` column."""
    tables = [row[0] for row in conn.execute("select name from sqlite_master where type='table'")]
    return [
        table
        for table in tables
        if any(col[1] == "chat_id" for col in conn.execute(f"pragma table_info([{table}])"))
    ]


def forget_chat(conn: sqlite3.Connection, chat_id: int) -> dict[str, int]:
    """Delete every row about `chat_id`, in one transaction; rows deleted per table."""
    with conn:
        return {
            table: conn.execute(f"delete from [{table}] where chat_id = ?", (chat_id,)).rowcount
            for table in chat_tables(conn)
        }


def cancel_unwanted_deliveries(conn: sqlite3.Connection, chat_id: int) -> int:
    """Drop the chat's queued deliveries of announcements it no longer subscribes to."""
    with conn:
        return conn.execute(
            "delete from outbox where chat_id = ? and state = 'pending' and announcement_id in "
            "(select a.id from announcements a where not exists (select 1 from subscriptions s "
            "where s.chat_id = ? and s.force in (a.force, '*')))",
            (chat_id, chat_id),
        ).rowcount


def state_connection(context: Context) -> sqlite3.Connection:
    """The connection of the application's one StateDB."""
    settings: Settings = context.bot_data[SETTINGS]
    return shared_state(context.bot_data, settings.state_db).conn


async def privacy(update: Update, context: Context) -> None:
    """Say what the bot stores about a chat, why, for how long, and how to delete it."""
    settings: Settings = context.bot_data[SETTINGS]
    days = settings.question_retention_days
    await send(update, context, say(knowledge_of(context), "privacy", retention_days=days))


async def forget(update: Update, context: Context) -> None:
    """Ask for confirmation before deleting everything about this chat."""
    user = update.effective_user
    if user is None:
        return
    knowledge = knowledge_of(context)
    if not await may_change_subscriptions(update, context):  # in groups: its admins only
        await send(update, context, say(knowledge, "forget", what="admins_only"))
        return
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    say(knowledge, "forget", what="yes_button"),
                    callback_data=f"forget:yes:{user.id}",
                ),
                InlineKeyboardButton(
                    say(knowledge, "forget", what="no_button"),
                    callback_data=f"forget:no:{user.id}",
                ),
            ]
        ]
    )
    await send(update, context, say(knowledge, "forget", what="ask"), reply_markup=keyboard)


async def forget_button(update: Update, context: Context) -> None:
    """The confirmation: only the reader who sent /forget may press it."""
    query, chat, user = update.callback_query, update.effective_chat, update.effective_user
    if query is None or query.data is None or chat is None or user is None:
        return
    _, answer, asked_by = query.data.split(":")
    knowledge = knowledge_of(context)
    if int(asked_by) != user.id:
        await query.answer(say(knowledge, "forget", what="not_yours"), show_alert=True)
        return
    await query.answer()
    if answer == "no":
        await query.edit_message_text(say(knowledge, "forget", what="kept"))
        return
    forget_everything(context, chat.id, user.id)
    await query.edit_message_text(say(knowledge, "forget", what="done"))


def forget_everything(context: Context, chat_id: int, user_id: int) -> None:
    """The state database's rows, the logged questions and the conversation of this chat."""
    forget_chat(state_connection(context), chat_id)
    question_log_of(context).forget(chat_id)
    context.application.drop_chat_data(chat_id)
    if user_id == chat_id:  # a private chat: the reader's own data too
        context.application.drop_user_data(user_id)


def register(application: Application) -> None:
    """/privacy, /forget and its confirmation button."""
    new = filters.UpdateType.MESSAGE
    application.add_handler(CommandHandler("privacy", privacy, filters=new))
    application.add_handler(CommandHandler("forget", forget, filters=new))
    application.add_handler(CallbackQueryHandler(forget_button, pattern=FORGET_PATTERN))
