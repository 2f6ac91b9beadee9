"""What the seventh writer's tuning half showed, each rule tried in sentence frames of our own:
the writer's own town in an aside, a reply that finishes a town's name, the Midlands, and a
retired officer's jargon (NCRS compliance, CDI grading, a CDI record, no-crimes correct)."""

import pytest

from knowledge.conversation import Conversation
from knowledge.service import Knowledge

MIDLANDS = {
    "West Midlands Police",
    "West Mercia Police",
    "Staffordshire Police",
    "Warwickshire Police",
    "Derbyshire Constabulary",
    "Leicestershire Police",
    "Lincolnshire Police",
    "Northamptonshire Police",
    "Nottinghamshire Police",
}


@pytest.mark.parametrize(
    ("question", "force"),
    [
        ("I'm a PhD student at Leeds. How does Kent Police record violence?", "Kent Police"),
        (
            "I study criminology in Bristol and I'm writing about Essex Police's grade",
            "Essex Police",
        ),
        ("Hi, I'm based in Cardiff. What was Dorset Police's recording rate?", "Dorset Police"),
    ],
)
def test_the_writers_own_town_is_not_asked_about(
    knowledge: Knowledge, question: str, force: str
) -> None:
    answer = knowledge.ask(question)
    assert answer.forces == (force,) and answer.intent != "compare", question


def test_the_writers_town_weighed_against_another_is_compared(knowledge: Knowledge) -> None:
    answer = knowledge.ask("I'm a student at Durham: is Durham better than Cleveland?")
    assert answer.intent == "compare"
    assert set(answer.forces) == {"Durham Constabulary", "Cleveland Police"}


def test_a_reply_that_finishes_the_towns_name(knowledge: Knowledge) -> None:
    chat = Conversation()
    assert chat.ask(knowledge, "Stratford recording rate").intent == "clarify"
    answer = chat.ask(knowledge, "upon avon")
    assert answer.forces == ("Warwickshire Police",) and answer.measure == "recording_rate"


@pytest.mark.parametrize("question", ["midlands grade", "the Midlands recording rate"])
def test_the_midlands_are_both_regions(knowledge: Knowledge, question: str) -> None:
    answer = knowledge.ask(question)
    assert answer.intent == "clarify" and set(answer.candidates) == MIDLANDS, question


@pytest.mark.parametrize(("reply", "force"), [("west", "West Midlands Police")])
def test_a_word_that_with_the_last_spells_a_name(
    knowledge: Knowledge, reply: str, force: str
) -> None:
    chat = Conversation()
    chat.ask(knowledge, "midlands grade")
    assert chat.ask(knowledge, reply).forces == (force,)


@pytest.mark.parametrize(
    ("question", "intent", "measure"),
    [
        ("Kent NCRS compliance", "lookup", "recording_rate"),
        ("which force has the best NCRS compliance", "rank", "recording_rate"),
        ("Essex CDI grading", "lookup", "grade"),
        ("Dorset's CDI record", "force_summary", None),
        ("Kent recorded crime rate according to the inspectorate", "lookup", "recording_rate"),
        ("Essex rape no-crimes correct?", "lookup", "cancelled_correct"),
    ],
)
def test_an_officers_jargon(
    knowledge: Knowledge, question: str, intent: str, measure: str | None
) -> None:
    answer = knowledge.ask(question)
    assert (answer.intent, answer.measure) == (intent, measure), question


def test_a_crime_rate_is_still_out_of_scope(knowledge: Knowledge) -> None:
    assert knowledge.ask("Kent crime rate").intent == "out_of_scope"


@pytest.mark.parametrize(
    "question", ["Cumberland and Westmorland grade", "westmorland recording rate"]
)
def test_an_old_county_name_that_is_one_force_today(knowledge: Knowledge, question: str) -> None:
    assert knowledge.ask(question).forces == ("Cumbria Constabulary",), question


@pytest.mark.parametrize("reply", ["and now?", "and the latest one", "the most recent"])
def test_now_after_a_years_figure_is_the_latest(knowledge: Knowledge, reply: str) -> None:
    chat = Conversation()
    chat.ask(knowledge, "Kent recording rate 2017")
    answer = chat.ask(knowledge, reply)
    assert answer.forces == ("Kent Police",) and answer.measure == "recording_rate", reply
    assert answer.year is None and answer.facts, reply


def test_which_was_worst_after_every_forces_figures(knowledge: Knowledge) -> None:
    chat = Conversation()
    chat.ask(knowledge, "which forces wrongly cancelled robbery")
    answer = chat.ask(knowledge, "so which was worst")
    assert (answer.intent, answer.rank) == ("rank", "worst")
    assert (answer.offence, answer.measure) == ("robbery", "cancelled_incorrect")
