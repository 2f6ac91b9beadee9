"""A fake Telegram Bot API server for end-to-end tests.

python-telegram-bot talks to it over real HTTP: ``Bot(token, base_url=api.base_url)``; PTB
appends ``{token}/{method}``. PTB posts urlencoded forms (multipart when uploading files)
whose non-string values are JSON-encoded; JSON bodies are accepted too.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from fake_api_faults import FaultRule, fault_rule
from fake_api_methods import BotMethods
from fake_api_wire import DEFAULT_DESCRIPTIONS, ApiError, Params, garbled, read_params
from fake_updates import JSONDict, UpdateFactory, bot_user_dict, my_chat_member

DELIVERY_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument"})
TRUE_METHODS = frozenset(
    {"answerCallbackQuery", "answerInlineQuery", "sendChatAction", "deleteMessage", "close"}
    | {"logOut", "setMyDescription", "setMyShortDescription", "setChatMenuButton"}
)


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


class FakeBotApi(BotMethods):
    def __init__(
        self,
        *,
        port: int = 0,
        bot_id: int | None = None,
        bot_username: str = "findings_test_bot",
        bot_name: str = "Findings Bot",
        rate_limit_per_second: int | None = None,
        transient_fault_rate: float = 0.0,
        latency: float = 0.0,
        seed: int = 0,
        group_limit: int | None = None,
        group_window: float = 60.0,
    ) -> None:
        """``latency``: seconds every sendMessage/sendPhoto/sendDocument takes to answer.
        ``group_limit``: messages one group (a negative chat id) may get in ``group_window``
        seconds, then 429s (Telegram: 20 a minute)."""
        self._port = port
        self._bot_id, self._learn_bot_id = bot_id or 123456, bot_id is None
        self.bot_username, self.bot_name = bot_username, bot_name
        self.rate_limit_per_second = rate_limit_per_second
        self.transient_fault_rate = transient_fault_rate
        self.latency = latency
        self.chat_admins: dict[int, set[int]] = {}  # getChatMember: owners per chat
        self.random = random.Random(seed)
        self.calls: list[Call] = []
        self.faults: list[FaultRule] = []
        self.updates = UpdateFactory(self.bot_user)
        self.pending_updates: list[JSONDict] = []
        self.messages: dict[tuple[int, int], JSONDict] = {}  # what the bot sent, by chat/id
        self.commands: dict[str, Any] = {}
        self._window: deque[float] = deque()
        self.group_limit, self.group_window = group_limit, group_window
        self._group_windows: dict[int, deque[float]] = {}
        self._changed = asyncio.Event()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._handlers: dict[str, Callable[[Params], Awaitable[Any]]] = {
            name.lower(): self._true for name in TRUE_METHODS
        }
        for name, handler in self.method_handlers().items():
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

    def push_membership(self, chat_id: int, status: str) -> JSONDict:
        """The bot was blocked ("kicked"), removed ("left") or added ("member") in a chat."""
        return self.push_update(my_chat_member(self.bot_user(), chat_id, status))

    # ---- fault injection --------------------------------------------------------------------
    def fail(self, method: str, **how: Any) -> FaultRule:
        """Answer the next ``times`` matching calls (None: all of them) with a fault.

        Keywords: chat_id, times (1), error_code, description, retry_after (a 429),
        migrate_to_chat_id (a 400), delay (do the work, answer late), garble (do the work,
        answer with fake_api_wire.GARBLED[garble] or "truncated"). The code defaults to 500.
        """
        rule = fault_rule(method, **how)
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

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        token, method = request.match_info["token"], request.match_info["method"]
        if self._learn_bot_id and token.split(":")[0].isdigit():
            self._bot_id = int(token.split(":")[0])
        params, files = await read_params(request)
        call = Call(method, params, time.time(), files)
        self.calls.append(call)
        self._notify()
        rule = next((r for r in self.faults if r.matches(call.method, call.chat_id)), None)
        try:
            result = await self._dispatch(call, rule)
        except ApiError as err:
            call.error_code = err.code
            self._notify()
            return err.response()
        if rule is not None and rule.garble:
            return await garbled(request, rule.garble)
        return web.json_response({"ok": True, "result": result})

    async def _dispatch(self, call: Call, rule: FaultRule | None) -> Any:
        handler = self._handlers.get(call.method.lower())
        if handler is None:
            raise ApiError(404, "Not Found: method not found")
        if rule is not None:
            if rule.times is not None:
                rule.times -= 1
            if rule.delay:
                await self._wait_until(lambda: self._closing, rule.delay)
            if rule.error_code is not None:
                raise ApiError(rule.error_code, rule.description, rule.parameters)
        if call.method in DELIVERY_METHODS:
            self._admit_to_group(call.chat_id)
            self._admit()
            if self.latency:
                await asyncio.sleep(self.latency)
        return await handler(call.params)

    def _admit_to_group(self, chat_id: Any) -> None:
        """Telegram's limit per group: ``group_limit`` messages in ``group_window`` seconds."""
        if self.group_limit is None or not str(chat_id).startswith("-"):
            return
        now, window = time.monotonic(), self._group_windows.setdefault(int(chat_id), deque())
        while window and window[0] <= now - self.group_window:
            window.popleft()
        if len(window) >= self.group_limit:
            retry_after = max(1, round(window[0] + self.group_window - now))
            raise ApiError(429, DEFAULT_DESCRIPTIONS[429], {"retry_after": retry_after})
        window.append(now)

    def _admit(self) -> None:
        """The flood limit and random 5xx of a delivery method."""
        now = time.monotonic()
        while self._window and self._window[0] <= now - 1.0:
            self._window.popleft()
        limit = self.rate_limit_per_second
        if limit is not None and len(self._window) >= limit:
            raise ApiError(429, DEFAULT_DESCRIPTIONS[429], {"retry_after": 1})
        if self.transient_fault_rate and self.random.random() < self.transient_fault_rate:
            raise ApiError(500, DEFAULT_DESCRIPTIONS[500])
        self._window.append(now)


@asynccontextmanager
async def running_fake_bot_api(**kwargs: Any) -> AsyncIterator[FakeBotApi]:
    """``async with running_fake_bot_api(rate_limit_per_second=30) as api: ...``"""
    api = FakeBotApi(**kwargs)
    await api.start()
    try:
        yield api
    finally:
        await api.stop()
