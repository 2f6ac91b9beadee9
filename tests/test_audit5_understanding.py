"""The fifth audit's misreadings, each with variants: histories asked as improvement, the cause of
concern inspection, the Welsh forces, and follow-ups that were wrongly out of scope."""

import pytest

from knowledge import Answer
from knowledge.conversation import Conversation
from knowledge.service import Knowledge

WELSH = {"Dyfed-Powys Police", "Gwent Police", "North Wales Police", "South Wales Police"}


@pytest.mark.parametrize(
    "question",
    [
        "wales forces recording rates",
        "Wales police forces recording rates",
        "which welsh force is best at recording crime",
        "which wales force records crime best",
        "recording rates of forces in wales",
    ],
)
def test_the_welsh_forces_are_listed_by_recording_rate(
    knowledge: Knowledge, question: str
) -> None:
    query, answer = knowledge.parse(question), knowledge.ask(question)
    assert query.intent == "select" and answer.country == "Wales"
    assert {f.force for f in answer.facts} == WELSH
    # the highest first; "worst" asks for the bottom: the lowest first (audit 10, E2)
    worst = "worst" in question.lower()
    assert answer.facts[0].force == ("North Wales Police" if worst else "Dyfed-Powys Police")


def test_the_worst_welsh_force_is_listed_first(knowledge: Knowledge) -> None:
    """ "worst" among a place's forces lists them the other way (an independent audit of main:
    it listed Dyfed-Powys, the highest, first)."""
    question = "which Welsh force is worst at recording crime"
    query, answer = knowledge.parse(question), knowledge.ask(question)
    assert query.intent == "select" and answer.country == "Wales"
    assert {f.force for f in answer.facts} == WELSH
    assert answer.facts[0].force == "North Wales Police"


@pytest.mark.parametrize(
    "question", ["which welsh force has the worst rape recording", "welsh forces rape recording"]
)
def test_a_welsh_offence_question_stays_among_the_welsh(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    assert answer.country == "Wales" and answer.facts
    assert {f.force for f in answer.facts} <= WELSH


@pytest.mark.parametrize(
    ("question", "force", "first", "then"),
    [
        ("cheshire improvement 2017 to 2018", "Cheshire Constabulary", "83.6%", "around 96%"),
        ("Cheshire improvement from 2017 to 2018?", "Cheshire Constabulary", "83.6%", "96%"),
        (
            "did lancashire get better after the re-inspection",
            "Lancashire Constabulary",
            "84.3%",
            "93%",
        ),
        (
            "has Lancashire got better since the reinspection",
            "Lancashire Constabulary",
            "84.3%",
            "93%",
        ),
        ("did kent get better", "Kent Police", "83.6%", "96.7%"),
        (
            "did Cheshire get worse after its re-inspection",
            "Cheshire Constabulary",
            "83.6%",
            "96%",
        ),
    ],
)
def test_improvement_is_the_forces_history(
    knowledge: Knowledge, question: str, force: str, first: str, then: str
) -> None:
    query = knowledge.parse(question)
    assert query.history and query.forces == (force,)
    lead = knowledge.render(knowledge.ask(question)).split("\n")[0]
    assert first in lead and then in lead and lead.index(first) < lead.index(then)


@pytest.mark.parametrize(
    "question",
    [
        "dyfed powys cause of concern",
        "Dyfed-Powys causes of concern inspection",
        "dyfed cause of concern?",
    ],
)
def test_a_cause_of_concern_question_gets_that_inspection(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    inspections = {f.inspection for f in answer.facts}
    assert inspections == {"PEEL: Dyfed-Powys Police cause of concern – crime data integrity"}
    text = knowledge.render(answer)
    assert "87.6%" in text and "4,400" in text and "2021" in text


@pytest.mark.parametrize(
    "question",
    [
        "which force is best for not wrongly cancelling rapes",
        "which force is best at not wrongly cancelling robbery",
        "which force is better at not wrongly cancelling violence",
        "best force for wrongly cancelled sexual offences",
    ],
)
def test_best_for_not_cancelling_is_the_lowest_share(knowledge: Knowledge, question: str) -> None:
    answer = knowledge.ask(question)
    assert knowledge.parse(question).rank == "best"
    text = knowledge.render(answer)
    assert "best (lowest) share" in text and "lowest first" in text


def test_top_of_a_bad_measure_is_still_its_worst(knowledge: Knowledge) -> None:
    assert knowledge.parse("top 5 for wrongly cancelled rapes").rank == "worst"


@pytest.mark.parametrize(
    ("question", "offence", "plural"),
    [
        ("which force has the most rapes", "rape", "rapes"),
        ("which police force has the fewest rapes", "rape", "rapes"),
        ("most robberies", "robbery", "robberies"),
        ("which force has the most violent crimes", "violence", "violent crimes"),
        ("how many sexual offences are there", "sexual offences", "sexual offences"),
    ],
)
def test_a_count_of_crimes_is_not_in_the_data(
    knowledge: Knowledge, question: str, offence: str, plural: str
) -> None:
    """The data has no counts of crimes: say so and point to what it has, never rank another
    measure as if that answered it."""
    answer = knowledge.ask(question)
    text = knowledge.render(answer)
    assert answer.intent == "unlisted" and not answer.facts
    assert f"no counts of {plural}" in text
    assert f"{offence} recording rates" in text and "wrongly cancelled" in text


@pytest.mark.parametrize(
    "question",
    ["which force has the most crimes unrecorded", "most rapes wrongly cancelled"],
)
def test_a_count_of_unrecorded_or_cancelled_crimes_is_still_answered(
    knowledge: Knowledge, question: str
) -> None:
    assert knowledge.ask(question).intent != "unlisted"


def _chat(knowledge: Knowledge, *questions: str) -> list[Answer]:
    conversation = Conversation()
    return [conversation.ask(knowledge, q) for q in questions]


@pytest.mark.parametrize("offence", ["robbery", "rape", "violence", "sexual offences"])
@pytest.mark.parametrize("none", ["how many had none", "which had none?", "and with none?"])
def test_how_many_had_none_counts_the_forces_with_none(
    knowledge: Knowledge, offence: str, none: str
) -> None:
    first = "which forces wrongly cancelled rape reports"
    listed, answer = _chat(knowledge, first, f"and {offence}?", none)[1:]
    assert answer.intent == "offence_overview" and answer.offence == offence
    assert answer.asked_none and answer.measure == "cancelled_incorrect"
    assert listed.offence == offence
    lead = knowledge.render(answer).split("\n")[1]
    assert lead.startswith("Our data names") and "with no wrongly cancelled" in lead


def test_how_many_had_none_after_robbery_names_the_two(knowledge: Knowledge) -> None:
    first = "which forces wrongly cancelled rape reports"
    answer = _chat(knowledge, first, "and robbery?", "how many had none")[-1]
    lead = knowledge.render(answer).split("\n")[1]
    assert "2 of the 43 forces" in lead
    assert "Merseyside Police (2016)" in lead and "Northamptonshire Police (2020)" in lead


@pytest.mark.parametrize(
    ("force", "name"),
    [("gmp", "Greater Manchester Police"), ("kent", "Kent Police"), ("devon", "Devon")],
)
@pytest.mark.parametrize(
    "improved", ["has it improved", "did they get better", "has it got worse"]
)
def test_has_it_improved_after_a_year_is_the_forces_history(
    knowledge: Knowledge, force: str, name: str, improved: str
) -> None:
    answer = _chat(knowledge, f"{force} recording rate", "what about 2014", improved)[-1]
    assert answer.intent in ("history", "lookup") and answer.forces[0].startswith(name)
    assert len({f.inspection for f in answer.facts}) > 1
    assert "I can only answer" not in knowledge.render(answer)
    # a history spans every year: the 2014 of the turn before is neither kept nor said carried
    assert answer.year is None and answer.intent == "history"
    assert "2014." not in knowledge.render(answer).split("\n")[0]


@pytest.mark.parametrize(
    "source",
    [
        "where's that from",
        "source?",
        "where is that from",
        "link?",
        "what's the source",
        "which report is that from",
        "where do these figures come from",
    ],
)
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("tell me about herts", "cancelled crimes?"),
        ("kent grade", "and recording rate?"),
        ("which forces wrongly cancelled rape reports", "and robbery?"),
    ],
)
def test_where_is_that_from_gives_the_last_answer_with_its_source(
    knowledge: Knowledge, source: str, first: str, second: str
) -> None:
    last, answer = _chat(knowledge, first, second, source)[1:]
    assert answer.intent == last.intent and answer.facts == last.facts
    assert answer.citation and answer.citation == last.citation
    assert "http" in knowledge.render(answer)


@pytest.mark.parametrize("offence", ["sexual offences", "rape", "violence", "robbery"])
@pytest.mark.parametrize("worst", ["which was worst", "which force was worst", "the worst one?"])
def test_which_was_worst_after_a_count_ranks_the_forces_worst_first(
    knowledge: Knowledge, offence: str, worst: str
) -> None:
    asked = f"how many forces wrongly cancelled {offence}"
    answer = _chat(knowledge, "national recording rate", asked, worst)[-1]
    assert answer.intent == "rank" and answer.rank == "worst" and answer.offence == offence
    assert answer.measure == "cancelled_incorrect"


def test_which_was_worst_after_sexual_offences_names_hampshire(knowledge: Knowledge) -> None:
    asked = "how many forces wrongly cancelled sexual offences"
    answer = _chat(knowledge, "national recording rate", asked, "which was worst")[-1]
    assert answer.facts[0].force == "Hampshire Constabulary"
    assert "Hampshire Constabulary has the worst" in knowledge.render(answer).split("\n")[1]
    assert "9 of 17" in knowledge.render(answer).split("\n")[1]
