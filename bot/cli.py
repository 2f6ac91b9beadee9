"""The `findings-bot` command: thin click commands over `knowledge` (and the bot for `run`)."""

import json
import sys
from pathlib import Path
from typing import TextIO

import click

from bot.settings import Settings, SettingsError
from knowledge import Knowledge
from knowledge.loader import DataFileError
from knowledge.store import StoreMissing, build_database

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
    path = settings().findings_db
    if if_missing and path.exists():
        click.echo(f"{path} exists; not rebuilt.")
        return
    try:
        report = build_database(path, **({"data_dir": data_dir} if data_dir else {}))
    except (DataFileError, FileNotFoundError) as error:
        raise click.ClickException(f"{error} (database left unchanged)") from None
    click.echo(
        f"Loaded {report.findings} findings from {report.inspections} inspections of "
        f"{report.forces} forces ({report.aliases} aliases) into {report.path} "
        f"(data version {report.data_version})."
    )


@main.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object per answer.")
@click.option(
    "--file",
    "question_file",
    type=click.File("r", encoding="utf-8"),
    help="Answer each line of FILE (JSON Lines with --json).",
)
def ask(question: str | None, as_json: bool, question_file: TextIO | None) -> None:
    """Answer QUESTION (or each line of --file)."""
    if question_file is None and not (question or "").strip():
        raise click.UsageError('give a question, e.g. findings-bot ask "Herts robbery?"')
    knowledge = open_knowledge()
    questions = [line.rstrip("\n") for line in question_file] if question_file else [question]
    for text in questions:
        click.echo(_answer_output(knowledge, text or "", as_json))


def _answer_output(knowledge: Knowledge, question: str, as_json: bool) -> str:
    answer = knowledge.ask(question)
    text = knowledge.render(answer)
    if not as_json:
        return text + "\n"
    return json.dumps({**answer.as_json(), "question": question, "text": text}, ensure_ascii=False)


@main.command()
def chat() -> None:
    """Ask questions interactively (with line editing and history)."""
    from bot.terminal import run_chat

    run_chat(open_knowledge(), SAMPLE_QUESTIONS)


@main.command()
def forces() -> None:
    """List the forces and the names, nicknames and places the bot understands."""
    knowledge = open_knowledge()
    by_force: dict[str, list[str]] = {}
    for row in knowledge.store.aliases:
        if row["kind"] != "partial":
            by_force.setdefault(str(row["force"]), []).append(str(row["alias"]))
    for name, force in knowledge.store.forces.items():
        aliases = ", ".join(by_force.get(name, []))
        click.echo(f"{name} ({force['short_name']}, {force['country']}): {aliases}")


@main.command()
def health() -> None:
    """Exit 0 when the database opens and answers a test question."""
    answer = open_knowledge().ask(SAMPLE_QUESTIONS[0])
    if not answer.facts:
        raise click.ClickException("the database answered the test question with no figures")
    click.echo("ok")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
