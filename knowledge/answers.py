"""Answer a parsed question about one or a few forces; lists across forces are in lists.py."""

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from knowledge.answer import Answer, Group, InspectionRef
from knowledge.asking import asks_cause_of_concern, asks_latest
from knowledge.facts import Fact
from knowledge.figure_choice import source_preference, without_repeats
from knowledge.followups import FollowUp, other_offences, question_for
from knowledge.lists import ListAnswerer
from knowledge.measures import FAMILIES, RECORDING_AUDITS, primary_of
from knowledge.parser import Query
from knowledge.selection import (
    ANY_OFFENCE,
    by_inspection,
    default_measure,
    lead,
    mixed_findings,
    same_year_figures,
    selector,
)
from knowledge.store import Store
from knowledge.vocabulary import NATIONAL

__all__ = ["MAX_FACTS", "Answer", "Answerer", "Group", "InspectionRef"]

MAX_FACTS = 12  # per answer, so it stays well under Telegram's 4096 characters
_HISTORY_INTENTS = ("lookup", "force_summary")
HISTORY_MEASURES = (
    "grade",
    "recording_rate",
    "unrecorded_per_year",
    "unrecorded_rate",
    "additional_recorded_per_year",
)
YEAR_ORDER = (
    "grade",
    "recording_rate",
    "unrecorded_per_year",
    *RECORDING_AUDITS,
    *FAMILIES["cancelled_incorrect"],
)
SUMMARY_MEASURES = (("all", ("grade",)), ("all", ("recording_rate", "unrecorded_per_year")))


class Answerer:
    """Builds an Answer for each intent from the in-memory store."""

    def __init__(self, store: Store, cite: Callable[[Answer], str] | None = None) -> None:
        self.store = store
        self.cite = cite  # the renderer's citation of an answer's lead figure
        self._facts_of: dict[str, list[Fact]] = {}
        self._facts_version: str | None = None
        # per data version: each force's facts by measure (with their place in facts_of),
        # and the figures already chosen for a (force, offence, measure, year, ...) asked
        self._by_measure: dict[str, dict[str, list[tuple[int, Fact]]]] = {}
        self._chosen: dict[tuple[Any, ...], list[Fact]] = {}
        self.lists = ListAnswerer(self)
        self.builders: dict[str, Callable[[Query], Answer]] = {
            "lookup": self.lookup,
            "force_summary": self.force_summary,
            "offence_overview": self.lists.offence_overview,
            "national": self.lists.national,
            "rank": self.lists.rank,
            "filter": self.lists.filter,
            "select": self.lists.select,
            "compare": self.compare,
            "clarify": self.clarify,
            "whats_new": self.whats_new,
            "unlisted": self.unlisted,
            "grade_change": self.grade_change,
        }

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
            self._by_measure, self._chosen = {}, {}

    def _of_measures(self, force: str, measures: tuple[str, ...]) -> list[Fact]:
        """The force's facts of these measures, in their facts_of order, without reading the
        force's other facts (at 100x data a force has thousands)."""
        index = self._by_measure.get(force)
        if index is None:
            index = {}
            for place, fact in enumerate(self.facts_of.get(force, [])):
                index.setdefault(fact.measure, []).append((place, fact))
            self._by_measure[force] = index
        found = [hit for m in dict.fromkeys(measures) for hit in index.get(m, ())]
        if len(measures) > 1:
            found.sort(key=lambda hit: hit[0])
        return [fact for _, fact in found]

    def answer(self, query: Query) -> Answer:
        builder = self.builders.get(query.intent, self.plain)
        if query.country and not query.forces and query.intent == "offence_overview":
            query = self._of_country(query)  # "Welsh forces grades": those forces side by side
            builder = self.compare
        if query.history and len(query.forces) == 1 and query.intent in _HISTORY_INTENTS:
            builder = self.history
        answer = builder(query)
        return replace(answer, citation=self.cite(answer)) if self.cite else answer

    def plain(self, query: Query) -> Answer:
        """help, glossary, out of scope: no figures, and no offence, measure or year answered."""
        return self.base(
            replace(query, offence=None, measure=None, year=None, years=()),
            glossary_term=query.glossary_term,
        )

    def grade_change(self, query: Query) -> Answer:
        from knowledge.grade_changes import grade_changes  # it builds on this module's Answer

        return grade_changes(self, query)

    def unlisted(self, query: Query) -> Answer:
        """A list of forces by their run of inspections that no answer builds."""
        return replace(self.plain(query), topic=query.unlisted)

    def _of_country(self, query: Query) -> Query:
        rows = self.store.forces
        forces = tuple(f for f in rows if rows[f].get("country") == query.country)
        return replace(query, intent="compare", forces=forces)

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

    def _latest(self, forces: Iterable[str]) -> tuple[InspectionRef, ...]:
        refs = []
        for force in forces:
            fact = self.store.latest_inspection(force)
            if fact:
                refs.append(InspectionRef(force, fact.inspection, fact.inspection_year))
        return tuple(refs)

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
        anyyear = replace(query, year=None)
        years = {f.inspection_year for fc in forces for f in self.figures(fc, anyyear)}
        return tuple(sorted(y for y in years if y))

    def lookup(self, query: Query) -> Answer:
        force = query.forces[0]
        facts = self.figures(force, query)
        if not facts and query.offence is None:  # no all-crime figure: any offence's
            facts = self.figures(force, replace(query, offence=ANY_OFFENCE))
        follow_ups = [
            *other_offences(self.short(force), query.offence, query.measure),
            FollowUp("Other forces", question_for(None, query.offence, query.measure)),
            FollowUp("Force summary", self.short(force)),
        ]
        shown = tuple(facts[:MAX_FACTS])
        first = lead(shown, query.measure or default_measure(query.offence))
        newer = self._newer_in_family(force, query, shown)
        return self.base(
            query,
            facts=shown + newer,
            groups=(Group("newer", newer),),
            # no measure named: the offence's usual one leads (wrongly cancelled rapes), not
            # whichever figure sorts first (rightly cancelled); no offence named and mixed
            # findings: no one offence's zero leads as if it were a clean bill
            lead=None if query.offence is None and mixed_findings(shown, first) else first,
            more=max(0, len(facts) - MAX_FACTS),
            missing=not facts,
            other_years=() if facts else self.other_years(force, query),
            latest=self._latest([force]),
            asked_latest=asks_latest(query.focus or query.text),
            follow_ups=tuple(follow_ups),
        )

    def _newer_in_family(
        self, force: str, query: Query, shown: tuple[Fact, ...]
    ) -> tuple[Fact, ...]:
        """Figures of the asked measure's family from inspections newer than every one shown
        (Devon and Cornwall's PEEL 2021/22 16% unrecorded beside its 2016 rate): shown apart,
        so the answer never says the latest inspection has no such figure when it has one."""
        if query.year is not None or query.years or not shown or not query.measure:
            return ()
        family = FAMILIES.get(query.measure, (query.measure,))
        newest = max(f.year_sort_key for f in shown)
        wanted = selector(query.offence, query.measure, family)
        later = [
            f
            for f in self.facts_of.get(force, [])
            if wanted(f) and f.year_sort_key > newest and f.offence == shown[0].offence
        ]
        return tuple(by_inspection(later, family)[:MAX_FACTS])

    def force_summary(self, query: Query) -> Answer:
        force = query.forces[0]
        if query.year is None and asks_cause_of_concern(query.text):
            concern = [
                f
                for f in self.facts_of.get(force, [])
                if "cause of concern" in f.inspection.lower()
            ]
            query = replace(query, year=concern[0].inspection_year) if concern else query
        if query.year is not None:  # "Bedfordshire 2014": every finding of that year
            return self._year_summary(force, query)
        facts: list[Fact] = []
        for offence, measures in SUMMARY_MEASURES:
            asked = replace(query, offence=offence, measure=measures[0])
            facts += self.figures(force, asked, measures)
        facts += self._newer_estimate(force, query, facts)
        facts += self.figures(force, replace(query, offence=None, measure="cancelled_incorrect"))
        facts = by_inspection(facts, ())
        short = self.short(force)
        follow_ups = (
            FollowUp("Cancelled crimes", question_for(short, None, "cancelled_incorrect")),
            FollowUp("Recording rate", question_for(short, None, "recording_rate")),
            FollowUp("Grade", question_for(short, None, "grade")),
        )
        shown = tuple(facts[:MAX_FACTS])
        return self.base(
            query,
            facts=shown,
            lead=lead(shown, "grade") or lead(shown, "recording_rate"),
            missing=not facts,
            latest=self._latest([force]),
            follow_ups=follow_ups,
        )

    def history(self, query: Query) -> Answer:
        """ "Is Devon and Cornwall getting better?", "Greater Manchester since 2016": every
        inspection's figures of the asked measure (grade and recording figures when none was
        asked), oldest to newest, so no gap between two figures reads as a trend."""
        force = query.forces[0]
        since = query.years[0] if query.years and query.years[-1] is None else query.year
        until = None
        if len(query.years) == 2 and None not in query.years:  # "between 2016 and 2020"
            since, until = min(query.years), max(query.years)  # type: ignore[type-var]
        asked = primary_of(query.measure) if query.measure else HISTORY_MEASURES
        if query.measure in ("recording_rate", "unrecorded_per_year") and not query.offence:
            asked = HISTORY_MEASURES  # "getting better at recording crime": grades too
        elif query.measure in ("recording_rate", "unrecorded_per_year"):
            asked = HISTORY_MEASURES[1:]
        offence = query.offence or "all"
        facts = [
            f
            for f in self.facts_of.get(force, [])
            if f.measure in asked
            and (f.offence == offence or (query.offence is None and f.measure == "grade"))
            and (since is None or (f.inspection_year or 2016) >= since)
            and (until is None or (f.inspection_year or 2016) <= until)
        ]
        order = {m: i for i, m in enumerate(asked)}
        # a grade the inspectorate changed: the final one first, then the one first published
        facts.sort(
            key=lambda f: (
                f.year_sort_key,
                f.inspection,
                order.get(f.measure, 99),
                f.offence,
                source_preference(f),
            )
        )
        shown = tuple(facts[-MAX_FACTS:])
        rates, grades = _steps(shown, "recording_rate"), _steps(shown, "grade")
        steps = rates if len(rates) > 1 else grades
        return self.base(
            query,
            intent="history",
            year=since,
            facts=shown,
            # "has Kent improved": the first sentence answers it, from the first figure to the
            # newest, every step between named; it cites the newest figure's source
            lead=steps[-1] if len(steps) > 1 else None,
            groups=(Group("rate_steps", rates), Group("grade_steps", grades)),
            missing=not shown,
            more=len(facts) - len(shown),
            latest=self._latest([force]),
            follow_ups=(FollowUp("Force summary", self.short(force)),),
        )

    def _year_summary(self, force: str, query: Query) -> Answer:
        """Every figure of the force's inspections of the asked year, recording findings
        first (the 2014 audit samples), then cancelled-crime audits."""
        facts = [f for f in self.facts_of.get(force, []) if f.inspection_year == query.year]
        facts = by_inspection(facts, YEAR_ORDER)
        shown = tuple(facts[:MAX_FACTS])
        short = self.short(force)
        return self.base(
            query,
            facts=shown,
            lead=lead(shown, "grade") or lead(shown, "recording_rate") or next(iter(shown), None),
            missing=not facts,
            more=max(0, len(facts) - MAX_FACTS),
            latest=self._latest([force]),
            other_years=() if facts else self._years_of(force),
            follow_ups=(FollowUp("Force summary", short),),
        )

    def _years_of(self, force: str) -> tuple[int, ...]:
        return tuple(
            sorted({f.inspection_year for f in self.facts_of[force] if f.inspection_year})
        )

    def _newer_estimate(self, force: str, query: Query, shown: list[Fact]) -> list[Fact]:
        """An unrecorded estimate newer than the latest rate (the Met's PEEL 2022), under its
        own inspection; an older one is left out, so it is never read beside a newer rate."""
        rated = [f.year_sort_key for f in shown if f.measure == "recording_rate"]
        asked = replace(query, offence="all", measure="unrecorded_per_year")
        estimates = self.figures(force, asked, ("unrecorded_per_year",))
        return [f for f in estimates if f not in shown and f.year_sort_key > max(rated, default=0)]

    def compare(self, query: Query) -> Answer:
        asked = [query]
        if not query.measure and not query.offence:  # grade and recording rate side by side
            asked = [replace(query, measure="grade"), replace(query, measure="recording_rate")]
        facts: list[Fact] = []
        per_force = max(2, MAX_FACTS // len(query.forces))
        for force in query.forces:
            figures = [f for q in asked for f in self.figures(force, q)]
            facts += figures[:per_force]
        return self.base(
            query,
            facts=tuple(facts),
            lead=facts[0] if facts else None,
            missing=not facts,
            latest=self._latest(query.forces),
        )

    def whats_new(self, query: Query) -> Answer:
        from knowledge.whats_new import whats_new  # it builds on this module's Answer

        return whats_new(self.store, query)

    def clarify(self, query: Query) -> Answer:
        follow_ups = tuple(
            FollowUp(
                force, question_for(self.short(force), query.offence, query.measure, query.year)
            )
            for force in query.candidates
        )
        return self.base(query, follow_ups=follow_ups)


def _steps(facts: tuple[Fact, ...], measure_name: str) -> tuple[Fact, ...]:
    """One figure of a measure an inspection, oldest first (the preferred source's; a grade the
    inspectorate changed: the first published, then the final one), 2014 samples left out."""
    kept: list[Fact] = []
    for f in facts:
        if f.measure != measure_name or f.is_2014 or f.inspection_year is None:
            continue
        same = [k for k in kept if k.inspection == f.inspection]
        if measure_name == "grade" and f.grade_changed:
            kept = [k for k in kept if k not in same]
            first_published = [
                g
                for g in facts
                if g.inspection == f.inspection and g.measure == "grade" and g is not f
            ]
            kept += [*first_published[:1], f]
        elif not same:
            kept.append(f)
    return tuple(kept)
