"""Embargoes: findings stored before their publication moment and hidden until it.

A finding's `embargo_until` column (findings table) holds the moment it may be shown, as UTC
ISO 8601 text, ``2026-12-02T00:01:00Z``; NULL means public. The text sorts as time does, so a
reader of the database hides embargoed rows with
``where embargo_until is null or embargo_until <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now')``.
The Store hides them by its clock (injectable, so tests move time by hand).
"""

import bisect
import hashlib
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from knowledge.facts import Fact
from knowledge.staging import staging, writer_lock

COLUMN = "embargo_until"
UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
UK = ZoneInfo("Europe/London")
Clock = Callable[[], float]


class EmbargoError(ValueError):
    """An embargo moment that cannot be read, or that has already passed."""


def parse_moment(text: str, now: float | None = None) -> datetime:
    """`2026-12-02T00:01` (UK time) or with a zone (`…+01:00`, `…Z`), as an aware UTC datetime."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("z", "Z"))
    except ValueError:
        raise EmbargoError(
            f"cannot read {text!r} as a time: use 2026-12-02T00:01 (UK time) "
            "or add a zone, e.g. 2026-12-02T00:01+00:00"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UK)
    moment = moment.astimezone(UTC).replace(microsecond=0)
    if moment.timestamp() <= (time.time() if now is None else now):
        raise EmbargoError(f"{text} ({uk_time(moment.timestamp())}) has already passed")
    return moment


def as_text(moment: datetime) -> str:
    """The column's format: UTC, to the second, with a Z."""
    return moment.astimezone(UTC).strftime(UTC_FORMAT)


def as_epoch(text: str | None) -> float | None:
    """The column's text as epoch seconds; None when public. A time that cannot be read keeps
    the finding hidden for good (as the findings site's views do), never shown by mistake."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return float("inf")
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def uk_time(epoch: float) -> str:
    """`2026-12-02 00:01 GMT`: how the curator wrote it."""
    return datetime.fromtimestamp(epoch, UK).strftime("%Y-%m-%d %H:%M %Z")


def add_column(conn: sqlite3.Connection) -> bool:
    """Give a findings database from before embargoes its (all NULL) column; True if added."""
    columns = {row[1] for row in conn.execute("pragma table_info(findings)")}
    if COLUMN in columns:
        return False
    conn.execute(f"alter table findings add column {COLUMN} text")
    return True


class Visibility:
    """The facts visible now: those without an embargo or whose embargo has passed."""

    def __init__(
        self,
        facts: Sequence[Fact],
        embargoes: Sequence[float | None],
        clock: Clock,
        moments: Iterable[float] | None = None,
    ) -> None:
        """`moments`: every embargo moment of the database, when `facts` are only some of its
        findings (so that `lifted` counts the same for every reader of one database)."""
        self._pairs = list(zip(facts, embargoes, strict=True))
        every = {e for e in embargoes if e is not None} | set(moments or ())
        self._moments = sorted(every)
        self.clock = clock
        self._passed = -1
        self._until = float("-inf")
        self._facts: list[Fact] = []
        self._by_force: dict[str, list[Fact]] = {}

    def lifted(self) -> int:
        """How many embargo moments have passed (0 when there are none)."""
        return bisect.bisect_right(self._moments, self.clock())

    def _update(self) -> None:
        passed = self.lifted()
        if passed == self._passed:
            return
        until = self._moments[passed - 1] if passed else float("-inf")
        facts = [fact for fact, at in self._pairs if at is None or at <= until]
        by_force: dict[str, list[Fact]] = {}
        for fact in facts:
            by_force.setdefault(fact.force, []).append(fact)
        self._facts, self._by_force, self._passed, self._until = facts, by_force, passed, until

    def shows(self, embargo: float | None) -> bool:
        """Whether a finding with this embargo (epoch seconds; None: public) is visible now."""
        self._update()
        return embargo is None or embargo <= self._until

    def facts(self) -> list[Fact]:
        self._update()
        return self._facts

    def by_force(self) -> dict[str, list[Fact]]:
        self._update()
        return self._by_force


def move_embargo(db_path: Path, force: str, title: str, until: str) -> int:
    """Move the embargo of an inspection's embargoed findings to `until`; rows changed.

    Like `load` and `ingest` it never writes the database in place: readers open it
    `immutable`, so a change made under them could tear what they read, and a killed writer
    would leave a journal. A copy is changed and renamed over it (knowledge/staging.py). The
    data version changes with it, so a running bot reloads the findings.
    """
    with writer_lock(db_path), staging(db_path, copy_current=True) as staged:
        conn = staged.connect()
        try:
            add_column(conn)
            conn.execute("begin")
            changed = conn.execute(
                f"update findings set {COLUMN} = ? where {COLUMN} is not null and inspection_id "
                "in (select id from inspections where force = ? and title = ?)",
                (until, force, title),
            ).rowcount
            if changed:
                old = conn.execute("select value from meta where key = 'data_version'").fetchone()
                seed = f"{old[0] if old else ''}:{force}:{title}:{until}".encode()
                conn.execute(
                    "insert or replace into meta (key, value) values ('data_version', ?)",
                    (hashlib.sha256(seed).hexdigest()[:12],),
                )
            conn.execute("commit")
        finally:
            conn.close()
        if changed:
            staged.publish()
    return changed
