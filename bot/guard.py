"""Flood control for every update a reader sends: questions, commands, buttons, stickers.

Runs before every handler (group -1). An update that counts and is over the reader's limit
gets one slow-down reply (or, for a button, one alert) and is then dropped with the ones that
follow, until the reader's minute has room again; no other handler sees it. Inline queries
(one per keystroke) and group messages not addressed to the bot do not count.
"""

from telegram import Update
from telegram.ext import ApplicationHandlerStop, filters

from bot.flood import Verdict
from bot.handlers import ADDRESSED_TO_BOT
from bot.replies import Context, flood_of, in_group, knowledge_of, say, send


def counts(update: Update) -> bool:
    """Does this update ask the bot for something?"""
    if update.callback_query is not None:
        return True
    if update.effective_message is None or update.effective_user is None:
        return False  # inline queries, membership changes, channel posts
    if not in_group(update):
        return True
    return bool(filters.COMMAND.check_update(update) or ADDRESSED_TO_BOT.check_update(update))


async def flood_guard(update: Update, context: Context) -> None:
    """Let the update through, or say "slow down" once and drop it."""
    if not isinstance(update, Update) or not counts(update):
        return
    assert update.effective_user is not None
    gate = flood_of(context)
    verdict = gate.check(update.effective_user.id)
    if verdict is Verdict.ANSWER:
        return
    if verdict is Verdict.SLOW_DOWN:
        text = say(knowledge_of(context), "slow_down", per_minute=gate.per_minute)
        if update.callback_query is not None:
            await update.callback_query.answer(text[:200], show_alert=True)
        else:
            await send(update, context, text)
    raise ApplicationHandlerStop
