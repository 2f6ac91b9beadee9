"""Two or more forces side by side: each force's grade and recording figures, its latest
first (a newer estimate or share beside an older rate), and, when asked "which is better",
whose lead figure is higher or that hedges and intervals leave it unclear."""

from dataclasses import replace

from knowledge.answer import Answer, Group
from knowledge.facts import Fact
from knowledge.force_figures import MAX_FACTS, ForceFigures
from knowledge.order import asks_order, comparable, higher_first
from knowledge.query import Query
from knowledge.selection import by_inspection

# within one inspection's group: its grade, then its rate, then its estimates
HEADLINE = ("grade", "recording_rate", "unrecorded_per_year", "unrecorded_rate")


def compare_forces(core: ForceFigures, query: Query) -> Answer:
    asked = [query]
    if not query.measure and not query.offence:  # grade and recording rate side by side
        asked = [replace(query, measure="grade"), replace(query, measure="recording_rate")]
    facts: list[Fact] = []
    leads: list[Fact] = []
    nearest: list[Fact] = []
    per_force = max(2, MAX_FACTS // len(query.forces))
    recording = query.measure in (None, "recording_rate", "unrecorded_per_year")
    for force in query.forces:
        figures = [f for q in asked for f in core.figures(force, q)]
        if recording and query.offence in (None, "all") and query.year is None:
            # the Met's PEEL 2021/22 estimate beside GMP's 2020 one: each force's latest
            figures += newer_estimate(core, force, query, figures)
            figures += _newer_share(core, force, query, figures)
        if not figures and query.year is not None:  # "compare with beds" for 2017: none then
            nearest += _nearest(core, force, asked, query.year)
        leads += figures[:1]  # the grade (or the asked measure) leads, whatever its year
        if query.measure is None and query.offence in (None, "all"):
            # Cleveland's CDI 2018 rate beside that inspection's own grade (inadequate), so
            # its PEEL 2022 "good" is not read as the grade of the 2018 rate
            figures += _grades_beside(core, force, figures)
        # one group an inspection, newest first (a PEEL grade and its estimates together)
        facts += by_inspection(figures[:per_force], HEADLINE)
    order, ordered = _order(query, leads)
    return core.base(
        query,
        facts=tuple(facts + nearest),
        lead=leads[0] if leads else None,
        groups=(
            Group("leads", tuple(leads)),
            Group("ordered", ordered),
            Group("nearest", tuple(nearest)),
        ),
        order=order,
        missing=not facts,
        latest=core.latest_inspections(query.forces),
    )


def _order(query: Query, leads: list[Fact]) -> tuple[str, tuple[Fact, ...]]:
    """ "Which is better, Merseyside or Cheshire": "higher" with the two leads higher first,
    or "unclear" when hedges or intervals overlap; of two grades (`grade_order`), "grade_kinds",
    "grade_same" or "grade_higher"; "" when not asked or not comparable."""
    if len(query.forces) != 2 or len(leads) != 2 or not asks_order(query.text):
        return "", ()
    if all(f.measure == "grade" for f in leads):
        return grade_order(leads[0], leads[1])
    if not comparable(*leads):
        return "", ()
    ordered = higher_first(*leads)
    return ("higher", ordered) if ordered else ("unclear", tuple(leads))


def grade_order(a: Fact, b: Fact) -> tuple[str, tuple[Fact, ...]]:
    """Two forces' latest grades: from different kinds of inspection (a CDI judgement and a PEEL
    grade) or scales (PEEL 2023-25's "adequate"), they cannot be compared directly
    ("grade_kinds"); the same grade does not separate them ("grade_same"); else the better
    first ("grade_higher")."""
    scales = (a.value == "adequate") != (b.value == "adequate")
    if a.inspection_kind != b.inspection_kind or scales or a.number is None or b.number is None:
        return "grade_kinds", (a, b)
    if a.number == b.number:
        return "grade_same", (a, b)
    return "grade_higher", ((a, b) if a.number > b.number else (b, a))


def _grades_beside(core: ForceFigures, force: str, shown: list[Fact]) -> list[Fact]:
    """The grade of each inspection shown without its own grade (the final one, where the
    inspectorate changed it)."""
    graded = {f.inspection for f in shown if f.measure == "grade"}
    wanted = {f.inspection for f in shown} - graded
    grades = [f for f in core.facts_of.get(force, []) if f.measure == "grade"]
    return [
        f
        for title in wanted
        for f in by_inspection([g for g in grades if g.inspection == title], ())[:1]
    ]


def _nearest(core: ForceFigures, force: str, asked: list[Query], year: int) -> list[Fact]:
    """A force with no figure from the year compared: its figure of the asked measure from the
    nearest year (2016-2020 rounds before 2014 samples; the newer of two as near), said in the
    lead so that no reader takes the other force's figure as compared with it."""
    years = {f.inspection_year for f in core.facts_of.get(force, []) if f.inspection_year}
    figures = [
        f
        for y in years
        for q in asked
        for f in core.figures(force, replace(q, year=y))[:1]
        if f.inspection_year == y
    ]
    figures.sort(key=lambda f: (f.is_2014, abs((f.inspection_year or 0) - year), -f.year_sort_key))
    return figures[:1]


def newer_estimate(core: ForceFigures, force: str, query: Query, shown: list[Fact]) -> list[Fact]:
    """An unrecorded estimate newer than the latest rate (the Met's PEEL 2022), under its
    own inspection; an older one is left out, so it is never read beside a newer rate."""
    rated = [f.year_sort_key for f in shown if f.measure == "recording_rate"]
    asked = replace(query, offence="all", measure="unrecorded_per_year")
    estimates = core.figures(force, asked, ("unrecorded_per_year",))
    return [f for f in estimates if f not in shown and f.year_sort_key > max(rated, default=0)]


def _newer_share(core: ForceFigures, force: str, query: Query, shown: list[Fact]) -> list[Fact]:
    """The share left unrecorded from an inspection newer than the latest rate, beside that
    inspection's count (Devon and Cornwall's PEEL 2021/22 some 16% with its 18,900)."""
    rated = [f.year_sort_key for f in shown if f.measure == "recording_rate"]
    asked = replace(query, offence="all", measure="unrecorded_rate")
    shares = core.figures(force, asked, ("unrecorded_rate",))
    return [f for f in shares if f not in shown and f.year_sort_key > max(rated, default=0)]
