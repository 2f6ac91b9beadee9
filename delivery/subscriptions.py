"""Which chat follows which force ("*": every force)."""

import sqlite3
import time

ALL_FORCES = "*"


class Subscriptions:
    """The `subscriptions` table; subscribing also (re)activates the chat."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, chat_id: int, force: str = ALL_FORCES) -> bool:
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

    def remove(self, chat_id: int, force: str | None = None) -> int:
        """Drop one subscription, or all of the chat's when `force` is None; how many went."""
        with self.conn:
            if force is None:
                return self.conn.execute(
                    "delete from subscriptions where chat_id = ?", (chat_id,)
                ).rowcount
            return self.conn.execute(
                "delete from subscriptions where chat_id = ? and force = ?", (chat_id, force)
            ).rowcount

    def of(self, chat_id: int) -> list[str]:
        """The forces a chat follows, sorted."""
        rows = self.conn.execute(
            "select force from subscriptions where chat_id = ? order by force", (chat_id,)
        )
        return [row[0] for row in rows]

    def subscribers_for(self, force: str) -> list[int]:
        """Active chats subscribed to `force` or to every force."""
        rows = self.conn.execute(
            "select distinct s.chat_id from subscriptions s join chats c using (chat_id) "
            "where c.active and s.force in (?, ?) order by s.chat_id",
            (force, ALL_FORCES),
        )
        return [row[0] for row in rows]
