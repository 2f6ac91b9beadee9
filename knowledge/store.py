"""The SQLite store of findings, built with sqlite-utils and read once into memory."""

import hashlib
import sqlite3
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from knowledge.embargo import COLUMN as EMBARGO
from knowledge.embargo import Clock, Visibility, as_epoch
from knowledge.facts import Fact
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
from knowledge.staging import Staged, staging, writer_lock
from knowledge.vocabulary import NATIONAL

SCHEMA_VERSION = "1"
DATA_FILES = ("forces.csv", "aliases.csv", "places.csv", "places_elsewhere.csv", "findings.csv")


class StoreMissing(RuntimeError):
    """There is no findings database at the configured path."""


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


def connect_readonly(path: Path) -> sqlite3.Connection:
    """Open the findings database for reading only, as the file it is at this moment.

    `immutable`: writers never change a published file (they rename a new one over it), so a
    reader takes no locks and never looks at a journal a killed writer may have left.
    """
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True)


def read_data_version(path: Path) -> str | None:
    """The data version of the database at `path` (one small query), or None without one."""
    if not path.is_file():
        return None
    try:
        conn = connect_readonly(path)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("select value from meta where key = 'data_version'").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    return str(row[0]) if row else None


class Store:
    """Every force, alias and finding, read once from the database and kept in memory."""

    def __init__(
        self,
        forces: dict[str, dict[str, str]],
        aliases: list[dict[str, object]],
        facts: list[Fact],
        meta: dict[str, str],
        elsewhere: list[str] | None = None,
        embargoes: Sequence[float | None] | None = None,
        clock: Clock = time.time,
    ) -> None:
        self.forces = forces
        self.aliases = aliases
        self.meta = meta
        self.elsewhere = elsewhere or []  # places outside England and Wales (the gazetteer)
        self.visibility = Visibility(facts, embargoes or [None] * len(facts), clock)

    @property
    def facts(self) -> list[Fact]:
        """The findings visible now: embargoed ones appear when their moment passes."""
        return self.visibility.facts()

    @property
    def visible_version(self) -> str:
        """The data version, and how many embargoes have lifted since it was built."""
        lifted = self.visibility.lifted()
        return self.meta.get("data_version", "unknown") + (f"+{lifted}" if lifted else "")

    @classmethod
    def open(cls, path: Path, clock: Clock = time.time) -> "Store":
        """Read the database at `path`; StoreMissing when there is none."""
        if not path.is_file():
            raise StoreMissing(f"no findings database at {path}: run `findings-bot load` first")
        conn = connect_readonly(path)
        conn.row_factory = sqlite3.Row
        try:
            forces = {
                r["name"]: dict(r)
                for r in conn.execute("select * from forces where kind = 'force' order by name")
            }
            aliases = [dict(r) for r in conn.execute("select * from aliases order by alias")]
            rows = [dict(r) for r in conn.execute(_facts_sql(conn))]
            embargoes = [as_epoch(row.pop(EMBARGO)) for row in rows]
            facts = [Fact(**row) for row in rows]
            meta = {r["key"]: r["value"] for r in conn.execute("select key, value from meta")}
            elsewhere = [r["alias"] for r in conn.execute("select alias from elsewhere")]
        except sqlite3.DatabaseError as error:
            raise StoreMissing(f"{path} is not a findings database ({error})") from None
        finally:
            conn.close()
        return cls(forces, aliases, facts, meta, elsewhere, embargoes, clock)

    def facts_for(self, force: str) -> list[Fact]:
        return self.visibility.by_force().get(force, [])

    def latest_inspection(self, force: str) -> Fact | None:
        """A fact of the force's latest dated inspection (for its title and year)."""
        dated = [f for f in self.facts_for(force) if f.inspection_year]
        return max(dated, key=lambda f: (f.year_sort_key, f.published or ""), default=None)


_FACTS_SQL = """
select f.force, i.title as inspection, i.year as inspection_year, i.published, f.offence,
       f.measure, f.value, f.ci_plus_minus, f.numerator, f.denominator, f.source_url,
       f.source_kind, f.quote, f.id as row_id, {embargo} as {alias}
from findings f join inspections i on i.id = f.inspection_id
order by f.id
"""


def _facts_sql(conn: sqlite3.Connection, where: str = "") -> str:
    """Every finding with its embargo (NULL in a database from before embargoes); `where`
    narrows it (a clause on `f` and `i`) so that an index can serve it."""
    columns = {row[1] for row in conn.execute("pragma table_info(findings)")}
    embargo = f"f.{EMBARGO}" if EMBARGO in columns else "null"
    sql = _FACTS_SQL.format(embargo=embargo, alias=EMBARGO)
    return sql.replace("order by f.id", f"{where} order by f.id") if where else sql


def store_of_forces(path: Path, forces: set[str], clock: Clock = time.time) -> Store:
    """A Store with only these forces' facts (no aliases): enough to speak of their
    inspections without reading a large database whole; `clock` says when it is read."""
    marks = ", ".join("?" * len(forces))
    return _partial_store(
        path,
        (f"select * from forces where kind = 'force' and name in ({marks})", list(forces)),
        (f"select * from ({{facts}}) where force in ({marks})", list(forces)),
        clock,
    )


def store_of_inspection(path: Path, force: str, title: str, clock: Clock = time.time) -> Store:
    """A Store with one inspection's facts (no aliases): enough to announce it; memory grows
    with that inspection, not with the database (an index on findings.inspection_id)."""
    return _partial_store(
        path,
        ("select * from forces where name = ?", [force]),
        ("{facts}", [force, title]),
        clock,
        where="where i.force = ? and i.title = ?",
    )


def _partial_store(
    path: Path,
    forces_query: tuple[str, list[str]],
    facts_query: tuple[str, list[str]],
    clock: Clock,
    where: str = "",
) -> Store:
    """A Store of the forces and facts two queries select; `{facts}` in the second stands for
    the facts query (with `where` added to it)."""
    conn = connect_readonly(path)
    conn.row_factory = sqlite3.Row
    try:
        known = {r["name"]: dict(r) for r in conn.execute(*forces_query)}
        sql = facts_query[0].format(facts=_facts_sql(conn, where))
        found = [dict(r) for r in conn.execute(sql, facts_query[1])]
        embargoes = [as_epoch(row.pop(EMBARGO)) for row in found]
        facts = [Fact(**row) for row in found]
        meta = {r["key"]: r["value"] for r in conn.execute("select key, value from meta")}
    finally:
        conn.close()
    return Store(known, [], facts, meta, embargoes=embargoes, clock=clock)
