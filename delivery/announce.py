"""Queue announcements of inspections the state database has not seen: after `ingest` and `load`.

The state database's announcements table is the memory of every inspection announced or
"seeded" (remembered without a message). When it is empty, as on the first `load` of a new
install, every inspection already in the findings is seeded silently instead of announced.
"""

from dataclasses import dataclass
from pathlib import Path

from delivery.state import InspectionKey, StateDB
from knowledge import Knowledge
from knowledge.announcement import announcement
from knowledge.ingest import IngestReport, ingest_findings, inspection_keys
from knowledge.loader import DATA_DIR
from knowledge.store import LoadReport, build_database


@dataclass(frozen=True)
class Announced:
    """Inspections queued for subscribers, and how many were remembered without a message."""

    queued: tuple[InspectionKey, ...]
    seeded: int


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
    findings_db: Path, state_db: Path, path: Path
) -> tuple[IngestReport, Announced]:
    """Add a findings file (all or nothing), then queue its inspections not seen before."""
    before = inspection_keys(findings_db)
    report = ingest_findings(findings_db, path)  # a bad file raises before anything changes
    state = StateDB(state_db)
    try:
        seeded = 0 if state.announcements.known() else state.announcements.seed(sorted(before))
        queued = queue_announcements(state, findings_db, list(report.inspections))
    finally:
        state.close()
    return report, Announced(queued, seeded)


def load_and_announce(
    findings_db: Path, state_db: Path, data_dir: Path = DATA_DIR
) -> tuple[LoadReport, Announced]:
    """Rebuild the findings database; queue inspections that were not in the previous one."""
    before = inspection_keys(findings_db)
    report = build_database(findings_db, data_dir)
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
