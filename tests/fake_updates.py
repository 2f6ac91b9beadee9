"""Builders for realistic Telegram Bot API objects (users, chats, messages, updates).

Used by :mod:`fake_bot_api`; the dicts have the shape the Bot API sends, so
``telegram.Update.de_json`` accepts them unchanged.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from typing import Any

JSONDict = dict[str, Any]

DEFAULT_USER_ID = 1001


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram entity offsets/lengths."""
    return len(text.encode("utf-16-le")) // 2


def user_dict(user_id: int, first_name: str = "Tester", username: str | None = None) -> JSONDict:
    user: JSONDict = {"id": user_id, "is_bot": False, "first_name": first_name}
    user["username"] = username or f"user{user_id}"
    user["language_code"] = "en"
    return user


def bot_user_dict(bot_id: int, first_name: str, username: str) -> JSONDict:
    """The User that getMe returns for a bot."""
    return {
        "id": bot_id,
        "is_bot": True,
        "first_name": first_name,
        "username": username,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": True,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def chat_dict(chat_id: int, chat_type: str | None = None) -> JSONDict:
    """A Chat: private for positive ids, supergroup for negative ones unless told otherwise."""
    kind = chat_type or ("private" if chat_id > 0 else "supergroup")
    chat: JSONDict = {"id": chat_id, "type": kind}
    if kind == "private":
        chat.update(first_name="Tester", username=f"user{chat_id}")
    else:
        chat["title"] = f"Test {kind} {chat_id}"
    return chat


def command_entities(text: str) -> list[JSONDict]:
    """A ``bot_command`` entity for a leading ``/command`` (with optional ``@botname``)."""
    if not text.startswith("/"):
        return []
    command = text.split(maxsplit=1)[0]
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]


def file_dict(kind: str, serial: int, data: Any) -> JSONDict:
    size = len(data) if isinstance(data, bytes) else 1024
    return {
        "file_id": f"fake-{kind}-{serial}",
        "file_unique_id": f"u{kind}{serial}",
        "file_size": size,
    }


def photo_sizes(serial: int, data: Any) -> list[JSONDict]:
    big = file_dict("photo", serial, data)
    small = {**big, "width": 90, "height": 67, "file_size": 999}
    small.update(file_id=big["file_id"] + "-s", file_unique_id=big["file_unique_id"] + "s")
    return [small, {**big, "width": 800, "height": 600}]


def bot_message(bot: JSONDict, chat_id: int, message_id: int, **content: Any) -> JSONDict:
    """A message sent by the bot, as sendMessage/sendPhoto/edit* return it."""
    msg: JSONDict = {"message_id": message_id, "from": bot, "chat": chat_dict(chat_id)}
    msg["date"] = int(time.time())
    markup = content.pop("reply_markup", None)
    if isinstance(markup, dict) and "inline_keyboard" in markup:  # only inline markup echoes
        msg["reply_markup"] = markup
    msg.update({key: value for key, value in content.items() if value is not None})
    return msg


class UpdateFactory:
    """Builds updates with incrementing ``update_id``s and a shared ``message_id`` counter."""

    def __init__(self, bot_user: Callable[[], JSONDict]) -> None:
        self._bot_user = bot_user
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)

    def next_message_id(self) -> int:
        return next(self._message_ids)

    def wrap(self, raw: JSONDict) -> JSONDict:
        """Give a raw update dict an ``update_id`` if it lacks one."""
        update = dict(raw)
        if "update_id" not in update:
            update["update_id"] = next(self._update_ids)
        return update

    def message(
        self,
        chat_id: int,
        *,
        user_id: int | None = None,
        chat_type: str | None = None,
        reply_to_bot: bool = False,
        **content: Any,
    ) -> JSONDict:
        sender = user_id if user_id is not None else (chat_id if chat_id > 0 else DEFAULT_USER_ID)
        chat = chat_dict(chat_id, chat_type)
        msg: JSONDict = {
            "message_id": self.next_message_id(),
            "date": int(time.time()),
            "chat": chat,
            "from": user_dict(sender),
        }
        if reply_to_bot:
            msg["reply_to_message"] = {
                "message_id": self.next_message_id(),
                "date": int(time.time()) - 60,
                "chat": chat,
                "from": self._bot_user(),
                "text": "Earlier bot message",
            }
        msg.update(content)
        return msg

    def text(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str | None = None,
        reply_to_bot: bool = False,
        entities: list[JSONDict] | None = None,
    ) -> JSONDict:
        ents = entities if entities is not None else command_entities(text)
        content: JSONDict = {"text": text}
        if ents:
            content["entities"] = ents
        msg = self.message(
            chat_id, user_id=user_id, chat_type=chat_type, reply_to_bot=reply_to_bot, **content
        )
        return self.wrap({"message": msg})

    def sticker(self, chat_id: int, *, user_id: int | None = None) -> JSONDict:
        sticker = {
            "file_id": "CAACAgIAAxkBAAIBfakesticker",
            "file_unique_id": "AgADfakesticker",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "\N{THUMBS UP SIGN}",
        }
        return self.wrap({"message": self.message(chat_id, user_id=user_id, sticker=sticker)})

    def callback(
        self, chat_id: int, data: str, message_id: int, *, user_id: int | None = None
    ) -> JSONDict:
        sender = user_id if user_id is not None else (chat_id if chat_id > 0 else DEFAULT_USER_ID)
        query = {
            "id": str(next(self._callback_ids) + 4_000_000_000),
            "from": user_dict(sender),
            "chat_instance": f"-{abs(chat_id)}777",
            "data": data,
            "message": {
                "message_id": message_id,
                "date": int(time.time()) - 5,
                "chat": chat_dict(chat_id),
                "from": self._bot_user(),
                "text": "Bot message with buttons",
            },
        }
        return self.wrap({"callback_query": query})

    def inline(self, query: str, user_id: int) -> JSONDict:
        inline = {
            "id": str(next(self._callback_ids) + 9_000_000_000),
            "from": user_dict(user_id),
            "query": query,
            "offset": "",
            "chat_type": "sender",
        }
        return self.wrap({"inline_query": inline})


def my_chat_member(
    bot: JSONDict, chat_id: int, status: str, user_id: int = DEFAULT_USER_ID
) -> JSONDict:
    """The bot's own membership of a chat changed (e.g. "kicked": blocked, "left": removed)."""
    bot_user = {k: bot[k] for k in ("id", "is_bot", "first_name", "username")}
    new: JSONDict = {"status": status, "user": bot_user}
    if status == "kicked":
        new["until_date"] = 0
    return {
        "my_chat_member": {
            "chat": chat_dict(chat_id),
            "from": user_dict(user_id),
            "date": int(time.time()),
            "old_chat_member": {"status": "member", "user": bot_user},
            "new_chat_member": new,
        }
    }
