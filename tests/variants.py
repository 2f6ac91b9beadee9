"""Variants of labelled questions that a reader might type instead: other case, one-letter
typos in names and offence words, filler, a leading "and", a preface sentence, ordinary
sentences around a question with no force; and follow-ups of every kind after each turn of a
labelled conversation. Generated with a seeded random generator, so a run is repeatable."""

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

from labelled import Labelled

from knowledge import Knowledge
from knowledge.vocabulary import OFFENCE_WORDS

SEED = 20261121
# Neighbouring keys of a British QWERTY keyboard, for "neighbour key" typos.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
NEIGHBOURS = {
    ch: "".join(row[j] for j in (i - 1, i + 1) if 0 <= j < len(row))
    for row in _ROWS
    for i, ch in enumerate(row)
}
FILLERS = ("pls", "please", "?", "!!", "thanks", "for a story", "asap", "cheers")
OPENERS = ("hi, ", "hello ", "quick one: ", "and ", "so ", "ok so ", "hey - ")
# Prefaces and padding: news-style sentences that name no place, force, offence or measure.
PREFACES = (
    "I'm writing a piece for tomorrow's paper.",
    "Sorry to bother you again.",
    "My editor wants this by five o'clock.",
    "We are putting together a feature on public services.",
    "Quick question for a story I'm working on.",
    "Hope you are well.",
    "The council meeting ran late again last night.",
    "Our readers have been asking about this for weeks.",
    "I have a deadline in an hour.",
    "The minister spoke to reporters outside the building this morning.",
    "Prices in the shops went up again this month.",
    "It was raining when the train finally arrived.",
    "The chief executive resigned after a long row with the board.",
    "A new survey out today says most people trust their neighbours.",
    "I went to the press conference but it was cancelled at the last minute.",
    "The report was published at midnight and nobody had read it.",
    "Several readers wrote in after last week's front page.",
    "Turnout at the local election was the lowest in decades.",
)
SUFFIXES = (
    "Thanks in advance.",
    "Cheers.",
    "Need it for the front page.",
    "Many thanks for your help!",
    "It's for a long read on Sunday.",
)


def one_typo(word: str, rng: random.Random) -> str:
    """The word with one letter dropped, two swapped, one doubled or one a neighbouring key."""
    i = rng.randrange(1, len(word))  # readers seldom mistype the first letter
    kind = rng.choice(("drop", "swap", "double", "neighbour"))
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "swap" and i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "neighbour" and word[i].lower() in NEIGHBOURS:
        return word[:i] + rng.choice(NEIGHBOURS[word[i].lower()]) + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def _typo_words(question: str, knowledge: Knowledge) -> list[str]:
    """Words of the question worth mistyping: words of force names and places, offence words."""
    names = knowledge.matcher.words
    offences = {w for phrase in OFFENCE_WORDS for w in phrase.split()}
    words = re.findall(r"[A-Za-z]{5,}", question)
    return [w for w in words if w.lower() in names or w.lower() in offences]


def question_variants(item: Labelled, knowledge: Knowledge, rng: random.Random) -> Iterator[str]:
    """Ways of typing a labelled question that should mean the same (or ask back)."""
    q = item.question
    if len(q) > 300:
        return
    yield q.lower()
    yield q.upper()
    yield q.title()
    targets = _typo_words(q, knowledge)
    for word in rng.sample(targets, min(2, len(targets))):
        typo = one_typo(word, rng)
        if typo.lower() not in knowledge.matcher.table:  # "Beighton" is a place, not a typo
            yield re.sub(rf"\b{word}\b", typo, q, count=1)
    yield f"{q} {rng.choice(FILLERS)}"
    yield f"{rng.choice(OPENERS)}{q}"
    yield f"{rng.choice(PREFACES)} {q}"
    yield f"{q.rstrip('?')}? {rng.choice(SUFFIXES)}"


def padded_variants(item: Labelled, rng: random.Random) -> Iterator[str]:
    """A question that names no force, between ordinary sentences that name none either."""
    q = item.question
    if len(q) > 300:
        return
    yield f"{rng.choice(PREFACES)} {q}"
    yield f"{q} {rng.choice(PREFACES)}"
    yield " ".join([*rng.sample(PREFACES, 3), q, rng.choice(SUFFIXES)])
    yield f"{rng.choice(OPENERS)}{q} {rng.choice(FILLERS)}"


@dataclass(frozen=True)
class FollowUp:
    """A follow-up to ask after a labelled turn, and what its answer must be about."""

    text: str
    forces: tuple[str, ...] | None = None  # None: not checked
    offence: str | bool | None = False  # False: not checked
    measure: str | bool | None = False
    year: int | bool | None = False
    rank: str | None = None
    also: tuple[str, ...] = ()  # forces the answer may name as well ("X too")
    intent: str | None = None  # None: not checked


MEASURE_TEXTS = {
    "recording_rate": ("recording rate", "crime recording rate"),
    "grade": ("grade", "rating"),
    "unrecorded_per_year": ("unrecorded crimes", "crimes not recorded"),
    "cancelled_incorrect": ("wrongly cancelled", "cancellations"),
}
OFFENCE_TEXTS = {
    "rape": ("rape", "rapes"),
    "robbery": ("robbery", "muggings"),
    "violence": ("violence", "violent crime"),
    "sexual offences": ("sex offences", "sexual offences"),
}
YEARS = (2014, 2016, 2017, 2018, 2019, 2022)
_FORCE_FORMS = (
    "and {}?",
    "what about {}",
    "{}?",
    "how about {} then",
    "same for {}",
    "{} too",
    "and for {}",
    "ok, {}?",
    "what about {} then?",
    "and {} please",
)
_OFFENCE_FORMS = ("and {}?", "what about {}", "{}?", "how about {} then", "and for {}")
_MEASURE_FORMS = (
    "and the {}?",
    "what about {}",
    "{}?",
    "their {}?",
    "what was their {}",
    "and what about the {} there?",
    "how about its {}",
)
_YEAR_FORMS = ("and in {}?", "for {}?", "in {}?", "what about {}", "what was it in {}")
_GRADE_FORMS = (
    "what did they get",
    "their grade?",
    "what grade did they get",
    "and its grade?",
    "how were they graded?",
    "what were they rated",
)
_NATIONAL_FORMS = ("and nationally?", "what about nationally", "and across england and wales?")
_RANK_FORMS = (("the best?", "best"), ("and the worst?", "worst"), ("which is best?", "best"))
_NO_FRAME = frozenset({"help", "glossary", "out_of_scope", "clarify", "whats_new"})


def force_names(knowledge: Knowledge) -> dict[str, list[str]]:
    """Each force's ways of being named that need no capital: short name, nicknames, one-force
    places of at least 5 letters."""
    names: dict[str, list[str]] = {
        f: [row["short_name"].lower()] for f, row in knowledge.store.forces.items()
    }
    forces_of: dict[str, set[str]] = {}
    for row in knowledge.store.aliases:
        forces_of.setdefault(str(row["alias"]), set()).add(str(row["force"]))
    for row in knowledge.store.aliases:
        alias, kind = str(row["alias"]), str(row["kind"])
        if kind == "nickname" and row["needs_capital"] and len(forces_of[alias]) == 1:
            names[str(row["force"])].append(alias)  # "and beds?": lower case after "and"
        if row["needs_capital"] or kind not in ("nickname", "place", "town"):
            continue
        if len(forces_of[alias]) == 1 and len(alias) >= 5:
            names[str(row["force"])].append(alias)
    return names


def follow_ups(
    turn: Labelled, knowledge: Knowledge, names: dict[str, list[str]], rng: random.Random
) -> Iterator[FollowUp]:
    """Follow-ups to ask after a turn labelled `turn`, with what each must be about."""
    if turn.intent in _NO_FRAME:
        return
    pairs = knowledge.offence_measures
    if turn.forces or turn.intent in ("offence_overview", "rank", "national"):
        for form in rng.sample(_FORCE_FORMS, 4):
            force = rng.choice(sorted(set(names) - set(turn.forces)))
            name = rng.choice(names[force])
            also = turn.forces if form.endswith("too") else ()
            offence = (
                turn.offence
                if turn.offence and turn.measure and (turn.offence, turn.measure) in pairs
                else False
            )
            measure = turn.measure or False
            yield FollowUp(form.format(name), (force,), offence, measure, False, also=also)
    if turn.measure in MEASURE_TEXTS:
        for form in rng.sample(_OFFENCE_FORMS, 2):
            choices = [
                o for o in OFFENCE_TEXTS if o != turn.offence and (o, turn.measure) in pairs
            ]
            if not choices:
                break
            offence = rng.choice(choices)
            text = form.format(rng.choice(OFFENCE_TEXTS[offence]))
            yield FollowUp(text, turn.forces if turn.forces else (), offence, turn.measure)
    if turn.forces:
        for form in rng.sample(_MEASURE_FORMS, 2):
            measure = rng.choice([m for m in MEASURE_TEXTS if m != turn.measure])
            text = form.format(rng.choice(MEASURE_TEXTS[measure]))
            yield FollowUp(text, turn.forces, False, measure)
        for form in rng.sample(_GRADE_FORMS, 1):
            yield FollowUp(form, turn.forces, False, "grade")
    if turn.forces and turn.measure:
        for form in rng.sample(_YEAR_FORMS, 2):
            year = rng.choice([y for y in YEARS if y != turn.year])
            yield FollowUp(form.format(year), turn.forces, turn.offence, turn.measure, year)
    if turn.forces and turn.measure in (
        "recording_rate",
        "cancelled_incorrect",
        "unrecorded_per_year",
    ):
        yield FollowUp(rng.choice(_NATIONAL_FORMS), ())
    if turn.intent == "rank":
        text, direction = rng.choice(_RANK_FORMS)
        yield FollowUp(text, (), False, turn.measure, False, rank=direction)
