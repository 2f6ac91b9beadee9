"""What a chat remembers of its last question and answer (the Frame a follow-up fills from):
its intent and slots, the forces of the last few questions, the last candidates asked between,
the grade last listed and the force a ranking put first."""

from dataclasses import dataclass

from knowledge.answers import Answer
from knowledge.force_names import tokenize
from knowledge.normalise import normalise
from knowledge.query import Query

RECENT_FORCES = 4


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
    last: Query | None = None  # the last question whole ("what was the sample size?", "and good?")
    listed: tuple[str, ...] = ()  # the forces the last list answer named, in its order ("those")

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
            last=query,
        )


def top_force(answer: Answer) -> tuple[str, ...]:
    """The one force a ranking put first (none when several share first place)."""
    if answer.intent != "rank" or not answer.facts or answer.places[:1] != (1,):
        return ()
    return () if answer.places[1:2] == (1,) else (answer.facts[0].force,)


_LIST_INTENTS = frozenset({"filter", "rank", "select", "grade_change"})


def listed_forces(answer: Answer) -> tuple[str, ...]:
    """The forces a list answer named, in its order: a grade filter's forces with that grade
    now (not those that had it earlier), a ranking's, a threshold's, a grade change's."""
    if answer.intent not in _LIST_INTENTS:
        return ()
    facts = answer.facts
    if answer.intent == "filter":
        facts = next((g.facts for g in answer.groups if g.kind == "latest"), ())
    return tuple(dict.fromkeys(f.force for f in facts))


def plain_words(query: Query) -> str:
    return " ".join(w.lower() for w in tokenize(normalise(query.focus or query.text)))
