"""Subscriptions in Telegram, and an announcement reaching a subscriber through the JobQueue."""

import shutil
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest
from bot_harness import buttons, running_bot, settle, telegram_html_problems, wait_sent
from fake_bot_api import FakeBotApi
from telegram.ext import Application

from delivery.announce import ingest_and_announce
from delivery.state import ALL_FORCES, StateDB
from knowledge import Knowledge

ADMIN, READER = 7, 8
RECENT = date.today().isoformat()  # published within 30 days: announced, not a backfill
NEW_FINDINGS = f"""force,inspection,inspection_year,published,offence,measure,value,ci_plus_minus,\
numerator,denominator,source_url,source_kind,quote
Hertfordshire Constabulary,PEEL 2026,2026,{RECENT},all,grade,good,,,,https://example.org/h,\
inspectorate,graded good
Hertfordshire Constabulary,PEEL 2026,2026,{RECENT},all,recording_rate,95.1,1.2,,,\
https://example.org/h,inspectorate,95.1 percent
Hertfordshire Constabulary,PEEL 2026,2026,{RECENT},robbery,cancelled_incorrect,,,1,20,\
https://example.org/h,inspectorate,1 of 20
"""


@pytest.fixture
async def app(api: FakeBotApi, knowledge: Knowledge, tmp_path: Path) -> AsyncIterator[Application]:
    state_db = tmp_path / "state.db"
    async with running_bot(
        api, knowledge, state_db=state_db, admin_ids=frozenset({ADMIN}), broadcast_interval=0.2
    ) as application:
        yield application


async def command(api: FakeBotApi, chat: int, text: str, count: int = 1, **kw: object) -> str:
    api.push_text(chat, text, **kw)  # type: ignore[arg-type]
    sent = await wait_sent(api, chat, count)
    return str(sent[-1].params["text"])


def state(app: Application) -> StateDB:
    return StateDB(app.bot_data["settings"].state_db)


async def test_subscribe_to_a_force_and_to_every_force(api: FakeBotApi, app: Application) -> None:
    assert "Hertfordshire Constabulary" in await command(api, 1, "/subscribe herts")
    assert "every force" in await command(api, 2, "/subscribe", 1)
    assert "already" in await command(api, 1, "/subscribe Hertfordshire", 2)
    text = await command(api, 1, "/subscriptions", 3)
    assert "Hertfordshire Constabulary" in text and not telegram_html_problems(text)
    assert state(app).subscriptions.of(2) == [ALL_FORCES]


async def test_an_ambiguous_force_asks_with_buttons(api: FakeBotApi, app: Application) -> None:
    await command(api, 1, "/subscribe yorkshire")
    [asked] = api.sent_messages(1)
    data = [b["callback_data"] for b in buttons(asked)]
    assert data == ["sub:North Yorkshire", "sub:South Yorkshire", "sub:West Yorkshire"]
    message_id = max(mid for chat, mid in api.messages if chat == 1)
    api.push_callback(1, data[2], message_id)
    [edit] = await wait_sent(api, 1, method="editMessageText")
    assert "West Yorkshire Police" in edit.params["text"]
    assert len(api.calls_to("answerCallbackQuery")) == 1
    assert state(app).subscriptions.of(1) == ["West Yorkshire Police"]


async def test_unknown_force_and_unsubscribe(api: FakeBotApi, app: Application) -> None:
    assert "/forces" in await command(api, 1, "/subscribe xyzzy")
    await command(api, 1, "/subscribe kent essex", 2)
    assert state(app).subscriptions.of(1) == ["Essex Police", "Kent Police"]
    text = await command(api, 1, "/unsubscribe kent", 3)
    assert "Still following: Essex Police" in text
    assert "no more" in await command(api, 1, "/unsubscribe", 4)
    assert state(app).subscriptions.of(1) == []


async def test_broadcast_status_is_for_admins_only(api: FakeBotApi, app: Application) -> None:
    text = await command(api, ADMIN, "/broadcast_status")
    assert "active chats" in text and "sent" in text
    api.push_text(READER, "/broadcast_status")
    [reply] = await wait_sent(api, READER)
    assert "active chats" not in reply.params["text"]  # the unknown-command reply


async def test_ingest_reaches_a_subscriber_through_the_job_queue(
    api: FakeBotApi, knowledge: Knowledge, db_path: Path, tmp_path: Path
) -> None:
    findings_db = tmp_path / "findings.db"
    shutil.copy(db_path, findings_db)
    new_file = tmp_path / "new.csv"
    new_file.write_text(NEW_FINDINGS, encoding="utf-8")
    async with running_bot(
        api, knowledge, findings_db=findings_db, state_db=tmp_path / "s.db", broadcast_interval=0.2
    ):
        await command(api, 1, "/subscribe Herts")
        await command(api, 2, "/subscribe Kent", 1)
        _, announced = ingest_and_announce(findings_db, tmp_path / "s.db", new_file)
        assert announced.queued == (("Hertfordshire Constabulary", "PEEL 2026"),)
        [_, news] = await wait_sent(api, 1, 2)
        await settle(0.5)
    text = news.params["text"]
    assert "PEEL 2026" in text and "95.1%" in text and "1 of 20" in text
    assert "/unsubscribe" in text and not telegram_html_problems(text)
    assert len(api.sent_messages(1)) == 2 and len(api.sent_messages(2)) == 1
