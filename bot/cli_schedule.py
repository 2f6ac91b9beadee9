"""The command line for embargoes: what `ingest` scheduled, and moving or cancelling it."""

from datetime import datetime
from pathlib import Path

import click

from bot.cli_setup import settings
from delivery.announce import embargo_text
from delivery.curation import Announced
from delivery.schedule import Schedule
from delivery.state import StateDB
from knowledge.embargo import EmbargoError, move_embargo, parse_moment, uk_time


def embargo_moment(text: str) -> datetime:
    """--embargo WHEN as an aware datetime; a clear error when unreadable or past."""
    try:
        return parse_moment(text)
    except EmbargoError as error:
        raise click.BadParameter(str(error), param_hint="--embargo") from None


def echo_curated(announced: Announced) -> None:
    """The scheduled and the quietly added inspections of an ingest."""
    for (force, title), at in announced.scheduled:
        click.echo(
            f"Scheduled for {uk_time(at)} ({embargo_text(at)}), hidden until then: "
            f"{force}, {title}"
        )
    for force, title in announced.quiet:
        click.echo(f"Added quietly (backfill; --announce to announce it): {force}, {title}")


def echo_schedule(state_db: Path) -> None:
    """Announcements waiting for their moment, soonest first."""
    with StateDB(state_db) as state:
        waiting = Schedule(state.conn).pending()
    if waiting:
        click.echo("Scheduled (embargoed until then):")
    for row in waiting:
        click.echo(
            f"  #{row.id} {uk_time(row.at)} ({embargo_text(row.at)}): {row.force}, {row.title}"
        )


@click.command("cancel-announcement")
@click.argument("announcement_id", type=int)
def cancel_announcement(announcement_id: int) -> None:
    """Never send scheduled announcement ID (its findings still appear at their embargo)."""
    with StateDB(settings().state_db) as state:
        schedule = Schedule(state.conn)
        row = schedule.find(announcement_id)
        if row is None or not schedule.cancel(announcement_id):
            raise click.ClickException(f"#{announcement_id} is not a scheduled announcement")
    click.echo(f"Cancelled #{row.id}: {row.force}, {row.title} will not be announced.")


@click.command("reschedule-announcement")
@click.argument("announcement_id", type=int)
@click.argument("when")
def reschedule_announcement(announcement_id: int, when: str) -> None:
    """Move scheduled announcement ID, and the embargo of its findings, to WHEN."""
    config = settings()
    try:
        moment = parse_moment(when)
    except EmbargoError as error:
        raise click.BadParameter(str(error), param_hint="WHEN") from None
    with StateDB(config.state_db) as state:
        schedule = Schedule(state.conn)
        row = schedule.find(announcement_id)
        if row is None or row.status != "scheduled":
            raise click.ClickException(f"#{announcement_id} is not a scheduled announcement")
        moved = move_embargo(config.findings_db, row.force, row.title, embargo_text(moment))
        schedule.reschedule(announcement_id, moment.timestamp())
    click.echo(
        f"Rescheduled #{row.id} {row.force}, {row.title} to {uk_time(moment.timestamp())}; "
        f"{moved} findings hidden until then."
    )


def register_schedule(group: click.Group) -> None:
    group.add_command(cancel_announcement)
    group.add_command(reschedule_announcement)
