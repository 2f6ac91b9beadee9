"""Every inspection announced or "seeded" (remembered without a message): never twice."""

import sqlite3
import time
from collections.abc import Iterable

from delivery.schema import STATES

InspectionKey = tuple[str, str]  # (force, inspection title)


class Announcements:
    """The `announcements` table: the memory that stops re-announcing."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def known(self) -> set[InspectionKey]:
        """Every inspection announced or seeded."""
        rows = self.conn.execute("select force, title from announcements")
        return {(force, title) for force, title in rows}

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
            return self._insert(force, title, text)

    def record(
        self, seed: Iterable[InspectionKey], queue: Iterable[tuple[str, str, str]]
    ) -> tuple[int, tuple[InspectionKey, ...]]:
        """Seed and queue in one transaction: (inspections seeded, inspections queued)."""
        with self.conn:
            self.conn.execute("begin immediate")  # the write lock now, or an error now
            seeded = self.conn.executemany(
                "insert or ignore into announcements (force, title, status, created_at) "
                "values (?, ?, 'seeded', ?)",
                [(f, t, time.time()) for f, t in seed],
            ).rowcount
            queued = tuple((f, t) for f, t, text in queue if self._insert(f, t, text))
        return max(seeded, 0), queued

    def _insert(self, force: str, title: str, text: str) -> bool:
        return bool(
            self.conn.execute(
                "insert or ignore into announcements (force, title, status, text, created_at) "
                "values (?, ?, 'queued', ?, ?)",
                (force, title, text, time.time()),
            ).rowcount
        )

    def listing(self) -> list[dict[str, object]]:
        """Queued and sent announcements (not seeded ones), with outbox counts per state."""
        counts = ", ".join(f"sum(o.state = '{s}') as {s}" for s in STATES)
        rows = self.conn.execute(
            f"select a.id, a.force, a.title, a.status, a.created_at, a.pruned, {counts} "
            "from announcements a left join outbox o on o.announcement_id = a.id "
            "where a.status != 'seeded' group by a.id order by a.id"
        ).fetchall()
        listed = []
        for row in rows:
            record = {k: (v or 0) if k in STATES else v for k, v in dict(row).items()}
            record["sent"] = int(record["sent"] or 0) + int(record.pop("pruned") or 0)
            listed.append(record)
        return listed
