"""Queue announcements of inspections the state database has not seen: after `ingest` and `load`.

The state database's announcements table is the memory of every inspection announced or
"seeded" (remembered without a message). When it is empty, as on the first `load` of a new
install, every inspection already in the findings is seeded silently instead of announced.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from delivery.curation import curate, scheduled_embargoes
from delivery.state import InspectionKey, StateDB
from knowledge import Knowledge
from knowledge.announcement import announcement
from knowledge.embargo import as_text
from knowledge.ingest import IngestReport, ingest_findings, inspection_keys
from knowledge.loader import DATA_DIR
from knowledge.store import LoadReport, build_database


@dataclass(frozen=True)
class Announced:
    """Inspections queued for subscribers, and how many were remembered without a message."""

    queued: tuple[InspectionKey, ...]
    seeded: int
    scheduled: tuple[tuple[InspectionKey, float], ...] = ()  # with the moment they go out
    quiet: tuple[InspectionKey, ...] = ()  # backfilled: remembered without a message


def queue_announcements(
    state: StateDB, findings_db: Path, keys: list[InspectionKey]
) -> tuple[InspectionKey, ...]:
    """Render and queue one announcement per inspection in `keys` not seen before."""
    known = state.announcements.known()
    fresh = [key for key in dict.fromkeys(keys) if key not in known]
    if not fresh:
        return ()
    knowledge = Knowledge.open(findings_db)
    queued = []
    for force, title in fresh:
        text = knowledge.render(announcement(knowledge.store, force, title), "html")
        if state.announcements.queue(force, title, text):
            queued.append((force, title))
    return tuple(queued)


def ingest_and_announce(
    findings_db: Path,
    state_db: Path,
    path: Path,
    embargo: datetime | None = None,
    announce_backfill: bool = False,
) -> tuple[IngestReport, Announced]:
    """Add a findings file (all or nothing), then announce, schedule (embargo) or quietly
    remember (backfill) each of its inspections not seen before (delivery.curation)."""
    before = inspection_keys(findings_db)
    until = embargo_text(embargo) if embargo else None
    report = ingest_findings(findings_db, path, until)  # a bad file raises before any change
    state = StateDB(state_db)
    try:
        seeded = 0 if state.announcements.known() else state.announcements.seed(sorted(before))
        at = embargo.timestamp() if embargo else None
        curated = curate(state, findings_db, list(report.inspections), at, announce_backfill)
    finally:
        state.close()
    return report, Announced(curated.announced, seeded, curated.scheduled, curated.quiet)


def load_and_announce(
    findings_db: Path, state_db: Path, data_dir: Path = DATA_DIR
) -> tuple[LoadReport, Announced]:
    """Rebuild the findings database; queue inspections that were not in the previous one."""
    before = inspection_keys(findings_db)
    hidden = {key: embargo_text(at) for key, at in scheduled_embargoes(state_db).items()}
    report = build_database(findings_db, data_dir, embargoes=hidden)
    after = inspection_keys(findings_db)
    state = StateDB(state_db)
    try:
        known = state.announcements.known()
        if not known:  # a new install: remember the history, announce nothing
            return report, Announced((), state.announcements.seed(sorted(after)))
        seeded = state.announcements.seed(sorted((before & after) - known))
        queued = queue_announcements(state, findings_db, sorted(after - before - known))
    finally:
        state.close()
    return report, Announced(queued, seeded)


def embargo_text(moment: datetime | float) -> str:
    """The findings' embargo_until text for a moment."""
    if isinstance(moment, float | int):
        moment = datetime.fromtimestamp(moment, UTC)
    return as_text(moment)
