"""The state database's tables, created (and upgraded) in one place."""

import sqlite_utils

STATES = ("pending", "sending", "sent", "failed", "dead", "doubt")
# Columns added after the first release: (table, column, type, default).
ADDED_COLUMNS = (
    ("outbox", "doubts", int, 0),  # sends of this row whose outcome was unknown
    ("announcements", "pruned", int, 0),  # sent rows deleted after the retention period
)


def create_schema(db: sqlite_utils.Database) -> None:
    """Create every table and index that is missing; add columns older files lack."""
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
    for table, column, kind, default in ADDED_COLUMNS:
        if column not in db.table(table).columns_dict:
            db.table(table).add_column(column, kind, not_null_default=default)
    db.table("announcements").create_index(["force", "title"], unique=True, if_not_exists=True)
    db.table("outbox").create_index(
        ["announcement_id", "chat_id"], unique=True, if_not_exists=True
    )
    db.table("outbox").create_index(["state", "next_attempt_at"], if_not_exists=True)
    db.table("outbox").create_index(["state", "id"], if_not_exists=True)  # claim_next's window
    db.table("subscriptions").create_index(["force"], if_not_exists=True)
