"""Lists of exactly the forces that pass a test: a grade, a threshold, a country."""

from dataclasses import replace

from knowledge.answer import Answer, Group
from knowledge.asking import asks_bottom
from knowledge.figure_choice import latest_per_figure
from knowledge.force_figures import ForceFigures
from knowledge.order import straddles, verdict
from knowledge.query import Query
from knowledge.thresholds import ON_THE_LINE, PASSES, judge

KINDS_GRADED = ("cdi", "peel")  # the kinds of inspection a grade filter can be asked of


def forces_with_grade(core: ForceFigures, query: Query) -> Answer:
    """Every force whose latest crime-recording grade is the one asked; then the forces
    that had it at an earlier inspection."""
    grade = query.grade_filter
    since = query.years[0] if query.years and query.years[-1] is None else None
    latest, earlier = [], []
    graded = 0
    rows = core.store.forces
    for force in rows:
        if query.country and rows[force].get("country") != query.country:
            continue  # "which Welsh forces are good"
        grades = [f for f in core.facts_of[force] if f.measure == "grade"]
        if query.kind_asked in KINDS_GRADED:  # "in their crime data integrity inspection"
            grades = [f for f in grades if f.inspection_kind == query.kind_asked]
        if query.year is not None:
            grades = [f for f in grades if f.inspection_year == query.year]
        newest = latest_per_figure(grades)
        if not newest:
            continue
        graded += 1
        if since is not None:  # "rated good since 2019": a grade of 2019 or later
            grades = [f for f in grades if (f.inspection_year or 0) >= since]
        if newest[0].value == grade and newest[0] in grades:
            latest.append(newest[0])
        else:
            before = [f for f in grades if f.value == grade]
            if before:
                earlier.append(max(before, key=lambda f: f.year_sort_key))
    years = _graded_years(core) if query.year is not None else ()
    groups = tuple(
        Group(kind, tuple(facts))
        for kind, facts in (("latest", latest), ("earlier", earlier))
        if facts
    )
    return core.base(
        query,
        measure="grade",
        topic="grade",
        facts=tuple(latest + earlier),
        lead=None,  # the first sentence counts the forces; no one force is put first
        groups=groups,
        coverage=graded,
        missing=not latest and not (query.ever and earlier),
        since=since,
        ever=query.ever,
        other_years=() if query.year in years else years,
        year_samples=query.year == 2014 and query.year not in years,
    )


def _graded_years(core: ForceFigures) -> tuple[int, ...]:
    """The years of the grades in our data, for "rated inadequate in 2014" (no grade then)."""
    years = {
        f.inspection_year
        for facts in core.facts_of.values()
        for f in facts
        if f.measure == "grade" and f.inspection_year
    }
    return tuple(sorted(y for y in years if y))


def forces_matching(core: ForceFigures, query: Query) -> Answer:
    """ "Which forces have a recording rate above 95%", "over 20,000 crimes a year
    unrecorded", "Welsh forces": exactly the forces that match, each by its latest figure
    of the measure (2014 samples apart), those a hedge leaves unclear ("on the line") apart."""
    topic = query.measure if query.measure == "unrecorded_per_year" else "recording_rate"
    offence = query.offence if topic == "unrecorded_per_year" and query.offence else "all"
    asked = replace(query, measure=topic, offence=offence, year=None, years=())
    matching, unclear, old, failing = [], [], [], []
    coverage = 0
    for force in core.store.forces:
        if query.country and core.store.forces[force].get("country") != query.country:
            continue
        if query.forces and force not in query.forces:  # the forces of a place asked about
            continue
        figures = [
            f
            for f in core.figures(force, asked)
            if f.measure == topic and f.offence == offence and f.number is not None
        ]
        later = [f for f in figures if not f.is_2014]
        if not later:
            old += [f for f in figures if f.is_2014][:1]
            continue
        coverage += 1
        judged = PASSES if query.threshold is None else judge(later[0], query.threshold)
        if judged == PASSES:
            matching.append(later[0])
        elif judged == ON_THE_LINE:
            unclear.append(later[0])
        else:
            failing.append(later[0])
    limit = query.threshold[1] if query.threshold else None
    # "which Welsh force is worst": the lowest first, and the lead names it
    bottom = limit is None and asks_bottom(query.text)
    for facts in (matching, unclear):
        facts.sort(key=lambda f: ((f.number or 0.0) * (1 if bottom else -1), f.force))
    across = tuple(f for f in matching + failing if limit is not None and straddles(f, limit))
    top_two = tuple(matching[:2]) if limit is None and len(matching) > 1 else ()
    return core.base(
        query,
        intent="select",
        measure=topic,
        topic=topic,
        shown_offence=offence,
        facts=tuple(matching + unclear + old),
        lead=None,  # the first sentence counts the forces (or gives the top two, below)
        groups=(
            Group("latest", tuple(matching)),
            Group("on_the_line", tuple(unclear)),
            Group("only_2014", tuple(old)),
            # "which Welsh force is best": the top two, and whether the first is clearly ahead
            Group("ordered", top_two),
            # a threshold inside a figure's confidence interval: counted, not placed silently
            Group("interval_across", across),
        ),
        order=verdict(*top_two) if top_two else "",
        missing=not matching,
        coverage=coverage,
        rank="lowest" if bottom else None,
    )
