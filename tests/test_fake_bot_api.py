"""Tests of the fake Bot API server, driven through a real ``telegram.Bot`` over HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import json
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
from fake_bot_api import FakeBotApi, running_fake_bot_api
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    EndPointNotFound,
    Forbidden,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import Application, CommandHandler, ContextTypes

TOKEN = "123:TEST"
# PTB 22 itself warns when it builds RetryAfter with an int; that is not what we test here.
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeBotApi]:
    async with running_fake_bot_api() as api:
        yield api


@pytest.fixture
async def bot(fake_api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=fake_api.base_url) as tg_bot:
        yield tg_bot


def retry_seconds(exc: RetryAfter) -> float:
    """``RetryAfter.retry_after`` in seconds, be it an int or (PTB_TIMEDELTA=1) a timedelta."""
    value = exc.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


async def test_urls_and_get_me(fake_api: FakeBotApi, bot: Bot) -> None:
    assert fake_api.base_url.startswith("http://127.0.0.1:")
    assert fake_api.base_url.endswith("/bot")
    assert fake_api.file_base_url == fake_api.base_url.replace("/bot", "/file/bot")
    me = await bot.get_me()
    assert me.is_bot and me.id == 123 and me.username == "findings_test_bot"
    assert me.can_join_groups and me.supports_inline_queries is True
    assert bot.username == "findings_test_bot"
    assert [call.method for call in fake_api.calls] == ["getMe", "getMe"]  # initialize + ours


async def test_send_message_is_recorded_with_parse_mode_and_markup(
    fake_api: FakeBotApi, bot: Bot
) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more:1")]])
    first = await bot.send_message(42, "<b>Hi</b>", parse_mode=ParseMode.HTML, reply_markup=markup)
    second = await bot.send_message(-100777, "to the group")

    assert first.text == "<b>Hi</b>" and first.chat.type == "private"
    assert first.from_user is not None and first.from_user.id == 123
    assert first.reply_markup == markup
    assert second.message_id == first.message_id + 1 and second.chat.type == "supergroup"
    [call] = fake_api.sent_messages(42)
    assert call.params["chat_id"] == 42 and call.params["text"] == "<b>Hi</b>"
    assert call.params["parse_mode"] == "HTML"
    assert call.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "more:1"
    assert len(fake_api.sent_messages()) == 2 and fake_api.delivered(-100777)
    assert (await fake_api.wait_for("sendMessage", count=2))[1].chat_id == -100777


async def test_edit_and_other_true_methods(fake_api: FakeBotApi, bot: Bot) -> None:
    sent = await bot.send_message(42, "Working…")
    edited = await bot.edit_message_text("Done", chat_id=42, message_id=sent.message_id)
    assert not isinstance(edited, bool)
    assert edited.text == "Done" and edited.message_id == sent.message_id
    assert edited.edit_date is not None
    assert await bot.send_chat_action(42, ChatAction.TYPING) is True
    assert await bot.answer_callback_query("4000000001", text="ok") is True
    assert await bot.set_my_commands([("help", "How to use the bot")]) is True
    assert [(c.command, c.description) for c in await bot.get_my_commands()] == [
        ("help", "How to use the bot")
    ]
    assert fake_api.calls_to("answerCallbackQuery")[0].params["callback_query_id"] == "4000000001"
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(42, "")


async def test_send_photo_records_bytes_and_caption(fake_api: FakeBotApi, bot: Bot) -> None:
    message = await bot.send_photo(42, PNG, caption="Chart")
    assert message.caption == "Chart" and message.photo
    assert message.photo[-1].file_size == len(PNG)
    [call] = fake_api.sent_messages(42)
    assert call.method == "sendPhoto" and call.params["caption"] == "Chart"
    assert call.files["photo"] == PNG and call.params["photo"] == PNG


async def test_retry_after_fault(fake_api: FakeBotApi, bot: Bot) -> None:
    fake_api.fail("sendMessage", retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(42, "first")
    assert retry_seconds(caught.value) == 3
    await bot.send_message(42, "second")  # times=1: the rule is used up
    assert [c.error_code for c in fake_api.sent_messages(42)] == [429, None]
    assert [c.params["text"] for c in fake_api.delivered(42)] == ["second"]
    assert len(fake_api.rejected) == 1


async def test_forbidden_migrate_and_server_error(fake_api: FakeBotApi, bot: Bot) -> None:
    fake_api.fail("sendMessage", chat_id=7, error_code=403, times=None)
    fake_api.fail("sendMessage", chat_id=-5, migrate_to_chat_id=-1005)
    fake_api.fail("sendPhoto")
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(7, "hello")
    with pytest.raises(Forbidden):
        await bot.send_message(7, "again")  # times=None: every time
    with pytest.raises(ChatMigrated) as migrated:
        await bot.send_message(-5, "hello group")
    assert migrated.value.new_chat_id == -1005
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_photo(8, PNG)
    await bot.send_message(8, "other chats are unaffected")
    assert fake_api.delivered(7) == [] and len(fake_api.delivered(8)) == 1
    assert sorted(c.error_code or 0 for c in fake_api.rejected) == [400, 403, 403, 500]


async def test_delay_provokes_client_timeout(fake_api: FakeBotApi, bot: Bot) -> None:
    fake_api.fail("sendMessage", delay=5)
    with pytest.raises(TimedOut):
        await bot.send_message(42, "slow", read_timeout=0.3)
    assert len(fake_api.sent_messages(42)) == 1
    started = time.monotonic()
    await fake_api.stop()  # releases the delayed answer instead of waiting for it
    assert time.monotonic() - started < 3


async def test_unknown_method_and_json_bodies(fake_api: FakeBotApi, bot: Bot) -> None:
    with pytest.raises(EndPointNotFound):  # PTB's mapping of the 404 for do_api_request
        await bot.do_api_request("noSuchMethod")
    url = f"{fake_api.base_url}{TOKEN}"
    markup = json.dumps({"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]})
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{url}/noSuchMethod", json={}) as resp:
            assert resp.status == 404
            assert await resp.json() == {
                "ok": False,
                "error_code": 404,
                "description": "Not Found: method not found",
            }
        body = {"chat_id": "42", "text": "123", "reply_markup": markup}
        async with session.post(f"{url}/sendMessage", json=body) as resp:
            result = (await resp.json())["result"]
    assert result["text"] == "123" and result["reply_markup"]["inline_keyboard"]
    assert fake_api.calls[-1].params == {
        "chat_id": 42,
        "text": "123",
        "reply_markup": json.loads(markup),
    }


async def test_get_updates_returns_pushed_updates(fake_api: FakeBotApi, bot: Bot) -> None:
    fake_api.push_text(42, "/start hello")
    fake_api.push_callback(42, "more:2", message_id=5)
    fake_api.push_inline("burglary", user_id=9)
    fake_api.push_sticker(-100777)
    fake_api.push_text(-100777, "hi bot", reply_to_bot=True)
    updates = await bot.get_updates(timeout=1)
    assert all(isinstance(update, Update) for update in updates)
    assert [u.update_id for u in updates] == [1, 2, 3, 4, 5]
    start = updates[0].message
    assert start is not None and start.text == "/start hello" and start.chat.type == "private"
    assert start.from_user is not None and start.from_user.id == 42
    assert start.entities[0].type == "bot_command" and start.entities[0].length == 6
    assert updates[1].callback_query is not None and updates[1].callback_query.data == "more:2"
    assert updates[2].inline_query is not None and updates[2].inline_query.query == "burglary"
    assert updates[3].message is not None and updates[3].message.sticker is not None
    reply = updates[4].message
    assert reply is not None and reply.chat.type == "supergroup"
    assert reply.reply_to_message is not None and reply.reply_to_message.from_user is not None
    assert reply.reply_to_message.from_user.id == 123
    # Unconfirmed updates come again; an offset confirms them.
    assert len(await bot.get_updates()) == 5
    assert await bot.get_updates(offset=6) == ()


async def test_get_updates_long_polls(fake_api: FakeBotApi, bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 <= time.monotonic() - started < 3
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.2)
    fake_api.push_text(42, "late arrival")
    [update] = await asyncio.wait_for(poll, 3)
    assert update.message is not None and update.message.text == "late arrival"


async def test_wait_for_times_out(fake_api: FakeBotApi) -> None:
    with pytest.raises(TimeoutError, match="sendMessage"):
        await fake_api.wait_for("sendMessage", timeout=0.2)


async def test_rate_limit_answers_429_past_n_per_second() -> None:
    async with (
        running_fake_bot_api(rate_limit_per_second=5) as api,
        Bot(TOKEN, base_url=api.base_url) as bot,
    ):
        for n in range(5):
            await bot.send_message(42, f"message {n}")
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(42, "one too many")
        assert retry_seconds(caught.value) == 1
        assert len(api.delivered(42)) == 5 and [c.error_code for c in api.rejected] == [429]
        await asyncio.sleep(1.05)  # the window slides
        await bot.send_message(42, "after the window")
        assert len(api.delivered(42)) == 6


async def test_transient_faults_are_seeded() -> None:
    async def failures(seed: int) -> list[bool]:
        async with (
            running_fake_bot_api(transient_fault_rate=0.3, seed=seed) as api,
            Bot(TOKEN, base_url=api.base_url) as bot,
        ):
            for n in range(20):
                with contextlib.suppress(NetworkError):
                    await bot.send_message(42, f"m{n}")
            assert len(api.delivered(42)) + len(api.rejected) == 20
            return [not call.ok for call in api.sent_messages(42)]

    first, again = await failures(seed=1), await failures(seed=1)
    assert first == again and 0 < sum(first) < 20


async def test_real_application_round_trip(fake_api: FakeBotApi) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("Welcome!")

    app = Application.builder().token(TOKEN).base_url(fake_api.base_url).build()
    app.add_handler(CommandHandler("start", start))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(timeout=1)
        fake_api.push_text(42, "/start")
        [reply] = await fake_api.wait_for("sendMessage")
        await app.updater.stop()
        await app.stop()
    assert reply.params["text"] == "Welcome!" and reply.chat_id == 42
    assert fake_api.calls_to("deleteWebhook")
