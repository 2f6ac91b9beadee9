"""Embargoes: findings hidden until their moment (a fake clock), the announcement sent then and
exactly once, backfills added quietly, national reports to everyone, cancel and reschedule."""

import shutil
import sqlite3
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from bot_harness import running_bot, settle, wait_sent
from click.testing import CliRunner
from fake_bot_api import FakeBotApi
from telegram import Bot

from bot.cli import main
from bot.inline import inline_results
from delivery.announce import embargo_text, ingest_and_announce, load_and_announce
from delivery.broadcast import Broadcaster
from delivery.pacing import Pacer
from delivery.schedule import Schedule
from delivery.state import StateDB
from knowledge import Knowledge
from knowledge.chart_model import NoChart
from knowledge.charts import plan_chart
from knowledge.embargo import EmbargoError, move_embargo, parse_moment
from knowledge.export import rows_behind, rows_csv
from knowledge.loader import DATA_DIR
from knowledge.reader import open_store

HEADER = (
    "force,inspection,inspection_year,published,offence,measure,value,ci_plus_minus,"
    "numerator,denominator,source_url,source_kind,quote\n"
)
TODAY = date.today().isoformat()
OLD_DAY = (date.today() - timedelta(days=45)).isoformat()
HERTS = "Hertfordshire Constabulary"


def herts_rows(published: str = TODAY, title: str = "PEEL 2026") -> str:
    return (
        f"{HERTS},{title},2026,{published},all,recording_rate,95.1,1.2,,,"
        "https://example.org/h,inspectorate,95.1 percent\n"
        f"{HERTS},{title},2026,{published},robbery,cancelled_incorrect,,,7,19,"
        "https://example.org/h,inspectorate,7 of 19\n"
    )


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def dbs(db_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    findings = tmp_path / "findings.db"
    shutil.copy(db_path, findings)
    state = StateDB(tmp_path / "state.db")
    state.announcements.seed([("Kent Police", "an old inspection")])  # not a first install
    state.subscriptions.add(1, HERTS)
    state.subscriptions.add(2, "*")
    state.subscriptions.add(3, "Kent Police")
    state.close()
    return findings, tmp_path / "state.db"


def csv_file(tmp_path: Path, rows: str, name: str = "new.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_embargo_times_are_uk_time_unless_a_zone_is_given() -> None:
    long_ago = 0.0
    assert parse_moment("2026-12-02T00:01", long_ago).isoformat() == "2026-12-02T00:01:00+00:00"
    assert parse_moment("2027-07-01T09:30", long_ago).isoformat() == "2027-07-01T08:30:00+00:00"
    assert parse_moment("2027-07-01T09:30+02:00", long_ago).hour == 7
    assert parse_moment("2027-07-01T09:30Z", long_ago).hour == 9
    with pytest.raises(EmbargoError, match="cannot read"):
        parse_moment("next tuesday", long_ago)
    with pytest.raises(EmbargoError, match="already passed"):
        parse_moment("2020-01-01T00:00")


def test_embargoed_figures_are_invisible_one_second_before_and_visible_one_after(
    dbs: tuple[Path, Path], tmp_path: Path
) -> None:
    findings, state_db = dbs
    moment = parse_moment("2027-12-02T00:01")
    at = moment.timestamp()
    ingest_and_announce(findings, state_db, csv_file(tmp_path, herts_rows()), moment)
    clock = Clock(at - 1)
    knowledge = Knowledge(open_store(findings, clock=clock))
    question = "Herts recording rate"

    def shown() -> dict[str, bool]:
        chart = plan_chart(knowledge, question)
        [article] = inline_results(knowledge, question)
        return {
            "ask": "95.1" in knowledge.reply(question),
            "robbery": "7 of 19" in knowledge.reply("Herts robbery cancellations"),
            "chart": not isinstance(chart, NoChart) and "95.1" in chart.caption,
            "inline": "95.1" in article.input_message_content.message_text,  # type: ignore[union-attr]
            "whats_new": "PEEL 2026" in knowledge.reply("what's new"),
            "csv": "95.1" in rows_csv(rows_behind(knowledge.ask(question))),
            "facts": any(f.inspection == "PEEL 2026" for f in knowledge.store.facts),
        }

    assert not any(shown().values()), shown()
    clock.now = at + 1
    assert all(shown().values()), shown()
    clock.now = at - 1  # and a chart drawn after does not linger before (cache keys differ)
    assert not any(shown().values())


def test_readers_of_the_database_filter_by_the_documented_column(
    dbs: tuple[Path, Path], tmp_path: Path
) -> None:
    findings, state_db = dbs
    moment = parse_moment("2027-12-02T00:01")
    ingest_and_announce(findings, state_db, csv_file(tmp_path, herts_rows()), moment)
    conn = sqlite3.connect(findings)
    hidden = conn.execute(
        "select distinct embargo_until from findings where embargo_until is not null"
    ).fetchall()
    public = conn.execute(
        "select count(*) from findings where embargo_until is null or "
        "embargo_until <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
    ).fetchone()[0]
    total = conn.execute("select count(*) from findings").fetchone()[0]
    assert hidden == [("2027-12-02T00:01:00Z",)] and public == total - 2


async def test_the_announcement_goes_out_at_the_moment_exactly_once(
    api: FakeBotApi, dbs: tuple[Path, Path], tmp_path: Path
) -> None:
    findings, state_db = dbs
    moment = parse_moment("2027-12-02T00:01")
    at = moment.timestamp()
    _, announced = ingest_and_announce(
        findings, state_db, csv_file(tmp_path, herts_rows()), moment
    )
    assert announced.scheduled == (((HERTS, "PEEL 2026"), at),) and announced.queued == ()
    state = StateDB(state_db)
    schedule, sender = Schedule(state.conn), Broadcaster(state, Pacer(1000, 0.01))
    async with Bot("123:TEST", base_url=api.base_url) as bot:
        for now, released in [(at - 1, 0), (at + 1, 1), (at + 2, 0), (at + 60, 0)]:
            assert schedule.release_due(now) == released
            await sender.run(bot)
            if now < at:
                assert api.delivered() == []
    assert sorted(int(c.chat_id) for c in api.delivered()) == [1, 2]  # Herts and every force
    text = api.delivered()[0].params["text"]
    assert "PEEL 2026" in text and "95.1" in text and "7 of 19" in text
    state.close()


async def test_the_running_bot_releases_it_at_the_moment(
    api: FakeBotApi, dbs: tuple[Path, Path], tmp_path: Path
) -> None:
    findings, state_db = dbs
    moment = parse_moment("2027-12-02T00:01")  # a valid moment, moved closer below
    ingest_and_announce(findings, state_db, csv_file(tmp_path, herts_rows()), moment)
    at = float(int(time.time()) + 2)
    move_embargo(findings, HERTS, "PEEL 2026", embargo_text(at))
    with StateDB(state_db) as state:
        [row] = Schedule(state.conn).pending()
        Schedule(state.conn).reschedule(row.id, at)
    reader, question = 9, "Herts recording rate"
    async with running_bot(
        api,
        Knowledge.open(findings),
        findings_db=findings,
        state_db=state_db,
        broadcast_interval=3600,
    ):
        api.push_text(reader, question)
        [before] = await wait_sent(api, reader)
        assert "95.1" not in before.params["text"] and api.delivered(1) == []
        [sent] = await wait_sent(api, 1, timeout=5)
        assert sent.at >= at and sent.at - at < 2.0
        api.push_text(reader, question)
        [_, after] = await wait_sent(api, reader, 2)
        assert "95.1" in after.params["text"]
        await settle(1.5)
    assert len(api.delivered(1)) == 1 and len(api.delivered(2)) == 1


def test_backfills_are_added_quietly_unless_announce(
    dbs: tuple[Path, Path], tmp_path: Path
) -> None:
    findings, state_db = dbs
    old = herts_rows(OLD_DAY, "PEEL 2025") + herts_rows("", "PEEL undated")
    _, quiet = ingest_and_announce(findings, state_db, csv_file(tmp_path, old))
    assert quiet.queued == () and set(quiet.quiet) == {
        (HERTS, "PEEL 2025"),
        (HERTS, "PEEL undated"),
    }
    again = herts_rows(OLD_DAY, "PEEL 2024")
    _, loud = ingest_and_announce(
        findings, state_db, csv_file(tmp_path, again, "b.csv"), announce_backfill=True
    )
    assert loud.queued == ((HERTS, "PEEL 2024"),)
    with StateDB(state_db) as state:
        assert [row["title"] for row in state.announcements.listing()] == ["PEEL 2024"]


async def test_a_national_report_goes_to_everyone_subscribed_to_all_forces(
    api: FakeBotApi, dbs: tuple[Path, Path], tmp_path: Path
) -> None:
    findings, state_db = dbs
    row = (
        f"England and Wales,State of Policing 2026,2026,{TODAY},all,"
        "forces_with_incorrect_cancellations,12,,,,https://example.org/n,inspectorate,12 forces\n"
    )
    _, announced = ingest_and_announce(findings, state_db, csv_file(tmp_path, row))
    assert announced.queued == (("England and Wales", "State of Policing 2026"),)
    with StateDB(state_db) as state:
        async with Bot("123:TEST", base_url=api.base_url) as bot:
            await Broadcaster(state, Pacer(1000, 0.01)).run(bot)
    assert [int(c.chat_id) for c in api.delivered()] == [2]


def test_cli_says_what_was_announced_scheduled_or_quiet_and_can_move_or_cancel(
    dbs: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    findings, state_db = dbs
    monkeypatch.setenv("FINDINGS_DB", str(findings))
    monkeypatch.setenv("FINDINGS_STATE_DB", str(state_db))
    run = CliRunner().invoke
    bad = run(main, ["ingest", str(csv_file(tmp_path, herts_rows())), "--embargo", "soon"])
    assert bad.exit_code == 2 and "cannot read 'soon'" in bad.output
    rows = herts_rows() + herts_rows(OLD_DAY, "PEEL 2025")
    out = run(main, ["ingest", str(csv_file(tmp_path, rows)), "--embargo", "2027-12-02T00:01"])
    assert out.exit_code == 0, out.output
    assert (
        "Scheduled for 2027-12-02 00:01 GMT (2027-12-02T00:01:00Z), hidden until then: "
        f"{HERTS}, PEEL 2026" in out.output
    )
    listed = run(main, ["announcements"]).output
    assert "Scheduled (embargoed until then):" in listed and "2027-12-02 00:01 GMT" in listed
    with StateDB(state_db) as state:
        ids = {row.title: row.id for row in Schedule(state.conn).pending()}
    moved = run(main, ["reschedule-announcement", str(ids["PEEL 2026"]), "2027-12-03T09:30"])
    assert moved.exit_code == 0 and "2 findings hidden until then" in moved.output
    embargoes = sqlite3.connect(findings).execute(
        "select distinct embargo_until from findings where embargo_until is not null"
    )
    assert set(embargoes.fetchall()) == {("2027-12-03T09:30:00Z",), ("2027-12-02T00:01:00Z",)}
    assert run(main, ["cancel-announcement", str(ids["PEEL 2026"])]).exit_code == 0
    assert run(main, ["cancel-announcement", str(ids["PEEL 2026"])]).exit_code == 1
    with StateDB(state_db) as state:
        assert Schedule(state.conn).release_due(time.time() + 10**9) == 1  # PEEL 2025 only
    quiet = run(main, ["ingest", str(csv_file(tmp_path, herts_rows(OLD_DAY, "PEEL 2023")))])
    assert (
        f"Added quietly (backfill; --announce to announce it): {HERTS}, PEEL 2023" in quiet.output
    )


def test_load_keeps_a_scheduled_inspection_hidden(dbs: tuple[Path, Path], tmp_path: Path) -> None:
    findings, state_db = dbs
    moment = parse_moment("2027-12-02T00:01")
    ingest_and_announce(findings, state_db, csv_file(tmp_path, herts_rows()), moment)
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with (data / "findings.csv").open("a", encoding="utf-8") as csv:
        csv.write(herts_rows())  # committed into the data before the embargo lifted
    load_and_announce(findings, state_db, data)
    hidden = sqlite3.connect(findings).execute(
        "select count(*) from findings where embargo_until = '2027-12-02T00:01:00Z'"
    )
    assert hidden.fetchone()[0] == 2
    assert "95.1" not in Knowledge.open(findings).reply("Herts recording rate")


def test_moving_an_embargo_never_writes_the_open_database_in_place(
    dbs: tuple[Path, Path], tmp_path: Path
) -> None:
    """Readers open the findings `immutable`: a change under them could tear what they read,
    and a writer killed half-way would leave a journal. The file a reader holds stays as it
    was; the new version is renamed over it, with no journal left beside it."""
    findings, state_db = dbs
    ingest_and_announce(
        findings, state_db, csv_file(tmp_path, herts_rows()), parse_moment("2027-12-02T00:01")
    )
    with findings.open("rb") as held:  # what a running reader has open
        before = held.read()
        assert move_embargo(findings, HERTS, "PEEL 2026", "2027-12-03T00:01:00Z") > 0
        held.seek(0)
        assert held.read() == before
    assert findings.read_bytes() != before
    assert not findings.with_name(findings.name + "-journal").exists()
    with sqlite3.connect(findings) as conn:
        [(until,)] = conn.execute(
            "select distinct embargo_until from findings where embargo_until is not null"
        ).fetchall()
    assert until == "2027-12-03T00:01:00Z"
