"""A fake Telegram Bot API server for end-to-end tests.

python-telegram-bot talks to it over real HTTP: ``Bot(token, base_url=api.base_url)``; PTB
appends ``{token}/{method}``. PTB posts urlencoded forms (multipart when uploading files)
whose non-string values are JSON-encoded; JSON bodies are accepted too.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from fake_updates import (
    JSONDict,
    UpdateFactory,
    bot_message,
    bot_user_dict,
    file_dict,
    photo_sizes,
)

Params = dict[str, Any]
# Free-text parameters that stay strings even when they look like JSON ("42", "true").
TEXT_PARAMS = frozenset(
    {"text", "caption", "query", "data", "description", "short_description", "title"}
    | {"callback_query_id", "inline_query_id", "inline_message_id", "next_offset"}
    | {"switch_pm_text", "switch_pm_parameter", "parse_mode", "action", "emoji"}
)
DELIVERY_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument"})
TRUE_METHODS = frozenset(
    {"answerCallbackQuery", "answerInlineQuery", "sendChatAction", "deleteMessage", "close"}
    | {"logOut", "setMyDescription", "setMyShortDescription", "setChatMenuButton"}
)
BOT_MESSAGE_KEYS = ("message_id", "from", "chat", "date", "edit_date", "reply_markup")
DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    403: "Forbidden: bot was blocked by the user",
    429: "Too Many Requests: retry after 1",
    500: "Internal Server Error",
}


@dataclass
class Call:
    """One request received. ``error_code`` is set when the fake answered with an error."""

    method: str
    params: Params  # decoded; uploaded files appear here as bytes too
    at: float  # time.time() on arrival
    files: dict[str, bytes] = field(default_factory=dict)
    error_code: int | None = None

    @property
    def ok(self) -> bool:
        return self.error_code is None

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")


@dataclass
class FaultRule:
    method: str
    chat_id: int | str | None
    times: int | None  # None: every matching call
    error_code: int | None  # None (with a delay): answer normally, only late
    description: str
    parameters: JSONDict
    delay: float | None

    def matches(self, call: Call) -> bool:
        same_chat = self.chat_id is None or str(self.chat_id) == str(call.chat_id)
        return self.method == call.method and self.times != 0 and same_chat


class ApiError(Exception):
    def __init__(self, code: int, description: str, parameters: JSONDict | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters or {}


def _decode(key: str, value: Any) -> Any:
    if not isinstance(value, str) or key in TEXT_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


async def _read_params(request: web.Request) -> tuple[Params, dict[str, bytes]]:
    raw: Params = dict(request.query)
    files: dict[str, bytes] = {}
    if request.content_type == "application/json" and request.can_read_body:
        raw.update(await request.json() or {})
    elif request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        for key, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                files[key] = value.file.read()
            elif isinstance(value, bytes | bytearray):
                files[key] = bytes(value)
            else:
                raw[key] = value
    return {key: _decode(key, value) for key, value in raw.items()} | files, files


class FakeBotApi:
    def __init__(
        self,
        *,
        port: int = 0,
        bot_id: int | None = None,
        bot_username: str = "findings_test_bot",
        bot_name: str = "Findings Bot",
        rate_limit_per_second: int | None = None,
        transient_fault_rate: float = 0.0,
        seed: int = 0,
    ) -> None:
        self._port = port
        self._bot_id, self._learn_bot_id = bot_id or 123456, bot_id is None
        self.bot_username, self.bot_name = bot_username, bot_name
        self.rate_limit_per_second = rate_limit_per_second
        self.transient_fault_rate = transient_fault_rate
        self.random = random.Random(seed)
        self.calls: list[Call] = []
        self.faults: list[FaultRule] = []
        self.updates = UpdateFactory(self.bot_user)
        self.pending_updates: list[JSONDict] = []
        self.messages: dict[tuple[int, int], JSONDict] = {}  # what the bot sent, by chat/id
        self.commands: dict[str, Any] = {}
        self._window: deque[float] = deque()
        self._changed = asyncio.Event()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._handlers: dict[str, Callable[[Params], Awaitable[Any]]] = {
            name.lower(): self._true for name in TRUE_METHODS
        }
        for name, handler in {
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
        }.items():
            self._handlers[name.lower()] = handler  # Bot API method names are case-insensitive

    # ---- lifecycle and URLs -----------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application(client_max_size=50 * 2**20)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self._port).start()
        self._port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        self._closing = True  # releases long polls and delayed answers
        self._notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}/bot"

    @property
    def file_base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}/file/bot"

    def bot_user(self) -> JSONDict:
        """The getMe User; its id is the token's numeric prefix unless ``bot_id`` was given."""
        return bot_user_dict(self._bot_id, self.bot_name, self.bot_username)

    # ---- inspection -------------------------------------------------------------------------
    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    def sent_messages(self, chat_id: int | str | None = None) -> list[Call]:
        """Every sendMessage/sendPhoto/sendDocument attempt, rejected ones included."""
        wanted = None if chat_id is None else str(chat_id)
        sends = (c for c in self.calls if c.method in DELIVERY_METHODS)
        return [c for c in sends if wanted is None or str(c.chat_id) == wanted]

    def delivered(self, chat_id: int | str | None = None) -> list[Call]:
        """Only the sends answered with ``ok: true``."""
        return [call for call in self.sent_messages(chat_id) if call.ok]

    @property
    def rejected(self) -> list[Call]:
        return [call for call in self.calls if not call.ok]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until ``count`` calls of ``method`` arrived; returns them all."""
        if not await self._wait_until(lambda: len(self.calls_to(method)) >= count, timeout):
            seen = [call.method for call in self.calls]
            raise TimeoutError(f"wanted {count} {method} call(s) within {timeout}s; saw {seen}")
        return self.calls_to(method)

    # ---- update injection -------------------------------------------------------------------
    def push_update(self, raw: JSONDict) -> JSONDict:
        update = self.updates.wrap(raw)
        self.pending_updates.append(update)
        self._notify()
        return update

    def push_text(
        self,
        chat_id: int,
        text: str,
        user_id: int | None = None,
        chat_type: str | None = None,
        reply_to_bot: bool = False,
        entities: list[JSONDict] | None = None,
    ) -> JSONDict:
        """A user's text message; a leading "/command" gets a bot_command entity."""
        update = self.updates.text(
            chat_id,
            text,
            user_id=user_id,
            chat_type=chat_type,
            reply_to_bot=reply_to_bot,
            entities=entities,
        )
        return self.push_update(update)

    def push_callback(
        self, chat_id: int, data: str, message_id: int, user_id: int | None = None
    ) -> JSONDict:
        return self.push_update(self.updates.callback(chat_id, data, message_id, user_id=user_id))

    def push_inline(self, query: str, user_id: int) -> JSONDict:
        return self.push_update(self.updates.inline(query, user_id))

    def push_sticker(self, chat_id: int, user_id: int | None = None) -> JSONDict:
        return self.push_update(self.updates.sticker(chat_id, user_id=user_id))

    # ---- fault injection --------------------------------------------------------------------
    def fail(
        self,
        method: str,
        *,
        chat_id: int | str | None = None,
        times: int | None = 1,
        error_code: int | None = None,
        description: str | None = None,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
        delay: float | None = None,
    ) -> FaultRule:
        """Answer the next ``times`` matching calls (None: all of them) with a Bot API error.

        The code defaults to 429 with ``retry_after``, 400 with ``migrate_to_chat_id``, else
        500; ``delay`` alone sleeps and then answers normally (to provoke client timeouts).
        """
        parameters: JSONDict = {}
        if retry_after is not None:
            parameters["retry_after"] = retry_after
            error_code = error_code or 429
            description = description or f"Too Many Requests: retry after {retry_after}"
        if migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = migrate_to_chat_id
            error_code = error_code or 400
            upgraded = "Bad Request: group chat was upgraded to a supergroup chat"
            description = description or upgraded
        if error_code is None and delay is None:
            error_code = 500
        default = DEFAULT_DESCRIPTIONS.get(error_code or 0, f"Error {error_code}")
        rule = FaultRule(
            method, chat_id, times, error_code, description or default, parameters, delay
        )
        self.faults.append(rule)
        return rule

    # ---- HTTP plumbing ----------------------------------------------------------------------
    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait_until(self, predicate: Callable[[], bool], timeout: float) -> bool:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0 or self._closing:
                return False
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                return predicate()
        return True

    async def _handle(self, request: web.Request) -> web.Response:
        token, method = request.match_info["token"], request.match_info["method"]
        if self._learn_bot_id and token.split(":")[0].isdigit():
            self._bot_id = int(token.split(":")[0])
        params, files = await _read_params(request)
        call = Call(method, params, time.time(), files)
        self.calls.append(call)
        self._notify()
        try:
            result = await self._dispatch(call)
        except ApiError as err:
            call.error_code = err.code
            self._notify()
            body: JSONDict = {"ok": False, "error_code": err.code, "description": err.description}
            if err.parameters:
                body["parameters"] = err.parameters
            return web.json_response(body, status=err.code)
        return web.json_response({"ok": True, "result": result})

    async def _dispatch(self, call: Call) -> Any:
        handler = self._handlers.get(call.method.lower())
        if handler is None:
            raise ApiError(404, "Not Found: method not found")
        rule = next((rule for rule in self.faults if rule.matches(call)), None)
        if rule is not None:
            if rule.times is not None:
                rule.times -= 1
            if rule.delay:
                await self._wait_until(lambda: self._closing, rule.delay)
            if rule.error_code is not None:
                raise ApiError(rule.error_code, rule.description, rule.parameters)
        if call.method in DELIVERY_METHODS:
            now = time.monotonic()
            while self._window and self._window[0] <= now - 1.0:
                self._window.popleft()
            limit = self.rate_limit_per_second
            if limit is not None and len(self._window) >= limit:
                raise ApiError(429, DEFAULT_DESCRIPTIONS[429], {"retry_after": 1})
            if self.transient_fault_rate and self.random.random() < self.transient_fault_rate:
                raise ApiError(500, DEFAULT_DESCRIPTIONS[500])
            self._window.append(now)
        return await handler(call.params)

    # ---- method handlers --------------------------------------------------------------------
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


@asynccontextmanager
async def running_fake_bot_api(**kwargs: Any) -> AsyncIterator[FakeBotApi]:
    """``async with running_fake_bot_api(rate_limit_per_second=30) as api: ...``"""
    api = FakeBotApi(**kwargs)
    await api.start()
    try:
        yield api
    finally:
        await api.stop()
