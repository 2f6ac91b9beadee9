"""SQL views of the findings that may be shown to anyone: every finding not under embargo.

The findings site (`findings-bot web`) shows only these views, never the tables, so an embargoed
finding appears on it at its embargo moment and not a second before. A finding is under embargo
while its `embargo_until` (UTC, ISO 8601 text) is in the future; NULL means public. A database
built before that column existed gets views without the condition, and `ensure_public_views`
rewrites them whenever the column appears. Times are compared with julianday(), so
"2026-12-01T09:00:00Z", "...+00:00" and "2026-12-01 09:00:00" all work, and text SQLite cannot
read as a time keeps the row hidden.
"""

import sqlite3
from pathlib import Path

EMBARGO_COLUMN = "embargo_until"
PUBLIC_FINDINGS = "public_findings"
PUBLIC_INSPECTIONS = "public_inspections"
PUBLIC_FORCES = "public_forces"
PUBLIC_VIEWS = (PUBLIC_FINDINGS, PUBLIC_INSPECTIONS, PUBLIC_FORCES)
NOT_EMBARGOED = (
    f"(f.{EMBARGO_COLUMN} is null or julianday(f.{EMBARGO_COLUMN}) <= julianday('now'))"
)

_FINDINGS = """select f.id, f.force, i.title as inspection, i.year as inspection_year,
  i.published, f.offence, f.measure, f.value, f.ci_plus_minus, f.numerator, f.denominator,
  f.source_url, f.source_kind, f.quote
from findings f join inspections i on i.id = f.inspection_id
where {public}
order by f.id"""

_INSPECTIONS = """select i.id, i.force, i.title, i.year, i.published, count(*) as findings
from inspections i join findings f on f.inspection_id = i.id
where {public}
group by i.id
order by i.force, i.year desc, i.title"""

_FORCES = f"""select fo.name as force, fo.short_name, fo.country,
  (select count(*) from {PUBLIC_FINDINGS} p where p.force = fo.name) as findings,
  (select count(distinct p.inspection) from {PUBLIC_FINDINGS} p where p.force = fo.name)
    as inspections
from forces fo
where fo.kind = 'force'
order by fo.name"""


class PublicViewsError(RuntimeError):
    """The public views are missing or out of date and cannot be written here."""


def view_definitions(conn: sqlite3.Connection) -> dict[str, str]:
    """Each public view's CREATE VIEW statement, for this database's findings columns."""
    columns = {row[1] for row in conn.execute("pragma table_info(findings)")}
    public = NOT_EMBARGOED if EMBARGO_COLUMN in columns else "1"
    bodies = {
        PUBLIC_FINDINGS: _FINDINGS.format(public=public),
        PUBLIC_INSPECTIONS: _INSPECTIONS.format(public=public),
        PUBLIC_FORCES: _FORCES,
    }
    return {name: f"CREATE VIEW {name} AS\n{body}" for name, body in bodies.items()}


def create_public_views(conn: sqlite3.Connection) -> None:
    """(Re)create the public views in an open, writable database; the caller commits."""
    for name in reversed(PUBLIC_VIEWS):  # public_forces reads public_findings
        conn.execute(f"drop view if exists {name}")
    for statement in view_definitions(conn).values():
        conn.execute(statement)


def public_views_current(conn: sqlite3.Connection) -> bool:
    """True when every public view exists exactly as `view_definitions` would write it."""
    stored = dict(conn.execute("select name, sql from sqlite_master where type = 'view'"))
    return all(stored.get(name) == sql for name, sql in view_definitions(conn).items())


def ensure_public_views(path: Path) -> bool:
    """Make the database's public views current; True when they had to be (re)written.

    Reads first, so a database whose views are current is never opened for writing (it may sit
    on a read-only file system). PublicViewsError when they are not current and cannot be.
    """
    if not path.is_file():
        raise PublicViewsError(f"no findings database at {path}: run `findings-bot load` first")
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if public_views_current(reader):
            return False
    except sqlite3.DatabaseError as error:
        raise PublicViewsError(f"{path} is not a findings database ({error})") from None
    finally:
        reader.close()
    writer = sqlite3.connect(path)
    try:
        with writer:
            create_public_views(writer)
    except sqlite3.OperationalError as error:
        raise PublicViewsError(
            f"the public views in {path} are out of date and cannot be rewritten ({error}); "
            "rebuild it with `findings-bot load`"
        ) from None
    finally:
        writer.close()
    return True
