"""Entry points a reporter shares: deep links, the Share button, "what's new" and /new, the
bot's description and scoped command lists, and charts re-sent by their Telegram file id."""

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from bot_harness import buttons, running_bot, telegram_html_problems, wait_sent
from fake_bot_api import Call, FakeBotApi
from telegram.ext import Application

from bot.entry_points import deep_link_payload, deep_link_question
from knowledge import Knowledge
from knowledge.parser import parse

ADMIN, READER = 77, 7101


@pytest.fixture
async def app(api: FakeBotApi, knowledge: Knowledge, tmp_path: Path) -> AsyncIterator[Application]:
    async with running_bot(
        api, knowledge, state_db=tmp_path / "state.db", admin_ids=frozenset({ADMIN})
    ) as application:
        yield application


async def reply_to(api: FakeBotApi, chat: int, text: str) -> dict[str, object]:
    before = len(api.sent_messages(chat))
    api.push_text(chat, text)
    return (await wait_sent(api, chat, before + 1))[before].params


def test_deep_link_payload_and_question_round_trip() -> None:
    assert deep_link_question("herts-robbery-cancellations") == "herts robbery cancellations"
    assert deep_link_payload("Herts robbery cancellations?") == "herts-robbery-cancellations"
    assert deep_link_payload("x " * 40) is None  # over Telegram's 64 characters


async def test_deep_link_answers_its_question(api: FakeBotApi, app: Application) -> None:
    sent = await reply_to(api, READER, "/start herts-robbery-cancellations")
    assert "2 of 20" in str(sent["text"]) and "Hertfordshire Constabulary" in str(sent["text"])
    greeting = await reply_to(api, READER + 1, "/start")
    assert "Hello" in str(greeting["text"])


async def test_answers_with_figures_offer_a_share_button(
    api: FakeBotApi, app: Application
) -> None:
    question = "how well does the Met record violent crime"
    answer = await reply_to(api, READER, question)
    [share] = [b for b in buttons(_call(api, READER)) if b["text"] == "Share"]
    assert share["switch_inline_query"] == question
    assert "Metropolitan" in str(answer["text"])
    await reply_to(api, READER, "what's the weather")
    assert not [b for b in buttons(_call(api, READER)) if b["text"] == "Share"]


def _call(api: FakeBotApi, chat: int) -> Call:
    return api.sent_messages(chat)[-1]


@pytest.mark.parametrize(
    "question",
    ["what's new", "What’s new?", "latest inspections", "what changed recently", "new reports"],
)
def test_whats_new_is_its_own_intent(knowledge: Knowledge, question: str) -> None:
    assert parse(question, knowledge.matcher).intent == "whats_new"


@pytest.mark.parametrize("question", ["Kent", "Herts robbery cancellations?", "new york"])
def test_other_questions_are_not_whats_new(knowledge: Knowledge, question: str) -> None:
    assert parse(question, knowledge.matcher).intent != "whats_new"


def test_whats_new_lists_the_newest_inspections_by_year_then_date(knowledge: Knowledge) -> None:
    """An inspection without a publication date is placed by its year, never left out."""
    order: dict[tuple[str, str], tuple[float, str]] = {}
    for f in knowledge.store.facts:
        key = (f.force, f.inspection)
        order[key] = max(order.get(key, (0.0, "")), (f.year_sort_key, f.published or ""))
    newest = sorted(order.items(), key=lambda item: item[1], reverse=True)[:4]
    answer = knowledge.ask("latest inspections")
    assert {(r.force, r.title) for r in answer.latest} == {key for key, _ in newest}
    assert all((f.force, f.inspection) in dict(newest) for f in answer.facts)
    text = knowledge.render(answer, "html")
    assert len(text) < 4096 and not telegram_html_problems(text)
    assert "placed by its year" in text
    for (force, title), (_, published) in newest:
        assert f"{force}</b>: {title}" in text
        assert (f"published {published}" if published else "publication date not in") in text


async def test_new_command_lists_the_newest(api: FakeBotApi, app: Application) -> None:
    sent = await reply_to(api, READER, "/new")
    assert "The newest inspections in our data" in str(sent["text"])
    assert "Dorset Police" in str(sent["text"])


async def test_start_up_sets_descriptions_and_scoped_commands(
    api: FakeBotApi, app: Application
) -> None:
    [description] = api.calls_to("setMyDescription")
    [short] = api.calls_to("setMyShortDescription")
    assert 0 < len(description.params["description"]) <= 512
    assert 0 < len(short.params["short_description"]) <= 120
    assert "HMICFRS" in description.params["description"]
    scopes = {
        json.dumps(c.params["scope"], sort_keys=True): [x["command"] for x in c.params["commands"]]
        for c in api.calls_to("setMyCommands")
    }
    private = scopes['{"type": "all_private_chats"}']
    groups = scopes['{"type": "all_group_chats"}']
    admin = scopes[json.dumps({"chat_id": ADMIN, "type": "chat"}, sort_keys=True)]
    assert {"start", "new", "privacy", "forget"} <= set(private) and "stats" not in private
    assert "start" not in groups and "ask" in groups
    assert {"stats", "broadcast_status"} <= set(admin) and set(private) <= set(admin)


async def test_a_chart_sent_once_is_sent_again_by_file_id(
    api: FakeBotApi, app: Application
) -> None:
    for count in (1, 2):
        api.push_text(READER, "/chart Herts robbery cancellations?")
        await wait_sent(api, READER, count, method="sendPhoto")
    first, second = api.calls_to("sendPhoto")
    assert first.files.get("photo", b"")[:4] == b"\x89PNG"
    photos = sorted(
        (mid, m["photo"])
        for (chat, mid), m in api.messages.items()
        if chat == READER and "photo" in m
    )
    first_file_id = photos[0][1][-1]["file_id"]  # the largest size of the first upload
    assert second.files == {} and second.params["photo"] == first_file_id
    assert second.params["caption"] == first.params["caption"]
