"""Chats the bot delivers to: active, or gone (blocked, kicked, left) or moved (migrated)."""

import sqlite3
import time


class Chats:
    """The `chats` table, and what follows a chat when it goes or moves."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def deactivate(self, chat_id: int, reason: str) -> None:
        """The chat blocked the bot or is gone: stop sending to it and drop its unsent rows."""
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

    def is_active(self, chat_id: int) -> bool:
        row = self.conn.execute(
            "select active from chats where chat_id = ?", (chat_id,)
        ).fetchone()
        return bool(row and row[0])

    def counts(self) -> dict[str, int]:
        """Chats known, chats active, and subscriptions."""
        row = self.conn.execute(
            "select count(*) as chats, coalesce(sum(active), 0) as active, "
            "(select count(*) from subscriptions) as subscriptions from chats"
        ).fetchone()
        return dict(row)
