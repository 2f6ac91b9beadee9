"""The state database: subscriptions, announcements and the delivery outbox (never rebuilt).

Outbox rows move pending -> sending -> sent, or to failed (gave up after retries; reported)
or dead (the chat blocked the bot or is gone). Each row is committed as `sending` before its
message goes out and as `sent` after, so a crash leaves at most the one row being sent in doubt.
"""

import sqlite3
import time
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import sqlite_utils

ALL_FORCES = "*"
STATE = "state"  # the bot_data key
STATES = ("pending", "sending", "sent", "failed", "dead")
InspectionKey = tuple[str, str]


@dataclass(frozen=True)
class Delivery:
    """One (announcement, chat) message still to send."""

    id: int
    announcement_id: int
    chat_id: int
    attempts: int
    text: str


class StateDB:
    """Subscriptions and broadcasts in their own SQLite file, beside the findings database."""

    def __init__(self, path: Path | str) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(path, timeout=30)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("pragma journal_mode = wal")
        self.conn.execute("pragma synchronous = full")  # a committed 'sent' survives power loss
        _create_schema(sqlite_utils.Database(self.conn))

    def close(self) -> None:
        self.conn.close()

    def _rows(self, sql: str, params: Iterable[object] = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, tuple(params)).fetchall()

    # ---- subscriptions ------------------------------------------------------------------------
    def subscribe(self, chat_id: int, force: str = ALL_FORCES) -> bool:
        """Subscribe a chat (reactivating it); False when it already had this subscription."""
        now = time.time()
        with self.conn:
            self.conn.execute(
                "insert into chats (chat_id, active, since) values (?, 1, ?) on conflict(chat_id)"
                " do update set active = 1, reason = null",
                (chat_id, now),
            )
            added = self.conn.execute(
                "insert or ignore into subscriptions (chat_id, force, since) values (?, ?, ?)",
                (chat_id, force, now),
            ).rowcount
        return bool(added)

    def unsubscribe(self, chat_id: int, force: str | None = None) -> int:
        """Drop one subscription, or all of the chat's when `force` is None; how many went."""
        with self.conn:
            if force is None:
                return self.conn.execute(
                    "delete from subscriptions where chat_id = ?", (chat_id,)
                ).rowcount
            return self.conn.execute(
                "delete from subscriptions where chat_id = ? and force = ?", (chat_id, force)
            ).rowcount

    def subscriptions(self, chat_id: int) -> list[str]:
        rows = self._rows(
            "select force from subscriptions where chat_id = ? order by force", (chat_id,)
        )
        return [row["force"] for row in rows]

    def subscribers_for(self, force: str) -> list[int]:
        """Active chats subscribed to `force` or to every force."""
        rows = self._rows(
            "select distinct s.chat_id from subscriptions s join chats c using (chat_id) "
            "where c.active and s.force in (?, ?) order by s.chat_id",
            (force, ALL_FORCES),
        )
        return [row["chat_id"] for row in rows]

    def deactivate(self, chat_id: int, reason: str) -> None:
        """The chat blocked the bot or is gone: stop sending to it and drop its pending rows."""
        with self.conn:
            self.conn.execute(
                "update chats set active = 0, reason = ? where chat_id = ?", (reason, chat_id)
            )
            self.conn.execute(
                "update outbox set state = 'dead', last_error = ?, updated_at = ? "
                "where chat_id = ? and state in ('pending', 'sending')",
                (reason, time.time(), chat_id),
            )

    def migrate(self, old: int, new: int) -> None:
        """A group became a supergroup: its subscriptions and unsent rows follow the new id."""
        unsent, why = "state in ('pending', 'sending')", f"migrated to {new}"
        steps = [
            (
                "insert or ignore into chats (chat_id, active, since) "
                "select ?, active, since from chats where chat_id = ?",
                (new, old),
            ),
            ("update or ignore subscriptions set chat_id = ? where chat_id = ?", (new, old)),
            (
                f"update or ignore outbox set chat_id = ? where chat_id = ? and {unsent}",
                (new, old),
            ),
            (
                f"update outbox set state = 'dead', last_error = ? where chat_id = ? and {unsent}",
                (why, old),
            ),  # a row the new id already had: the old id's copy is not sent
            ("delete from subscriptions where chat_id = ?", (old,)),
            ("update chats set active = 0, reason = ? where chat_id = ?", (why, old)),
        ]
        with self.conn:
            for sql, params in steps:
                self.conn.execute(sql, params)

    # ---- announcements ------------------------------------------------------------------------
    def known_inspections(self) -> set[InspectionKey]:
        """Every inspection announced or seeded: the memory that stops re-announcing."""
        return {
            (r["force"], r["title"]) for r in self._rows("select force, title from announcements")
        }

    def seed(self, keys: Iterable[InspectionKey]) -> int:
        """Remember inspections without announcing them (the first load of a new system)."""
        with self.conn:
            return self.conn.executemany(
                "insert or ignore into announcements (force, title, status, created_at) "
                "values (?, ?, 'seeded', ?)",
                [(f, t, time.time()) for f, t in keys],
            ).rowcount

    def queue(self, force: str, title: str, text: str) -> bool:
        """Queue one announcement; False when this inspection was announced or seeded before."""
        with self.conn:
            return bool(
                self.conn.execute(
                    "insert or ignore into announcements (force, title, status, text, created_at) "
                    "values (?, ?, 'queued', ?, ?)",
                    (force, title, text, time.time()),
                ).rowcount
            )

    def announcements(self) -> list[dict[str, object]]:
        """Queued and sent announcements (not seeded ones), with outbox counts per state."""
        counts = ", ".join(f"sum(o.state = '{s}') as {s}" for s in STATES)
        rows = self._rows(
            f"select a.id, a.force, a.title, a.status, a.created_at, {counts} from announcements a"
            " left join outbox o on o.announcement_id = a.id where a.status != 'seeded' "
            "group by a.id order by a.id"
        )
        return [{k: (v or 0) if k in STATES else v for k, v in dict(row).items()} for row in rows]

    # ---- outbox -------------------------------------------------------------------------------
    def expand(self) -> int:
        """Turn queued announcements into one outbox row per subscribed chat, atomically."""
        added = 0
        with self.conn:
            for row in self._rows("select id, force from announcements where status = 'queued'"):
                chats = self.subscribers_for(row["force"])
                added += self.conn.executemany(
                    "insert or ignore into outbox (announcement_id, chat_id, state, attempts, "
                    "next_attempt_at, updated_at) values (?, ?, 'pending', 0, 0, ?)",
                    [(row["id"], chat, time.time()) for chat in chats],
                ).rowcount
                self.conn.execute(
                    "update announcements set status = 'expanded' where id = ?", (row["id"],)
                )
        return added

    def recover_in_doubt(self) -> int:
        """Rows left `sending` by a crash go out again: at most one duplicate per crash."""
        with self.conn:
            return self.conn.execute(
                "update outbox set state = 'pending', last_error = 'resent after a restart' "
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

    def release(self, delivery_id: int, error: str) -> None:
        """Back to pending without counting an attempt (a 429, or a migrated chat)."""
        with self.conn:
            self.conn.execute(
                "update outbox set state = 'pending', last_error = ?, "
                "updated_at = ? where id = ? and state = 'sending'",
                (error, time.time(), delivery_id),
            )

    def due(self, now: float, limit: int = 500) -> list[Delivery]:
        rows = self._rows(
            "select o.id, o.announcement_id, o.chat_id, o.attempts, a.text from outbox o join "
            "announcements a on a.id = o.announcement_id where o.state = 'pending' and "
            "o.next_attempt_at <= ? order by o.id limit ?",
            (now, limit),
        )
        return [Delivery(**dict(row)) for row in rows]

    def next_attempt_at(self) -> float | None:
        row = self._rows("select min(next_attempt_at) from outbox where state = 'pending'")
        return row[0][0]

    def mark(
        self,
        delivery_id: int,
        state: str,
        error: str | None = None,
        retry_at: float = 0.0,
        attempted: bool = False,
    ) -> None:
        """Commit a row's new state; `attempted` counts a failed try towards the retry limit."""
        assert state in STATES
        with self.conn:
            self.conn.execute(
                "update outbox set state = ?, last_error = coalesce(?, last_error), "
                "next_attempt_at = ?, attempts = attempts + ?, updated_at = ?, "
                "sent_at = case when ? = 'sent' then ? else sent_at end where id = ?",
                (
                    state,
                    error,
                    retry_at,
                    int(attempted),
                    time.time(),
                    state,
                    time.time(),
                    delivery_id,
                ),
            )

    def counts(self) -> dict[str, int]:
        rows = self._rows("select state, count(*) from outbox group by state")
        found = {row[0]: row[1] for row in rows}
        return {state: found.get(state, 0) for state in STATES}

    def chat_counts(self) -> dict[str, int]:
        row = self._rows(
            "select count(*) as chats, coalesce(sum(active), 0) as active, "
            "(select count(*) from subscriptions) as subscriptions from chats"
        )[0]
        return dict(row)


def shared_state(bot_data: MutableMapping[str, Any], path: Path) -> StateDB:
    """The application's one StateDB, kept in bot_data under "state"."""
    if STATE not in bot_data:
        bot_data[STATE] = StateDB(path)
    return cast(StateDB, bot_data[STATE])


def _create_schema(db: sqlite_utils.Database) -> None:
    db.table("chats").create(
        {"chat_id": int, "active": int, "since": float, "reason": str},
        pk="chat_id",
        if_not_exists=True,
    )
    db.table("subscriptions").create(
        {"chat_id": int, "force": str, "since": float}, pk=("chat_id", "force"), if_not_exists=True
    )
    db.table("announcements").create(
        {"id": int, "force": str, "title": str, "status": str, "text": str, "created_at": float},
        pk="id",
        if_not_exists=True,
    )
    db.table("outbox").create(
        {
            "id": int,
            "announcement_id": int,
            "chat_id": int,
            "state": str,
            "attempts": int,
            "next_attempt_at": float,
            "last_error": str,
            "updated_at": float,
            "sent_at": float,
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("announcements").create_index(["force", "title"], unique=True, if_not_exists=True)
    db.table("outbox").create_index(
        ["announcement_id", "chat_id"], unique=True, if_not_exists=True
    )
    db.table("outbox").create_index(["state", "next_attempt_at"], if_not_exists=True)
    db.table("subscriptions").create_index(["force"], if_not_exists=True)
