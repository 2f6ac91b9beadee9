"""The source's own hedge on a figure ("over 20,000", "almost 15%"), read from its quote."""

import re

from knowledge.facts import Fact

_HEDGES = (
    r"(just over|just under|well over|over|more than|less than|under|around|about|roughly"
    r"|approximately|nearly|almost|at least|some|up to)"
)
# a hedge and the space after it; the figure must follow (one pattern for every figure: a
# pattern per figure was compiled at the first answer that showed it)
_HEDGE_THEN = re.compile(rf"\b{_HEDGES}\s+", re.IGNORECASE)
_NUMBER_GOES_ON = frozenset("0123456789,")


def thousands(text: str | None) -> str:
    """11200 -> 11,200; decimals and small numbers exactly as given."""
    if text is None:
        return ""
    return f"{int(text):,}" if text.isdigit() else text


def qualifier(fact: Fact) -> str:
    """The source's own hedge right before this figure ("over", "about"), lower case, or ""."""
    if not fact.value:
        return ""
    figures = (fact.value, thousands(fact.value))
    for match in _HEDGE_THEN.finditer(fact.quote):  # the first hedge the figure follows
        at = match.end()
        if any(_figure_at(fact.quote, at, figure) for figure in figures):
            hedge = match.group(1).lower()
            # "recording rate is up to 95%" says it rose to 95%; "up to" only bounds a maximum.
            if hedge == "up to" and not fact.measure.startswith("max_"):
                return ""
            return hedge + " "
    return ""


def _figure_at(text: str, at: int, figure: str) -> bool:
    """`figure` is written at `at`, not as the start of a longer number ("95" of "950")."""
    end = at + len(figure)
    return text.startswith(figure, at) and (end == len(text) or text[end] not in _NUMBER_GOES_ON)
