"""What an ingest announces: now, at an embargo's moment, or not at all (a backfill).

- With an embargo, each new inspection's announcement is scheduled for that moment; its text
  is rendered as the findings will read then.
- Otherwise an inspection published in the last 30 days is announced now; an older or undated
  one (a backfill) is remembered quietly unless the curator asks for an announcement.
- A national report (force "England and Wales") goes to every chat that follows all forces.
- `record` renders each new inspection's announcement and writes it, with the inspections
  remembered quietly, in one state transaction (delivery/announce.py calls it inside the
  staged change of the findings).
"""

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from delivery.schedule import InspectionKey, Schedule, is_backfill, published_dates
from delivery.state import StateDB
from knowledge.announcement import announcement
from knowledge.reader import store_of_forces, store_of_inspection
from knowledge.render import Renderer
from knowledge.store import connect_readonly


class StateUnwritable(RuntimeError):
    """The state database could not be opened or written; nothing was changed."""


@dataclass(frozen=True)
class Announced:
    """Inspections queued for subscribers, and how many were remembered without a message."""

    queued: tuple[InspectionKey, ...]
    seeded: int
    scheduled: tuple[tuple[InspectionKey, float], ...] = ()  # with the moment they go out
    quiet: tuple[InspectionKey, ...] = ()  # backfilled: remembered without a message


def curate(
    state: StateDB,
    findings: Path,
    seed: list[InspectionKey],
    candidates: list[InspectionKey],
    embargo_at: float | None = None,
    announce_backfill: bool = False,
    now: float | None = None,
) -> Announced:
    """Seed `seed`; announce, schedule or quietly remember each unseen candidate."""
    now = time.time() if now is None else now
    known = state.announcements.known() | set(seed)
    fresh = [key for key in dict.fromkeys(candidates) if key not in known]
    if embargo_at is not None:
        seeded = record(state, findings, seed, []).seeded
        scheduled = schedule_announcements(state, findings, fresh, embargo_at)
        return Announced((), seeded, scheduled=scheduled)
    conn = connect_readonly(findings)
    try:
        dates = published_dates(conn, fresh)
    finally:
        conn.close()
    quiet = [k for k in fresh if not announce_backfill and is_backfill(dates[k], now)]
    done = record(state, findings, seed + quiet, [k for k in fresh if k not in quiet])
    return Announced(done.queued, done.seeded - len(quiet), quiet=tuple(quiet))


def schedule_announcements(
    state: StateDB, findings: Path, keys: list[InspectionKey], at: float
) -> tuple[tuple[InspectionKey, float], ...]:
    """Render each announcement as the findings will read at `at`, and schedule it then."""
    if not keys:
        return ()
    store = store_of_forces(findings, {force for force, _ in keys}, clock=lambda: at)
    renderer, schedule = Renderer(), Schedule(state.conn)
    done = []
    for force, title in keys:
        text = renderer.render(announcement(store, force, title), "html")
        if schedule.add(force, title, text, at):
            done.append(((force, title), at))
    return tuple(done)


def scheduled_embargoes(state: StateDB) -> dict[InspectionKey, float]:
    """The moments of announcements still waiting: `load` keeps those inspections hidden."""
    return {(row.force, row.title): row.at for row in Schedule(state.conn).pending()}


def record(
    state: StateDB, findings: Path, seed: list[InspectionKey], candidates: list[InspectionKey]
) -> Announced:
    """Render the unseen candidates from `findings` and record them, with `seed`, at once."""
    known = state.announcements.known()
    fresh = [key for key in dict.fromkeys(candidates) if key not in known]
    texts = render_announcements(findings, fresh) if fresh else []
    try:
        seeded, queued = state.announcements.record(seed, texts)
    except sqlite3.Error as error:
        raise unwritable(state.path, error) from None
    return Announced(queued, seeded)


def render_announcements(findings: Path, keys: list[InspectionKey]) -> list[tuple[str, str, str]]:
    """(force, title, HTML) for each inspection, read from the findings file at `findings`."""
    renderer = Renderer()
    return [
        (
            force,
            title,
            renderer.render(
                announcement(store_of_inspection(findings, force, title), force, title), "html"
            ),
        )
        for force, title in keys
    ]


def unwritable(path: Path | str, error: sqlite3.Error) -> StateUnwritable:
    return StateUnwritable(
        f"cannot write the state database {path} ({error}); nothing was changed"
    )
