"""The labelled question set: every question gets the expected intent, forces and figures."""

import pytest
from labelled import HELDOUT_FILE, Labelled, load_labelled, mismatches, wrong_force

from knowledge import Knowledge
from knowledge.render import TELEGRAM_LIMIT

LABELLED = load_labelled()
HELDOUT = load_labelled(HELDOUT_FILE)


def test_the_set_is_large_and_covers_every_force(knowledge: Knowledge) -> None:
    assert len(LABELLED) >= 200
    asked = {force for item in LABELLED for force in item.forces}
    assert asked >= set(knowledge.store.forces)
    assert {item.intent for item in LABELLED} >= {
        "lookup",
        "force_summary",
        "offence_overview",
        "national",
        "rank",
        "compare",
        "glossary",
        "help",
        "clarify",
        "out_of_scope",
    }


@pytest.mark.parametrize("item", LABELLED + HELDOUT, ids=lambda item: item.label)
def test_labelled_question(knowledge: Knowledge, item: Labelled) -> None:
    answer = knowledge.ask(item.question)
    text = knowledge.render(answer)
    assert mismatches(item, answer, text) == []
    assert not wrong_force(item, answer)
    assert len(knowledge.render(answer, "html")) < TELEGRAM_LIMIT
