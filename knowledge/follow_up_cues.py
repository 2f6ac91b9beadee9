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

FIGURE_INTENTS = frozenset({"lookup", "compare", "offence_overview", "rank", "history"})
MEANING = re.compile(r"\b(mean|means|meaning|define|definition|explain|what is a|what s a)\b")
_BOTH = re.compile(
    r"\b(both|the two|the pair|each of them|them both|(those|these|all) two"
    r"|compare (them|those|these)|(all|the|those|these) (three|four)|all 3|all 4)\b"
)
_GROUP_SIZES = {"three": 3, "3": 3, "four": 4, "4": 4}
_NATIONALLY = re.compile(
    r"\b(nationally|national|national figure|england and wales|across all forces|all forces)\b"
)
OVERVIEW_CUES = frozenset({"which", "forces", "across", "every", "all", "nationally", "national"})
# "how many crimes a year is that", "per year?": a yearly count of the last rate
_PER_YEAR = re.compile(r"\b(a|per|each|every) year\b|\b(annually|yearly)\b")
_EVERY_FORCE_WORDS = frozenset({"each", "country", "countrywide", "wales", "england", "overall"})
SHORT_FOLLOW_UP = 8  # words: a longer question with no force is a question of its own
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
        or last.intent not in FIGURE_INTENTS
        or query.forces
        or not ASKS_SAMPLE_SIZE.search(plain)
        or MEANING.search(plain)
        or len(plain.split()) > SHORT_FOLLOW_UP
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
            # "which of them is better at recording crime": the measure it names, else the last
            measure = query.measure or frame.measure
            compared = replace(query, intent="compare", forces=pair, measure=measure)
            offence, year = frame.offence, frame.year
            carried = ("forces",) if query.measure else ("forces", "measure")
            return replace(compared, offence=offence, year=year), carried
    grade = grade_named(plain)
    if frame.intent == "filter" and grade and not query.offence and len(plain.split()) <= 5:
        return _listed(query, grade, frame)  # "and good?" after a filter
    # "how many forces in total have a grade": every force's, not the last list's count
    every_grade = query.intent == "offence_overview" and query.measure == "grade" and not grade
    if (
        frame.grade_filter
        and not every_grade
        and (
            asks_who_got_that(plain)
            or (
                frame.intent == "filter"
                and (asks_how_many_that(plain) or asks_how_many_bare(plain))
            )
        )
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


def asks_both(query: Query, frame: Frame, plain: str) -> int:
    """How many of the forces of the last questions a message with no force asks about side by
    side: 2 for "both" or "compare them" after two questions that named one force each, 3 for
    "compare all three" after three; 0 when it asks of no such group."""
    found = _BOTH.search(plain)
    if query.forces or len(frame.forces) > 1 or found is None:
        return 0
    size = next((_GROUP_SIZES[w] for w in found.group(1).split() if w in _GROUP_SIZES), 2)
    return size if len(frame.recent) >= size else 0


def asks_nationally(query: Query, frame: Frame, plain: str) -> bool:
    """ "and nationally?", "what about across all forces": the last measure for every force."""
    return (
        not query.forces
        and not query.measure
        and frame.measure in NATIONAL_CAPABLE - {None}
        and bool(_NATIONALLY.search(plain))
        and len(plain.split()) <= 6
    )


# "any other forces checked on that?", "what about other forces", "elsewhere?": the last
# offence or measure across the forces; so does "which forces have that figure?"
_OTHER_FORCES = re.compile(
    r"\b(other forces?|any other force|elsewhere"
    r"|forces? (have|has|had|with|gave|give|report|reported) (that|this|the same|those)"
    r"( figures?| numbers?| data| measures?| stats?)?)\b"
)


def other_forces(query: Query, frame: Frame, plain: str) -> tuple[Query, tuple[str, ...]] | None:
    """The last force's offence or measure asked of the other forces: every force's figures.
    Only for a message that asks nothing of its own ("which other forces are outstanding" is a
    grade filter, "other forces in Wales?" the Welsh forces)."""
    if (
        query.intent != "out_of_scope"
        or query.forces
        or query.candidates
        or len(frame.forces) != 1
        or not (frame.offence or frame.measure)
        or not _OTHER_FORCES.search(plain)
        or len(plain.split()) > SHORT_FOLLOW_UP
    ):
        return None
    offence, measure = query.offence or frame.offence, query.measure or frame.measure
    carried = (("offence",) if offence and not query.offence else ()) + (
        ("measure",) if measure and not query.measure else ()
    )
    asked = replace(query, intent="offence_overview", offence=offence, measure=measure)
    return asked, carried


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
        and len(words) <= SHORT_FOLLOW_UP
        and not set(words) & (OVERVIEW_CUES | _EVERY_FORCE_WORDS)
        and not _NATIONALLY.search(plain)
        and not WORST_FORCE_FIGURE.search(plain)
    )
