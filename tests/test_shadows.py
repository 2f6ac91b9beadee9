"""Findings no answer can choose are left out when the store is opened, and no answer changes.

The data here repeats every finding of the shipped data under other inspection titles (as the
benchmark's larger data does); each answer is compared with the answer of the same database
read whole (its `shadowed` table dropped), before and after an embargo lifts.
"""

import csv
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge import Knowledge
from knowledge.build import DATA_FILES, build_database
from knowledge.followups import question_for
from knowledge.ingest import ingest_findings
from knowledge.loader import DATA_DIR
from knowledge.reader import open_store
from knowledge.shadows import shadowed_ids
from knowledge.vocabulary import MEASURES, OFFENCES

COPIES = 3
EMBARGOED = (
    "Kent Police",
    "Crime Data Integrity re-inspection 2018",
)  # its real rows come out at MOMENT
MOMENT = 2_000_000_000.0
QUESTIONS = [
    "which force has the worst recording rate",
    "which forces wrongly cancelled rape reports",
    "list the forces with an outstanding crime recording grade",
    "which forces were rated inadequate in 2017",
    "how many forces wrongly cancelled violent crime",
    "what's new",
    "Kent vs Essex recording rate",
    "leics recording rate 2017",
    "Kent",
    "is Devon and Cornwall getting better",
    "Greater Manchester since 2016",
    "Bedfordshire 2014",
    "Devon and Cornwall recording rate",
]


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def copied_data(folder: Path, copies: int = COPIES) -> Path:
    """The shipped data with every finding repeated under `copies - 1` other titles."""
    folder.mkdir()
    for name in DATA_FILES:
        if name != "findings.csv":
            shutil.copy(DATA_DIR / name, folder / name)
    with (DATA_DIR / "findings.csv").open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    with (folder / "findings.csv").open("w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=list(rows[0]))
        writer.writeheader()
        for copy in range(copies):
            suffix = f" (copy {copy})" if copy else ""
            writer.writerows({**row, "inspection": row["inspection"] + suffix} for row in rows)
    return folder


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The copied data with Kent's 2018 re-inspection under embargo, and the same read whole."""
    folder = tmp_path_factory.mktemp("shadows")
    embargo = {EMBARGOED: "2033-05-18T03:33:20Z"}  # MOMENT
    shadowed = folder / "shadowed.db"
    build_database(shadowed, copied_data(folder / "data"), embargo)
    whole = folder / "whole.db"
    shutil.copy(shadowed, whole)
    with sqlite3.connect(whole) as conn:
        conn.execute("drop table shadowed")
    return shadowed, whole


def answers(db: Path, clock: Clock) -> list[str]:
    knowledge = Knowledge(open_store(db, clock))
    asked = [*QUESTIONS]
    for force in [None, *(f["short_name"] for f in knowledge.store.forces.values())][::4]:
        asked += [question_for(force, o, m) for o in (None, *OFFENCES) for m in MEASURES[:8]]
    said = [str(knowledge.answerer.answer(knowledge.parse(q)).as_json()) for q in asked]
    return said + [knowledge.reply(q, "html") for q in QUESTIONS]


def test_copies_are_left_out_and_every_answer_stays_the_same(
    databases: tuple[Path, Path],
) -> None:
    shadowed, whole = databases
    clock = Clock(MOMENT - 1)
    store = open_store(shadowed, clock)
    hidden = len(open_store(whole, Clock(MOMENT)).inspection_facts(*EMBARGOED))
    assert hidden and len(store.facts) == COPIES * 505 - hidden
    assert len(store.answerable.facts()) < len(store.facts) / (COPIES - 1)
    assert answers(shadowed, clock) == answers(whole, clock)
    clock.now = MOMENT  # the embargoed rows come out: their public copies were kept for this
    assert answers(shadowed, clock) == answers(whole, clock)


def test_what_is_new_and_an_inspection_read_from_the_file_match_the_whole_store(
    databases: tuple[Path, Path],
) -> None:
    shadowed, whole = databases
    for now in (MOMENT - 1, MOMENT):
        lazy, read = open_store(shadowed, Clock(now)), open_store(whole, Clock(now))
        read.facts  # noqa: B018 (read every finding first: the in-memory path)
        forces = (*lazy.forces, "England and Wales")
        assert lazy.inspections_of(forces) == read.inspections_of(forces)
        assert lazy.inspections_of(["Kent Police"]) == read.inspections_of(["Kent Police"])
        # what's new, read newest first from the file's index (copies tie on year and date;
        # Kent's embargoed 2018 re-inspection is listed only once public)
        for asked in (forces, ["Kent Police"], ["Kent Police", "Essex Police"]):
            every = sorted(lazy.inspections_of(asked), key=lambda i: i[2][:2], reverse=True)
            for count in (1, 4, 10):
                assert lazy.newest_of(asked, count) == read.newest_of(asked, count)
                assert lazy.newest_of(asked, count) == every[:count]
        kent_newest = [title for _, title, _ in lazy.newest_of(["Kent Police"], 100)]
        assert (EMBARGOED[1] in kent_newest) == (now >= MOMENT)
        for year in (2014, 2017, 2018, 2022):  # which forces were inspected in a year
            of_year = [i for i in lazy.inspections_of(forces) if i[2][2] == year]
            assert lazy.inspections_of(forces, year) == read.inspections_of(forces, year)
            assert lazy.inspections_of(forces, year) == of_year and of_year
        for force, title in [
            EMBARGOED,
            ("Kent Police", "Crime Data Integrity re-inspection 2018 (copy 2)"),
        ]:
            assert lazy.inspection_facts(force, title) == read.inspection_facts(force, title)
    assert not open_store(shadowed, Clock(MOMENT - 1)).inspection_facts(*EMBARGOED)


def _row(
    row_id: int, published: str, title: str = "T", value: str = "1", embargo: object = None
) -> tuple[object, ...]:
    finding = ("F", "all", "grade", 2018, value, None, None, "u", "q")
    return (row_id, *finding, embargo, published, title, title)


def test_the_rule_needs_an_earlier_public_row_of_the_same_finding_published_as_late() -> None:
    assert shadowed_ids([_row(1, "2018-05", "A"), _row(2, "2018-05", "B")]) == [2]
    assert shadowed_ids([_row(1, "2018-04", "A"), _row(2, "2018-05", "B")]) == []  # B is later
    assert shadowed_ids([_row(1, "2018-05", "A", embargo="x"), _row(2, "2018-05", "B")]) == []
    assert shadowed_ids([_row(1, "2018-05", "A"), _row(2, "2018-05", "B", value="2")]) == []
    assert shadowed_ids([_row(1, "2018-05", "A"), _row(2, "2018-05", "re-inspection")]) == []
    undated = [(*r[:4], None, *r[5:]) for r in (_row(1, "2018-05", "A"), _row(2, "2018-05", "B"))]
    assert shadowed_ids(undated) == []
    # B's first row comes before A's: A cannot shadow B's later rows
    b_first = [
        _row(1, "2018-05", "B", value="2"),
        _row(2, "2018-05", "A"),
        _row(3, "2018-05", "B"),
    ]
    assert shadowed_ids(b_first) == []


def test_a_publication_date_added_by_ingest_brings_its_rows_back(tmp_path: Path) -> None:
    data = copied_data(tmp_path / "data", copies=2)
    rows = list(csv.DictReader((data / "findings.csv").open(encoding="utf-8", newline="")))
    undated = {
        r["inspection"] for r in rows if not r["published"] and "(copy 1)" in r["inspection"]
    }
    title = sorted(undated)[0]
    db = tmp_path / "findings.db"
    build_database(db, data)
    before = {f.row_id for f in open_store(db).answerable.facts() if f.inspection == title}
    late = [{**r, "published": "2099-01-01"} for r in rows if r["inspection"] == title]
    with (tmp_path / "late.csv").open("w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(late)
    ingest_findings(db, tmp_path / "late.csv")
    after = {f.row_id for f in open_store(db).answerable.facts() if f.inspection == title}
    assert not before and after  # published later than the original now: it may be chosen


def test_a_plain_answer_imports_neither_numpy_nor_sqlite_utils(db_path: Path) -> None:
    script = (
        "import sys; from pathlib import Path; from knowledge import Knowledge; "
        f"Knowledge.open(Path({str(db_path)!r})).reply('Herts robbery cancellations?', 'html'); "
        "print(sorted({'numpy', 'matplotlib', 'sqlite_utils'} & set(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
