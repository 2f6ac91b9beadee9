"""Which of a force's figures answer a question: the inspection, its year, those beside it;
and what every answer builder shares (an answer's common fields, a force's short name, the
forces' latest inspections). The Answerer (answers.py) routes; the builders take this core."""

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from knowledge.answer import Answer, InspectionRef
from knowledge.facts import Fact
from knowledge.figure_choice import without_repeats
from knowledge.measures import FAMILIES, primary_of
from knowledge.query import Query
from knowledge.selection import by_inspection, same_year_figures, selector
from knowledge.store import Store
from knowledge.vocabulary import NATIONAL

MAX_FACTS = 12  # per answer, so it stays well under Telegram's 4096 characters


class ForceFigures:
    """Chooses each force's figures for a question, once per data version."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._facts_of: dict[str, list[Fact]] = {}
        self._facts_version: str | None = None
        # per data version: each force's facts by measure (with their place in facts_of),
        # and the figures already chosen for a (force, offence, measure, year, ...) asked
        self._by_measure: dict[str, dict[str, list[tuple[int, Fact]]]] = {}
        self._chosen: dict[tuple[Any, ...], list[Fact]] = {}

    @property
    def facts_of(self) -> dict[str, list[Fact]]:
        """Each force's facts without repeats, as visible now: an embargo lifting adds some."""
        self._refresh()
        return self._facts_of

    def _refresh(self) -> None:
        """A new data version (or an embargo lifted): read the facts again, forget the rest."""
        version = self.store.visible_version
        if version != self._facts_version:
            forces = (*self.store.forces, NATIONAL)
            self._facts_of = {f: without_repeats(self.store.answerable_for(f)) for f in forces}
            self._facts_version = version
            self._chosen = {}
            # each force's facts by measure, here rather than at the first list of each kind
            self._by_measure = {
                force: _by_measure(facts) for force, facts in self._facts_of.items()
            }

    def _of_measures(self, force: str, measures: tuple[str, ...]) -> list[Fact]:
        """The force's facts of these measures, in their facts_of order, without reading the
        force's other facts (at 100x data a force has thousands)."""
        index = self._by_measure.get(force)
        if index is None:  # a force without facts
            index = self._by_measure[force] = _by_measure(self.facts_of.get(force, []))
        found = [hit for m in dict.fromkeys(measures) for hit in index.get(m, ())]
        if len(measures) > 1:
            found.sort(key=lambda hit: hit[0])
        return [fact for _, fact in found]

    def figures(
        self, force: str, query: Query, measures: tuple[str, ...] | None = None
    ) -> list[Fact]:
        """The force's figures that answer the question, grouped by inspection, newest first.

        The asked measure picks the inspection (the latest with it, or the year asked); the
        figures that go with it (an unrecorded estimate beside a rate) come from inspections of
        that same year only, so a 2022 rate is never paired with a 2017 estimate. Chosen once
        per data version: a list answer asks this of every force, and many questions share it.
        """
        key = (
            force,
            query.offence,
            query.measure,
            query.kind_asked,
            query.year,
            query.years,
            measures,
        )
        self._refresh()
        chosen = self._chosen.get(key)
        if chosen is None:
            chosen = self._chosen[key] = self._figures(force, query, measures)
        return list(chosen)  # the caller's own list

    def _figures(self, force: str, query: Query, measures: tuple[str, ...] | None) -> list[Fact]:
        family = measures or FAMILIES.get(query.measure or "", None)
        if family is None and query.measure:
            family = (query.measure,)
        primary = primary_of(query.measure) if query.measure else ()
        wanted = selector(query.offence, query.measure, family)
        if family is None:
            facts = self.facts_of.get(force, [])
        else:
            facts = self._of_measures(force, family)
        every = [f for f in facts if wanted(f)]
        if query.measure == "grade" and query.kind_asked:  # "Kent CDI grade": that kind's grade
            of_kind = [f for f in every if f.inspection_kind == query.kind_asked]
            every = of_kind or every
        chosen: list[Fact] = []
        for year in query.years or (query.year,):  # two years named: each one's figures
            facts = [f for f in every if year is None or f.inspection_year == year]
            chosen += same_year_figures(facts, primary)
        return by_inspection(chosen, family or ())

    def other_years(self, force: str | None, query: Query) -> tuple[int, ...]:
        """When a year was asked and has no figure: the years that do (for an honest 'no')."""
        if query.year is None:
            return ()
        forces = [force] if force else list(self.store.forces)
        years = {  # every year with such a figure, not only the latest one's (Lancashire 2017)
            year
            for fc in forces
            for year in {f.inspection_year for f in self.facts_of.get(fc, [])}
            if year and self.figures(fc, replace(query, year=year))
        }
        return tuple(sorted(y for y in years if y))

    def base(self, query: Query, **changes: Any) -> Answer:
        answer = Answer(
            question=query.text,
            intent=query.intent,
            forces=query.forces,
            candidates=query.candidates,
            offence=query.offence,
            measure=query.measure,
            year=query.year,
            years=query.years,
            rank=query.rank,
            unsure=query.unsure,
            guesses=query.guesses,
            grade_filter=query.grade_filter,
            not_police=query.not_police,
            total_forces=len(self.store.forces),
            threshold=query.threshold,
            country=query.country,
            kind_asked=query.kind_asked,
        )
        return replace(answer, **changes)

    def short(self, force: str) -> str:
        return self.store.forces[force]["short_name"]

    def latest_inspections(self, forces: Iterable[str]) -> tuple[InspectionRef, ...]:
        """Each force's latest inspection, for the answer to name."""
        refs = []
        for force in forces:
            fact = self.store.latest_inspection(force)
            if fact:
                refs.append(InspectionRef(force, fact.inspection, fact.inspection_year))
        return tuple(refs)


def _by_measure(facts: list[Fact]) -> dict[str, list[tuple[int, Fact]]]:
    """A force's facts by measure, each with its place among them."""
    index: dict[str, list[tuple[int, Fact]]] = {}
    for place, fact in enumerate(facts):
        index.setdefault(fact.measure, []).append((place, fact))
    return index
