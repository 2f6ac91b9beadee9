"""The fifth audit's misreadings, each with variants: histories asked as improvement, the cause of
concern inspection, the Welsh forces, and follow-ups that were wrongly out of scope."""

import pytest

from knowledge.service import Knowledge

WELSH = {"Dyfed-Powys Police", "Gwent Police", "North Wales Police", "South Wales Police"}


@pytest.mark.parametrize(
    "question",
    [
        "wales forces recording rates",
        "Wales police forces recording rates",
        "which welsh force is best at recording crime",
        "which wales force records crime best",
        "which Welsh force is worst at recording crime",
        "recording rates of forces in wales",
    ],
)
def test_the_welsh_forces_are_listed_by_recording_rate(
    knowledge: Knowledge, question: str
) -> None:
    query, answer = knowledge.parse(question), knowledge.ask(question)
    assert query.intent == "select" and answer.country == "Wales"
    assert {f.force for f in answer.facts} == WELSH
    assert answer.facts[0].force == "Dyfed-Powys Police"


@pytest.mark.parametrize(
    "question", ["which welsh force has the worst rape recording", "welsh forces rape recording"]
)
def test_a_welsh_offence_question_stays_among_the_welsh(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    assert answer.country == "Wales" and answer.facts
    assert {f.force for f in answer.facts} <= WELSH
