"""An offence's overview across forces: each force's latest figure, its range, the audits."""

from dataclasses import replace

from knowledge.across_forces import (
    DEFAULT_AUDIT_OFFENCE,
    RECORDING_AUDITS_TOPIC,
    TOLD,
    figures_by_force,
    force_follow_ups,
    primary_by_force,
    share_twin,
    told_apart,
)
from knowledge.answer import Answer, Group
from knowledge.asking import asks_for_none, asks_without
from knowledge.facts import Fact
from knowledge.figure_choice import same_finding
from knowledge.force_figures import ForceFigures
from knowledge.measures import NATIONAL_MEASURES, primary_of
from knowledge.query import Query
from knowledge.selection import best_audit_figure, default_measure, national_of
from knowledge.slots import AUDIT_ONLY_OFFENCES
from knowledge.thresholds import ON_THE_LINE, PASSES, judge
from knowledge.vocabulary import NATIONAL

MAX_FORCES_LISTED = 8  # an overview with 8 forces stays near 3,400 characters of HTML


def _beyond_threshold(
    later: list[Fact], by_force: dict[str, list[Fact]], threshold: tuple[str, float]
) -> tuple[tuple[str, list[Fact]], ...]:
    """ "More than 10% wrongly cancelled": each force's share of the records reviewed (n of N
    as a percent; a count without a sample by its own inspection's percent, where the source
    gives one); shares with a sample size first, highest first; those without apart; then the
    forces whose share does not pass and those with only a count (no share to compare)."""
    shares = [f if f.number is not None else share_twin(f, by_force[f.force]) for f in later]
    # none wrongly cancelled (a count of 0 without a sample) is a share of 0
    passing = [f for f in shares if f.number is not None or f.none_found]
    unclear = [f for f in passing if judge(f, threshold) == ON_THE_LINE]
    passing = [f for f in passing if judge(f, threshold) == PASSES]
    passing.sort(key=lambda f: (-(f.number or 0.0), f.force))
    compared = passing + unclear
    return (
        ("wrongly", [f for f in passing if f.denominator is not None]),
        ("wrongly_unsized", [f for f in passing if f.denominator is None]),
        ("on_the_line", unclear),
        ("not_passing", [f for f in shares if f not in compared and (f.number or f.none_found)]),
        ("no_share", [f for f in shares if f.number is None and not f.none_found]),
    )


def _range_of(by_force: dict[str, list[Fact]]) -> tuple[Fact, ...]:
    """The lowest and the highest of the forces' latest figures of one measure (2014 audit
    samples left out), for a list's first sentence; none when there is nothing to span."""
    firsts = [f[0] for f in by_force.values() if not f[0].is_2014 and f[0].number is not None]
    if len(firsts) < 2 or len({(f.measure, f.offence) for f in firsts}) > 1:
        return ()
    firsts.sort(key=lambda f: (f.number or 0.0, f.force))
    return (firsts[0], firsts[-1])


def offence_overview(
    core: ForceFigures, query: Query, few_rates: tuple[Fact, ...] | None = None
) -> Answer:
    """`few_rates`: a ranking of recording rates found fewer than 2 to compare, so the
    offence's recording audits are listed instead (unranked), after those rates."""
    topic = query.measure or default_measure(query.offence)
    if few_rates is not None:
        topic = "recording_rate"
    asked = replace(query, measure=topic)
    if topic == "cancelled_incorrect" and query.offence is None:  # never mix offences
        asked = replace(asked, offence=DEFAULT_AUDIT_OFFENCE)
    national = core.figures(NATIONAL, replace(asked, measure=national_of(topic)))
    national = [f for f in national if f.measure in NATIONAL_MEASURES.get(topic, (topic,))]
    by_force = primary_by_force(core, asked)
    if few_rates is not None or (
        not by_force and topic == "recording_rate" and query.offence in AUDIT_ONLY_OFFENCES
    ):
        # domestic abuse, modern slavery, vulnerable victims: audit counts, no rates
        topic, asked = RECORDING_AUDITS_TOPIC, replace(asked, measure=RECORDING_AUDITS_TOPIC)
        by_force = primary_by_force(core, asked)
    if topic == "cancelled_incorrect":
        return _cancelled_overview(core, query, asked, national, by_force)
    if asks_without(query.text) and few_rates is None:
        return _without_figure(core, query, topic, by_force)
    listed = list(by_force)[:MAX_FORCES_LISTED]
    # victims told / not told: a force whose figure is of the other side (Lancashire 2019,
    # 9 of 15 told) stays in the list, apart, under its own measure
    apart = told_apart(core, asked, set(by_force)) if topic in TOLD else ()
    # Suffolk 2019: 10% not told is 26 of 29 told read from the other side, shown once as
    # the count; the force has a figure for what was asked, and is counted as having one
    both_sides = _read_from_other_side(core, topic, apart)
    # no offence asked of a measure audited by offence (recorded within 24 hours): each
    # force's figure for every offence, never one offence's standing in for "all crime"
    every = topic == RECORDING_AUDITS_TOPIC or (
        query.offence is None and any(f.offence != "all" for v in by_force.values() for f in v)
    )
    facts = [f for force in listed for f in (by_force[force] if every else by_force[force][:1])]
    rates = tuple(few_rates or ())
    return core.base(
        query,
        # a ranking of rates answered with audits keeps the measure asked (a follow-up's)
        measure="recording_rate" if few_rates is not None else query.measure,
        topic=topic,
        facts=tuple(national + list(rates) + facts + list(apart)),
        # a list across forces answers per force: its first sentence gives the forces'
        # range, and the national figure comes after it, never first
        lead=None,
        groups=(
            Group("latest", tuple(facts)),
            Group("rates", rates),
            Group("other_side", tuple(f for f in apart if f.force in both_sides)),
            Group("other_measure", tuple(f for f in apart if f.force not in both_sides)),
            Group("range", () if every else _range_of(by_force)),
        ),
        missing=not by_force and not apart,
        other_years=() if by_force else core.other_years(None, asked),
        more=len(by_force) - len(listed),
        coverage=len(by_force) + len(both_sides),
        follow_ups=force_follow_ups(core, listed, query.offence, topic),
    )


def _without_figure(
    core: ForceFigures, query: Query, topic: str, by_force: dict[str, list[Fact]]
) -> Answer:
    """ "Which forces have no recording rate": the forces without one, by name, or "none";
    never the list of forces that have one (whose first sentence would say 43 of 43)."""
    lacking = tuple(force for force in core.store.forces if force not in by_force)
    return core.base(
        query,
        topic=topic,
        facts=(),
        lead=None,
        asked_none=True,
        forces=lacking,  # the forces with no such figure, named in the answer
        coverage=len(by_force),
        missing=False,
    )


def _cancelled_overview(
    core: ForceFigures,
    query: Query,
    asked: Query,
    national: list[Fact],
    by_force: dict[str, list[Fact]],
) -> Answer:
    """Which forces wrongly cancelled at least one record, which had none, 2014 apart."""
    best = {force: best_audit_figure(facts) for force, facts in by_force.items()}
    later = [f for f in best.values() if not f.is_2014]
    parts: tuple[tuple[str, list[Fact]], ...] = (
        ("wrongly", [f for f in later if not f.none_found and f.denominator is not None]),
        ("wrongly_unsized", [f for f in later if not f.none_found and f.denominator is None]),
        ("none", [f for f in later if f.none_found]),
        ("only_2014", [f for f in best.values() if f.is_2014]),
    )
    if query.threshold is not None:
        parts = _beyond_threshold(later, by_force, query.threshold) + parts[-1:]
        # a threshold list prints no national count ("38 forces"), so it neither leads nor
        # is cited: the citation is of the first force listed, a figure the answer prints
        national = []
    # a year asked (the 2014 audits): every audit row of it, rightly cancelled ones too
    # (North Wales 23 of 30 beside its 7 of 30; West Yorkshire's only 2014 rape figure)
    rightly = [
        f
        for facts in (figures_by_force(core, asked).values() if asked.year else ())
        for f in facts
        if f.measure == "cancelled_correct"
    ]
    parts += (("rightly", rightly),)
    groups = tuple(Group(kind, tuple(facts)) for kind, facts in parts if facts)
    listed = [f for kind, facts in parts if kind.startswith("wrongly") for f in facts]
    listed = listed + [f for kind, facts in parts if not kind.startswith("wrongly") for f in facts]
    # the forces a threshold list only counts ("8 forces' figures are not more than 40%") are
    # not among its figures: none is printed, so none is cited
    listed = [f for f in listed if f not in dict(parts).get("not_passing", ())]
    return core.base(
        query,
        shown_offence=asked.offence,
        topic="cancelled_incorrect",
        facts=tuple(national + listed),
        # the first sentence sums the list up; no one force is put first
        lead=national[0] if national else None,
        groups=groups,
        missing=not by_force and not rightly,
        other_years=() if by_force or rightly else core.other_years(None, asked),
        coverage=len(set(by_force) | {f.force for f in rightly}),
        # "forces that did not wrongly cancel any": the forces with none lead
        asked_none=query.threshold is None and asks_for_none(query.focus or query.text),
        follow_ups=force_follow_ups(
            core, [f.force for f in listed], asked.offence, "cancelled_incorrect"
        ),
    )


def _read_from_other_side(core: ForceFigures, topic: str, apart: tuple[Fact, ...]) -> set[str]:
    """The forces listed apart whose data has a figure of the asked side too (of the same
    inspection, shown once as its other side's figure): they have a figure for it."""
    asked = primary_of(topic)
    if not apart:
        return set()
    # each force's findings of the asked side, with the rows shown once as their other side
    # (never every force's, nor each force's every finding: at 100x data, thousands)
    of_force = {
        force: core.store.facts_of_measures(force, asked)
        for force in dict.fromkeys(f.force for f in apart)
    }
    return {
        f.force
        for f in apart
        if any(
            g.inspection_year == f.inspection_year or same_finding(g, f) for g in of_force[f.force]
        )
    }
