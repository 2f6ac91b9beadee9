"""What `findings-bot health` checks on the delivery side: the state database can be written."""

import sqlite3
from pathlib import Path

from delivery.state import StateDB


class StateUnusable(RuntimeError):
    """The state database cannot be opened, is damaged, or cannot be written."""


def check_state_database(path: Path) -> None:
    """Open the state database, check its pages, and take (then drop) its write lock."""
    try:
        state = StateDB(path)
    except sqlite3.Error as error:
        raise StateUnusable(f"the state database {path} cannot be opened: {error}") from None
    try:
        verdict = state.conn.execute("pragma quick_check").fetchone()[0]
        if verdict != "ok":
            raise StateUnusable(f"the state database {path} is damaged: {verdict}")
        state.conn.execute("begin immediate")
        state.conn.execute("rollback")
    except sqlite3.Error as error:
        raise StateUnusable(f"the state database {path} cannot be written: {error}") from None
    finally:
        state.close()
