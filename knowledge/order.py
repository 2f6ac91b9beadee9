"""Which of two forces' figures is higher, as far as their hedges and confidence intervals
allow: for "which is better at recording crime, Merseyside or Cheshire"."""

import re

from knowledge.facts import Fact
from knowledge.thresholds import bounds

# "which is better", "who records more", "is Kent better than Essex", "which one is higher"
ORDER_ASKED = re.compile(
    r"\b(which|who|whose)\b.*\b(better|worse|best|worst|higher|lower|more|less|ahead|behind)\b"
    r"|\b(better|worse|higher|lower) than\b"
)


def asks_order(text: str) -> bool:
    return ORDER_ASKED.search(text.lower()) is not None


def _span(fact: Fact) -> tuple[float, float] | None:
    """The values the figure's words and its confidence interval allow."""
    found = bounds(fact)
    if found is None:
        return None
    low, _, high, _ = found
    try:
        margin = float(fact.ci_plus_minus or 0)
    except ValueError:
        margin = 0.0
    return low - margin, high + margin


def higher_first(a: Fact, b: Fact) -> tuple[Fact, Fact] | None:
    """(higher, lower) when every value either figure allows puts one above the other;
    None when the hedges or intervals overlap (the order is unclear)."""
    span_a, span_b = _span(a), _span(b)
    if span_a is None or span_b is None:
        return None
    if span_a[0] > span_b[1]:
        return a, b
    if span_b[0] > span_a[1]:
        return b, a
    return None


def comparable(a: Fact, b: Fact) -> bool:
    """Two figures of one measure and offence, both numbers (not grades)."""
    return (
        a.measure == b.measure
        and a.offence == b.offence
        and a.kind != "grade"
        and a.number is not None
        and b.number is not None
    )


def same_round(a: Fact, b: Fact) -> bool:
    """Two figures from one round of inspections (the same kind and year): comparable as one
    inspectorate method; figures of different rounds are not a league table."""
    return a.inspection_kind == b.inspection_kind and a.inspection_year == b.inspection_year


def verdict(top: Fact, runner_up: Fact) -> str:
    """Whether the first of a list (ranked either way) is clearly ahead of the second:
    "overlap" when a value either figure's hedge or confidence interval allows puts them the
    other way; "no_interval" when they do not overlap but one has no interval to tell;
    "higher" when both intervals leave the order clear. "_different" is added when they come
    from different rounds of inspection (another kind or year), which the answer says too."""
    if higher_first(top, runner_up) is None:
        clear = "overlap"
    elif top.ci_plus_minus and runner_up.ci_plus_minus:
        clear = "higher"
    else:
        clear = "no_interval"
    return clear if same_round(top, runner_up) else f"{clear}_different"


def straddles(fact: Fact, limit: float) -> bool:
    """The figure's 95% confidence interval reaches both sides of a threshold (88.3% +/- 1.82
    against 90%): which side the force's true rate is on is not certain."""
    if not fact.ci_plus_minus or fact.number is None:
        return False
    try:
        margin = float(fact.ci_plus_minus)
    except ValueError:
        return False
    return fact.number - margin < limit < fact.number + margin


def change(first: Fact, last: Fact) -> str:
    """How a force's figure moved from its first inspection to its latest: "better", "worse",
    "same", or "unclear" (hedges or intervals overlap; grades on different scales: PEEL
    2023-25's "adequate" is on a five-point scale, the others on four)."""
    if first.kind == "grade":
        if (first.value == "adequate") != (last.value == "adequate"):
            return "unclear"
        a, b = first.number, last.number
        if a is None or b is None:
            return "unclear"
        return "better" if b > a else "worse" if b < a else "same"
    if first.number is not None and first.number == last.number and first.value == last.value:
        return "same"
    ordered = higher_first(first, last)
    if ordered is None:
        return "unclear"
    higher_better = not last.about.higher_is_worse
    return "better" if (ordered[0] is last) == higher_better else "worse"


def improved(changes: list[str]) -> str:
    """One answer to "has it improved" from each measure's change: "yes" when all got better,
    "no" when none did and none is unclear, "mixed" when they disagree, else "unclear"."""
    if not changes or "unclear" in changes:
        return "unclear"
    if all(c == "better" for c in changes):
        return "yes"
    return "no" if "better" not in changes else "mixed"
