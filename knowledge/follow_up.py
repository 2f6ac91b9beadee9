"""Fill a follow-up from the last question: "and rape?", "what about Kent", "which forces were
worst?" take what they leave out (force, offence, measure, year) from the chat's Frame, and say
what they took, so that the answer can list what it carried over."""

import re
from collections.abc import Mapping
from dataclasses import replace

from knowledge.follow_up_cues import (
    OVERVIEW_CUES,
    about_the_list,
    asks_both,
    asks_nationally,
    asks_per_year,
    keeps_force,
    other_forces,
    ranks_the_same,
    sample_of_last,
)
from knowledge.force_names import tokenize
from knowledge.frame import Frame, plain_words
from knowledge.last_answer_cues import (
    none_of_the_list,
    of_the_list,
    source_of_last,
    worst_of_the_count,
)
from knowledge.national_questions import WORST_FORCE_FIGURE, national_measure
from knowledge.query import Query
from knowledge.replies import chosen_candidates
from knowledge.vocabulary import FAMILIES, RANK_DIRECTIONS, RANK_WORDS

_FOLLOW_ON = re.compile(
    r"^(and|now|then|ok|okay|so|but|also|for|in|was it|what was it|what were they|how were they"
    r"|how was it)\b|\b(what about|how about|what of|same for|same again|same in)\b"
    r"|\b(too|as well|then|instead)$"
)
_COMPARE = re.compile(
    r"\b(compare|compared|comparison|versus|vs|against|both|add|plus|alongside|as well|too"
    r"|include|than)\b"
)
_IT = frozenset({"it", "its", "they", "their", "them"})
_BACK_REFERENCE = frozenset({"they", "them", "their", "it", "its", "there", "that", "same"})
_SUMMARY_CUES = re.compile(
    r"\b(tell me (more |a bit |a little )?about|summary|overview|everything|all about)\b"
)


# "and now?", "and the most recent one": the last figure's force and measure, latest year
_LATEST = re.compile(
    r"^(and |so |but |ok |what about |how about )?(now|today|these days|nowadays|currently"
    r"|(the )?(most recent|latest|newest)( one| inspection| figure| grade| year)?)$"
)
# "which was worst" after a list of every force's figures: those figures ranked
_WHICH_TOP = re.compile(
    r"^(and |so |ok )?(which|who) (one |force )?(was|were|is|did) (the )?"
    r"(worst|best|highest|lowest|top|bottom)( one)?$"
)
_LISTS = frozenset({"offence_overview", "select"})
_FORCE_WORDS = frozenset({"police", "constabulary", "service"})


def _named_with_last(chosen: tuple[str, ...], words: list[str], last: str) -> tuple[str, ...]:
    """The one candidate whose whole name the reply's word and the last question's words
    spell between them ("west" after "midlands recording rate": West Midlands Police)."""
    said = set(words) | set(last.split())
    names = {c: set(c.lower().split()) - _FORCE_WORDS for c in chosen}
    whole = tuple(c for c, name in names.items() if name <= said and name & set(words))
    return whole if len(whole) == 1 else ()


def follow_up(
    query: Query,
    frame: Frame,
    pairs: frozenset[tuple[str, str]],
    rows: Mapping[str, Mapping[str, str]] | None = None,
) -> tuple[Query, tuple[str, ...]]:
    """The question with what it leaves out taken from the frame, and the names of what was.
    `rows` (each force's row of forces.csv) lets "the welsh one" pick a candidate."""
    plain = plain_words(query)
    words = plain.split()
    if frame.intent == "clarify" and frame.candidates:
        chosen = chosen_candidates(query, frame.candidates, words, rows or {})
        if len(chosen) != 1 and frame.last:  # "west" after "midlands ...?": West Midlands
            chosen = _named_with_last(frame.candidates, words, plain_words(frame.last)) or chosen
        if len(chosen) == 1:
            return _fill(replace(query, forces=chosen, candidates=()), frame, pairs)
        if chosen:  # "the english one" of three, two of them English: ask between those two
            narrowed = replace(query, intent="clarify", forces=(), candidates=chosen)
            return _fill(narrowed, frame, pairs)
    if query.intent == "clarify" and frame.options:  # "and south?" after "which Yorkshire?"
        named = set(query.candidates) & set(frame.options)
        if len(named) > 1:  # "and midlands" after West Mercia, Midlands or Yorkshire: its word
            named = {f for f in named if set(words) & set(f.lower().split())} or named
        if len(named) == 1:
            return _fill(replace(query, forces=(named.pop(),), candidates=()), frame, pairs)
    if picked := _other_option(query, frame, words):  # "and the City" after "the Met"
        return _fill(replace(query, forces=picked, candidates=()), frame, pairs)
    if listed := of_the_list(query, frame, plain):  # "which of those improved?"
        return listed
    if frame.intent == "national" and WORST_FORCE_FIGURE.search(plain) and frame.offence:
        worst = replace(query, intent="national", measure="max_force_cancelled_incorrect_pct")
        if query.offence:  # "and the worst force's share of robbery?": that offence's
            return replace(worst, forces=()), ()
        return replace(worst, offence=frame.offence, forces=()), ("offence",)
    if again := sample_of_last(query, frame, plain):  # "what was the sample size?"
        return again
    if again := source_of_last(query, frame, plain):  # "where's that from?"
        return again
    if none := none_of_the_list(query, frame, plain):  # "how many had none?"
        return none
    if worst_force := worst_of_the_count(query, frame, plain):  # "which was worst?"
        return worst_force
    if _LATEST.match(plain) and frame.intent == "lookup" and frame.forces and frame.measure:
        latest = replace(  # "and now?" after "Cleveland grade 2018": its latest grade
            query,
            intent="lookup",
            forces=frame.forces,
            measure=frame.measure,
            offence=frame.offence,
            year=None,
            years=(),
        )
        return latest, ("forces", "measure", *(("offence",) if frame.offence else ()))
    if _WHICH_TOP.match(plain) and frame.intent in _LISTS and frame.measure:
        return _new_rank(replace(query, measure=None, offence=None), frame, words)
    if query.forces and query.measure and query.intent != "clarify":
        return query, ()  # names a force and a measure: a new question
    if frame.top and not query.forces and query.intent != "rank" and set(words) & _IT:
        topped, carried = _fill(replace(query, forces=frame.top), frame, pairs)
        return topped, ("forces", *carried)  # "what grade did it get?" after a ranking
    if ranks_the_same(query, frame, plain):  # "which forces were worst?" after a figure
        return _new_rank(replace(query, measure=None), frame, words)
    if listed := about_the_list(query, frame, plain):
        return listed
    if others := other_forces(query, frame, plain):  # "any other forces checked on that?"
        return others
    if asks_nationally(query, frame, plain):  # "and nationally?" after a force's figure
        offence = query.offence or frame.offence
        national = replace(query, intent="national", forces=(), offence=offence)
        national = replace(
            national, measure=national_measure(plain, replace(national, measure=frame.measure))
        )
        return national, ("measure",) + (("offence",) if offence and not query.offence else ())
    if size := asks_both(query, frame, plain):  # "grades for both?" after Kent, then Dorset
        both, carried = _fill(
            replace(query, forces=frame.recent[-size:], candidates=()), frame, pairs
        )
        return both, ("forces", *carried)
    if asks_per_year(query, frame, plain):  # "how many crimes a year is that" after a rate
        query = replace(query, measure="unrecorded_per_year", intent="lookup")
        return _fill(query, frame, pairs)
    if keeps_force(query, frame, plain, words):  # "how many go unrecorded?" after Lancashire
        return _fill(query, frame, pairs)
    if query.history and not query.forces and len(frame.forces) == 1 and len(words) <= 8:
        # "did they improve?" after one force's answer: its history, grades with recording
        # figures when the last question was about its grade; a history spans every year, so
        # the last question's year is not carried ("gmp 2014" then "has it improved")
        graded = replace(frame, measure=None) if frame.measure == "grade" else frame
        return _fill(query, replace(graded, year=None), pairs)
    if not (_follows_on(plain, words) or _bare(query)):
        return query, ()
    if (
        query.intent == "glossary"
        and frame.forces
        and query.measure
        and (_bare(query) or set(words) & _BACK_REFERENCE)
    ):  # "recording rate?", "what's their recording rate?"
        return _fill(replace(query, intent="lookup"), frame, pairs)
    if query.intent == "rank" or (
        frame.intent in ("rank", "select") and set(words) & set(RANK_WORDS)
    ):  # "what about the worst" after a ranking or a threshold list
        return _new_rank(query, frame, words)
    if query.forces and frame.forces and _COMPARE.search(plain) and not query.history:
        forces = tuple(dict.fromkeys((*frame.forces, *query.forces)))
        return _fill(replace(query, forces=forces, intent="compare"), frame, pairs)
    if query.forces and query.intent in ("force_summary", "compare", "lookup"):
        if _SUMMARY_CUES.search(plain) or not (frame.offence or frame.measure):
            return query, ()
        return _fill(query, frame, pairs)
    if query.intent in ("offence_overview", "national", "out_of_scope", "help", "filter"):
        cues = set(words) - ({"all"} if query.offence == "all" else set())  # "all crimes"
        if cues & OVERVIEW_CUES or not _names_something(query):
            return query, ()
        return _fill(query, frame, pairs)
    return query, ()


_NAME_FILLERS = frozenset({"police", "of", "and", "the", "constabulary", "service", "force"})


def _other_option(query: Query, frame: Frame, words: list[str]) -> tuple[str, ...]:
    """A short follow-up naming, by a word of its name, another of the forces the chat last
    asked between ("London recording rate", "the Met", then "and the City")."""
    if query.forces or query.candidates or not frame.options or len(words) > 4:
        return ()
    named = tuple(
        c
        for c in frame.options
        if c not in frame.forces and set(words) & (set(c.lower().split()) - _NAME_FILLERS)
    )
    return named if len(named) == 1 else ()


def _fill(
    query: Query, frame: Frame, pairs: frozenset[tuple[str, str]]
) -> tuple[Query, tuple[str, ...]]:
    """Take from the frame each of force, offence, measure and year that the query lacks."""
    carried: list[str] = []
    changes: dict[str, object] = {}
    if not query.forces and frame.forces:
        changes["forces"] = frame.forces
        carried.append("forces")
    measure = query.measure
    if not measure and frame.measure:
        measure = changes["measure"] = frame.measure
        carried.append("measure")
    if query.offence == "all" and frame.offence not in (None, "all"):
        changes["offence"] = None  # "all crimes" after one offence: no longer that offence
    elif not query.offence and frame.offence and _has_figures(frame.offence, measure, pairs):
        changes["offence"] = frame.offence
        carried.append("offence")
    if not query.year and not query.years and frame.year:
        changes["year"] = frame.year
        carried.append("year")
    if frame.last is not None and frame.last.history and "forces" in carried and not query.year:
        changes["history"] = True  # "what about unrecorded" after "GMP ... over the years"
    filled = replace(query, **changes)  # type: ignore[arg-type]
    intent = _intent(filled, frame)
    if intent == "rank" and not filled.rank:
        filled = replace(filled, rank=frame.rank)
    if intent == "filter" and not filled.grade_filter and frame.grade_filter:
        filled = replace(filled, grade_filter=frame.grade_filter)  # "and in 2019?": that grade
        carried.append("grade")
    return replace(filled, intent=intent), tuple(carried)


def _intent(query: Query, frame: Frame) -> str:
    if len(query.forces) > 1:
        return "compare"
    if query.forces:
        return "lookup" if query.offence or query.measure else "force_summary"
    if frame.intent in ("offence_overview", "national", "rank", "filter"):
        return frame.intent
    return query.intent


def _new_rank(query: Query, frame: Frame, words: list[str]) -> tuple[Query, tuple[str, ...]]:
    direction = next((RANK_DIRECTIONS.get(w, "best") for w in words if w in RANK_WORDS), "best")
    carried: tuple[str, ...] = ("measure",) if not query.measure else ()
    ranked = replace(
        query,
        intent="rank",
        forces=(),
        rank=direction,
        measure=query.measure or frame.measure or "recording_rate",
        offence=query.offence or (frame.offence if not query.measure else None),
        year=query.year or (frame.year if not query.years else None),  # "and the fewest?"
    )
    carried += ("year",) if ranked.year and not query.year else ()
    return ranked, carried + (("offence",) if ranked.offence and not query.offence else ())


def _has_figures(offence: str, measure: str | None, pairs: frozenset[tuple[str, str]]) -> bool:
    """Whether any force has a figure for this offence and measure (grades are for all crime)."""
    if measure is None:
        return True
    return any((offence, m) in pairs for m in FAMILIES.get(measure, (measure,)))


def _names_something(query: Query) -> bool:
    return bool(query.offence or query.measure or query.year or query.years)


def _bare(query: Query) -> bool:
    """A message that is only a name, an offence, a measure or a year ("Kent?", "rape", "2017"),
    or only a place however many words its name has ("newbiggin by the sea?")."""
    words = tokenize(query.focus or query.text)
    if len(words) <= 3:
        return True
    plain = " ".join(w.lower() for w in words)
    only_a_place = query.intent == "force_summary" and not _SUMMARY_CUES.search(plain)
    return only_a_place and len(words) <= 6


def _follows_on(plain: str, words: list[str]) -> bool:
    return bool(_FOLLOW_ON.search(plain)) or bool(set(words) & _BACK_REFERENCE)
