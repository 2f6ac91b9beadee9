""" "What's new": the newest inspections in the data by year and publication date, and what each
found (an undated one placed by its year);
"what's new in Kent": that force's inspections, newest first;
"which forces were inspected in 2014": the forces with findings of that year in the data."""

from collections.abc import Iterable
from dataclasses import replace

from knowledge.announcement import inspection_facts
from knowledge.answer import Answer, InspectionRef
from knowledge.query import Query
from knowledge.store import Store
from knowledge.vocabulary import NATIONAL

NEWEST_SHOWN = 4
FACTS_EACH = 3  # 4 inspections x 3 figures stays well under Telegram's 4,096 characters


def newest_inspections(store: Store, count: int = NEWEST_SHOWN) -> list[InspectionRef]:
    """The newest inspections of every force and the national ones: by year, then publication
    date where known. An inspection without a publication date is placed by its year (after the
    dated ones of that year), never left out: the 2025 national report has no date in the data."""
    return newest_of_forces(store, (*store.forces, NATIONAL), count)


def newest_of_forces(
    store: Store, forces: Iterable[str], count: int = NEWEST_SHOWN
) -> list[InspectionRef]:
    """The forces' own inspections, newest first by year, then publication date (an undated
    PEEL report of 2022 is newer than a re-inspection published in 2019)."""
    newest = store.newest_of(forces, count)
    return [InspectionRef(force, title, year) for force, title, (_, _, year) in newest]


def inspections_of_year(store: Store, year: int) -> list[InspectionRef]:
    """Every force's inspections of `year` in the data (national reports left out), by force
    (the store keeps its list of inspections until its visible findings change)."""
    return [
        InspectionRef(force, title, order[2])
        for force, title, order in store.inspections_of(store.forces, year)
        if order[2] == year
    ]


def whats_new(store: Store, query: Query) -> Answer:
    """An Answer listing the newest inspections (of the forces asked about, if any), each with
    its headline figures; or, a year asked, every force's inspections of that year in the data."""
    if query.year is not None and not query.forces:
        refs = inspections_of_year(store, query.year)
        answer = Answer(question=query.text, intent="whats_new", year=query.year)
        return replace(answer, latest=tuple(refs), missing=not refs)
    refs = newest_of_forces(store, query.forces) if query.forces else newest_inspections(store)
    facts = [f for ref in refs for f in inspection_facts(store, ref.force, ref.title)[:FACTS_EACH]]
    answer = Answer(question=query.text, intent="whats_new", forces=query.forces)
    answer = replace(answer, topic="data_changes" if query.data_changes else None)
    return replace(answer, facts=tuple(facts), latest=tuple(refs), missing=not refs)
