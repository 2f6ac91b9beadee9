"""What became of one send: every error python-telegram-bot can raise, sorted by what it means.

The line that matters is between "Telegram did not deliver it" (an error answer, or a request
that never left) and "we do not know" (the request left, and no trustworthy answer came back:
a read timeout, a cut connection, a body that is not JSON, a 200 without a result). The first
can be retried freely; the second is "in doubt" and is sent again at most once.
"""

from dataclasses import dataclass
from enum import Enum

import aiohttp
import httpx
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)

from delivery.pacing import seconds

GONE = ("chat not found", "user is deactivated", "bot was kicked", "peer_id_invalid")
# Errors of the replies' httpx and the broadcasts' aiohttp (delivery/aiohttp_request.py) that
# mean no connection was made: the request never left.
NOT_SENT_CAUSES = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    aiohttp.ClientConnectorError,
    aiohttp.ConnectionTimeoutError,
)


class Verdict(Enum):
    SENT = "sent"
    THROTTLED = "throttled"  # 429: wait retry_after, send again (not an attempt)
    MIGRATED = "migrated"  # the group became a supergroup: send to its new id
    GONE = "gone"  # 403, or 400 chat not found: the chat is dead
    REFUSED = "refused"  # another 400: this message will never go
    NOT_SENT = "not_sent"  # 5xx, or the request never left: retry with backoff
    UNKNOWN = "unknown"  # it may have been delivered: in doubt
    UNAUTHORIZED = "unauthorized"  # 401/404: the token is wrong; stop sending


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    detail: str = ""
    retry_after: float = 0.0
    new_chat_id: int = 0


def classify(error: BaseException) -> Outcome:
    """The Outcome of a send that raised `error`."""
    detail = f"{type(error).__name__}: {error}"[:500]
    if isinstance(error, RetryAfter):
        return Outcome(Verdict.THROTTLED, detail, retry_after=seconds(error.retry_after))
    if isinstance(error, ChatMigrated):
        return Outcome(Verdict.MIGRATED, detail, new_chat_id=error.new_chat_id)
    if isinstance(error, Forbidden):
        return Outcome(Verdict.GONE, f"403: {error.message}")
    if isinstance(error, BadRequest):
        gone = any(phrase in error.message.lower() for phrase in GONE)
        return Outcome(Verdict.GONE if gone else Verdict.REFUSED, f"400: {error.message}")
    if isinstance(error, InvalidToken):
        return Outcome(Verdict.UNAUTHORIZED, detail)
    if isinstance(error, NetworkError) and _never_left(error):
        return Outcome(Verdict.NOT_SENT, detail)
    if isinstance(error, NetworkError) and error.__cause__ is None and "httpx" not in detail:
        return Outcome(Verdict.NOT_SENT, detail)  # an error status (5xx) from the server
    return Outcome(Verdict.UNKNOWN, detail)  # timeouts, cut bodies, garbled answers


def _never_left(error: NetworkError) -> bool:
    """The request never reached the server: no connection, or none free in the pool."""
    cause = error.__cause__
    if isinstance(error, TimedOut) and "Pool timeout" in error.message:
        return True
    return isinstance(cause, NOT_SENT_CAUSES)
