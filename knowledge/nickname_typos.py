"""A short force name or nickname mistyped by one letter ("wits grade", "hers violence
recorded", "what have you got on cams", "tvp and hats grades"), and a place that is an English
word too, misspelt or in lower case where the question is plainly about it ("Readig police
grade", "the grade for rugby please"). Many such words are words (hers, hats, gent, reading), so
one is never answered for: where the words around it make it a force question it is asked
about ("did you mean Wiltshire Police?"), never dropped in silence."""

from collections.abc import Mapping

from rapidfuzz.distance import OSA

from knowledge.force_names import AliasTable
from knowledge.guards import COMMON_WORDS, MONTH_PLACES
from knowledge.vocabulary import STOPWORDS, VOCABULARY_WORDS

_KINDS = frozenset({"name", "nickname"})
_BEFORE = frozenset({"on", "about", "for", "and", "vs", "v", "versus", "or", "with"})
_AFTER_LINKS = frozenset({"and", "vs", "v", "versus", "or", "police"})
_ENDINGS = frozenset({"please", "pls", "thanks", "police"})
_MIN_LENGTH = 4
# a figure's words ("grade", "rape", "recording"), not the small words vocabulary also holds
_FIGURE_WORDS = frozenset(w for w in VOCABULARY_WORDS - STOPWORDS if len(w) >= 4)


def short_names(table: AliasTable) -> dict[str, frozenset[str]]:
    """One-word names and nicknames of 4 letters or more -> their forces."""
    return {
        alias: frozenset(e.force for e in entries)
        for alias, entries in table.items()
        if " " not in alias and len(alias) >= _MIN_LENGTH and {e.kind for e in entries} & _KINDS
    }


def word_places(table: AliasTable) -> dict[str, frozenset[str]]:
    """One-word places that are English words too (reading, rugby, bath) -> their forces: never
    fuzzy-matched, so a misspelling of one ("Readung", "Rygby") is only ever asked about."""
    return {
        alias: frozenset(e.force for e in entries)
        for alias, entries in table.items()
        if " " not in alias
        and len(alias) >= _MIN_LENGTH
        and all(e.needs_capital and e.kind in ("place", "town") for e in entries)
    }


def mistyped_names(
    lowered: list[str],
    covered: set[int],
    begins: frozenset[int],
    names: Mapping[str, frozenset[str]],
) -> list[str]:
    """The forces of the words one typo from a short name, where the question is about a force:
    first in it or after "on", "about", "and", "vs", and before a figure's word, another force,
    a link or the end ("wits grade", "got on cams", "tvp and hats grades")."""
    forces: list[str] = []
    asks_figures = any(w in VOCABULARY_WORDS for w in lowered) or bool(covered)
    for i, word in enumerate(lowered):
        if i in covered or not _may_be_a_name(word, names):
            continue
        before = lowered[i - 1] if i else ""
        after = lowered[i + 1] if i + 1 < len(lowered) else ""
        if not (i in begins or before in _BEFORE):
            continue
        if after and not (after in _FIGURE_WORDS or after in _AFTER_LINKS or i + 1 in covered):
            continue
        if not (asks_figures or before in _BEFORE):
            continue
        near = {f for name, fs in names.items() if OSA.distance(word, name) == 1 for f in fs}
        forces += sorted(near - set(forces))
    return forces


def mistyped_places(
    words: list[str], lowered: list[str], covered: set[int], places: Mapping[str, frozenset[str]]
) -> list[str]:
    """The forces of a place that is also a word, written as a place but misspelt, or in lower
    case after "for"/"in": "Readig police grade", "the grade for rugby please"."""
    forces: list[str] = []
    if not any(w in VOCABULARY_WORDS for w in lowered):
        return forces
    for i, word in enumerate(lowered):
        if i in covered or not word.isalpha() or word in MONTH_PLACES:
            continue
        before = lowered[i - 1] if i else ""
        after = lowered[i + 1] if i + 1 < len(lowered) else ""
        first = i == 0 and after in _FIGURE_WORDS  # "Readung violent crime recording"
        as_place = after == "police" or before in ("for", "in", "about") or first
        if not as_place or not (not after or after in _FIGURE_WORDS or after in _ENDINGS):
            continue
        if word not in places and not words[i][:1].isupper():
            continue  # "readig" in lower case: too far from a place written as one
        reach = 0 if word in places else 1
        near = {f for n, fs in places.items() if OSA.distance(word, n) <= reach for f in fs}
        forces += sorted(near - set(forces))
    return forces


def _may_be_a_name(word: str, names: Mapping[str, frozenset[str]]) -> bool:
    return (
        word.isalpha()
        and len(word) >= _MIN_LENGTH
        and word not in names
        and word not in VOCABULARY_WORDS
        and word not in COMMON_WORDS
        and word not in STOPWORDS
    )
