"""Ways in that a reporter shares: deep links that ask a question, and /new.

A deep link ``t.me/<bot>?start=herts-robbery-cancellations`` opens the chat with
``/start herts-robbery-cancellations``; the payload is the question with its words joined by
"-" (Telegram allows A-Z, a-z, 0-9, "_" and "-", up to 64 characters).
"""

import re

from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from bot.replies import Context, answer_question

WHATS_NEW_QUESTION = "what's new"
PAYLOAD_CHARS = re.compile(r"[^A-Za-z0-9]+")
MAX_PAYLOAD = 64


def deep_link_question(payload: str) -> str:
    """The question a deep link's payload carries: its words, joined by spaces."""
    return " ".join(part for part in re.split(r"[-_]+", payload) if part)


def deep_link_payload(question: str) -> str | None:
    """The payload for a question (its words joined by "-"), or None when over 64 characters."""
    payload = PAYLOAD_CHARS.sub("-", question).strip("-").lower()
    return payload if payload and len(payload) <= MAX_PAYLOAD else None


async def whats_new(update: Update, context: Context) -> None:
    """/new: the newest inspections in the data, with what each found."""
    await answer_question(update, context, WHATS_NEW_QUESTION)


def register(application: Application) -> None:
    """/new (deep links are read by /start in bot/handlers.py)."""
    application.add_handler(CommandHandler("new", whats_new, filters=filters.UpdateType.MESSAGE))
