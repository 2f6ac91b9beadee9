"""Build the SQLite store of findings from the data files, with sqlite-utils (only the writer
imports it: readers of the store, knowledge/store.py, never load it or numpy)."""

import hashlib
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from knowledge.embargo import COLUMN as EMBARGO
from knowledge.loader import (
    DATA_DIR,
    FindingRow,
    read_aliases,
    read_elsewhere,
    read_findings,
    read_forces,
    read_towns,
)
from knowledge.public_views import create_public_views
from knowledge.shadows import write_shadows
from knowledge.staging import Staged, staging, writer_lock
from knowledge.store import NEWEST_ORDER
from knowledge.vocabulary import NATIONAL

SCHEMA_VERSION = "1"
DATA_FILES = ("forces.csv", "aliases.csv", "places.csv", "places_elsewhere.csv", "findings.csv")


@dataclass(frozen=True)
class LoadReport:
    """What a load wrote: where, how many rows, and the data version."""

    path: Path
    forces: int
    aliases: int
    inspections: int
    findings: int
    data_version: str


def data_version(data_dir: Path) -> str:
    """A short hash of the data files: changes whenever any figure or alias changes."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update((data_dir / name).read_bytes())
    return digest.hexdigest()[:12]


def build_database(
    path: Path, data_dir: Path = DATA_DIR, embargoes: Mapping[tuple[str, str], str] | None = None
) -> LoadReport:
    """Validate the data files and build the database at `path`, all or nothing.

    The database is written to a staged file beside `path` and renamed over it only when
    every row has been validated and written (knowledge/staging.py), so a bad file, a full
    disk or a killed process leaves the old database as it was.
    `embargoes` (force, inspection) -> embargo_until keeps those inspections hidden until then.
    """
    with writer_lock(path), staging(path, copy_current=False) as staged:
        report = write_database(staged, data_dir, embargoes)
        staged.publish()
    return report


def write_database(
    staged: Staged,
    data_dir: Path = DATA_DIR,
    embargoes: Mapping[tuple[str, str], str] | None = None,
) -> LoadReport:
    """Validate the data files and write them into a staged file (not yet published)."""
    forces = read_forces(data_dir / "forces.csv")
    names = {force["force"] for force in forces}
    aliases = read_aliases(data_dir / "aliases.csv", names)
    aliases += read_towns(data_dir / "places.csv", names)
    elsewhere = read_elsewhere(data_dir / "places_elsewhere.csv")
    findings = read_findings(data_dir / "findings.csv", names)
    version = data_version(data_dir)
    conn = staged.connect()
    try:
        counts = _write(conn, forces, aliases, elsewhere, findings, version, embargoes or {})
    finally:
        conn.close()
    return LoadReport(staged.target, len(forces), len(aliases), counts, len(findings), version)


def _write(
    conn: sqlite3.Connection,
    forces: list[dict[str, str]],
    aliases: list[dict[str, str | int]],
    elsewhere: list[dict[str, str]],
    findings: list[FindingRow],
    version: str,
    embargoes: Mapping[tuple[str, str], str],
) -> int:
    db = sqlite_utils.Database(conn)
    db.table("forces").insert_all(
        [
            {
                "name": f["force"],
                "short_name": f["short_name"],
                "country": f["country"],
                "kind": "force",
            }
            for f in forces
        ]
        + [{"name": NATIONAL, "short_name": NATIONAL, "country": NATIONAL, "kind": "national"}],
        pk="name",
    )
    db.table("aliases").insert_all(
        aliases, pk=("alias", "force"), foreign_keys=[("force", "forces")]
    )
    db.table("elsewhere").insert_all(elsewhere, pk="alias")
    inspections = _inspections(findings)
    db.table("inspections").insert_all(
        inspections.values(), pk="id", foreign_keys=[("force", "forces")]
    )
    db.table("findings").insert_all(
        [
            _finding_record(i, row, inspections)
            | {EMBARGO: embargoes.get((row.force, row.inspection))}
            for i, row in enumerate(findings, 1)
        ],
        pk="id",
        foreign_keys=[("force", "forces"), ("inspection_id", "inspections")],
        columns={
            "value": str,
            "ci_plus_minus": str,
            "numerator": int,
            "denominator": int,
            EMBARGO: str,
        },
    )
    db.table("inspections").create_index(["force", "title"], unique=True)
    db.table("findings").create_index(["force", "offence", "measure"])
    db.table("findings").create_index(["offence", "measure"])
    db.table("findings").create_index(["inspection_id"])  # an inspection's facts (announce)
    db.table("findings").create_index([EMBARGO])  # the embargo moments, read at every open
    db.table("inspections").create_index(["published"])
    # what's new: newest first without sorting every inspection (knowledge/store.py _NEWEST)
    conn.execute(f"create index idx_inspections_newest on inspections({', '.join(NEWEST_ORDER)})")
    db.table("inspections").create_index(["year"])  # which forces were inspected in a year
    # an inspection's first finding of each embargo, from the index alone
    db.table("findings").create_index(["inspection_id", EMBARGO])
    db.table("aliases").create_index(["force"])
    db.table("meta").insert_all(
        [
            {"key": "data_version", "value": version},
            {"key": "schema_version", "value": SCHEMA_VERSION},
            {"key": "built_at", "value": datetime.now(UTC).isoformat(timespec="seconds")},
        ],
        pk="key",
    )
    create_public_views(conn)  # what the findings site shows: findings not under embargo
    write_shadows(conn)  # rows no answer can choose: readers leave them out
    conn.commit()
    return len(inspections)


def _inspections(findings: list[FindingRow]) -> dict[tuple[str, str], dict[str, object]]:
    inspections: dict[tuple[str, str], dict[str, object]] = {}
    for row in findings:
        key = (row.force, row.inspection)
        record = inspections.setdefault(
            key,
            {
                "id": len(inspections) + 1,
                "force": row.force,
                "title": row.inspection,
                "year": row.inspection_year,
                "published": row.published,
            },
        )
        if record["published"] is None and row.published:
            record["published"] = row.published
    return inspections


def _finding_record(
    row_id: int, row: FindingRow, inspections: dict[tuple[str, str], dict[str, object]]
) -> dict[str, object]:
    record = {f.name: getattr(row, f.name) for f in fields(row)}
    record.pop("inspection_year")
    record.pop("published")
    record["inspection_id"] = inspections[(row.force, record.pop("inspection"))]["id"]
    record["source_line"] = record.pop("line")
    record.pop("row_id")  # the database assigns it: `id` below
    record["id"] = row_id
    return record
