"""The `findings-bot` command: its group, with the commands that run and watch the bot (run, web,
health, announcements, questions), and the one place the other commands are added (reading:
cli_ask; writing: cli_data; embargoes: cli_schedule). Thin click commands over `knowledge`."""

import sys

import click

from bot.cli_ask import ask, chart, chat, forces
from bot.cli_data import ingest, load
from bot.cli_schedule import echo_schedule, register_schedule
from bot.cli_setup import SAMPLE_QUESTIONS, open_knowledge, settings
from bot.question_log import QuestionLog
from bot.settings import SettingsError
from delivery.health import StateUnusable, check_state_database
from delivery.state import STATES, StateDB


@click.group()
@click.version_option(package_name="findings-bot")
def main() -> None:
    """Answer questions about HMICFRS crime-recording inspections of police forces."""


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


# The reading and writing commands (the ones above are the group's own).
for command in (ask, chat, forces, chart, load, ingest):
    main.add_command(command)
register_schedule(main)  # cancel-announcement, reschedule-announcement

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
