"""Handlers for commands, questions, buttons and errors: updates in, knowledge, replies out."""

import logging
import re
from collections import Counter
from functools import partial

from telegram import Message, MessageEntity, Update
from telegram.error import TelegramError
from telegram.ext import filters

from bot.alerts import ALERTS
from bot.entry_points import deep_link_question
from bot.keyboards import decode, examples_keyboard
from bot.replies import (
    Context,
    answer_edited_question,
    answer_question,
    book_of,
    chunks,
    edit_into_answer,
    knowledge_of,
    say,
    send,
)
from knowledge import Knowledge

logger = logging.getLogger(__name__)


class AddressedToBot(filters.MessageFilter):
    """A group message that mentions the bot or replies to one of its messages."""

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        replied = message.reply_to_message
        if replied and replied.from_user and replied.from_user.id == bot.id:
            return True
        mentions = message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
        return any(
            text.lower() == f"@{bot.username}".lower()
            or (entity.user is not None and entity.user.id == bot.id)
            for entity, text in mentions.items()
        )


ADDRESSED_TO_BOT = AddressedToBot(name="AddressedToBot")


async def start(update: Update, context: Context) -> None:
    """Greet the reader with example questions; a deep link's payload is asked straight away."""
    if context.args:  # t.me/<bot>?start=herts-robbery-cancellations
        await answer_question(update, context, deep_link_question(" ".join(context.args)))
        return
    user = update.effective_user
    text = say(knowledge_of(context), "start", first_name=user.first_name if user else "")
    await send(update, context, text, reply_markup=examples_keyboard(book_of(context)))


async def help_command(update: Update, context: Context) -> None:
    """Say what the bot answers and list every command."""
    knowledge = knowledge_of(context)
    commands = bot_commands(knowledge)
    text = say(knowledge, "help", commands=commands, bot_username=context.bot.username)
    await send(update, context, text)


async def forces(update: Update, context: Context) -> None:
    """List the forces and the nicknames the bot understands, in as many messages as needed."""
    knowledge = knowledge_of(context)
    nicknames: dict[str, list[str]] = {}
    for row in knowledge.store.aliases:
        if row["kind"] == "nickname":
            nicknames.setdefault(str(row["force"]), []).append(str(row["alias"]))
    listed = [
        (name, f["short_name"], nicknames.get(name, []))
        for name, f in knowledge.store.forces.items()
    ]
    for part in chunks(say(knowledge, "forces", forces=listed)):
        await send(update, context, part)


async def about(update: Update, context: Context) -> None:
    """Where the figures come from, their coverage and date, and how to read them."""
    knowledge = knowledge_of(context)
    await send(update, context, say(knowledge, "about", **coverage(knowledge)))


async def ask(update: Update, context: Context) -> None:
    """/ask QUESTION, in any chat."""
    question = " ".join(context.args or [])
    if not question.strip():
        await send(update, context, say(knowledge_of(context), "ask_usage"))
        return
    await answer_question(update, context, question)


async def private_question(update: Update, context: Context) -> None:
    """Any text in a private chat is a question."""
    if update.message and update.message.text:
        await answer_question(update, context, update.message.text)


async def edited_question(update: Update, context: Context) -> None:
    """An edited private question: answered again by editing the earlier answer."""
    if update.edited_message and update.edited_message.text:
        await answer_edited_question(update, context, update.edited_message.text)


async def group_question(update: Update, context: Context) -> None:
    """A group message addressed to the bot: the question is the text without the mention."""
    if not (update.message and update.message.text):
        return
    mention = re.compile(rf"@{re.escape(context.bot.username)}\b", re.IGNORECASE)
    question = mention.sub(" ", update.message.text).strip()
    if question:
        await answer_question(update, context, question)
    else:
        await help_command(update, context)


async def non_text(update: Update, context: Context) -> None:
    """Stickers, photos, voice and the like: ask for a question in words."""
    await send(update, context, say(knowledge_of(context), "non_text"))


async def unknown_command(update: Update, context: Context) -> None:
    """A command the bot does not have, in a private chat."""
    await send(update, context, say(knowledge_of(context), "unknown_command"))


async def button(update: Update, context: Context) -> None:
    """A pressed button: answer the callback first, then the question it carries."""
    query = update.callback_query
    if query is None:
        return
    press = decode(query.data, book_of(context))
    if press is None:
        await query.answer(say(knowledge_of(context), "expired_button"), show_alert=True)
        return
    await query.answer()
    if press.edit:
        await edit_into_answer(update, context, press.question)
    else:
        await answer_question(update, context, press.question)


async def error_handler(update: object, context: Context) -> None:
    """Log the traceback, tell the reader in one line (if there is one), alert the admins."""
    update_id = update.update_id if isinstance(update, Update) else None
    logger.error("error while handling update %s", update_id, exc_info=context.error)
    chat = update.effective_chat if isinstance(update, Update) else None
    if chat is not None:  # inline queries and the like: no chat to tell
        try:
            await context.bot.send_message(chat.id, say(knowledge_of(context), "error"))
        except TelegramError as error:  # the chat may be gone, or the API down
            logger.warning("could not tell chat %s about the error: %s", chat.id, error)
    if context.error is not None and ALERTS in context.bot_data:
        render = partial(say, knowledge_of(context), "error_alert")
        await context.bot_data[ALERTS].alert(context.bot, context.error, render)


def coverage(knowledge: Knowledge) -> dict[str, object]:
    """Facts about the data for /about."""
    store = knowledge.store
    years = [f.inspection_year for f in store.facts if f.inspection_year]
    kinds = Counter(f.source_kind for f in store.facts)
    return {
        "inspectorate": kinds["inspectorate"],
        "police_or_pcc": kinds["police_or_pcc"],
        "news": kinds["news"],
        "data_version": knowledge.data_version,
        "built_at": store.meta.get("built_at", "")[:10],
        "findings": len(store.facts),
        "forces": len(store.forces),
        "inspections": len({(f.force, f.inspection) for f in store.facts}),
        "first_year": min(years, default=None),
        "last_year": max(years, default=None),
    }


def bot_commands(knowledge: Knowledge) -> list[tuple[str, str]]:
    """The command list, from templates/bot_commands.j2 (one "command - description" a line)."""
    template = knowledge.renderer.environments["text"].get_template("bot_commands.j2")
    pairs = (line.partition(" - ") for line in template.render().splitlines() if " - " in line)
    return [(name.strip().lstrip("/"), description.strip()) for name, _, description in pairs]
