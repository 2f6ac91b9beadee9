"""Mend misspelt offence, measure and question words ("robery", "canselled", "recordng") with
rapidfuzz, so that the exact vocabulary can read them; ordinary words and names are left alone."""

from collections.abc import Iterable

from rapidfuzz import fuzz, process

from knowledge.guards import COMMON_WORDS
from knowledge.vocabulary import STOPWORDS, VOCABULARY_WORDS

MIN_LENGTH = 5  # shorter words are too easily something else
CUTOFF = 80  # "violance" is 88% "violence", "sexaul" 83% "sexual"


class Speller:
    """Replaces a word that is not known as it is by the vocabulary word it is closest to."""

    def __init__(self, names: Iterable[str]) -> None:
        self.known = frozenset(names) | VOCABULARY_WORDS | STOPWORDS | COMMON_WORDS
        self.targets = sorted(w for w in VOCABULARY_WORDS if len(w) >= MIN_LENGTH)
        self.cache: dict[str, str | None] = {}

    def correct(self, words: list[str]) -> list[str]:
        """The same words, a misspelt vocabulary word replaced by its right spelling."""
        return [self._mend(word) or word for word in words]

    def _mend(self, word: str) -> str | None:
        lowered = word.lower()
        if len(lowered) < MIN_LENGTH or not lowered.isalpha() or lowered in self.known:
            return None
        if lowered not in self.cache:
            if len(self.cache) > 10_000:  # bounded: one odd message cannot grow it for ever
                self.cache.clear()
            best = process.extractOne(
                lowered, self.targets, scorer=fuzz.ratio, score_cutoff=CUTOFF
            )
            self.cache[lowered] = best[0] if best else None
        return self.cache[lowered]
