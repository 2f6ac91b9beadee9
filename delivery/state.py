"""The state database (never rebuilt): one SQLite file, handed out in parts with one job each.

- `chats`: which chats are active, and chats that left or moved (delivery.chats)
- `subscriptions`: which chat follows which force (delivery.subscriptions)
- `announcements`: every inspection announced or remembered (delivery.announcements)
- `outbox`: one row per (announcement, chat) and its delivery state (delivery.outbox)
"""

import sqlite3
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any, cast

import sqlite_utils

from delivery.announcements import Announcements, InspectionKey
from delivery.chats import Chats
from delivery.outbox import Delivery, Outbox
from delivery.schema import STATES, create_schema
from delivery.subscriptions import ALL_FORCES, Subscriptions

STATE = "state"  # the bot_data key
__all__ = ["ALL_FORCES", "STATE", "STATES", "Delivery", "InspectionKey", "StateDB"]


class StateDB:
    """Subscriptions and broadcasts in their own SQLite file, beside the findings database."""

    def __init__(self, path: Path | str) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # The broadcaster uses its StateDB from its own thread (never two threads at once).
        self.conn = sqlite3.connect(path, timeout=30, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("pragma journal_mode = wal")
            self.conn.execute(
                "pragma synchronous = full"
            )  # a committed 'sent' survives power loss
            create_schema(sqlite_utils.Database(self.conn))
        except sqlite3.Error:
            self.conn.close()
            raise
        self.chats = Chats(self.conn)
        self.subscriptions = Subscriptions(self.conn)
        self.announcements = Announcements(self.conn)
        self.outbox = Outbox(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "StateDB":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def shared_state(bot_data: MutableMapping[str, Any], path: Path) -> StateDB:
    """The application's one StateDB, kept in bot_data under "state"."""
    if STATE not in bot_data:
        bot_data[STATE] = StateDB(path)
    return cast(StateDB, bot_data[STATE])


def close_shared_state(bot_data: MutableMapping[str, Any]) -> None:
    """Close the application's StateDB, if it was opened (on shutdown)."""
    state = bot_data.pop(STATE, None)
    if state is not None:
        cast(StateDB, state).close()
