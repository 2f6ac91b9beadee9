"""The eleventh audit's misreadings: a stray word before a force's exact name made a fuzzy
group ("cite gloucestershire") that tied the name with a longer place holding it (South
Gloucestershire, Avon and Somerset), and the bot asked which force was meant."""

import pytest

from knowledge.conversation import Conversation
from knowledge.service import Knowledge


@pytest.mark.parametrize(
    ("question", "force"),
    [
        ("cite gloucestershire grade", "Gloucestershire Constabulary"),
        ("pls cite gloucestershire recording rate", "Gloucestershire Constabulary"),
        ("quote gloucestershire grade for me", "Gloucestershire Constabulary"),
        ("cite yorkshire police grade", None),  # still which Yorkshire: no guess
        ("cite lancashire grade", "Lancashire Constabulary"),
        ("cite northamptonshire recording rate", "Northamptonshire Police"),
    ],
)
def test_a_stray_word_before_an_exact_name_leaves_the_name(
    knowledge: Knowledge, question: str, force: str | None
) -> None:
    answer = knowledge.ask(question)
    if force is None:
        assert answer.intent == "clarify" and len(answer.candidates) > 1
    else:
        assert answer.intent == "lookup" and answer.forces == (force,), question


@pytest.mark.parametrize(
    ("question", "force"),
    [
        ("south gloucestershire grade", "Avon and Somerset Constabulary"),
        ("sth gloucestershire grade", "Avon and Somerset Constabulary"),
        ("tunbridg wells police grade", "Kent Police"),
    ],
)
def test_a_longer_place_written_or_misspelt_is_still_that_place(
    knowledge: Knowledge, question: str, force: str
) -> None:
    assert knowledge.ask(question).forces == (force,), question


@pytest.mark.parametrize("cite", ["cite that", "pls cite that", "can you cite this", "quote that"])
@pytest.mark.parametrize(
    "first", ["kent grade", "herts robbery cancellations", "tell me about gwent"]
)
def test_cite_that_gives_the_last_answer_with_its_citation(
    knowledge: Knowledge, cite: str, first: str
) -> None:
    """ "cite that" after an answer was out of scope (the eleventh audit): it asks for the
    citation of the answer just given, as "source?" does."""
    conversation = Conversation()
    last = conversation.ask(knowledge, first)
    answer = conversation.ask(knowledge, cite)
    assert answer.intent == last.intent and answer.facts == last.facts
    assert answer.citation and answer.citation == last.citation
