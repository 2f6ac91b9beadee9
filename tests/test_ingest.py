"""`ingest` and `load`: strict validation, one transaction, announcements queued exactly once."""

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from delivery.announce import ingest_and_announce, load_and_announce
from delivery.state import StateDB
from knowledge import Knowledge
from knowledge.ingest import ingest_findings, inspection_keys
from knowledge.loader import DATA_DIR, DataFileError

HEADER = (
    "force,inspection,inspection_year,published,offence,measure,value,ci_plus_minus,"
    "numerator,denominator,source_url,source_kind,quote\n"
)
RECENT = date.today().isoformat()  # published within 30 days: announced, not a backfill
HERTS = (
    f"Hertfordshire Constabulary,PEEL 2026,2026,{RECENT},all,recording_rate,95.1,1.2,,,"
    "https://example.org/h,inspectorate,95.1 percent\n"
)
KENT = (
    f"Kent Police,PEEL 2026,2026,{RECENT},rape,cancelled_incorrect,,,2,20,"
    "https://example.org/k,news,2\n"
)
OLD = (  # a figure of an inspection already in the data
    "Kent Police,Crime Data Integrity inspection 2017,2017,,all,grade,good,,,,"
    "https://example.org/k17,news,graded good\n"
)


@pytest.fixture
def dbs(db_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    findings = tmp_path / "findings.db"
    shutil.copy(db_path, findings)
    return findings, tmp_path / "state.db"


def csv_file(tmp_path: Path, *rows: str, name: str = "new.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_ingest_adds_rows_and_queues_each_new_inspection_once(
    dbs: tuple[Path, Path], tmp_path: Path
) -> None:
    findings, state_db = dbs
    new = csv_file(tmp_path, HERTS, KENT, OLD, HERTS)  # HERTS twice: one row
    report, announced = ingest_and_announce(findings, state_db, new)
    assert (report.rows, report.added) == (4, 3)
    assert announced.seeded == 114
    assert set(announced.queued) == {
        ("Hertfordshire Constabulary", "PEEL 2026"),
        ("Kent Police", "PEEL 2026"),
    }
    again, announced_again = ingest_and_announce(findings, state_db, new)
    assert (again.added, announced_again.queued, announced_again.seeded) == (0, (), 0)
    assert again.data_version == report.data_version
    knowledge = Knowledge.open(findings)
    assert knowledge.data_version == report.data_version
    assert "95.1%" in knowledge.reply("herts recording rate 2026")


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (HERTS.replace("95.1", "195.1"), "a percent cannot exceed 100"),
        (HERTS.replace("Hertfordshire Constabulary", "Herts Police"), "unknown force"),
        (KENT.replace("2,20", "21,20"), "greater than denominator"),
        ("Kent Police,too,few\n", "expected 13 fields"),
    ],
)
def test_one_bad_row_rejects_the_file_and_changes_nothing(
    dbs: tuple[Path, Path], tmp_path: Path, row: str, reason: str
) -> None:
    findings, state_db = dbs
    before = digest(findings)
    bad = csv_file(tmp_path, HERTS, KENT, row)
    with pytest.raises(DataFileError) as error:
        ingest_and_announce(findings, state_db, bad)
    assert str(error.value).startswith(f"{bad}:4: ") and reason in str(error.value)
    assert digest(findings) == before and not state_db.exists()


def test_ingest_is_one_transaction(
    dbs: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    findings, _ = dbs
    before = inspection_keys(findings)
    monkeypatch.setattr("knowledge.ingest._Writer._bump_version", lambda *_: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        ingest_findings(findings, csv_file(tmp_path, HERTS, KENT))
    assert inspection_keys(findings) == before
    assert len(Knowledge.open(findings).store.facts) == 505


def test_first_load_seeds_then_load_announces_only_new_inspections(tmp_path: Path) -> None:
    findings, state_db = tmp_path / "findings.db", tmp_path / "state.db"
    report, announced = load_and_announce(findings, state_db)
    assert (report.inspections, announced.queued, announced.seeded) == (114, (), 114)
    StateDB(state_db).subscriptions.add(42, "Kent Police")
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with (data / "findings.csv").open("a", encoding="utf-8") as csv:
        csv.write(KENT)
    _, announced = load_and_announce(findings, state_db, data)
    assert announced.queued == (("Kent Police", "PEEL 2026"),)
    _, again = load_and_announce(findings, state_db, data)
    assert again.queued == ()
    _, back = load_and_announce(findings, state_db)  # the new inspection gone, then back
    _, returned = load_and_announce(findings, state_db, data)
    assert back.queued == returned.queued == ()
    state = StateDB(state_db)
    assert state.subscriptions.of(42) == ["Kent Police"]  # rebuilding never loses subscriptions
    assert [row["title"] for row in state.announcements.listing()] == ["PEEL 2026"]


def test_load_after_ingest_does_not_announce_again(dbs: tuple[Path, Path], tmp_path: Path) -> None:
    findings, state_db = dbs
    ingest_and_announce(findings, state_db, csv_file(tmp_path, KENT))
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with (data / "findings.csv").open("a", encoding="utf-8") as csv:
        csv.write(KENT)  # committed into the data, as the README says
    _, announced = load_and_announce(findings, state_db, data)
    assert announced.queued == () and len(StateDB(state_db).announcements.listing()) == 1


def test_cli_ingest_and_announcements(
    dbs: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    findings, state_db = dbs
    monkeypatch.setenv("FINDINGS_DB", str(findings))
    monkeypatch.setenv("FINDINGS_STATE_DB", str(state_db))
    runner = CliRunner()
    bad = runner.invoke(main, ["ingest", str(csv_file(tmp_path, "x,y\n", name="bad.csv"))])
    assert bad.exit_code == 1 and "bad.csv:2: expected 13 fields" in bad.output
    good = runner.invoke(main, ["ingest", str(csv_file(tmp_path, KENT))])
    assert good.exit_code == 0 and "Queued announcement: Kent Police, PEEL 2026" in good.output
    StateDB(state_db).subscriptions.add(5, "*")
    listed = runner.invoke(main, ["announcements"])
    assert "1 active chats of 1" in listed.output
    assert (
        "Kent Police, PEEL 2026: 0 pending, 0 sending, 0 sent, 0 failed, 0 dead" in listed.output
    )
