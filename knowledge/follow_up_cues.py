"""Recognise the follow-ups that take one particular thing from the last question: "which is
better" or "how many is that" about the last list, a ranking on the last measure, "and
nationally?", "both", "a year?" after a rate, and a short question still about the last force."""

import re
from dataclasses import replace

from knowledge.frame import Frame
from knowledge.national_questions import (
    ASKS_SAMPLE_SIZE,
    NATIONAL_CAPABLE,
    WORST_FORCE_FIGURE,
)
from knowledge.query import Query
from knowledge.replies import (
    asks_how_many_bare,
    asks_how_many_that,
    asks_which_is_better,
    asks_who_got_that,
    grade_named,
)
from knowledge.slots import measure_of

_FIGURE_INTENTS = frozenset({"lookup", "compare", "offence_overview", "rank", "history"})
MEANING = re.compile(r"\b(mean|means|meaning|define|definition|explain|what is a|what s a)\b")
_BOTH = re.compile(r"\b(both|the two|the pair|each of them|them both)\b")
_NATIONALLY = re.compile(
    r"\b(nationally|national|national figure|england and wales|across all forces|all forces)\b"
)
OVERVIEW_CUES = frozenset({"which", "forces", "across", "every", "all", "nationally", "national"})
# "how many crimes a year is that", "per year?": a yearly count of the last rate
_PER_YEAR = re.compile(r"\b(a|per|each|every) year\b|\b(annually|yearly)\b")
_EVERY_FORCE_WORDS = frozenset({"each", "country", "countrywide", "wales", "england", "overall"})
_SHORT_FOLLOW_UP = 8  # words: a longer question with no force is a question of its own
# figures kept only for England and Wales, never of one force
NATIONAL_ONLY = frozenset(
    {
        "forces_with_incorrect_cancellations",
        "cancelled_crimes_recorded",
        "max_force_cancelled_incorrect_pct",
    }
)


def sample_of_last(query: Query, frame: Frame, plain: str) -> tuple[Query, tuple[str, ...]] | None:
    """ "what was the sample size?" after a figure: the last question again (its answer gives
    each figure's sample), not the glossary's explanation of samples."""
    last = frame.last
    if (
        query.glossary_term != "sample"
        or last is None
        or last.intent not in _FIGURE_INTENTS
        or query.forces
        or not ASKS_SAMPLE_SIZE.search(plain)
        or MEANING.search(plain)
        or len(plain.split()) > _SHORT_FOLLOW_UP
    ):
        return None
    carried = [name for name in ("forces", "offence", "measure") if getattr(last, name)]
    again = replace(last, text=query.text, focus=query.focus)
    return again, (*carried, *(("year",) if last.year else ()))


def about_the_list(query: Query, frame: Frame, plain: str) -> tuple[Query, tuple[str, ...]] | None:
    """ "which is better" after two forces, "how many is that" after a list, "and good?" after
    a filter, "which forces got that?" after a grade: the last answer's forces or list again."""
    if query.forces or query.candidates:
        return None
    if asks_which_is_better(plain) and frame.measure:
        pair = frame.forces if len(frame.forces) > 1 else frame.recent[-2:]
        if len(pair) > 1:
            compared = replace(query, intent="compare", forces=pair, measure=frame.measure)
            offence, year = frame.offence, frame.year
            return replace(compared, offence=offence, year=year), ("forces", "measure")
    grade = grade_named(plain)
    if frame.intent == "filter" and grade and not query.offence and len(plain.split()) <= 5:
        return _listed(query, grade, frame)  # "and good?" after a filter
    if frame.grade_filter and (
        asks_who_got_that(plain)
        or (frame.intent == "filter" and (asks_how_many_that(plain) or asks_how_many_bare(plain)))
    ):
        return _listed(query, frame.grade_filter, frame)
    cancelled = {"cancelled_incorrect", "forces_with_incorrect_cancellations"}
    if asks_how_many_that(plain) and frame.measure in cancelled and frame.offence:
        national = replace(query, intent="national", forces=(), offence=frame.offence)
        return replace(national, measure="forces_with_incorrect_cancellations"), ("offence",)
    return None


def ranks_the_same(query: Query, frame: Frame, plain: str) -> bool:
    """A short ranking that names no measure, after a figure: ranked on the frame's measure
    and offence (the parser's ranking of such a question defaults to the recording rate)."""
    return (
        query.intent == "rank"
        and not query.forces
        and frame.measure is not None
        and frame.measure not in NATIONAL_ONLY
        and measure_of(plain, query.offence) is None
        and len(plain.split()) <= 6
    )


def _listed(query: Query, grade: str, frame: Frame) -> tuple[Query, tuple[str, ...]]:
    """The grade filter asked for, keeping what narrowed the last list (its year, years,
    country, "at any point") unless the follow-up names its own year."""
    listed = replace(query, intent="filter", forces=(), measure="grade", grade_filter=grade)
    last = frame.last
    if last is None or last.intent != "filter" or query.year or query.years:
        return listed, ("measure",)
    kept = replace(listed, year=last.year, years=last.years, country=last.country, ever=last.ever)
    return kept, ("measure", *(("year",) if last.year else ()))


def asks_both(query: Query, frame: Frame, plain: str) -> bool:
    """ "both" with no force named, when the last two questions named one force each."""
    return (
        not query.forces
        and len(frame.forces) < 2
        and len(frame.recent) > 1
        and bool(_BOTH.search(plain))
    )


def asks_nationally(query: Query, frame: Frame, plain: str) -> bool:
    """ "and nationally?", "what about across all forces": the last measure for every force."""
    return (
        not query.forces
        and not query.measure
        and frame.measure in NATIONAL_CAPABLE - {None}
        and bool(_NATIONALLY.search(plain))
        and len(plain.split()) <= 6
    )


def asks_per_year(query: Query, frame: Frame, plain: str) -> bool:
    """A count a year asked of the last force's recording rate: its unrecorded estimate."""
    return (
        bool(frame.forces)
        and not query.forces
        and query.measure is None
        and frame.measure in ("recording_rate", "unrecorded_per_year")
        and bool(_PER_YEAR.search(plain))
    )


def keeps_force(query: Query, frame: Frame, plain: str, words: list[str]) -> bool:
    """A short follow-up naming an offence or a measure but no force ("violence unrecorded per
    year", "how many go unrecorded?") is still about the last force, unless it asks of every
    force ("nationally", "which forces", "across forces") or for a figure only kept nationally."""
    return (
        bool(frame.forces)
        and len(frame.forces) == 1
        and not query.forces
        and not query.candidates
        and query.intent in ("offence_overview", "national")
        and bool(query.offence or query.measure)
        and query.measure not in NATIONAL_ONLY
        and len(words) <= _SHORT_FOLLOW_UP
        and not set(words) & (OVERVIEW_CUES | _EVERY_FORCE_WORDS)
        and not _NATIONALLY.search(plain)
        and not WORST_FORCE_FIGURE.search(plain)
    )
