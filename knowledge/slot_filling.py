"""Fill the slots of a Query that do not depend on the forces named: offence, measure, year or
years, a change over time asked for, and the kind of inspection named."""

import re

from knowledge.query import Query
from knowledge.slots import measure_of, phrases
from knowledge.vocabulary import MEASURE_WORDS, OFFENCE_WORDS
from knowledge.years import years_named

OFFENCE = phrases(OFFENCE_WORDS)
MEASURE = phrases(MEASURE_WORDS)
# a change over time asked of a force: each inspection's figures, oldest first
_HISTORY = re.compile(
    r"\b(since (19|20)\d\d|(getting|get|got|gotten) (better|worse)|improv(ed|ing)"
    r"|improvement (from |between )?(19|20)\d\d( to| and|-)? (19|20)\d\d"
    r"|(improvement|better|worse|change|changes|progress) (between|across|over|from one)"
    r"( the| its| their| two| both)? (inspections|re ?inspections|visits|reports|inspection to)"
    r"|(grade|grades|rating|ratings|judgement|rate) (ever )?(change|changes)"
    r"|(better|worse|improve|improved) (after|since) (the|its|their) re ?inspection"
    r"|changed|change over time|over time|over the years|trend|history|progress"
    r"|going (up|down)|up or down|rising|falling|risen|fallen|improve"
    r"|(better|worse) (at [a-z ]{1,30})?than (it|they|she|he) (was|were|used to( be)?|has been"
    r"|have been)|then and now|(turned|turning) (things |it |itself |themselves )?a?round"
    r"|turn (things|it|itself|themselves) a?round"
    r"|(better|worse) (at [a-z ]{1,30})?than (before|last time|in the past|previously"
    r"|it was before))\b"
)
# a share of a force's crimes stated to be checked, with no measure named: its recording rate
_PERCENT_GIVEN = re.compile(r"\d(\s?%|\s?per\s?cent\b|\s?percent\b)", re.IGNORECASE)
# the kind of inspection a question names ("Hertfordshire PEEL grade")
_KINDS = (
    ("peel", re.compile(r"\bpeel\b")),
    ("cdi", re.compile(r"\b(cdi|crime data integrity)\b")),
)
# "what grade did it get most recently": the latest figure, whatever change the message mentions
_LATEST = re.compile(r"\b(most recent(ly)?|latest|right now|currently)\b")


def slots_of(text: str, plain: str) -> Query:
    """An out-of-scope Query of the message `text` with the slots its words `plain` fill."""
    years = years_named(plain)
    offence = first(OFFENCE, plain, OFFENCE_WORDS)
    measure = measure_of(plain, offence)
    if measure is None and offence in (None, "all") and _PERCENT_GIVEN.search(text):
        measure = "recording_rate"  # "Thames Valley at 80.4 per cent - correct?"
    return Query(
        text,
        "out_of_scope",
        offence=offence,
        measure=measure,
        year=years[0] if len(years) == 1 else None,
        years=years if len(years) > 1 else (),
        history=_HISTORY.search(plain) is not None and not _LATEST.search(plain),
        kind_asked=next((kind for kind, words in _KINDS if words.search(plain)), None),
    )


def first(pattern: re.Pattern[str], plain: str, table: dict[str, str]) -> str | None:
    match = pattern.search(plain)
    return table[match.group(1)] if match else None
