"""The `findings-bot` command: thin click commands over `knowledge` (and the bot for `run`)."""

import json
import sys
from pathlib import Path
from typing import TextIO

import click

from bot.cli_schedule import echo_curated, echo_schedule, embargo_moment, register_schedule
from bot.question_log import QuestionLog
from bot.settings import Settings, SettingsError
from delivery.announce import Announced, StateUnwritable, ingest_and_announce, load_and_announce
from delivery.health import StateUnusable, check_state_database
from delivery.state import STATES, StateDB
from knowledge import Knowledge
from knowledge.conversation import Conversation
from knowledge.loader import DATA_DIR, DataFileError
from knowledge.staging import StorageError, WriterBusy
from knowledge.store import StoreMissing

# What a load or an ingest can meet besides a bad data file: each is one clear line.
WRITE_FAULTS = (StoreMissing, StorageError, WriterBusy, StateUnwritable)

SAMPLE_QUESTIONS = (
    "Herts robbery cancellations?",
    "how well does the Met record violent crime",
    "which forces wrongly cancelled rape reports",
)


def settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as error:
        raise click.ClickException(str(error)) from None


def open_knowledge() -> Knowledge:
    try:
        return Knowledge.open(settings().findings_db)
    except StoreMissing as error:
        raise click.ClickException(str(error)) from None


@click.group()
@click.version_option(package_name="findings-bot")
def main() -> None:
    """Answer questions about HMICFRS crime-recording inspections of police forces."""


@main.command()
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder with forces.csv, aliases.csv and findings.csv.",
)
@click.option("--if-missing", is_flag=True, help="Do nothing when the database exists.")
def load(data_dir: Path | None, if_missing: bool) -> None:
    """Validate the data files and (re)build the findings database."""
    config = settings()
    path = config.findings_db
    if if_missing and path.exists():
        click.echo(f"{path} exists; not rebuilt.")
        return
    try:
        report, announced = load_and_announce(path, config.state_db, data_dir or DATA_DIR)
    except (DataFileError, FileNotFoundError) as error:
        raise click.ClickException(f"{error} (database left unchanged)") from None
    except WRITE_FAULTS as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"Loaded {report.findings} findings from {report.inspections} inspections of "
        f"{report.forces} forces ({report.aliases} aliases) into {report.path} "
        f"(data version {report.data_version})."
    )
    _echo_announced(announced)


@main.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object per answer.")
@click.option("--csv", "as_csv", is_flag=True, help="Print the rows behind the answer as CSV.")
@click.option(
    "--file",
    "question_file",
    type=click.File("r", encoding="utf-8"),
    help="Answer each line of FILE (JSON Lines with --json).",
)
def ask(question: str | None, as_json: bool, as_csv: bool, question_file: TextIO | None) -> None:
    """Answer QUESTION (or each line of --file)."""
    if question_file is None and not (question or "").strip():
        raise click.UsageError('give a question, e.g. findings-bot ask "Herts robbery?"')
    if as_csv and (as_json or question_file):
        raise click.UsageError("--csv takes one QUESTION, without --json or --file")
    knowledge = open_knowledge()
    if as_csv:
        click.echo(_rows_output(knowledge, question or ""), nl=False)
        return
    questions = [line.rstrip("\n") for line in question_file] if question_file else [question]
    for text in questions:
        click.echo(_answer_output(knowledge, text or "", as_json))


def _answer_output(
    knowledge: Knowledge, question: str, as_json: bool, conversation: Conversation | None = None
) -> str:
    answer = conversation.ask(knowledge, question) if conversation else knowledge.ask(question)
    text = knowledge.render(answer)
    if not as_json:
        return text + "\n"
    return json.dumps({**answer.as_json(), "question": question, "text": text}, ensure_ascii=False)


def _rows_output(knowledge: Knowledge, question: str) -> str:
    from knowledge.export import rows_behind, rows_csv

    answer = knowledge.ask(question)
    rows = rows_behind(answer)
    if not rows:
        raise click.ClickException(
            f"this answer has no figures to export:\n{knowledge.render(answer)}"
        )
    return rows_csv(rows)


@main.command()
@click.option(
    "--json", "as_json", is_flag=True, help="Read a question a line from stdin; print JSON lines."
)
def chat(as_json: bool) -> None:
    """Ask questions interactively (with line editing and history); follow-ups use the chat."""
    knowledge = open_knowledge()
    conversation = Conversation()
    if as_json:
        for line in sys.stdin:
            if line.strip():
                click.echo(_answer_output(knowledge, line.strip(), True, conversation))
        return
    from bot.terminal import run_chat

    run_chat(knowledge, SAMPLE_QUESTIONS, conversation)


@main.command()
@click.option("--towns", is_flag=True, help="Also list every gazetteer town (about 2,600).")
def forces(towns: bool) -> None:
    """List the forces with the names, nicknames and places the bot understands."""
    knowledge = open_knowledge()
    names: dict[str, list[str]] = {}
    town_count: dict[str, int] = {}
    for row in knowledge.store.aliases:
        force, kind = str(row["force"]), row["kind"]
        if kind == "town":
            town_count[force] = town_count.get(force, 0) + 1
        if kind != "partial" and (towns or kind != "town"):
            names.setdefault(force, []).append(str(row["alias"]))
    for name, details in knowledge.store.forces.items():
        listed = ", ".join(names.get(name, []))
        more = "" if towns else f" (+{town_count.get(name, 0)} towns: --towns lists them)"
        click.echo(f"{name} ({details['short_name']}, {details['country']}): {listed}{more}")


@main.command()
def health() -> None:
    """Exit 0 when the findings answer a test question and the state database can be written."""
    answer = open_knowledge().ask(SAMPLE_QUESTIONS[0])
    if not answer.facts:
        raise click.ClickException("the database answered the test question with no figures")
    try:
        check_state_database(settings().state_db)
    except StateUnusable as error:
        raise click.ClickException(str(error)) from None
    click.echo("ok")


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--embargo",
    metavar="WHEN",
    help="Hide the findings, and hold their announcement, until WHEN: 2026-12-02T00:01 "
    "(UK time) or with a zone (2026-12-02T00:01+00:00).",
)
@click.option(
    "--announce",
    "announce_backfill",
    is_flag=True,
    help="Announce inspections published over 30 days ago (or undated) too.",
)
def ingest(file: Path, embargo: str | None, announce_backfill: bool) -> None:
    """Add the findings in FILE (findings.csv format) and announce new inspections."""
    config = settings()
    moment = embargo_moment(embargo) if embargo else None
    try:
        report, announced = ingest_and_announce(
            config.findings_db, config.state_db, file, moment, announce_backfill
        )
    except DataFileError as error:
        raise click.ClickException(f"{error} (nothing was added)") from None
    except WRITE_FAULTS as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"Added {report.added} of {report.rows} findings from {file} "
        f"({len(report.new_inspections)} new inspections; data version {report.data_version})."
    )
    _echo_announced(announced)
    if report.added:
        click.echo(
            "Also add these rows to knowledge/data/findings.csv and commit them: "
            "`findings-bot load` rebuilds the database from that file."
        )


def _echo_announced(announced: Announced) -> None:
    if announced.seeded:
        click.echo(f"Remembered {announced.seeded} existing inspections without announcing them.")
    for force, title in announced.queued:
        click.echo(f"Queued announcement: {force}, {title}")
    echo_curated(announced)


@main.command()
def announcements() -> None:
    """List announcements with their deliveries per state (sent, failed, ...)."""
    state = StateDB(settings().state_db)
    rows, chats = state.announcements.listing(), state.chats.counts()
    state.close()
    click.echo(
        f"{chats['active']} active chats of {chats['chats']}, "
        f"{chats['subscriptions']} subscriptions."
    )
    if not rows:
        click.echo("No announcements yet.")
    for row in rows:
        counts = ", ".join(f"{row[s]} {s}" for s in STATES)
        click.echo(f"#{row['id']} [{row['status']}] {row['force']}, {row['title']}: {counts}")
    echo_schedule(settings().state_db)


@main.command()
@click.option("--limit", default=100, show_default=True, help="How many to list.")
def questions(limit: int) -> None:
    """Questions that got no figure, most asked first, with how often they were asked."""
    config = settings()
    state = StateDB(config.state_db)
    try:
        log = QuestionLog(state.conn, config.question_retention_days)
        log.prune()
        rows = log.unanswered(limit=limit)
    finally:
        state.close()
    days = config.question_retention_days
    if not rows:
        click.echo(f"No question went without a figure in the last {days} days.")
    for row in rows:
        click.echo(f"{row.count:6d}  {row.text}  ({row.outcome.replace('_', ' ')})")


@main.command()
@click.argument("question")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the PNG.",
)
@click.option("--bot-name", default="", help="Bot username for the chart's footer.")
def chart(question: str, output: Path, bot_name: str) -> None:
    """Draw a chart of how forces compare for QUESTION as a PNG, and print its caption."""
    from knowledge.chart_model import NoChart
    from knowledge.chart_render import render_png
    from knowledge.charts import plan_chart

    planned = plan_chart(open_knowledge(), question, bot_name)
    if isinstance(planned, NoChart):
        raise click.ClickException(planned.text)
    output.write_bytes(render_png(planned))
    click.echo(f"{planned.caption_text}\n\nWrote {output}")


@main.command("web")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--base-url",
    default="/",
    show_default=True,
    help="Path the site is served under behind a reverse proxy, e.g. /data/.",
)
def web_command(host: str, port: int, base_url: str) -> None:
    """Serve the published findings as a website (datasette), read-only."""
    from knowledge.public_views import PublicViewsError
    from web.site import build_site, serve

    try:
        site = build_site(settings().findings_db, base_url)
    except PublicViewsError as error:
        raise click.ClickException(str(error)) from None
    serve(site, host, port)


@main.command()
def run() -> None:
    """Run the Telegram bot (long polling; a webhook when FINDINGS_WEBHOOK_URL is set)."""
    from telegram.error import InvalidToken, NetworkError

    from bot.app import run_bot

    config = settings()
    if not config.token:
        raise click.ClickException(
            "TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather "
            "(https://t.me/BotFather, /newbot) and export TELEGRAM_BOT_TOKEN=..."
        )
    knowledge = open_knowledge()
    try:
        run_bot(config, knowledge)
    except SettingsError as error:
        raise click.ClickException(str(error)) from None
    except InvalidToken:
        raise click.ClickException(
            "Telegram rejected TELEGRAM_BOT_TOKEN: copy it again from @BotFather "
            "(/mybots, API Token), or /revoke it there and use the new one."
        ) from None
    except NetworkError as error:
        raise click.ClickException(
            f"could not reach the Telegram Bot API ({error}); check the network "
            "and TELEGRAM_API_BASE_URL."
        ) from None


register_schedule(main)  # cancel-announcement, reschedule-announcement

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
