"""A figure from the findings: one sourced row, and how it reads (kind, number, year, who
published it, the source's own words)."""

import re
from dataclasses import asdict, dataclass, field
from math import sqrt
from typing import Any

from knowledge.measures import GRADE_SCORES, MEASURES, Measure

SMALL_SAMPLE = 50
UNDATED_YEAR = 2015.5  # between the 2014 round and the 2016-2020 rolling programme
# the source's own words for a change over time ("has risen from 80.5 percent in 2014 to 94.8
# percent")
_TREND_WORDS = re.compile(
    r"\b(?:has |have )?(?:risen|fallen|increased|decreased|rose|fell) from [\d.]+ ?(?:per ?cent|%)"
    r"[^;,]*? to [\d.]+ ?(?:per ?cent|%)"
)
# a note of the dataset before the source's words ("other = other offences; 392 out of 412 ..."):
# the data README's way of saying what `other` holds, never the source's own words
_DATA_NOTE = re.compile(r"^(other = [^;:]*)[;:]\s*")


@dataclass(frozen=True)
class Fact:
    """One sourced figure: force, inspection and year, what was measured, and its source."""

    force: str
    inspection: str
    inspection_year: int | None
    published: str | None
    offence: str
    measure: str
    value: str | None
    ci_plus_minus: str | None
    numerator: int | None
    denominator: int | None
    source_url: str
    source_kind: str
    quote: str
    # The findings table's id: links an answer to exactly its rows (knowledge/export.py).
    # Not part of what the figure is, so two equal figures stay equal.
    row_id: int | None = field(default=None, compare=False)
    # The same finding as a count without a sample size, where the source gives it as a share
    # too (Humberside 2018: 20% of rape records, "four rape allegations"): shown once, beside
    # the share that is compared and ranked (see `figure_choice.counts_beside_shares`).
    count_beside: "Fact | None" = field(default=None, compare=False, repr=False)

    @property
    def about(self) -> Measure:
        """The measure's entry in the registry: label, kind, direction, family."""
        return MEASURES[self.measure]

    @property
    def kind(self) -> str:
        """grade, percent, count or fraction: how the figure reads."""
        return self.about.kind

    @property
    def number(self) -> float | None:
        """The figure as a number for sorting: the value, or numerator/denominator as a percent;
        a grade's place (outstanding 4 ... inadequate 0)."""
        if self.kind == "grade":
            return float(GRADE_SCORES[self.value]) if self.value in GRADE_SCORES else None
        if self.value is not None:
            return float(self.value)
        if self.numerator is not None and self.denominator:
            return 100 * self.numerator / self.denominator
        return None

    @property
    def none_found(self) -> bool:
        """A finding of zero (0 wrongly cancelled, 0%), as opposed to a missing figure."""
        if self.numerator is not None:
            return self.numerator == 0
        return self.value is not None and self.kind != "grade" and float(self.value) == 0

    @property
    def is_2014(self) -> bool:
        """From the 2014 round: small samples, not comparable with 2016-2020 estimates."""
        return self.inspection_year == 2014

    @property
    def inspection_kind(self) -> str:
        """cdi (crime data integrity), peel, home_office, or other (an inspection about
        something else whose report gave a recording figure)."""
        title = self.inspection.lower()
        if "home office" in title:
            return "home_office"
        if title.startswith("peel") and "crime data integrity" not in title:
            return "peel"
        if any(w in title for w in ("crime data integrity", "cdi", "crime recording")):
            return "cdi"
        return "other"

    @property
    def trend_words(self) -> str:
        """The source's own words for a change over time, or "": the direction it states."""
        found = _TREND_WORDS.search(self.quote)
        return found.group(0) if found else ""

    @property
    def grade_changed(self) -> bool:
        """The source says the published grade was changed (this row is the final one)."""
        return self.kind == "grade" and "changed from" in self.quote.lower()

    @property
    def stated_later(self) -> int | None:
        """The year of the later report whose page the source link is, when the row's figure is
        that report restating this inspection's ("In our 2016 report we found ...", Merseyside's
        2016 cancelled rapes and robberies, linked to its 2018 re-inspection page); else None."""
        year = self.inspection_year
        restates = rf"\b(?:in|from) (?:our|the|its) {year} report"
        if not year or not re.search(restates, self.quote, re.I):
            return None
        later = [int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", self.source_url)]
        return max((y for y in later if y > year), default=None)

    @property
    def inspectorate(self) -> str:
        """Who published it: HMIC until July 2017, HMICFRS since; the Home Office for its data."""
        if self.inspection_kind == "home_office":
            return "Home Office"
        if self.inspection_year and self.inspection_year <= 2016:
            return "HMIC"
        return "HMICFRS" if self.inspection_year else "HMIC/HMICFRS"

    @property
    def data_note(self) -> str:
        """The dataset's note in front of the quote ("other = other offences"), or ""."""
        note = _DATA_NOTE.match(self.quote)
        return note.group(1) if note else ""

    @property
    def source_words(self) -> str:
        """The quote without the dataset's note: what the source itself says."""
        return _DATA_NOTE.sub("", self.quote, count=1)

    @property
    def excludes_fraud(self) -> bool:
        """An all-crime figure whose source says it leaves fraud out ("91.6 per cent of all
        reported crime (excluding fraud)"): the answer keeps that qualifier."""
        return self.offence == "all" and "excluding fraud" in self.quote.lower()

    @property
    def small_sample(self) -> bool:
        return self.denominator is not None and self.denominator < SMALL_SAMPLE

    @property
    def wilson(self) -> tuple[float, float] | None:
        """The 95% Wilson score interval of numerator/denominator, in percent; none for a 2014
        sample, which the inspectorate said was not statistically significant on its own."""
        if self.numerator is None or not self.denominator or self.is_2014:
            return None
        return wilson_interval(self.numerator, self.denominator)

    @property
    def year_sort_key(self) -> float:
        """The year for ordering. An undated row ('most recent 2016-2020 CDI inspection') is
        newer than the 2014 round but older than any dated 2016-2020 inspection."""
        return self.inspection_year or UNDATED_YEAR

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["count_beside"] = self.count_beside.numerator if self.count_beside else None
        data["value"] = _json_number(self.value)
        data["ci_plus_minus"] = _json_number(self.ci_plus_minus)
        return data


def wilson_interval(successes: int, trials: int, z: float = 1.959964) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion, as percentages (low, high)."""
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    margin = z * sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - margin) * 100, min(1.0, centre + margin) * 100


def _json_number(text: str | None) -> int | float | str | None:
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text
