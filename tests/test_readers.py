"""Knowing what readers ask: the question log, `findings-bot questions`, /stats, admin alerts."""

import html
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from bot_harness import running_bot, settle, telegram_html_problems, wait_sent
from click.testing import CliRunner
from fake_bot_api import FakeBotApi
from telegram.ext import Application

from bot.cli import main
from bot.question_log import DAY, QuestionLog
from knowledge import Knowledge
from knowledge.query import Query

ADMIN, READER, OTHER = 7, 8, 9


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def log(clock: Clock) -> QuestionLog:
    return QuestionLog(sqlite3.connect(":memory:"), retention_days=30, clock=clock)


def stored(log: QuestionLog) -> list[tuple[object, ...]]:
    return log.conn.execute("select asker, outcome, question from questions").fetchall()


def test_text_is_kept_only_for_questions_without_a_figure(log: QuestionLog) -> None:
    log.record(1, "Herts robbery", "answered")
    log.record(1, "what's the weather", "out_of_scope")
    log.record(2, "Kent unrecorded burglary", "no_figure")
    rows = stored(log)
    assert [r[2] for r in rows] == [None, "what's the weather", "Kent unrecorded burglary"]
    assert all(str(r[0]) not in ("1", "2") and len(str(r[0])) == 24 for r in rows)
    assert rows[0][0] == rows[1][0] != rows[2][0]  # one code per chat, never the id


def test_unanswered_counts_the_same_text_most_asked_first(log: QuestionLog) -> None:
    for chat, text in [(1, "PSNI"), (2, "psni"), (3, "Police  Scotland"), (4, "PSNI ")]:
        log.record(chat, text, "out_of_scope")
    listed = log.unanswered()
    assert [(q.count, q.text.lower()) for q in listed] == [(3, "psni"), (1, "police scotland")]


def test_clarify_left_unanswered_is_counted_and_a_figure_settles_it(
    log: QuestionLog, clock: Clock
) -> None:
    log.record(1, "West robbery", "clarify")
    log.record(2, "London rape", "clarify")
    clock.now += 60
    log.record(1, "West Mercia robbery", "answered")  # chat 1 got its figure
    assert [q.text for q in log.unanswered()] == ["London rape"]
    clock.now += 601
    log.record(2, "Met rape", "answered")  # too late to count as the same question
    assert [q.text for q in log.unanswered()] == ["London rape"]


def test_questions_are_deleted_after_the_retention_period_and_by_forget(
    log: QuestionLog, clock: Clock
) -> None:
    log.record(1, "PSNI", "out_of_scope")
    clock.now += 29 * DAY
    log.record(2, "PSNI", "out_of_scope")
    log.record(2, "Kent", "answered")
    clock.now += 2 * DAY
    assert log.prune() == 1
    assert log.numbers(0) == {"questions": 2, "readers": 1, "answered_share": 50.0}
    assert log.forget(2) == 2 and stored(log) == []


def test_questions_command_lists_most_asked_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FINDINGS_STATE_DB", str(tmp_path / "state.db"))
    code, out = CliRunner().invoke(main, ["questions"]).exit_code, ""
    assert code == 0
    log = QuestionLog(sqlite3.connect(tmp_path / "state.db"))
    for chat in (1, 2):
        log.record(chat, "Police Scotland robbery", "out_of_scope")
    log.record(3, "Kent unrecorded burglary", "no_figure")
    log.conn.close()
    result = CliRunner().invoke(main, ["questions"])
    out = result.output
    assert result.exit_code == 0
    assert out.index("Police Scotland robbery") < out.index("Kent unrecorded burglary")
    assert "     2  Police Scotland robbery  (out of scope)" in out


class Breaking(Knowledge):
    """The real knowledge, except that "boom" raises, as a bug would."""

    def parse(self, question: str) -> Query:
        if "boom" in question:
            raise RuntimeError(f"broken while answering {question}")
        return super().parse(question)


@pytest.fixture
async def app(api: FakeBotApi, knowledge: Knowledge, tmp_path: Path) -> AsyncIterator[Application]:
    broken = Breaking(knowledge.store, knowledge.renderer)
    async with running_bot(
        api, broken, state_db=tmp_path / "state.db", admin_ids=frozenset({ADMIN})
    ) as application:
        yield application


async def test_stats_gives_the_week_to_admins_only(api: FakeBotApi, app: Application) -> None:
    for chat, question, count in [
        (READER, "Herts robbery cancellations?", 1),
        (READER, "what's the weather", 2),
        (OTHER, "What's the weather", 1),
        (OTHER, "hi", 2),  # help: not a question
    ]:
        api.push_text(chat, question)
        await wait_sent(api, chat, count)
    api.push_text(ADMIN, "/stats")
    [reply] = await wait_sent(api, ADMIN)
    text = reply.params["text"]
    assert "Questions: 3 from 2 readers" in text and "Answered with a figure: 33%" in text
    assert "2 × “what's the weather” (out of scope)" in html.unescape(text).lower()
    assert not telegram_html_problems(text)
    api.push_text(READER, "/stats")
    [*_, refused] = await wait_sent(api, READER, 3)
    assert "Questions:" not in refused.params["text"]


async def test_errors_alert_admins_once_per_kind_in_ten_minutes(
    api: FakeBotApi, app: Application
) -> None:
    clock = Clock()
    app.bot_data["admin_alerts"].clock = clock
    for count in (1, 2):
        api.push_text(READER, "boom robbery")
        [*_, said] = await wait_sent(api, READER, count)
        assert said.params["text"].startswith("Sorry, something went wrong")
    [alert] = await wait_sent(api, ADMIN)
    assert "RuntimeError in knowledge." in alert.params["text"]  # where it was raised
    assert "boom" not in alert.params["text"] and str(READER) not in alert.params["text"]
    await settle(0.2)
    assert len(api.sent_messages(ADMIN)) == 1
    clock.now += 601
    api.push_text(READER, "boom again")
    [_, again] = await wait_sent(api, ADMIN, 2)
    assert "1 more of this kind" in again.params["text"]
    assert len(api.sent_messages(READER)) == 3
