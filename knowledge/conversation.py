"""A chat's memory of its last question, so that "and rape?" or "what about Kent" can be answered.

A follow-up that names only some of force, offence, measure and year takes the rest from the
last question (for 30 minutes); a question that names a force and a measure starts afresh. The
answer lists what it carried over, so a reader always sees what was assumed.
"""

import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from knowledge.answers import Answer
from knowledge.follow_up import follow_up
from knowledge.frame import Frame, listed_forces, plain_words, top_force
from knowledge.query import Query
from knowledge.replies import grade_named

if TYPE_CHECKING:
    from knowledge.service import Knowledge

FRAME_SECONDS = 30 * 60
_NO_FRAME_INTENTS = frozenset({"help", "glossary", "out_of_scope"})


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
            query = _continued_name(knowledge, self.frame, query)
            query, carried = follow_up(query, self.frame, pairs, rows)
        answer = knowledge.answerer.answer(query)
        if "year" in carried and answer.missing and _names_new_subject(query, carried):
            query, answer, carried = _without_year(knowledge, query, answer, carried)
        if "offence" in carried and _no_figure(answer) and "measure" not in carried:
            query, answer, carried = _without_offence(knowledge, query, answer, carried)
        answer = replace(answer, carried=carried)
        abroad = query.abroad and bool(query.measure or query.offence)  # else the last stays
        if query.intent not in _NO_FRAME_INTENTS or query.not_police or abroad:
            # "Essex fire and rescue grade", then "no, Essex Police": the grade asked is kept
            # (as "police scotland recording rate", then "what about kent then");
            # "which of those improved?" works inside the last list: that list stays the one
            # "the first one" points into
            kept = "list" in carried and self.frame is not None
            listed = self.frame.listed if kept and self.frame else listed_forces(answer)
            self.frame, self.asked_at = (
                replace(Frame.of(query, self.frame), top=top_force(answer), listed=listed),
                now,
            )
        elif query.glossary_term == "grades" and (grade := grade_named(plain_words(query))):
            before = self.frame or Frame.of(Query(query.text, "glossary"))
            self.frame, self.asked_at = replace(before, grade_filter=grade), now
        return answer

    def forget(self) -> None:
        self.frame = None


def _continued_name(knowledge: "Knowledge", frame: Frame, query: Query) -> Query:
    """A reply that finishes the place the last "which force?" asked about ("upon avon" after
    "Stratford police grade": Stratford-upon-Avon, Warwickshire) picks that candidate, not the
    force its own words name (Avon and Somerset)."""
    if frame.intent != "clarify" or not frame.candidates or frame.last is None:
        return query
    if len(query.text.split()) > 3 or (
        set(query.forces) <= set(frame.candidates) and query.forces
    ):
        return query
    for word in frame.last.text.split():
        joined = knowledge.parse(f"{word} {query.text}").forces
        if len(joined) == 1 and joined[0] in frame.candidates:
            return replace(query, forces=joined, candidates=())
    return query


def _names_new_subject(query: Query, carried: tuple[str, ...]) -> bool:
    """Whether the follow-up named its own measure or offence (not only a force or a year)."""
    return bool(
        (query.measure and "measure" not in carried)
        or (query.offence and "offence" not in carried)
    )


def _no_figure(answer: Answer) -> bool:
    """No figure of the measure asked: none at all, or only a related one standing in."""
    return answer.missing or answer.lead_stands_in


def _without_offence(
    knowledge: "Knowledge", query: Query, answer: Answer, carried: tuple[str, ...]
) -> tuple[Query, Answer, tuple[str, ...]]:
    """A follow-up naming its own measure that the force has no figure of for the offence it
    carried ("Derbyshire violence", then "how many unrecorded a year"): answered for all crime,
    saying so, when that finds figures; otherwise the honest "no such figure" stands."""
    whole = replace(query, offence=None)
    again = knowledge.answerer.answer(whole)
    if _no_figure(again):
        return query, answer, carried
    kept = tuple(name for name in carried if name != "offence")
    return whole, replace(again, dropped_offence=query.offence), kept


def _without_year(
    knowledge: "Knowledge", query: Query, answer: Answer, carried: tuple[str, ...]
) -> tuple[Query, Answer, tuple[str, ...]]:
    """A follow-up whose new measure has no figure in the year it carried ("Kent grade 2018",
    then "and rape cancellations?"): answered without that year, saying so, when that finds
    figures; otherwise the honest "no such figure from 2018" stands."""
    yearless = replace(query, year=None)
    again = knowledge.answerer.answer(yearless)
    if again.missing:
        return query, answer, carried
    kept = tuple(name for name in carried if name != "year")
    return yearless, replace(again, dropped_year=query.year), kept
