"""The sixth audit's misreadings, each in several phrasings: a grade change asked with "did",
improvement "between inspections", a cause of concern named only as a "concern", and a
conversation that keeps "those" (the last list) and "the first one" (a place in it)."""

import pytest

from knowledge import Answer
from knowledge.conversation import Conversation
from knowledge.service import Knowledge

INADEQUATE_NOW = (
    "Derbyshire Constabulary",
    "Devon and Cornwall Police",
    "Gloucestershire Constabulary",
    "Leicestershire Police",
    "Sussex Police",
    "Thames Valley Police",
    "West Midlands Police",
)


def _chat(knowledge: Knowledge, *questions: str) -> list[Answer]:
    chat = Conversation()
    return [chat.ask(knowledge, q) for q in questions]


@pytest.mark.parametrize(
    "question",
    [
        "did staffordshire's grade change",
        "did staffs rating ever change",
        "Staffordshire grade changes",
        "did the staffordshire police judgement change",
        "has staffordshire's grade changed",
    ],
)
def test_did_a_grade_change_is_the_forces_grade_history(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    assert answer.intent == "history" and answer.forces == ("Staffordshire Police",)
    text = knowledge.render(answer)
    first = text.split("\n")[0]
    assert (
        "requires improvement (Crime Data Integrity inspection 2016, as first published)" in first
    )
    assert (
        "then good (Crime Data Integrity inspection 2016, the inspectorate's correction)" in first
    )
    assert "PEEL 2021/22" in first


@pytest.mark.parametrize(
    "question",
    [
        "leicestershire improvement between inspections",
        "leics progress between the two inspections",
        "Leicestershire: any change between inspections?",
        "has leicestershire improved",
    ],
)
def test_improvement_between_inspections_is_the_forces_history(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    assert answer.intent == "history" and answer.forces == ("Leicestershire Police",)
    first = knowledge.render(answer).split("\n")[0]
    assert "75.8% (Crime Data Integrity inspection 2017)" in first
    assert "84.1% (Crime Data Integrity re-inspection 2018, the force's own figure)" in first
    assert "inadequate (Crime Data Integrity inspection 2017), then inadequate" in first


@pytest.mark.parametrize(
    "question",
    [
        "dyfed powys crime data integrity concern",
        "dyfed-powys concerns",
        "any concerns about Dyfed Powys police recording?",
        "Dyfed-Powys cause of concern",
    ],
)
def test_a_concern_reaches_the_cause_of_concern_inspection(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    text = knowledge.render(answer)
    assert answer.forces == ("Dyfed-Powys Police",)
    assert "87.6%" in text.split("\n")[0] and "cause of concern" in text.split("\n")[0]
    assert "over 4,400 reported crimes a year went unrecorded" in text
    assert "62 of 597" in text


def test_concern_leaves_a_force_without_such_an_inspection_alone(knowledge: Knowledge) -> None:
    """Hertfordshire has no inspection titled "cause of concern": its summary, as before."""
    assert knowledge.ask("herts concern").facts == knowledge.ask("herts").facts


@pytest.mark.parametrize(
    "those",
    ["and which of those improved?", "which of them got better", "among those, which improved"],
)
def test_which_of_those_improved_stays_inside_the_list(knowledge: Knowledge, those: str) -> None:
    listed, answer = _chat(knowledge, "which forces are inadequate", those)
    assert listed.intent == "filter"
    assert answer.intent == "grade_change" and answer.forces == INADEQUATE_NOW
    assert {f.force for f in answer.facts} == {"Devon and Cornwall Police"}
    text = knowledge.render(answer)
    assert "the 7 forces of your last list" in text
    assert "Bedfordshire" not in text and "Kent Police" not in text


def test_which_of_those_got_worse_after_good_may_be_none(knowledge: Knowledge) -> None:
    answer = _chat(knowledge, "which forces are rated good", "which of them got worse")[-1]
    assert answer.missing and answer.intent == "grade_change" and len(answer.forces) == 15
    assert "None of them went" in knowledge.render(answer)


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        ("what's the latest grade for the first one", "Derbyshire Constabulary"),
        ("grade of the second force?", "Devon and Cornwall Police"),
        ("and the last one on the list", "West Midlands Police"),
    ],
)
def test_the_first_one_is_the_first_force_of_the_list(
    knowledge: Knowledge, first: str, expected: str
) -> None:
    answers = _chat(
        knowledge, "which forces are inadequate", "and which of those improved?", first
    )
    answer = answers[-1]
    assert answer.forces == (expected,) and answer.facts
    assert all(f.force == expected for f in answer.facts)
    assert expected in knowledge.render(answer).split("\n")[0]


def test_the_first_one_after_a_ranking_is_its_top_force(knowledge: Knowledge) -> None:
    ranked, answer = _chat(
        knowledge, "worst forces at recording crime", "tell me about the first one"
    )
    assert answer.forces == (ranked.facts[0].force,) and answer.intent == "force_summary"


def test_the_first_inspection_is_not_a_place_in_a_list(knowledge: Knowledge) -> None:
    """ "first" of an inspection is no pointer into the last list."""
    answer = _chat(knowledge, "which forces are inadequate", "kent grade at its first inspection")
    assert answer[-1].forces == ("Kent Police",)
