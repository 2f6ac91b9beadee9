"""Announcements that wait for a moment (an embargo), and inspections added without one.

A scheduled announcement is an `announcements` row with status `scheduled` and a `schedule`
row with its moment. At that moment `release_due` turns it into `queued`, exactly once (one
UPDATE from `scheduled`), and the broadcaster sends it like any other. Before then an admin can
cancel it (status `cancelled`: the inspection is remembered and never announced) or move it.
Backfilled inspections (published more than 30 days before they are ingested, or undated) are
remembered without a message unless the curator asks for one.
"""

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

BACKFILL_AFTER = timedelta(days=30)
InspectionKey = tuple[str, str]


@dataclass(frozen=True)
class Scheduled:
    """One scheduled (or cancelled) announcement and its moment (epoch seconds)."""

    id: int
    force: str
    title: str
    at: float
    status: str


def is_backfill(published: str | None, now: float) -> bool:
    """Published more than 30 days before `now`, or with no date: history, not news."""
    if not published:
        return True
    day = datetime.fromisoformat(published[:10]).replace(tzinfo=UTC)
    return day < datetime.fromtimestamp(now, UTC) - BACKFILL_AFTER


def published_dates(
    findings_db: sqlite3.Connection, keys: Iterable[InspectionKey]
) -> dict[InspectionKey, str | None]:
    """Each inspection's publication date (None when the data has none)."""
    found = {}
    for force, title in keys:
        row = findings_db.execute(
            "select published from inspections where force = ? and title = ?", (force, title)
        ).fetchone()
        found[(force, title)] = row[0] if row else None
    return found


class Schedule:
    """The `schedule` table beside `announcements` in the state database."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        with conn:
            conn.execute(
                "create table if not exists schedule (announcement_id integer primary key "
                "references announcements(id), at float not null)"
            )

    def add(self, force: str, title: str, text: str, at: float) -> bool:
        """Schedule one announcement; False when this inspection was seen before."""
        with self.conn:
            cursor = self.conn.execute(
                "insert or ignore into announcements (force, title, status, text, created_at) "
                "values (?, ?, 'scheduled', ?, ?)",
                (force, title, text, time.time()),
            )
            if not cursor.rowcount:
                return False
            self.conn.execute(
                "insert into schedule (announcement_id, at) values (?, ?)", (cursor.lastrowid, at)
            )
        return True

    def release_due(self, now: float) -> int:
        """Queue every scheduled announcement whose moment has come; how many."""
        with self.conn:
            return self.conn.execute(
                "update announcements set status = 'queued' where status = 'scheduled' and id in "
                "(select announcement_id from schedule where at <= ?)",
                (now,),
            ).rowcount

    def listing(self) -> list[Scheduled]:
        """Every announcement that was scheduled, soonest first."""
        rows = self.conn.execute(
            "select a.id, a.force, a.title, s.at, a.status from schedule s "
            "join announcements a on a.id = s.announcement_id order by s.at, a.id"
        ).fetchall()
        return [Scheduled(*row) for row in rows]

    def pending(self) -> list[Scheduled]:
        return [row for row in self.listing() if row.status == "scheduled"]

    def find(self, announcement_id: int) -> Scheduled | None:
        return next((row for row in self.listing() if row.id == announcement_id), None)

    def cancel(self, announcement_id: int) -> bool:
        """Never send it; False when it is not waiting (sent, due already, or unknown)."""
        with self.conn:
            return bool(
                self.conn.execute(
                    "update announcements set status = 'cancelled' "
                    "where id = ? and status = 'scheduled'",
                    (announcement_id,),
                ).rowcount
            )

    def reschedule(self, announcement_id: int, at: float) -> bool:
        """Move a waiting announcement to `at`; False when it is not waiting."""
        with self.conn:
            return bool(
                self.conn.execute(
                    "update schedule set at = ? where announcement_id = (select id from "
                    "announcements where id = ? and status = 'scheduled')",
                    (at, announcement_id),
                ).rowcount
            )
