"""Short replies that only make sense after the bot's last answer: a candidate of "which
force?" picked by position ("the second one"), name, country or town; "which is better" after
two forces; "how many is that" after a list; another grade after a filter ("and good?")."""

import re
from collections.abc import Mapping
from typing import Final

from knowledge.query import Query
from knowledge.vocabulary import GRADE_WORDS

_ORDINALS: Final = {
    "first": 0, "1st": 0, "1": 0,
    "second": 1, "2nd": 1, "2": 1, "two": 1,
    "third": 2, "3rd": 2, "3": 2, "three": 2,
    "fourth": 3, "4th": 3, "4": 3, "four": 3,
    "fifth": 4, "5th": 4, "5": 4, "five": 4,
    "last": -1, "final": -1, "bottom": -1, "top": 0,
}  # fmt: skip
# Words that may surround a position ("the second one please", "number 2", "option 1").
_POSITION_FILLER: Final = frozenset(
    """the one number no option choice please pls i mean meant that s it is its thanks
    ta yes yeah ok okay""".split()
)
# "the welsh one" after "which force?": a candidate picked out by its country.
COUNTRY_WORDS: Final = {
    "welsh": "Wales",
    "wales": "Wales",
    "english": "England",
    "england": "England",
}
YES: Final = frozenset({"yes", "yeah", "yep", "y", "correct", "that one", "yes please"})
# "which is better", "who did worse", "so which came out best": the last two forces compared.
_WHICH_BETTER = re.compile(
    r"^(so |and |ok |but |then )?(which|who|whose)( one| of them| of the two| force)?"
    r"( is| was| s| did| does| has| have| came out| comes out| fared| scored| looks| got)?"
    r"( the)? ?(better|worse|best|worst|higher|lower|ahead|behind)\b"
)
# "how many is that", "how many forces is that in total", "how many are there".
_HOW_MANY_THAT = re.compile(
    r"^(and |so |ok )?how many( forces)?( is| are| was| were)? ?(that|those|there|them|they"
    r"|in total|altogether|total)\b"
)
_GRADE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, GRADE_WORDS), key=len, reverse=True)) + r")\b"
)
# "which forces got that?", "who else got it": the grade just explained or listed.
_WHO_GOT_THAT = re.compile(
    r"\b(which|what|how many|any)( other)? forces?( else)?|\bwho( else)?\b|\bwhich others\b"
)
_GOT_THAT = re.compile(
    r"\b(got|get|gets|have|has|had|were|are|was|is|received|achieved|given|rated|graded)"
    r"( given| rated| graded)? (that|this|it|the same)\b"
)


def position(words: list[str], count: int) -> int | None:
    """The index of the candidate a reply picks by position ("the second one", "2", "last")."""
    picks = [_ORDINALS[w] for w in words if w in _ORDINALS]
    rest = [w for w in words if w not in _ORDINALS and w not in _POSITION_FILLER]
    if len(picks) != 1 or rest or not words or len(words) > 5:
        return None
    index = picks[0] if picks[0] >= 0 else count - 1
    return index if index < count else None


def chosen_candidates(
    query: Query,
    candidates: tuple[str, ...],
    words: list[str],
    rows: Mapping[str, Mapping[str, str]],
) -> tuple[str, ...]:
    """The candidates of a "which force?" question that the reply picks out (one, or fewer
    than before, or none): by position, by name or a word of it ("west"), by a town of one, or
    by country ("the welsh one")."""
    if len(query.forces) == 1 and query.forces[0] in candidates:
        return query.forces
    if len(candidates) == 1 and " ".join(words) in YES:
        return candidates
    if not query.forces and (index := position(words, len(candidates))) is not None:
        return (candidates[index],)
    named = set(query.candidates) & set(candidates)
    if len(named) != 1:
        named = {c for c in candidates if set(words) & set(c.lower().split())}
    if len(named) != 1:
        countries = {COUNTRY_WORDS[w] for w in words if w in COUNTRY_WORDS}
        named = {c for c in candidates if rows.get(c, {}).get("country") in countries}
    if len(named) >= len(candidates):
        return ()
    return tuple(c for c in candidates if c in named)


def asks_which_is_better(plain: str) -> bool:
    return bool(_WHICH_BETTER.search(plain)) and len(plain.split()) <= 8


def asks_how_many_that(plain: str) -> bool:
    return bool(_HOW_MANY_THAT.search(plain)) and len(plain.split()) <= 8


def asks_how_many_bare(plain: str) -> bool:
    """ "how many?", "how many forces?": after a list, its count."""
    return plain in ("how many", "and how many", "so how many", "how many forces")


def asks_who_got_that(plain: str) -> bool:
    return bool(_WHO_GOT_THAT.search(plain) and _GOT_THAT.search(plain))


def grade_named(plain: str) -> str | None:
    match = _GRADE.search(plain)
    return GRADE_WORDS[match.group(1)] if match else None
