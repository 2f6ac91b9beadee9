"""How a message is read beyond its slots: the sentence that asks inside a long message,
ordinary words that stay ordinary, regions, what is out of scope, the glossary, "since 2014"."""

import pytest

from knowledge import Knowledge
from knowledge.guards import ORDINARY_WORDS

CHATTER = (
    "My aunt in Scarborough, who was in the Met for thirty years, rang this morning about the "
    "allotment, the parking outside the church and the working party that meets on Thursdays. "
    "She had read something in 2021 that she thought was good. "
)


def test_a_national_question_ignores_forces_mentioned_in_passing(knowledge: Knowledge) -> None:
    message = CHATTER * 3 + "How many forces wrongly cancelled violent crime reports? Thanks."
    answer = knowledge.ask(message)
    assert (answer.intent, answer.forces) == ("national", ())
    assert answer.measure == "forces_with_incorrect_cancellations" and answer.facts


def test_the_asking_sentence_gives_the_year_and_measure(knowledge: Knowledge) -> None:
    message = CHATTER * 3 + "What was Kent's recording rate in 2017? Sorry for the essay."
    answer = knowledge.ask(message)
    assert (answer.forces, answer.measure, answer.year) == (
        ("Kent Police",),
        "recording_rate",
        2017,
    )


def test_a_force_named_before_the_question_is_kept(knowledge: Knowledge) -> None:
    message = "I am writing about Essex Police. " + CHATTER * 3 + "What is their grade?"
    quiet = message.replace("in Scarborough, ", "").replace("the Met", "the police")
    answer = knowledge.ask(quiet)
    assert answer.forces == ("Essex Police",) and answer.measure == "grade"


def test_several_forces_before_a_question_without_one_ask_which(knowledge: Knowledge) -> None:
    message = "I am writing about Essex Police. " + CHATTER * 3 + "What is their grade?"
    answer = knowledge.ask(message)
    assert (answer.intent, answer.measure, answer.facts) == ("clarify", "grade", ())
    assert "Essex Police" in answer.candidates and len(answer.candidates) > 1


def test_a_short_message_is_read_whole(knowledge: Knowledge) -> None:
    answer = knowledge.ask("Devon & Cornwall: how many crimes go unrecorded?")
    assert answer.forces == ("Devon and Cornwall Police",)


@pytest.mark.parametrize(
    ("word", "not_this"),
    [("called", "cancelled"), ("dates", "rates"), ("rapid", "raped"), ("newest", "fewest")],
)
def test_ordinary_words_are_never_mended(knowledge: Knowledge, word: str, not_this: str) -> None:
    assert word in ORDINARY_WORDS
    assert knowledge.speller.correct([word]) == [word] != [not_this]


@pytest.mark.parametrize(
    "question",
    [
        "working from home this week, kent grade please",
        "stealing from shops in kent, what grade",
        "parking near the station, kent grade",
    ],
)
def test_ordinary_words_are_not_towns(knowledge: Knowledge, question: str) -> None:
    answer = knowledge.ask(question)
    assert (answer.intent, answer.forces) == ("lookup", ("Kent Police",))


@pytest.mark.parametrize(
    ("typo", "force"),
    [("durhum grade", "Durham Constabulary"), ("citty of london grade", "City of London Police")],
)
def test_lower_case_typos_of_force_names(knowledge: Knowledge, typo: str, force: str) -> None:
    assert knowledge.ask(typo).forces == (force,)


def test_a_region_asks_among_its_forces(knowledge: Knowledge) -> None:
    answer = knowledge.ask("north east grade")
    assert answer.intent == "clarify"
    assert set(answer.candidates) == {
        "Cleveland Police",
        "Durham Constabulary",
        "Northumbria Police",
    }


def test_a_force_named_in_its_region_is_the_one_meant(knowledge: Knowledge) -> None:
    answer = knowledge.ask("a piece about the north east: what grade did Cleveland get?")
    assert (answer.intent, answer.forces, answer.measure) == (
        "lookup",
        ("Cleveland Police",),
        "grade",
    )


@pytest.mark.parametrize(
    "question",
    [
        "what's the crime rate in luton",
        "knife crime stats for London",
        "will Kent keep its outstanding grade next year?",
        "Hull City result",
        "Derby County fans",
    ],
)
def test_out_of_scope_gives_no_figures(knowledge: Knowledge, question: str) -> None:
    answer = knowledge.ask(question)
    assert answer.intent == "out_of_scope" and not answer.facts and not answer.forces


@pytest.mark.parametrize(
    ("question", "term", "words"),
    [
        ("what does adequate mean as a grade", "grades", "between good and requires improvement"),
        ("what's a re-inspection?", "reinspection", "followed a Crime Data Integrity"),
        ("why does it say 'of 20'? what's the sample size", "sample", "20 cancelled records"),
    ],
)
def test_glossary(knowledge: Knowledge, question: str, term: str, words: str) -> None:
    answer = knowledge.ask(question)
    assert (answer.intent, answer.glossary_term) == ("glossary", term)
    assert words in knowledge.render(answer)


def test_a_grade_word_with_a_force_asks_for_its_grade(knowledge: Knowledge) -> None:
    answer = knowledge.ask(
        "the Yorkshire Post says West Yorkshire were outstanding, is that right"
    )
    assert (answer.forces, answer.measure) == (("West Yorkshire Police",), "grade")
    assert "outstanding" in knowledge.render(answer)


def test_which_forces_are_rated_good_is_still_a_filter(knowledge: Knowledge) -> None:
    assert knowledge.ask("which forces are rated good").intent == "filter"


def test_since_2014_shows_that_year_and_the_latest(knowledge: Knowledge) -> None:
    text = knowledge.reply("has crime recording in england and wales improved since 2014?")
    assert "80.5%" in text and "94.8%" in text


def test_whats_new_for_one_force(knowledge: Knowledge) -> None:
    answer = knowledge.ask("what's new in Kent")
    assert answer.intent == "whats_new" and answer.forces == ("Kent Police",)
    assert answer.latest and {ref.force for ref in answer.latest} == {"Kent Police"}
    assert answer.latest[0].year == max(ref.year or 0 for ref in answer.latest)
    assert "The newest inspections of Kent Police" in knowledge.render(answer)
