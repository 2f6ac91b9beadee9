"""What the sixth writer's tuning half showed, each rule tried in sentence frames of our own:
a place beside tickets, walks, films or a motorway, a town abroad followed by its state, a
sub-editor's stated percentage, "the worst force" with a percent, changes over time said in
other words, thresholds written "20k+", and follow-ups that pick another of the last options,
ask which forces have that figure, or name a new force after a year with no figure (the year
is kept, as documented)."""

import pytest

from knowledge.conversation import Conversation
from knowledge.service import Knowledge


@pytest.mark.parametrize(
    "question",
    [
        "Glastonbury tickets still available?",
        "any tickets left for the Reading gig",
        "Cheltenham concert tickets",
        "best walks in the Surrey Hills",
        "hiking near Keswick this weekend",
        "walking trails around Brecon",
        "Devon Sawa films list",
        "Lincoln film times tonight",
        "is the M62 shut near Huddersfield",
        "traffic on the M6 near Stafford",
        "A1 closed near Durham?",
        "roadworks in Swindon",
        "Portland, Maine police crime recording grade",
        "Portland Maine police grade",
        "Charlotte, North Carolina police recording rate",
    ],
)
def test_a_place_beside_another_subject_or_abroad_is_out_of_scope(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    assert answer.intent == "out_of_scope", question
    assert not answer.facts and not answer.forces, question


@pytest.mark.parametrize(
    ("question", "force", "measure"),
    [
        ("Portland police grade", "Dorset Police", "grade"),
        ("kent police grade A1", "Kent Police", "grade"),
        ("Huddersfield recording rate", "West Yorkshire Police", "recording_rate"),
        ("is it right that Kent got 96 percent?", "Kent Police", "recording_rate"),
        ("sussex 85.6%?", "Sussex Police", "recording_rate"),
        ("the desk says GMP recorded 77% - correct?", "Greater Manchester Police", None),
        ("we have Dorset at 92 per cent, right?", "Dorset Police", "recording_rate"),
    ],
)
def test_a_force_question_still_answers(
    knowledge: Knowledge, question: str, force: str, measure: str | None
) -> None:
    answer = knowledge.ask(question)
    assert answer.forces == (force,) and answer.facts, question
    if measure:
        assert answer.measure == measure, question


@pytest.mark.parametrize(
    ("question", "offence"),
    [
        ("worst force violence wrongly cancelled percent", "violence"),
        ("what % of robbery records did the worst force wrongly cancel", "robbery"),
        ("what percentage of rape reports did the worst force wrongly cancel", "rape"),
        ("sexual offences: worst force, wrongly cancelled, per cent", "sexual offences"),
    ],
)
def test_the_worst_forces_percentage_is_the_national_figure(
    knowledge: Knowledge, question: str, offence: str
) -> None:
    answer = knowledge.ask(question)
    assert (answer.intent, answer.measure) == ("national", "max_force_cancelled_incorrect_pct")
    assert answer.offence == offence and not answer.forces


def test_the_worst_force_for_an_offence_is_still_a_ranking(knowledge: Knowledge) -> None:
    for question in (
        "worst force for wrongly cancelling rapes",
        "the worst force for wrongly cancelled robbery",
    ):
        assert knowledge.ask(question).intent == "rank", question


@pytest.mark.parametrize(
    ("question", "force"),
    [
        ("is sussex worse at recording crime than it used to be", "Sussex Police"),
        ("are kent better at recording violence than they were", "Kent Police"),
        ("wiltshire then and now", "Wiltshire Police"),
        ("Kent: then and now", "Kent Police"),
        ("has Cheshire turned things round on crime recording", "Cheshire Constabulary"),
        ("has gmp turned it around", "Greater Manchester Police"),
        ("can durham turn things around", "Durham Constabulary"),
    ],
)
def test_a_change_over_time_in_other_words_is_the_history(
    knowledge: Knowledge, question: str, force: str
) -> None:
    answer = knowledge.ask(question)
    assert (answer.intent, answer.forces) == ("history", (force,)), question


@pytest.mark.parametrize(
    ("question", "intent", "measure"),
    [
        ("how are Warwickshire police getting on with recording crime", "force_summary", None),
        ("our patch is Chelmsford - how are they on recording crime?", "force_summary", None),
        ("how are Kent police on recording crime", "force_summary", None),
        ("Kent recording crime", "force_summary", None),
        ("how good is kent at recording crime", "lookup", "recording_rate"),
        ("is kent worse at recording crime than before", "history", "recording_rate"),
    ],
)
def test_recording_crime_as_a_subject_or_as_how_well(
    knowledge: Knowledge, question: str, intent: str, measure: str | None
) -> None:
    answer = knowledge.ask(question)
    assert (answer.intent, answer.measure) == (intent, measure), question


@pytest.mark.parametrize(
    "question",
    [
        "who misses the most violent crimes",
        "which force misses the most rapes",
        "who misses the most crimes",
    ],
)
def test_missing_the_most_crimes_ranks_the_unrecorded_estimate(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    assert (answer.intent, answer.measure, answer.rank) == ("rank", "unrecorded_per_year", "most")


def test_other_crimes_is_the_sources_mixed_sample(knowledge: Knowledge) -> None:
    for question in ("cheshire cancelled records of other crimes 2014", "other crimes kent 2014"):
        assert knowledge.ask(question).offence == "other", question


@pytest.mark.parametrize(
    ("question", "side", "limit", "measure"),
    [
        ("forces with 20k+ crimes unrecorded a year", "above", 20000.0, "unrecorded_per_year"),
        ("which forces have 30,000+ unrecorded crimes", "above", 30000.0, "unrecorded_per_year"),
        ("forces with 20000+ crimes going unrecorded", "above", 20000.0, "unrecorded_per_year"),
        ("forces recording 95%+ of crime", "above", 95.0, "recording_rate"),
    ],
)
def test_a_number_with_a_plus_is_a_threshold(
    knowledge: Knowledge, question: str, side: str, limit: float, measure: str
) -> None:
    answer = knowledge.ask(question)
    assert (answer.intent, answer.measure) == ("select", measure), question
    assert answer.threshold == (side, limit), question


def chat(knowledge: Knowledge, *turns: str) -> list:
    conversation = Conversation()
    return [conversation.ask(knowledge, turn) for turn in turns]


def test_another_of_the_last_options_by_a_word_of_its_name(knowledge: Knowledge) -> None:
    *_, city = chat(knowledge, "London grade", "the Met", "and the City")
    assert (city.forces, city.measure) == (("City of London Police",), "grade")
    *_, met = chat(knowledge, "London recording rate", "City of London", "what about the Met")
    assert met.forces == ("Metropolitan Police Service",)
    *_, west = chat(knowledge, "Yorkshire recording rate", "south", "and west?")
    assert west.forces == ("West Yorkshire Police",)


def test_which_forces_have_that_figure_lists_the_last_measure(knowledge: Knowledge) -> None:
    for turns in (
        ("Suffolk victims told", "which forces have that figure"),
        ("kent rape cancellations", "which forces have the same data?"),
    ):
        *_, listed = chat(knowledge, *turns)
        assert listed.intent == "offence_overview" and not listed.forces, turns
    assert listed.offence == "rape"


def test_a_new_force_keeps_the_carried_year_and_says_it_has_no_figure(
    knowledge: Knowledge,
) -> None:
    *_, essex = chat(knowledge, "stoke police recording rate", "what about 2022", "and essex")
    assert (essex.forces, essex.year) == (("Essex Police",), 2022)
    assert "no recording rate figure" in knowledge.render(essex)
    *_, kept = chat(knowledge, "kent recording rate 2019", "and essex")
    assert kept.year == 2019 and kept.facts


def test_the_worst_after_a_threshold_list_ranks_its_measure(knowledge: Knowledge) -> None:
    *_, worst = chat(
        knowledge, "forces with over 20,000 crimes unrecorded", "what about the worst"
    )
    assert (worst.intent, worst.measure, worst.rank) == ("rank", "unrecorded_per_year", "worst")
    *_, best = chat(knowledge, "forces below 90%", "and the best?")
    assert (best.intent, best.measure, best.rank) == ("rank", "recording_rate", "best")


def test_tell_me_more_about_a_force_is_its_summary(knowledge: Knowledge) -> None:
    *_, summary = chat(knowledge, "worst recording rate of any force?", "tell me more about Kent")
    assert (summary.intent, summary.forces) == ("force_summary", ("Kent Police",))
