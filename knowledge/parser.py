"""Turn a question into a Query: intent, forces, offence, measure, year."""

import re
from dataclasses import dataclass, replace
from typing import Final

from knowledge.guards import OFF_TOPIC_WORDS
from knowledge.matcher import ForceMatch, ForceMatcher, tokenize
from knowledge.normalise import normalise
from knowledge.spelling import Speller
from knowledge.vocabulary import (
    CANCELLED_AUDIT_OFFENCES,
    GLOSSARY_CUES,
    GLOSSARY_TERMS,
    GRADE_WORDS,
    HELP_PHRASES,
    MEASURE_WORDS,
    NATIONAL_PHRASES,
    OFFENCE_WORDS,
    RANK_DIRECTIONS,
    RANK_WORDS,
)

INTENTS: Final = (
    "lookup",
    "force_summary",
    "offence_overview",
    "national",
    "rank",
    "filter",
    "compare",
    "glossary",
    "help",
    "clarify",
    "out_of_scope",
    "whats_new",
)
# When a question names several measures, the most specific one is what it asks about.
MEASURE_PRIORITY: Final = (
    "victims_not_told",
    "victims_told",
    "recorded_within_24h",
    "recorded_outside_72h",
    "wrongly_classified",
    "cancelled_correct",
    "additional_recorded_per_year",
    "cancelled_incorrect",
    "unrecorded_per_year",
    "grade",
    "recording_rate",
)
# "2017", and "2015-16" or "2021/22" (a year ending in the second one, as the data dates them).
_YEAR = re.compile(r"\b(20[12]\d)(?: (\d\d))?\b")
# "the worst force's percentage": the national figure; "the worst force for X" asks which force.
_WORST_FORCE_FIGURE = re.compile(
    r"\b(worst|highest|biggest|largest) (single )?(force s |force )?(percentage|share|proportion"
    r"|rate|figure|per cent|percent)\b"
)
_SINCE = re.compile(r"\bsince (20[12]\d)\b")
_HOME_OFFICE_YEARS = re.compile(r"\b20[12]\d (\d\d)\b")
# Offences whose recording was audited as samples, not estimated as rates or unrecorded counts.
AUDIT_ONLY_OFFENCES: Final = frozenset({"domestic abuse", "vulnerable victims", "modern slavery"})
NATIONAL_CAPABLE: Final = frozenset(
    {None, "cancelled_incorrect", "recording_rate", "unrecorded_per_year", "grade"}
)


def _phrases(words: object) -> re.Pattern[str]:
    ordered = sorted(words, key=len, reverse=True)  # type: ignore[call-overload]
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in ordered) + r")\b")


_OFFENCE = _phrases(OFFENCE_WORDS)
_MEASURE = _phrases(MEASURE_WORDS)
_GLOSSARY = _phrases(GLOSSARY_TERMS)
_GLOSSARY_CUE = _phrases(GLOSSARY_CUES)
_HELP = _phrases(HELP_PHRASES)
_NATIONAL = _phrases(NATIONAL_PHRASES)
_RANK = _phrases(RANK_WORDS)
_WHATS_NEW = re.compile(
    r"\b(what'?s new|what is new|anything new|what'?s changed|what has changed|"
    r"what changed( recently)?|(latest|newest|recent|new) (inspections|reports|findings))\b"
)
_GRADE = _phrases(GRADE_WORDS)


@dataclass(frozen=True)
class Query:
    """What a question asks, before any figure is looked up."""

    text: str
    intent: str
    forces: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()
    offence: str | None = None
    measure: str | None = None
    year: int | None = None
    years: tuple[int, ...] = ()  # two or more years named: each one's figures
    rank: str | None = None  # "most", "least", "best" or "worst"
    glossary_term: str | None = None
    unsure: bool = False  # candidates are "did you mean" guesses from a misspelling
    grade_filter: str | None = None  # "which forces are rated inadequate"
    not_police: str | None = None  # "a fire and rescue service": why it is out of scope


def parse(text: str, matcher: ForceMatcher, speller: Speller | None = None) -> Query:
    """Read a question; never raises on odd input."""
    words = tokenize(normalise(text))
    if speller:
        words = speller.correct(words)
    plain = " ".join(w.lower() for w in words)
    if _asks_whats_new(text):  # "what's new", "latest inspections": no force to match
        return Query(text, "whats_new")
    found = matcher.match(words)
    years = () if _SINCE.search(plain) else _years(plain)  # "since 2014": the latest
    offence = _first(_OFFENCE, plain, OFFENCE_WORDS)
    measure = _measure(plain)
    if offence in AUDIT_ONLY_OFFENCES and measure == "unrecorded_per_year":
        measure = "recording_rate"  # "domestic abuse not recorded": the recording audits
    base = Query(
        text,
        "out_of_scope",
        offence=offence,
        measure=measure,
        year=years[0] if len(years) == 1 else None,
        years=years if len(years) > 1 else (),
    )
    if found.elsewhere:
        return base
    if found.not_police and not found.forces and not found.ambiguous:
        return replace(base, not_police=found.not_police[0])
    if not (base.offence or base.measure) and OFF_TOPIC_WORDS & set(plain.split()):
        return base
    if found.ambiguous or (found.suggestions and not found.forces):
        return _clarify(found, base)
    if not found.forces:
        return _without_force(plain, found, base)
    forces = tuple(found.forces)
    if len(forces) > 1:
        return replace(base, forces=forces, intent="compare")
    if base.offence or base.measure:
        return replace(base, forces=forces, intent="lookup")
    return replace(base, forces=forces, intent="force_summary")


def _asks_whats_new(text: str) -> bool:
    """ "what's new", "latest inspections", "what changed recently" and the like."""
    plain = " ".join(normalise(text).lower().replace("\u2019", "'").split())
    return _WHATS_NEW.search(plain) is not None


def _clarify(found: ForceMatch, base: Query) -> Query:
    candidates = [f for group in found.ambiguous for f in group] or found.suggestions
    unique = tuple(dict.fromkeys(f for f in candidates if f not in found.forces))
    return replace(
        base,
        intent="clarify",
        forces=tuple(found.forces),
        candidates=unique,
        unsure=not found.ambiguous,
    )


def _without_force(plain: str, found: ForceMatch, base: Query) -> Query:
    offence, measure = base.offence, base.measure
    glossary = _first(_GLOSSARY, plain, GLOSSARY_TERMS)
    rank = _RANK.search(plain)
    national = found.national or _NATIONAL.search(plain)
    which = "which" in plain.split()
    grade = _first(_GRADE, plain, GRADE_WORDS)
    if (
        glossary
        and not rank
        and not (national and measure)
        and (_GLOSSARY_CUE.search(plain) or plain in GLOSSARY_TERMS)
    ):
        return Query(base.text, "glossary", glossary_term=glossary)
    if _worst_force_figure(plain, offence, measure) and not which:
        return replace(base, intent="national", measure="max_force_cancelled_incorrect_pct")
    home_office = (
        measure == "cancelled_incorrect"
        and not offence
        and (_HOME_OFFICE_YEARS.search(plain) or "number of" in plain)
    )
    if (national or home_office or ("how many" in plain and not which)) and (
        (offence or measure) and measure in NATIONAL_CAPABLE
    ):
        return replace(base, intent="national", measure=_national_measure(plain, base))
    if national and "how many" in plain:
        return replace(base, intent="national")
    unmistakable = grade in ("inadequate", "outstanding", "requires improvement")
    # "good forces", "which forces are good (at recording crime)": a grade asked of forces
    of_forces = "forces" in plain.split() and not offence and measure in (None, "recording_rate")
    if grade and (measure == "grade" or unmistakable or of_forces) and not rank:
        return replace(base, intent="filter", measure="grade", grade_filter=grade)
    if rank and (offence or measure or "force" in plain):
        direction = RANK_DIRECTIONS.get(rank.group(1), "best")
        return replace(base, intent="rank", rank=direction, measure=measure or "recording_rate")
    if offence or measure:
        return replace(base, intent="offence_overview")
    if (not plain and not any(c.isalnum() for c in base.text)) or _HELP.search(plain):
        return replace(base, intent="help")
    return base  # out of scope; a year it names may still be a follow-up ("in 2017?")


def _worst_force_figure(plain: str, offence: str | None, measure: str | None) -> bool:
    """ "the worst force's percentage of wrongly cancelled robbery": a national figure."""
    return (
        measure == "cancelled_incorrect"
        and offence in CANCELLED_AUDIT_OFFENCES
        and bool(_WORST_FORCE_FIGURE.search(plain))
    )


def _national_measure(plain: str, base: Query) -> str | None:
    """Cancellations nationally: how many forces wrongly cancelled an offence, or the Home
    Office count of all cancelled crimes."""
    if base.measure != "cancelled_incorrect":
        return base.measure
    words = set(plain.split())
    if words & {"forces", "wrongly", "incorrectly"} or base.offence not in (None, "all"):
        return "forces_with_incorrect_cancellations"
    return "cancelled_crimes_recorded"


def _measure(plain: str) -> str | None:
    named = {MEASURE_WORDS[m.group(1)] for m in _MEASURE.finditer(plain)}
    return next((m for m in MEASURE_PRIORITY if m in named), None)


def _first(pattern: re.Pattern[str], plain: str, table: dict[str, str]) -> str | None:
    match = pattern.search(plain)
    return table[match.group(1)] if match else None


def _years(plain: str) -> tuple[int, ...]:
    """Every year named, in order, once each: "2015-16" is 2016, as the data dates it."""
    years = []
    for match in _YEAR.finditer(plain):
        first, second = int(match.group(1)), match.group(2)
        years.append(first + 1 if second and int(second) == (first + 1) % 100 else first)
    return tuple(dict.fromkeys(years))
