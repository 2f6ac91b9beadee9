"""One delivery pass: claim rows as slots free up, send each in its own task, settle them.

At most `Flow.in_flight` rows are claimed and not yet settled at any moment; outcomes are
committed in groups (one transaction for every send that finished meanwhile).
"""

import asyncio
import logging
import math
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from delivery.outbox import Change, Delivery
from delivery.outcomes import Outcome
from delivery.pacing import Pacer
from delivery.sending import Sender
from delivery.state import StateDB

log = logging.getLogger(__name__)
CLAIM_AHEAD = 0.1  # seconds of sends claimed in one transaction
STOPPED = "the bot stopped before sending it"
T = TypeVar("T")


@dataclass(frozen=True)
class Flow:
    """How the broadcaster keeps messages moving."""

    in_flight: int = 8  # rows claimed and not yet settled: the most a crash leaves in doubt
    chat_interval: float = 1.0  # seconds between two messages to one chat
    group_interval: float = 3.2  # to one group: Telegram allows 20 a minute (3 s, and a margin)
    stop_grace: float = 2.0  # seconds sends in flight get to finish when the bot stops
    paid: bool = False  # allow_paid_broadcast: Telegram's paid 1,000 messages a second
    retention: float | None = None  # seconds after which sent rows are pruned


class Host(Protocol):
    """What a delivery pass needs from the broadcaster that runs it."""

    state: StateDB
    pacer: Pacer
    flow: Flow
    clock: Callable[[], float]
    stopping: asyncio.Event

    async def db(self, function: Callable[..., T], *args: Any) -> T: ...
    def busy_chats(self, now: float, sending: Collection[int]) -> list[int]: ...
    def took(self, chat_id: int, now: float) -> None: ...
    async def send(self, sender: Sender, delivery: Delivery) -> Outcome: ...
    async def settle(self, delivery: Delivery, outcome: Outcome) -> Change: ...
    def in_doubt(self, delivery: Delivery, error: str) -> Change: ...


class Delivering:
    """One delivery pass: claim rows as slots free up, send each in its own task, settle them."""

    def __init__(self, broadcaster: Host, senders: Sequence[Sender]) -> None:
        self.b, self.senders = broadcaster, senders
        self.tasks: dict[asyncio.Task[None], Delivery] = {}
        self.started: set[asyncio.Task[None]] = set()
        self.sending: set[asyncio.Task[None]] = set()
        self.unsettled = 0
        self.changes: list[Change] = []
        self.progress = asyncio.Event()
        self.flushes: set[asyncio.Task[None]] = set()
        self.flushing = False

    async def run(self) -> None:
        stop = self.b.stopping
        try:
            while not stop.is_set():
                if not await self._claim_more():
                    break
            await self._finish()
        finally:
            for task in self.tasks:
                task.cancel()

    async def _claim_more(self) -> bool:
        """Claim and start what the free slots allow; False when there is nothing left."""
        self.progress.clear()
        free = self.b.flow.in_flight - self.unsettled
        if free <= 0:
            await self._until(self.progress)
            return True
        now = self.b.clock()
        batch = min(free, max(1, math.ceil(self.b.pacer.broadcast_rate * CLAIM_AHEAD)))
        busy = self.b.busy_chats(now, [d.chat_id for d in self.tasks.values()])
        rows = await self.b.db(self.b.state.outbox.claim_next, now, batch, busy)
        if rows:
            self.unsettled += len(rows)
            for row in rows:
                self.b.took(row.chat_id, now)
                task = asyncio.create_task(self._deliver(row))
                self.tasks[task] = row
                task.add_done_callback(self._forget)
            return True
        if self.unsettled:
            await self._until(self.progress)
            return True
        next_at = await self.b.db(self.b.state.outbox.next_attempt_at)
        if next_at is None:
            return False
        await self._until(timeout=min(max(next_at - now, 0.01), 60.0))
        return True

    def _forget(self, task: asyncio.Task[None]) -> None:
        delivery = self.tasks.pop(task)
        self.sending.discard(task)
        if task not in self.started:  # cancelled (a stop) before it ran: it never left
            self._commit(Change(delivery.id, "pending", STOPPED))
        self.started.discard(task)

    async def _deliver(self, delivery: Delivery) -> None:
        task = asyncio.current_task()
        assert task is not None
        self.started.add(task)  # from here the row's outcome is committed below, whatever happens
        try:
            await self.b.pacer.broadcast_turn()
            if self.b.stopping.is_set():
                change = Change(delivery.id, "pending", STOPPED)
            else:
                self.sending.add(task)
                self.b.took(delivery.chat_id, self.b.clock())  # 1 a second per chat from here
                sender = self.senders[delivery.id % len(self.senders)]
                outcome = await self.b.send(sender, delivery)
                self.sending.discard(task)
                change = await self.b.settle(delivery, outcome)
        except asyncio.CancelledError:
            if task not in self.sending:
                change = Change(delivery.id, "pending", STOPPED)
            else:
                change = self.b.in_doubt(delivery, "the bot stopped while it was being sent")
        except Exception as error:  # a bug or a state-database error: keep the row defined
            log.exception("delivery %d to %d", delivery.id, delivery.chat_id)
            change = self.b.in_doubt(delivery, f"{type(error).__name__}: {error}")
        self._commit(change)

    def _commit(self, change: Change) -> None:
        self.changes.append(change)
        if not self.flushing:
            self.flushing = True
            flush = asyncio.create_task(self._flush())
            self.flushes.add(flush)
            flush.add_done_callback(self.flushes.discard)

    async def _flush(self) -> None:
        """Commit every change gathered so far in one transaction (a group commit), again and
        again while more come. One flush at a time: what settles during a commit's fsync joins
        the next, so batches grow with the disk's latency instead of queueing up behind it."""
        try:
            await asyncio.sleep(0)  # let the other sends finishing now join this batch
            while self.changes:
                batch, self.changes = self.changes, []
                await self.b.db(self.b.state.outbox.apply, batch)
                self.unsettled -= len(batch)
                self.progress.set()
        finally:
            self.flushing = False  # no await since the last check: nothing is left behind

    async def _finish(self) -> None:
        """Let sends finish; on stop, release the waiting and give those in flight a grace."""
        if self.b.stopping.is_set():
            for task in [t for t in self.tasks if t not in self.sending]:
                task.cancel()
            if self.sending:
                await asyncio.wait(set(self.sending), timeout=self.b.flow.stop_grace)
            for task in list(self.tasks):
                task.cancel()
        while self.unsettled > 0:
            if self.tasks:
                await asyncio.wait(set(self.tasks))
            self.progress.clear()
            if self.changes:
                await self._flush()
            elif self.unsettled > 0:
                await self.progress.wait()

    async def _until(self, *events: asyncio.Event, timeout: float | None = None) -> None:
        """Wait for any of `events`, a stop, or `timeout`."""
        waits = [asyncio.ensure_future(e.wait()) for e in (*events, self.b.stopping)]
        try:
            await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for wait in waits:
                wait.cancel()
