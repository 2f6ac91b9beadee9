"""The commands that read the findings: `ask` (as text, JSON or CSV), `chat`, `forces` (the names
the bot understands) and `chart`."""

import json
import sys
from pathlib import Path
from typing import TextIO

import click

from bot.cli_setup import SAMPLE_QUESTIONS, open_knowledge
from knowledge import Knowledge
from knowledge.conversation import Conversation


@click.command()
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


@click.command()
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


@click.command()
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


@click.command()
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
