"""Which sentence of a message asks the question.

A reader may wrap one question in a page of news about their day ("...the train has stopped
again. Anyway: what's the recording rate for violent crime in north wales? Thanks ever so
much..."). The sentence that asks is the one with the most words of the findings vocabulary, a
question mark and a question word; the parser reads it alone first, so a force or a year
mentioned in passing elsewhere never becomes part of the question.
"""

import re
from collections.abc import Iterable
from typing import Final

from knowledge.vocabulary import (
    GLOSSARY_TERMS,
    GRADE_WORDS,
    MEASURE_WORDS,
    NATIONAL_PHRASES,
    OFFENCE_WORDS,
    RANK_WORDS,
)

# A sentence ends at . ! ? ; or : followed by a space ("87.2%" and "2015-16" stay whole).
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\s+-+\s+")  # " - " too: "Tom asked - ..."
QUESTION_STARTS: Final = frozenset(
    """what what's whats which how has have is are does do did was were can could who where
    why when tell show give""".split()
)
MAX_SENTENCES = 200  # a message of more is read whole (the matcher's own focus applies)


_WORD_RUN = re.compile(r"\w+")


def _pattern(words: Iterable[str]) -> tuple[re.Pattern[str], frozenset[str] | None]:
    """A kind's pattern, and the words its phrases begin with: a match of a phrase that begins
    with a word starts at a word of the sentence equal to the phrase's first word, so a
    sentence with none of them is not searched (None: a phrase that begins otherwise)."""
    ordered = sorted(words, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in ordered) + r")\b")
    firsts = [_WORD_RUN.match(w) for w in ordered]
    if not all(first and first.start() == 0 for first in firsts):
        return pattern, None
    return pattern, frozenset(first.group() for first in firsts if first)


# One pattern per kind of slot: a sentence scores a point for each kind it names.
_SLOT_KINDS: Final = tuple(
    _pattern(table)
    for table in (
        OFFENCE_WORDS,
        MEASURE_WORDS,
        NATIONAL_PHRASES,
        RANK_WORDS,
        GLOSSARY_TERMS,
        GRADE_WORDS,
    )
)


def split_sentences(clean: str) -> list[str]:
    """The sentences of a normalised message, in order (the whole message if it is one)."""
    parts = [p for p in _SENTENCE_END.split(clean) if p.strip()]
    return parts if 1 < len(parts) <= MAX_SENTENCES else [clean]


def asking_score(sentence: str, plain: str) -> int:
    """How much a sentence looks like the question: one point a kind of slot it names, two for
    a question mark, one for starting with a question word."""
    words = frozenset(_WORD_RUN.findall(plain))
    score = sum(
        1
        for kind, firsts in _SLOT_KINDS
        if (firsts is None or not words.isdisjoint(firsts)) and kind.search(plain)
    )
    if not score:
        return 0
    first = plain.split(" ", 1)[0]
    return score + 2 * sentence.rstrip().endswith("?") + (first in QUESTION_STARTS)


def asking_sentence(sentences: list[str], plains: list[str]) -> int | None:
    """The index of the sentence that asks (the first of the best), or None when none does."""
    scores = [asking_score(s, p) for s, p in zip(sentences, plains, strict=True)]
    best = max(scores, default=0)
    return scores.index(best) if best else None
