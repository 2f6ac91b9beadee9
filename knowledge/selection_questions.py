"""Questions that select forces by a threshold or a country: "forces below 90%", "over 20,000
crimes a year unrecorded", "20k+", "Welsh forces": the side, the number and its unit."""

import re
from typing import Any, Final

from knowledge.normalise import normalise

_NUMBER_WORDS: Final = {
    w: float(n)
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {
    w: 10.0 * n
    for n, w in enumerate("_ _ _ thirty forty fifty sixty seventy eighty ninety".split())
    if n > 2
}
_SIDE_WORDS: Final = {
    "above": "above", "over": "above", "more than": "above", "higher than": "above",
    "greater than": "above", "exceeding": "above", "in excess of": "above",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "below": "below", "under": "below", "less than": "below", "lower than": "below",
    "fewer than": "below", "at most": "at most", "no more than": "at most",
}  # fmt: skip
THRESHOLD = re.compile(
    r"\b(no fewer than|no less than|no more than|above|over|more than|higher than|greater than"
    r"|exceeding|in excess of|at least|below|under|less than|lower than|fewer than|at most)"
    r" (\d{1,3}(?:[, ]\d{3})+|\d+(?:\.\d+)?|"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r"|a hundred|one hundred|hundred)(?: ?(k|thousand))?\b"
    r"( ?(%|per ?cent|percent)"
    r"|(?= (?:reported |recorded |unrecorded )?(?:crimes|records|offences)))?"
)
_A_YEAR = re.compile(r"(19|20)\d\d")
# "20k+ crimes", "20,000+": more than the number
_PLUS = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?: ?(?:k|thousand|%))?) ?\+(?!\d)"
)
_WELSH = re.compile(
    r"\b(welsh (police )?forces?|(police )?forces (in|of) wales|welsh police"
    r"|wales (police )?forces?)\b"
)
_ENGLISH = re.compile(r"\b(english (police )?forces?|forces (in|of) england)\b")


def selected_measure(measure: str | None, selection: dict[str, Any], unit: str) -> str | None:
    """The measure a selection filters: recording rates by a percent (or a country alone);
    estimates of crimes unrecorded a year by a count ("over 20,000 crimes")."""
    if measure in (None, "unrecorded_per_year") and selection["threshold"] and unit == "count":
        return "unrecorded_per_year"
    if measure in (None, "recording_rate"):
        return "recording_rate"
    return None


def selection_of(plain: str, text: str = "") -> dict[str, Any] | None:
    """ "above 95%", "less than 85 per cent", "Welsh forces": a threshold or a country."""
    read = _threshold(normalise(text).lower()) or _threshold(plain)
    threshold = read[:2] if read else None
    country = None
    if _WELSH.search(plain.replace("england and wales", "")):
        country = "Wales"
    elif _ENGLISH.search(plain.replace("england and wales", "")):
        country = "England"
    if threshold is None and country is None:
        return None
    return {"threshold": threshold, "country": country}


def _threshold(text: str) -> tuple[str, float, str] | None:
    """ "over 20,000 crimes" -> ("above", 20000.0, "count"); "below 90%" -> ("below", 90.0,
    "%"); a bare number is "" (a percent up to 100, else a count)."""
    found = THRESHOLD.search(_PLUS.sub(r"over \1", text))
    if not found:
        return None
    number = found.group(2).replace(",", "").replace(" ", "")
    value = _NUMBER_WORDS.get(number) or (100.0 if "hundred" in number else None)
    value = float(number) if value is None and number[0].isdigit() else value or 0.0
    unit = "%" if found.group(5) else "count" if found.group(4) is not None else ""
    if unit == "" and _A_YEAR.fullmatch(number) and not found.group(3):
        return None  # "over 2017" is a year
    if found.group(3):  # "20k", "twenty thousand"
        value, unit = value * 1000, "count"
    if unit == "" and value > 100:
        unit = "count"
    return _SIDE_WORDS[found.group(1)], value, unit


def threshold_unit(plain: str, text: str = "") -> str:
    """The unit of the question's threshold: "%", "count" or "" (a bare number up to 100)."""
    read = _threshold(normalise(text).lower()) or _threshold(plain)
    return read[2] if read else ""
