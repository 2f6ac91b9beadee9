""" "What's new": the newest inspections in the data by publication date, and what each found."""

from dataclasses import replace

from knowledge.announcement import inspection_facts
from knowledge.answers import Answer, InspectionRef
from knowledge.parser import Query
from knowledge.store import Store

NEWEST_SHOWN = 4
FACTS_EACH = 3  # 4 inspections x 3 figures stays well under Telegram's 4,096 characters


def newest_inspections(store: Store, count: int = NEWEST_SHOWN) -> list[InspectionRef]:
    """The inspections with the latest publication dates (undated ones cannot be placed)."""
    return [InspectionRef(*newest) for newest in store.newest_published(count)]


def whats_new(store: Store, query: Query) -> Answer:
    """An Answer listing the newest inspections, each with its headline figures."""
    refs = newest_inspections(store)
    facts = [f for ref in refs for f in inspection_facts(store, ref.force, ref.title)[:FACTS_EACH]]
    answer = Answer(question=query.text, intent="whats_new")
    return replace(answer, facts=tuple(facts), latest=tuple(refs), missing=not refs)
