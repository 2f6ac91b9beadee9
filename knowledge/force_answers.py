"""Answers about one force or a few side by side: its figures and its summary."""

import re
from dataclasses import replace

from knowledge.answer import Answer, Group
from knowledge.asking import asks_cause_of_concern, asks_latest
from knowledge.facts import Fact
from knowledge.followups import FollowUp, other_offences, question_for
from knowledge.force_comparisons import newer_estimate
from knowledge.force_figures import MAX_FACTS, ForceFigures
from knowledge.measures import FAMILIES, RECORDING_AUDITS
from knowledge.query import Query
from knowledge.selection import (
    ANY_OFFENCE,
    by_inspection,
    default_measure,
    lead,
    mixed_findings,
    selector,
)

YEAR_ORDER = (
    "grade",
    "recording_rate",
    "unrecorded_per_year",
    *RECORDING_AUDITS,
    *FAMILIES["cancelled_incorrect"],
)
SUMMARY_MEASURES = (("all", ("grade",)), ("all", ("recording_rate", "unrecorded_per_year")))


def _of_concern(core: ForceFigures, force: str, query: Query) -> Query:
    """ "Dyfed-Powys cause of concern", "dyfed powys recording concerns": the year of the force's
    cause-of-concern inspection, when it has one and no year was asked; else the query as is."""
    if query.year is not None or query.years or not asks_cause_of_concern(query.text):
        return query
    concern = [
        f for f in core.facts_of.get(force, []) if "cause of concern" in f.inspection.lower()
    ]
    return replace(query, year=concern[0].inspection_year) if concern else query


# "is Staffordshire good at recording crime", "are Kent any good at it": a judgement asked
# "how good is the Met at recording crime now": its latest grade is the direct answer too
JUDGEMENT_ASKED = re.compile(
    r"^(is|are|was|were)\b.*\b(good|bad|poor|any good|decent|ok|okay)\b|^how (good|bad)\b"
)


def lookup(core: ForceFigures, query: Query) -> Answer:
    force = query.forces[0]
    concern = _of_concern(core, force, query)
    if concern is not query and core.figures(force, concern):  # its measure is in that one
        query = concern
    facts = core.figures(force, query)
    if not facts and query.offence is None:  # no all-crime figure: any offence's
        facts = core.figures(force, replace(query, offence=ANY_OFFENCE))
    follow_ups = [
        *other_offences(core.short(force), query.offence, query.measure),
        FollowUp("Other forces", question_for(None, query.offence, query.measure)),
        FollowUp("Force summary", core.short(force)),
    ]
    shown = tuple(facts[:MAX_FACTS])
    first = lead(shown, query.measure or default_measure(query.offence))
    newer = _newer_in_family(core, force, query, shown)
    judgement = _judgement(core, force, query, shown)
    return core.base(
        query,
        facts=judgement + shown + newer,
        groups=(Group("newer", newer), Group("judgement", judgement)),
        # no measure named: the offence's usual one leads (wrongly cancelled rapes), not
        # whichever figure sorts first (rightly cancelled); no offence named and mixed
        # findings: no one offence's zero leads as if it were a clean bill
        lead=None if query.offence is None and mixed_findings(shown, first) else first,
        more=max(0, len(facts) - MAX_FACTS),
        missing=not facts,
        other_years=() if facts else core.other_years(force, query),
        years_without=tuple(
            y for y in query.years if y and facts and all(f.inspection_year != y for f in facts)
        ),
        latest=core.latest_inspections([force]),
        asked_latest=asks_latest(query.focus or query.text),
        follow_ups=tuple(follow_ups),
    )


def _judgement(
    core: ForceFigures, force: str, query: Query, shown: tuple[Fact, ...]
) -> tuple[Fact, ...]:
    """ "Is Staffordshire good at recording crime": the force's latest crime-recording grade
    (PEEL 2021/22: requires improvement), said first beside the rate the question reads as."""
    if not JUDGEMENT_ASKED.search(query.text.lower()) or query.year is not None:
        return ()
    if query.measure != "recording_rate" or query.offence not in (None, "all"):
        return ()
    grades = core.figures(force, replace(query, measure="grade", offence=None))
    return tuple(g for g in grades[:1] if g not in shown)


def _newer_in_family(
    core: ForceFigures, force: str, query: Query, shown: tuple[Fact, ...]
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
        for f in core.facts_of.get(force, [])
        if wanted(f) and f.year_sort_key > newest and f.offence == shown[0].offence
    ]
    return tuple(by_inspection(later, family)[:MAX_FACTS])


def force_summary(core: ForceFigures, query: Query) -> Answer:
    force = query.forces[0]
    query = _of_concern(core, force, query)
    if query.year is not None:  # "Bedfordshire 2014": every finding of that year
        return _year_summary(core, force, query)
    if query.kind_asked in ("cdi", "peel"):  # "what did PEEL say about Hertfordshire"
        return _kind_summary(core, force, query)
    facts: list[Fact] = []
    for offence, measures in SUMMARY_MEASURES:
        asked = replace(query, offence=offence, measure=measures[0])
        facts += core.figures(force, asked, measures)
    facts += newer_estimate(core, force, query, facts)
    facts += core.figures(force, replace(query, offence=None, measure="cancelled_incorrect"))
    facts = facts[:MAX_FACTS]
    added, omitted = _every_inspection(core, force, facts, query.years)
    facts = by_inspection(facts + added, YEAR_ORDER)
    short = core.short(force)
    follow_ups = (
        FollowUp("Cancelled crimes", question_for(short, None, "cancelled_incorrect")),
        FollowUp("Recording rate", question_for(short, None, "recording_rate")),
        FollowUp("Grade", question_for(short, None, "grade")),
    )
    shown = tuple(facts[:MAX_FACTS])
    return core.base(
        query,
        facts=shown,
        lead=lead(shown, "grade") or lead(shown, "recording_rate"),
        groups=(Group("omitted_inspections", omitted),),
        missing=not facts,
        latest=core.latest_inspections([force]),
        follow_ups=follow_ups,
    )


def _in_years(fact: Fact, years: tuple[int | None, ...]) -> bool:
    """The figure is of a year asked: any, when none was; "since 2016" (2016, None): that
    year or later."""
    if not years:
        return True
    if years[-1] is None:
        return (fact.inspection_year or 0) >= (years[0] or 0)
    return fact.inspection_year in years


# what a summary shows of an inspection it would otherwise leave out: its all-crime headline
HEADLINE = ("grade", "recording_rate", "unrecorded_per_year", "unrecorded_rate")


def _every_inspection(
    core: ForceFigures, force: str, shown: list[Fact], years: tuple[int | None, ...] = ()
) -> tuple[list[Fact], tuple[Fact, ...]]:
    """No inspection with figures is dropped silently from a summary (Sussex's 2016 "good"
    between its 2014 audit and PEEL 2021/22's "inadequate"): each inspection adds the
    all-crime headline figures (grade, rate, estimate) not yet shown, or, with none, its first
    figure, newest first, while there is room; an inspection with nothing shown and no room
    is returned, one figure of it, for the answer to name with how to ask for it. Years
    asked ("2017 to 2018", "since 2016") keep to those years."""
    have = {f.inspection for f in shown}
    added: list[Fact] = []
    omitted: list[Fact] = []
    every = by_inspection(
        [f for f in core.facts_of.get(force, []) if _in_years(f, years)], YEAR_ORDER
    )
    for title in dict.fromkeys(f.inspection for f in every):
        of_it = [f for f in every if f.inspection == title]
        headline = [f for f in of_it if f.offence == "all" and f.measure in HEADLINE]
        if title not in have:
            headline = headline or of_it[:1]
        headline = [f for f in headline if f not in shown]
        if len(shown) + len(added) + len(headline) <= MAX_FACTS:
            added += headline
        elif title not in have:
            omitted.append(of_it[0])
    return added, tuple(omitted)


def _year_summary(core: ForceFigures, force: str, query: Query) -> Answer:
    """Every figure of the force's inspections of the asked year, recording findings
    first (the 2014 audit samples), then cancelled-crime audits."""
    facts = [f for f in core.facts_of.get(force, []) if f.inspection_year == query.year]
    return _summary_of(core, force, query, facts, with_years=True)


def _kind_summary(core: ForceFigures, force: str, query: Query) -> Answer:
    """Every figure of the force's inspections of the kind asked (PEEL, or crime data
    integrity), newest inspection first; none: the answer says that kind has none."""
    facts = [f for f in core.facts_of.get(force, []) if f.inspection_kind == query.kind_asked]
    return _summary_of(core, force, query, facts, with_years=False)


def _summary_of(
    core: ForceFigures, force: str, query: Query, facts: list[Fact], with_years: bool
) -> Answer:
    """A summary of some of a force's figures, by inspection: led by a grade, else a recording
    rate; with none, `with_years` names the years the force has figures from."""
    facts = by_inspection(facts, YEAR_ORDER)
    shown = tuple(facts[:MAX_FACTS])
    return core.base(
        query,
        facts=shown,
        lead=lead(shown, "grade") or lead(shown, "recording_rate") or next(iter(shown), None),
        missing=not facts,
        more=max(0, len(facts) - MAX_FACTS),
        latest=core.latest_inspections([force]),
        other_years=_years_of(core, force) if with_years and not facts else (),
        follow_ups=(FollowUp("Force summary", core.short(force)),),
    )


def _years_of(core: ForceFigures, force: str) -> tuple[int, ...]:
    return tuple(sorted({f.inspection_year for f in core.facts_of[force] if f.inspection_year}))
