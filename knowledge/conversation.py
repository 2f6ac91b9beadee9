"""A chat's memory of its last question, so that "and rape?" or "what about Kent" can be answered.

A follow-up that names only some of force, offence, measure and year takes the rest from the
last question (for 30 minutes); a question that names a force and a measure starts afresh. The
answer lists what it carried over, so a reader always sees what was assumed.
"""

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from knowledge.answers import Answer
from knowledge.matcher import tokenize
from knowledge.normalise import normalise
from knowledge.parser import _WORST_FORCE_FIGURE, Query
from knowledge.vocabulary import FAMILIES, RANK_DIRECTIONS, RANK_WORDS

if TYPE_CHECKING:
    from knowledge.service import Knowledge

FRAME_SECONDS = 30 * 60
_FOLLOW_ON = re.compile(
    r"^(and|now|then|ok|okay|so|but|also|for|in|was it|what was it|what were they|how were they"
    r"|how was it)\b|\b(what about|how about|what of|same for|same again|same in)\b"
)
_COMPARE = re.compile(r"\b(compare|compared|versus|vs|against|both)\b")
_BACK_REFERENCE = frozenset({"they", "them", "their", "it", "its", "there", "that", "same"})
_SUMMARY_CUES = re.compile(r"\b(tell me about|summary|overview|everything|all about)\b")
_OVERVIEW_CUES = frozenset({"which", "forces", "across", "every", "all", "nationally", "national"})
_YES = frozenset({"yes", "yeah", "yep", "y", "correct", "that one", "yes please"})
_NO_FRAME_INTENTS = frozenset({"help", "glossary", "out_of_scope"})


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

    @classmethod
    def of(cls, query: Query, before: "Frame | None" = None) -> "Frame":
        options = query.candidates or (before.options if before else ())
        return cls(
            query.intent,
            query.forces,
            query.candidates,
            query.offence,
            query.measure,
            query.year,
            query.rank,
            options,
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
            query, carried = follow_up(query, self.frame, knowledge.offence_measures)
        answer = replace(knowledge.answerer.answer(query), carried=carried)
        if query.intent not in _NO_FRAME_INTENTS:
            self.frame, self.asked_at = Frame.of(query, self.frame), now
        return answer

    def forget(self) -> None:
        self.frame = None


def follow_up(
    query: Query, frame: Frame, pairs: frozenset[tuple[str, str]]
) -> tuple[Query, tuple[str, ...]]:
    """The question with what it leaves out taken from the frame, and the names of what was."""
    words = [w.lower() for w in tokenize(normalise(query.text))]
    plain = " ".join(words)
    if frame.intent == "clarify" and frame.candidates:
        chosen = _chosen_candidate(query, frame, words)
        if chosen:
            return _fill(replace(query, forces=(chosen,), candidates=()), frame, pairs)
    if query.intent == "clarify" and frame.options:  # "and south?" after "which Yorkshire?"
        named = set(query.candidates) & set(frame.options)
        if len(named) == 1:
            return _fill(replace(query, forces=(named.pop(),), candidates=()), frame, pairs)
    if frame.intent == "national" and _WORST_FORCE_FIGURE.search(plain) and frame.offence:
        worst = replace(query, intent="national", measure="max_force_cancelled_incorrect_pct")
        return replace(worst, offence=frame.offence, forces=()), ("offence",)
    if query.forces and query.measure and query.intent != "clarify":
        return query, ()  # names a force and a measure: a new question
    if not (_follows_on(plain, words) or _bare(query)):
        return query, ()
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
        if set(words) & _OVERVIEW_CUES or not _names_something(query):
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
    if not query.offence and frame.offence and _has_figures(frame.offence, measure, pairs):
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
    carried = ("measure",) if not query.measure else ()
    ranked = replace(
        query,
        intent="rank",
        forces=(),
        rank=direction,
        measure=query.measure or frame.measure or "recording_rate",
        offence=query.offence or (frame.offence if not query.measure else None),
    )
    return ranked, carried + (("offence",) if ranked.offence and not query.offence else ())


def _chosen_candidate(query: Query, frame: Frame, words: list[str]) -> str | None:
    """The one candidate of a "which force?" question that the reply picks out, if any."""
    if len(query.forces) == 1 and query.forces[0] in frame.candidates:
        return query.forces[0]
    if len(frame.candidates) == 1 and " ".join(words) in _YES:
        return frame.candidates[0]
    named = set(query.candidates) & set(frame.candidates)
    if len(named) != 1:
        named = {c for c in frame.candidates if set(words) & set(c.lower().split())}
    return named.pop() if len(named) == 1 else None


def _has_figures(offence: str, measure: str | None, pairs: frozenset[tuple[str, str]]) -> bool:
    """Whether any force has a figure for this offence and measure (grades are for all crime)."""
    if measure is None:
        return True
    return any((offence, m) in pairs for m in FAMILIES.get(measure, (measure,)))


def _names_something(query: Query) -> bool:
    return bool(query.offence or query.measure or query.year or query.years)


def _bare(query: Query) -> bool:
    """A message that is only a name, an offence, a measure or a year ("Kent?", "rape", "2017")."""
    return len(tokenize(query.text)) <= 3


def _follows_on(plain: str, words: list[str]) -> bool:
    return bool(_FOLLOW_ON.search(plain)) or bool(set(words) & _BACK_REFERENCE)
