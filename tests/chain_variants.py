"""Generated conversations longer than one follow-up, and messages that attack the ways a force
enters a question: chains of follow-ups (force, offence, year, another force, a pronoun),
replies to "which force?" by position, country or town, follow-ups after a ranking, a filter
or a comparison, comparisons with one side misspelt, and place names used as something else
(surnames, football clubs, newspapers, addresses, dates, towns abroad). Seeded, so repeatable."""

import random
from collections.abc import Iterator
from dataclasses import dataclass

from variants import MEASURE_TEXTS, OFFENCE_TEXTS, FollowUp, one_typo

from knowledge import Knowledge

SEED = 20261122
_OFFENCE_STEPS = ("and {}?", "what about {}", "{} then?", "how about {}")
_YEAR_STEPS = ("in {}?", "and in {}?", "what about {}", "for {}?", "what was it in {}")
_FORCE_STEPS = ("what about {}", "and {}?", "{}?", "how about {} then", "same for {}")
_PRONOUN_STEPS = (
    "what's their {}?",
    "and their {}",
    "how about its {}",
    "what was their {}",
    "and the {} for them?",
    "what about the {} there",
)
_ADD_STEPS = ("and {} too", "add {}", "{} as well", "compare with {}", "and {} for comparison")
_POSITIONS = (
    ("the first one", 0),
    ("first", 0),
    ("the first", 0),
    ("1", 0),
    ("number 1", 0),
    ("the second one", 1),
    ("second", 1),
    ("the second", 1),
    ("2", 1),
    ("the 2nd one", 1),
    ("option 2", 1),
)
_LAST = ("the last one", "the last", "last one")
_BETTER = (
    ("which is better", "best"),
    ("which is worse", "worst"),
    ("who did better?", "best"),
    ("which one did worse", "worst"),
    ("so which is best", "best"),
    ("who came out worse", "worst"),
)


@dataclass(frozen=True)
class Chain:
    """A conversation: an opening question and follow-ups, each with what it must be about."""

    opening: FollowUp
    steps: tuple[FollowUp, ...]


def chains(
    knowledge: Knowledge, names: dict[str, list[str]], rng: random.Random
) -> Iterator[Chain]:
    """Force, then offence, year, another force, a pronoun and a new measure, then a second
    force added: each step must keep what it did not change."""
    pairs = knowledge.offence_measures
    forces = sorted(names)
    for _ in range(120):
        first, second = rng.sample(forces, 2)
        measure = rng.choice(sorted(MEASURE_TEXTS))
        opening = FollowUp(
            f"{rng.choice(names[first])} {rng.choice(MEASURE_TEXTS[measure])}",
            (first,),
            False,
            measure,
        )
        steps: list[FollowUp] = []
        offence: str | bool | None = False
        choices = [o for o in OFFENCE_TEXTS if (o, measure) in pairs]
        if choices:
            offence = rng.choice(choices)
            text = rng.choice(_OFFENCE_STEPS).format(rng.choice(OFFENCE_TEXTS[str(offence)]))
            steps.append(FollowUp(text, (first,), offence, measure))
        year = rng.choice((2014, 2016, 2017, 2018, 2019))
        steps.append(
            FollowUp(rng.choice(_YEAR_STEPS).format(year), (first,), offence, measure, year)
        )
        other = rng.choice(names[second])
        steps.append(FollowUp(rng.choice(_FORCE_STEPS).format(other), (second,), offence, measure))
        new_measure = rng.choice([m for m in MEASURE_TEXTS if m != measure])
        text = rng.choice(_PRONOUN_STEPS).format(rng.choice(MEASURE_TEXTS[new_measure]))
        steps.append(FollowUp(text, (second,), False, new_measure))
        added = rng.choice(names[first])
        steps.append(FollowUp(rng.choice(_ADD_STEPS).format(added), (second, first)))
        yield Chain(opening, tuple(steps))


_AMBIGUOUS_OPENINGS = (
    "newport grade",
    "west robbery cancellations",
    "ashford recording rate",
    "north east grade",
    "yorkshire recording rate",
    "st ives grade",
    "london rape cancellations",
    "west midlands or west mercia? grade",
    "south recording rate",
    "north wales or north yorkshire unrecorded crimes",
)


def clarify_chains(
    knowledge: Knowledge, towns: dict[str, list[str]], rng: random.Random
) -> Iterator[Chain]:
    """A "which force?" question answered by position, by country or by a town of one
    candidate, then a further follow-up that must keep the chosen force."""
    for text in _AMBIGUOUS_OPENINGS:
        answer = knowledge.ask(text)
        if answer.intent != "clarify" or len(answer.candidates) < 2:
            continue
        candidates = answer.candidates
        opening = FollowUp(text, None, False, answer.measure)
        replies = [(t, i) for t, i in _POSITIONS if i < len(candidates)]
        replies += [(rng.choice(_LAST), len(candidates) - 1)]
        if len(candidates) > 2:
            replies += [("the third one", 2), ("third", 2)]
        for index, candidate in enumerate(candidates):
            if towns.get(candidate):
                replies.append((rng.choice(towns[candidate]), index))
                replies.append((f"the one with {rng.choice(towns[candidate])}", index))
        countries = [knowledge.store.forces[c]["country"] for c in candidates]
        for country, word in (("Wales", "welsh"), ("England", "english")):
            if countries.count(country) == 1:
                replies.append((f"the {word} one", countries.index(country)))
        for reply, index in replies:
            chosen = (candidates[index],)
            then = rng.choice(("in 2017?", "and rape?", "what about its grade", "and in 2014?"))
            steps = (
                FollowUp(reply, chosen, False, answer.measure),
                FollowUp(then, chosen),
            )
            yield Chain(opening, steps)


_RANKINGS = (
    ("which force has the best recording rate", "recording_rate", "best"),
    ("worst force for unrecorded crimes", "unrecorded_per_year", "most"),
    ("which force is worst at recording crime", "recording_rate", "worst"),
    ("which force wrongly cancelled the most robbery", "cancelled_incorrect", "most"),
)
_FILTERS = (
    "which forces are rated inadequate",
    "which forces were graded outstanding",
    "which forces are rated requires improvement",
    "list the forces graded good",
)


def list_chains(
    knowledge: Knowledge, names: dict[str, list[str]], rng: random.Random
) -> Iterator[Chain]:
    """After a ranking, a filter or a comparison: the other end, another grade, how many, and
    which is better."""
    for text, measure, _ in _RANKINGS:
        opening = FollowUp(text, (), False, measure)
        for follow, direction in (
            ("and the worst?", "worst"),
            ("what about the best", "best"),
            ("and the lowest?", "least"),
            ("the worst one?", "worst"),
        ):
            yield Chain(opening, (FollowUp(follow, (), False, measure, rank=direction),))
    grades = ("inadequate", "outstanding", "requires improvement", "good")
    for text in _FILTERS:
        opening = FollowUp(text, (), False, "grade")
        for follow in ("how many is that", "how many forces is that", "how many is that in total"):
            yield Chain(opening, (FollowUp(follow, (), False, "grade", intent="filter"),))
        for grade in rng.sample(grades, 2):
            follow = rng.choice(("what about {}", "and {}?", "which got {}?")).format(grade)
            yield Chain(opening, (FollowUp(follow, (), False, "grade", intent="filter"),))
    forces = sorted(names)
    for _ in range(30):
        a, b = rng.sample(forces, 2)
        measure = rng.choice(("recording_rate", "grade", "unrecorded_per_year"))
        words = rng.choice(MEASURE_TEXTS[measure])
        both = (a, b)
        if rng.random() < 0.5:
            opening = FollowUp(f"{rng.choice(names[a])} vs {rng.choice(names[b])} {words}", both)
            middle: tuple[FollowUp, ...] = ()
        else:
            opening = FollowUp(f"{rng.choice(names[a])} {words}", (a,), False, measure)
            middle = (FollowUp(f"and {rng.choice(names[b])}?", (b,), False, measure),)
        text, _ = rng.choice(_BETTER)
        yield Chain(opening, (*middle, FollowUp(text, both, False, measure, intent="compare")))


_LINKS = (" vs ", " v ", " versus ", " or ", " against ")


def lossy_comparisons(
    knowledge: Knowledge, names: dict[str, list[str]], rng: random.Random
) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Comparisons with one side mistyped or in lower case: the answer must compare both or
    ask, never answer for one side alone."""
    forces = sorted(names)
    for _ in range(200):
        a, b = rng.sample(forces, 2)
        left, right = rng.choice(names[a]), rng.choice(names[b])
        side = rng.choice((0, 1))
        word = (left, right)[side]
        typo = one_typo(word, rng) if len(word) >= 4 else word
        if typo.lower() in knowledge.matcher.table:
            continue
        left, right = (typo, right) if side == 0 else (left, typo)
        if rng.random() < 0.5:
            left, right = left.title(), right.title()
        measure = rng.choice(("recording rate", "grade", "", "unrecorded crimes"))
        yield f"{left}{rng.choice(_LINKS)}{right} {measure}".strip(), (a, b)
