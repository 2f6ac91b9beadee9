"""A force's figures over time ("is Devon and Cornwall getting better?", "Kent since 2016"):
every inspection's figures of the asked measure, oldest first, and whether it improved."""

from knowledge.answer import Answer, Group
from knowledge.facts import Fact
from knowledge.figure_choice import source_preference
from knowledge.followups import FollowUp
from knowledge.force_figures import MAX_FACTS, ForceFigures
from knowledge.measures import primary_of
from knowledge.order import change, improved
from knowledge.query import Query

HISTORY_MEASURES = (
    "grade",
    "recording_rate",
    "unrecorded_per_year",
    "unrecorded_rate",
    "additional_recorded_per_year",
)


def force_history(core: ForceFigures, query: Query) -> Answer:
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
    # "is it getting better" with no offence: each inspection's offence recording rates too
    # (Devon and Cornwall's violence 76.1% in 2016, 93.4% in 2018, 80.3% in 2022)
    by_offence = query.offence is None and "recording_rate" in asked
    facts = [
        f
        for f in core.facts_of.get(force, [])
        if f.measure in asked
        and (
            f.offence == offence
            or (query.offence is None and f.measure == "grade")
            or (by_offence and f.measure == "recording_rate" and not f.is_2014)
        )
        and (since is None or (f.inspection_year or 2016) >= since)
        and (until is None or (f.inspection_year or 2016) <= until)
    ]
    order = {m: i for i, m in enumerate(asked)}
    # a grade the inspectorate changed: the final one first, then the one first published
    facts.sort(
        key=lambda f: (
            f.year_sort_key,
            f.inspection,
            f.offence != "all",  # the all-crime figures of an inspection first
            order.get(f.measure, 99),
            f.offence,
            source_preference(f),
        )
    )
    shown = tuple(facts[-MAX_FACTS:])
    rates = _steps(tuple(f for f in shown if f.offence == offence), "recording_rate")
    grades = _steps(shown, "grade")
    steps = rates if len(rates) > 1 else grades
    # "has it improved": yes, no, partly or cannot say, from the first step to the latest
    final = tuple(g for g in grades if g.grade_changed or g.inspection not in _corrected(grades))
    changes = [change(s[0], s[-1]) for s in (rates, final) if len(s) > 1]
    return core.base(
        query,
        intent="history",
        year=since,
        facts=shown,
        # "has Kent improved": the first sentence answers it, from the first figure to the
        # newest, every step between named; it cites the newest figure's source
        lead=steps[-1] if len(steps) > 1 else None,
        groups=(Group("rate_steps", rates), Group("grade_steps", grades)),
        order=improved(changes) if changes else "",
        missing=not shown,
        more=len(facts) - len(shown),
        latest=core.latest_inspections([force]),
        follow_ups=(FollowUp("Force summary", core.short(force)),),
    )


def _corrected(grades: tuple[Fact, ...]) -> set[str]:
    """The inspections whose grade the inspectorate changed: only the final one counts."""
    return {g.inspection for g in grades if g.grade_changed}


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
