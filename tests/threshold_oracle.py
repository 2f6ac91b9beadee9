"""A second, separate reading of threshold lists, straight from findings.csv (used by
test_thresholds.py and the truth linter): each force's latest figure of a measure, the source's
hedge before it, and whether the words allow only values past the threshold ("passes"), only
values not past it ("fails"), or both ("on_the_line"). It tries values across the range the
words allow instead of comparing the range's ends, so it shares no logic with the bot."""

import csv
import re
from functools import cache

from knowledge.loader import DATA_DIR

_HEDGE_BEFORE = re.compile(
    r"\b(just over|just under|well over|more than|less than|over|under|around|about|roughly"
    r"|approximately|nearly|almost|at least|some)\s+$",
    re.IGNORECASE,
)
_APPROXIMATE = {"around", "about", "roughly", "approximately", "some", "nearly", "almost"}
_SIDES = {
    "above": lambda x, limit: x > limit,
    "at least": lambda x, limit: x >= limit,
    "below": lambda x, limit: x < limit,
    "at most": lambda x, limit: x <= limit,
}
UNDATED = 2015.5  # "most recent 2016-2020 CDI inspection": after 2014, before any dated one


@cache
def rows() -> tuple[dict[str, str], ...]:
    with (DATA_DIR / "findings.csv").open(newline="", encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


def hedge_of(row: dict[str, str]) -> str:
    """The word(s) right before the first place the quote writes the value, or ""."""
    value = row["value"]
    written = [value] + ([f"{int(value):,}"] if value.isdigit() else [])
    for form in written:
        for found in re.finditer(re.escape(form) + r"(?![\d,])", row["quote"]):
            before = _HEDGE_BEFORE.search(row["quote"][: found.start()])
            hedge = before.group(1).lower() if before else ""
            return hedge
    return ""


def _rounding(value: str, percent: bool) -> float:
    if "." in value:
        return 10.0 ** -len(value.split(".")[1])
    if percent:
        return 1.0
    zeros = len(value) - len(value.rstrip("0"))
    return 10.0**zeros


def candidates(row: dict[str, str], percent: bool) -> list[float]:
    """Values the figure's words allow, dense enough to meet any threshold: the ends of the
    range (just inside where it is open) and many points between."""
    value = float(row["value"])
    hedge = hedge_of(row)
    margin = 0.5 if percent else value * 0.05
    tiny = 1e-6
    step = _rounding(row["value"], percent)
    low, high = {
        "": (value, value),
        "just over": (value + tiny, value + margin),
        "just under": (value - margin, value - tiny),
        "well over": (value + tiny, value * 10 + 1e6),
        "over": (value + tiny, value + step - tiny),
        "more than": (value + tiny, value + step - tiny),
        "at least": (value, value + step - tiny),
        "under": (value - step + tiny, value - tiny),
        "less than": (value - step + tiny, value - tiny),
    }.get(hedge, (value - margin, value + margin) if hedge in _APPROXIMATE else (value, value))
    return [low + (high - low) * i / 400 for i in range(401)]


def verdict(row: dict[str, str], side: str, limit: float, percent: bool) -> str:
    past = {_SIDES[side](x, limit) for x in candidates(row, percent)}
    if past == {True}:
        return "passes"
    return "fails" if past == {False} else "on_the_line"


def latest_rows(measure: str, offence: str) -> dict[str, list[dict[str, str]]]:
    """Each force's newest 2016-on rows of the measure with a value (several when the newest
    inspection gave it more than once)."""
    found: dict[str, list[dict[str, str]]] = {}
    for row in rows():
        if row["measure"] != measure or row["offence"] != offence or not row["value"]:
            continue
        if row["inspection_year"] == "2014" or row["force"] == "England and Wales":
            continue
        found.setdefault(row["force"], []).append(row)
    newest = {}
    for force, kept in found.items():
        top = max(float(r["inspection_year"] or UNDATED) for r in kept)
        newest[force] = [r for r in kept if float(r["inspection_year"] or UNDATED) == top]
    return newest


def expected(measure: str, offence: str, side: str, limit: float) -> dict[str, set[str]]:
    """The forces whose newest figure surely passes ("sure"), any of whose newest figures
    passes ("may_pass"), that may pass or are on the line ("maybe"), and that have a figure
    ("having"); a force whose newest rows disagree is not "sure"."""
    percent = measure != "unrecorded_per_year"
    found: dict[str, set[str]] = {
        "sure": set(),
        "may_pass": set(),
        "maybe": set(),
        "having": set(),
    }
    for force, kept in latest_rows(measure, offence).items():
        verdicts = {verdict(r, side, limit, percent) for r in kept}
        found["having"].add(force)
        if verdicts == {"passes"}:
            found["sure"].add(force)
        if "passes" in verdicts:
            found["may_pass"].add(force)
        if verdicts != {"fails"}:
            found["maybe"].add(force)
    return found
