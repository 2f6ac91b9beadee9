"""Loading the data: every row validated; one bad row rejects the file and changes nothing."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from knowledge.build import build_database
from knowledge.loader import DATA_DIR, DataFileError
from knowledge.store import Store

GOOD_ROW = (
    "Kent Police,Crime Data Integrity inspection 2017,2017,2017-06-15,all,recording_rate,83.6,"
    "1.85,,,https://example.org/kent,inspectorate,a quote"
)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the shipped data files, safe to break."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def append_row(data_dir: Path, row: str, name: str = "findings.csv") -> int:
    """Append a row and return its line number."""
    path = data_dir / name
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, row]) + "\n", encoding="utf-8")
    return len(lines) + 1


def test_shipped_data_loads(tmp_path: Path) -> None:
    report = build_database(tmp_path / "f.db")
    assert (report.forces, report.findings) == (43, 505)
    db = sqlite_utils.Database(tmp_path / "f.db")
    assert set(db.table_names()) >= {"forces", "aliases", "inspections", "findings", "meta"}
    assert db["findings"].count == 505
    assert db["findings"].foreign_keys  # type: ignore[union-attr]
    assert db["inspections"].pks == ["id"]  # type: ignore[union-attr]
    herts = db.execute(
        "select f.numerator, f.denominator, i.year from findings f join inspections i "
        "on i.id = f.inspection_id where f.force = 'Hertfordshire Constabulary' "
        "and f.offence = 'robbery' and f.measure = 'cancelled_incorrect'"
    ).fetchall()
    assert herts == [(2, 20, 2017)]


BAD_ROWS = [
    (GOOD_ROW.replace("Kent Police", "Kent Constabulary"), "unknown force"),
    (GOOD_ROW.replace(",all,", ",burglary,"), "unknown offence"),
    (GOOD_ROW.replace("recording_rate", "happiness"), "unknown measure"),
    (GOOD_ROW.replace("83.6", "eighty"), "value must be a non-negative number"),
    (GOOD_ROW.replace("83.6", "183.6"), "a percent cannot exceed 100"),
    (GOOD_ROW.replace("1.85,,", "1.85,21,20"), "numerator 21 is greater than denominator 20"),
    (GOOD_ROW.replace("1.85,,", "1.85,2.5,"), "numerator must be a whole number"),
    (GOOD_ROW.replace("https://example.org/kent", "example.org"), "source_url"),
    (GOOD_ROW.replace("inspectorate", "blog"), "unknown source_kind"),
    (GOOD_ROW.replace("2017-06-15", "15/06/2017"), "published must be a YYYY-MM-DD date"),
    (GOOD_ROW.replace(",2017,", ",seventeen,"), "inspection_year must be a year"),
    (GOOD_ROW.replace("83.6,1.85", ",1.85"), "needs a value, a numerator or a denominator"),
    (GOOD_ROW + ",extra", "expected 13 fields"),
    (GOOD_ROW.replace(",all,recording_rate,83.6", ",all,grade,brilliant"), "grade must be"),
]


@pytest.mark.parametrize(("row", "reason"), BAD_ROWS, ids=[r for _, r in BAD_ROWS])
def test_bad_row_rejects_whole_load_and_keeps_old_database(
    data_dir: Path, tmp_path: Path, row: str, reason: str
) -> None:
    db_path = tmp_path / "findings.db"
    build_database(db_path, data_dir)
    before = db_path.read_bytes()
    line = append_row(data_dir, row)
    with pytest.raises(DataFileError) as error:
        build_database(db_path, data_dir)
    assert error.value.line == line
    assert f"findings.csv:{line}: " in str(error.value)
    assert reason in str(error.value)
    assert db_path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".findings-")] == []


def test_bad_header_is_line_one(data_dir: Path, tmp_path: Path) -> None:
    path = data_dir / "forces.csv"
    path.write_text("name,short\n" + path.read_text().split("\n", 1)[1])
    with pytest.raises(DataFileError, match=r"forces.csv:1: header must be"):
        build_database(tmp_path / "f.db", data_dir)


def test_bad_alias_names_its_line(data_dir: Path, tmp_path: Path) -> None:
    line = append_row(data_dir, "kentish,Kent Constabulary,nickname,0", "aliases.csv")
    with pytest.raises(DataFileError, match=rf"aliases.csv:{line}: unknown force"):
        build_database(tmp_path / "f.db", data_dir)


def test_multiline_quote_reports_its_first_line(data_dir: Path, tmp_path: Path) -> None:
    row = GOOD_ROW.replace("a quote", '"a quote\nover two lines"').replace("Kent Police", "Nope")
    line = append_row(data_dir, row)
    with pytest.raises(DataFileError) as error:
        build_database(tmp_path / "f.db", data_dir)
    assert error.value.line == line


def test_not_utf8_is_rejected(data_dir: Path, tmp_path: Path) -> None:
    (data_dir / "findings.csv").write_bytes(b"\xff\xfe bad")
    with pytest.raises(DataFileError, match="not UTF-8"):
        build_database(tmp_path / "f.db", data_dir)


def test_store_keeps_figures_verbatim(store: Store) -> None:
    herts = [
        f
        for f in store.facts_for("Hertfordshire Constabulary")
        if f.measure == "recording_rate" and f.inspection_year == 2017 and f.offence == "all"
    ]
    assert [(f.value, f.ci_plus_minus) for f in herts] == [("87.2", "1.86")]
    assert len(store.forces) == 43
    assert store.meta["data_version"]


def test_database_opens_in_sqlite_utils_and_datasette_as_they_are(db_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    tables = subprocess.run(
        [bin_dir / "sqlite-utils", "tables", str(db_path), "--counts"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(tables.stdout) == [
        {"table": "forces", "count": 44},
        {"table": "aliases", "count": _lines("aliases.csv") + _lines("places.csv")},
        {"table": "elsewhere", "count": _lines("places_elsewhere.csv")},
        {"table": "inspections", "count": 114},
        {"table": "findings", "count": 505},
        {"table": "meta", "count": 3},
        {"table": "shadowed", "count": 0},  # no finding in the shipped data repeats another
    ]
    inspected = subprocess.run(
        [bin_dir / "datasette", "inspect", str(db_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    counts = json.loads(inspected.stdout)["findings"]["tables"]
    assert counts["findings"]["count"] == 505 and counts["inspections"]["count"] == 114


def _lines(name: str) -> int:
    """Rows of a shipped data file (its lines less the header)."""
    return len((DATA_DIR / name).read_text(encoding="utf-8").splitlines()) - 1
