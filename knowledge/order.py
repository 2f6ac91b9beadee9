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
