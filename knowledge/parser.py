"""Turn a question into a Query: intent, forces, offence, measure, year."""

import re
from dataclasses import dataclass, replace
from typing import Final

from knowledge.matcher import ForceMatch, ForceMatcher, tokenize
from knowledge.vocabulary import (
    ASCENDING_RANK_WORDS,
    GLOSSARY_CUES,
    GLOSSARY_TERMS,
    HELP_PHRASES,
    MEASURE_WORDS,
    NATIONAL_PHRASES,
    OFFENCE_WORDS,
    RANK_WORDS,
)

INTENTS: Final = (
    "lookup",
    "force_summary",
    "offence_overview",
    "national",
    "rank",
    "compare",
    "glossary",
    "help",
    "clarify",
    "out_of_scope",
    "whats_new",
)
MEASURE_PRIORITY: Final = ("cancelled_incorrect", "unrecorded_per_year", "grade", "recording_rate")
_YEAR = re.compile(r"\b(20[12]\d)\b")


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
    rank: str | None = None  # "worst" or "best"
    glossary_term: str | None = None
    unsure: bool = False  # candidates are "did you mean" guesses from a misspelling


def parse(text: str, matcher: ForceMatcher) -> Query:
    """Read a question; never raises on odd input."""
    words = tokenize(text)
    plain = " ".join(w.lower() for w in words)
    if _asks_whats_new(text):  # "what's new", "latest inspections": no force to match
        return Query(text, "whats_new")
    found = matcher.match(words)
    base = Query(
        text,
        "out_of_scope",
        offence=_first(_OFFENCE, plain, OFFENCE_WORDS),
        measure=_measure(plain),
        year=_year(plain),
    )
    if found.elsewhere:
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
    plain = " ".join(text.lower().replace("\u2019", "'").split())
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
    if (
        glossary
        and not rank
        and not (national and measure)
        and (_GLOSSARY_CUE.search(plain) or plain in GLOSSARY_TERMS)
    ):
        return Query(base.text, "glossary", glossary_term=glossary)
    if national and (offence or measure or "how many" in plain):
        return replace(base, intent="national", measure=_national_measure(plain, measure))
    if rank and (offence or measure or "force" in plain):
        direction = "worst" if rank.group(1) in ASCENDING_RANK_WORDS else "best"
        return replace(base, intent="rank", rank=direction, measure=measure or "recording_rate")
    if offence or measure:
        return replace(base, intent="offence_overview")
    if (not plain and not any(c.isalnum() for c in base.text)) or _HELP.search(plain):
        return Query(base.text, "help")
    return Query(base.text, "out_of_scope")


def _national_measure(plain: str, measure: str | None) -> str | None:
    if measure == "cancelled_incorrect":
        if "forces" in plain.split():
            return "forces_with_incorrect_cancellations"
        return "cancelled_crimes_recorded"
    return measure


def _measure(plain: str) -> str | None:
    named = {MEASURE_WORDS[m.group(1)] for m in _MEASURE.finditer(plain)}
    return next((m for m in MEASURE_PRIORITY if m in named), None)


def _first(pattern: re.Pattern[str], plain: str, table: dict[str, str]) -> str | None:
    match = pattern.search(plain)
    return table[match.group(1)] if match else None


def _year(plain: str) -> int | None:
    match = _YEAR.search(plain)
    return int(match.group(1)) if match else None
