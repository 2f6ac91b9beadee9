"""Change the findings and queue their announcements together, or change nothing.

`ingest` and `load` write the findings into a staged file (knowledge/staging.py), record the
announcements of inspections the state database has not seen in one state transaction, and
only then publish the staged file. If the state database cannot be written, the findings stay
as they were, so a retry still sees the inspections as new and announces them. If the process
dies after the state commit but before the rename, the broadcaster holds the announcement back
until its inspection is in the findings database (delivery/outbox.py `expand`).

The state database's announcements table is the memory of every inspection announced or
"seeded" (remembered without a message). When it is empty, as on the first `load` of a new
install, every inspection already in the findings is seeded silently instead of announced.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from delivery.curation import Announced, curate, record, scheduled_embargoes, unwritable
from delivery.state import StateDB
from knowledge.build import LoadReport, write_database
from knowledge.embargo import as_text
from knowledge.ingest import IngestReport, add_findings, inspection_keys, require_database
from knowledge.loader import DATA_DIR
from knowledge.staging import staging, writer_lock


def ingest_and_announce(
    findings_db: Path,
    state_db: Path,
    path: Path,
    embargo: datetime | None = None,
    announce_backfill: bool = False,
) -> tuple[IngestReport, Announced]:
    """Add a findings file and announce, schedule (`embargo`) or quietly remember (backfill)
    its inspections not seen before (delivery/curation.py): both, or neither."""
    require_database(findings_db)
    before = inspection_keys(findings_db)
    until = embargo_text(embargo) if embargo else None
    with writer_lock(findings_db), staging(findings_db, copy_current=True) as staged:
        report = add_findings(staged, path, until)  # a bad file raises before anything changes
        with open_state(state_db) as state:
            seed = [] if state.announcements.known() else sorted(before)
            at = embargo.timestamp() if embargo else None
            candidates = list(report.inspections)
            announced = curate(state, staged.path, seed, candidates, at, announce_backfill)
        staged.publish()
    return report, announced


def load_and_announce(
    findings_db: Path, state_db: Path, data_dir: Path = DATA_DIR
) -> tuple[LoadReport, Announced]:
    """Rebuild the findings database; queue inspections that were not in the previous one."""
    before = inspection_keys(findings_db)
    with writer_lock(findings_db), staging(findings_db, copy_current=False) as staged:
        with open_state(state_db) as state:
            hidden = {k: embargo_text(at) for k, at in scheduled_embargoes(state).items()}
        report = write_database(staged, data_dir, hidden)  # waiting announcements stay hidden
        after = inspection_keys(staged.path)
        with open_state(state_db) as state:
            known = state.announcements.known()
            if not known:  # a new install: remember the history, announce nothing
                announced = record(state, staged.path, sorted(after), [])
            else:
                seed = sorted((before & after) - known)
                announced = record(state, staged.path, seed, sorted(after - before - known))
        staged.publish()
    return report, announced


@contextmanager
def open_state(path: Path) -> Iterator[StateDB]:
    """Open the state database for writing; its errors become StateUnwritable."""
    try:
        state = StateDB(path)
    except sqlite3.Error as error:
        raise unwritable(path, error) from None
    try:
        yield state
    finally:
        state.close()


def embargo_text(moment: datetime | float) -> str:
    """The findings' embargo_until text for a moment."""
    if isinstance(moment, float | int):
        moment = datetime.fromtimestamp(moment, UTC)
    return as_text(moment)
