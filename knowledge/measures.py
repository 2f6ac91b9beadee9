"""Every measure of findings.csv, declared once: how it reads, which way is worse, its family.

The answerer, the templates (as the global ``MEASURES``), the charts and the loader read this
table; adding a measure is one entry here. ``words`` are the phrases people type for a measure:
the only list of them (knowledge.vocabulary.MEASURE_WORDS is built from it); ``asked_as`` is the
measure a question using those words is answered with, where that is not the measure itself.
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
    asked_as: str | None = None

    @property
    def answered_as(self) -> str:
        """The measure a question naming this one is answered with (its own name, or the
        measure whose answer shows it: a share not told is answered with the not-told family)."""
        return self.asked_as or self.name

    @property
    def higher_is_worse(self) -> bool:
        return self.direction == HIGHER_WORSE


def _m(
    name: str,
    label: str,
    kind: str,
    direction: str | None,
    family: str,
    words: str,
    asked_as: str | None = None,
) -> Measure:
    """`words`: the phrases, separated by "|"."""
    return Measure(name, label, kind, direction, family, tuple(words.split("|")), asked_as)


_B, _W = HIGHER_BETTER, HIGHER_WORSE
_CANCELLED = "cancelled_incorrect"
_RECORDING = "recording_rate"
_UNRECORDED = "unrecorded_per_year"
# fmt: off
_DECLARED: Final = (
    _m("grade", "crime-recording grade", "grade", _B, "grade",
       "grade|graded|grades|grading|gradings|rating|ratings|rated|judged|judgment|judgement"),
    _m("recording_rate", "recording rate", "percent", _B, "recording",
       "recording rate|recording rates|recording|recordings|log|logged|logging|how well|record|"
       "records|recorded|accuracy|accurate|accurately|"
       # the inspectors' own term: compliance with the National Crime Recording Standard
       "ncrs compliance|ncrs compliant|compliance with ncrs|compliance with the ncrs|"
       "crime recording compliance|compliance rate"),
    _m("unrecorded_per_year", "estimated crimes unrecorded a year", "count", _W, "recording",
       "unrecorded|went unrecorded|go unrecorded|missed|missed crimes|miss|misses|never recorded|"
       "not record|"
       "fail to record|failed to record|fails to record|failing to record|missing crimes|"
       "didn t record|did not record|don t record|do not record|doesn t record|does not record|"
       "not recording|not logged|not bother recording|not bother to record|"
       "not bothering to record|not bothering recording|not bothered to record|"
       "not get recorded|not getting recorded|never get recorded|don t bother to record|"
       "don t bother recording|didn t bother to record|didn t bother recording"),
    _m("unrecorded_rate", "share of crimes left unrecorded", "percent", _W, "recording",
       "share unrecorded|proportion unrecorded|percentage unrecorded", _UNRECORDED),
    _m("additional_recorded_per_year", "estimated additional crimes recorded a year",
       "count", None, "recording",
       "additional crimes|extra crimes"),
    _m("cancelled_incorrect", "wrongly cancelled records", "fraction", _W, "cancelled",
       "wrongly cancelled|incorrectly cancelled|cancelled wrongly|cancelled incorrectly|"
       "cancelled|cancelling|cancellation|cancellations|"
       "cancel|canceled|canceling|cancelation|cancelations|cancels|no crime|no crimes|"
       "no criming|no crimed|nocrimed|written off|writing off|dropped|wiped|wiping|"
       "wrongly closed"),
    _m("cancelled_incorrect_pct", "share of reviewed cancelled records wrongly cancelled",
       "percent", _W, "cancelled",
       "share wrongly cancelled|percentage wrongly cancelled|proportion wrongly cancelled",
       _CANCELLED),
    _m("cancelled_correct", "rightly cancelled records", "fraction", _B, "cancelled",
       "rightly cancelled|correctly cancelled|properly cancelled|cancelled correctly|"
       "cancelled rightly|cancelled properly|canceled correctly|correctly canceled|"
       "rightly canceled|cancelled appropriately|appropriately cancelled|correct cancellations|"
       "cancelled legitimately|legitimately cancelled"),
    _m("victims_told", "victims told their crime record was cancelled", "fraction", _B, "victims",
       "victims told|victim told|told victims|told the victim|told the victims|told their|"
       "told them|tell victims|tell the victim|tell the victims|victims informed|"
       "informed victims|victims notified|notified victims|victims were told|"
       "victims were informed|were told|was told|telling victims|telling the victim|"
       "telling the victims|inform victims|informing victims|let victims know|"
       "letting victims know"),
    _m("victims_not_told", "victims not told their crime record was cancelled",
       "fraction", _W, "victims",
       "victims not told|werent told|wasnt told|never heard|left in the dark|kept in the dark|"
       "victims were not told|not told|never told|weren t told|wasn t told|not informed|"
       "not notified|didn t tell|didnt tell|did not tell|failed to tell|without telling|"
       "didn t inform|didnt inform|did not inform"),
    _m("victims_not_told_pct", "share of victims not told their crime record was cancelled",
       "percent", _W, "victims",
       "share not told|percentage not told|proportion not told", "victims_not_told"),
    _m("sample_recorded_pct", "share of the audited sample that was recorded",
       "percent", _B, "audit",
       "sample recorded|share of the sample recorded", _RECORDING),
    _m("sample_not_recorded_pct", "share of the audited sample not properly recorded",
       "percent", _W, "audit",
       "sample not recorded|share of the sample not recorded", _UNRECORDED),
    _m("not_recorded_pct", "share not recorded", "percent", _W, "audit",
       "share not recorded|percentage not recorded|proportion not recorded", _UNRECORDED),
    _m("recorded_within_24h", "crimes recorded within 24 hours", "fraction", _B, "audit",
       "within 24 hours|24 hours|24 hrs|24h|24hrs|24 hour|twenty four hours|within a day"),
    _m("should_have_been_recorded", "reports that should have been recorded as crimes",
       "fraction", None, "audit",
       "should have been recorded|should have been crimes", _RECORDING),
    _m("were_recorded", "crimes that should have been recorded and were", "fraction", _B, "audit",
       "were recorded|was recorded", _RECORDING),
    _m("not_recorded", "crimes not recorded", "fraction", _W, "audit",
       "not recorded|were not recorded|weren t recorded", _UNRECORDED),
    _m("accurately_recorded", "crimes accurately recorded", "fraction", _B, "audit",
       "accurately recorded|recorded accurately", _RECORDING),
    _m("misclassified_or_unrecorded", "records misclassified or unrecorded",
       "fraction", _W, "audit",
       "misclassified or unrecorded|misclassified or not recorded", "wrongly_classified"),
    _m("wrongly_classified", "recorded crimes wrongly classified", "fraction", _W, "audit",
       "misclassified|wrongly classified|classified wrongly|incorrectly classified|"
       "classified wrong|classified incorrectly|wrong classification|misclassification"),
    _m("recorded_outside_72h", "crimes recorded outside the 72-hour limit",
       "fraction", _W, "audit",
       "72 hours|72 hrs"),
    _m("recorded_incorrectly", "crimes not recorded correctly", "fraction", _W, "audit",
       "recorded incorrectly|incorrectly recorded", _RECORDING),
    _m("recorded_correctly", "crimes recorded correctly", "fraction", _B, "audit",
       "recorded correctly|correctly recorded", _RECORDING),
    _m("not_recorded_properly", "crimes not recorded properly", "fraction", _W, "audit",
       "not recorded properly", _UNRECORDED),
    _m("unrecorded_in_sample", "crimes unrecorded in the audited sample", "fraction", _W, "audit",
       "unrecorded in the sample|unrecorded in sample", _UNRECORDED),
    _m("incorrectly_recorded_in_sample", "crimes incorrectly recorded in the audited sample",
       "fraction", _W, "audit",
       "incorrectly recorded in the sample|incorrectly recorded in sample", _RECORDING),
    _m("rank_worst_of_43_forces", "rank among the 43 forces (1 = worst)",
       "count", None, "cancelled",
       "cancellation ranking|cancellations ranking", _CANCELLED),
    _m("forces_with_incorrect_cancellations",
       "forces found to have wrongly cancelled at least one record",
       "count", _W, "national",
       "forces wrongly cancelled|forces wrongly cancelling", _CANCELLED),
    _m("max_force_cancelled_incorrect_pct",
       "highest share of reviewed records wrongly cancelled at any one force",
       "percent", _W, "national",
       "worst force s percentage|worst force s share", _CANCELLED),
    _m("cancelled_crimes_recorded", "cancelled crime records in the year (Home Office data)",
       "count", None, "national",
       "cancelled crimes recorded|cancelled crime records", _CANCELLED),
)
# fmt: on
MEASURES: Final[dict[str, Measure]] = {m.name: m for m in _DECLARED}
MEASURE_KINDS: Final[dict[str, str]] = {name: m.kind for name, m in MEASURES.items()}


def _phrase_table() -> dict[str, str]:
    """Each phrase people type for a measure -> the measure that answers it; a phrase is
    declared for one measure only."""
    table: dict[str, str] = {}
    for m in MEASURES.values():
        for phrase in m.words:
            if phrase in table:
                raise ValueError(f"{phrase!r} is declared for two measures")
            table[phrase] = m.answered_as
    return table


MEASURE_PHRASES: Final[dict[str, str]] = _phrase_table()

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
    "recording_audits": RECORDING_AUDITS,
}
# The measures that answer "which forces ..." for a family, best evidence first.
PRIMARY: Final[dict[str, tuple[str, ...]]] = {
    "cancelled_incorrect": ("cancelled_incorrect", "cancelled_incorrect_pct"),
    "recording_rate": ("recording_rate",),
    "unrecorded_per_year": ("unrecorded_per_year",),
    "grade": ("grade",),
    "victims_not_told": ("victims_not_told", "victims_not_told_pct"),
    "recording_audits": RECORDING_AUDITS,  # offences audited as samples, never as rates
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
