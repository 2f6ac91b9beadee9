"""Rules for choosing figures: which ones answer a question, in what order, which one leads."""

from collections.abc import Callable, Iterable

from knowledge.facts import Fact
from knowledge.figure_choice import latest_per_figure
from knowledge.measures import NATIONAL_MEASURES, primary_of
from knowledge.vocabulary import CANCELLED_AUDIT_OFFENCES

ANY_OFFENCE = "any"  # a lookup's second try when the question named no offence


def selector(
    offence: str | None, asked: str | None, measures: tuple[str, ...] | None
) -> Callable[[Fact], bool]:
    if offence is None and asked in ("recording_rate", "unrecorded_per_year", "grade"):
        offence = "all"

    def wanted(fact: Fact) -> bool:
        return (measures is None or fact.measure in measures) and (
            offence in (None, ANY_OFFENCE) or fact.offence == offence
        )

    return wanted


def same_year_figures(facts: list[Fact], primary: tuple[str, ...]) -> list[Fact]:
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


def by_inspection(facts: list[Fact], family: tuple[str, ...]) -> list[Fact]:
    """Newest inspection first; within one, the family's order (the asked measure first)."""
    order = {m: i for i, m in enumerate(family)}
    newest: dict[str, float] = {}
    for f in facts:
        newest[f.inspection] = max(newest.get(f.inspection, 0), f.year_sort_key)
    return sorted(
        facts,
        key=lambda f: (
            -newest[f.inspection],
            f.inspection,
            order.get(f.measure, len(order)),
            not f.grade_changed,  # a grade the inspectorate changed: the final one first
        ),
    )


def lead(facts: Iterable[Fact], asked: str | None) -> Fact | None:
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


def mixed_findings(facts: Iterable[Fact], first: Fact | None) -> bool:
    """A lead of none wrongly cancelled for one offence while another offence's 2016-2020
    figures show some: leading with the zero would read as a clean bill."""
    if first is None or not first.none_found:
        return False
    audits = [f for f in facts if f.measure in primary_of("cancelled_incorrect")]
    return any(not f.none_found and not f.is_2014 and f.number for f in audits)


def best_audit_figure(facts: list[Fact]) -> Fact:
    """A force's figure for a list of wrongly cancelled records: 2016-2020 before 2014, then a
    count with its sample, then a percent, then a count without a sample size."""

    def preference(f: Fact) -> tuple[int, int, float]:
        form = 0 if f.denominator and f.numerator is not None else 1 if f.value else 2
        return (int(f.is_2014), form, -f.year_sort_key)

    return min(facts, key=preference)


def default_measure(offence: str | None) -> str:
    return "cancelled_incorrect" if offence in CANCELLED_AUDIT_OFFENCES else "recording_rate"


def national_of(topic: str) -> str:
    return NATIONAL_MEASURES.get(topic, (topic,))[0]


def score(fact: Fact, direction: str) -> float:
    """Lower sorts first. most/least: by the number; best/worst: by the measure's direction."""
    number = fact.number or 0.0
    if direction == "most":
        return -number
    if direction == "least":
        return number
    worse_is_lower = not fact.about.higher_is_worse  # a low rate is worse
    worst_first = number if worse_is_lower else -number
    return worst_first if direction == "worst" else -worst_first


def rank_key(direction: str) -> Callable[[Fact], tuple[float, str]]:
    return lambda fact: (score(fact, direction), fact.force)
