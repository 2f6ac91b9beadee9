"""Follow-ups and edited questions through the real bot and the fake Bot API."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import pytest
from bot_harness import BOT_USERNAME, running_bot, settle, wait_sent
from fake_bot_api import Call, FakeBotApi, running_fake_bot_api
from telegram.ext import Application

from knowledge import Knowledge

GROUP = -100777


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with running_fake_bot_api(bot_username=BOT_USERNAME) as fake:
        yield fake


@pytest.fixture
async def app(api: FakeBotApi, knowledge: Knowledge) -> AsyncIterator[Application]:
    async with running_bot(api, knowledge) as application:
        yield application


async def ask(api: FakeBotApi, chat_id: int, text: str, **kwargs: object) -> str:
    before = len(api.sent_messages(chat_id))
    api.push_text(chat_id, text, **kwargs)  # type: ignore[arg-type]
    sent: list[Call] = await wait_sent(api, chat_id, before + 1)
    return str(sent[before].params["text"])


async def test_a_follow_up_uses_the_last_question(api: FakeBotApi, app: Application) -> None:
    first = await ask(api, 8101, "hants robbery cancellations")
    assert "Hampshire Constabulary" in first and "robbery" in first
    second = await ask(api, 8101, "and rape?")
    assert "Hampshire Constabulary" in second and "rape" in second
    assert "Following on from your last question" in second
    third = await ask(api, 8101, "what about kent")
    assert "Kent Police" in third and "rape" in third and "Hampshire" not in third


async def test_each_chat_has_its_own_conversation(api: FakeBotApi, app: Application) -> None:
    await ask(api, 8102, "kent recording rate")
    other = await ask(api, 8103, "and essex?")
    assert "Following on" not in other  # a new chat has nothing to follow on from
    mine = await ask(api, 8102, "and essex?")
    assert "Essex Police" in mine and "recording rate" in mine


async def test_in_a_group_each_member_has_their_own(api: FakeBotApi, app: Application) -> None:
    mention = f"@{BOT_USERNAME}"
    entities = [{"type": "mention", "offset": 0, "length": len(mention)}]
    group = {"chat_type": "supergroup", "entities": entities}
    await ask(api, GROUP, f"{mention} herts robbery cancellations", user_id=1, **group)
    await ask(api, GROUP, f"{mention} kent recording rate", user_id=2, **group)
    reply = await ask(api, GROUP, f"{mention} and rape?", user_id=1, **group)
    assert "Hertfordshire Constabulary" in reply and "Kent" not in reply


async def test_an_edited_question_edits_its_answer(api: FakeBotApi, app: Application) -> None:
    update = api.push_text(8104, "kent recording rate")
    await wait_sent(api, 8104, 1)
    sent_before = len(api.sent_messages(8104))
    answer_id = max(mid for (chat, mid), m in api.messages.items() if chat == 8104)
    edited = dict(update["message"], text="essex recording rate", edit_date=int(time.time()))
    api.push_update({"edited_message": edited})
    edits = await wait_sent(api, 8104, 1, method="editMessageText")
    assert int(edits[0].params["message_id"]) == answer_id
    assert "Essex Police" in str(edits[0].params["text"])
    await settle(0.2)
    assert len(api.sent_messages(8104)) == sent_before  # edited in place, not answered again


async def test_an_edit_of_an_unknown_question_gets_a_new_answer(
    api: FakeBotApi, app: Application
) -> None:
    message = api.updates.message(8105, text="kent grade", edit_date=int(time.time()))
    api.push_update({"edited_message": message})
    sent = await wait_sent(api, 8105, 1)
    assert "Kent Police" in str(sent[0].params["text"])
