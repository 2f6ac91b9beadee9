"""What Telegram shows about the bot before anyone writes to it: description and command lists.

Set at start-up, as rules-bot does: the description (the "What can this bot do?" page), the
short description (the profile and share card) and one command list per scope: private chats,
groups (without the private-only commands) and each admin's private chat (with the admin
commands). A failure is logged and the bot carries on.
"""

import logging
from collections.abc import Awaitable, Callable

from telegram import (
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    BotCommandScopeDefault,
)
from telegram.error import TelegramError
from telegram.ext import Application

from bot.settings import Settings
from knowledge import Knowledge

logger = logging.getLogger(__name__)
PRIVATE_ONLY = frozenset({"start"})  # in a group, /start means little; the rest all work


def command_list(knowledge: Knowledge, template: str = "bot_commands.j2") -> list[BotCommand]:
    """A "command - description" template (@BotFather's format) as BotCommands."""
    text = knowledge.renderer.environments["text"].get_template(template).render()
    pairs = (line.partition(" - ") for line in text.splitlines() if " - " in line)
    return [BotCommand(name.strip().lstrip("/"), about.strip()) for name, _, about in pairs]


def scoped_commands(
    knowledge: Knowledge, settings: Settings
) -> list[tuple[BotCommandScope, list[BotCommand]]]:
    """Every scope with its command list: default, private chats, groups, each admin."""
    public = command_list(knowledge)
    groups = [c for c in public if c.command not in PRIVATE_ONLY]
    admin = public + command_list(knowledge, "bot_commands_admin.j2")
    return [
        (BotCommandScopeDefault(), public),
        (BotCommandScopeAllPrivateChats(), public),
        (BotCommandScopeAllGroupChats(), groups),
        *((BotCommandScopeChat(admin_id), admin) for admin_id in sorted(settings.admin_ids)),
    ]


async def publish_profile(
    application: Application, knowledge: Knowledge, settings: Settings
) -> None:
    """Description, short description and scoped command lists; each failure only logged."""
    bot, html = application.bot, knowledge.renderer.environments["text"]
    description = html.get_template("bot_description.j2").render().strip()
    short = html.get_template("bot_short_description.j2").render().strip()
    steps: list[tuple[str, Callable[[], Awaitable[bool]]]] = [
        ("description", lambda: bot.set_my_description(description)),
        ("short description", lambda: bot.set_my_short_description(short)),
    ]
    for scope, commands in scoped_commands(knowledge, settings):
        steps.append(
            (f"command list for {scope.type}", _commands_setter(application, commands, scope))
        )
    for what, step in steps:
        try:
            await step()
        except TelegramError as error:
            logger.warning("could not register the %s with Telegram: %s", what, error)


def _commands_setter(
    application: Application, commands: list[BotCommand], scope: BotCommandScope
) -> Callable[[], Awaitable[bool]]:
    return lambda: application.bot.set_my_commands(commands, scope=scope)
