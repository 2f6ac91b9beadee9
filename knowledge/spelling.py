"""Mend misspelt words with rapidfuzz so that the exact tables can read them: offence, measure
and question words ("robery", "canselled", "recordng") and, typed in lower case, the words of
force names ("durhum", "citty of london"). Words that are already words are left alone: known
names and places, the vocabulary, and ordinary English words (knowledge/guards.py), so "called"
never becomes "cancelled" nor "dates" "rates"."""

from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from knowledge.dictation import spoken_names
from knowledge.guards import ADDRESS_AFTER, CLUB_AFTER, COMMON_WORDS, ORDINARY_WORDS, TITLES_BEFORE
from knowledge.vocabulary import STOPWORDS, VOCABULARY_WORDS

MIN_LENGTH = 5  # shorter words are too easily something else
CUTOFF = 80  # "violance" is 88% "violence", "sexaul" 83% "sexual", "durhum" 83% "durham"
SURE = 85  # a name word mended under this score must have no other name near it
NEIGHBOUR = 65  # ... no other name word this close ("surrex": sussex 67; "durhum": 62)
ONE_TYPO = 1  # ... unless it is one typo from its name (a letter or two swapped letters)
TYPO_REACH = 2  # ... and no one-word name of another force is within two typos
TIE_MARGIN = 3  # a name word this close to another word is not guessed between them
MAX_CACHE = 10_000
# Short forms of a direction, read as the direction before a name ("wst midlands", "nth yorks").
COMPARISON_LINKS = frozenset({"vs", "v", "versus", "against", "or"})
PLACE_GOES_ON = 85  # a place and the next word this close to a longer place: that place
DIRECTION_SHORT = {"wst": "west", "nth": "north", "sth": "south", "est": "east"}


class Speller:
    """Replaces a word that is not known as it is by the word it is closest to."""

    def __init__(
        self,
        names: Iterable[str],
        name_words: Iterable[str] = (),
        places: Iterable[str] = (),
        standalone: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        self.base_known = frozenset(names) | VOCABULARY_WORDS | STOPWORDS | COMMON_WORDS
        self.known = self.base_known | ORDINARY_WORDS | ADDRESS_AFTER | CLUB_AFTER | TITLES_BEFORE
        self.targets = sorted(w for w in VOCABULARY_WORDS if len(w) >= MIN_LENGTH)
        self.name_targets = frozenset(w for w in name_words if len(w) >= 4 and w.isalpha())
        self.all_targets = sorted(set(self.targets) | self.name_targets)
        # One-word names -> forces ("dorset": Dorset Police; "forest" is part of names only).
        self.standalone = dict(standalone or {})
        self.standalone_words = sorted(self.standalone)
        # Names and places a capitalised word may be a misspelling of ("Peston" is Preston,
        # not "person"; "Lowestft" is Lowestoft, not "lowest").
        self.places = sorted(places)
        self.cache: dict[tuple[str, bool], str | None] = {}

    def correct(self, words: list[str]) -> list[str]:
        """The same words, a misspelt vocabulary word replaced by its right spelling."""
        words = spoken_names(words)
        mended = [self._mend_beside(words, index) or word for index, word in enumerate(words)]
        return [
            DIRECTION_SHORT[word.lower()]
            if word.lower() in DIRECTION_SHORT
            and index + 1 < len(mended)
            and mended[index + 1].lower() in self.name_targets
            else word
            for index, word in enumerate(mended)
        ]

    def _mend_beside(self, words: list[str], index: int) -> str | None:
        """A word's mending; beside "vs", "or" and the like, not into a vocabulary word when it
        is at least as close to a name or town ("egham or lowestift" is Lowestoft, not
        "lowest"; "bridlington vs bostom spa" is not "bottom"): that side is a place, and the
        matcher finds it or asks, never answering the other side alone."""
        mended = self._mend(words[index])
        if mended is None or not self.standalone_words:
            return mended
        after = words[index + 1].lower() if index + 1 < len(words) else ""
        if after in ("police", "constabulary") and mended not in self.name_targets:
            return None  # "Readingg police": a place's name, not "grading"
        if self._place_goes_on(words, index, mended):
            return None  # "Waltham orest": Waltham Forest misspelt, not "poorest"
        if mended in self.name_targets:
            return mended
        beside = {w.lower() for w in words[max(0, index - 1) : index + 2 : 2]}
        if index > 0 and words[index - 1].lower() == "the":
            beside.add(words[index - 2].lower() if index > 1 else "")
        if not beside & COMPARISON_LINKS:
            return mended
        lowered = words[index].lower()
        place = process.extractOne(lowered, self.standalone_words, scorer=fuzz.ratio)
        return None if place and place[1] >= fuzz.ratio(lowered, mended) else mended

    def _place_goes_on(self, words: list[str], index: int, mended: str) -> bool:
        """Whether the word beside a one-word place makes, with it, a misspelling of a longer
        place that its mending is no word of ("Waltham orest" is not "poorest", "Eaast Keswick"
        not "least"; "soouth yorks" is "south"): left for the matcher to ask about."""
        if not self.places:
            return False
        word = words[index].lower()
        for at, pair in ((index - 1, "{near} {word}"), (index + 1, "{word} {near}")):
            near = words[at].lower() if 0 <= at < len(words) else ""
            if near not in self.standalone:
                continue
            text = pair.format(near=near, word=word)
            place = process.extractOne(
                text, self.places, scorer=fuzz.ratio, score_cutoff=PLACE_GOES_ON
            )
            if place and len(str(place[0]).split()) == 2 and mended not in str(place[0]).split():
                return True
        return False

    def _mend(self, word: str) -> str | None:
        lowered = word.lower()
        if lowered.endswith("z") and lowered[:-1] + "s" in self.standalone:
            return lowered[:-1] + "s"  # "nottz", "wiltz": a name written with z for s
        if len(lowered) < MIN_LENGTH or not lowered.isalpha() or lowered in self.known:
            return None
        key = (lowered, word.islower())
        if key not in self.cache:
            if len(self.cache) > MAX_CACHE:  # bounded: one odd message cannot grow it for ever
                self.cache.clear()
            mended = self.closest(lowered, names=word.islower())
            if mended and word[:1].isupper() and self._place_as_close(lowered, mended):
                mended = None  # left for the force matcher
            self.cache[key] = mended
        return self.cache[key]

    def closest(self, lowered: str, names: bool) -> str | None:
        """The vocabulary word (or, with `names`, force-name word) this one is a misspelling of;
        None when none is close, or when a name word is as close to another word."""
        choices = self.all_targets if names else self.targets
        scored = process.extract(lowered, choices, scorer=fuzz.ratio, score_cutoff=CUTOFF, limit=2)
        if not scored:
            return None
        best, score, _ = scored[0]
        runner_up = scored[1] if len(scored) > 1 else None
        if best in self.name_targets and runner_up and runner_up[1] >= score - TIE_MARGIN:
            clear = [w for w in (best, runner_up[0]) if self._clear_ahead(lowered, str(w))]
            if len(clear) != 1:
                return None  # "norh" could be north or norfolk: the matcher asks
            best, runner_up = clear[0], None  # "dorest": Dorset, one swap; "forest" names none
        if (
            names
            and best not in self.name_targets
            and runner_up
            and runner_up[0] in self.name_targets
            and runner_up[1] >= score - TIE_MARGIN
        ):
            return None  # "hertd": heard or herts; the matcher asks which force
        if (
            best in self.name_targets
            and score < SURE
            and self._neighbour(lowered, best)
            and not self._clear_ahead(lowered, best, towns_rival=False)
        ):
            return None  # "surrex": Surrey by one letter, Sussex by two; the matcher asks
        if best in self.name_targets and self._rival_as_close(lowered, best):
            return (
                None  # "gantchester": Manchester, but Grantchester is as close; the matcher asks
            )
        if best in self.name_targets:
            # A word as close to an offence or measure word as the cutoff is that word: a
            # misspelt word never becomes a force when it could be vocabulary ("crome").
            vocabulary = process.extractOne(
                lowered, self.targets, scorer=fuzz.ratio, score_cutoff=CUTOFF
            )
            if vocabulary:
                return str(vocabulary[0])
        return str(best)

    def _neighbour(self, lowered: str, best: str) -> bool:
        """Whether another force-name word is near a word mended to `best` under SURE."""
        near = process.extract(
            lowered, self.name_targets, scorer=fuzz.ratio, score_cutoff=NEIGHBOUR, limit=2
        )
        return any(word != best for word, _, _ in near)

    def _clear_ahead(self, lowered: str, best: str, towns_rival: bool = True) -> bool:
        """Whether a word is one typo from the one-word name `best` ("gwnet": Gwent, two letters
        swapped) and no one-word name of another force is within TYPO_REACH ("surrex" is one
        typo from Surrey but two from Sussex: not clear). Without `towns_rival`, a town of the
        gazetteer farther than `best` is no rival ("norht": north, not Porth two typos away)."""
        forces = self.standalone.get(best)
        if not forces or OSA.distance(lowered, best) > ONE_TYPO:
            return False
        near = process.extract(
            lowered,
            self.standalone_words,
            scorer=OSA.distance,
            score_cutoff=TYPO_REACH,
            limit=None,
        )
        reach = OSA.distance(lowered, best)
        return all(
            self.standalone[word] <= forces
            or (not towns_rival and word not in self.name_targets and distance > reach)
            for word, distance, _ in near
        )

    def _rival_as_close(self, lowered: str, best: str) -> bool:
        """Whether a one-word name or town of another force is as few typos away as `best`."""
        forces = self.standalone.get(best)
        if not forces:
            return False
        reach = OSA.distance(lowered, best)
        near = process.extract(
            lowered, self.standalone_words, scorer=OSA.distance, score_cutoff=reach, limit=None
        )
        return any(not self.standalone[word] <= forces for word, _, _ in near)

    def _place_as_close(self, lowered: str, mended: str) -> bool:
        """Whether a capitalised word is at least as close to a place as to its mending."""
        if not self.places:
            return False
        place = process.extractOne(lowered, self.places, scorer=fuzz.ratio)
        return bool(place) and place[1] >= max(fuzz.ratio(lowered, mended), CUTOFF)
