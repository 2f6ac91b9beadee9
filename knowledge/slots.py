"""Which measure a question asks about, and the words that take it out of scope.

The vocabulary (knowledge/vocabulary.py) maps phrases to measures; this module decides between
them: the most specific measure named wins, a grade word or "what did Sussex get" asks for the
grade, "told off" or "I was told" is not about victims being told, and the offences audited only
as samples (domestic abuse, vulnerable victims, modern slavery) have no rate to ask about.
"""

import re
from typing import Final

from knowledge.guards import FORCE_AFFAIRS, OFF_TOPIC_WORDS
from knowledge.vocabulary import MEASURE_WORDS, RANK_DIRECTIONS, RANK_WORDS

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
# Offences whose recording was audited as samples, not estimated as rates or unrecorded counts:
# "recorded" or "not recorded" with them asks for the audits, not a measure of their own.
AUDIT_ONLY_OFFENCES: Final = frozenset({"domestic abuse", "vulnerable victims", "modern slavery"})
RECORDING_WORDS: Final = frozenset({"recording_rate", "unrecorded_per_year"})


def phrases(words: object) -> re.Pattern[str]:
    """One pattern matching any of the phrases as whole words, the longest first."""
    ordered = sorted(words, key=len, reverse=True)  # type: ignore[call-overload]
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in ordered) + r")\b")


_MEASURE = phrases(MEASURE_WORDS)
_RANK = phrases(RANK_WORDS)
# "what did Sussex get", "what has Kent been given": a force's grade.
_GRADE_VERB = re.compile(
    r"\bwhat (did|does|do|has|have|was|were) (?!(you|u|ya|we|i) )([a-z]+ ){1,4}?"
    r"(get|got|gotten|score|scored|achieve|achieved|receive|received|given|awarded)\b"
)
# Grade words that can only be a grade ("were outstanding", "rated inadequate"); not "good".
_GRADE_WORD = re.compile(r"\b(outstanding|inadequate|adequate|requires? improvement)\b")
# "told off", "I was told", "we've been told": hearsay or a telling-off, not victims being told.
_NOT_VICTIMS_TOLD = re.compile(
    r"\b(told off|(i|we|i ve|we ve|i have|we have|i m|i am|we re|we are) "
    r"(was |were |been )?told)\b"
)
# "were victims told when their crimes were cancelled": victims and telling, apart.
_VICTIMS = re.compile(r"\bvictims?\b")
# misspelt as readers type it ("tol", "tould", "infomed"): beside "victims", still telling
_TOLD = re.compile(
    r"\b(told|tol|toldd|tould|tolde|informed|infomed|informd|notified|notifed|tell|inform)\b"
)
# "victims weren't informed", "never told": the victims who were not told.
_NOT_TOLD = re.compile(
    r"\b(not|never|weren t|werent|wasn t|wasnt|didn t|didnt|without being) "
    r"(been |being |be |)(told|informed|notified)\b|\b(uninformed|untold)\b"
)
# "doesn't record 1 in 10 crimes", "misses 10%": a share, so the recording rate.
_SHARE = re.compile(
    r"\b(\d+|one|two|three|four|five) in (\d+|ten|five|four|three|twenty)\b|%|per ?cent"
)
# "told the fewest victims", "told most victims": victims told, whatever words come between.
_TOLD_VICTIMS = re.compile(r"\btold (the )?(\w+ ){0,2}victims?\b")
# "violence rate", "crime data integrity rate": the only rate the data has of a force is the
# share of crime it recorded (rates of crime itself are out of scope, _OFF_TOPIC)
_RATE = re.compile(r"\brates?\b")
_BY_DIRECTION: Final = frozenset({"best", "worst"})
# "X crime recording" with nothing more specific: the whole subject, a force's summary.
# ("good at recording crime", "the best force for recording crime" ask how well: the rate)
_TOPIC_ONLY = re.compile(
    r"\b(crime recording|recording of crime|(?<!\bat )(?<!\bfor )(?<!\bin )recording crime)\b"
)
_HOW = re.compile(r"\b(how|rate|percentage|share|proportion)\b")
# "how's Warwickshire doing on crime recording": how the force is doing, not how well it records
_HOW_DOING = re.compile(
    r"\bhow (s |is |are |was |were |has |have )?\b.*\b(doing|faring|getting on)\b"
    r"|\bhow (s|is|are|were|was) (they|it|we|you|[a-z]+ police) on\b"  # "how are they on ..."
)
# Questions about things the data does not hold, whatever force they name.
_OFF_TOPIC = re.compile(
    r"\b(crime rates?|crime levels?|crime stats|crime statistics|crime figures for|knife crime"
    r"|gun crime|burglary|burglaries|shoplifting|drugs?|speeding|house prices|safest"
    r"|most dangerous|things to do"
    r"|(the|on|off|near|along) [ma]\d{1,4}|[ma]\d{1,4} (shut|closed|closure|jams?|junction)"
    r"|next year|next inspection|in (the )?future|going to|predict|prediction|will (it|they|\w+) "
    r"(keep|stay|remain|get|lose|improve|be|pass|fail))\b"
)


def measure_of(plain: str, offence: str | None) -> str | None:
    """The measure a question asks about (None: whatever the data has for it)."""
    spoken = _NOT_VICTIMS_TOLD.sub(" ", plain)
    named = {MEASURE_WORDS[m.group(1)] for m in _MEASURE.finditer(spoken)}
    if _TOLD_VICTIMS.search(spoken) and not named & {"victims_not_told"}:
        named.add("victims_told")  # "told the fewest victims", not a cancellation figure
    measure = next((m for m in MEASURE_PRIORITY if m in named), None)
    if offence in AUDIT_ONLY_OFFENCES and measure in RECORDING_WORDS:
        return None  # "domestic abuse recorded": the recording audits of that offence
    grade_words = _GRADE_VERB.search(plain) or _GRADE_WORD.search(plain)
    if measure is None and offence in (None, "all") and grade_words:
        return "grade"  # "what did sussex get", "West Yorkshire were outstanding"
    if (
        measure in (None, "cancelled_incorrect")
        and _VICTIMS.search(spoken)
        and _TOLD.search(spoken)
    ):
        measure = "victims_told"  # "were victims in lancs told when crimes were cancelled"
        if _NOT_TOLD.search(spoken):
            measure = "victims_not_told"  # "how many victims weren't informed"
    if measure is None and offence not in AUDIT_ONLY_OFFENCES and _rate_of_recording(plain):
        return "recording_rate"  # "leics violence rate", "crime data integrity rate"
    if measure == "unrecorded_per_year" and _SHARE.search(plain):
        return "recording_rate"  # "doesn't record roughly 1 in 10 crimes": a share
    rank = _RANK.search(plain)
    if measure == "victims_told" and rank and RANK_DIRECTIONS.get(rank.group(1)) in _BY_DIRECTION:
        # "worst at telling victims": ranked by the measure most forces have a figure for;
        # "told the fewest victims" counts victims told, so it ranks the told figures
        return "victims_not_told"
    return measure


def _rate_of_recording(plain: str) -> bool:
    """ "rate" with nothing off-topic beside it ("leics violence rate"; not "burglary rate" nor
    "conviction rate")."""
    return bool(_RATE.search(plain)) and not (
        off_topic(plain) or (OFF_TOPIC_WORDS | FORCE_AFFAIRS) & set(plain.split())
    )


def topic_only(plain: str, measure: str | None) -> bool:
    """ "Llanelli crime recording", "Surrey police crime recording findings": no measure more
    specific than the subject itself, so the force's summary."""
    if measure != "recording_rate" or not _TOPIC_ONLY.search(plain):
        return False
    if _HOW.search(_HOW_DOING.sub(" ", plain)):
        return False
    named = {m.group(1) for m in _MEASURE.finditer(plain)}
    return named == {"recording"}


# "not asking about burglary exactly but ...": a subject set aside is not what is asked
_SET_ASIDE = re.compile(
    r"\b(not|never mind|forget|ignore) (really |actually |just )?(asking |talking |interested )?"
    r"(about |in )?([a-z]+ ){1,2}?(exactly |specifically |as such )?(but|though|rather)\b"
)


def off_topic(plain: str) -> bool:
    """Crime rates, knife crime, predictions: not what the inspections measured."""
    return _OFF_TOPIC.search(_SET_ASIDE.sub(" ", plain)) is not None
