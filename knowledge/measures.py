"""Every measure of findings.csv, declared once: how it reads, which way is worse, its family.

The answerer, the templates (as the global ``MEASURES``), the charts and the loader read this
table; adding a measure is one entry here. ``words`` are the phrases people type for a measure
(the parser's vocabulary keeps its own table for now and may read these later).
"""

from dataclasses import dataclass
from typing import Final

HIGHER_BETTER: Final = "higher_better"
HIGHER_WORSE: Final = "higher_worse"
# A grade's place: higher is better (outstanding 4 ... inadequate 0).
GRADE_SCORES: Final[dict[str, int]] = {
    "outstanding": 4,
    "good": 3,
    "adequate": 2,
    "requires improvement": 1,
    "inadequate": 0,
}


@dataclass(frozen=True)
class Measure:
    """One measure: its name in the data, its label, how its figure reads and which way is worse.

    kind: grade (a word), percent, count, or fraction ("numerator of denominator").
    direction: HIGHER_BETTER, HIGHER_WORSE, or None where "better" means nothing (a sample size).
    family: the group a question about it is answered from (grade, recording, cancelled, victims,
    audit, national).
    """

    name: str
    label: str
    kind: str
    direction: str | None
    family: str
    words: tuple[str, ...] = ()

    @property
    def higher_is_worse(self) -> bool:
        return self.direction == HIGHER_WORSE


def _m(
    name: str,
    label: str,
    kind: str,
    direction: str | None,
    family: str,
    *words: str,
) -> Measure:
    return Measure(name, label, kind, direction, family, tuple(words))


_B, _W = HIGHER_BETTER, HIGHER_WORSE
MEASURES: Final[dict[str, Measure]] = {
    m.name: m
    for m in (
        _m("grade", "crime-recording grade", "grade", _B, "grade", "grade", "rating", "rated"),
        _m("recording_rate", "recording rate", "percent", _B, "recording", "recording rate"),
        _m("unrecorded_per_year", "estimated crimes unrecorded a year", "count", _W, "recording"),
        _m("unrecorded_rate", "share of crimes left unrecorded", "percent", _W, "recording"),
        _m(
            "additional_recorded_per_year",
            "estimated additional crimes recorded a year",
            "count",
            None,
            "recording",
        ),
        _m(
            "cancelled_incorrect",
            "wrongly cancelled records",
            "fraction",
            _W,
            "cancelled",
            "wrongly cancelled",
            "cancellations",
        ),
        _m(
            "cancelled_incorrect_pct",
            "share of reviewed cancelled records wrongly cancelled",
            "percent",
            _W,
            "cancelled",
        ),
        _m("cancelled_correct", "rightly cancelled records", "fraction", _B, "cancelled"),
        _m(
            "victims_told",
            "victims told their crime record was cancelled",
            "fraction",
            _B,
            "victims",
        ),
        _m(
            "victims_not_told",
            "victims not told their crime record was cancelled",
            "fraction",
            _W,
            "victims",
        ),
        _m(
            "victims_not_told_pct",
            "share of victims not told their crime record was cancelled",
            "percent",
            _W,
            "victims",
        ),
        _m(
            "sample_recorded_pct",
            "share of the audited sample that was recorded",
            "percent",
            _B,
            "audit",
        ),
        _m(
            "sample_not_recorded_pct",
            "share of the audited sample not properly recorded",
            "percent",
            _W,
            "audit",
        ),
        _m("not_recorded_pct", "share not recorded", "percent", _W, "audit"),
        _m("recorded_within_24h", "crimes recorded within 24 hours", "fraction", _B, "audit"),
        _m(
            "should_have_been_recorded",
            "reports that should have been recorded as crimes",
            "fraction",
            None,
            "audit",
        ),
        _m(
            "were_recorded",
            "crimes that should have been recorded and were",
            "fraction",
            _B,
            "audit",
        ),
        _m("not_recorded", "crimes not recorded", "fraction", _W, "audit"),
        _m("accurately_recorded", "crimes accurately recorded", "fraction", _B, "audit"),
        _m(
            "misclassified_or_unrecorded",
            "records misclassified or unrecorded",
            "fraction",
            _W,
            "audit",
        ),
        _m("wrongly_classified", "recorded crimes wrongly classified", "fraction", _W, "audit"),
        _m(
            "recorded_outside_72h",
            "crimes recorded outside the 72-hour limit",
            "fraction",
            _W,
            "audit",
        ),
        _m("recorded_incorrectly", "crimes not recorded correctly", "fraction", _W, "audit"),
        _m("recorded_correctly", "crimes recorded correctly", "fraction", _B, "audit"),
        _m("not_recorded_properly", "crimes not recorded properly", "fraction", _W, "audit"),
        _m(
            "unrecorded_in_sample",
            "crimes unrecorded in the audited sample",
            "fraction",
            _W,
            "audit",
        ),
        _m(
            "incorrectly_recorded_in_sample",
            "crimes incorrectly recorded in the audited sample",
            "fraction",
            _W,
            "audit",
        ),
        _m(
            "rank_worst_of_43_forces",
            "rank among the 43 forces (1 = worst)",
            "count",
            None,
            "cancelled",
        ),
        _m(
            "forces_with_incorrect_cancellations",
            "forces found to have wrongly cancelled at least one record",
            "count",
            _W,
            "national",
        ),
        _m(
            "max_force_cancelled_incorrect_pct",
            "highest share of reviewed records wrongly cancelled at any one force",
            "percent",
            _W,
            "national",
        ),
        _m(
            "cancelled_crimes_recorded",
            "cancelled crime records in the year (Home Office data)",
            "count",
            None,
            "national",
        ),
    )
}
MEASURE_KINDS: Final[dict[str, str]] = {name: m.kind for name, m in MEASURES.items()}

# What a question about one measure is shown: the measure first, then figures from inspections
# of the same year that belong with it (a rate and its unrecorded estimate; a recording audit).
RECORDING_AUDITS: Final = (
    "were_recorded",
    "should_have_been_recorded",
    "not_recorded",
    "unrecorded_in_sample",
    "sample_recorded_pct",
    "sample_not_recorded_pct",
    "not_recorded_pct",
    "unrecorded_rate",
    "accurately_recorded",
    "recorded_correctly",
    "recorded_incorrectly",
    "not_recorded_properly",
    "incorrectly_recorded_in_sample",
    "misclassified_or_unrecorded",
    "wrongly_classified",
    "recorded_within_24h",
    "recorded_outside_72h",
    "additional_recorded_per_year",
)
_VICTIMS_TOLD: Final = ("victims_told", "victims_not_told", "victims_not_told_pct")
FAMILIES: Final[dict[str, tuple[str, ...]]] = {
    "cancelled_incorrect": ("cancelled_incorrect", "cancelled_incorrect_pct", "cancelled_correct"),
    "cancelled_correct": ("cancelled_correct", "cancelled_incorrect", "cancelled_incorrect_pct"),
    "recording_rate": ("recording_rate", "unrecorded_per_year", *RECORDING_AUDITS),
    "unrecorded_per_year": ("unrecorded_per_year", "recording_rate", *RECORDING_AUDITS),
    "grade": ("grade",),
    "victims_told": _VICTIMS_TOLD,
    "victims_not_told": _VICTIMS_TOLD,
    "wrongly_classified": ("wrongly_classified", "misclassified_or_unrecorded"),
    "recorded_within_24h": ("recorded_within_24h",),
    "recorded_outside_72h": ("recorded_outside_72h",),
    "additional_recorded_per_year": ("additional_recorded_per_year",),
}
# The measures that answer "which forces ..." for a family, best evidence first.
PRIMARY: Final[dict[str, tuple[str, ...]]] = {
    "cancelled_incorrect": ("cancelled_incorrect", "cancelled_incorrect_pct"),
    "recording_rate": ("recording_rate",),
    "unrecorded_per_year": ("unrecorded_per_year",),
    "grade": ("grade",),
}
# The national figure shown above a force-by-force list of a measure.
NATIONAL_MEASURES: Final[dict[str, tuple[str, ...]]] = {
    "cancelled_incorrect": (
        "forces_with_incorrect_cancellations",
        "max_force_cancelled_incorrect_pct",
    ),
    "recording_rate": ("recording_rate",),
    "unrecorded_per_year": ("unrecorded_per_year",),
    "cancelled_crimes_recorded": ("cancelled_crimes_recorded",),
}


def measure(name: str) -> Measure:
    return MEASURES[name]


def primary_of(name: str) -> tuple[str, ...]:
    return PRIMARY.get(name, (name,))


def family_of(name: str | None) -> tuple[str, ...] | None:
    if name is None:
        return None
    return FAMILIES.get(name, (name,))
