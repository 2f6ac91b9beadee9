"""Every labelled set, tuned or held back, is well formed: canonical force names and known
intents, offences and measures. (Held-back sets are only checked for shape here, never scored.)"""

from pathlib import Path

import pytest
from labelled import (
    CONVERSATIONS_FILE,
    HELD_BACK_SETS,
    HELDOUT_FILE,
    QUESTIONS_FILE,
    Labelled,
    load_conversations,
    load_labelled,
)

from knowledge import Knowledge
from knowledge.measures import MEASURES

INTENTS = {
    "lookup",
    "force_summary",
    "compare",
    "offence_overview",
    "national",
    "rank",
    "select",
    "filter",
    "glossary",
    "help",
    "clarify",
    "out_of_scope",
    "whats_new",
    "history",
    "unlisted",
    "grade_change",
}
QUESTION_FILES = (QUESTIONS_FILE, HELDOUT_FILE, *(questions for _, questions, _ in HELD_BACK_SETS))
CONVERSATION_FILES = (CONVERSATIONS_FILE, *(talks for _, _, talks in HELD_BACK_SETS))


def items_of(path: Path) -> list[Labelled]:
    if path in CONVERSATION_FILES:
        return [turn for talk in load_conversations(path) for turn in talk.turns]
    return load_labelled(path)


@pytest.mark.parametrize("path", QUESTION_FILES + CONVERSATION_FILES, ids=lambda p: p.name)
def test_labels_use_known_names(knowledge: Knowledge, path: Path) -> None:
    offences = {fact.offence for fact in knowledge.store.facts} | {None}
    items = items_of(path)
    assert items
    for item in items:
        where = f"{path.name}:{item.label}"
        assert item.intent in INTENTS, where
        assert set(item.forces) | set(item.candidates) <= set(knowledge.store.forces), where
        assert item.offence in offences, where
        assert item.measure is None or item.measure in MEASURES, where
