"""The commands that write the findings: `load` rebuilds the database from the data files,
`ingest` adds a file of findings; both say what they announced."""

from pathlib import Path

import click

from bot.cli_schedule import echo_curated, embargo_moment
from bot.cli_setup import settings
from delivery.announce import ingest_and_announce, load_and_announce
from delivery.curation import Announced, StateUnwritable
from knowledge.loader import DATA_DIR, DataFileError
from knowledge.staging import StorageError, WriterBusy
from knowledge.store import StoreMissing

# What a load or an ingest can meet besides a bad data file: each is one clear line.
WRITE_FAULTS = (StoreMissing, StorageError, WriterBusy, StateUnwritable)


@click.command()
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
    echo_announced(announced)


@click.command()
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
    echo_announced(announced)
    if report.added:
        click.echo(
            "Also add these rows to knowledge/data/findings.csv and commit them: "
            "`findings-bot load` rebuilds the database from that file."
        )


def echo_announced(announced: Announced) -> None:
    if announced.seeded:
        click.echo(f"Remembered {announced.seeded} existing inspections without announcing them.")
    for force, title in announced.queued:
        click.echo(f"Queued announcement: {force}, {title}")
    echo_curated(announced)
