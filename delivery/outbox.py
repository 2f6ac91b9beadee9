"""The outbox: one row per (announcement, chat), and where its message is.

A row moves pending -> sending -> sent, or to failed (Telegram refused it, or it kept failing),
dead (the chat blocked the bot or is gone) or doubt (its outcome stayed unknown after one
retry). Each row is committed as `sending` before its message goes out and with its outcome
after, so a crash leaves only the rows being sent at that moment in doubt.
"""

import sqlite3
import time
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from delivery.schema import STATES

UNSENT = "state in ('pending', 'sending')"


@dataclass(frozen=True)
class Delivery:
    """One (announcement, chat) message to send."""

    id: int
    announcement_id: int
    chat_id: int
    attempts: int
    text: str
    doubts: int = 0


@dataclass(frozen=True)
class Change:
    """A row's new state after a send (or a stop): committed in batches by `Outbox.apply`."""

    delivery_id: int
    state: str
    error: str | None = None
    retry_at: float = 0.0
    attempted: bool = False
    doubted: bool = False

    def row(self, now: float) -> tuple[object, ...]:
        """The parameters of Outbox.apply's update."""
        return (
            self.state,
            self.error,
            self.retry_at,
            int(self.attempted),
            int(self.doubted),
            now,
            self.state,
            now,
            self.delivery_id,
        )


class Outbox:
    """The `outbox` table."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def expand(self, published: Collection[tuple[str, str]] | None = None) -> int:
        """Turn queued announcements into one outbox row per subscribed chat, atomically.

        With `published`, only announcements of inspections in it (in the findings database)
        go out: one whose findings were never published waits.
        """
        added = 0
        with self.conn:
            queued = self.conn.execute(
                "select id, force, title from announcements where status = 'queued'"
            ).fetchall()
            for announcement_id, force, title in queued:
                if published is not None and (force, title) not in published:
                    continue
                added += self.conn.execute(
                    "insert or ignore into outbox (announcement_id, chat_id, state, attempts, "
                    "next_attempt_at, updated_at) select ?, s.chat_id, 'pending', 0, 0, ? "
                    "from subscriptions s join chats c using (chat_id) "
                    "where c.active and s.force in (?, '*') group by s.chat_id",
                    (announcement_id, time.time(), force),
                ).rowcount
                self.conn.execute(
                    "update announcements set status = 'expanded' where id = ?",
                    (announcement_id,),
                )
        return added

    def recover_in_doubt(self) -> int:
        """Rows left `sending` by a crash: sent again once, or `doubt` if already resent."""
        with self.conn:
            self.conn.execute(
                "update outbox set state = 'doubt', doubts = doubts + 1, "
                "last_error = 'in doubt twice: not sent again' "
                "where state = 'sending' and doubts >= 1"
            )
            return self.conn.execute(
                "update outbox set state = 'pending', doubts = doubts + 1, "
                "last_error = 'in doubt after a restart: sent again once' "
                "where state = 'sending'"
            ).rowcount

    def claim(self, delivery_id: int) -> int | None:
        """Commit a pending row as `sending`; its chat id now, or None if it is not pending."""
        with self.conn:
            row = self.conn.execute(
                "update outbox set state = 'sending', updated_at = ? where id = ? and "
                "state = 'pending' returning chat_id",
                (time.time(), delivery_id),
            ).fetchone()
        return None if row is None else int(row[0])

    def claim_next(
        self, now: float, limit: int, busy_chats: Collection[int] = ()
    ) -> list[Delivery]:
        """Commit up to `limit` due rows as `sending`: oldest first, one per chat, none of
        `busy_chats`. Reads the queue in pages of 2 * `limit` (index on state, id), only as far
        as it takes (the chats busy in a fast broadcast, up to 1,000, rarely have a row queued)
        and never more than 2 * `limit` + len(`busy_chats`) rows."""
        busy, chosen, after = set(busy_chats), list[int](), 0
        budget = 2 * limit + len(busy)
        while len(chosen) < limit and budget > 0:
            page = self.conn.execute(
                "select id, chat_id from outbox where state = 'pending' and next_attempt_at <= ? "
                "and id > ? order by id limit ?",
                (now, after, 2 * limit),
            ).fetchall()
            for row_id, chat_id in page:
                if chat_id not in busy and len(chosen) < limit:
                    busy.add(chat_id)
                    chosen.append(row_id)
            if len(page) < 2 * limit:
                break
            after, budget = page[-1][0], budget - len(page)
        if not chosen:
            return []
        marks = ", ".join("?" * len(chosen))
        with self.conn:
            rows = self.conn.execute(
                f"update outbox set state = 'sending', updated_at = ? "
                f"where state = 'pending' and id in ({marks}) "
                "returning id, announcement_id, chat_id, attempts, doubts",
                (now, *chosen),
            ).fetchall()
        texts = self.texts({row["announcement_id"] for row in rows})
        claimed = [Delivery(text=texts[row["announcement_id"]], **dict(row)) for row in rows]
        return sorted(claimed, key=lambda delivery: delivery.id)

    def texts(self, announcement_ids: Collection[int]) -> dict[int, str]:
        marks = ", ".join("?" * len(announcement_ids))
        rows = self.conn.execute(
            f"select id, text from announcements where id in ({marks})", list(announcement_ids)
        )
        return {announcement_id: text for announcement_id, text in rows}

    def apply(self, changes: Iterable["Change"]) -> None:
        """Commit the outcomes of several sends in one transaction."""
        now = time.time()
        with self.conn:
            self.conn.executemany(
                "update outbox set state = ?, last_error = coalesce(?, last_error), "
                "next_attempt_at = ?, attempts = attempts + ?, doubts = doubts + ?, "
                "updated_at = ?, sent_at = case when ? = 'sent' then ? else sent_at end "
                "where id = ? and state = 'sending'",
                [change.row(now) for change in changes],
            )

    def release(self, delivery_id: int, error: str) -> None:
        """Back to pending without counting an attempt (a 429, a migrated chat, a stop)."""
        with self.conn:
            self.conn.execute(
                "update outbox set state = 'pending', last_error = ?, "
                "updated_at = ? where id = ? and state = 'sending'",
                (error, time.time(), delivery_id),
            )

    def due(self, now: float, limit: int = 500) -> list[Delivery]:
        """Pending rows whose time has come, oldest first."""
        rows = self.conn.execute(
            "select o.id, o.announcement_id, o.chat_id, o.attempts, a.text, o.doubts "
            "from outbox o join announcements a on a.id = o.announcement_id "
            "where o.state = 'pending' and o.next_attempt_at <= ? order by o.id limit ?",
            (now, limit),
        )
        return [Delivery(**dict(row)) for row in rows]

    def next_attempt_at(self) -> float | None:
        row = self.conn.execute("select min(next_attempt_at) from outbox where state = 'pending'")
        return row.fetchone()[0]

    def mark(
        self,
        delivery_id: int,
        state: str,
        error: str | None = None,
        retry_at: float = 0.0,
        attempted: bool = False,
        doubted: bool = False,
    ) -> None:
        """Commit a row's new state; `attempted` counts a try, `doubted` an unknown outcome."""
        assert state in STATES
        now = time.time()
        with self.conn:
            self.conn.execute(
                "update outbox set state = ?, last_error = coalesce(?, last_error), "
                "next_attempt_at = ?, attempts = attempts + ?, doubts = doubts + ?, "
                "updated_at = ?, sent_at = case when ? = 'sent' then ? else sent_at end "
                "where id = ?",
                (
                    state,
                    error,
                    retry_at,
                    int(attempted),
                    int(doubted),
                    now,
                    state,
                    now,
                    delivery_id,
                ),
            )

    def counts(self) -> dict[str, int]:
        """Rows per state."""
        rows = self.conn.execute("select state, count(*) from outbox group by state")
        found = {state: count for state, count in rows}
        return {state: found.get(state, 0) for state in STATES}

    def prune(self, older_than: float) -> int:
        """Delete `sent` rows delivered before `older_than` (counted on their announcement)."""
        with self.conn:
            self.conn.execute(
                "update announcements set pruned = pruned + (select count(*) from outbox o "
                "where o.announcement_id = announcements.id and o.state = 'sent' "
                "and o.sent_at < ?) where id in (select announcement_id from outbox "
                "where state = 'sent' and sent_at < ?)",
                (older_than, older_than),
            )
            return self.conn.execute(
                "delete from outbox where state = 'sent' and sent_at < ?", (older_than,)
            ).rowcount
