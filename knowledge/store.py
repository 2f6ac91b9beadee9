"""Read the findings database: forces, aliases and the findings answers can choose, at open;
every finding only when something asks for all of them (/about, exports, tests).

Building the database is knowledge/build.py; rows no answer can choose are knowledge/shadows.py.
"""

import sqlite3
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from knowledge.embargo import Clock, Visibility
from knowledge.facts import Fact

if TYPE_CHECKING:
    from knowledge.reader import Reader

Rows = tuple[list[Fact], list[float | None]]


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
        reader: "Reader | None" = None,
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

    @property
    def facts(self) -> list[Fact]:
        """Every finding visible now: embargoed ones appear when their moment passes."""
        return self._all().facts()

    def facts_for(self, force: str) -> list[Fact]:
        """Every finding of one force visible now (read from the file unless all have been)."""
        if self._reader is None or self._every is not None:
            return self._all().by_force().get(force, [])
        return self._visible(self._reader.facts("where f.force = ?", (force,)))

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

    def newest_published(self, count: int) -> list[tuple[str, str, int | None]]:
        """(force, title, year) of the `count` visible inspections published last; of two
        published the same day, the one whose first finding comes first."""
        if self._reader is None or self._every is not None:
            return _newest(self.facts, count)
        days = self._reader.values("select distinct published from inspections")
        newest: list[tuple[str, str, int | None]] = []
        for day in sorted((str(d) for d in days if d), reverse=True):
            found = self._visible(self._reader.facts("where i.published = ?", (day,)))
            newest += _newest(found, count - len(newest))
            if len(newest) >= count:
                break
        return newest

    def _all(self) -> Visibility:
        with self._lock:
            if self._every is None and self._reader is not None:
                facts, embargoes = self._reader.facts()
                self._every = Visibility(facts, embargoes, self.answerable.clock)
            assert self._every is not None
            return self._every

    def _visible(self, rows: Rows) -> list[Fact]:
        return [f for f, at in zip(*rows, strict=True) if self.answerable.shows(at)]

    @classmethod
    def open(cls, path: Path, clock: Clock = time.time) -> "Store":
        """Read the database at `path`; StoreMissing when there is none."""
        if not path.is_file():
            raise StoreMissing(f"no findings database at {path}: run `findings-bot load` first")
        from knowledge.reader import open_store

        return open_store(path, clock)


def _newest(facts: list[Fact], count: int) -> list[tuple[str, str, int | None]]:
    published: dict[tuple[str, str], tuple[str, int | None]] = {}
    for fact in facts:
        if fact.published:
            key = (fact.force, fact.inspection)
            published[key] = max(
                published.get(key, ("", None)), (fact.published, fact.inspection_year)
            )
    newest = sorted(published.items(), key=lambda item: item[1][0], reverse=True)[:count]
    return [(force, title, year) for (force, title), (_, year) in newest]
