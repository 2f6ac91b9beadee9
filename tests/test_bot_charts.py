"""/chart and the Chart button, end to end: the real Application polls the fake Bot API over
HTTP, draws the chart in a worker thread and sends it with sendPhoto."""

import struct
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from bot_harness import buttons, running_bot, telegram_html_problems, wait_sent
from fake_bot_api import Call, FakeBotApi
from telegram.ext import Application

from bot.charts import chart_press
from bot.keyboards import QuestionBook
from knowledge import Knowledge

CHAT = 5150


@pytest.fixture
async def app(api: FakeBotApi, knowledge: Knowledge, tmp_path: Path) -> AsyncIterator[Application]:
    async with running_bot(api, knowledge, state_db=tmp_path / "state.db") as application:
        yield application


def assert_chart_photo(call: Call, *expected: str) -> None:
    photo = call.files.get("photo") or call.params.get("photo")
    assert isinstance(photo, bytes) and photo[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">I", photo[16:20])[0] == 1080  # IHDR width
    caption = call.params["caption"]
    assert 0 < len(caption) < 1024 and call.params["parse_mode"] == "HTML"
    assert telegram_html_problems(caption) == []
    for text in expected:
        assert text in caption


async def test_chart_command_sends_a_photo_with_the_figures(
    api: FakeBotApi, app: Application
) -> None:
    api.push_text(CHAT, "/chart Herts robbery cancellations?")
    [photo] = await wait_sent(api, CHAT, method="sendPhoto")
    assert photo.ok
    assert_chart_photo(photo, "Hertfordshire Constabulary", "2 of 20", "2017", "9 of 43")
    assert api.calls_to("sendChatAction")


async def test_chart_button_under_an_answer_sends_the_chart(
    api: FakeBotApi, app: Application
) -> None:
    api.push_text(CHAT, "Herts robbery cancellations?")
    [answer] = await wait_sent(api, CHAT, method="sendMessage")
    data = [b["callback_data"] for b in buttons(answer) if b.get("text") == "Chart"]
    assert len(data) == 1 and len(data[0].encode()) <= 64
    message_id = max(
        m for (chat, m), sent in api.messages.items() if chat == CHAT and "text" in sent
    )
    api.push_callback(CHAT, data[0], message_id)
    [photo] = await wait_sent(api, CHAT, method="sendPhoto")
    assert_chart_photo(photo, "Hertfordshire Constabulary", "2 of 20")
    assert len(api.calls_to("answerCallbackQuery")) == 1


async def test_not_chartable_says_why_in_one_message(api: FakeBotApi, app: Application) -> None:
    api.push_text(CHAT, "/chart what is a cancelled crime")
    [reply] = await wait_sent(api, CHAT)
    assert reply.method == "sendMessage" and "chart" in reply.params["text"]
    api.push_text(CHAT, "/chart")
    usage = (await wait_sent(api, CHAT, count=2))[1]
    assert "/chart Herts recording rate" in usage.params["text"]
    assert not api.calls_to("sendPhoto")


async def test_unknown_chart_button_is_answered(api: FakeBotApi, app: Application) -> None:
    api.push_callback(CHAT, "c#ffff", 1)
    [answered] = await api.wait_for("answerCallbackQuery")
    assert answered.params.get("show_alert") is True
    assert not api.calls_to("sendPhoto")


def test_chart_press_decodes_both_forms() -> None:
    book = QuestionBook()
    long = "x" * 80
    assert chart_press("c:Herts robbery cancelled", book) == "Herts robbery cancelled"
    assert chart_press(f"c#{book.number(long):x}", book) == long
    assert chart_press("c#zz", book) is None and chart_press("a:Herts", book) is None
    assert chart_press("c: ", book) is None and chart_press(None, book) is None
