"""What the fifth writer's held-back half showed once it was retired into tuning, each rule
tried in sentence frames of our own: a correction that sets a force aside ("Sussex, not
Essex"), how to reach the police ("how do I report a crime in Kent"), a place missing from the
gazetteer never mended into a town one letter away (Stratford, Stretford), "rate" as the
inspectors' verb, a percent sign asking for the rate, rightly cancelled and misclassified
records in the reader's words, the worst force's share "by a force", a superlative in England
and Wales ranking its forces, and follow-ups after a "which force?" and after a question about
somewhere we do not cover."""

import pytest

from knowledge.conversation import Conversation
from knowledge.service import Knowledge


@pytest.mark.parametrize(
    ("question", "force", "measure"),
    [
        ("Sussex, not Essex - grade in 2016", "Sussex Police", "grade"),
        ("Kent not Surrey recording rate", "Kent Police", "recording_rate"),
        ("I mean Durham, not Cleveland: unrecorded crimes", "Durham Constabulary", None),
        ("recording rate for Cumbria instead of Lancashire", "Cumbria Constabulary", None),
        ("not the met, city of london grade", "City of London Police", "grade"),
        ("never mind Essex, Kent grade?", "Kent Police", "grade"),
        ("gwent rather than south wales, what grade", "Gwent Police", "grade"),
    ],
)
def test_a_force_set_aside_is_not_answered_for(
    knowledge: Knowledge, question: str, force: str, measure: str | None
) -> None:
    answer = knowledge.ask(question)
    assert answer.forces == (force,), question
    assert answer.intent == "lookup", question
    assert measure is None or answer.measure == measure, question
    assert {fact.force for fact in answer.facts} == {force}, question


def test_a_force_only_set_aside_or_beside_another_stays(knowledge: Knowledge) -> None:
    assert knowledge.ask("not Essex?").forces == ("Essex Police",)
    assert knowledge.ask("kent vs essex").forces == ("Kent Police", "Essex Police")
    both = knowledge.ask("Kent and Essex but not Surrey grades")
    assert both.forces == ("Kent Police", "Essex Police")


@pytest.mark.parametrize(
    "question",
    [
        "how do i report a crime in kent",
        "where can I report a crime in Surrey",
        "how do you report an assault to essex police",
        "I want to report a theft in Cardiff",
        "how can I contact Sussex police",
        "non-emergency number for devon and cornwall police",
        "how should someone go about reporting a burglary to GMP",
    ],
)
def test_how_to_reach_the_police_is_out_of_scope(knowledge: Knowledge, question: str) -> None:
    answer = knowledge.ask(question)
    assert (answer.intent, answer.facts) == ("out_of_scope", ()), question


def test_reported_crimes_are_still_asked_about(knowledge: Knowledge) -> None:
    answer = knowledge.ask("how many crimes reported to kent went unrecorded")
    assert (answer.forces, answer.measure) == (("Kent Police",), "unrecorded_per_year")


@pytest.mark.parametrize(
    "question", ["stratford police recording rate", "Stratford grade", "stratfrod crime figures"]
)
def test_stratford_asks_which(knowledge: Knowledge, question: str) -> None:
    answer = knowledge.ask(question)
    assert answer.intent == "clarify" and not answer.facts, question
    assert set(answer.candidates) == {"Metropolitan Police Service", "Warwickshire Police"}


@pytest.mark.parametrize(
    "question", ["stortford grade", "coldfield recording rate", "stortfrd police"]
)
def test_a_word_of_a_longer_place_is_no_misspelt_town(knowledge: Knowledge, question: str) -> None:
    answer = knowledge.ask(question)
    assert "Greater Manchester Police" not in answer.forces, question  # never Stretford
    assert not answer.forces or answer.forces in (
        ("Hertfordshire Constabulary",),
        ("West Midlands Police",),
    )


def test_a_longer_place_and_the_town_one_letter_off_still_answer(knowledge: Knowledge) -> None:
    assert knowledge.ask("stretford grade").forces == ("Greater Manchester Police",)
    assert knowledge.ask("Bishops Stortfrod grade").forces == ("Hertfordshire Constabulary",)


@pytest.mark.parametrize(
    "question",
    [
        "what did hmic rate gmp in 2016",
        "how did the inspectors rate kent",
        "what did HMICFRS rate Surrey in 2022",
        "what did the watchdog rate essex",
    ],
)
def test_rate_as_the_inspectors_verb_is_the_grade(knowledge: Knowledge, question: str) -> None:
    answer = knowledge.ask(question)
    assert (answer.intent, answer.measure) == ("lookup", "grade"), question


@pytest.mark.parametrize(
    "question", ["what did kent's recording rate reach", "what was kent rate", "kent rate"]
)
def test_rate_as_a_noun_stays_the_recording_rate(knowledge: Knowledge, question: str) -> None:
    assert knowledge.ask(question).measure == "recording_rate", question


@pytest.mark.parametrize(
    "question",
    ["cambs crime recording %", "kent crime recording percent", "% crime recording dorset"],
)
def test_a_percent_asks_for_the_rate(knowledge: Knowledge, question: str) -> None:
    answer = knowledge.ask(question)
    assert (answer.intent, answer.measure) == ("lookup", "recording_rate"), question
    assert knowledge.ask("Llanelli crime recording").intent == "force_summary"


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("essex no crimes that were correct in 2014", "cancelled_correct"),
        ("how many of norfolk's no-crimes were right", "cancelled_correct"),
        ("how many cancelled rapes in Kent were correct", "cancelled_correct"),
        ("was kent right to cancel rape reports", "cancelled_correct"),
        ("how many kent cancellations were not correct", "cancelled_incorrect"),
        ("how many of kent's cancelled crimes were wrong", "cancelled_incorrect"),
        ("huddersfield police crimes classified wrong", "wrongly_classified"),
        ("dorset crimes classified incorrectly", "wrongly_classified"),
        ("misclassification in the Dorset audit", "wrongly_classified"),
    ],
)
def test_cancellations_and_classifications_in_readers_words(
    knowledge: Knowledge, question: str, measure: str
) -> None:
    assert knowledge.ask(question).measure == measure, question


@pytest.mark.parametrize(
    "question",
    [
        "up to what % of robberies were cancelled wrongly by a force",
        "up to what percent of rape did a force wrongly cancel",
        "up to how much violence did one force cancel wrongly",
    ],
)
def test_up_to_what_share_by_a_force_is_the_national_worst(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    assert (answer.intent, answer.measure) == ("national", "max_force_cancelled_incorrect_pct")


@pytest.mark.parametrize(
    ("question", "rank"),
    [
        ("lowest recording rate in england and wales", "least"),
        ("highest unrecorded crimes in the uk", "most"),
        ("the best recording rate in the country", "best"),
        ("worst violence recording rate in england and wales", "worst"),
    ],
)
def test_a_superlative_in_the_country_ranks_its_forces(
    knowledge: Knowledge, question: str, rank: str
) -> None:
    answer = knowledge.ask(question)
    assert (answer.intent, answer.rank) == ("rank", rank), question
    assert knowledge.ask("what's the recording rate in england and wales").intent == "national"


@pytest.mark.parametrize(
    ("first", "pick", "other", "expected"),
    [
        ("london police recording rate", "the met", "and city", "City of London Police"),
        ("london police grade", "city of london", "what about the met", None),
        ("yorkshire grade", "west", "and south?", None),
        ("newport grade", "the welsh one", "and hampshire", "Hampshire Constabulary"),
    ],
)
def test_another_candidate_of_which_force(
    knowledge: Knowledge, first: str, pick: str, other: str, expected: str | None
) -> None:
    chat = Conversation()
    chat.ask(knowledge, first)
    picked = chat.ask(knowledge, pick)
    answer = chat.ask(knowledge, other)
    assert len(answer.forces) == 1 and answer.forces != picked.forces, other
    assert expected is None or answer.forces == (expected,)
    assert answer.measure == picked.measure


@pytest.mark.parametrize(
    ("abroad", "follow", "force", "measure"),
    [
        (
            "police scotland recording rate",
            "ok what about kent then",
            "Kent Police",
            "recording_rate",
        ),
        ("glasgow grade", "and durham?", "Durham Constabulary", "grade"),
        ("PSNI unrecorded crimes", "what about Essex", "Essex Police", "unrecorded_per_year"),
    ],
)
def test_a_question_about_elsewhere_keeps_what_it_asked(
    knowledge: Knowledge, abroad: str, follow: str, force: str, measure: str
) -> None:
    chat = Conversation()
    assert chat.ask(knowledge, abroad).intent == "out_of_scope"
    answer = chat.ask(knowledge, follow)
    assert (answer.forces, answer.measure) == ((force,), measure), follow


def test_elsewhere_with_nothing_asked_keeps_the_question_before(knowledge: Knowledge) -> None:
    chat = Conversation()
    chat.ask(knowledge, "cumbria recording rate")
    chat.ask(knowledge, "and police scotland?")
    answer = chat.ask(knowledge, "ok what about Durham then")
    assert (answer.forces, answer.measure) == (("Durham Constabulary",), "recording_rate")
