"""Turn a question into a Query: intent, forces, offence, measure, year."""

import re
from dataclasses import dataclass, replace
from typing import Any, Final

from knowledge.focus import asking_sentence, split_sentences
from knowledge.force_match import ForceMatch
from knowledge.force_names import MAX_TOKENS, tokenize
from knowledge.fuzzy_names import FOCUS_WORDS
from knowledge.glossary import NEEDS_MEANING
from knowledge.guards import OFF_TOPIC_WORDS
from knowledge.matcher import ForceMatcher
from knowledge.measures import MEASURES
from knowledge.normalise import normalise
from knowledge.slots import AUDIT_ONLY_OFFENCES, measure_of, off_topic, topic_only
from knowledge.spelling import Speller
from knowledge.vocabulary import (
    CANCELLED_AUDIT_OFFENCES,
    GLOSSARY_CUES,
    GLOSSARY_TERMS,
    GRADE_WORDS,
    HELP_PHRASES,
    MEANING_CUES,
    MEASURE_WORDS,
    NATIONAL_PHRASES,
    OFFENCE_WORDS,
    RANK_DIRECTIONS,
    RANK_WORDS,
)
from knowledge.years import years_named

INTENTS: Final = (
    "lookup",
    "force_summary",
    "offence_overview",
    "national",
    "rank",
    "filter",
    "select",
    "compare",
    "glossary",
    "help",
    "clarify",
    "out_of_scope",
    "whats_new",
    "unlisted",
)
# "2017", and "2015-16" or "2021/22" (a year ending in the second one, as the data dates them).
_WORST_FORCE_FIGURE = re.compile(
    r"\b(worst|highest|biggest|largest) (single )?(force s |force )?(percentage|share|proportion"
    r"|rate|figure|per cent|percent)\b|\b(worst|highest) (single force|force s)\b"
    r"|\b(worst|highest|biggest|largest)\b.*\bby (a|one|any) single force\b"
    r"|\bup to (what|how much|how many)\b.*\b(a|one|any) single force\b"
    r"|\b(a|one|any) single force\b.*\b(at most|up to|the most|highest)\b"
)
# "worst force % cancelled": the worst force's share, written with a percent sign
_WORST_FORCE_PERCENT = re.compile(r"\b(worst|highest) (single )?force('?s)? ?(%|per ?cent)")
# "force by force", "each force", "by force": every force listed, not one national figure
_BY_FORCE = re.compile(
    r"\b(force by force|by force|by forces|each force|every force|per force|all forces listed"
    r"|list (of )?(the |all )?forces)\b"
)
_HOME_OFFICE_YEARS = re.compile(r"\b20[12]\d (\d\d)\b")
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
_MEANING_CUE = _phrases(MEANING_CUES)
_HELP = _phrases(HELP_PHRASES)
_NATIONAL = _phrases(NATIONAL_PHRASES)
_RANK = _phrases(RANK_WORDS)
_WHATS_NEW = re.compile(
    r"\b(what'?s new|what is new|anything new|what'?s changed|what has changed|"
    r"what changed( recently)?|(latest|newest|recent|new) (inspections|reports|findings))\b"
)
# "which forces were inspected in 2014", "inspections in 2019", "2014 inspections": the forces
# with findings of that year in the data (what_new's year list), not the out-of-scope reply
_INSPECTED_IN = re.compile(
    r"\b((which|what|how many) forces? (were|was|got|have been|had been) inspected"
    r"|inspections? (in|of|from|during) 20[12]\d|20[12]\d inspections)\b"
)
# "which forces were inspected more than once", "which improved their grade at re-inspection":
# lists of forces by their run of inspections, which no answer builds (a plain "I can't list
# that", naming what the bot can show); `Query.unlisted` says which of the two was asked
_UNLISTED = (
    (
        "grade_changed",
        re.compile(
            r"\b(improved|raised|lifted|lowered|changed) (their|its|the) grades?"
            r"|\bgrades? (improved|went up|went down|rose|fell|changed)|\b(upgraded|downgraded)"
            r"|\b(improv\w*|better|worse)\b.*\bre ?inspections?\b"
        ),
    ),
    (
        "inspected_again",
        re.compile(
            r"\b(inspected|visited) (more than once|twice|again|several times|multiple times)"
            r"|\b(re ?inspected|re ?inspections?)\b"
        ),
    ),
)
# "what changed in the latest data", "what's new in the data": the data's own changes
_DATA_CHANGES = re.compile(r"\b(data|dataset|data set|database|figures)\b")
_GRADE = _phrases(GRADE_WORDS)
_THRESHOLD = re.compile(
    r"\b(above|over|more than|higher than|greater than|at least|below|under|less than"
    r"|lower than|fewer than) (\d{1,2}(?:\.\d+)?|100)"
    r"( ?(%|per ?cent|percent)|\b(?! ?(crimes|records)))"
)
_BELOW: Final = frozenset({"below", "under", "less than", "lower than", "fewer than"})
_WELSH = re.compile(r"\b(welsh (police )?forces|forces (in|of) wales|welsh police)\b")
_ENGLISH = re.compile(r"\b(english (police )?forces|forces (in|of) england)\b")
# a change over time asked of a force: each inspection's figures, oldest first
_HISTORY = re.compile(
    r"\b(since (19|20)\d\d|getting (better|worse)|got (better|worse)|improv(ed|ing)"
    r"|changed|change over time|over time|over the years|trend|history|progress"
    r"|going (up|down)|up or down|rising|falling|risen|fallen)\b"
)
# the kind of inspection a question names ("Hertfordshire PEEL grade")
_KINDS = (
    ("peel", re.compile(r"\bpeel\b")),
    ("cdi", re.compile(r"\b(cdi|crime data integrity)\b")),
)
# "which forces got inadequate at any point": every grade given, not only the latest
_EVER = re.compile(
    r"\b(ever|at any (point|time|stage)|at some (point|time|stage)|at one (point|time))\b"
)
# "what grade did it get most recently": the latest figure, whatever change the message mentions
_LATEST = re.compile(r"\b(most recent(ly)?|latest|right now|currently)\b")
# "least accurate", "most errors": an accuracy word ranks by the measure's direction, never by
# the size of the number ("least accurate at cancelling" = the highest share wrongly cancelled)
_ACCURACY_WORDS = re.compile(
    r"\b(least accurate|less accurate|most inaccurate|most errors|most mistakes|worst accuracy"
    r"|most accurate|more accurate|least inaccurate|fewest errors|fewest mistakes|least errors)\b"
)
_ACCURACY: Final = {
    **dict.fromkeys(
        ("least accurate", "less accurate", "most inaccurate", "most errors", "most mistakes"),
        "worst",
    ),
    "worst accuracy": "worst",
    **dict.fromkeys(
        ("most accurate", "more accurate", "least inaccurate", "fewest errors", "least errors"),
        "best",
    ),
    "fewest mistakes": "best",
}
_COMPARING = re.compile(
    r"\b(compare|compared|comparison|versus|vs|v|against|than|both|between|difference|and|or)\b"
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
    years: tuple[int | None, ...] = ()  # two or more years named: each one's figures (None:
    # the latest, as in "since 2014")
    rank: str | None = None  # "most", "least", "best" or "worst"
    glossary_term: str | None = None
    unsure: bool = False  # candidates are "did you mean" guesses from a misspelling
    guesses: tuple[str, ...] = ()  # misspelt towns asked about: "Brighton (Sussex Police)"
    grade_filter: str | None = None  # "which forces are rated inadequate"
    not_police: str | None = None  # "a fire and rescue service": why it is out of scope
    focus: str = ""  # the sentence that asked, when the message had others around it
    history: bool = False  # "getting better", "since 2016", "how has it changed": every year
    threshold: tuple[str, float] | None = None  # "above 95%": ("above", 95.0)
    country: str | None = None  # "Welsh forces": the forces of one country
    ever: bool = False  # "at any point", "ever": every grade given, not only the latest
    kind_asked: str | None = None  # "PEEL grade": "peel"; "CDI grade": "cdi"
    unlisted: str | None = None  # a list no answer builds: "inspected_again", "grade_changed"
    data_changes: bool = False  # "what changed in the latest data": not kept in the store


# Words that make a question about every force, whatever else the message names.
OVERVIEW_WORDS: Final = frozenset(
    {"which", "forces", "across", "every", "nationally", "national", "how"}
)
_FEW_SENTENCES = 8  # per-sentence checks only on messages of a few sentences
STANDS_ALONE: Final = frozenset({"national", "rank", "filter", "select", "glossary"})


def parse(text: str, matcher: ForceMatcher, speller: Speller | None = None) -> Query:
    """Read a question; never raises on odd input.

    In a long message of several sentences the one that asks is read alone first; the whole
    message is read only when that sentence needs something from the others (a force named
    before it). A short one is read whole ("Devon & Cornwall: how many crimes go unrecorded").
    """
    sentences = split_sentences(normalise(text))
    words_of = [speller.correct(tokenize(s)) if speller else tokenize(s) for s in sentences]
    starts = _sentence_starts(words_of)
    if _asks_whats_new(text):  # "what's new", "latest inspections", "what's new in Kent"
        return _whats_new(text, matcher.match([w for words in words_of for w in words], starts))
    inspected = _inspected_in(text)
    if inspected is not None:  # "which forces were inspected in 2014?" (no force named)
        found = matcher.match([w for words in words_of for w in words], starts)
        if not (found.forces or found.ambiguous or found.elsewhere):
            return inspected
    if len(sentences) > 1 and sum(map(len, words_of)) > FOCUS_WORDS:
        plains = [" ".join(w.lower() for w in words) for words in words_of]
        index = asking_sentence(sentences, plains)
        if index is not None:
            query = _read(text, words_of[index], matcher)
            if _stands_alone(query, plains[index]):
                return replace(query, focus=sentences[index])
            every = [w for words in words_of for w in words][:MAX_TOKENS]
            whole = _read(text, every, matcher, starts)
            if len(whole.forces) > 1:  # "their grade?" after several forces: ask which
                return replace(query, intent="clarify", candidates=whole.forces)
            return whole
    whole = _read(text, [w for words in words_of for w in words][:MAX_TOKENS], matcher, starts)
    if (
        whole.forces
        and 1 < len(sentences) <= _FEW_SENTENCES
        and _force_only_off_topic(words_of, matcher)
    ):
        return Query(text, "out_of_scope")  # "... cancelled. Devon weather this weekend"
    if len(whole.forces) > 1 and len(sentences) > 1:
        return _asking_forces(text, sentences, words_of, matcher) or whole
    return whole


def _asking_forces(
    text: str, sentences: list[str], words_of: list[list[str]], matcher: ForceMatcher
) -> Query | None:
    """ "Sarah Derby said we should ask. Sussex grade?": of a short message whose sentences
    name several forces, the sentence that asks, when it names a force and no comparison."""
    plains = [" ".join(w.lower() for w in words) for words in words_of]
    index = asking_sentence(sentences, plains)
    if index is None or _COMPARING.search(plains[index]):
        return None
    query = _read(text, words_of[index], matcher)
    return query if query.forces and query.intent != "clarify" else None


def _force_only_off_topic(words_of: list[list[str]], matcher: ForceMatcher) -> bool:
    """Whether every sentence naming a force says it of something else ("Devon weather this
    weekend") with no figure's words of its own, the figures' words being elsewhere."""
    naming = 0
    for words in words_of:
        plain = " ".join(w.lower() for w in words)
        if not matcher.match(words).forces:
            continue
        naming += 1
        if not set(plain.split()) & OFF_TOPIC_WORDS or _OFFENCE.search(plain):
            return False
        if _MEASURE.search(plain):
            return False
    return naming > 0


def _sentence_starts(words_of: list[list[str]]) -> tuple[int, ...]:
    """The index of each sentence's first word in the message's words."""
    starts, at = [], 0
    for words in words_of:
        starts.append(at)
        at += len(words)
    return tuple(starts)


def _stands_alone(query: Query, plain: str) -> bool:
    """Whether the asking sentence is a whole question without the rest of the message."""
    if query.forces or query.candidates or query.not_police or query.intent in STANDS_ALONE:
        return True
    return query.intent == "offence_overview" and bool(OVERVIEW_WORDS & set(plain.split()))


def _read(
    text: str, words: list[str], matcher: ForceMatcher, starts: tuple[int, ...] = (0,)
) -> Query:
    """The Query of these words (already normalised and mended) of the message `text`;
    `starts` are the indices of the words that begin a sentence."""
    plain = " ".join(w.lower() for w in words)
    found = matcher.match(words, starts)
    years = years_named(plain)
    offence = _first(_OFFENCE, plain, OFFENCE_WORDS)
    measure = measure_of(plain, offence)
    base = Query(
        text,
        "out_of_scope",
        offence=offence,
        measure=measure,
        year=years[0] if len(years) == 1 else None,
        years=years if len(years) > 1 else (),
        history=_HISTORY.search(plain) is not None and not _LATEST.search(plain),
        kind_asked=next((kind for kind, words in _KINDS if words.search(plain)), None),
    )
    if found.elsewhere:
        return base
    if found.not_police and not found.forces and not found.ambiguous:
        return replace(base, not_police=found.not_police[0])
    if off_topic(plain) or (
        not (base.offence or base.measure) and OFF_TOPIC_WORDS & set(plain.split())
    ):
        return base
    if found.ambiguous or (found.suggestions and (not found.forces or found.lost_side)):
        return _clarify(found, base)
    if not found.forces:
        return _without_force(plain, found, base)
    forces = tuple(found.forces)
    if len(forces) > 1:
        return replace(base, forces=forces, intent="compare")
    if topic_only(plain, base.measure) and not base.offence:  # "Llanelli crime recording"
        return replace(base, forces=forces, intent="force_summary", measure=None)
    if base.offence or base.measure:
        return replace(base, forces=forces, intent="lookup")
    return replace(base, forces=forces, intent="force_summary")


def _whats_new(text: str, found: ForceMatch) -> Query:
    """ "What's new", of every force or of the ones named; a place of several forces asks."""
    if found.elsewhere:
        return Query(text, "out_of_scope")
    if found.ambiguous:
        return _clarify(found, Query(text, "whats_new"))
    plain = " ".join(normalise(text).lower().split())
    changes = not found.forces and _DATA_CHANGES.search(plain) is not None
    return Query(text, "whats_new", forces=tuple(found.forces), data_changes=changes)


def _inspected_in(text: str) -> Query | None:
    """ "Which forces were inspected in 2014?": one year named, no force; else None."""
    plain = " ".join(normalise(text).lower().split())
    years = years_named(plain)
    if _INSPECTED_IN.search(plain) is None or len(years) != 1 or years[0] is None:
        return None
    if _OFFENCE.search(plain) or _MEASURE.search(plain):  # "2014 inspections of rape": a list
        return None
    return Query(text, "whats_new", year=years[0], years=years)


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
        guesses=tuple(found.guesses),
    )


def _without_force(plain: str, found: ForceMatch, base: Query) -> Query:
    offence, measure = base.offence, base.measure
    glossary = _glossary_term(plain)
    rank = _RANK.search(plain)
    national = found.national or _NATIONAL.search(plain)
    which = "which" in plain.split()
    grade = _first(_GRADE, plain, GRADE_WORDS)
    country = (_selection(plain) or {}).get("country")
    if unlisted := _unlisted(plain):
        return replace(base, intent="unlisted", unlisted=unlisted, history=False)
    if (
        glossary
        and not rank
        and not (national and measure)
        and (_GLOSSARY_CUE.search(plain) or plain in GLOSSARY_TERMS)
    ):
        return replace(base, intent="glossary", glossary_term=glossary)
    if _worst_force_figure(plain, base.text, offence, measure) and not which:
        return replace(base, intent="national", measure="max_force_cancelled_incorrect_pct")
    if _BY_FORCE.search(plain) and (offence or measure) and not (rank or glossary or grade):
        return replace(base, intent="offence_overview")
    home_office = (
        measure == "cancelled_incorrect"
        and not offence
        and (_HOME_OFFICE_YEARS.search(plain) or "number of" in plain)
    )
    # "how many forces are outstanding at recording crime": a count of forces by grade
    graded_forces = grade and "forces" in plain.split() and not offence and not rank
    ranked = rank is not None and which  # "which force in the whole of England and Wales is worst"
    if (
        (national or home_office or ("how many" in plain and not which))
        and not ranked
        and ((offence or measure) and measure in NATIONAL_CAPABLE and not graded_forces)
        and not (offence in AUDIT_ONLY_OFFENCES and not national)
    ):  # "how many domestic abuse crimes went unrecorded": the forces' audits, not national
        return replace(base, intent="national", measure=_national_measure(plain, base))
    if national and "how many" in plain and not graded_forces:
        return replace(base, intent="national")
    unmistakable = grade in ("inadequate", "outstanding", "requires improvement")
    # "good forces", "which forces are good (at recording crime)": a grade asked of forces
    of_forces = "forces" in plain.split() and not offence and measure in (None, "recording_rate")
    if grade and (measure == "grade" or unmistakable or of_forces) and not rank:
        ever = _EVER.search(plain) is not None
        return replace(
            base, intent="filter", measure="grade", grade_filter=grade, country=country, ever=ever
        )
    selection = _selection(plain)
    if selection is not None and not rank and measure in (None, "recording_rate") and not grade:
        return replace(base, intent="select", measure="recording_rate", **selection)
    if rank and (offence or measure or "force" in plain):
        direction = _ACCURACY.get(m.group(1)) if (m := _ACCURACY_WORDS.search(plain)) else None
        direction = direction or RANK_DIRECTIONS.get(rank.group(1)) or _top_direction(measure)
        return replace(base, intent="rank", rank=direction, measure=measure or "recording_rate")
    if offence or measure:  # "Welsh forces grades": the country's forces side by side
        # "more than 10% wrongly cancelled": the threshold applies to the wrongly cancelled share
        beyond = (
            selection["threshold"] if selection and (measure or "").startswith("cancel") else None
        )
        return replace(base, intent="offence_overview", country=country, threshold=beyond)
    if (not plain and not any(c.isalnum() for c in base.text)) or _HELP.search(plain):
        return replace(base, intent="help")
    return base  # out of scope; a year it names may still be a follow-up ("in 2017?")


def _top_direction(measure: str | None) -> str:
    """ "top 5 for wrongly cancelled X": "top" of a bad measure lists the worst first, as the
    measure's declared direction says; of a good one (or none), the best first."""
    if measure in MEASURES and MEASURES[measure].higher_is_worse:
        return "worst"
    return "best"


def _selection(plain: str) -> dict[str, Any] | None:
    """ "above 95%", "less than 85 per cent", "Welsh forces": a threshold or a country."""
    found = _THRESHOLD.search(plain)
    threshold = None
    if found:
        side = "below" if found.group(1) in _BELOW else "above"
        threshold = (side, float(found.group(2)))
    country = None
    if _WELSH.search(plain.replace("england and wales", "")):
        country = "Wales"
    elif _ENGLISH.search(plain.replace("england and wales", "")):
        country = "England"
    if threshold is None and country is None:
        return None
    return {"threshold": threshold, "country": country}


def _unlisted(plain: str) -> str | None:
    """Which list of forces by their run of inspections the question asks for, if any."""
    if not set(plain.split()) & {"which", "forces", "who", "how"}:  # not "what s a re-inspection"
        return None
    return next((name for name, pattern in _UNLISTED if pattern.search(plain)), None)


def _glossary_term(plain: str) -> str | None:
    """The first term the question could ask to have explained; a term that is also asked about
    for its figures (grades, samples) only with words that ask what it means."""
    for match in _GLOSSARY.finditer(plain):
        term = GLOSSARY_TERMS[match.group(1)]
        if term not in NEEDS_MEANING or _MEANING_CUE.search(plain):
            return term
    return None


def _worst_force_figure(plain: str, text: str, offence: str | None, measure: str | None) -> bool:
    """ "the worst force's percentage of wrongly cancelled robbery", "up to what % did a single
    force wrongly cancel": a national figure (`text` keeps the percent sign)."""
    return (
        measure == "cancelled_incorrect"
        and offence in CANCELLED_AUDIT_OFFENCES
        and bool(
            _WORST_FORCE_FIGURE.search(plain)
            or _WORST_FORCE_PERCENT.search(normalise(text).lower())
        )
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


def _first(pattern: re.Pattern[str], plain: str, table: dict[str, str]) -> str | None:
    match = pattern.search(plain)
    return table[match.group(1)] if match else None
