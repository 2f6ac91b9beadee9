"""Add the rows of a findings file to an existing findings database, in one transaction."""

import hashlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.embargo import COLUMN as EMBARGO
from knowledge.embargo import add_column as add_embargo_column
from knowledge.loader import FindingRow, read_findings
from knowledge.store import StoreMissing

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
_SAME_FINDING = "select 1 from findings where " + " and ".join(
    f"{column} is ?" for column in _FINDING_COLUMNS
)


@dataclass(frozen=True)
class IngestReport:
    """What an ingest read and added; `inspections` are every inspection the file names."""

    path: Path
    rows: int
    added: int
    inspections: tuple[InspectionKey, ...]
    new_inspections: tuple[InspectionKey, ...]
    data_version: str
    skipped_lines: list[int] = field(default_factory=list)


def inspection_keys(db_path: Path) -> set[InspectionKey]:
    """Every (force, title) in a findings database; empty when there is no database."""
    if not db_path.is_file():
        return set()
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return {
            (force, title) for force, title in conn.execute("select force, title from inspections")
        }
    except sqlite3.DatabaseError:
        return set()
    finally:
        conn.close()


def ingest_findings(
    db_path: Path, csv_path: Path, embargo_until: str | None = None
) -> IngestReport:
    """Validate `csv_path` as strictly as `load`, then add its new rows to the database.

    A bad row raises DataFileError (`file:line: reason`) before anything is written. Rows equal
    to a stored finding in every column are skipped, so ingesting a file twice adds nothing.
    `embargo_until` (UTC ISO text, knowledge.embargo) hides the added rows until that moment.
    """
    if not db_path.is_file():
        raise StoreMissing(f"no findings database at {db_path}: run `findings-bot load` first")
    conn = sqlite3.connect(db_path)
    try:
        forces = {name for (name,) in conn.execute("select name from forces where kind = 'force'")}
        rows = read_findings(csv_path, forces)
        with conn:  # one transaction: every row or none, and their embargo with them
            add_embargo_column(conn)
            return _write(conn, csv_path, rows, embargo_until)
    finally:
        conn.close()


def _write(
    conn: sqlite3.Connection, path: Path, rows: list[FindingRow], embargo_until: str | None
) -> IngestReport:
    inspections: dict[InspectionKey, int] = {}
    new: list[InspectionKey] = []
    added, skipped = 0, []
    next_id = conn.execute("select coalesce(max(id), 0) + 1 from findings").fetchone()[0]
    for row in rows:
        key = (row.force, row.inspection)
        if key not in inspections:
            inspections[key], created = _inspection_id(conn, row)
            if created:
                new.append(key)
        record = _record(row, inspections[key])
        if conn.execute(_SAME_FINDING, [record[c] for c in _FINDING_COLUMNS]).fetchone():
            skipped.append(row.line)
            continue
        record |= {"id": next_id, "source_line": row.line, EMBARGO: embargo_until}
        columns = ", ".join(record)
        conn.execute(
            f"insert into findings ({columns}) values ({', '.join('?' * len(record))})",
            list(record.values()),
        )
        next_id, added = next_id + 1, added + 1
    version = _bump_version(conn, path) if added else _version(conn)
    return IngestReport(path, len(rows), added, tuple(inspections), tuple(new), version, skipped)


def _inspection_id(conn: sqlite3.Connection, row: FindingRow) -> tuple[int, bool]:
    """The id of the row's inspection, created when the database has not seen it."""
    found = conn.execute(
        "select id, published from inspections where force = ? and title = ?",
        (row.force, row.inspection),
    ).fetchone()
    if found:
        if found[1] is None and row.published:
            conn.execute(
                "update inspections set published = ? where id = ?", (row.published, found[0])
            )
        return found[0], False
    next_id = conn.execute("select coalesce(max(id), 0) + 1 from inspections").fetchone()[0]
    conn.execute(
        "insert into inspections (id, force, title, year, published) values (?, ?, ?, ?, ?)",
        (next_id, row.force, row.inspection, row.inspection_year, row.published),
    )
    return next_id, True


def _record(row: FindingRow, inspection_id: int) -> dict[str, object]:
    return {
        "force": row.force,
        "inspection_id": inspection_id,
        "offence": row.offence,
        "measure": row.measure,
        "value": row.value,
        "ci_plus_minus": row.ci_plus_minus,
        "numerator": row.numerator,
        "denominator": row.denominator,
        "source_url": row.source_url,
        "source_kind": row.source_kind,
        "quote": row.quote,
    }


def _version(conn: sqlite3.Connection) -> str:
    found = conn.execute("select value from meta where key = 'data_version'").fetchone()
    return found[0] if found else ""


def _bump_version(conn: sqlite3.Connection, path: Path) -> str:
    """A new data version derived from the old one and the ingested file's bytes."""
    digest = hashlib.sha256(_version(conn).encode() + path.read_bytes()).hexdigest()[:12]
    conn.execute("insert or replace into meta (key, value) values ('data_version', ?)", (digest,))
    return digest
