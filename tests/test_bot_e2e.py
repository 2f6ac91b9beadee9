"""The bot end to end: the real Application over real HTTP against the fake Bot API."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest
from bot_harness import (
    BOT_USERNAME,
    TOKEN,
    buttons,
    running_bot,
    settle,
    telegram_html_problems,
    wait_sent,
)
from fake_bot_api import Call, FakeBotApi, running_fake_bot_api
from telegram.ext import Application

from bot.handlers import bot_commands
from knowledge import Knowledge

HERTS = "Herts robbery cancellations?"
HERTS_SOURCE = "https://www.hemeltoday.co.uk/news/people/hertfordshire-police-wrongly-cancelled"
GROUP = -100555
MENTION = f"@{BOT_USERNAME}"


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with running_fake_bot_api(bot_username=BOT_USERNAME) as fake:
        yield fake


@pytest.fixture
async def app(
    api: FakeBotApi, knowledge: Knowledge, caplog: pytest.LogCaptureFixture
) -> AsyncIterator[Application]:
    """The running bot; afterwards, every message it sent was valid Telegram HTML."""
    caplog.set_level(logging.DEBUG)
    async with running_bot(api, knowledge) as application:
        yield application
    for call in api.sent_messages():
        assert call.params.get("parse_mode") == "HTML"
        assert call.params.get("link_preview_options", {}).get("is_disabled") is True
        assert telegram_html_problems(call.params["text"]) == [], call.params["text"]
    assert TOKEN not in caplog.text


async def ask(api: FakeBotApi, chat_id: int, text: str, **kwargs: object) -> Call:
    before = len(api.sent_messages(chat_id))
    api.push_text(chat_id, text, **kwargs)  # type: ignore[arg-type]
    return (await wait_sent(api, chat_id, before + 1))[before]


async def test_private_question_gets_the_cited_answer(api: FakeBotApi, app: Application) -> None:
    reply = await ask(api, 7001, HERTS)
    text = reply.params["text"]
    assert "2 of 20" in text and "2017" in text and "Hertfordshire Constabulary" in text
    assert f'<a href="{HERTS_SOURCE}' in text
    labels = {b["text"]: b for b in buttons(reply)}
    assert labels["Source"]["url"].startswith(HERTS_SOURCE)
    assert {"Rape", "Violence", "Other forces", "Force summary"} <= set(labels)
    asks = [b for b in buttons(reply) if "callback_data" in b]
    assert all(len(b["callback_data"].encode()) <= 64 for b in asks)
    citation = labels["Copy citation"]["copy_text"]["text"]  # Telegram's copy_text button
    assert len(citation) <= 256 and HERTS_SOURCE in citation
    assert "Crime Data Integrity inspection 2017: Hertfordshire Constabulary" in citation
    assert labels["Share"]["switch_inline_query"] == HERTS
    assert "reply_parameters" not in reply.params  # private chats: no quoting


async def test_setmycommands_on_start(api: FakeBotApi, app: Application, knowledge: Knowledge):
    [call] = [c for c in api.calls_to("setMyCommands") if c.params["scope"]["type"] == "default"]
    assert [c["command"] for c in call.params["commands"]] == [
        name for name, _ in bot_commands(knowledge)
    ]
    assert {"start", "help", "ask", "forces", "about"} <= {c for c, _ in bot_commands(knowledge)}


async def test_start_offers_example_buttons_that_answer(api: FakeBotApi, app: Application) -> None:
    greeting = await ask(api, 7002, "/start")
    labels = [b["text"] for b in buttons(greeting)]
    assert 3 <= len(labels) <= 4 and HERTS in labels
    herts = next(b for b in buttons(greeting) if b["text"] == HERTS)
    api.push_callback(7002, herts["callback_data"], greeting.params.get("message_id") or 1)
    [answered] = await api.wait_for("answerCallbackQuery")
    sent = await wait_sent(api, 7002, 2)
    assert "2 of 20" in sent[1].params["text"]
    assert answered.at <= sent[1].at  # the spinner stops before the answer is worked out


async def test_help_lists_every_command(
    api: FakeBotApi, app: Application, knowledge: Knowledge
) -> None:
    text = (await ask(api, 7003, "/help")).params["text"]
    for name, _ in bot_commands(knowledge):
        assert f"/{name}" in text
    assert "Herts robbery cancellations?" in text and MENTION in text


async def test_forces_lists_every_force_and_nicknames(
    api: FakeBotApi, app: Application, knowledge: Knowledge
) -> None:
    api.push_text(7004, "/forces")
    await settle(0.5)
    texts = [call.params["text"] for call in api.sent_messages(7004)]
    joined = "\n".join(texts)
    assert all(len(text) <= 4096 for text in texts)
    assert all(name in joined for name in knowledge.store.forces)
    assert "herts" in joined and "gmp" in joined


async def test_about_gives_coverage_and_how_to_read(
    api: FakeBotApi, app: Application, knowledge: Knowledge
) -> None:
    text = (await ask(api, 7005, "/about")).params["text"]
    assert knowledge.data_version in text and str(len(knowledge.store.facts)) in text
    assert "43 forces" in text and "2014 to 2025" in text
    assert "2 of 20" in text and "confidence" in text


async def test_clarify_round_trip_through_a_button(api: FakeBotApi, app: Application) -> None:
    clarify = await ask(api, 7006, "West robbery")
    labels = [b["text"] for b in buttons(clarify)]
    assert labels == ["West Mercia Police", "West Midlands Police", "West Yorkshire Police"]
    press = next(b for b in buttons(clarify) if b["text"] == "West Yorkshire Police")
    message_id = clarify.params.get("message_id") or 99
    api.push_callback(7006, press["callback_data"], message_id)
    [edit] = await wait_sent(api, 7006, 1, method="editMessageText")
    assert len(api.calls_to("answerCallbackQuery")) == 1
    assert edit.params["message_id"] == message_id
    assert "West Yorkshire Police" in edit.params["text"] and "robbery" in edit.params["text"]
    assert edit.params["parse_mode"] == "HTML"


async def test_unknown_button_is_still_answered(api: FakeBotApi, app: Application) -> None:
    api.push_callback(7007, "x:something old", 5)
    [answered] = await api.wait_for("answerCallbackQuery")
    assert "expired" in answered.params["text"]
    api.push_callback(7007, "a#ffff", 5)  # a number the book never gave out
    await api.wait_for("answerCallbackQuery", 2)
    await settle(0.1)
    assert api.sent_messages(7007) == []


async def test_group_answers_only_when_addressed(api: FakeBotApi, app: Application) -> None:
    api.push_text(GROUP, HERTS)  # not for the bot
    mention = [{"type": "mention", "offset": 0, "length": len(MENTION)}]
    update = api.push_text(GROUP, f"{MENTION} {HERTS}", entities=mention)
    [reply] = await wait_sent(api, GROUP, 1)
    assert "2 of 20" in reply.params["text"]
    assert reply.params["reply_parameters"]["message_id"] == update["message"]["message_id"]
    await settle()
    assert len(api.sent_messages(GROUP)) == 1


async def test_group_replies_to_the_bot_and_ask_command(api: FakeBotApi, app: Application) -> None:
    await ask(api, GROUP, "Kent", reply_to_bot=True)
    await ask(api, GROUP, f"/ask@{BOT_USERNAME} West Yorkshire robbery")
    usage = await ask(api, GROUP, "/ask")
    texts = [call.params["text"] for call in api.sent_messages(GROUP)]
    assert "Kent Police" in texts[0] and "West Yorkshire Police" in texts[1]
    assert "/ask Herts robbery cancellations?" in usage.params["text"]
    api.push_text(GROUP, "/unknown")
    api.push_sticker(GROUP)
    await settle()
    assert len(api.sent_messages(GROUP)) == 3


async def test_inline_query_offers_the_answer(api: FakeBotApi, app: Application) -> None:
    api.push_inline("herts robbery", user_id=7008)
    [call] = await api.wait_for("answerInlineQuery")
    [result] = call.params["results"]
    assert result["type"] == "article" and "Hertfordshire" in result["title"]
    content = result["input_message_content"]
    assert content["parse_mode"] == "HTML" and content["link_preview_options"]["is_disabled"]
    assert "2 of 20" in content["message_text"]
    assert telegram_html_problems(content["message_text"]) == []
    assert result["reply_markup"]["inline_keyboard"][0][0]["url"].startswith(HERTS_SOURCE)


async def test_ambiguous_inline_query_offers_each_candidate(
    api: FakeBotApi, app: Application
) -> None:
    api.push_inline("West robbery", user_id=7009)
    [call] = await api.wait_for("answerInlineQuery")
    titles = [result["title"] for result in call.params["results"]]
    assert len(titles) == 3 and any("West Yorkshire" in title for title in titles)
    assert len({result["id"] for result in call.params["results"]}) == 3


async def test_html_injection_is_escaped(api: FakeBotApi, app: Application) -> None:
    reply = await ask(api, 7010, "<script>alert(1)</script> Kent")
    assert "<script" not in reply.params["text"] and "Kent Police" in reply.params["text"]
    raw = api.updates.text(7010, "/start")
    raw["message"]["from"]["first_name"] = "<b>Eve</b> & <i>"
    api.push_update(raw)
    greeting = (await wait_sent(api, 7010, 2))[1].params["text"]
    assert "&lt;b&gt;Eve&lt;/b&gt; &amp; &lt;i&gt;" in greeting


async def test_a_5000_character_message(
    api: FakeBotApi, app: Application, caplog: pytest.LogCaptureFixture
) -> None:
    reply = await ask(api, 7011, "Kent " + "x" * 4995)
    assert 0 < len(reply.params["text"]) < 4096
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_stickers_get_asked_for_a_question(api: FakeBotApi, app: Application) -> None:
    api.push_sticker(7012)
    [reply] = await wait_sent(api, 7012)
    assert "question" in reply.params["text"]


async def test_unknown_private_command(api: FakeBotApi, app: Application) -> None:
    assert "/help" in (await ask(api, 7013, "/frobnicate")).params["text"]


async def test_flood_control(api: FakeBotApi, app: Application) -> None:
    for n in range(23):
        api.push_text(7014, f"Kent {2014 + n % 10}")
    sent = await wait_sent(api, 7014, 21)
    await ask(api, 7015, HERTS)  # another reader is still served
    await settle()
    texts = [call.params["text"] for call in api.sent_messages(7014)]
    slow_downs = [text for text in texts if "20 questions a minute" in text]
    assert len(texts) == 21 and len(slow_downs) == 1 and len(sent) == 21


@pytest.mark.parametrize("code", [400, 500])
async def test_bot_api_error_is_logged_and_the_bot_carries_on(
    api: FakeBotApi, app: Application, caplog: pytest.LogCaptureFixture, code: int
) -> None:
    api.fail("sendMessage", chat_id=7016, error_code=code)
    api.push_text(7016, HERTS)
    failed, apology = await wait_sent(api, 7016, 2)
    assert failed.error_code == code and apology.ok
    assert "something went wrong" in apology.params["text"]
    [record] = [r for r in caplog.records if r.name == "bot.handlers" and r.levelname == "ERROR"]
    assert record.exc_info is not None
    assert "2 of 20" in (await ask(api, 7016, HERTS)).params["text"]


async def test_failing_setmycommands_is_not_fatal(
    knowledge: Knowledge, caplog: pytest.LogCaptureFixture
) -> None:
    async with running_fake_bot_api(bot_username=BOT_USERNAME) as api:
        api.fail("setMyCommands", error_code=500)
        async with running_bot(api, knowledge):
            assert "2 of 20" in (await ask(api, 7017, HERTS)).params["text"]
    assert "could not register the command list" in caplog.text
    assert TOKEN not in caplog.text
