"""A chat's memory of its last question, so that "and rape?" or "what about Kent" can be answered.

A follow-up that names only some of force, offence, measure and year takes the rest from the
last question (for 30 minutes); a question that names a force and a measure starts afresh. The
answer lists what it carried over, so a reader always sees what was assumed.
"""

import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from knowledge.answers import Answer
from knowledge.force_names import tokenize
from knowledge.national_questions import NATIONAL_CAPABLE, WORST_FORCE_FIGURE, national_measure
from knowledge.normalise import normalise
from knowledge.query import Query
from knowledge.replies import (
    asks_how_many_bare,
    asks_how_many_that,
    asks_which_is_better,
    asks_who_got_that,
    chosen_candidates,
    grade_named,
)
from knowledge.slots import measure_of
from knowledge.vocabulary import FAMILIES, RANK_DIRECTIONS, RANK_WORDS

if TYPE_CHECKING:
    from knowledge.service import Knowledge

FRAME_SECONDS = 30 * 60
RECENT_FORCES = 4
_FOLLOW_ON = re.compile(
    r"^(and|now|then|ok|okay|so|but|also|for|in|was it|what was it|what were they|how were they"
    r"|how was it)\b|\b(what about|how about|what of|same for|same again|same in)\b"
    r"|\b(too|as well|then|instead)$"
)
_COMPARE = re.compile(
    r"\b(compare|compared|comparison|versus|vs|against|both|add|plus|alongside|as well|too"
    r"|include|than)\b"
)
_BOTH = re.compile(r"\b(both|the two|the pair|each of them|them both)\b")
_IT = frozenset({"it", "its", "they", "their", "them"})
_BACK_REFERENCE = frozenset({"they", "them", "their", "it", "its", "there", "that", "same"})
_NATIONALLY = re.compile(
    r"\b(nationally|national|national figure|england and wales|across all forces|all forces)\b"
)
_SUMMARY_CUES = re.compile(r"\b(tell me about|summary|overview|everything|all about)\b")
_OVERVIEW_CUES = frozenset({"which", "forces", "across", "every", "all", "nationally", "national"})
_NO_FRAME_INTENTS = frozenset({"help", "glossary", "out_of_scope"})
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


@dataclass(frozen=True)
class Frame:
    """What the last question was about."""

    intent: str
    forces: tuple[str, ...]
    candidates: tuple[str, ...]
    offence: str | None
    measure: str | None
    year: int | None
    rank: str | None
    options: tuple[str, ...] = ()  # the last "which force?" candidates, kept after the answer
    recent: tuple[str, ...] = ()  # the forces of the last few questions, oldest first
    grade_filter: str | None = None  # the grade last listed or explained ("which got that?")
    top: tuple[str, ...] = ()  # the one force a ranking put first ("what grade did it get?")

    @classmethod
    def of(cls, query: Query, before: "Frame | None" = None) -> "Frame":
        options = query.candidates or (before.options if before else ())
        earlier = [f for f in (before.recent if before else ()) if f not in query.forces]
        recent = tuple([*earlier, *query.forces][-RECENT_FORCES:])
        return cls(
            query.intent,
            query.forces,
            query.candidates,
            query.offence,
            query.measure,
            query.year,
            query.rank,
            options,
            recent,
            query.grade_filter,
        )


class Conversation:
    """One chat's last question; pure Python, kept per chat by the bot and the terminal chat."""

    def __init__(
        self, seconds: float = FRAME_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.seconds = seconds
        self.clock = clock
        self.frame: Frame | None = None
        self.asked_at = 0.0

    def ask(self, knowledge: "Knowledge", text: str) -> Answer:
        """Answer `text`, filling what it leaves out from the last question when it follows on."""
        query = knowledge.parse(text)
        now = self.clock()
        carried: tuple[str, ...] = ()
        if self.frame and now - self.asked_at <= self.seconds:
            pairs, rows = knowledge.offence_measures, knowledge.store.forces
            query, carried = follow_up(query, self.frame, pairs, rows)
        answer = replace(knowledge.answerer.answer(query), carried=carried)
        if query.intent not in _NO_FRAME_INTENTS:
            self.frame, self.asked_at = replace(Frame.of(query, self.frame), top=_top(answer)), now
        elif query.glossary_term == "grades" and (grade := grade_named(_plain(query))):
            before = self.frame or Frame.of(Query(query.text, "glossary"))
            self.frame, self.asked_at = replace(before, grade_filter=grade), now
        return answer

    def forget(self) -> None:
        self.frame = None


def follow_up(
    query: Query,
    frame: Frame,
    pairs: frozenset[tuple[str, str]],
    rows: Mapping[str, Mapping[str, str]] | None = None,
) -> tuple[Query, tuple[str, ...]]:
    """The question with what it leaves out taken from the frame, and the names of what was.
    `rows` (each force's row of forces.csv) lets "the welsh one" pick a candidate."""
    plain = _plain(query)
    words = plain.split()
    if frame.intent == "clarify" and frame.candidates:
        chosen = chosen_candidates(query, frame.candidates, words, rows or {})
        if len(chosen) == 1:
            return _fill(replace(query, forces=chosen, candidates=()), frame, pairs)
        if chosen:  # "the english one" of three, two of them English: ask between those two
            narrowed = replace(query, intent="clarify", forces=(), candidates=chosen)
            return _fill(narrowed, frame, pairs)
    if query.intent == "clarify" and frame.options:  # "and south?" after "which Yorkshire?"
        named = set(query.candidates) & set(frame.options)
        if len(named) == 1:
            return _fill(replace(query, forces=(named.pop(),), candidates=()), frame, pairs)
    if frame.intent == "national" and WORST_FORCE_FIGURE.search(plain) and frame.offence:
        worst = replace(query, intent="national", measure="max_force_cancelled_incorrect_pct")
        return replace(worst, offence=frame.offence, forces=()), ("offence",)
    if query.forces and query.measure and query.intent != "clarify":
        return query, ()  # names a force and a measure: a new question
    if frame.top and not query.forces and query.intent != "rank" and set(words) & _IT:
        topped, carried = _fill(replace(query, forces=frame.top), frame, pairs)
        return topped, ("forces", *carried)  # "what grade did it get?" after a ranking
    if _ranks_the_same(query, frame, plain):  # "which forces were worst?" after a figure
        return _new_rank(replace(query, measure=None), frame, words)
    if listed := _about_the_list(query, frame, plain):
        return listed
    if _nationally(query, frame, plain):  # "and nationally?" after a force's figure
        offence = query.offence or frame.offence
        national = replace(query, intent="national", forces=(), offence=offence)
        national = replace(
            national, measure=national_measure(plain, replace(national, measure=frame.measure))
        )
        return national, ("measure",) + (("offence",) if offence and not query.offence else ())
    if _both(query, frame, plain):  # "grades for both?" after Kent, then Dorset
        both, carried = _fill(
            replace(query, forces=frame.recent[-2:], candidates=()), frame, pairs
        )
        return both, ("forces", *carried)
    if _per_year(query, frame, plain):  # "how many crimes a year is that" after a rate
        query = replace(query, measure="unrecorded_per_year", intent="lookup")
        return _fill(query, frame, pairs)
    if _keeps_force(query, frame, plain, words):  # "how many go unrecorded?" after Lancashire
        return _fill(query, frame, pairs)
    if not (_follows_on(plain, words) or _bare(query)):
        return query, ()
    if (
        query.intent == "glossary"
        and frame.forces
        and query.measure
        and (_bare(query) or set(words) & _BACK_REFERENCE)
    ):  # "recording rate?", "what's their recording rate?"
        return _fill(replace(query, intent="lookup"), frame, pairs)
    if query.intent == "rank" or (frame.intent == "rank" and set(words) & set(RANK_WORDS)):
        return _new_rank(query, frame, words)
    if query.forces and frame.forces and _COMPARE.search(plain):
        forces = tuple(dict.fromkeys((*frame.forces, *query.forces)))
        return _fill(replace(query, forces=forces, intent="compare"), frame, pairs)
    if query.forces and query.intent in ("force_summary", "compare", "lookup"):
        if _SUMMARY_CUES.search(plain) or not (frame.offence or frame.measure):
            return query, ()
        return _fill(query, frame, pairs)
    if query.intent in ("offence_overview", "national", "out_of_scope", "help", "filter"):
        cues = set(words) - ({"all"} if query.offence == "all" else set())  # "all crimes"
        if cues & _OVERVIEW_CUES or not _names_something(query):
            return query, ()
        return _fill(query, frame, pairs)
    return query, ()


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
    filled = replace(query, **changes)  # type: ignore[arg-type]
    intent = _intent(filled, frame)
    if intent == "rank" and not filled.rank:
        filled = replace(filled, rank=frame.rank)
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


def _about_the_list(
    query: Query, frame: Frame, plain: str
) -> tuple[Query, tuple[str, ...]] | None:
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
        return _listed(query, grade), ("measure",)  # "and good?" after a filter
    if frame.grade_filter and (
        asks_who_got_that(plain)
        or (frame.intent == "filter" and (asks_how_many_that(plain) or asks_how_many_bare(plain)))
    ):
        return _listed(query, frame.grade_filter), ("measure",)
    cancelled = {"cancelled_incorrect", "forces_with_incorrect_cancellations"}
    if asks_how_many_that(plain) and frame.measure in cancelled and frame.offence:
        national = replace(query, intent="national", forces=(), offence=frame.offence)
        return replace(national, measure="forces_with_incorrect_cancellations"), ("offence",)
    return None


def _top(answer: Answer) -> tuple[str, ...]:
    """The one force a ranking put first (none when several share first place)."""
    if answer.intent != "rank" or not answer.facts or answer.places[:1] != (1,):
        return ()
    return () if answer.places[1:2] == (1,) else (answer.facts[0].force,)


def _ranks_the_same(query: Query, frame: Frame, plain: str) -> bool:
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


def _listed(query: Query, grade: str) -> Query:
    return replace(query, intent="filter", forces=(), measure="grade", grade_filter=grade)


def _plain(query: Query) -> str:
    return " ".join(w.lower() for w in tokenize(normalise(query.focus or query.text)))


def _both(query: Query, frame: Frame, plain: str) -> bool:
    """ "both" with no force named, when the last two questions named one force each."""
    return (
        not query.forces
        and len(frame.forces) < 2
        and len(frame.recent) > 1
        and bool(_BOTH.search(plain))
    )


def _has_figures(offence: str, measure: str | None, pairs: frozenset[tuple[str, str]]) -> bool:
    """Whether any force has a figure for this offence and measure (grades are for all crime)."""
    if measure is None:
        return True
    return any((offence, m) in pairs for m in FAMILIES.get(measure, (measure,)))


def _nationally(query: Query, frame: Frame, plain: str) -> bool:
    """ "and nationally?", "what about across all forces": the last measure for every force."""
    return (
        not query.forces
        and not query.measure
        and frame.measure in NATIONAL_CAPABLE - {None}
        and bool(_NATIONALLY.search(plain))
        and len(plain.split()) <= 6
    )


def _per_year(query: Query, frame: Frame, plain: str) -> bool:
    """A count a year asked of the last force's recording rate: its unrecorded estimate."""
    return (
        bool(frame.forces)
        and not query.forces
        and query.measure is None
        and frame.measure in ("recording_rate", "unrecorded_per_year")
        and bool(_PER_YEAR.search(plain))
    )


def _keeps_force(query: Query, frame: Frame, plain: str, words: list[str]) -> bool:
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
        and not set(words) & (_OVERVIEW_CUES | _EVERY_FORCE_WORDS)
        and not _NATIONALLY.search(plain)
        and not WORST_FORCE_FIGURE.search(plain)
    )


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
