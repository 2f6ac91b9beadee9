"""Inline mode: `@bot herts robbery` in any chat offers the cited answer as an article."""

import hashlib

from telegram import (
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import InlineQueryLimit, ParseMode

from bot.keyboards import source_rows
from bot.replies import Context, knowledge_of
from knowledge import Answer, Knowledge

MAX_RESULTS = 4  # one per candidate force when a question is ambiguous
CACHE_SECONDS = 300  # answers change only when the data does
TITLE_CHARS, DESCRIPTION_CHARS = 64, 160
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def inline_query(update: Update, context: Context) -> None:
    """Offer the answer to the typed question; one result per candidate when ambiguous."""
    query = update.inline_query
    if query is None:
        return
    question = query.query.strip()[: InlineQueryLimit.MAX_QUERY_LENGTH]
    results = inline_results(knowledge_of(context), question) if question else []
    await query.answer(results, cache_time=CACHE_SECONDS)


def inline_results(knowledge: Knowledge, question: str) -> list[InlineQueryResultArticle]:
    """Articles for a question: the answer, or the answers for each candidate force."""
    answer = knowledge.ask(question)
    if answer.intent == "clarify" and answer.follow_ups:
        answers = [knowledge.ask(f.question) for f in answer.follow_ups[:MAX_RESULTS]]
    else:
        answers = [answer]
    return [article(knowledge, each, n) for n, each in enumerate(answers)]


def article(knowledge: Knowledge, answer: Answer, number: int = 0) -> InlineQueryResultArticle:
    """An article whose message is the answer in HTML, with a source button if it has one."""
    html = knowledge.render(answer, "html")
    lines = [line for line in knowledge.render(answer, "text").splitlines() if line.strip()]
    rows = source_rows(answer)
    return InlineQueryResultArticle(
        id=f"{number}-{hashlib.blake2s(html.encode(), digest_size=12).hexdigest()}",
        title=_clip(lines[0] if lines else answer.question, TITLE_CHARS),
        description=_clip(" ".join(lines[1:3]), DESCRIPTION_CHARS) or None,
        input_message_content=InputTextMessageContent(
            html, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
        ),
        reply_markup=InlineKeyboardMarkup(rows) if rows else None,
    )


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
