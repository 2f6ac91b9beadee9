"""What every handler shares: the objects in bot_data, bot texts, and answering a question."""

import re
from typing import Any, cast

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, MessageLimit
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.flood import FloodGate
from bot.keyboards import QuestionBook, answer_keyboard
from bot.readers import note_question
from knowledge import Knowledge
from knowledge.conversation import Conversation

KNOWLEDGE, FLOOD, BOOK = "knowledge", "flood", "question_book"
WEB_URL = "web_url"  # bot_data: the findings site's URL (FINDINGS_WEB_URL), or None
REPLIES = "replies"  # chat_data: question message id -> the bot's answer's message id
REPLIES_KEPT = (
    100  # per chat: questions edited later than this many questions ago get a new answer
)
LIMIT = MessageLimit.MAX_TEXT_LENGTH  # 4096

Context = ContextTypes.DEFAULT_TYPE


def knowledge_of(context: Context) -> Knowledge:
    return cast(Knowledge, context.bot_data[KNOWLEDGE])


def book_of(context: Context) -> QuestionBook:
    return cast(QuestionBook, context.bot_data[BOOK])


def flood_of(context: Context) -> FloodGate:
    return cast(FloodGate, context.bot_data[FLOOD])


def say(knowledge: Knowledge, name: str, **facts: Any) -> str:
    """Render templates/bot_NAME.j2 as Telegram HTML (autoescaped)."""
    template = knowledge.renderer.environments["html"].get_template(f"bot_{name}.j2")
    text = template.render(**facts).strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def chunks(text: str, limit: int = LIMIT) -> list[str]:
    """Split text at line ends into messages of at most `limit` characters."""
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        current = line[:limit]  # a single line is never this long; a guard, not a feature
    return [*parts, current] if current else parts


def conversation_of(update: Update, context: Context) -> Conversation:
    """The chat's conversation; in a group, each member's own, so two readers do not mix."""
    chat_data = context.chat_data if context.chat_data is not None else {}
    user = update.effective_user
    key = f"conversation:{user.id}" if in_group(update) and user else "conversation"
    conversation = chat_data.get(key)
    if not isinstance(conversation, Conversation):
        conversation = chat_data[key] = Conversation()
    return conversation


def in_group(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type != ChatType.PRIVATE


async def answer_question(update: Update, context: Context, question: str) -> None:
    """Answer `question` as a new message in the chat it came from (a quoted reply in groups)."""
    text, markup = _rendered(update, context, question)
    reply = await send(update, context, text, reply_markup=markup)
    question_message = update.message
    if reply is not None and question_message is not None and context.chat_data is not None:
        replies = context.chat_data.setdefault(REPLIES, {})
        replies[question_message.message_id] = reply.message_id
        while len(replies) > REPLIES_KEPT:
            del replies[next(iter(replies))]


async def answer_edited_question(update: Update, context: Context, question: str) -> None:
    """An edited question: edit the bot's earlier answer to it, or answer anew if there is none."""
    edited, chat = update.edited_message, update.effective_chat
    replies = (context.chat_data or {}).get(REPLIES, {})
    reply_id = replies.get(edited.message_id) if edited else None
    if reply_id is None or chat is None:
        await answer_question(update, context, question)
        return
    text, markup = _rendered(update, context, question)
    try:
        await context.bot.edit_message_text(text, chat.id, reply_id, reply_markup=markup)
    except BadRequest:  # deleted, too old, or the same text: a new answer instead
        await send(update, context, text, reply_markup=markup)


async def edit_into_answer(update: Update, context: Context, question: str) -> None:
    """Replace the pressed message (a clarify question) with the answer; new message if not."""
    query = update.callback_query
    if query is None or not isinstance(query.message, Message):
        await answer_question(update, context, question)
        return
    text, markup = _rendered(update, context, question, settles_clarify=True)
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest:  # too old to edit, deleted, or unchanged
        await send(update, context, text, reply_markup=markup)


async def send(update: Update, context: Context, text: str, **kwargs: Any) -> Message | None:
    """Send `text` to the update's chat: a quoted reply to a group member's message."""
    message, chat = update.effective_message, update.effective_chat
    if message is not None:
        quote = in_group(update) and update.callback_query is None
        return await message.reply_text(text, do_quote=quote, **kwargs)
    if chat is not None:  # a button on a message too old for Telegram to show us
        return await context.bot.send_message(chat.id, text, **kwargs)
    return None


def _rendered(
    update: Update, context: Context, question: str, settles_clarify: bool = False
) -> tuple[str, InlineKeyboardMarkup | None]:
    knowledge = knowledge_of(context)
    answer = conversation_of(update, context).ask(knowledge, question)
    note_question(update, context, answer, settles_clarify)
    web_url = context.bot_data.get(WEB_URL)
    markup = answer_keyboard(answer, book_of(context), web_url, knowledge.data_version)
    return knowledge.render(answer, "html"), markup
