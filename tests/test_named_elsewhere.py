"""Names that hold a force's name or place but mean something else: every football club of
football_clubs.csv and every name abroad of ABROAD_NAMES, each in several sentence frames."""

import pytest

from knowledge.named_elsewhere import ABROAD_NAMES, CLUBS
from knowledge.service import Knowledge

CLUB_NAMES = [" ".join(club).title() for club in CLUBS]
# No crime-recording word: the club, out of scope.
CLUB_FRAMES = (
    "how did {} get on saturday",
    "{} result?",
    "what happened with {} last night",
    "is {} any good this season",
)
# A crime-recording word: the club's town may be meant ("Stoke City police grade"), never the
# rest of its name ("City": the City of London).
CRIME_FRAMES = ("{} police grade", "how well does {} record crime")


@pytest.mark.parametrize("frame", CLUB_FRAMES)
def test_a_club_by_its_full_name_is_out_of_scope(knowledge: Knowledge, frame: str) -> None:
    for club in CLUB_NAMES:
        query = knowledge.parse(frame.format(club))
        assert (query.intent, query.forces, query.candidates) == ("out_of_scope", (), ()), club


@pytest.mark.parametrize("frame", CRIME_FRAMES)
def test_a_club_with_a_crime_word_is_only_ever_its_towns_force(
    knowledge: Knowledge, frame: str
) -> None:
    for club in CLUBS:
        town = " ".join(club[:-1] or club).title()
        allowed = set(knowledge.find_forces(f"{town} police").forces)
        query = knowledge.parse(frame.format(" ".join(club).title()))
        assert set(query.forces) <= allowed, (club, query.forces, allowed)


def test_the_derby_county_question_of_the_fourth_set(knowledge: Knowledge) -> None:
    query = knowledge.parse("how did Derby County get on saturday")
    assert (query.intent, query.forces, query.not_police) == (
        "out_of_scope",
        (),
        "a football club",
    )
    assert knowledge.parse("Derby County crime recording").forces == ("Derbyshire Constabulary",)
    assert knowledge.parse("Stoke City police grade").forces == ("Staffordshire Police",)


ABROAD = sorted(ABROAD_NAMES)
ABROAD_FRAMES = (
    "{} police grade",
    "Manchester, {} police grade",
    "crime recording rate in {}",
    "how well do the police in {} record crime",
    "{} rape cancellations",
)


@pytest.mark.parametrize("frame", ABROAD_FRAMES)
def test_a_place_abroad_with_a_forces_name_in_it_is_out_of_scope(
    knowledge: Knowledge, frame: str
) -> None:
    for name in ABROAD:
        question = frame.format(name.title())
        query = knowledge.parse(question)
        assert (query.intent, query.forces, query.candidates) == ("out_of_scope", (), ()), question


@pytest.mark.parametrize(
    ("question", "force"),
    [
        ("Boston, Lincolnshire police grade", "Lincolnshire Police"),
        ("any new Hampshire figures", "Hampshire Constabulary"),
        ("Manchester police grade", "Greater Manchester Police"),
        ("Derby recording rate", "Derbyshire Constabulary"),
    ],
)
def test_the_english_places_stay_english(knowledge: Knowledge, question: str, force: str) -> None:
    assert knowledge.parse(question).forces == (force,)


def test_new_england_and_wales_is_the_nation(knowledge: Knowledge) -> None:
    query = knowledge.parse("new England and Wales recording rate")
    assert query.intent != "out_of_scope" and query.forces == ()
    assert knowledge.parse("New England recording rates").intent == "out_of_scope"
