"""What the fifth writer's tuning half and the retired third set showed, each rule tried in
sentence frames of our own: subjects that are not crime recording (sport, going out, who runs a
force, crimes never audited) beside a place, a typo one letter-swap from a name, "rate" alone,
"failed its inspection", glossary questions asked with "why" or "difference between", and
follow-ups that take a group of earlier forces, the other forces, or drop an offence."""

import pytest

from knowledge.conversation import Conversation
from knowledge.service import Knowledge


@pytest.mark.parametrize(
    "question",
    [
        "who is the chief constable of kent",
        "Essex chief constable's name",
        "who is the police and crime commissioner for Surrey",
        "surrey pcc",
        "what is the budget of Dorset Police",
        "Yorkshire cricket results",
        "is there good cricket in Taunton",
        "Cardiff pubs open late",
        "best restaurants in Norwich",
        "hotels near Chester",
        "how many murders were there in Leeds",
        "Cheshire homicides 2019",
        "theft in Bristol last year",
        "fraud in Kent",
        "schools in Kent",
        "hospital waiting times in Leeds",
        "population of sheffield",
        "covid cases in leicester",
        "Sussex Police phone number",
        "kent police jobs",
        "when was Durham Police founded",
        "dorset police twitter",
        "council tax in surrey",
        "who runs thames valley police",
        "how much does the chief constable of kent earn",
        "best curry house in bradford",
        "things to do in brighton",
        "lancashire hotpot recipe",
        "surrey football team",
    ],
)
def test_a_place_beside_another_subject_is_out_of_scope(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    assert answer.intent == "out_of_scope", question
    assert not answer.facts and not answer.forces, question


@pytest.mark.parametrize(
    ("question", "force"),
    [
        ("chief constable of kent: what was the recording rate", "Kent Police"),
        ("Rugby police", "Warwickshire Police"),
        ("Kent Police posted the report on twitter. What is their grade?", "Kent Police"),
        (
            "Schools were shut in Leeds. What is the recording rate in Leeds?",
            "West Yorkshire Police",
        ),
        (
            "cricket aside, what is the recording rate in Leeds",
            "West Yorkshire Police",
        ),
    ],
)
def test_a_crime_recording_question_still_answers(
    knowledge: Knowledge, question: str, force: str
) -> None:
    answer = knowledge.ask(question)
    assert answer.forces == (force,) and answer.facts, question


@pytest.mark.parametrize(
    ("question", "force"),
    [
        ("norht yorkshire recording rate", "North Yorkshire Police"),
        ("souht wales grade", "South Wales Police"),
        ("norht wales rape cancellations", "North Wales Police"),
    ],
)
def test_two_swapped_letters_in_a_direction_still_name_the_force(
    knowledge: Knowledge, question: str, force: str
) -> None:
    assert knowledge.ask(question).forces == (force,)


@pytest.mark.parametrize(
    ("question", "offence"),
    [
        ("leics violence rate 2017", "violence"),
        ("what's the rape rate in Sussex", "rape"),
        ("hants crime data integrity rate", None),
        ("Kent rate?", None),
    ],
)
def test_a_rate_alone_is_the_recording_rate(
    knowledge: Knowledge, question: str, offence: str | None
) -> None:
    answer = knowledge.ask(question)
    assert (answer.measure, answer.offence) == ("recording_rate", offence), question
    assert answer.facts[0].measure == "recording_rate"


@pytest.mark.parametrize(
    "question",
    [
        "burglary rate in Kent",
        "murder rate in Leeds",
        "kent conviction rate",
        "Essex charge rate",
        "detection rate in Surrey",
    ],
)
def test_a_rate_of_something_unaudited_is_not_the_recording_rate(
    knowledge: Knowledge, question: str
) -> None:
    assert knowledge.ask(question).intent == "out_of_scope"


@pytest.mark.parametrize(
    "question",
    [
        "which forces failed their inspection",
        "forces that failed the crime data integrity inspection",
        "who failed its cdi",
    ],
)
def test_failed_an_inspection_is_the_inadequate_grade(knowledge: Knowledge, question: str) -> None:
    answer = knowledge.ask(question)
    assert (answer.intent, answer.grade_filter) == ("filter", "inadequate"), question


def test_failing_to_record_is_not_a_grade(knowledge: Knowledge) -> None:
    answer = knowledge.ask("which forces failed to record the most violence")
    assert answer.intent == "rank" and answer.measure == "unrecorded_per_year"


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("what's the difference between HMIC and HMICFRS", "hmicfrs"),
        ("who are the inspectorate", "hmicfrs"),
        ("why is the sample so small", "sample"),
        ("why are confidence intervals given", "confidence_interval"),
    ],
)
def test_why_and_difference_questions_explain(
    knowledge: Knowledge, question: str, term: str
) -> None:
    answer = knowledge.ask(question)
    assert (answer.intent, answer.glossary_term) == ("glossary", term), question


@pytest.mark.parametrize(
    "question",
    ["who is worst at recording crime", "who is outstanding", "difference between kent and essex"],
)
def test_who_and_difference_still_ask_of_forces(knowledge: Knowledge, question: str) -> None:
    assert knowledge.ask(question).intent in ("rank", "filter", "compare"), question


@pytest.mark.parametrize(
    "question",
    [
        "UK police recording rate 2025",
        "recording rate across the UK in 2025",
        "what share of crime did police in the united kingdom record in 2025",
    ],
)
def test_the_uk_gets_the_england_and_wales_figure_saying_so(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    text = knowledge.render(answer)
    assert answer.intent == "national" and "94.8%" in text and "England and Wales" in text


@pytest.mark.parametrize(
    "question",
    ["worst force in england and wales for recording crime", "the best uk force at recording"],
)
def test_a_force_ranked_nationally_is_a_ranking(knowledge: Knowledge, question: str) -> None:
    assert knowledge.ask(question).intent == "rank", question


@pytest.mark.parametrize(
    "question",
    ["Cheshire other offences wrongly cancelled", "other offences no-crimed in cheshire"],
)
def test_other_offences_are_the_sources_mixed_sample(knowledge: Knowledge, question: str) -> None:
    answer = knowledge.ask(question)
    assert answer.offence == "other" and "29 of 71" in knowledge.render(answer)


@pytest.mark.parametrize(
    "question",
    [
        "which forces didnt tell victims their crimes were cancelled",
        "forces that didnt inform victims of a cancelled crime",
    ],
)
def test_didnt_tell_is_victims_not_told(knowledge: Knowledge, question: str) -> None:
    assert knowledge.ask(question).measure == "victims_not_told", question


@pytest.mark.parametrize(
    ("question", "candidates"),
    [("gillingham crime recording", 2), ("Newport crime recording", 3)],
)
def test_a_shared_place_asked_about_crime_recording_asks_without_a_measure(
    knowledge: Knowledge, question: str, candidates: int
) -> None:
    answer = knowledge.ask(question)
    assert (answer.intent, answer.measure, len(answer.candidates)) == ("clarify", None, candidates)


def talk(knowledge: Knowledge, *questions: str) -> list[object]:
    conversation = Conversation()
    return [conversation.ask(knowledge, question) for question in questions]


@pytest.mark.parametrize(
    ("questions", "forces"),
    [
        (("kent recording rate", "and essex", "compare them"), ("Kent Police", "Essex Police")),
        (
            ("dorset grade", "and devon and cornwall", "those two side by side"),
            ("Dorset Police", "Devon and Cornwall Police"),
        ),
        (
            ("surrey recording rate", "sussex?", "and kent", "compare all three"),
            ("Surrey Police", "Sussex Police", "Kent Police"),
        ),
        (
            ("surrey recording rate", "sussex?", "and kent", "the three side by side"),
            ("Surrey Police", "Sussex Police", "Kent Police"),
        ),
    ],
)
def test_a_group_of_earlier_forces_is_compared(
    knowledge: Knowledge, questions: tuple[str, ...], forces: tuple[str, ...]
) -> None:
    last = talk(knowledge, *questions)[-1]
    assert (last.intent, last.forces, last.measure) == ("compare", forces, last.measure)
    assert {f.force for f in last.facts} == set(forces)


def test_three_is_not_asked_of_two(knowledge: Knowledge) -> None:
    last = talk(knowledge, "kent recording rate", "and essex", "compare all three")[-1]
    assert not (last.intent == "compare" and len(last.forces) == 3)


@pytest.mark.parametrize(
    ("first", "then", "offence", "measure"),
    [
        ("herts modern slavery", "any other forces checked on that?", "modern slavery", None),
        ("kent recording rate", "what about other forces", None, "recording_rate"),
        ("gwent robbery cancellations", "and elsewhere?", "robbery", "cancelled_incorrect"),
    ],
)
def test_other_forces_gets_the_same_across_forces(
    knowledge: Knowledge, first: str, then: str, offence: str | None, measure: str | None
) -> None:
    last = talk(knowledge, first, then)[-1]
    assert (last.intent, last.offence, last.measure) == ("offence_overview", offence, measure)
    assert last.facts and not last.forces


@pytest.mark.parametrize("word", ["ok", "okay thanks", "great", "fair enough"])
def test_an_acknowledgement_is_help_and_keeps_the_conversation(
    knowledge: Knowledge, word: str
) -> None:
    answers = talk(knowledge, "norfolk recording rate", word, "and their grade")
    assert answers[1].intent == "help"
    assert (answers[2].forces, answers[2].measure) == (("Norfolk Constabulary",), "grade")


@pytest.mark.parametrize(
    ("first", "then", "force"),
    [
        ("essex fire and rescue grade", "no, essex police", "Essex Police"),
        ("Kent Messenger grade", "no I mean Kent Police", "Kent Police"),
    ],
)
def test_the_police_named_after_another_service_keeps_what_was_asked(
    knowledge: Knowledge, first: str, then: str, force: str
) -> None:
    answers = talk(knowledge, first, then)
    assert answers[0].intent == "out_of_scope" and not answers[0].facts
    assert (answers[1].forces, answers[1].measure) == ((force,), "grade")


@pytest.mark.parametrize(
    ("questions", "force", "figure"),
    [
        (("derbyshire violence", "how many unrecorded a year"), "Derbyshire", "30,300"),
        (("kent violence recording rate", "how many go unrecorded"), "Kent Police", "24,300"),
    ],
)
def test_a_carried_offence_without_the_figure_is_dropped_and_said(
    knowledge: Knowledge, questions: tuple[str, ...], force: str, figure: str
) -> None:
    last = talk(knowledge, *questions)[-1]
    text = knowledge.render(last)
    assert last.offence is None and last.dropped_offence == "violence"
    assert figure in text and "not violence" in text.split("\n")[0] and force in text


def test_a_carried_offence_with_its_figure_stays(knowledge: Knowledge) -> None:
    last = talk(knowledge, "hull violence", "unrecorded?")[-1]
    assert last.offence == "violence" and "6,200" in knowledge.render(last)


@pytest.mark.parametrize(
    ("first", "then", "intent"),
    [
        ("kent grade", "which other forces are outstanding", "filter"),
        ("kent grade", "how many other forces got outstanding", "filter"),
        ("kent recording rate", "which other forces are above 95%", "select"),
    ],
)
def test_other_forces_with_a_question_of_its_own_is_that_question(
    knowledge: Knowledge, first: str, then: str, intent: str
) -> None:
    assert talk(knowledge, first, then)[-1].intent == intent


@pytest.mark.parametrize(
    "question",
    [
        "sydney police",
        "Paris police grade",
        "chicago crime recording",
        "boston police department",
        "what grade did the Boston Police Department get",
        "kent county sheriff",
    ],
)
def test_a_city_abroad_or_an_american_police_word_is_out_of_scope(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    assert answer.intent == "out_of_scope" and not answer.facts, question


def test_boston_without_american_words_is_lincolnshire(knowledge: Knowledge) -> None:
    assert knowledge.ask("Boston police grade").forces == ("Lincolnshire Police",)


@pytest.mark.parametrize(
    "question",
    [
        "Portsmouth FC",
        "Bath Rugby",
        "Gloucester rugby",
        "norfolk hospital trust rating",
        "Cheltenham races",
        "Glastonbury festival",
        "Notting Hill carnival",
        "BBC Essex",
        "Radio Kent",
    ],
)
def test_a_club_an_event_a_hospital_or_a_broadcaster_named_by_its_place_is_not_the_police(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    assert answer.intent == "out_of_scope" and not answer.facts, question


@pytest.mark.parametrize(
    ("question", "forces"),
    [
        ("Rugby police", ("Warwickshire Police",)),
        ("Rugby recording rate", ("Warwickshire Police",)),
        ("Coventry and Rugby grade", ("West Midlands Police", "Warwickshire Police")),
        ("BBC Essex asked: what is the essex grade", ("Essex Police",)),
        ("Portsmouth police", ("Hampshire Constabulary",)),
    ],
)
def test_the_town_itself_still_answers(
    knowledge: Knowledge, question: str, forces: tuple[str, ...]
) -> None:
    assert knowledge.ask(question).forces == forces, question
