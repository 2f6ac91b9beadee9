"""What an ingest announces: now, at an embargo's moment, or not at all (a backfill).

- With an embargo, each new inspection's announcement is scheduled for that moment; its text
  is rendered as the findings will read then.
- Otherwise an inspection published in the last 30 days is announced now; an older or undated
  one (a backfill) is remembered quietly unless the curator asks for an announcement.
- A national report (force "England and Wales") goes to every chat that follows all forces.
"""

import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from delivery.schedule import InspectionKey, Schedule, is_backfill, published_dates
from delivery.state import StateDB
from knowledge import Knowledge
from knowledge.announcement import announcement
from knowledge.store import Store


@dataclass(frozen=True)
class Curated:
    """Which new inspections were announced, scheduled (with their moment) or added quietly."""

    announced: tuple[InspectionKey, ...] = ()
    scheduled: tuple[tuple[InspectionKey, float], ...] = field(default=())
    quiet: tuple[InspectionKey, ...] = ()


def curate(
    state: StateDB,
    findings_db: Path,
    keys: list[InspectionKey],
    embargo_at: float | None = None,
    announce_backfill: bool = False,
    now: float | None = None,
) -> Curated:
    """Announce, schedule or quietly remember each inspection in `keys` not seen before."""
    from delivery.announce import queue_announcements  # it imports this module

    now = time.time() if now is None else now
    known = state.announcements.known()
    fresh = [key for key in dict.fromkeys(keys) if key not in known]
    if not fresh:
        return Curated()
    if embargo_at is not None:
        return Curated(scheduled=schedule_announcements(state, findings_db, fresh, embargo_at))
    conn = sqlite3.connect(f"file:{findings_db}?mode=ro", uri=True)
    try:
        dates = published_dates(conn, fresh)
    finally:
        conn.close()
    quiet = [k for k in fresh if not announce_backfill and is_backfill(dates[k], now)]
    state.announcements.seed(quiet)
    announced = queue_announcements(state, findings_db, [k for k in fresh if k not in quiet])
    return Curated(announced=announced, quiet=tuple(quiet))


def schedule_announcements(
    state: StateDB, findings_db: Path, keys: list[InspectionKey], at: float
) -> tuple[tuple[InspectionKey, float], ...]:
    """Render each announcement as the findings will read at `at`, and schedule it then."""
    knowledge = Knowledge(Store.open(findings_db, clock=lambda: at))
    schedule = Schedule(state.conn)
    done = []
    for force, title in keys:
        text = knowledge.render(announcement(knowledge.store, force, title), "html")
        if schedule.add(force, title, text, at):
            done.append(((force, title), at))
    return tuple(done)


def scheduled_embargoes(state_db: Path) -> dict[InspectionKey, float]:
    """The moments of announcements still waiting: `load` keeps those inspections hidden."""
    state = StateDB(state_db)
    try:
        return {(row.force, row.title): row.at for row in Schedule(state.conn).pending()}
    finally:
        state.close()
