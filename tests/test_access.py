"""Abuse and access: webhook secrets, flood control of every update, group admins, bounded
echoes, and chats that block the bot. Through the real Application and the fake Bot API."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from bot_harness import TOKEN, running_bot, settle, wait_sent
from click.testing import CliRunner
from fake_bot_api import FakeBotApi
from telegram.ext import Application

from bot.app import run_bot
from bot.cli import main
from bot.settings import Settings, SettingsError
from delivery.state import StateDB
from knowledge import Knowledge

ADMIN, MEMBER, GROUP = 31, 32, -500


@pytest.fixture
async def app(api: FakeBotApi, knowledge: Knowledge, tmp_path: Path) -> AsyncIterator[Application]:
    async with running_bot(api, knowledge, state_db=tmp_path / "state.db") as application:
        yield application


def state(app: Application) -> StateDB:
    return StateDB(app.bot_data["settings"].state_db)


def test_webhook_mode_refuses_to_start_without_a_secret(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(token=TOKEN, webhook_url="https://bot.example.org/telegram")
    with pytest.raises(SettingsError, match="FINDINGS_WEBHOOK_SECRET"):
        run_bot(settings)
    monkeypatch.setenv("FINDINGS_DB", str(db_path))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("FINDINGS_WEBHOOK_URL", "https://bot.example.org/telegram")
    result = CliRunner().invoke(main, ["run"])
    assert result.exit_code == 1 and "FINDINGS_WEBHOOK_SECRET" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


async def test_stickers_and_commands_count_and_others_are_not_delayed(
    api: FakeBotApi, app: Application
) -> None:
    for _ in range(40):
        api.push_sticker(7020)
    api.push_text(7021, "Kent grade")
    [answer] = await wait_sent(api, 7021)
    # Not delayed by the flood: counted in messages, not seconds (a loaded machine is slow
    # anyway). Replies take paced turns, so the reader waits only for the flood's replies
    # that went first: 21 at most (20 and a warning), not one for each of the 40 stickers.
    went_first = next(i for i, call in enumerate(api.sent_messages()) if call is answer)
    assert went_first <= 21
    await wait_sent(api, 7020, 21)
    for _ in range(25):
        api.push_text(7022, "/help")
    await wait_sent(api, 7022, 21)
    await settle(0.3)
    stickers = [call.params["text"] for call in api.sent_messages(7020)]
    assert len(stickers) == 21 and sum("questions a minute" in t for t in stickers) == 1
    assert len(api.sent_messages(7022)) == 21


async def test_buttons_count_too(api: FakeBotApi, app: Application) -> None:
    for n in range(25):
        api.push_callback(7030, "a:Kent grade", message_id=1000 + n, user_id=7030)
    await api.wait_for("answerCallbackQuery", 21)
    await settle(0.3)
    answers = api.calls_to("answerCallbackQuery")
    assert len(answers) == 21 and sum(bool(c.params.get("show_alert")) for c in answers) == 1
    assert len(api.sent_messages(7030)) <= 20


async def test_subscribe_never_echoes_a_long_argument(api: FakeBotApi, app: Application) -> None:
    api.push_text(7040, "/subscribe " + "x" * 5000)
    [reply] = await wait_sent(api, 7040)
    text = reply.params["text"]
    assert len(text) < 400 and "x" * 60 not in text and "x" * 50 in text


async def test_only_group_admins_change_a_groups_subscriptions(
    api: FakeBotApi, app: Application
) -> None:
    api.chat_admins[GROUP] = {ADMIN}
    api.push_text(GROUP, "/subscribe kent", user_id=MEMBER)
    [refused] = await wait_sent(api, GROUP)
    assert "Only this group's admins" in refused.params["text"]
    assert state(app).subscriptions.of(GROUP) == []
    api.push_text(GROUP, "/subscribe kent", user_id=ADMIN)
    await wait_sent(api, GROUP, 2)
    assert state(app).subscriptions.of(GROUP) == ["Kent Police"]
    api.push_text(GROUP, "/unsubscribe", user_id=MEMBER)
    [*_, again] = await wait_sent(api, GROUP, 3)
    assert "Only this group's admins" in again.params["text"]
    assert state(app).subscriptions.of(GROUP) == ["Kent Police"]
    calls = api.calls_to("getChatMember")
    assert {(c.params["chat_id"], c.params["user_id"]) for c in calls} == {
        (GROUP, MEMBER),
        (GROUP, ADMIN),
    }


async def test_a_chat_that_blocks_the_bot_is_dropped_at_once(
    api: FakeBotApi, app: Application
) -> None:
    api.push_text(7050, "/subscribe kent")
    await wait_sent(api, 7050)
    db = state(app)
    db.announcements.queue("Kent Police", "PEEL 2030", "<b>new</b>")
    db.outbox.expand()
    assert db.subscriptions.subscribers_for("Kent Police") == [7050]
    api.push_membership(7050, "kicked")
    for _ in range(100):
        if not db.chats.is_active(7050):
            break
        await settle(0.02)
    assert db.subscriptions.subscribers_for("Kent Police") == []
    assert db.outbox.counts()["dead"] == 1 and db.outbox.counts()["pending"] == 0
