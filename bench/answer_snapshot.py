"""Record every answer the bot gives to a few thousand questions, to diff before and after.

Each line of OUT is one answer: the question (or the parsed query it stands for), the rendered
text and HTML, and `answer.as_json()`. The questions: the labelled sets, the labelled
conversations turn by turn, the truth linter's ~5,000 generated questions and built queries
(tests/test_truth.py), a question in the bot's own words for every force, offence, measure
and year, and queries built directly (every force x offence x measure x year for lookups, and
every offence x measure x year for overviews, ranks and the national figures, every grade
filter), so that a change to how figures are found can be checked to change no answer:

    python bench/answer_snapshot.py before.jsonl [--times 100]
    ... change ...
    python bench/answer_snapshot.py after.jsonl [--times 100] && cmp before.jsonl after.jsonl
"""

import argparse
import json
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from labelled import (
    CONVERSATIONS_FILE,
    HELDOUT_FILE,
    QUESTIONS_FILE,
    load_conversations,
    load_labelled,
)
from synthetic import write_synthetic
from test_truth import built_queries
from test_truth import questions as truth_questions

from knowledge import Knowledge
from knowledge.answer import Answer
from knowledge.build import build_database
from knowledge.conversation import Conversation
from knowledge.followups import question_for
from knowledge.loader import DATA_DIR
from knowledge.query import Query
from knowledge.vocabulary import GRADES, MEASURES, OFFENCES

YEARS = (None, 2014, 2016, 2017, 2018, 2019, 2021, 2022, 2023)
RANKS = ("most", "least", "best", "worst")


def record(knowledge: Knowledge, asked: str, answer: Answer) -> str:
    return json.dumps(
        {
            "asked": asked,
            "text": knowledge.render(answer),
            "html": knowledge.render(answer, "html"),
            "citation": knowledge.renderer.citation(answer),
            "json": answer.as_json(),
        },
        sort_keys=True,
    )


def questions(knowledge: Knowledge) -> Iterator[str]:
    for path in (QUESTIONS_FILE, HELDOUT_FILE):
        yield from (item.question for item in load_labelled(path))
    yield from truth_questions(knowledge)
    shorts = [None, *(force["short_name"] for force in knowledge.store.forces.values())]
    for short in shorts:
        for offence in (None, *OFFENCES):
            for measure in (None, *MEASURES):
                yield question_for(short, offence, measure)
            for year in YEARS[1:]:
                yield question_for(short, offence, "recording_rate", year)
    for offence in OFFENCES:
        for rank in RANKS:
            yield f"which forces {rank} {offence} wrongly cancelled"
            yield f"which force has the {rank} {offence} recording rate"
    yield "what's new"
    yield from (f"which forces were inspected in {year}" for year in YEARS[1:])
    yield from (f"what's new in {short}" for short in shorts[1:])
    for grade in GRADES:
        yield f"which forces are rated {grade}"
        yield f"which forces were rated {grade} in 2018"


def queries(knowledge: Knowledge) -> Iterator[Query]:
    forces = list(knowledge.store.forces)
    for offence in (None, *OFFENCES):
        for measure in (None, *MEASURES):
            for year in YEARS:
                asked = Query("q", "lookup", offence=offence, measure=measure, year=year)
                for force in forces:
                    yield replace(asked, forces=(force,))
                yield replace(asked, intent="offence_overview")
                yield replace(asked, intent="national")
                for rank in RANKS:
                    yield replace(asked, intent="rank", rank=rank)
    for force in forces:
        yield Query("q", "force_summary", forces=(force,))
        yield Query("q", "compare", forces=(force, forces[0]), measure="recording_rate")
    for grade in GRADES:
        for year in YEARS:
            yield Query("q", "filter", grade_filter=grade, year=year)
    yield Query("q", "lookup", forces=(forces[0],), measure="recording_rate", years=(2014, 2022))
    yield from built_queries()


def snapshot(knowledge: Knowledge, out: Path, quick: bool) -> int:
    lines = 0
    with out.open("w", encoding="utf-8") as target:
        for question in questions(knowledge):
            print(record(knowledge, question, knowledge.ask(question)), file=target)
            lines += 1
        for conversation in load_conversations(CONVERSATIONS_FILE):
            chat = Conversation()
            for turn in conversation.turns:
                answer = chat.ask(knowledge, turn.question)
                print(
                    record(knowledge, f"{conversation.name}: {turn.question}", answer), file=target
                )
                lines += 1
        for number, query in enumerate(queries(knowledge)):
            if quick and query.intent == "lookup" and number % 7:
                continue  # at 100x: every seventh lookup (still every force and measure)
            asked: dict[str, Any] = {k: v for k, v in asdict(query).items() if v}
            print(record(knowledge, repr(asked), knowledge.answerer.answer(query)), file=target)
            lines += 1
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument(
        "--times", type=int, default=1, help="synthetic data this many times larger"
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = (
            DATA_DIR
            if arguments.times == 1
            else write_synthetic(Path(folder) / "data", arguments.times)
        )
        db = Path(folder) / "findings.db"
        build_database(db, data)
        lines = snapshot(Knowledge.open(db), arguments.out, quick=arguments.times > 1)
    print(f"{lines} answers written to {arguments.out}")


if __name__ == "__main__":
    main()
