"""/chart QUESTION and the "Chart" button: how the forces compare, as a picture with a caption.

The chart is chosen and drawn by `knowledge` (charts.py, chart_render.py), in a worker thread so
the event loop keeps answering others; the same chart is drawn once and then served from cache.
"""

import asyncio

from telegram import Message, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.keyboards import CHART_PATTERN, QuestionBook
from bot.replies import Context, book_of, in_group, knowledge_of, say, send
from knowledge import Knowledge
from knowledge.chart_model import ChartData, NoChart
from knowledge.chart_render import render_png
from knowledge.charts import plan_chart

CHART_FILE_IDS = "chart_file_ids"  # bot_data: chart cache key -> Telegram file id
FILE_IDS_KEPT = 2_000  # a few hundred bytes each


async def chart(update: Update, context: Context) -> None:
    """/chart QUESTION: a chart of how the forces compare, with the key figures in words."""
    question = " ".join(context.args or [])
    if not question.strip():
        await send(update, context, say(knowledge_of(context), "chart_usage"))
        return
    await send_chart(update, context, question)


async def chart_button(update: Update, context: Context) -> None:
    """The "Chart" button under an answer: answer the press, then send the chart."""
    query = update.callback_query
    if query is None:
        return
    question = chart_press(query.data, book_of(context))
    if question is None:
        await query.answer(say(knowledge_of(context), "expired_button"), show_alert=True)
        return
    await query.answer()
    await send_chart(update, context, question)


async def send_chart(update: Update, context: Context, question: str) -> None:
    """Plan and draw the chart off the event loop; send it as a photo, or say why there is none.

    A chart sent before goes again by its Telegram file id: no drawing, no upload.
    """
    chat = update.effective_chat
    if chat is None:
        return
    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_PHOTO)
    knowledge, bot_name = knowledge_of(context), context.bot.username
    planned = await asyncio.to_thread(plan_chart, knowledge, question, bot_name)
    if isinstance(planned, NoChart):
        await send(update, context, planned.html)
        return
    sent_ids = context.bot_data.setdefault(CHART_FILE_IDS, {})
    file_id = sent_ids.get(planned.cache_key)
    if file_id is not None:
        try:
            await _send_photo(update, context, file_id, planned.caption)
            return
        except BadRequest:  # Telegram no longer knows the file: upload it again
            sent_ids.pop(planned.cache_key, None)
    png = await asyncio.to_thread(render_png, planned)
    message = await _send_photo(update, context, png, planned.caption)
    if message.photo:
        sent_ids[planned.cache_key] = message.photo[-1].file_id
        while len(sent_ids) > FILE_IDS_KEPT:  # oldest first: dicts keep insertion order
            del sent_ids[next(iter(sent_ids))]


async def _send_photo(
    update: Update, context: Context, photo: str | bytes, caption: str
) -> Message:
    """A quoted reply in groups (not to a button press); in the update's chat otherwise."""
    message, chat = update.effective_message, update.effective_chat
    assert chat is not None
    if message is not None:
        quote = in_group(update) and update.callback_query is None
        return await message.reply_photo(
            photo, caption=caption, parse_mode=ParseMode.HTML, do_quote=quote
        )
    return await context.bot.send_photo(chat.id, photo, caption=caption, parse_mode=ParseMode.HTML)


def draw(
    knowledge: Knowledge, question: str, bot_name: str = ""
) -> NoChart | tuple[ChartData, bytes]:
    """The chart for `question` and its PNG (from the cache when drawn before); blocking."""
    planned = plan_chart(knowledge, question, bot_name)
    if isinstance(planned, NoChart):
        return planned
    return planned, render_png(planned)


def chart_press(data: str | None, book: QuestionBook) -> str | None:
    """The question a "Chart" button carries: ``c:QUESTION``, or ``c#ID`` in the question book."""
    if not data or not data.startswith(("c:", "c#")):
        return None
    rest = data[2:]
    if data[1] == ":":
        return rest if rest.strip() else None
    try:
        return book.question(int(rest, 16))
    except ValueError:
        return None


def register(application: Application) -> None:
    """Add /chart and the Chart button's handler (before the application's fallbacks)."""
    new = filters.UpdateType.MESSAGE
    application.add_handler(CommandHandler("chart", chart, filters=new))
    application.add_handler(CallbackQueryHandler(chart_button, pattern=CHART_PATTERN))
