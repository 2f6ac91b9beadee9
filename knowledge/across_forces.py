"""Each force's figures for a question asked across forces, and the pieces every list shares."""

from dataclasses import replace

from knowledge.facts import Fact
from knowledge.followups import FollowUp, question_for
from knowledge.force_figures import ForceFigures
from knowledge.measures import primary_of
from knowledge.query import Query

DEFAULT_AUDIT_OFFENCE = "rape"  # the offence most cancelled-crime audits reported
TOLD = ("victims_told", "victims_not_told")
RECORDING_AUDITS_TOPIC = "recording_audits"


def share_twin(count: Fact, usable: list[Fact]) -> Fact:
    """The same inspection's percent for a count without a sample size (Humberside 2018: 4 rape
    records wrongly cancelled, 20% of those cancelled): a share, where the source gives one."""
    return next(
        (
            f
            for f in usable
            if f.inspection == count.inspection and f.value is not None and f.number is not None
        ),
        count,
    )


def figures_by_force(core: ForceFigures, query: Query) -> dict[str, list[Fact]]:
    """Each force with a figure for the query's offence, measure and year: its latest ones."""
    figures = {force: core.figures(force, query) for force in core.store.forces}
    return {force: facts for force, facts in figures.items() if facts}


def primary_by_force(core: ForceFigures, query: Query) -> dict[str, list[Fact]]:
    """Each force's latest figures of the asked measure itself (not its companions)."""
    primary = primary_of(query.measure or "")
    by_force = {}
    for force, facts in figures_by_force(core, query).items():
        firsts = [f for f in facts if f.measure in primary]
        if firsts:
            by_force[force] = firsts
    return by_force


def force_follow_ups(
    core: ForceFigures, forces: list[str], offence: str | None, measure: str
) -> tuple[FollowUp, ...]:
    return tuple(
        FollowUp(core.short(f), question_for(core.short(f), offence, measure)) for f in forces[:3]
    )


def told_apart(core: ForceFigures, asked: Query, ranked: set[str]) -> tuple[Fact, ...]:
    """Victims told and not told are two measures: the other one's figures, of the forces
    not ranked, are listed apart, never turned into the ranked one."""
    other = "victims_not_told" if asked.measure == "victims_told" else "victims_told"
    by_force = primary_by_force(core, replace(asked, measure=other))
    return tuple(f for force, facts in by_force.items() if force not in ranked for f in facts)
