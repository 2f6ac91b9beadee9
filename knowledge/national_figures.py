"""The national figures of a measure (England and Wales), a yearly series where one is kept."""

from dataclasses import replace

from knowledge.answer import Answer
from knowledge.followups import FollowUp, question_for
from knowledge.force_figures import ForceFigures
from knowledge.measures import primary_of
from knowledge.query import Query
from knowledge.vocabulary import NATIONAL

# National counts kept year by year (the Home Office's cancelled crimes): a question naming no
# year gets every year, so one year's count is never read as the whole story.
SERIES_MEASURES = frozenset({"cancelled_crimes_recorded"})


def national_figures(core: ForceFigures, query: Query) -> Answer:
    facts = core.figures(NATIONAL, query)
    trend = query.history and query.measure == "recording_rate"  # "going up or down?"
    if (query.measure in SERIES_MEASURES or trend) and query.year is None and not query.years:
        # "national figures on cancelled crimes": the whole yearly series, newest first
        years = sorted(
            {
                f.inspection_year
                for f in core.facts_of.get(NATIONAL, [])
                if f.measure == query.measure
            },
            key=lambda y: -(y or 0),
        )
        facts = core.figures(NATIONAL, replace(query, years=tuple(years))) or facts
    follow_ups = (
        FollowUp("Force by force", question_for(None, query.offence, "cancelled_incorrect")),
    )
    since = query.years[0] if query.years and query.years[-1] is None else query.year
    primary = primary_of(query.measure or "")
    if query.measure and facts and not any(f.measure in primary for f in facts):
        facts = []  # "unrecorded crimes?" of 2014: no such figure, not 2014's rate again
    return core.base(
        query,
        year=since,  # "improved nationally since 2014": the year it is measured from
        facts=tuple(facts),
        lead=facts[0] if facts else None,
        missing=not facts,
        follow_ups=follow_ups,
        other_years=() if facts else _national_years(core, query),
    )


def _national_years(core: ForceFigures, query: Query) -> tuple[int, ...]:
    """A year asked with no national figure of its measure: the years that have one."""
    if query.year is None or not query.measure:
        return ()
    primary = primary_of(query.measure)
    facts = core.facts_of.get(NATIONAL, [])
    years = {f.inspection_year for f in facts if f.measure in primary}
    return tuple(sorted(y for y in years if y is not None))
