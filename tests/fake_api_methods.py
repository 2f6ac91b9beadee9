"""The Bot API methods the fake server answers, as a mixin over FakeBotApi's state."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fake_api_wire import ApiError, Params
from fake_updates import (
    JSONDict,
    UpdateFactory,
    bot_message,
    file_dict,
    photo_sizes,
    user_dict,
)

BOT_MESSAGE_KEYS = ("message_id", "from", "chat", "date", "edit_date", "reply_markup")


class BotMethods:
    """getMe, getUpdates, send*, edit*, *MyCommands, getChatMember."""

    updates: UpdateFactory
    pending_updates: list[JSONDict]
    messages: dict[tuple[int, int], JSONDict]
    commands: dict[str, Any]
    chat_admins: dict[int, set[int]]
    calls: list[Any]
    bot_user: Callable[[], JSONDict]
    _wait_until: Callable[..., Any]

    def method_handlers(self) -> dict[str, Callable[[Params], Any]]:
        return {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "deleteWebhook": self._delete_webhook,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "editMessageText": self._edit_text,
            "editMessageReplyMarkup": self._edit_markup,
            "setMyCommands": self._set_commands,
            "getMyCommands": self._get_commands,
            "deleteMyCommands": self._delete_commands,
            "getChatMember": self._get_chat_member,
        }

    async def _true(self, params: Params) -> bool:
        return True

    async def _get_me(self, params: Params) -> JSONDict:
        return self.bot_user()

    async def _get_updates(self, params: Params) -> list[JSONDict]:
        offset, limit = int(params.get("offset") or 0), int(params.get("limit") or 100)
        if offset > 0:  # confirms every update below offset
            self.pending_updates = [u for u in self.pending_updates if u["update_id"] >= offset]
        elif offset < 0:  # keeps only the last -offset updates
            self.pending_updates = self.pending_updates[offset:]
        timeout = float(params.get("timeout") or 0)
        await self._wait_until(lambda: bool(self.pending_updates), timeout)
        return self.pending_updates[:limit]

    async def _delete_webhook(self, params: Params) -> bool:
        if params.get("drop_pending_updates"):
            self.pending_updates.clear()
        return True

    def _new_message(self, params: Params, **content: Any) -> JSONDict:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int):
            raise ApiError(400, "Bad Request: chat not found")
        message_id = self.updates.next_message_id()
        reply_markup = params.get("reply_markup")
        msg = bot_message(
            self.bot_user(), chat_id, message_id, reply_markup=reply_markup, **content
        )
        self.messages[(chat_id, message_id)] = msg
        return msg

    async def _send_message(self, params: Params) -> JSONDict:
        if not params.get("text"):
            raise ApiError(400, "Bad Request: message text is empty")
        return self._new_message(params, text=str(params["text"]), entities=params.get("entities"))

    async def _send_photo(self, params: Params) -> JSONDict:
        photo = photo_sizes(len(self.calls), params.get("photo"))
        return self._new_message(params, photo=photo, caption=params.get("caption"))

    async def _send_document(self, params: Params) -> JSONDict:
        document = file_dict("document", len(self.calls), params.get("document"))
        return self._new_message(params, document=document, caption=params.get("caption"))

    def _edit(self, params: Params, **changes: Any) -> JSONDict | bool:
        if params.get("inline_message_id"):
            return True
        chat_id, message_id = params.get("chat_id"), params.get("message_id")
        if not isinstance(chat_id, int) or not isinstance(message_id, int):
            raise ApiError(400, "Bad Request: message to edit not found")
        old = self.messages.get((chat_id, message_id), {})
        content = {k: v for k, v in old.items() if k not in BOT_MESSAGE_KEYS} | changes
        markup = params.get("reply_markup")
        msg = bot_message(self.bot_user(), chat_id, message_id, reply_markup=markup, **content)
        msg["edit_date"], msg["date"] = msg["date"], old.get("date", msg["date"])
        self.messages[(chat_id, message_id)] = msg
        return msg

    async def _edit_text(self, params: Params) -> JSONDict | bool:
        return self._edit(params, text=str(params.get("text", "")))

    async def _edit_markup(self, params: Params) -> JSONDict | bool:
        return self._edit(params)

    @staticmethod
    def _scope_key(params: Params) -> str:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps([scope, params.get("language_code", "")], sort_keys=True)

    async def _set_commands(self, params: Params) -> bool:
        self.commands[self._scope_key(params)] = params.get("commands", [])
        return True

    async def _get_commands(self, params: Params) -> Any:
        return self.commands.get(self._scope_key(params), [])

    async def _delete_commands(self, params: Params) -> bool:
        self.commands.pop(self._scope_key(params), None)
        return True

    async def _get_chat_member(self, params: Params) -> JSONDict:
        """Owners are the users in chat_admins[chat_id]; everyone else is a member."""
        chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
        user = user_dict(user_id)
        if user_id in self.chat_admins.get(chat_id, set()):
            return {"status": "creator", "user": user, "is_anonymous": False}
        return {"status": "member", "user": user}
