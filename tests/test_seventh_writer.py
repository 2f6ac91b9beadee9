"""What the sixth set's retired held-back half and the seventh writer's tuning half showed,
each rule tried in sentence frames of our own: grammar words prove no subject, initials of
another subject, how much crime a place has, "can't remember which", a place left out of a
list, force names as voice dictation writes them, a place's forces listed worst first, a
sub-editor's quoted figure, and follow-ups that pick an option by its word, name their own
measure or keep a history."""

import pytest

from knowledge.conversation import Conversation
from knowledge.service import Knowledge


@pytest.mark.parametrize(
    "question",
    [
        "Suffolk cottages to rent",
        "Dorset cottages to let this summer",
        "who is Chelsea Clinton married to",
        "who is Sarah Kent married to",
        "MP for Dover",
        "who is the MP for Luton South",
        "GP surgeries in Reading",
        "is Luton a high crime area",
        "is Bristol safe",
        "Bolton crime hotspots",
        "Stoke City v Sunderland score",
        "Derby County vs Leeds United result",
    ],
)
def test_another_subject_beside_a_place_gives_no_figures(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    assert answer.intent == "out_of_scope", question
    assert not answer.facts and not answer.forces, question


@pytest.mark.parametrize(
    ("question", "force"),
    [
        ("give me the run down on norfolk police", "Norfolk Constabulary"),
        ("gimme everything on lincs", "Lincolnshire Police"),
        ("what is the A&S grade", "Avon and Somerset Constabulary"),
        ("TVP grade", "Thames Valley Police"),
        ("high crime recording in Kent", "Kent Police"),
        ("Aintree", "Merseyside Police"),
    ],
)
def test_a_force_question_still_answers(knowledge: Knowledge, question: str, force: str) -> None:
    answer = knowledge.ask(question)
    assert answer.forces == (force,) and answer.facts, question


def test_two_forces_weighed_are_compared_whatever_else_is_said(knowledge: Knowledge) -> None:
    answer = knowledge.ask("is kent better than essex these days?")
    assert answer.intent == "compare"
    assert answer.forces == ("Kent Police", "Essex Police")


@pytest.mark.parametrize(
    "question",
    [
        "kent or essex, can't remember which - grade",
        "durham or cleveland, not sure which, recording rate",
        "north wales or south wales, I forget which, rape cancellations",
    ],
)
def test_two_forces_the_reader_cannot_remember_are_asked_about(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    assert answer.intent == "clarify" and not answer.facts, question
    assert len(answer.candidates) == 2, question


@pytest.mark.parametrize(
    "question",
    [
        "Swindon aside, which forces are rated good",
        "apart from Kent, which forces are outstanding",
        "which forces other than Essex were rated inadequate",
    ],
)
def test_a_place_left_out_of_a_list_is_not_the_force_asked(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    assert answer.intent == "filter", question


@pytest.mark.parametrize(
    ("question", "force"),
    [
        ("lester sure police grade", "Leicestershire Police"),
        ("warrick shire recording rate", "Warwickshire Police"),
        ("glosterchire police recording rate", "Gloucestershire Constabulary"),
        ("stafford sure police grade", "Staffordshire Police"),
        ("north whales police grade", "North Wales Police"),
        ("recording rate in south whales", "South Wales Police"),
        ("hurts police grade", "Hertfordshire Constabulary"),
        ("hurts robbery cancellations", "Hertfordshire Constabulary"),
        ("nottz recording rate", "Nottinghamshire Police"),
    ],
)
def test_force_names_as_dictation_writes_them(
    knowledge: Knowledge, question: str, force: str
) -> None:
    assert knowledge.ask(question).forces == (force,), question


@pytest.mark.parametrize("question", ["make sure you tell me about whales", "it hurts"])
def test_sound_alikes_alone_stay_words(knowledge: Knowledge, question: str) -> None:
    assert not knowledge.ask(question).forces, question


@pytest.mark.parametrize(
    ("question", "lowest"),
    [
        ("which welsh force is worst at recording crime", "North Wales Police"),
        ("lowest recording rate in wales", "North Wales Police"),
        ("which force in the north east is worst at recording crime", "Cleveland Police"),
    ],
)
def test_a_places_forces_worst_first(knowledge: Knowledge, question: str, lowest: str) -> None:
    answer = knowledge.ask(question)
    text = knowledge.render(answer)
    assert answer.intent == "select" and answer.rank in ("worst", "least"), question
    assert text.startswith(f"{lowest} has the lowest latest"), text
    assert "lowest first" in text and "highest first" not in text


def test_a_places_forces_best_first_still(knowledge: Knowledge) -> None:
    text = knowledge.reply("which welsh force is best at recording crime")
    assert text.startswith("Dyfed-Powys Police has the highest latest")


@pytest.mark.parametrize(
    ("question", "year", "figure"),
    [
        ("press release says Kent records 96.6% of crimes - right?", 2018, "96.6%"),
        ("is Lincolnshire really 81.2 per cent?", 2018, "81.2%"),
        ("our copy says Kent recorded 83.6% of crime. correct?", 2017, "83.6%"),
    ],
)
def test_a_quoted_figure_answers_that_finding(
    knowledge: Knowledge, question: str, year: int, figure: str
) -> None:
    answer = knowledge.ask(question)
    assert answer.year == year and answer.measure == "recording_rate", question
    assert figure in knowledge.render(answer)


def test_a_quoted_sample_size_finds_its_measure(knowledge: Knowledge) -> None:
    answer = knowledge.ask("was gwent's robbery sample really only 6 records")
    assert answer.measure == "cancelled_incorrect" and answer.offence == "robbery"


def test_a_quoted_figure_matching_nothing_changes_nothing(knowledge: Knowledge) -> None:
    answer = knowledge.ask("press release says Kent records 12.3% of crimes - right?")
    assert answer.year is None and answer.measure == "recording_rate"


@pytest.mark.parametrize(
    "question",
    [
        "how many crimes do the police in derbyshire not bother recording",
        "derbyshire crimes they don't bother to record",
    ],
)
def test_not_bothering_to_record_is_the_unrecorded_estimate(
    knowledge: Knowledge, question: str
) -> None:
    assert knowledge.ask(question).measure == "unrecorded_per_year", question


@pytest.mark.parametrize(
    "question",
    [
        "nationally, how bad was the worst force for rape being wrongly cancelled",
        "how high was the worst force for robbery cancelled wrongly",
    ],
)
def test_how_bad_the_worst_force_was_is_the_national_figure(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    assert answer.intent == "national", question
    assert answer.measure == "max_force_cancelled_incorrect_pct", question


def test_a_grade_step_then_what_changed_is_the_history(knowledge: Knowledge) -> None:
    answer = knowledge.ask("Durham went from good to outstanding - what changed?")
    assert answer.intent == "history"
    assert knowledge.ask("what changed recently").intent == "whats_new"


def test_how_did_a_force_do_on_crime_recording_is_the_summary(knowledge: Knowledge) -> None:
    answer = knowledge.ask("how did Kent police do on crime recording")
    assert answer.intent == "force_summary" and answer.measure is None


def test_a_follow_up_picks_the_option_by_its_word(knowledge: Knowledge) -> None:
    conversation = Conversation()
    conversation.ask(knowledge, "west grade")
    conversation.ask(knowledge, "the last one")
    answer = conversation.ask(knowledge, "and midlands")
    assert answer.forces == ("West Midlands Police",)


def test_which_of_them_names_its_own_measure(knowledge: Knowledge) -> None:
    conversation = Conversation()
    conversation.ask(knowledge, "Durham grade")
    conversation.ask(knowledge, "and Cleveland")
    answer = conversation.ask(knowledge, "which of them is better at recording crime")
    assert answer.intent == "compare" and answer.measure == "recording_rate"
    assert answer.forces == ("Durham Constabulary", "Cleveland Police")


def test_a_history_keeps_being_a_history(knowledge: Knowledge) -> None:
    conversation = Conversation()
    conversation.ask(knowledge, "Kent recording rate over the years")
    answer = conversation.ask(knowledge, "and the grade?")
    assert answer.intent == "history" and answer.forces == ("Kent Police",)
