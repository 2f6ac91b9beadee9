"""Each force's figures as a chart's bars: the recording rate with its confidence interval, or
the sampled share wrongly cancelled with its Wilson interval (a share with no sample is listed,
not drawn), placed in the measure's direction."""

from collections.abc import Callable
from dataclasses import replace

from knowledge.chart_model import CANCELLED, RECORDING, WRONGLY_CANCELLED, Bar, Unplotted
from knowledge.facts import Fact


def recording_bars(
    by_force: dict[str, list[Fact]], short: Callable[[str], str], highlighted: tuple[str, ...]
) -> tuple[list[Bar], list[Unplotted]]:
    bars = []
    for force, facts in by_force.items():
        fact = next((f for f in facts if f.measure == RECORDING and f.number is not None), None)
        if fact is None or fact.number is None:
            continue
        ci = float(fact.ci_plus_minus) if fact.ci_plus_minus else None
        low, high = (fact.number - ci, fact.number + ci) if ci is not None else (None, None)
        bars.append(
            Bar(
                force,
                short(force),
                fact.number,
                low,
                high,
                f"{fact.value}%",
                fact.inspection_year,
                force in highlighted,
                fact,
            )
        )
    return bars, []


def cancelled_bars(
    by_force: dict[str, list[Fact]], short: Callable[[str], str], highlighted: tuple[str, ...]
) -> tuple[list[Bar], list[Unplotted]]:
    bars, unplotted = [], []
    for force, facts in by_force.items():
        wrong = tuple(f for f in facts if f.measure in WRONGLY_CANCELLED)
        sampled = next(
            (
                f
                for f in wrong
                if f.measure == CANCELLED and f.numerator is not None and f.denominator
            ),
            None,
        )
        if sampled is not None and sampled.number is not None:
            # a 2014 sample is drawn without an interval (not statistically significant)
            low, high = sampled.wilson or (None, None)
            bars.append(
                Bar(
                    force,
                    short(force),
                    sampled.number,
                    low,
                    high,
                    f"{sampled.numerator} of {sampled.denominator}",
                    sampled.inspection_year,
                    force in highlighted,
                    sampled,
                )
            )
        elif wrong:
            unplotted.append(Unplotted(force, short(force), wrong, force in highlighted))
    return bars, unplotted


def ranked(bars: list[Bar], higher_is_worse: bool) -> tuple[Bar, ...]:
    """Drawn highest value first. Places follow the measure's direction: rank 1 is the best
    (the highest recording rate, the lowest share wrongly cancelled), worst_rank 1 the worst;
    ties share a place; a 2014 sample is drawn but not ranked beside the 2016-2020 audits."""
    values = [b.value for b in bars if b.year != 2014]
    ordered = sorted(bars, key=lambda b: (-b.value, b.label))

    def place(b: Bar) -> Bar:
        if b.year == 2014:
            return b
        higher = 1 + sum(v > b.value for v in values)
        lower = 1 + sum(v < b.value for v in values)
        best, worst = (lower, higher) if higher_is_worse else (higher, lower)
        return replace(b, rank=best, worst_rank=worst, tied=values.count(b.value) > 1)

    return tuple(place(b) for b in ordered)
