"""Answer a parsed question from the store: which figures, and what to offer next."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from knowledge.facts import Fact, latest_per_figure
from knowledge.followups import FollowUp, other_offences, question_for
from knowledge.parser import Query
from knowledge.store import Store
from knowledge.vocabulary import (
    CANCELLED_AUDIT_OFFENCES,
    FAMILIES,
    GRADES,
    NATIONAL,
    NATIONAL_MEASURES,
    RECORDING_AUDITS,
    RECORDING_FAMILY,
)

MAX_FACTS = 12  # per answer, so it stays well under Telegram's 4096 characters
MAX_FORCES_LISTED = 8  # an overview with 8 forces stays near 3,400 characters of HTML
RANK_SHOWN = 5


@dataclass(frozen=True)
class InspectionRef:
    """A force's latest inspection in the data."""

    force: str
    title: str
    year: int | None


@dataclass(frozen=True)
class Answer:
    """Everything a template needs to speak an answer; no sentence is written here."""

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
    grade_filter: str | None = None
    not_police: str | None = None
    carried: tuple[str, ...] = ()  # what a follow-up took from the last question
    follow_ups: tuple[FollowUp, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "intent": self.intent,
            "forces": list(self.forces),
            "candidates": list(self.candidates),
            "offence": self.offence,
            "measure": self.measure,
            "year": self.year,
            "facts": [fact.as_json() for fact in self.facts],
            "follow_ups": [f.question for f in self.follow_ups],
            "carried": list(self.carried),
        }


class Answerer:
    """Builds an Answer for each intent from the in-memory store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.builders: dict[str, Callable[[Query], Answer]] = {
            "lookup": self.lookup,
            "force_summary": self.force_summary,
            "offence_overview": self.offence_overview,
            "national": self.national,
            "rank": self.rank,
            "compare": self.compare,
            "filter": self.filter,
            "clarify": self.clarify,
            "whats_new": self.whats_new,
        }

    def answer(self, query: Query) -> Answer:
        builder = self.builders.get(query.intent, self.plain)
        return builder(query)

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

    def _figures(self, force: str, query: Query) -> list[Fact]:
        """The force's figures that answer the question, latest inspection first."""
        wanted = _selector(query.offence, query.measure)
        facts = [f for f in self.store.facts_for(force) if wanted(f)]
        if not facts and query.measure in RECORDING_FAMILY:  # no rate: the recording audits
            wanted = _selector(query.offence, None, RECORDING_AUDITS)
            facts = [f for f in self.store.facts_for(force) if wanted(f)]
        chosen = [
            f for year in query.years or (query.year,) for f in latest_per_figure(facts, year)
        ]
        return sorted(chosen, key=lambda f: -f.year_sort_key)

    def lookup(self, query: Query) -> Answer:
        force = query.forces[0]
        facts = self._figures(force, query)
        follow_ups = [
            *other_offences(self.short(force), query.offence, query.measure),
            FollowUp("Other forces", question_for(None, query.offence, query.measure)),
            FollowUp("Force summary", self.short(force)),
        ]
        return self._base(
            query,
            facts=tuple(facts[:MAX_FACTS]),
            more=max(0, len(facts) - MAX_FACTS),
            missing=not facts,
            latest=self._latest([force]),
            follow_ups=tuple(follow_ups),
        )

    def force_summary(self, query: Query) -> Answer:
        force = query.forces[0]
        facts: list[Fact] = []
        for offence, measure in (
            ("all", "grade"),
            ("all", "recording_rate"),
            (None, "cancelled_incorrect"),
        ):
            facts += self._figures(force, replace(query, offence=offence, measure=measure))
        short = self.short(force)
        follow_ups = (
            FollowUp("Cancelled crimes", question_for(short, None, "cancelled_incorrect")),
            FollowUp("Recording rate", question_for(short, None, "recording_rate")),
            FollowUp("Grade", question_for(short, None, "grade")),
        )
        return self._base(
            query,
            facts=tuple(facts[:MAX_FACTS]),
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
            query, facts=tuple(facts), missing=not facts, latest=self._latest(query.forces)
        )

    def _across_forces(self, query: Query) -> dict[str, list[Fact]]:
        figures = {force: self._figures(force, query) for force in self.store.forces}
        return {force: facts for force, facts in figures.items() if facts}

    def figures_by_force(self, query: Query) -> dict[str, list[Fact]]:
        """Each force with a figure for the query's offence, measure and year: its latest ones."""
        return self._across_forces(query)

    def offence_overview(self, query: Query) -> Answer:
        measure = query.measure or _default_measure(query.offence)
        asked = replace(query, measure=measure)
        national = self._figures(NATIONAL, replace(asked, measure=_national_of(measure)))
        by_force = self._across_forces(asked)
        listed = list(by_force)[:MAX_FORCES_LISTED]
        facts = national + [by_force[force][0] for force in listed]
        follow_ups = tuple(
            FollowUp(self.short(f), question_for(self.short(f), query.offence, measure))
            for f in listed[:3]
        )
        return self._base(
            query,
            topic=measure,
            facts=tuple(facts),
            missing=not facts,
            more=len(by_force) - len(listed),
            coverage=len(by_force),
            follow_ups=follow_ups,
        )

    def national(self, query: Query) -> Answer:
        facts = self._figures(NATIONAL, query)
        follow_ups = (
            FollowUp("Force by force", question_for(None, query.offence, "cancelled_incorrect")),
        )
        return self._base(query, facts=tuple(facts), missing=not facts, follow_ups=follow_ups)

    def rank(self, query: Query) -> Answer:
        measure = query.measure or "recording_rate"
        primary = {
            "recording_rate": ("recording_rate",),
            "grade": ("grade",),
            "unrecorded_per_year": ("unrecorded_per_year",),
        }.get(measure, ("cancelled_incorrect", "cancelled_incorrect_pct"))
        asked = replace(
            query,
            measure=measure,
            offence=query.offence or ("all" if measure != "cancelled_incorrect" else None),
        )
        ranked = [
            next(f for f in facts if f.measure in primary and _rankable(f))
            for facts in self._across_forces(asked).values()
            if any(f.measure in primary and _rankable(f) for f in facts)
        ]
        ranked.sort(key=_rank_key(measure, query.rank or "worst"))
        shown = ranked[:RANK_SHOWN]
        return self._base(
            query,
            measure=measure,
            topic=measure,
            facts=tuple(shown),
            missing=not shown,
            more=len(ranked) - len(shown),
            coverage=len(ranked),
        )

    def filter(self, query: Query) -> Answer:
        """Every force whose latest crime-recording grade is the one asked about."""
        graded = self._across_forces(replace(query, measure="grade", offence="all"))
        matching = [facts[0] for facts in graded.values() if facts[0].value == query.grade_filter]
        return self._base(
            query, facts=tuple(matching), missing=not matching, coverage=len(graded), topic="grade"
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
    offence: str | None, measure: str | None, measures: tuple[str, ...] | None = None
) -> Callable[[Fact], bool]:
    measures = measures or FAMILIES.get(measure or "", (measure,) if measure else None)
    if offence is None and measure in ("recording_rate", "unrecorded_per_year", "grade"):
        offence = "all"

    def wanted(fact: Fact) -> bool:
        return (measures is None or fact.measure in measures) and (
            offence is None or fact.offence == offence
        )

    return wanted


def _rankable(fact: Fact) -> bool:
    """A grade, or a figure with a number (a count without a sample size has none)."""
    return fact.kind == "grade" or fact.number is not None


def _default_measure(offence: str | None) -> str:
    return "cancelled_incorrect" if offence in CANCELLED_AUDIT_OFFENCES else "recording_rate"


def _national_of(measure: str) -> str:
    return NATIONAL_MEASURES.get(measure, (measure,))[0]


def _rank_key(measure: str, direction: str) -> Callable[[Fact], tuple[float, str]]:
    """Worst first: lowest recording rate, highest share wrongly cancelled, worst grade."""
    higher_is_worse = measure in ("cancelled_incorrect", "unrecorded_per_year")

    def key(fact: Fact) -> tuple[float, str]:
        if fact.kind == "grade":
            score = -float(GRADES.index(fact.value or "good"))
        else:
            score = fact.number or 0.0
        if direction in ("most", "least"):  # the biggest or the smallest number first
            return (-score if direction == "most" else score, fact.force)
        worst_first = -score if higher_is_worse else score
        return (worst_first if direction == "worst" else -worst_first, fact.force)

    return key
