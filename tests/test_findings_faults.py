"""The findings database under real faults: killed writers, concurrent ingests, full and
read-only disks, corrupt files, an unwritable state database. Each fault is caused, not mocked."""

import hashlib
import shutil
import signal
import sqlite3
from pathlib import Path

import pytest
from storage_faults import (
    cli,
    findings_csv,
    kill,
    one_clear_line,
    read_only,
    start_cli,
    wait_until,
)

from delivery.state import StateDB
from knowledge.reader import open_store


@pytest.fixture
def env(db_path: Path, tmp_path: Path) -> dict[str, str]:
    """A private findings database (a copy of the shipped data) and a state database."""
    (tmp_path / "db").mkdir()
    (tmp_path / "state").mkdir()
    shutil.copy(db_path, tmp_path / "db" / "findings.db")
    return {
        "FINDINGS_DB": str(tmp_path / "db" / "findings.db"),
        "FINDINGS_STATE_DB": str(tmp_path / "state" / "state.db"),
    }


def findings_of(env: dict[str, str]) -> Path:
    return Path(env["FINDINGS_DB"])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("pragma integrity_check").fetchone()[0])
    finally:
        conn.close()


def writing_has_begun(folder: Path, base: int) -> bool:
    """Rows are being written: the database (or a staged copy) has grown well past `base`."""
    try:
        return any(
            p.name.endswith(".db") and p.stat().st_size > base + 128 * 1024
            for p in folder.iterdir()
        )
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
def test_a_killed_ingest_leaves_the_database_readable_and_the_next_load_sound(
    env: dict[str, str], tmp_path: Path, how: signal.Signals
) -> None:
    findings = findings_of(env)
    before, base = digest(findings), findings.stat().st_size
    big = findings_csv(tmp_path / "big.csv", 30_000)
    process = start_cli("ingest", str(big), env=env)
    assert wait_until(lambda: writing_has_begun(findings.parent, base)), "ingest never wrote"
    assert process.poll() is None, "ingest finished before it could be killed"
    kill(process, how)
    assert digest(findings) == before  # nothing of the killed ingest is visible
    assert len(open_store(findings).facts) == 505  # and readers do not depend on it
    assert cli("health", env=env).returncode == 0
    assert cli("load", env=env).returncode == 0
    small = findings_csv(tmp_path / "small.csv", 3)
    assert cli("ingest", str(small), env=env).returncode == 0
    assert integrity(findings) == "ok"
    assert len(open_store(findings).facts) == 508


def test_concurrent_ingests_add_each_row_once_and_say_so_in_one_line(
    env: dict[str, str], tmp_path: Path
) -> None:
    new = findings_csv(tmp_path / "new.csv", 20_000)
    first, second = (start_cli("ingest", str(new), env=env) for _ in range(2))
    outputs = [(p.wait(60), *p.communicate()) for p in (first, second)]
    for code, out, err in outputs:
        assert "Traceback" not in err and "IntegrityError" not in out + err
        assert code == 0 or len(err.strip().splitlines()) == 1, err
    assert any(code == 0 for code, _, _ in outputs)
    assert len(open_store(findings_of(env)).facts) == 505 + 20_000
    assert integrity(findings_of(env)) == "ok"


def test_a_busy_writer_is_one_clear_line(env: dict[str, str], tmp_path: Path) -> None:
    from knowledge.staging import writer_lock

    new = findings_csv(tmp_path / "new.csv", 3)
    with writer_lock(findings_of(env)):
        busy = cli("ingest", str(new), env=env)
        loading = cli("load", env=env)
    assert "another load or ingest" in one_clear_line(busy)
    assert "another load or ingest" in one_clear_line(loading)


def test_a_read_only_folder_is_one_clear_line(env: dict[str, str], tmp_path: Path) -> None:
    findings = findings_of(env)
    before = digest(findings)
    new = findings_csv(tmp_path / "new.csv", 3)
    with read_only(findings.parent):
        line = one_clear_line(cli("ingest", str(new), env=env))
        assert "read-only" in line or "cannot write" in line
        assert "cannot write" in one_clear_line(cli("load", env=env))
    assert digest(findings) == before


def test_a_full_disk_is_one_clear_line_and_changes_nothing(
    env: dict[str, str], tmp_path: Path
) -> None:
    findings = findings_of(env)
    before = digest(findings)
    big = findings_csv(tmp_path / "big.csv", 20_000)
    full = cli("ingest", str(big), env=env, max_file_bytes=findings.stat().st_size + 200_000)
    assert "disk" in one_clear_line(full) and "full" in one_clear_line(full)
    assert digest(findings) == before
    assert [p.name for p in findings.parent.iterdir()] == ["findings.db"] or all(
        not p.name.startswith(".findings-") for p in findings.parent.iterdir()
    )


def test_a_corrupt_findings_database_is_one_clear_line(
    env: dict[str, str], tmp_path: Path
) -> None:
    findings = findings_of(env)
    with findings.open("r+b") as handle:
        handle.seek(0)
        handle.write(b"this is not a database" * 100)
    new = findings_csv(tmp_path / "new.csv", 3)
    assert "findings-bot load" in one_clear_line(cli("ingest", str(new), env=env))
    assert "not a findings database" in one_clear_line(cli("health", env=env))
    assert cli("load", env=env).returncode == 0  # load rebuilds it from the data files
    assert cli("health", env=env).returncode == 0


def test_an_unwritable_state_database_changes_nothing_and_the_retry_announces(
    env: dict[str, str], tmp_path: Path
) -> None:
    findings, state_db = findings_of(env), Path(env["FINDINGS_STATE_DB"])
    assert cli("load", env=env).returncode == 0  # seeds the state database
    before = digest(findings)
    new = findings_csv(tmp_path / "new.csv", 4, inspections=2)
    with read_only(state_db.parent):
        assert "state database" in one_clear_line(cli("ingest", str(new), env=env))
        assert "state database" in one_clear_line(cli("health", env=env))
    assert digest(findings) == before
    retried = cli("ingest", str(new), env=env)
    assert retried.returncode == 0 and retried.stdout.count("Queued announcement") == 2
    with StateDB(state_db) as state:
        assert len(state.announcements.listing()) == 2


def test_load_with_an_unwritable_state_database_changes_nothing(
    env: dict[str, str], tmp_path: Path
) -> None:
    findings, state_db = findings_of(env), Path(env["FINDINGS_STATE_DB"])
    assert cli("load", env=env).returncode == 0
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent.parent / "knowledge" / "data", data)
    rows = findings_csv(tmp_path / "rows.csv", 2, inspections=1).read_text().splitlines()[1:]
    with (data / "findings.csv").open("a", encoding="utf-8") as out:
        out.write("\n".join(rows) + "\n")
    before = digest(findings)
    with read_only(state_db.parent):
        one_clear_line(cli("load", "--data-dir", str(data), env=env))
    assert digest(findings) == before
    retried = cli("load", "--data-dir", str(data), env=env)
    assert retried.returncode == 0 and "Queued announcement: Kent Police" in retried.stdout


def test_health_checks_the_state_database(env: dict[str, str]) -> None:
    assert cli("health", env=env).returncode == 0
    Path(env["FINDINGS_STATE_DB"]).write_bytes(b"garbage" * 1000)
    assert "state database" in one_clear_line(cli("health", env=env))
