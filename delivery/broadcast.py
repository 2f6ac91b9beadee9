"""Send the outbox: several messages in flight, each row claimed on its own, every outcome kept.

Each row is committed as `sending` before its request leaves (in small batches, at most
`in_flight` rows unsettled at once) and with its outcome after (delivery/outcomes.py), so a
crash leaves at most `in_flight` rows in doubt. A send whose outcome is unknown is sent again
once; if that is unknown too, the row ends `doubt`, never `failed`. On stop, rows waiting for
their turn go back to `pending`, sends in flight get `stop_grace` seconds, and any still in
flight after that are in doubt (sent again once at the next start).
"""

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from telegram import Bot

from delivery.dispatch import Delivering, Flow
from delivery.outbox import Change, Delivery
from delivery.outcomes import Outcome, Verdict, classify
from delivery.pacing import Pacer
from delivery.sending import Sender
from delivery.state import InspectionKey, StateDB

log = logging.getLogger(__name__)
T = TypeVar("T")
SENT = Outcome(Verdict.SENT)


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff for errors that did not deliver, then `failed`."""

    max_attempts: int = 5
    backoff: float = 2.0  # seconds before the first retry; doubles each time
    max_backoff: float = 300.0
    send_timeout: float = 20.0  # per request

    def delay(self, attempts: int) -> float:
        return min(self.max_backoff, self.backoff * 2**attempts)


class Broadcaster:
    """Expands queued announcements into the outbox and delivers it."""

    def __init__(
        self,
        state: StateDB,
        pacer: Pacer | None = None,
        policy: RetryPolicy | None = None,
        flow: Flow | None = None,
        published: Callable[[], Collection[InspectionKey]] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.state, self.pacer = state, pacer or Pacer()
        self.policy, self.flow = policy or RetryPolicy(), flow or Flow()
        self.published, self.clock = published, clock
        self.outcomes: Counter[str] = Counter()  # since start: sent, retried, failed, ...
        self._lock = asyncio.Lock()
        self._recovered = False
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="outbox")
        self.stopping = asyncio.Event()
        self._chat_next: dict[int, float] = {}

    def stop(self) -> None:
        """Stop soon: claim nothing more, let sends in flight finish (within stop_grace)."""
        self.stopping.set()

    def close(self) -> None:
        self._executor.shutdown(wait=True)
        self.state.close()

    async def run(
        self, senders: Bot | Sequence[Sender], stop_when: Callable[[], bool] | None = None
    ) -> Counter[str]:
        """One pass: recover rows in doubt (first run only), expand, deliver until idle.

        Several Senders (each with its own small connection pool) share the sends; a Bot sends
        through its own request object."""
        if self._lock.locked():  # the previous run is still sending; it picks new rows up
            return Counter()
        async with self._lock:
            self.stopping = asyncio.Event()
            watcher = asyncio.create_task(self._watch(stop_when)) if stop_when else None
            before = self.outcomes.copy()
            try:
                await self._prepare()
                await Delivering(self, _senders(senders)).run()
                if self.flow.retention is not None:
                    await self.db(self.state.outbox.prune, self.clock() - self.flow.retention)
            finally:
                if watcher is not None:
                    watcher.cancel()
            done = self.outcomes - before
            if done:
                log.info("broadcast run: %s", dict(done))
            return done

    async def db(self, function: Callable[..., T], *args: Any) -> T:
        """Run a state-database call in the outbox's own thread (its fsyncs do not block)."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)

    async def _prepare(self) -> None:
        if not self._recovered:
            if doubt := await self.db(self.state.outbox.recover_in_doubt):
                log.warning(
                    "%d deliveries in doubt after a restart: sending each again once", doubt
                )
            self._recovered = True
        published = await self.db(self.published) if self.published else None
        if added := await self.db(self.state.outbox.expand, published):
            log.info("queued %d deliveries", added)

    async def _watch(self, stop_when: Callable[[], bool]) -> None:
        while not stop_when():
            await asyncio.sleep(0.05)
        self.stop()

    def busy_chats(self, now: float, sending: Collection[int]) -> list[int]:
        """Chats that got a message less than chat_interval ago, or have one in flight."""
        self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
        return [*self._chat_next, *sending]

    def took(self, chat_id: int, now: float) -> None:
        """A message to `chat_id` goes now: the next waits (groups have negative ids)."""
        group = chat_id < 0
        self._chat_next[chat_id] = now + (
            self.flow.group_interval if group else self.flow.chat_interval
        )

    async def send(self, sender: Sender, delivery: Delivery) -> Outcome:
        """Send one message (its slot was taken from the Pacer); the Outcome of the answer."""
        try:
            await sender.send(
                delivery.chat_id, delivery.text, self.flow.paid, self.policy.send_timeout
            )
        except Exception as error:  # every failure is sorted, none aborts the run
            return classify(error)
        return SENT

    async def settle(self, delivery: Delivery, outcome: Outcome) -> Change:
        """The row's next state for this outcome (and what it does to the chat or the pacer)."""
        verdict, error, row_id = outcome.verdict, outcome.detail, delivery.id
        if verdict is Verdict.SENT:
            self._count("sent_after_doubt" if delivery.doubts else "sent")
            return Change(row_id, "sent")
        if verdict is Verdict.THROTTLED:
            self.pacer.pause(outcome.retry_after)
            self._count("throttled")
            return Change(row_id, "pending", error)
        if verdict is Verdict.MIGRATED:
            await self.db(self.state.chats.migrate, delivery.chat_id, outcome.new_chat_id)
            self._count("migrated")
            return Change(row_id, "pending", f"migrated from {delivery.chat_id}")
        if verdict is Verdict.GONE:
            await self.db(self.state.chats.deactivate, delivery.chat_id, error)
            self._count("dead")
            return Change(row_id, "dead", error)
        if verdict is Verdict.UNAUTHORIZED:
            log.error("the Bot API refused the token (%s): broadcasts stop until restart", error)
            self.stop()
            return Change(row_id, "pending", error)
        if verdict is Verdict.REFUSED:
            log.error("delivery %d to %d rejected: %s", row_id, delivery.chat_id, error)
            return self._give_up(delivery, error)
        if verdict is Verdict.NOT_SENT:
            self.pacer.refund()
            if delivery.attempts + 1 >= self.policy.max_attempts:
                log.error(
                    "delivery %d to %d failed after %d attempts: %s",
                    row_id,
                    delivery.chat_id,
                    delivery.attempts + 1,
                    error,
                )
                return self._give_up(delivery, error, attempted=True)
            self._count("retried")
            retry_at = self.clock() + self.policy.delay(delivery.attempts)
            return Change(row_id, "pending", error, retry_at, attempted=True)
        return self.in_doubt(delivery, error)

    def in_doubt(self, delivery: Delivery, error: str) -> Change:
        """It may have been delivered: send it again once, or (already resent) stop at doubt."""
        if delivery.doubts:
            log.warning(
                "delivery %d to %d in doubt twice: %s", delivery.id, delivery.chat_id, error
            )
            self._count("doubt")
            return Change(delivery.id, "doubt", error, attempted=True, doubted=True)
        self._count("in_doubt_resent")
        retry_at = self.clock() + self.policy.delay(0)
        return Change(delivery.id, "pending", error, retry_at, attempted=True, doubted=True)

    def _give_up(self, delivery: Delivery, error: str, attempted: bool = False) -> Change:
        """`failed`, unless an earlier send of it may have arrived: then `doubt`."""
        state = "doubt" if delivery.doubts else "failed"
        self._count(state)
        return Change(delivery.id, state, error, attempted=attempted)

    def _count(self, outcome: str) -> None:
        self.outcomes[outcome] += 1


def _senders(senders: Bot | Sequence[Sender]) -> Sequence[Sender]:
    return [Sender.of(senders)] if isinstance(senders, Bot) else senders
