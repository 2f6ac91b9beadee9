"""The "CSV" button under an answer: the rows behind it, sent as a CSV file.

The button carries the rows' ids and the data version (``d:VERS:ID,...``, or ``d#ID`` in the
question book when that is over 64 bytes); `knowledge.export` turns them back into rows, and
refuses a button from another version of the data rather than send other rows.
"""

import io

from telegram import InputFile, Update
from telegram.constants import ChatAction, ParseMode
from telegram.ext import Application, CallbackQueryHandler

from bot.keyboards import EXPORT_PATTERN, QuestionBook
from bot.replies import Context, book_of, knowledge_of, say
from knowledge.export import rows_csv, rows_filename, rows_for_token
from knowledge.facts import Fact


async def csv_button(update: Update, context: Context) -> None:
    """The CSV button: answer the press, then send the rows as a file (or say they changed)."""
    query = update.callback_query
    if query is None:
        return
    knowledge = knowledge_of(context)
    token = export_press(query.data, book_of(context))
    rows = rows_for_token(knowledge.store.facts, knowledge.data_version, token) if token else ()
    if not rows:
        await query.answer(say(knowledge, "csv_expired"), show_alert=True)
        return
    await query.answer()
    await send_rows(update, context, rows)


async def send_rows(update: Update, context: Context, rows: tuple[Fact, ...]) -> None:
    """Send the rows as a CSV document with a caption, to the chat of the pressed message."""
    chat = update.effective_chat
    if chat is None:
        return
    knowledge = knowledge_of(context)
    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    document = InputFile(io.BytesIO(rows_csv(rows).encode("utf-8")), filename=rows_filename(rows))
    news = any(row.source_kind == "news" for row in rows)
    caption = say(
        knowledge, "csv_caption", rows=len(rows), data_version=knowledge.data_version, news=news
    )
    await context.bot.send_document(chat.id, document, caption=caption, parse_mode=ParseMode.HTML)


def export_press(data: str | None, book: QuestionBook) -> str | None:
    """The rows token a CSV button carries: ``d:TOKEN``, or ``d#ID`` in the question book."""
    if not data or not data.startswith(("d:", "d#")):
        return None
    rest = data[2:]
    if data[1] == ":":
        return rest or None
    try:
        return book.question(int(rest, 16))
    except ValueError:
        return None


def register(application: Application) -> None:
    """Add the CSV button's handler (before the application's fallbacks)."""
    application.add_handler(CallbackQueryHandler(csv_button, pattern=EXPORT_PATTERN))
