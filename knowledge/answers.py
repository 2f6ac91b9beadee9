"""Answer a parsed question from the store: which figures, and what to offer next."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from knowledge.facts import Fact, latest_per_figure, without_repeats
from knowledge.followups import FollowUp, other_offences, question_for
from knowledge.measures import (
    FAMILIES,
    NATIONAL_MEASURES,
    measure,
    primary_of,
)
from knowledge.parser import Query
from knowledge.store import Store
from knowledge.vocabulary import CANCELLED_AUDIT_OFFENCES, NATIONAL

MAX_FACTS = 12  # per answer, so it stays well under Telegram's 4096 characters
MAX_FORCES_LISTED = 8  # an overview with 8 forces stays near 3,400 characters of HTML
RANK_SHOWN = 5
MAX_TIE_SHOWN = 12  # a tie at the cut is shown whole up to here, then counted
DEFAULT_AUDIT_OFFENCE = "rape"  # the offence most cancelled-crime audits reported
ANY_OFFENCE = "any"  # a lookup's second try when the question named no offence
SUMMARY_MEASURES = (("all", ("grade",)), ("all", ("recording_rate", "unrecorded_per_year")))


@dataclass(frozen=True)
class InspectionRef:
    """A force's latest inspection in the data."""

    force: str
    title: str
    year: int | None


@dataclass(frozen=True)
class Group:
    """A part of a list answer: `kind` says what its forces share (templates say it in words)."""

    kind: str  # "wrongly", "none", "only_2014", "latest", "earlier"
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class Answer:
    """Everything a template needs to speak an answer; no sentence is written here.

    `forces` are the forces the question asked about; `named_forces` every force the answer
    names (asked first). `lead` is the figure the first sentence gives.
    """

    question: str
    intent: str
    forces: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()
    offence: str | None = None
    measure: str | None = None
    year: int | None = None
    facts: tuple[Fact, ...] = ()
    latest: tuple[InspectionRef, ...] = ()
    missing: bool = False
    more: int = 0
    coverage: int | None = None  # forces with a figure, for overviews and ranks
    topic: str | None = None  # the measure shown when the question named none
    rank: str | None = None
    unsure: bool = False
    glossary_term: str | None = None
    follow_ups: tuple[FollowUp, ...] = ()
    lead: Fact | None = None
    groups: tuple[Group, ...] = ()
    places: tuple[int, ...] = ()  # a rank's place of each fact (ties share a place)
    tied_beyond: int = 0  # forces sharing the last shown place that are not listed
    left_out_2014: int = 0  # forces whose only figure is from 2014, left out of a ranking
    other_years: tuple[int, ...] = ()  # years with such figures, when the year asked has none
    grade_filter: str | None = None
    shown_offence: str | None = None  # the offence a list shows when the question named none
    not_police: str | None = None
    carried: tuple[str, ...] = ()  # what a follow-up took from the last question
    total_forces: int = 43
    citation: str = ""

    def group(self, kind: str) -> tuple[Fact, ...]:
        """The facts of one part of a list answer ("wrongly", "none", ...), or ()."""
        return next((g.facts for g in self.groups if g.kind == kind), ())

    @property
    def named_forces(self) -> tuple[str, ...]:
        """Every force the answer names: those asked about, then those its figures are for."""
        named = [*self.forces, *(f.force for f in self.facts if f.force != NATIONAL)]
        return tuple(dict.fromkeys(named))

    def as_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "intent": self.intent,
            "forces": list(self.named_forces),
            "asked_forces": list(self.forces),
            "candidates": list(self.candidates),
            "offence": self.offence,
            "measure": self.measure,
            "year": self.year,
            "facts": [fact.as_json() for fact in self.facts],
            "follow_ups": [f.question for f in self.follow_ups],
            "carried": list(self.carried),
            "citation": self.citation,
        }


class Answerer:
    """Builds an Answer for each intent from the in-memory store."""

    def __init__(self, store: Store, cite: Callable[[Answer], str] | None = None) -> None:
        self.store = store
        self.cite = cite  # the renderer's citation of an answer's lead figure
        self._facts_of: dict[str, list[Fact]] = {}
        self._facts_version: str | None = None
        self.builders: dict[str, Callable[[Query], Answer]] = {
            "lookup": self.lookup,
            "force_summary": self.force_summary,
            "offence_overview": self.offence_overview,
            "national": self.national,
            "rank": self.rank,
            "filter": self.filter,
            "compare": self.compare,
            "clarify": self.clarify,
            "whats_new": self.whats_new,
        }

    @property
    def facts_of(self) -> dict[str, list[Fact]]:
        """Each force's facts without repeats, as visible now: an embargo lifting adds some."""
        version = self.store.visible_version
        if version != self._facts_version:
            forces = (*self.store.forces, NATIONAL)
            self._facts_of = {f: without_repeats(self.store.facts_for(f)) for f in forces}
            self._facts_version = version
        return self._facts_of

    def answer(self, query: Query) -> Answer:
        builder = self.builders.get(query.intent, self.plain)
        answer = builder(query)
        return replace(answer, citation=self.cite(answer)) if self.cite else answer

    def plain(self, query: Query) -> Answer:
        """help, glossary, out of scope: no figures, and no offence, measure or year answered."""
        return self._base(
            replace(query, offence=None, measure=None, year=None, years=()),
            glossary_term=query.glossary_term,
        )

    def _base(self, query: Query, **changes: Any) -> Answer:
        answer = Answer(
            question=query.text,
            intent=query.intent,
            forces=query.forces,
            candidates=query.candidates,
            offence=query.offence,
            measure=query.measure,
            year=query.year,
            rank=query.rank,
            unsure=query.unsure,
            grade_filter=query.grade_filter,
            not_police=query.not_police,
            total_forces=len(self.store.forces),
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

    def _figures(
        self, force: str, query: Query, measures: tuple[str, ...] | None = None
    ) -> list[Fact]:
        """The force's figures that answer the question, grouped by inspection, newest first.

        The asked measure picks the inspection (the latest with it, or the year asked); the
        figures that go with it (an unrecorded estimate beside a rate) come from inspections of
        that same year only, so a 2022 rate is never paired with a 2017 estimate.
        """
        family = measures or FAMILIES.get(query.measure or "", None)
        if family is None and query.measure:
            family = (query.measure,)
        primary = primary_of(query.measure) if query.measure else ()
        wanted = _selector(query.offence, query.measure, family)
        every = [f for f in self.facts_of.get(force, []) if wanted(f)]
        chosen: list[Fact] = []
        for year in query.years or (query.year,):  # two years named: each one's figures
            facts = [f for f in every if year is None or f.inspection_year == year]
            chosen += _same_year_figures(facts, primary)
        return _by_inspection(chosen, family or ())

    def _other_years(self, force: str | None, query: Query) -> tuple[int, ...]:
        """When a year was asked and has no figure: the years that do (for an honest 'no')."""
        if query.year is None:
            return ()
        forces = [force] if force else list(self.store.forces)
        anyyear = replace(query, year=None)
        years = {f.inspection_year for fc in forces for f in self._figures(fc, anyyear)}
        return tuple(sorted(y for y in years if y))

    def lookup(self, query: Query) -> Answer:
        force = query.forces[0]
        facts = self._figures(force, query)
        if not facts and query.offence is None:  # no all-crime figure: any offence's
            facts = self._figures(force, replace(query, offence=ANY_OFFENCE))
        follow_ups = [
            *other_offences(self.short(force), query.offence, query.measure),
            FollowUp("Other forces", question_for(None, query.offence, query.measure)),
            FollowUp("Force summary", self.short(force)),
        ]
        shown = tuple(facts[:MAX_FACTS])
        return self._base(
            query,
            facts=shown,
            lead=_lead(shown, query.measure),
            more=max(0, len(facts) - MAX_FACTS),
            missing=not facts,
            other_years=() if facts else self._other_years(force, query),
            latest=self._latest([force]),
            follow_ups=tuple(follow_ups),
        )

    def force_summary(self, query: Query) -> Answer:
        force = query.forces[0]
        facts: list[Fact] = []
        for offence, measures in SUMMARY_MEASURES:
            asked = replace(query, offence=offence, measure=measures[0])
            facts += self._figures(force, asked, measures)
        facts += self._figures(force, replace(query, offence=None, measure="cancelled_incorrect"))
        facts = _by_inspection(facts, ())
        short = self.short(force)
        follow_ups = (
            FollowUp("Cancelled crimes", question_for(short, None, "cancelled_incorrect")),
            FollowUp("Recording rate", question_for(short, None, "recording_rate")),
            FollowUp("Grade", question_for(short, None, "grade")),
        )
        shown = tuple(facts[:MAX_FACTS])
        return self._base(
            query,
            facts=shown,
            lead=_lead(shown, "grade") or _lead(shown, "recording_rate"),
            missing=not facts,
            latest=self._latest([force]),
            follow_ups=follow_ups,
        )

    def compare(self, query: Query) -> Answer:
        asked = [query]
        if not query.measure and not query.offence:  # grade and recording rate side by side
            asked = [replace(query, measure="grade"), replace(query, measure="recording_rate")]
        facts: list[Fact] = []
        per_force = max(2, MAX_FACTS // len(query.forces))
        for force in query.forces:
            figures = [f for q in asked for f in self._figures(force, q)]
            facts += figures[:per_force]
        return self._base(
            query,
            facts=tuple(facts),
            lead=facts[0] if facts else None,
            missing=not facts,
            latest=self._latest(query.forces),
        )

    def _across_forces(self, query: Query) -> dict[str, list[Fact]]:
        figures = {force: self._figures(force, query) for force in self.store.forces}
        return {force: facts for force, facts in figures.items() if facts}

    def figures_by_force(self, query: Query) -> dict[str, list[Fact]]:
        """Each force with a figure for the query's offence, measure and year: its latest ones."""
        return self._across_forces(query)

    def _primary_by_force(self, query: Query) -> dict[str, list[Fact]]:
        """Each force's latest figures of the asked measure itself (not its companions)."""
        primary = primary_of(query.measure or "")
        by_force = {}
        for force, facts in self._across_forces(query).items():
            firsts = [f for f in facts if f.measure in primary]
            if firsts:
                by_force[force] = firsts
        return by_force

    def offence_overview(self, query: Query) -> Answer:
        topic = query.measure or _default_measure(query.offence)
        asked = replace(query, measure=topic)
        if topic == "cancelled_incorrect" and query.offence is None:  # never mix offences
            asked = replace(asked, offence=DEFAULT_AUDIT_OFFENCE)
        national = self._figures(NATIONAL, replace(asked, measure=_national_of(topic)))
        national = [f for f in national if f.measure in NATIONAL_MEASURES.get(topic, (topic,))]
        by_force = self._primary_by_force(asked)
        if topic == "cancelled_incorrect":
            return self._cancelled_overview(query, asked, national, by_force)
        listed = list(by_force)[:MAX_FORCES_LISTED]
        facts = [by_force[force][0] for force in listed]
        return self._base(
            query,
            topic=topic,
            facts=tuple(national + facts),
            lead=national[0] if national else None,
            groups=(Group("latest", tuple(facts)),),
            missing=not by_force,
            other_years=() if by_force else self._other_years(None, asked),
            more=len(by_force) - len(listed),
            coverage=len(by_force),
            follow_ups=self._force_follow_ups(listed, query.offence, topic),
        )

    def _cancelled_overview(
        self, query: Query, asked: Query, national: list[Fact], by_force: dict[str, list[Fact]]
    ) -> Answer:
        """Which forces wrongly cancelled at least one record, which had none, 2014 apart."""
        best = {force: _best_audit_figure(facts) for force, facts in by_force.items()}
        wrongly = [f for f in best.values() if not f.is_2014 and not f.none_found]
        none = [f for f in best.values() if not f.is_2014 and f.none_found]
        only_2014 = [f for f in best.values() if f.is_2014]
        groups = tuple(
            Group(kind, tuple(facts))
            for kind, facts in (("wrongly", wrongly), ("none", none), ("only_2014", only_2014))
            if facts
        )
        listed = [f.force for f in wrongly + none + only_2014]
        return self._base(
            query,
            shown_offence=asked.offence,
            topic="cancelled_incorrect",
            facts=tuple(national + wrongly + none + only_2014),
            lead=next(iter(national + wrongly + none + only_2014), None),
            groups=groups,
            missing=not by_force,
            other_years=() if by_force else self._other_years(None, asked),
            coverage=len(by_force),
            follow_ups=self._force_follow_ups(listed, asked.offence, "cancelled_incorrect"),
        )

    def _force_follow_ups(
        self, forces: list[str], offence: str | None, measure: str
    ) -> tuple[FollowUp, ...]:
        return tuple(
            FollowUp(self.short(f), question_for(self.short(f), offence, measure))
            for f in forces[:3]
        )

    def national(self, query: Query) -> Answer:
        facts = self._figures(NATIONAL, query)
        follow_ups = (
            FollowUp("Force by force", question_for(None, query.offence, "cancelled_incorrect")),
        )
        return self._base(
            query,
            facts=tuple(facts),
            lead=facts[0] if facts else None,
            missing=not facts,
            follow_ups=follow_ups,
        )

    def rank(self, query: Query) -> Answer:
        topic = query.measure or "recording_rate"
        if topic not in FAMILIES:
            topic = "cancelled_incorrect" if measure(topic).family == "cancelled" else topic
        asked = replace(
            query,
            measure=topic,
            offence=query.offence
            or ("all" if topic != "cancelled_incorrect" else DEFAULT_AUDIT_OFFENCE),
        )
        rankable, old = [], 0
        for facts in self._primary_by_force(asked).values():
            usable = [f for f in facts if f.number is not None]
            if any(not f.is_2014 for f in usable):
                rankable.append(next(f for f in usable if not f.is_2014))
            elif usable:
                old += 1
        direction = query.rank or "worst"
        rankable.sort(key=_rank_key(direction))
        scores = [_score(f, direction) for f in rankable]
        cut = min(len(rankable), RANK_SHOWN)
        while cut < min(len(rankable), MAX_TIE_SHOWN) and scores[cut] == scores[cut - 1]:
            cut += 1
        tied_beyond = sum(1 for s in scores[cut:] if cut and s == scores[cut - 1])
        shown = rankable[:cut]
        places = tuple(1 + sum(s < scores[i] for s in scores) for i in range(cut))
        return self._base(
            query,
            measure=topic,
            topic=topic,
            rank=direction,
            shown_offence=asked.offence,
            facts=tuple(shown),
            lead=shown[0] if shown else None,
            places=places,
            tied_beyond=tied_beyond,
            left_out_2014=old,
            missing=not shown,
            other_years=() if shown else self._other_years(None, asked),
            more=len(rankable) - len(shown),
            coverage=len(rankable),
        )

    def filter(self, query: Query) -> Answer:
        """Every force whose latest crime-recording grade is the one asked; then the forces
        that had it at an earlier inspection."""
        grade = query.grade_filter
        latest, earlier = [], []
        graded = 0
        for force in self.store.forces:
            grades = [f for f in self.facts_of[force] if f.measure == "grade"]
            if query.year is not None:
                grades = [f for f in grades if f.inspection_year == query.year]
            newest = latest_per_figure(grades)
            if not newest:
                continue
            graded += 1
            if newest[0].value == grade:
                latest.append(newest[0])
            else:
                before = [f for f in grades if f.value == grade]
                if before:
                    earlier.append(max(before, key=lambda f: f.year_sort_key))
        groups = tuple(
            Group(kind, tuple(facts))
            for kind, facts in (("latest", latest), ("earlier", earlier))
            if facts
        )
        return self._base(
            query,
            measure="grade",
            topic="grade",
            facts=tuple(latest + earlier),
            lead=latest[0] if latest else None,
            groups=groups,
            coverage=graded,
            missing=not latest,
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
        return self._base(query, follow_ups=follow_ups)


def _selector(
    offence: str | None, asked: str | None, measures: tuple[str, ...] | None
) -> Callable[[Fact], bool]:
    if offence is None and asked in ("recording_rate", "unrecorded_per_year", "grade"):
        offence = "all"

    def wanted(fact: Fact) -> bool:
        return (measures is None or fact.measure in measures) and (
            offence in (None, ANY_OFFENCE) or fact.offence == offence
        )

    return wanted


def _same_year_figures(facts: list[Fact], primary: tuple[str, ...]) -> list[Fact]:
    """Per offence: the asked measure's latest figures, and its companions from that year only."""
    chosen: list[Fact] = []
    for offence in dict.fromkeys(f.offence for f in facts):
        same = [f for f in facts if f.offence == offence]
        firsts = latest_per_figure(f for f in same if f.measure in primary)
        if firsts:
            years = {f.year_sort_key for f in firsts}  # its inspection, or one of that year
            rest = [f for f in same if f.measure not in primary and f.year_sort_key in years]
            chosen += firsts + latest_per_figure(rest)
        else:
            chosen += latest_per_figure(same)
    return chosen


def _by_inspection(facts: list[Fact], family: tuple[str, ...]) -> list[Fact]:
    """Newest inspection first; within one, the family's order (the asked measure first)."""
    order = {m: i for i, m in enumerate(family)}
    newest: dict[str, float] = {}
    for f in facts:
        newest[f.inspection] = max(newest.get(f.inspection, 0), f.year_sort_key)
    return sorted(
        facts,
        key=lambda f: (-newest[f.inspection], f.inspection, order.get(f.measure, len(order))),
    )


def _lead(facts: Iterable[Fact], asked: str | None) -> Fact | None:
    """The figure that answers the question: the asked measure's newest figure; for a 2014
    recording rate, the audit sample it came from ("265 of 388") where the data has it."""
    facts = list(facts)
    primary = primary_of(asked) if asked else ()
    first = next((f for f in facts if f.measure in primary), None)
    if first is None:
        return facts[0] if facts else None
    if first.is_2014 and first.measure == "recording_rate":
        sample = next(
            (
                f
                for f in facts
                if f.measure == "were_recorded"
                and f.inspection == first.inspection
                and f.offence == first.offence
                and f.denominator
            ),
            None,
        )
        return sample or first
    return first


def _best_audit_figure(facts: list[Fact]) -> Fact:
    """A force's figure for a list of wrongly cancelled records: 2016-2020 before 2014, then a
    count with its sample, then a percent, then a count without a sample size."""

    def preference(f: Fact) -> tuple[int, int, float]:
        form = 0 if f.denominator and f.numerator is not None else 1 if f.value else 2
        return (int(f.is_2014), form, -f.year_sort_key)

    return min(facts, key=preference)


def _default_measure(offence: str | None) -> str:
    return "cancelled_incorrect" if offence in CANCELLED_AUDIT_OFFENCES else "recording_rate"


def _national_of(topic: str) -> str:
    return NATIONAL_MEASURES.get(topic, (topic,))[0]


def _score(fact: Fact, direction: str) -> float:
    """Lower sorts first. most/least: by the number; best/worst: by the measure's direction."""
    number = fact.number or 0.0
    if direction == "most":
        return -number
    if direction == "least":
        return number
    worse_is_lower = not fact.about.higher_is_worse  # a low rate is worse
    worst_first = number if worse_is_lower else -number
    return worst_first if direction == "worst" else -worst_first


def _rank_key(direction: str) -> Callable[[Fact], tuple[float, str]]:
    return lambda fact: (_score(fact, direction), fact.force)
