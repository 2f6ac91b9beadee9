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
# "what did HMIC rate GMP", "how did the inspectors rate Kent": "rate" as a verb is the grade
_RATE_VERB = re.compile(
    r"\b(what|how) (did|does|do|would) (?!(you|u|ya|we|i) )([a-z]+ ){1,3}?rate\b"
)
# ... but not the noun after a possessive or an owner ("what did Kent's recording rate reach")
_RATE_NOUN_BEFORE = frozenset({"s", "its", "their", "recording", "crime", "the", "a", "national"})
_GRADE_WORD = re.compile(r"\b(outstanding|inadequate|adequate|requires? improvement)\b")
# "told off", "I was told", "we've been told": hearsay or a telling-off, not victims being told.
_NOT_VICTIMS_TOLD = re.compile(
    r"\b(told off|(i|we|i ve|we ve|i have|we have|i m|i am|we re|we are) "
    r"(was |were |been )?told)\b"
)
# "no-crimes that were correct", "cancellations were justified": the rightly cancelled ones
_RIGHTLY = re.compile(
    r"\b(were|was|been|are|is) (all |actually |really |in fact )?(correct|right|justified|valid"
    r"|proper|legitimate|correctly made|done right)\b|\b(right|correct) to (cancel|no crime)"
    # the officers' shorthand: "rape no-crimes correct?", "no-crimed correctly"
    r"|\b(no crimes?|no crimed|no crimings?|nocrimed) (correct|right|justified|valid|correctly"
    r"|rightly|properly)\b"
)
# "TVP's CDI record", "Kent's inspection record": a track record, not recording crime
_TRACK_RECORD = re.compile(
    r"\b(cdi|inspection|inspections|integrity|track|inspectorate s|hmic s|hmicfrs s) record\b"
)
_WRONGLY = re.compile(r"\b(wrong|wrongly|incorrect|incorrectly|not|never|weren t|wasn t)\b")
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
    r"\b(crime recording|recording of crime|(?<!\bat )(?<!\bfor )(?<!\bin )recording crimes?)\b"
)
_HOW = re.compile(r"\b(how|rate|percentage|percent|per cent|share|proportion)\b")
# "how's Warwickshire doing on crime recording": how the force is doing, not how well it records
_HOW_DOING = re.compile(
    r"\bhow (s |is |are |was |were |has |have )?\b.*\b(doing|faring|getting on)\b"
    r"|\bhow (s|is|are|were|was) (they|it|we|you|[a-z]+ police) on\b"  # "how are they on ..."
    r"|\bhow (did|do|does) ([a-z]+ ){1,3}do (on|with)\b"  # "how did Newport police do on ..."
)
# Questions about things the data does not hold, whatever force they name.
_OFF_TOPIC = re.compile(
    r"\b(crime rates?|crime levels?|crime stats|crime statistics|crime figures for|knife crime"
    r"|gun crime|burglary|burglaries|shoplifting|drugs?|speeding|house prices|safest"
    r"|most dangerous|things to do"
    # how much crime a place has ("is Luton a high crime area"), not how its police record it
    r"|(high|low|lot of) crime(?! record)( (area|place|town|city|district|neighbourhood)s?)?"
    r"|crime (area|hotspot|hot spot)s?|is ([a-z]+ ){1,2}(a )?safe( place| area| town| city)?$"
    # a reader asking how to reach the police ("how do I report a crime in Kent"), not about
    # how it records what is reported
    r"|(how|where) (do|can|should|would|could) (i|we|you|someone|one|people) (go about )?"
    r"(report|reporting|contact|complain)|(to |i |we )?report (a|an|my|our) (crime|incident"
    r"|theft|offence|assault|break in)|reporting (a|an|my) (crime|incident)|non emergency"
    r"|(the|on|off|near|along) [ma]\d{1,4}|[ma]\d{1,4} (shut|closed|closure|jams?|junction)"
    r"|next year|next inspection|in (the )?future|going to|predict|prediction|will (it|they|\w+) "
    r"(keep|stay|remain|get|lose|improve|be|pass|fail))\b"
)


def measure_of(plain: str, offence: str | None) -> str | None:
    """The measure a question asks about (None: whatever the data has for it)."""
    spoken = _TRACK_RECORD.sub(" ", _NOT_VICTIMS_TOLD.sub(" ", plain))
    named = {MEASURE_WORDS[m.group(1)] for m in _MEASURE.finditer(spoken)}
    if _TOLD_VICTIMS.search(spoken) and not named & {"victims_not_told"}:
        named.add("victims_told")  # "told the fewest victims", not a cancellation figure
    measure = next((m for m in MEASURE_PRIORITY if m in named), None)
    if offence in AUDIT_ONLY_OFFENCES and measure in RECORDING_WORDS:
        return None  # "domestic abuse recorded": the recording audits of that offence
    grade_words = _GRADE_VERB.search(plain) or _GRADE_WORD.search(plain) or _rate_verb(plain)
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
    if (
        measure == "cancelled_incorrect"
        and _RIGHTLY.search(spoken)
        and not _WRONGLY.search(spoken)
    ):
        return "cancelled_correct"  # "how many of norfolk's no-crimes were right"
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


def _rate_verb(plain: str) -> bool:
    """ "what did HMIC rate GMP in 2016": "rate" as the inspectors' verb, so the grade."""
    found = _RATE_VERB.search(plain)
    return found is not None and found.group(0).split()[-2] not in _RATE_NOUN_BEFORE


def _rate_of_recording(plain: str) -> bool:
    """ "rate" with nothing off-topic beside it ("leics violence rate"; not "burglary rate" nor
    "conviction rate")."""
    return bool(_RATE.search(plain)) and not (
        off_topic(plain) or (OFF_TOPIC_WORDS | FORCE_AFFAIRS) & set(plain.split())
    )


def topic_only(plain: str, measure: str | None, text: str = "") -> bool:
    """ "Llanelli crime recording", "Surrey police crime recording findings": no measure more
    specific than the subject itself, so the force's summary (a percent sign in the message
    `text` asks for the rate: "cambs crime recording %")."""
    if measure != "recording_rate" or not _TOPIC_ONLY.search(plain) or "%" in text:
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


# "recorded crime rate per HMICFRS": the inspectorate's figure, so the share it found recorded
_BY_THE_INSPECTORS = re.compile(
    r"\b(recorded|recording) crime rates? (per|according to|from|by) (the )?"
    r"(hmicfrs|hmic|inspectorate|inspectors|inspection|cdi)\b"
)


def off_topic(plain: str) -> bool:
    """Crime rates, knife crime, predictions: not what the inspections measured."""
    return _OFF_TOPIC.search(_SET_ASIDE.sub(" ", _BY_THE_INSPECTORS.sub(" ", plain))) is not None
