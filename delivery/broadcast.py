"""Send queued announcements to subscribers: paced, retried, exactly once barring a crash.

Each delivery is committed as `sending` just before its request and as `sent` just after, one
at a time. A crash between the two leaves that one row in doubt; at start-up it is sent again
(at-least-once), so a crash can cost at most one duplicate message and never a lost one.
"""

import asyncio
import datetime as dt
import logging
import time
from collections import Counter
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from typing import Any, cast

from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import Application, ContextTypes

from bot.settings import Settings
from delivery.pacing import Pacer
from delivery.state import Delivery, StateDB, shared_state

log = logging.getLogger(__name__)
BROADCASTER = "broadcaster"
GONE = ("chat not found", "user is deactivated", "bot was kicked", "peer_id_invalid")


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff for timeouts, network errors and 5xx, then `failed`."""

    max_attempts: int = 5
    backoff: float = 2.0  # seconds before the first retry; doubles each time
    max_backoff: float = 300.0
    send_timeout: float = 20.0  # per request; a read timeout is retried like a 5xx

    def delay(self, attempts: int) -> float:
        return min(self.max_backoff, self.backoff * 2**attempts)


class Broadcaster:
    """Expands queued announcements into the outbox and delivers it, one message at a time."""

    def __init__(
        self,
        state: StateDB,
        pacer: Pacer | None = None,
        policy: RetryPolicy | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.state, self.pacer = state, pacer or Pacer()
        self.policy, self.clock = policy or RetryPolicy(), clock
        self.outcomes: Counter[str] = Counter()  # since start: sent, retried, failed, dead, ...
        self._lock = asyncio.Lock()
        self._recovered = False

    async def run(self, bot: Bot) -> Counter[str]:
        """One pass: recover rows in doubt (first run only), expand, deliver until idle."""
        if self._lock.locked():  # the previous run is still sending; it will pick new rows up
            return Counter()
        async with self._lock:
            if not self._recovered:
                if doubt := self.state.outbox.recover_in_doubt():
                    log.warning("%d delivery in doubt after a restart: sending it again", doubt)
                self._recovered = True
            before = self.outcomes.copy()
            if added := self.state.outbox.expand():
                log.info("queued %d deliveries", added)
            await self._deliver_all(bot)
            done = self.outcomes - before
            if done:
                log.info("broadcast run: %s", dict(done))
            return done

    async def _deliver_all(self, bot: Bot) -> None:
        while True:
            now = self.clock()
            batch = self.state.outbox.due(now)
            if not batch:
                next_at = self.state.outbox.next_attempt_at()
                if next_at is None:
                    return
                await asyncio.sleep(max(0.0, next_at - now))
                continue
            waits = [await self._try(bot, d) for d in batch]
            if all(wait > 0 for wait in waits):  # every chat in the batch is still cooling down
                await asyncio.sleep(min(waits))

    async def _try(self, bot: Bot, delivery: Delivery) -> float:
        """Deliver now, or return how long this row's chat must wait first (1 a second)."""
        wait = self.pacer.chat_wait(delivery.chat_id)
        if wait > 0:
            return wait
        await self.pacer.turn()
        chat_id = self.state.outbox.claim(delivery.id)  # committed as `sending`: the window opens
        if chat_id is not None:
            await self._send(bot, delivery, chat_id)
        return 0.0

    async def _send(self, bot: Bot, delivery: Delivery, chat_id: int) -> None:
        try:
            await bot.send_message(
                chat_id,
                delivery.text,
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                read_timeout=self.policy.send_timeout,
                write_timeout=self.policy.send_timeout,
                connect_timeout=self.policy.send_timeout,
                pool_timeout=self.policy.send_timeout,
            )
        except RetryAfter as error:
            self.pacer.pause(_seconds(error.retry_after))
            self.state.outbox.release(delivery.id, f"429: {error}")
            self.outcomes["throttled"] += 1
        except ChatMigrated as error:
            self.state.chats.migrate(chat_id, error.new_chat_id)
            self.state.outbox.release(delivery.id, f"migrated from {chat_id}")
            self.outcomes["migrated"] += 1
        except Forbidden as error:
            self.state.chats.deactivate(chat_id, f"403: {error}")
            self._outcome(delivery, "dead", "dead", f"403: {error}")
        except BadRequest as error:
            self._rejected(delivery, chat_id, error)
        except NetworkError as error:  # timeouts, connection errors, 5xx
            if not isinstance(error, TimedOut):  # a timeout may have delivered; these did not
                self.pacer.refund()
            self._retry(delivery, f"{type(error).__name__}: {error}")
        else:
            self.pacer.sent(chat_id)
            self._outcome(delivery, "sent", "sent")  # committed as `sent`: the window closes

    def _rejected(self, delivery: Delivery, chat_id: int, error: BadRequest) -> None:
        """400: the chat is gone (deactivate it) or the message is wrong (fail, report)."""
        if any(phrase in error.message.lower() for phrase in GONE):
            self.state.chats.deactivate(chat_id, f"400: {error.message}")
            self._outcome(delivery, "dead", "dead", f"400: {error.message}")
        else:
            log.error("delivery %d to %d rejected: %s", delivery.id, chat_id, error.message)
            self._outcome(delivery, "failed", "failed", f"400: {error.message}")

    def _retry(self, delivery: Delivery, error: str) -> None:
        if delivery.attempts + 1 >= self.policy.max_attempts:
            log.error(
                "delivery %d to %d failed after %d attempts: %s",
                delivery.id,
                delivery.chat_id,
                delivery.attempts + 1,
                error,
            )
            self.state.outbox.mark(delivery.id, "failed", error, attempted=True)
            self.outcomes["failed"] += 1
            return
        retry_at = self.clock() + self.policy.delay(delivery.attempts)
        self.state.outbox.mark(delivery.id, "pending", error, retry_at=retry_at, attempted=True)
        self.outcomes["retried"] += 1

    def _outcome(
        self, delivery: Delivery, state: str, outcome: str, error: str | None = None
    ) -> None:
        self.state.outbox.mark(delivery.id, state, error)
        self.outcomes[outcome] += 1


def _seconds(retry_after: int | dt.timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, dt.timedelta) else retry_after


def broadcaster_of(bot_data: MutableMapping[str, Any], settings: Settings) -> Broadcaster:
    """The application's Broadcaster, made on first use (so building the app opens no file)."""
    if BROADCASTER not in bot_data:
        bot_data[BROADCASTER] = Broadcaster(shared_state(bot_data, settings.state_db))
    return cast(Broadcaster, bot_data[BROADCASTER])


async def broadcast_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The repeating job: send whatever is queued."""
    assert context.job is not None
    await broadcaster_of(context.bot_data, cast(Settings, context.job.data)).run(context.bot)


def register(application: Application, settings: Settings) -> None:
    """Check for queued announcements every `settings.broadcast_interval` seconds."""
    if application.job_queue is None:
        raise RuntimeError("broadcasts need python-telegram-bot[job-queue]")
    application.job_queue.run_repeating(
        broadcast_job,
        interval=settings.broadcast_interval,
        first=settings.broadcast_interval,  # then every interval; a restart resumes within one
        name="broadcast",
        data=settings,
    )
