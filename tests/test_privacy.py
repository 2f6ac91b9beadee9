"""/privacy, /forget and /unsubscribe through the fake Bot API: what is kept and what is not."""

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from bot_harness import buttons, running_bot, telegram_html_problems, wait_sent
from fake_bot_api import FakeBotApi
from telegram.ext import Application

from delivery.state import StateDB
from knowledge import Knowledge

READER, OTHER = 5551234, 5559876  # ids that no other column of the state database holds


@pytest.fixture
async def app(api: FakeBotApi, knowledge: Knowledge, tmp_path: Path) -> AsyncIterator[Application]:
    async with running_bot(
        api, knowledge, state_db=tmp_path / "state.db", broadcast_interval=3600
    ) as application:
        yield application


def state(app: Application) -> StateDB:
    return StateDB(app.bot_data["settings"].state_db)


def rows_mentioning(path: Path, value: int) -> dict[str, int]:
    """Rows per table with `value` in any column: every table, every column."""
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
    found = {}
    for table in tables:
        rows = conn.execute(f"select * from [{table}]").fetchall()
        found[table] = sum(1 for row in rows if value in row)
    conn.close()
    return {table: n for table, n in found.items() if n}


def question_rows(app: Application, chat_id: int) -> int:
    log = app.bot_data["question_log"]
    query = "select count(*) from questions where asker = ?"
    return int(log.conn.execute(query, (log.asker(chat_id),)).fetchone()[0])


def queue_kent_announcement(app: Application) -> None:
    db = state(app)
    db.announcements.queue("Kent Police", "PEEL 2026", "<b>Kent</b>")
    db.outbox.expand()  # one pending delivery per subscriber, not sent (the job runs hourly here)
    db.close()


async def last_reply(api: FakeBotApi, chat: int, text: str, count: int) -> str:
    api.push_text(chat, text)
    sent = await wait_sent(api, chat, count)
    return str(sent[-1].params["text"])


async def test_privacy_says_what_is_kept_for_how_long(api: FakeBotApi, app: Application) -> None:
    text = await last_reply(api, READER, "/privacy", 1)
    assert "90 days" in text and "/forget" in text and "subscri" in text
    assert not telegram_html_problems(text)


async def test_forget_deletes_every_row_of_the_chat_after_confirming(
    api: FakeBotApi, app: Application
) -> None:
    path = app.bot_data["settings"].state_db
    await last_reply(api, READER, "/subscribe Kent", 1)
    await last_reply(api, OTHER, "/subscribe Kent", 1)
    queue_kent_announcement(app)
    app.chat_data[READER]["last_question"] = "Kent robbery"  # type: ignore[index]
    await last_reply(api, READER, "Police Scotland robbery", 2)  # a logged question
    assert question_rows(app, READER) == 1
    assert rows_mentioning(path, READER).keys() == {"chats", "subscriptions", "outbox"}

    asked = await last_reply(api, READER, "/forget", 3)
    assert "cannot be undone" in asked
    yes, _no = buttons(api.sent_messages(READER)[-1])
    assert rows_mentioning(path, READER)  # nothing happens before the button
    message_id = max(mid for chat, mid in api.messages if chat == READER)
    api.push_callback(READER, yes["callback_data"], message_id)
    [edit] = await wait_sent(api, READER, method="editMessageText")
    assert "deleted everything" in edit.params["text"]
    assert rows_mentioning(path, READER) == {}
    assert question_rows(app, READER) == 0
    assert READER not in app.chat_data
    assert rows_mentioning(path, OTHER).keys() == {"chats", "subscriptions", "outbox"}


async def test_forget_keeps_everything_when_declined_or_pressed_by_someone_else(
    api: FakeBotApi, app: Application
) -> None:
    group, admin, member = -100777, 1001, 4242
    api.chat_admins[group] = {admin}
    path = app.bot_data["settings"].state_db
    await last_reply(api, group, "/subscribe Kent", 1)
    api.push_text(group, "/forget", user_id=member)
    [*_, refused] = await wait_sent(api, group, 2)
    assert "only its admins" in refused.params["text"]
    await last_reply(api, group, "/forget", 3)
    yes, no = buttons(api.sent_messages(group)[-1])
    message_id = max(mid for chat, mid in api.messages if chat == group)
    api.push_callback(group, yes["callback_data"], message_id, user_id=member)  # not the asker
    [alert] = await api.wait_for("answerCallbackQuery")
    assert alert.params.get("show_alert") is True
    api.push_callback(group, no["callback_data"], message_id)
    [edit] = await wait_sent(api, group, method="editMessageText")
    assert "Nothing was deleted" in edit.params["text"]
    assert rows_mentioning(path, group).keys() == {"chats", "subscriptions"}


async def test_unsubscribe_cancels_deliveries_already_queued(
    api: FakeBotApi, app: Application
) -> None:
    await last_reply(api, READER, "/subscribe Kent", 1)
    await last_reply(api, OTHER, "/subscribe", 1)  # every force
    queue_kent_announcement(app)
    assert "no more" in await last_reply(api, READER, "/unsubscribe", 2)
    db = state(app)
    pending = db.outbox.due(now=float("inf"))
    db.close()
    assert [d.chat_id for d in pending] == [OTHER]
