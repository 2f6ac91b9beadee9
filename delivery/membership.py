"""Who may change a chat's subscriptions, and what happens when the bot leaves a chat."""

import logging

from telegram import ChatMember, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import Application, ChatMemberHandler

from bot.replies import Context
from delivery.state import shared_state

log = logging.getLogger(__name__)
ADMINS = (ChatMember.OWNER, ChatMember.ADMINISTRATOR)
GONE = (ChatMember.BANNED, ChatMember.LEFT)  # "kicked" (blocked, removed) and "left"


async def may_change_subscriptions(update: Update, context: Context) -> bool:
    """Anyone in a private chat; in a group, only its admins (asked with getChatMember)."""
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if chat is None or chat.type == ChatType.PRIVATE:
        return True
    if message is not None and message.sender_chat and message.sender_chat.id == chat.id:
        return True  # an anonymous admin, posting as the group
    if user is None:
        return False
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as error:  # cannot tell: refuse rather than let anyone in
        log.warning("could not check the admins of chat %s: %s", chat.id, error)
        return False
    return member.status in ADMINS


async def bot_membership_changed(update: Update, context: Context) -> None:
    """The bot was blocked, kicked or removed: stop sending to that chat at once."""
    change = update.my_chat_member
    if change is None or change.new_chat_member.status not in GONE:
        return
    state = shared_state(context.bot_data, context.bot_data["settings"].state_db)
    reason = f"my_chat_member: {change.new_chat_member.status}"
    state.chats.deactivate(change.chat.id, reason)
    log.info("chat %s %s: its deliveries stop", change.chat.id, change.new_chat_member.status)


def register(application: Application) -> None:
    application.add_handler(
        ChatMemberHandler(bot_membership_changed, ChatMemberHandler.MY_CHAT_MEMBER)
    )
