"""Read a question that names no force: a national figure, a ranking of the forces, a grade
filter, a selection by threshold or country, a term to explain, or a list no answer builds."""

import re
from dataclasses import replace
from typing import Final

from knowledge.force_match import ForceMatch
from knowledge.glossary import NEEDS_MEANING
from knowledge.grade_changes import grade_change_asked
from knowledge.measures import MEASURES
from knowledge.normalise import normalise
from knowledge.query import Query
from knowledge.selection_questions import THRESHOLD, selected_measure, selection_of, threshold_unit
from knowledge.slot_filling import first
from knowledge.slots import AUDIT_ONLY_OFFENCES, phrases
from knowledge.unlisted_lists import unlisted as unlisted_asked
from knowledge.vocabulary import (
    ACKNOWLEDGEMENTS,
    CANCELLED_AUDIT_OFFENCES,
    GLOSSARY_CUES,
    GLOSSARY_TERMS,
    GRADE_WORDS,
    HELP_PHRASES,
    MEANING_CUES,
    NATIONAL_PHRASES,
    RANK_DIRECTIONS,
    RANK_WORDS,
)

# "2017", and "2015-16" or "2021/22" (a year ending in the second one, as the data dates them).
WORST_FORCE_FIGURE = re.compile(
    r"\b(worst|highest|biggest|largest) (single )?(force s |force )?(percentage|share|proportion"
    r"|rate|figure|per cent|percent)\b|\b(worst|highest) (single force|force s)\b"
    r"|\b(worst|highest|biggest|largest)\b.*\bby (a|one|any) single force\b"
    r"|\bup to (what|how much|how many)\b.*\b(a|one|any) (single )?force\b"
    r"|\b(a|one|any) single force\b.*\b(at most|up to|the most|highest)\b"
    r"|\b(up to|at most|as (high|much) as) (what|how much|how many)\b"
    r".*\b(worst|highest|top) force\b"
    r"|\b(what|which) (percent|percentage|per cent|share|proportion)\b.*\b(worst|highest) force\b"
    # "how bad was the worst force for ...": how far the worst force went, a figure
    r"|\bhow (bad|high|far|much) (was|is|were|did) the (worst|highest) (single )?force\b"
)
# "worst force % cancelled": the worst force's share, written with a percent sign
# or after it ("worst force violence wrongly cancelled percent", "what % did the worst force ...")
_WORST_FORCE_PERCENT = re.compile(
    r"\b(worst|highest) (single )?force('?s)? ?(%|per ?cent)"
    r"|\b(worst|highest) (single )?force\b.*(%|\bper ?cent\b|\bpercentage\b)"
    r"|\bwhat (%|per ?cent\b|percentage\b).*\b(worst|highest) (single )?force\b"
)
_SUPERLATIVE_IN_COUNTRY = re.compile(
    r"\b(lowest|highest|best|worst|poorest|top|bottom)\b.*\bin (england( and)? wales"
    r"|the (uk|country)|britain)\b"
)
# "force by force", "each force", "by force": every force listed, not one national figure
_BY_FORCE = re.compile(
    r"\b(force by force|by force|by forces|each force|every force|per force|all forces listed"
    r"|list (of )?(the |all )?forces)\b"
)
_HOME_OFFICE_YEARS = re.compile(r"\b20[12]\d (\d\d)\b")
# "home office cancelled crimes numbers", "total cancelled crimes": the Home Office counts of
# every cancelled crime record, not the inspectors' audits of wrongly cancelled ones
_HOME_OFFICE_WORDS = re.compile(r"\b(home office|number of|numbers|totals?|in total)\b")
NATIONAL_CAPABLE: Final = frozenset(
    {None, "cancelled_incorrect", "recording_rate", "unrecorded_per_year", "grade"}
)
_GLOSSARY = phrases(GLOSSARY_TERMS)
_GLOSSARY_CUE = phrases(GLOSSARY_CUES)
_MEANING_CUE = phrases(MEANING_CUES)
_HELP = phrases(HELP_PHRASES)
_NATIONAL = phrases(NATIONAL_PHRASES)
_RANK = phrases(RANK_WORDS)
# "which forces were inspected more than once": a list of forces by their run of inspections,
# which no answer builds (a plain "I can't list that", naming what the bot can show); grades
# that changed between inspections are knowledge/grade_changes.py's
_GRADE = phrases(GRADE_WORDS)
# "over 20,000 crimes", "below 90%", "at least twenty thousand", "exceeding 20k": a side, a
# number (digits with thousands separators, or words) and its unit
# "how big are the samples", "what was the sample size": the size of the audits' samples
ASKS_SAMPLE_SIZE = re.compile(
    r"\b(how (big|large|small|many records)\b.*\bsamples?|samples? sizes?|size of the samples?"
    r"|how many (records|cases|crimes) (were |did they )?"
    r"(reviewed|checked|audited|sampled|looked at))\b"
)
# "which forces got inadequate at any point": every grade given, not only the latest
_EVER = re.compile(
    r"\b(ever|at any (point|time|stage)|at some (point|time|stage)|at one (point|time))\b"
)
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


# "how many forces (in total) have a grade", "how many forces are graded": every force has one
_HOW_MANY_FORCES = re.compile(r"\bhow many (police )?forces\b")


def without_force(plain: str, found: ForceMatch, base: Query) -> Query:
    offence, measure = base.offence, base.measure
    glossary = _glossary_term(plain)
    rank = _RANK.search(THRESHOLD.sub(" ", plain))  # "at least 95%" is a threshold
    national = found.national or _NATIONAL.search(plain)
    which = "which" in plain.split()
    grade = first(_GRADE, plain, GRADE_WORDS)
    country = (selection_of(plain) or {}).get("country")
    if changed := grade_change_asked(
        plain, measure
    ):  # "which forces went from inadequate to good"
        return replace(base, intent="grade_change", measure="grade", grade_change=changed)
    if unlisted := unlisted_asked(plain):
        return replace(base, intent="unlisted", unlisted=unlisted, history=False)
    if (
        glossary
        and not rank
        and not (national and measure)
        and (
            _GLOSSARY_CUE.search(plain)
            or plain in GLOSSARY_TERMS
            or (glossary == "sample" and ASKS_SAMPLE_SIZE.search(plain))
        )
    ):
        return replace(base, intent="glossary", glossary_term=glossary)
    if _worst_force_figure(plain, base.text, offence, measure) and not which:
        return replace(base, intent="national", measure="max_force_cancelled_incorrect_pct")
    if _BY_FORCE.search(plain) and (offence or measure) and not (rank or glossary or grade):
        return replace(base, intent="offence_overview")
    if measure == "grade" and not (grade or offence or rank) and _HOW_MANY_FORCES.search(plain):
        return replace(base, intent="offence_overview")  # "how many forces have a grade": all
    home_office = (
        measure == "cancelled_incorrect"
        and not offence
        and bool(_HOME_OFFICE_YEARS.search(plain) or _HOME_OFFICE_WORDS.search(plain))
        and not ({"forces", "force", "wrongly", "incorrectly"} & set(plain.split()))
    )
    selection = selection_of(plain, base.text)
    unit = threshold_unit(plain, base.text)
    chosen = selected_measure(measure, selection, unit) if selection else None
    # "how many forces recorded less than 90% of crime": a count of the forces past it
    counted = "forces" in plain.split() and bool(chosen and selection and selection["threshold"])
    # "how many forces are outstanding at recording crime": a count of forces by grade
    graded_forces = grade and "forces" in plain.split() and not offence and not rank
    # "which force in the whole of England and Wales is worst", "worst uk force for recording"
    # "lowest recording rate in england and wales": the national figure is one, so a
    # superlative in the country ranks its forces
    ranked = rank is not None and (
        which or "force" in plain.split() or bool(_SUPERLATIVE_IN_COUNTRY.search(plain))
    )
    if (
        (national or home_office or ("how many" in plain and not which))
        and not ranked
        and not counted
        and ((offence or measure) and measure in NATIONAL_CAPABLE and not graded_forces)
        and not (offence in AUDIT_ONLY_OFFENCES and not national)
    ):  # "how many domestic abuse crimes went unrecorded": the forces' audits, not national
        return replace(base, intent="national", measure=national_measure(plain, base))
    if national and "how many" in plain and not graded_forces and not counted:
        return replace(base, intent="national")
    unmistakable = grade in ("inadequate", "outstanding", "requires improvement")
    # "good forces", "which forces are good (at recording crime)": a grade asked of forces
    of_forces = "forces" in plain.split() and not offence and measure in (None, "recording_rate")
    if grade and (measure == "grade" or unmistakable or of_forces) and not rank:
        ever = _EVER.search(plain) is not None
        return replace(
            base, intent="filter", measure="grade", grade_filter=grade, country=country, ever=ever
        )
    # "which Welsh force is best at recording crime": the country's forces, highest first
    among = selection is not None and selection["country"] and selection["threshold"] is None
    if (
        selection is not None
        and chosen
        and (not rank or (among and chosen == "recording_rate"))
        and offence in (None, "all")
        and not grade
    ):
        low = lowest_first(plain) if among else None  # "which welsh force is worst"
        return replace(base, intent="select", measure=chosen, rank=low, **selection)
    if rank and among and (offence or measure):  # "which Welsh force is worst for rape"
        return replace(base, intent="offence_overview", country=country)
    if rank and (offence or measure or "force" in plain):
        direction = _ACCURACY.get(m.group(1)) if (m := _ACCURACY_WORDS.search(plain)) else None
        direction = direction or RANK_DIRECTIONS.get(rank.group(1)) or _top_direction(measure)
        return replace(base, intent="rank", rank=direction, measure=measure or "recording_rate")
    if offence or measure:  # "Welsh forces grades": the country's forces side by side
        # "more than 10% wrongly cancelled": the threshold applies to the wrongly cancelled share
        cancelled = (measure or "").startswith("cancel")
        beyond = selection["threshold"] if selection and cancelled else None
        beyond = None if unit == "count" else beyond
        return replace(base, intent="offence_overview", country=country, threshold=beyond)
    if (
        (not plain and not any(c.isalnum() for c in base.text))
        or _HELP.search(plain)
        or plain in ACKNOWLEDGEMENTS
    ):
        return replace(base, intent="help")
    return base  # out of scope; a year it names may still be a follow-up ("in 2017?")


def _top_direction(measure: str | None) -> str:
    """ "top 5 for wrongly cancelled X": "top" of a bad measure lists the worst first, as the
    measure's declared direction says; of a good one (or none), the best first."""
    if measure in MEASURES and MEASURES[measure].higher_is_worse:
        return "worst"
    return "best"


def ranks_a_place(plain: str, base: Query) -> bool:
    """ "which forces record crime best in the north east": a ranking of the forces of a
    place several forces cover, by recording rate (as "which Welsh force is best" ranks the
    Welsh forces), not a question of which one is meant."""
    words = set(plain.split())
    return (
        _RANK.search(plain) is not None
        and base.offence in (None, "all")
        and base.measure in (None, "recording_rate")
        and bool(words & {"force", "forces"} or "record" in plain)
    )


def lowest_first(plain: str) -> str | None:
    """ "worst", "lowest", "least" of a place's recording rates: its forces listed lowest
    first (the direction, "worst" or "least"); None lists them highest first."""
    found = _RANK.search(THRESHOLD.sub(" ", plain))
    direction = RANK_DIRECTIONS.get(found.group(1)) if found else None
    return direction if direction in ("worst", "least") else None


def country_named(plain: str) -> str | None:
    """ "wales forces recording rates": the country whose forces are asked about, if any."""
    return (selection_of(plain) or {}).get("country")


def _glossary_term(plain: str) -> str | None:
    """The first term the question could ask to have explained; a term that is also asked about
    for its figures (grades, samples) only with words that ask what it means."""
    for match in _GLOSSARY.finditer(plain):
        term = GLOSSARY_TERMS[match.group(1)]
        if term not in NEEDS_MEANING or _MEANING_CUE.search(plain):
            return term
        if term == "sample" and ASKS_SAMPLE_SIZE.search(plain):
            return term
    return None


def _worst_force_figure(plain: str, text: str, offence: str | None, measure: str | None) -> bool:
    """ "the worst force's percentage of wrongly cancelled robbery", "up to what % did a single
    force wrongly cancel": a national figure (`text` keeps the percent sign)."""
    return (
        measure == "cancelled_incorrect"
        and offence in CANCELLED_AUDIT_OFFENCES
        and bool(
            WORST_FORCE_FIGURE.search(plain)
            or _WORST_FORCE_PERCENT.search(normalise(text).lower())
        )
    )


def national_measure(plain: str, base: Query) -> str | None:
    """Cancellations nationally: how many forces wrongly cancelled an offence, or the Home
    Office count of all cancelled crimes."""
    if base.measure != "cancelled_incorrect":
        return base.measure
    words = set(plain.split())
    if words & {"forces", "wrongly", "incorrectly"} or base.offence not in (None, "all"):
        return "forces_with_incorrect_cancellations"
    return "cancelled_crimes_recorded"
