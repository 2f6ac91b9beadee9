"""The rows behind an answer: as CSV (knowledge.export, `ask --csv`, the bot's CSV button) and
as a link to exactly those rows on the findings site (the Data button)."""

import csv
import io
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bot_harness import buttons, running_bot, wait_sent
from click.testing import CliRunner
from fake_bot_api import FakeBotApi
from telegram.ext import Application

from bot.cli import main
from bot.settings import Settings, SettingsError
from knowledge import Knowledge
from knowledge.export import (
    CSV_COLUMNS,
    data_url,
    rows_behind,
    rows_csv,
    rows_filename,
    rows_for_token,
    rows_token,
)
from knowledge.facts import Fact
from web.site import build_site

SITE = "https://data.example.org"
CHAT = 6060
HERTS_ROBBERY = "Herts robbery cancellations?"
QUESTIONS = (
    HERTS_ROBBERY,
    "Kent",
    "which forces wrongly cancelled rape reports",
    "worst recording rate",
    "Kent vs Essex",
    "how many forces wrongly cancelled robbery reports",
)


def parsed(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def as_row(fact: Fact) -> dict[str, str]:
    values = {c: getattr(fact, c) for c in CSV_COLUMNS if c != "id"} | {"id": fact.row_id}
    return {c: "" if v is None else str(v) for c, v in values.items()}


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_csv_holds_exactly_the_answers_figures(knowledge: Knowledge, question: str) -> None:
    answer = knowledge.ask(question)
    rows = rows_behind(answer)
    assert rows and len({f.row_id for f in rows}) == len(rows)
    # a share's count of the same finding, said beside it, is a row behind the answer too
    stated = [g for f in answer.facts for g in (f, f.count_beside) if g]
    assert [f.row_id for f in rows] == list(dict.fromkeys(f.row_id for f in stated))
    assert parsed(rows_csv(rows)) == [as_row(f) for f in rows]


def test_the_csv_keeps_figures_and_quotes_exactly(knowledge: Knowledge) -> None:
    text = rows_csv(rows_behind(knowledge.ask("Kent recording rate")))
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS)
    row = parsed(text)[0]
    fact = next(f for f in knowledge.store.facts if f.row_id == int(row["id"]))
    assert (row["value"], row["quote"], row["source_url"]) == (
        fact.value,
        fact.quote,
        fact.source_url,
    )


def test_a_rows_token_names_the_rows_in_one_version_of_the_data(knowledge: Knowledge) -> None:
    rows = rows_behind(knowledge.ask("which forces wrongly cancelled rape reports"))
    facts, version = knowledge.store.facts, knowledge.data_version
    token = rows_token(rows, version)
    assert rows_for_token(facts, version, token) == rows
    assert rows_for_token(facts, "ffff" + version, token) == ()  # the data was rebuilt
    assert rows_for_token(facts, version, token + ",999999") == ()  # a row it no longer has
    assert rows_for_token(facts, version, f"{version[:4]}:1,x") == ()
    assert rows_for_token(facts, version, "") == ()


def test_file_names_say_what_the_rows_are(knowledge: Knowledge) -> None:
    herts = rows_behind(knowledge.ask(HERTS_ROBBERY))
    assert rows_filename(herts) == "findings-hertfordshire-constabulary-robbery.csv"
    answer = knowledge.ask("which forces wrongly cancelled rape reports")
    overview = rows_behind(answer)
    forces = {fact.force for fact in answer.facts} | {
        fact.force for group in answer.groups for fact in group.facts
    }
    assert len(forces) > 9  # every force with a figure, not the first eight
    assert rows_filename(overview) == f"findings-{len(forces)}-forces-rape.csv"


def test_no_data_link_without_a_site_or_rows(knowledge: Knowledge) -> None:
    rows = rows_behind(knowledge.ask(HERTS_ROBBERY))
    assert data_url(None, rows) is None and data_url("", rows) is None
    assert data_url(SITE, ()) is None
    assert data_url(SITE + "/", rows) == data_url(SITE, rows)


@pytest.mark.parametrize("question", QUESTIONS)
async def test_the_data_link_opens_exactly_the_rows_on_the_site(
    knowledge: Knowledge, db_path: Path, question: str
) -> None:
    rows = rows_behind(knowledge.ask(question))
    url = data_url(SITE, rows)
    assert url is not None and url.startswith(f"{SITE}/findings/public_findings?")
    assert len(url) < 2000
    link = urlsplit(url)
    response = await build_site(db_path).client.get(
        f"{link.path}.json?{link.query}&_shape=array&_size=max"
    )
    assert sorted(row["id"] for row in response.json()) == sorted(f.row_id for f in rows)


async def test_a_stale_data_link_shows_no_other_figures(
    knowledge: Knowledge, db_path: Path
) -> None:
    """A rebuilt database may give a row's id to another figure: the link's filters drop it."""
    [herts] = rows_behind(knowledge.ask(HERTS_ROBBERY))
    kent = rows_behind(knowledge.ask("Kent recording rate"))[0]
    url = data_url(SITE, [herts])
    assert url is not None
    link = urlsplit(url.replace(f"id__in={herts.row_id}", f"id__in={kent.row_id}"))
    response = await build_site(db_path).client.get(f"{link.path}.json?{link.query}&_shape=array")
    assert response.json() == []


def test_the_site_url_setting_must_be_a_web_address() -> None:
    assert Settings.from_env({"FINDINGS_WEB_URL": SITE + "/"}).web_url == SITE
    assert Settings.from_env({}).web_url is None
    with pytest.raises(SettingsError, match="FINDINGS_WEB_URL"):
        Settings.from_env({"FINDINGS_WEB_URL": "data.example.org"})


# ---- the command line -------------------------------------------------------------------


@pytest.fixture
def env(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FINDINGS_DB", str(db_path))
    return db_path


def test_ask_csv_prints_the_rows_behind_the_answer(env: Path, knowledge: Knowledge) -> None:
    result = CliRunner().invoke(main, ["ask", "--csv", HERTS_ROBBERY])
    assert result.exit_code == 0
    [row] = parsed(result.output)
    assert (row["force"], row["numerator"], row["denominator"]) == (
        "Hertfordshire Constabulary",
        "2",
        "20",
    )
    assert row == as_row(rows_behind(knowledge.ask(HERTS_ROBBERY))[0])


def test_ask_csv_without_figures_says_why(env: Path) -> None:
    result = CliRunner().invoke(main, ["ask", "--csv", "West robbery"])
    assert result.exit_code == 1
    assert "no figures" in result.output and "West Midlands Police" in result.output


def test_ask_csv_takes_one_question(env: Path) -> None:
    result = CliRunner().invoke(main, ["ask", "--csv", "--json", HERTS_ROBBERY])
    assert result.exit_code == 2 and "--csv" in result.output


def test_web_without_a_database_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FINDINGS_DB", str(tmp_path / "none.db"))
    result = CliRunner().invoke(main, ["web", "--port", "0"])
    assert result.exit_code == 1 and "findings-bot load" in result.output
    assert "Traceback" not in result.output


# ---- the Telegram buttons, through the fake Bot API --------------------------------------


@pytest.fixture
async def app(api: FakeBotApi, knowledge: Knowledge, tmp_path: Path) -> AsyncIterator[Application]:
    async with running_bot(api, knowledge, state_db=tmp_path / "s.db", web_url=SITE) as bot:
        yield bot


def last_message_id(api: FakeBotApi) -> int:
    return max(m for (chat, m), sent in api.messages.items() if chat == CHAT and "text" in sent)


async def press_csv(api: FakeBotApi, question: str) -> tuple[list[dict[str, str]], str]:
    api.push_text(CHAT, question)
    [answer] = await wait_sent(api, CHAT, method="sendMessage")
    [data] = [b["callback_data"] for b in buttons(answer) if b.get("text") == "CSV"]
    assert len(data.encode()) <= 64
    api.push_callback(CHAT, data, last_message_id(api))
    [document] = await wait_sent(api, CHAT, method="sendDocument")
    content = document.files["document"].decode("utf-8")
    return parsed(content), document.params["caption"]


async def test_an_answer_has_data_and_csv_buttons(
    api: FakeBotApi, app: Application, knowledge: Knowledge
) -> None:
    api.push_text(CHAT, HERTS_ROBBERY)
    [answer] = await wait_sent(api, CHAT, method="sendMessage")
    by_text = {b["text"]: b for b in buttons(answer)}
    rows = rows_behind(knowledge.ask(HERTS_ROBBERY))
    assert by_text["Data"]["url"] == data_url(SITE, rows)
    assert f"id__in={rows[0].row_id}" in by_text["Data"]["url"]
    assert by_text["CSV"]["callback_data"].startswith("d:")


async def test_the_csv_button_sends_the_rows_as_a_file(
    api: FakeBotApi, app: Application, knowledge: Knowledge
) -> None:
    rows, caption = await press_csv(api, HERTS_ROBBERY)
    assert rows == [as_row(f) for f in rows_behind(knowledge.ask(HERTS_ROBBERY))]
    assert "1 row behind" in caption and knowledge.data_version in caption
    assert "news" in caption  # the Hemel Today figure: check it against the report
    assert len(api.calls_to("answerCallbackQuery")) == 1


async def test_a_csv_button_too_long_for_64_bytes_still_works(
    api: FakeBotApi, app: Application, knowledge: Knowledge
) -> None:
    question = "which forces wrongly cancelled rape reports"
    rows, caption = await press_csv(api, question)
    assert [int(r["id"]) for r in rows] == [f.row_id for f in rows_behind(knowledge.ask(question))]
    assert "21 rows behind" in caption  # with Humberside's and Avon and Somerset's counts


async def test_a_csv_button_from_older_data_is_refused(api: FakeBotApi, app: Application) -> None:
    api.push_callback(CHAT, "d:0000:230", 1)
    [answered] = await api.wait_for("answerCallbackQuery")
    assert "changed" in answered.params["text"] and answered.params["show_alert"]
    assert api.calls_to("sendDocument") == []


async def test_without_a_site_there_is_no_data_button(
    api: FakeBotApi, knowledge: Knowledge, tmp_path: Path
) -> None:
    async with running_bot(api, knowledge, state_db=tmp_path / "s.db"):
        api.push_text(CHAT, HERTS_ROBBERY)
        [answer] = await wait_sent(api, CHAT, method="sendMessage")
    texts = [b["text"] for b in buttons(answer)]
    assert "CSV" in texts and "Data" not in texts
