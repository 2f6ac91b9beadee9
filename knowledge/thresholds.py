"""Whether a force's figure is past a threshold ("over 20,000 unrecorded", "below 90%"),
compared as honestly as the source's own hedge allows.

A figure is read as the range of values its words allow. Sources round, and a hedge bounds the
figure by the rounding it shows: "over 19,200" is above 19,200 but below 19,300, "over 20,000"
above 20,000 but below 30,000, "over 90%" above 90 but at most 91 (the last figure written is
the step); "well over" has no upper end; "at least 20,000" is 20,000 up to one step more;
"under"/"less than" mirror "over". "around", "about", "roughly", "approximately", "some",
"nearly" and "almost" are the figure give or take 5% of it (a percent: half a point), since a
source that says "almost 20,000" does not say which side of 20,000 it is; "just over" and
"just under" are within that margin on their side. A figure without a hedge is exact. A
figure whose whole range is past the threshold passes; one whose whole range is not past it
fails; the rest are "on the line" and are listed apart, never counted as passing."""

from typing import Final

from knowledge.facts import Fact
from knowledge.hedges import qualifier

PASSES: Final = "passes"
ON_THE_LINE: Final = "on_the_line"
FAILS: Final = "fails"
# ("above", 20000.0): more than; "at least": that or more; "below": less than; "at most"
SIDES: Final = ("above", "at least", "below", "at most")
COUNT_MARGIN = 0.05  # "around 19,900": 5% either side
PERCENT_MARGIN = 0.5  # "around 14%": half a percentage point either side (its rounding)
_APPROXIMATE = frozenset(
    {"around", "about", "roughly", "approximately", "some", "nearly", "almost"}
)
_LOWER_BOUNDS = frozenset({"over", "more than"})
_UPPER_BOUNDS = frozenset({"under", "less than"})
INFINITY = float("inf")


def step(fact: Fact) -> float:
    """The rounding the written figure shows: 19,200 -> 100, 20,000 -> 10,000, 90.5 -> 0.1;
    a whole percent -> 1."""
    written = fact.value or ""
    if "." in written:
        return 10.0 ** -len(written.split(".")[1])
    if fact.kind == "percent" or not written.isdigit() or not written.strip("0"):
        return 1.0
    return 10.0 ** (len(written) - len(written.rstrip("0")))


def bounds(fact: Fact) -> tuple[float, bool, float, bool] | None:
    """(low, low is open, high, high is open): the values the figure's words allow."""
    value = fact.number if fact.number is not None else 0.0 if fact.none_found else None
    if value is None:
        return None
    hedge = qualifier(fact).strip()
    margin = PERCENT_MARGIN if fact.kind == "percent" else abs(value) * COUNT_MARGIN
    if fact.value is None:  # n of N worked out as a percent: exact
        return value, False, value, False
    if hedge in _APPROXIMATE:
        return value - margin, False, value + margin, False
    if hedge == "just over":
        return value, True, value + margin, False
    if hedge == "just under":
        return value - margin, False, value, True
    if hedge == "well over":
        return value, True, INFINITY, True
    if hedge in _LOWER_BOUNDS:
        return value, True, value + step(fact), True
    if hedge == "at least":
        return value, False, value + step(fact), True
    if hedge in _UPPER_BOUNDS:
        return value - step(fact), True, value, True
    return value, False, value, False


def _holds(side: str, limit: float, at: float, open_end: bool) -> bool:
    """Whether the range's end `at` (open or closed), the one nearest the limit, is past it:
    then so is every value of the range."""
    if side == "above":
        return at > limit or (at == limit and open_end)
    if side == "at least":
        return at >= limit
    if side == "below":
        return at < limit or (at == limit and open_end)
    return at <= limit


_OPPOSITE: Final = {
    "above": "at most",
    "at least": "below",
    "below": "at least",
    "at most": "above",
}


def judge(fact: Fact, threshold: tuple[str, float]) -> str:
    """PASSES, ON_THE_LINE or FAILS (FAILS too for a figure with no number)."""
    span = bounds(fact)
    if span is None:
        return FAILS
    low, low_open, high, high_open = span
    side, limit = threshold
    upward = side in ("above", "at least")
    near, near_open = (low, low_open) if upward else (high, high_open)
    far, far_open = (high, high_open) if upward else (low, low_open)
    if _holds(side, limit, near, near_open):
        return PASSES
    if _holds(_OPPOSITE[side], limit, far, far_open):
        return FAILS
    return ON_THE_LINE


def passes(fact: Fact, threshold: tuple[str, float]) -> bool:
    return judge(fact, threshold) == PASSES
