"""What an answer holds: the figures chosen for a question, with no sentence written yet."""

from dataclasses import dataclass
from typing import Any

from knowledge.facts import Fact
from knowledge.followups import FollowUp
from knowledge.measures import family_of, measure, primary_of
from knowledge.vocabulary import NATIONAL


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
    years: tuple[int | None, ...] = ()  # two or more years named (None: "since")
    facts: tuple[Fact, ...] = ()
    latest: tuple[InspectionRef, ...] = ()
    missing: bool = False
    more: int = 0
    coverage: int | None = None  # forces with a figure, for overviews and ranks
    topic: str | None = None  # the measure shown when the question named none
    rank: str | None = None
    unsure: bool = False
    guesses: tuple[str, ...] = ()  # "Brighton (Sussex Police)": a misspelt town asked about
    glossary_term: str | None = None
    follow_ups: tuple[FollowUp, ...] = ()
    lead: Fact | None = None
    groups: tuple[Group, ...] = ()
    places: tuple[int, ...] = ()  # a rank's place of each fact (ties share a place)
    tied_beyond: int = 0  # forces sharing the last shown place that are not listed
    left_out_2014: int = 0  # forces whose only figure is from 2014, left out of a ranking
    other_years: tuple[int, ...] = ()  # years with such figures, when the year asked has none
    order: str = ""  # "which is better": "higher" (group "ordered", higher first) or "unclear"
    year_samples: bool = False  # the year asked (2014) has audit samples, not grades
    years_without: tuple[int, ...] = ()  # "2017 vs 2019": the years named that have no figure
    grade_filter: str | None = None
    shown_offence: str | None = None  # the offence a list shows when the question named none
    not_police: str | None = None
    carried: tuple[str, ...] = ()  # what a follow-up took from the last question
    dropped_year: int | None = None  # the last question's year, not carried: no such figure then
    dropped_offence: str | None = None  # the last question's offence, not carried: no figure
    total_forces: int = 43
    threshold: tuple[str, float] | None = None  # "above 95%"
    country: str | None = None  # "Welsh forces"
    since: int | None = None  # "rated good since 2019"
    ever: bool = False  # "at any point": the lead counts every force ever given the grade
    kind_asked: str | None = None  # "PEEL grade": the kind of inspection the question named
    asked_none: bool = False  # "forces that did not wrongly cancel any": the nones lead
    asked_latest: bool = False  # "latest inspection", "now": said first if it has no figure
    citation: str = ""

    def group(self, kind: str) -> tuple[Fact, ...]:
        """The facts of one part of a list answer ("wrongly", "none", ...), or ()."""
        return next((g.facts for g in self.groups if g.kind == kind), ())

    @property
    def shared_places(self) -> frozenset[int]:
        """A rank's places that more than one listed force holds (shown "2=")."""
        return frozenset(place for place in self.places if self.places.count(place) > 1)

    @property
    def lead_stands_in(self) -> bool:
        """A force's lead figure is not of the measure asked, which has none, and does not
        answer it the same way (North Yorkshire has only the share of victims NOT told; a
        domestic-abuse recording audit does answer "recorded"): the first sentence says so."""
        if self.intent != "lookup" or self.lead is None or self.measure is None:
            return False
        got = self.lead.measure
        if got in primary_of(self.measure):
            return False
        same_way = self.lead.about.direction == measure(self.measure).direction
        return not (got in (family_of(self.measure) or ()) and same_way)

    @property
    def kind_missing(self) -> bool:
        """A grade asked of one kind of inspection ("PEEL grade") whose lead is of another
        (a CDI judgement): the first sentence says the asked one is not in our data."""
        return (
            self.intent == "lookup"
            and self.kind_asked is not None
            and self.lead is not None
            and self.lead.measure == "grade"
            and self.lead.inspection_kind != self.kind_asked
        )

    @property
    def older_than_latest(self) -> bool:
        """Every figure shown is dated and older than the force's latest inspection in our data
        (Hertfordshire's 2017 audits; its latest is PEEL 2023-2025), leaving aside later figures
        of a related kind shown apart: the answer says that inspection has no such figure,
        first when the question asked for the latest."""
        if self.intent != "lookup" or self.year is not None:
            return False
        newer = self.group("newer") + self.group("judgement")
        years = [f.inspection_year for f in self.facts if f not in newer]
        if not years or None in years or not self.latest or not self.latest[0].year:
            return False
        return max(y for y in years if y) < self.latest[0].year

    @property
    def cited(self) -> tuple[Fact, ...]:
        """The figures the copy-ready citation cites: the lead figure; without one, every
        figure when they all come from one source (one force's findings in one report, or one
        article on several forces); otherwise the first item listed (the first figure shown,
        with the figures beside it from its force and source), as a ranking cites its top
        item. `cited_part` says whose figures those are, so that no reader pins the other
        lines' figures on that source. No figures, no citation."""
        if self.lead is not None:
            return (self.lead,)
        if not self.facts or len({f.source_url for f in self.facts}) == 1:
            return self.facts
        first = self.facts[0]
        return tuple(
            f for f in self.facts if f.source_url == first.source_url and f.force == first.force
        )

    @property
    def cited_part(self) -> str | None:
        """Whose figures the citation holds when it holds only some of the answer's: the
        force's (Kent Police's, in a list of three forces; England and Wales for a national
        lead), or, of one force's figures from several inspections and no lead, the
        inspection's. None when it holds every figure shown, or the one force's lead figure
        that the first sentence gives."""
        cited = self.cited
        sources = {f.source_url for f in cited}
        if not cited or all(f.source_url in sources for f in self.facts):
            return None
        if len({f.force for f in self.facts}) > 1:
            return cited[0].force
        return None if self.lead is not None else cited[0].inspection

    @property
    def heading_measure(self) -> str | None:
        """The measure a lookup's heading names: the one asked if a figure shown is of it;
        otherwise the one measure every figure shown is of, or none (a heading "estimated
        crimes unrecorded a year" over audit counts would be read as yearly estimates)."""
        if self.lead_stands_in and self.lead is not None:
            return self.lead.measure
        if self.measure is None or any(f.measure in primary_of(self.measure) for f in self.facts):
            return self.measure
        shown = {f.measure for f in self.facts}
        return shown.pop() if len(shown) == 1 else None

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
            "citation_covers": self.cited_part,  # null: every figure shown
        }
