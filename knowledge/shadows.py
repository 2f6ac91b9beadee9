"""Findings no answer can ever choose, worked out when the database is written, so that opening
it reads only the others (the `shadowed` table: one id a row).

Answers pick, for each force, offence and measure, the latest inspection's figures
(knowledge/figure_choice.py `latest_per_figure`): in one year, the inspection published last,
and of two as late the one whose rows come first. A row r is *shadowed* by an earlier row s when

- s has the same force, offence, measure and year and the same figure, source and quote
  (value, numerator, denominator, source_url, quote): the same finding, of which
  `without_repeats` keeps one, and never r. Undated rows are never shadowed: repeats keeps
  each of them, so an answer listing every inspection ("is Kent getting better?") shows them;
- s is public (no embargo), so s is visible whenever r is;
- s's inspection is published at least as late as r's (and is a re-inspection if r's is),
  and s comes before the first row of r's inspection in that force, offence, measure and year.

Then r's inspection never wins a choice that s's can make, r is never the first row of its kind
(a grade filter's "earlier" figure, a list's order, the latest inspection), and dropping r changes
no answer. An inspection copied under another title with the same figures (bench/synthetic.py)
is shadowed whole. The rule only ever looks at earlier rows, so rows added later
(knowledge/ingest.py) leave the table right, and moving an embargo never touches a public row;
an ingest that dates an undated inspection forgets its rows' entries; a row without an entry is
simply read. The rule mirrors how figures are chosen (knowledge/figure_choice.py, selection.py,
lists.py): tests/test_shadows.py compares every kind of answer with the same database read
whole, so a change there that the rule no longer covers fails it.
"""

import sqlite3
from bisect import bisect_left
from collections.abc import Iterable

from knowledge.embargo import COLUMN as EMBARGO

TABLE = "shadowed"

_ROWS = """
select f.id, f.force, f.offence, f.measure, i.year, f.value, f.numerator, f.denominator,
       f.source_url, f.quote, {embargo}, coalesce(i.published, ''), i.title, f.inspection_id
from findings f join inspections i on i.id = f.inspection_id
order by f.id
"""

# id, force, offence, measure, year, value, numerator, denominator, source_url, quote,
# embargo, published ('' when unknown), inspection title, inspection id
Row = tuple[object, ...]


def shadowed_ids(rows: Iterable[Row]) -> list[int]:
    """The ids of the rows (in id order) that an earlier row shadows (see the module doc)."""
    first_of_inspection: dict[tuple[object, ...], int] = {}
    earlier: dict[tuple[object, ...], tuple[list[int], list[tuple[str, bool]]]] = {}
    shadowed = []
    for row in rows:
        if row[4] is None:  # undated: every copy is its own finding to a history answer
            continue
        row_id, bucket, finding = int(str(row[0])), row[1:5], row[1:10]
        embargo, published, title, inspection = row[10:14]
        first = first_of_inspection.setdefault((*bucket, inspection), row_id)
        key = (str(published), "re-inspection" in str(title))
        ids, best = earlier.setdefault(finding, ([], []))
        before = bisect_left(ids, first)  # public rows of this finding before r's inspection
        if before and best[before - 1] >= key:
            shadowed.append(row_id)
        if embargo is None:
            ids.append(row_id)
            best.append(max(best[-1], key) if best else key)
    return shadowed


def write_shadows(conn: sqlite3.Connection) -> int:
    """(Re)write the shadowed table from the findings; how many rows it names."""
    columns = {row[1] for row in conn.execute("pragma table_info(findings)")}
    embargo = f"f.{EMBARGO}" if EMBARGO in columns else "null"
    ids = shadowed_ids(conn.execute(_ROWS.format(embargo=embargo)))
    conn.execute(f"create table if not exists {TABLE} (id integer primary key)")
    conn.execute(f"delete from {TABLE}")
    conn.executemany(f"insert into {TABLE} (id) values (?)", ((i,) for i in ids))
    return len(ids)


def forget_shadows_of(conn: sqlite3.Connection, inspection_id: object) -> None:
    """An inspection's publication date changed: its rows are read again, never left out."""
    if conn.execute("select 1 from sqlite_master where name = ?", (TABLE,)).fetchone():
        conn.execute(
            f"delete from {TABLE} where id in (select id from findings where inspection_id = ?)",
            (inspection_id,),
        )


def has_shadows(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute("select 1 from sqlite_master where name = ?", (TABLE,)).fetchone())
