"""Read the findings database: forces, aliases and the findings answers can choose, at open;
every finding only when something asks for all of them (/about, exports, tests).

Building the database is knowledge/build.py; rows no answer can choose are knowledge/shadows.py.
"""

import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol, cast
from urllib.parse import quote

from knowledge.embargo import Clock, Visibility, as_epoch
from knowledge.facts import UNDATED_YEAR, Fact

Rows = tuple[list[Fact], list[float | None]]


class FindingsReader(Protocol):
    """What a Store reads lazily from its database (knowledge/reader.py's Reader)."""

    embargo: str  # the embargo column's SQL expression, or "null" in an older database

    def facts(self, where: str = "", parameters: tuple[object, ...] = ()) -> Rows: ...

    def rows(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[object, ...]]: ...

    def iterate(
        self, sql: str, parameters: tuple[object, ...] = (), size: int = 64
    ) -> Iterator[tuple[object, ...]]: ...


Order = tuple[float, str, int | None]  # an inspection's year for ordering, published, year


class StoreMissing(RuntimeError):
    """There is no findings database at the configured path."""


def connect_readonly(path: Path, shared: bool = False) -> sqlite3.Connection:
    """Open the findings database for reading only, as the file it is at this moment.

    `immutable`: writers never change a published file (they rename a new one over it), so a
    reader takes no locks and never looks at a journal a killed writer may have left.
    `shared`: usable from other threads (the caller serialises its queries).
    """
    uri = f"file:{quote(str(path))}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=not shared)


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
    """Forces, aliases and the findings answers choose from, in memory; the rest on request.

    `facts` given here are the answerable ones (knowledge/shadows.py); with a `reader`, the
    others are read from the database the first time they are wanted.
    """

    def __init__(
        self,
        forces: dict[str, dict[str, str]],
        aliases: list[dict[str, object]],
        facts: list[Fact],
        meta: dict[str, str],
        elsewhere: list[str] | None = None,
        embargoes: list[float | None] | None = None,
        clock: Clock = time.time,
        moments: list[float] | None = None,
        reader: FindingsReader | None = None,
    ) -> None:
        self.forces = forces
        self.aliases = aliases
        self.meta = meta
        self.elsewhere = elsewhere or []  # places outside England and Wales (the gazetteer)
        embargoes = embargoes or [None] * len(facts)
        self.answerable = Visibility(facts, embargoes, clock, moments)
        self._reader = reader
        self._every = None if reader else self.answerable
        self._lock = threading.Lock()
        self._listed: dict[tuple[object, ...], tuple[str, list[tuple[str, str, Order]]]] = {}

    @property
    def facts(self) -> list[Fact]:
        """Every finding visible now: embargoed ones appear when their moment passes."""
        return self._all().facts()

    def facts_for(self, force: str) -> list[Fact]:
        """Every finding of one force visible now (read from the file unless all have been)."""
        if self._reader is None or self._every is not None:
            return self._all().by_force().get(force, [])
        return self._visible(self._reader.facts("where f.force = ?", (force,)))

    def facts_of_measures(self, force: str, measures: Iterable[str]) -> list[Fact]:
        """Every visible finding of one force of these measures, in `facts_for` order (read
        from the file, only these rows, unless all have been read)."""
        wanted = tuple(dict.fromkeys(measures))
        if self._reader is None or self._every is not None:
            return [f for f in self.facts_for(force) if f.measure in wanted]
        marks = ", ".join("?" * len(wanted))
        where = f"where f.force = ? and f.measure in ({marks})"
        return self._visible(self._reader.facts(where, (force, *wanted)))

    def answerable_for(self, force: str) -> list[Fact]:
        """The force's findings an answer can choose (the same answers as `facts_for`)."""
        return self.answerable.by_force().get(force, [])

    @property
    def visible_version(self) -> str:
        """The data version, and how many embargoes have lifted since it was built."""
        lifted = self.answerable.lifted()
        return self.meta.get("data_version", "unknown") + (f"+{lifted}" if lifted else "")

    def latest_inspection(self, force: str) -> Fact | None:
        """A fact of the force's latest dated inspection (for its title and year)."""
        dated = [f for f in self.answerable_for(force) if f.inspection_year]
        return max(dated, key=lambda f: (f.year_sort_key, f.published or ""), default=None)

    def inspection_facts(self, force: str, title: str) -> list[Fact]:
        """Every visible finding of one inspection, in the database's order."""
        if self._reader is None or self._every is not None:
            return [f for f in self.facts_for(force) if f.inspection == title]
        return self._visible(
            self._reader.facts("where i.force = ? and i.title = ?", (force, title))
        )

    def inspections_of(
        self, forces: Iterable[str], year: int | None = None
    ) -> list[tuple[str, str, Order]]:
        """The forces' inspections with a visible finding, each once with its (year for
        ordering, publication date or "", year), in the order of their first findings force by
        force (the order of `facts_for`, without reading the findings whole); with `year`,
        only that year's (read alone: at 100x data the others are thousands)."""
        forces = list(forces)
        if self._reader is None or self._every is not None:
            found = _inspections([f for force in forces for f in self.facts_for(force)])
            return found if year is None else [i for i in found if i[2][2] == year]
        key, version = (*forces, year), self.visible_version
        if self._listed.get(key, ("", []))[0] != version:  # one query per data version
            if len(self._listed) > 100:
                self._listed.clear()
            self._listed[key] = (version, self._query_inspections(forces, year))
        return self._listed[key][1]

    def newest_of(self, forces: Iterable[str], count: int) -> list[tuple[str, str, Order]]:
        """The forces' `count` newest inspections with a visible finding: by year for ordering,
        then publication date, newest first; among equals, in `inspections_of` order. Read
        newest first, up to the last one as new as the count-th (not every inspection)."""
        forces = list(forces)
        if self._reader is None or self._every is not None:
            return _newest(self.inspections_of(forces), count)
        key, version = ("newest", count, *forces), self.visible_version
        if self._listed.get(key, ("", []))[0] != version:
            if len(self._listed) > 100:
                self._listed.clear()
            self._listed[key] = (version, self._query_newest(forces, count))
        return self._listed[key][1]

    def _query_newest(self, forces: list[str], count: int) -> list[tuple[str, str, Order]]:
        assert self._reader is not None
        place = {force: n for n, force in enumerate(forces)}
        marks = ", ".join("?" * len(forces))
        # by the expression index of build.py; a few forces by their own index
        index_off = "+" if len(forces) > _FEW_FORCES else ""
        sql = _NEWEST.format(marks=marks, off=index_off)
        found: list[tuple[tuple[float, str], int, int, str, str, Order]] = []
        last: tuple[float, str] | None = None
        for inspection_id, force, title, year, published in self._reader.iterate(
            sql, tuple(forces)
        ):
            dated = cast(int | None, year)
            order = (dated or UNDATED_YEAR, str(published or ""), dated)  # as in _inspections
            newness = order[:2]
            if last is not None and newness > last:  # not in the order asked: read them all
                return _newest(self.inspections_of(forces), count)
            if len(found) >= count and newness < found[count - 1][0]:
                break
            last = newness
            first = self._first_visible(inspection_id)
            if first is not None:
                found.append((newness, place[str(force)], first, str(force), str(title), order))
        found.sort(key=lambda item: item[1:3])  # the order of inspections_of,
        found.sort(key=lambda item: item[0], reverse=True)  # then newest first (stable)
        return [(force, title, order) for _, _, _, force, title, order in found[:count]]

    def _first_visible(self, inspection_id: object) -> int | None:
        """The id of an inspection's first visible finding; None when none is visible."""
        assert self._reader is not None
        sql = _FIRSTS.format(embargo=self._reader.embargo.removeprefix("f."))
        groups = self._reader.rows(sql, (inspection_id,))
        shown = [
            int(str(row_id))
            for embargo, row_id in groups
            if self.answerable.shows(as_epoch(embargo))  # type: ignore[arg-type]
        ]
        return min(shown, default=None)

    def _query_inspections(
        self, forces: list[str], year: int | None = None
    ) -> list[tuple[str, str, Order]]:
        assert self._reader is not None
        marks = ", ".join("?" * len(forces))
        year_clause = "" if year is None else "and i.year = ?"
        sql = _GROUPS.format(marks=marks, embargo=self._reader.embargo, year=year_clause)
        asked: tuple[object, ...] = (*forces, year) if year is not None else tuple(forces)
        groups = self._reader.rows(sql, asked)
        first: dict[tuple[str, str], tuple[int, int, Order]] = {}
        place = {force: n for n, force in enumerate(forces)}
        for force, title, of_year, published, embargo, row_id in groups:
            if not self.answerable.shows(as_epoch(embargo)):  # type: ignore[arg-type]
                continue
            dated = cast(int | None, of_year)
            order = (dated or UNDATED_YEAR, str(published or ""), dated)  # as in _inspections
            seen = (place[str(force)], int(str(row_id)), order)
            key = (str(force), str(title))
            first[key] = min(first.get(key, seen), seen)
        ordered = sorted(first.items(), key=lambda item: item[1][:2])
        return [(force, title, seen[2]) for (force, title), seen in ordered]

    def _all(self) -> Visibility:
        with self._lock:
            if self._every is None and self._reader is not None:
                facts, embargoes = self._reader.facts()
                self._every = Visibility(facts, embargoes, self.answerable.clock)
            assert self._every is not None
            return self._every

    def _visible(self, rows: Rows) -> list[Fact]:
        return [f for f, at in zip(*rows, strict=True) if self.answerable.shows(at)]


def _inspections(facts: list[Fact]) -> list[tuple[str, str, Order]]:
    found: dict[tuple[str, str], Order] = {}
    for fact in facts:
        order = (fact.year_sort_key, fact.published or "", fact.inspection_year)
        found.setdefault((fact.force, fact.inspection), order)
    return [(force, title, order) for (force, title), order in found.items()]


_GROUPS = """
select i.force, i.title, i.year, i.published, {embargo}, min(f.id)
from findings f join inspections i on i.id = f.inspection_id
where i.force in ({marks}) {year}
group by f.inspection_id, {embargo}
"""
_FEW_FORCES = 3  # "what's new in Kent and Essex": their inspections by the force index
# newest first, in the order of build.py's index on the same expressions (UNDATED_YEAR)
# what's new, newest first: build.py indexes inspections on these expressions (as _inspections
# orders them: a year, or UNDATED_YEAR; the publication date or "")
NEWEST_ORDER = (f"coalesce(nullif(year, 0), {UNDATED_YEAR})", "coalesce(published, '')")
_NEWEST = f"""
select id, force, title, year, published from inspections
where {{off}}force in ({{marks}})
order by {NEWEST_ORDER[0]} desc, {NEWEST_ORDER[1]} desc
"""
_FIRSTS = """
select {embargo}, min(id) from findings where inspection_id = ? group by {embargo}
"""


def _newest(inspections: list[tuple[str, str, Order]], count: int) -> list[tuple[str, str, Order]]:
    """The `count` newest, by year for ordering then publication date (stable among equals)."""
    return sorted(inspections, key=lambda item: item[2][:2], reverse=True)[:count]
