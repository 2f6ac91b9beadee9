"""Queries on the findings database: the whole Store, a Store of a few forces or of one
inspection, and the findings a Store reads later from the file it was opened on."""

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import cast

from knowledge.embargo import COLUMN as EMBARGO
from knowledge.embargo import Clock, as_epoch
from knowledge.facts import Fact
from knowledge.shadows import TABLE as SHADOWED
from knowledge.store import Rows, Store, StoreMissing, connect_readonly

_FACTS_SQL = """
select f.force, i.title as inspection, i.year as inspection_year, i.published, f.offence,
       f.measure, f.value, f.ci_plus_minus, f.numerator, f.denominator, f.source_url,
       f.source_kind, f.quote, f.id as row_id, {embargo} as {alias}
from findings f join inspections i on i.id = f.inspection_id
{where} order by f.id
"""


class Reader:
    """One read-only connection to the file a Store was opened on, kept so that what is read
    later comes from the same data even when a writer has since renamed a new file over it."""

    def __init__(self, path: Path) -> None:
        self.conn = connect_readonly(path, shared=True)
        self.lock = threading.Lock()  # one query at a time (the bot asks from threads)
        self.embargo = f"f.{EMBARGO}" if EMBARGO in self.columns("findings") else "null"

    def columns(self, table: str) -> set[str]:
        return {row[1] for row in self.conn.execute(f"pragma table_info({table})")}

    def facts(self, where: str = "", parameters: tuple[object, ...] = ()) -> Rows:
        """The findings a clause on `f` (findings) and `i` (inspections) selects, in id order,
        and their embargoes (epoch seconds, None when public)."""
        sql = _FACTS_SQL.format(embargo=self.embargo, alias=EMBARGO, where=where)
        with self.lock:
            rows = self.conn.execute(sql, parameters).fetchall()
        embargoes = [as_epoch(row[-1]) for row in rows]
        return [Fact(*row[:-1]) for row in rows], embargoes

    def values(self, sql: str, parameters: tuple[object, ...] = ()) -> list[object]:
        """The first column of a query's rows."""
        with self.lock:
            return [row[0] for row in self.conn.execute(sql, parameters)]

    def rows(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        with self.lock:
            return self.conn.execute(sql, parameters).fetchall()

    def iterate(
        self, sql: str, parameters: tuple[object, ...] = (), size: int = 64
    ) -> Iterator[tuple[object, ...]]:
        """A query's rows, read `size` at a time (the caller may stop early)."""
        with self.lock:
            cursor = self.conn.execute(sql, parameters)
        try:
            while True:
                with self.lock:
                    rows = cursor.fetchmany(size)
                if not rows:
                    return
                yield from rows
        finally:
            cursor.close()

    def dicts(self, sql: str, parameters: tuple[object, ...] = ()) -> list[dict[str, object]]:
        with self.lock:
            cursor = self.conn.execute(sql, parameters)
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor]

    def answerable(self) -> Rows:
        """Every finding an answer can choose: all but the shadowed ones."""
        shadows = self.conn.execute(
            "select 1 from sqlite_master where type = 'table' and name = ?", (SHADOWED,)
        ).fetchone()
        if not shadows:  # a database written before the table existed: every row
            return self.facts()
        return self.facts(f"where f.id not in (select id from {SHADOWED})")

    def moments(self) -> list[float]:
        """Every embargo moment in the database."""
        if self.embargo == "null":
            return []
        found = self.values(f"select distinct {EMBARGO} from findings where {EMBARGO} not null")
        return [m for m in (as_epoch(str(text)) for text in found) if m is not None]


def open_store(path: Path, clock: Clock = time.time) -> Store:
    """The Store of the database at `path`: forces, aliases, answerable findings; StoreMissing
    when there is none."""
    if not path.is_file():
        raise StoreMissing(f"no findings database at {path}: run `findings-bot load` first")
    try:
        reader = Reader(path)
        forces = _forces(reader, "select * from forces where kind = 'force' order by name", [])
        aliases = reader.dicts("select * from aliases order by alias")
        facts, embargoes = reader.answerable()
        meta = _meta(reader)
        elsewhere = cast(list[str], reader.values("select alias from elsewhere"))
        moments = reader.moments()
    except sqlite3.DatabaseError as error:
        raise StoreMissing(f"{path} is not a findings database ({error})") from None
    return Store(forces, aliases, facts, meta, elsewhere, embargoes, clock, moments, reader)


def store_of_forces(path: Path, forces: set[str], clock: Clock = time.time) -> Store:
    """A Store with only these forces' facts (no aliases): enough to speak of their
    inspections without reading a large database whole; `clock` says when it is read."""
    marks = ", ".join("?" * len(forces))
    return _partial_store(
        path,
        (f"select * from forces where kind = 'force' and name in ({marks})", list(forces)),
        (f"where f.force in ({marks})", list(forces)),
        clock,
    )


def store_of_inspection(path: Path, force: str, title: str, clock: Clock = time.time) -> Store:
    """A Store with one inspection's facts (no aliases): enough to announce it; memory grows
    with that inspection, not with the database (an index on findings.inspection_id)."""
    return _partial_store(
        path,
        ("select * from forces where name = ?", [force]),
        ("where i.force = ? and i.title = ?", [force, title]),
        clock,
    )


def _partial_store(
    path: Path,
    forces_query: tuple[str, list[str]],
    facts_query: tuple[str, list[str]],
    clock: Clock,
) -> Store:
    """A Store of the forces one query selects and the findings a clause selects, every one."""
    reader = Reader(path)
    try:
        known = _forces(reader, *forces_query)
        facts, embargoes = reader.facts(facts_query[0], tuple(facts_query[1]))
        meta = _meta(reader)
    finally:
        reader.conn.close()
    return Store(known, [], facts, meta, embargoes=embargoes, clock=clock)


def _forces(reader: Reader, sql: str, parameters: list[str]) -> dict[str, dict[str, str]]:
    rows = reader.dicts(sql, tuple(parameters))
    return {str(row["name"]): cast(dict[str, str], row) for row in rows}


def _meta(reader: Reader) -> dict[str, str]:
    return dict(cast(list[tuple[str, str]], reader.rows("select key, value from meta")))
