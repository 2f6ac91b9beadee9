"""Add the rows of a findings file to the findings database: streamed, linear, all or nothing.

The rows go into a staged copy of the database (knowledge/staging.py) that replaces it only
when every row has been validated and written; a bad row, a full disk or a killed process
leaves the database as it was. Memory stays flat: rows are read one at a time and duplicates
are found through a fingerprint table on disk, not by searching the findings.
"""

import hashlib
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from sqlite3 import Connection

from knowledge.embargo import COLUMN as EMBARGO
from knowledge.embargo import add_column as add_embargo_column
from knowledge.loader import FindingRow, iter_findings
from knowledge.public_views import create_public_views
from knowledge.shadows import forget_shadows_of
from knowledge.staging import Staged, staging, writer_lock
from knowledge.store import StoreMissing, connect_readonly

InspectionKey = tuple[str, str]  # (force, inspection title)
# The columns a finding is compared on: a row equal to a stored one in all of them is a duplicate.
_FINDING_COLUMNS = (
    "force",
    "inspection_id",
    "offence",
    "measure",
    "value",
    "ci_plus_minus",
    "numerator",
    "denominator",
    "source_url",
    "source_kind",
    "quote",
)
_INSERT = (
    f"insert into findings ({', '.join(_FINDING_COLUMNS)}, id, source_line, {EMBARGO}) "
    f"values ({', '.join('?' * (len(_FINDING_COLUMNS) + 3))})"
)
BATCH = 5_000  # rows written per executemany
SKIPPED_KEPT = 100  # line numbers of skipped duplicates kept for the report


@dataclass(frozen=True)
class IngestReport:
    """What an ingest read and added; `inspections` are every inspection the file names."""

    path: Path
    rows: int
    added: int
    inspections: tuple[InspectionKey, ...]
    new_inspections: tuple[InspectionKey, ...]
    data_version: str
    skipped_lines: list[int] = field(default_factory=list)  # the first SKIPPED_KEPT


def inspection_keys(db_path: Path) -> set[InspectionKey]:
    """Every (force, title) in a findings database; empty when there is none (or it is bad)."""
    if not db_path.is_file():
        return set()
    conn = connect_readonly(db_path)
    try:
        return {
            (force, title) for force, title in conn.execute("select force, title from inspections")
        }
    except sqlite3.DatabaseError:  # not a findings database
        return set()
    finally:
        conn.close()


def ingest_findings(
    db_path: Path, csv_path: Path, embargo_until: str | None = None
) -> IngestReport:
    """Validate `csv_path` as strictly as `load` and add its new rows, all or nothing.

    A bad row raises DataFileError (`file:line: reason`) and nothing changes. Rows equal to a
    stored finding in every column are skipped, so ingesting a file twice adds nothing.
    `embargo_until` (UTC ISO text, knowledge.embargo) hides the added rows until that moment.
    """
    require_database(db_path)
    with writer_lock(db_path), staging(db_path, copy_current=True) as staged:
        report = add_findings(staged, csv_path, embargo_until)
        staged.publish()
    return report


def require_database(db_path: Path) -> None:
    if not db_path.is_file():
        raise StoreMissing(f"no findings database at {db_path}: run `findings-bot load` first")


def add_findings(staged: Staged, csv_path: Path, embargo_until: str | None = None) -> IngestReport:
    """Add the file's new rows to a staged copy of the database (not yet published), with
    their embargo in the same transaction."""
    conn = staged.connect()
    try:
        forces = {name for (name,) in conn.execute("select name from forces where kind = 'force'")}
        conn.execute("begin")
        conn.execute(  # databases built before the index existed
            "create index if not exists idx_findings_inspection_id on findings (inspection_id)"
        )
        conn.execute(
            "create index if not exists idx_inspections_published on inspections (published)"
        )
        if add_embargo_column(conn):  # a database from before embargoes
            create_public_views(conn)  # the findings site's views learn the column
        conn.execute(f"create index if not exists idx_findings_{EMBARGO} on findings ({EMBARGO})")
        writer = _Writer(conn, csv_path, embargo_until)
        report = writer.write(iter_findings(csv_path, forces))
        conn.execute("commit")
    finally:
        conn.close()
    return report


class _Writer:
    """One pass over the rows: inspections by key, duplicates by fingerprint, rows in batches."""

    def __init__(self, conn: Connection, path: Path, embargo_until: str | None = None) -> None:
        self.conn, self.path, self.embargo_until = conn, path, embargo_until
        self.inspections: dict[InspectionKey, list[object]] = {
            (force, title): [inspection_id, published]
            for inspection_id, force, title, published in conn.execute(
                "select id, force, title, published from inspections"
            )
        }
        self.named: dict[InspectionKey, None] = {}
        self.new: list[InspectionKey] = []
        conn.execute("create temp table seen (fingerprint blob primary key) without rowid")
        stored = conn.execute(f"select {', '.join(_FINDING_COLUMNS)} from findings")
        conn.executemany(
            "insert or ignore into temp.seen values (?)", ((_fingerprint(r),) for r in stored)
        )

    def write(self, rows: Iterable[FindingRow]) -> IngestReport:
        next_id = self.conn.execute("select coalesce(max(id), 0) + 1 from findings").fetchone()[0]
        count, added = 0, 0
        skipped: list[int] = []
        batch: list[tuple[object, ...]] = []
        for row in rows:
            count += 1
            values = self._values(row)
            if not self.conn.execute(
                "insert or ignore into temp.seen values (?)", (_fingerprint(values),)
            ).rowcount:
                if len(skipped) < SKIPPED_KEPT:
                    skipped.append(row.line)
                continue
            batch.append((*values, next_id + added, row.line, self.embargo_until))
            added += 1
            if len(batch) >= BATCH:
                self.conn.executemany(_INSERT, batch)
                batch.clear()
        self.conn.executemany(_INSERT, batch)
        version = self._bump_version() if added else self._version()
        return IngestReport(
            self.path, count, added, tuple(self.named), tuple(self.new), version, skipped
        )

    def _values(self, row: FindingRow) -> tuple[object, ...]:
        return (
            row.force,
            self._inspection_id(row),
            row.offence,
            row.measure,
            row.value,
            row.ci_plus_minus,
            row.numerator,
            row.denominator,
            row.source_url,
            row.source_kind,
            row.quote,
        )

    def _inspection_id(self, row: FindingRow) -> object:
        """The id of the row's inspection, created when the database has not seen it."""
        key = (row.force, row.inspection)
        self.named.setdefault(key)
        found = self.inspections.get(key)
        if found is None:
            next_id = self.conn.execute(
                "select coalesce(max(id), 0) + 1 from inspections"
            ).fetchone()[0]
            self.conn.execute(
                "insert into inspections (id, force, title, year, published) "
                "values (?, ?, ?, ?, ?)",
                (next_id, row.force, row.inspection, row.inspection_year, row.published),
            )
            found = self.inspections[key] = [next_id, row.published]
            self.new.append(key)
        elif found[1] is None and row.published:
            self.conn.execute(
                "update inspections set published = ? where id = ?", (row.published, found[0])
            )
            forget_shadows_of(self.conn, found[0])  # the rule compared publication dates
            found[1] = row.published
        return found[0]

    def _version(self) -> str:
        found = self.conn.execute("select value from meta where key = 'data_version'").fetchone()
        return found[0] if found else ""

    def _bump_version(self) -> str:
        """A new data version derived from the old one and the ingested file's bytes."""
        digest = hashlib.sha256(self._version().encode())
        with self.path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        version = digest.hexdigest()[:12]
        self.conn.execute(
            "insert or replace into meta (key, value) values ('data_version', ?)", (version,)
        )
        return version


def _fingerprint(values: Iterable[object]) -> bytes:
    return hashlib.blake2b(repr(tuple(values)).encode(), digest_size=16).digest()
