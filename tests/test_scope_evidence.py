"""Issue 8: a force named beside another subject, with no word of ours, gets no figures; a
message that is essentially the name, or carries a word of ours, is still answered."""

import pytest

from knowledge import Knowledge
from knowledge.scope_evidence import other_subject

# A place or force beside a subject the bot does not cover, in no word list of ours.
OTHER_SUBJECTS = (
    "Kent weather this weekend",
    "Leeds school term dates",
    "Bristol bin collections",
    "Brighton parking permits",
    "Manchester train strikes",
    "Norwich restaurant reviews",
    "Surrey house prices",
    "Cambridge bus timetable",
    "Devon beaches",
    "Cornwall surfing lessons",
    "Dorset camping sites",
    "Sussex vineyards",
    "Essex wedding venues",
    "Hertfordshire garden centres",
    "Norfolk broads boat hire",
    "Cumbria lakes kayaking",
    "Durham cathedral opening hours",
    "Gwent dentists accepting patients",
    "Dyfed farmers market",
    "Northumbria tide times",
    "Cleveland bridge tolls",
    "Lincolnshire potato harvest",
    "Wiltshire stone circles tour",
    "Gloucestershire cheese rolling",
    "Warwickshire castle tickets",
    "Staffordshire pottery museum",
    "Derbyshire peak district cycling",
    "Nottinghamshire robin hood legends",
    "Leicestershire fox hunting ban",
    "Northamptonshire shoe factories",
    "Bedfordshire zoo prices",
    "Thames Valley flooding maps",
    "Hampshire ferry times",
    "Cheshire salt mines",
    "Merseyside ferry timetable",
    "Kent hop farms",
    "Avon gorge climbing",
    "Sussex university fees",
    "Yorkshire pudding recipe",
    "Surrey golf courses",
    "Essex nightclubs",
    "Devon cream teas",
    "Kent oyster festival",
    "Dorset fossils",
)
# Short questions that are essentially a force's name, or carry a word of ours.
GENUINE = (
    "Kent",
    "Kent?",
    "what about Kent",
    "tell me about dorset",
    "anything on the met",
    "how's Essex doing",
    "info on gwent pls",
    "Surrey figures",
    "Sussex stats",
    "how is Norfolk doing",
    "Devon and Cornwall?",
    "Cumbria latest",
    "what's the latest on Durham",
    "any news on Lancashire",
    "Dyfed-Powys please",
    "North Wales?",
    "how did West Midlands do",
    "GMP",
    "the Met",
    "Merseyside update",
    "how are Cleveland getting on",
    "Thames Valley overview",
    "Hampshire summary",
    "Cheshire data",
    "Essex crime recording",
    "tell me about Avon and Somerset",
    "Northumbria?",
    "South Yorkshire please",
    "what about west yorks",
    "Lincolnshire how are they doing",
    "how's Humberside faring",
    "Wiltshire info",
    "Kent rating",
    "Staffs grade",
    "what about Notts then",
    "and Leicestershire?",
    "Derbyshire results",
    "Warwickshire police",
    "City of Lonon",
    "Herts",
    "Beds?",
    "Gloucestershire now",
    "Kent cause of concern",
)


@pytest.mark.parametrize("question", OTHER_SUBJECTS)
def test_a_force_beside_another_subject_gets_no_figures(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    assert answer.intent == "out_of_scope"
    assert not answer.facts and not answer.forces
    assert "I can only answer about" in knowledge.render(answer)


@pytest.mark.parametrize("question", GENUINE)
def test_a_short_question_of_ours_is_answered(knowledge: Knowledge, question: str) -> None:
    answer = knowledge.ask(question)
    assert answer.intent in ("force_summary", "lookup")
    assert answer.forces and answer.facts


def test_the_force_is_offered_by_name(knowledge: Knowledge) -> None:
    answer = knowledge.ask("Dorset camping sites")
    text = knowledge.render(answer)
    assert answer.candidates == ("Dorset Police",)
    assert "Did you mean Dorset Police's crime recording?" in text
    assert '"Dorset Police crime recording"' in text


@pytest.mark.parametrize(
    "words",
    [
        ["Sarah", "Lincoln", "asked", "about", "Kent"],  # a person's name: not English
        ["City", "of", "Lonon"],  # a misspelling
        ["<b>Kent</b>"],  # markup
        ["Kent", "cause", "of", "concern"],  # a word of ours
        ["Kent", "weather", "figures"],  # another subject, and a word of ours
    ],
)
def test_what_never_counts_as_another_subject(words: list[str]) -> None:
    assert not other_subject(words, [], frozenset({"kent", "lincoln", "city", "london"}))


def test_another_subject_is_a_known_english_word_outside_the_name() -> None:
    assert other_subject(["Kent", "oyster", "festival"], [(0, 1)], frozenset({"kent"}))
    assert not other_subject(["Kent", "Oyster"], [(0, 2)], frozenset({"kent"}))
