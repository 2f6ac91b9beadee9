"""Normalising, spelling, places, guard words and context: each kind of message readers type."""

import pytest

from knowledge import Knowledge
from knowledge.normalise import normalise

HERTS, KENT, DORSET = "Hertfordshire Constabulary", "Kent Police", "Dorset Police"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("ｄｏｒｓｅｔ grade", "dorset grade"),  # full-width letters
        ("Dor\u200bset grade", "Dorset grade"),  # zero-width space
        ("Dor\u200dset\u2060 grade", "Dorset grade"),  # joiner, word joiner
        ("\u202eDorset\u202c grade", "Dorset grade"),  # bidi override
        ("Kent\u2019s  grade\n\n?", "Kent's grade ?"),
        ("2015\u201316", "2015-16"),
    ],
)
def test_normalise(raw: str, clean: str) -> None:
    assert normalise(raw) == clean


@pytest.mark.parametrize(
    ("question", "force", "offence", "measure"),
    [
        ("sufolk robery canselled", "Suffolk Constabulary", "robbery", "cancelled_incorrect"),
        ("herts violance cancelations", HERTS, "violence", "cancelled_incorrect"),
        ("kent recordng rate", KENT, None, "recording_rate"),
        ("Kent canceled rapes", KENT, "rape", "cancelled_incorrect"),
        ("ｋｅｎｔ ｇｒａｄｅ", KENT, None, "grade"),
        ("Ke\u200bnt grade", KENT, None, "grade"),
        ("Slough recording rate", "Thames Valley Police", None, "recording_rate"),
        ("Bath rape cancellations", "Avon and Somerset Constabulary", "rape", None),
        ("hull sex offences wrongly cancelled", "Humberside Police", "sexual offences", None),
        ("swindon grade", "Wiltshire Police", None, "grade"),
        ("I went to the shops. How good is Kent at recording?", KENT, None, "recording_rate"),
        (
            "The Yorkshire Post says West Yorkshire Police grade",
            "West Yorkshire Police",
            None,
            None,
        ),
        ("March figures for Kent grade", KENT, None, "grade"),
        ("were victims told when kent cancelled crimes", KENT, None, "victims_told"),
        ("kent victims not told", KENT, None, "victims_not_told"),
        (
            "south yorkshire domestic abuse recorded",
            "South Yorkshire Police",
            "domestic abuse",
            None,
        ),
    ],
)
def test_one_force_and_its_slots(
    knowledge: Knowledge, question: str, force: str, offence: str | None, measure: str | None
) -> None:
    answer = knowledge.ask(question)
    assert answer.forces == (force,)
    assert offence is None or answer.offence == offence
    assert measure is None or answer.measure == measure


@pytest.mark.parametrize(
    ("question", "forces"),
    [
        ("herts vs beds", (HERTS, "Bedfordshire Police")),
        ("gmp vs met", ("Greater Manchester Police", "Metropolitan Police Service")),
        ("beds cambs and herts", ("Bedfordshire Police", "Cambridgeshire Constabulary", HERTS)),
        ("Bath vs Kent", ("Avon and Somerset Constabulary", KENT)),
    ],
)
def test_lowercase_nicknames_and_places_in_comparisons(
    knowledge: Knowledge, question: str, forces: tuple[str, ...]
) -> None:
    assert knowledge.ask(question).forces == forces


@pytest.mark.parametrize(
    "question",
    [
        "essex fire and rescue grade",
        "Kent Fire and Rescue Service recording",
        "will it rain in swansea tomorrow",
        "Glasgow robbery cancellations",
        "Leeds United results",
        "i met a man who was reading about bath time",
    ],
)
def test_not_police_gives_no_figures(knowledge: Knowledge, question: str) -> None:
    answer = knowledge.ask(question)
    assert not answer.facts and answer.intent in ("out_of_scope", "help")


def test_a_fire_service_is_named_in_the_reply(knowledge: Knowledge) -> None:
    text = knowledge.reply("essex fire and rescue grade")
    assert "fire and rescue service, not a police force" in text


def test_a_question_inside_padding_is_found(knowledge: Knowledge) -> None:
    padding = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do " * 50
    answer = knowledge.ask(f"{padding} herts robbery cancellations? {padding}")
    assert len(padding) * 2 > 3000
    assert answer.forces == (HERTS,) and answer.offence == "robbery" and answer.facts


def test_a_town_in_three_forces_is_asked_about(knowledge: Knowledge) -> None:
    answer = knowledge.ask("newport recording rate")
    assert answer.intent == "clarify" and set(answer.candidates) == {
        "Gwent Police",
        "Hampshire Constabulary",
        "West Mercia Police",
    }


@pytest.mark.parametrize(
    ("question", "measure", "year", "years"),
    [
        (
            "how many cancelled crimes were recorded in 2015-16",
            "cancelled_crimes_recorded",
            2016,
            (),
        ),
        (
            "how many forces wrongly cancelled violence",
            "forces_with_incorrect_cancellations",
            None,
            (),
        ),
        (
            "worst force's percentage of robbery wrongly cancelled",
            "max_force_cancelled_incorrect_pct",
            None,
            (),
        ),
        ("national recording rate 2025 vs 2014", "recording_rate", None, (2025, 2014)),
    ],
)
def test_national_figures(
    knowledge: Knowledge, question: str, measure: str, year: int | None, years: tuple[int, ...]
) -> None:
    answer = knowledge.ask(question)
    assert (answer.intent, answer.measure, answer.year) == ("national", measure, year)
    assert answer.facts and {f.force for f in answer.facts} == {"England and Wales"}
    assert {f.inspection_year for f in answer.facts} >= set(years)


def test_national_recording_rate_2025_against_2014(knowledge: Knowledge) -> None:
    text = knowledge.reply("national recording rate 2025 vs 2014")
    assert "94.8%" in text and "80.5%" in text


def test_ranks_by_direction(knowledge: Knowledge) -> None:
    most = knowledge.ask("which force has the most unrecorded crimes")
    least = knowledge.ask("which force has the fewest unrecorded crimes")
    assert (most.rank, least.rank) == ("most", "least")
    assert most.facts[0].number >= most.facts[-1].number  # type: ignore[operator]
    assert least.facts[0].number <= least.facts[-1].number  # type: ignore[operator]


def test_grade_filter_lists_only_that_grade(knowledge: Knowledge) -> None:
    answer = knowledge.ask("which forces are rated inadequate")
    assert answer.intent == "filter" and answer.facts
    assert {f.value for f in answer.facts} == {"inadequate"}


def test_json_names_every_force_in_a_ranking(knowledge: Knowledge) -> None:
    answer = knowledge.ask("worst recording rate")
    assert answer.forces == ()
    assert answer.as_json()["forces"] == list(dict.fromkeys(f.force for f in answer.facts))


def test_a_comparison_with_no_figures_says_so(knowledge: Knowledge) -> None:
    answer = knowledge.ask("leics and notts violent crime recording")
    assert len(answer.forces) == 2
    assert "Leicestershire Police" in knowledge.render(answer, "html")


def test_a_misspelt_town_in_a_comparison_asks_did_you_mean(knowledge: Knowledge) -> None:
    answer = knowledge.ask("breighron vs kent grade")
    assert answer.intent == "clarify" and not answer.facts
    assert "Did you mean Breighton (Humberside Police)?" in knowledge.render(answer)
    single = knowledge.ask("breighron grade")  # a gazetteer town under an exact-looking score
    assert single.intent == "clarify" and single.candidates == ("Humberside Police",)


@pytest.mark.parametrize(
    ("question", "force"),
    [
        ("Sarah Lincoln asked about Kent", "Kent Police"),
        (
            "watching derby county, meanwhile how is nottinghamshire rated",
            "Nottinghamshire Police",
        ),
        ("my mate out west says wiltshire record crime badly, whats the rate", "Wiltshire Police"),
        ("I moved down south - what's Surrey's grade", "Surrey Police"),
    ],
)
def test_a_surname_a_club_or_a_direction_gives_way_to_the_force_named(
    knowledge: Knowledge, question: str, force: str
) -> None:
    assert knowledge.ask(question).forces == (force,)
