"""One broadcast message on the wire: a sendMessage POST through python-telegram-bot's request.

`Bot.send_message` builds its form parameter by parameter and turns every answer into a whole
`Message` object (user, chat, entities, ...); a broadcast needs only whether it went. Here the
form is built once per message and the answer is only checked for its result: python-telegram-
bot's own request object still sends it and still turns error answers into its errors
(RetryAfter, Forbidden, BadRequest, ChatMigrated, TimedOut, NetworkError), so
delivery/outcomes.py sorts them as before. Measured with bench/broadcast.py this halves the
CPU a send costs (see README, Benchmark).

A broadcast `Sender` (`Sender.own`) is one delivery/aiohttp_request.py request object with a
small pool of its own: at Telegram's paid rate the sender is CPU-bound, and a send through
aiohttp costs a third of the CPU of one through httpx and httpcore (README, Benchmark).
"""

import json
from dataclasses import dataclass

from telegram import Bot
from telegram.error import TelegramError
from telegram.request import BaseRequest, RequestData

# The class python-telegram-bot builds each request's parameters with (internal, so pinned
# with the library's major version in pyproject.toml; a rename fails at import, in every test).
from telegram.request._requestparameter import RequestParameter

from delivery.aiohttp_request import AiohttpRequest

SENDER_POOL = 4  # connections per Sender
NO_PREVIEW = json.dumps({"is_disabled": True})


class NoResult(TelegramError):
    """A 200 answer without a result (or with ok false): it may or may not have gone."""


@dataclass(frozen=True)
class Sender:
    """Where broadcast messages go (the bot's sendMessage URL) and the request that takes them."""

    url: str
    request: BaseRequest

    @classmethod
    def of(cls, bot: Bot) -> "Sender":
        """Send with the bot's own request object (the one replies use)."""
        return cls(f"{bot.base_url}/sendMessage", bot.request)

    @classmethod
    def own(cls, bot: Bot) -> "Sender":
        """Send as `bot`, through an aiohttp request object and pool of its own."""
        return cls(f"{bot.base_url}/sendMessage", AiohttpRequest(connection_pool_size=SENDER_POOL))

    async def send(self, chat_id: int, text: str, paid: bool, timeout: float) -> None:
        """Send one HTML message without a link preview; raises python-telegram-bot's errors."""
        fields = {"chat_id": str(chat_id), "text": text, "parse_mode": "HTML"}
        fields["link_preview_options"] = NO_PREVIEW
        if paid:
            fields["allow_paid_broadcast"] = "true"
        form = RequestData([RequestParameter(name, value, None) for name, value in fields.items()])
        try:
            result = await self.request.post(
                self.url,
                form,
                read_timeout=timeout,
                write_timeout=timeout,
                connect_timeout=timeout,
                pool_timeout=timeout,
            )
        except KeyError as error:  # a 200 whose JSON has no "result"
            raise NoResult(f"answer without a result: {error}") from error
        if not isinstance(result, dict) or "message_id" not in result:
            raise NoResult(f"answer without a message: {str(result)[:100]}")
