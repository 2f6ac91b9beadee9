"""Fuzzy matching of misspelt names and places: which word groups of a question could be one
(never ordinary words) and their rapidfuzz scores against the name table (cached)."""

from bisect import bisect_left, bisect_right

from rapidfuzz import fuzz, process, utils

from knowledge.force_names import AliasEntry, AliasTable, Hit, inside
from knowledge.guards import COMMON_WORDS, ORDINARY_WORDS
from knowledge.name_likeness import stem_score, unlike_rest
from knowledge.vocabulary import STOPWORDS, VOCABULARY_WORDS

MATCH_CUTOFF = 85  # a word group this close to a force name or place is that force
SUGGEST_CUTOFF = 78  # closer than this but under MATCH_CUTOFF: "did you mean", never an answer
TIE_MARGIN = 3  # two different forces within this many points: ask which
TOWN_FUZZY_LENGTH = 8  # gazetteer towns are fuzzy-matched only from this many letters
MAX_CACHE = 10_000
FOCUS_WORDS = 60  # a longer message is fuzzy-matched only near the words that mean something
FOCUS_RADIUS = 6
INITIALS = frozenset({"n", "s", "e", "w"})  # of north, south, east, west
SPAN_LINKS = frozenset(
    {"of", "upon", "on", "st", "the", "le", "in", "by", "sea", "and", "de", "y"}
)


class FuzzyNames:
    """The names and places a misspelt word group may be, and the scoring against them."""

    def __init__(self, table: AliasTable) -> None:
        self.table = table
        self._cache: dict[tuple[str, bool], list[tuple[str, float, int]]] = {}
        self._windows: dict[tuple[int, bool], tuple[int, int]] = {}
        # Every name and place, for the rare "did you mean" of a comparison's unknown side.
        self.side_choices = [
            alias
            for alias, entries in table.items()
            if all(e.kind in ("name", "nickname", "place", "town") for e in entries)
        ]
        self.fuzzy_choices = [
            alias for alias, entries in table.items() if fuzzy_ok(alias, entries)
        ]
        # A capitalised misspelling may also be a name that needs its capital ("Staaffs").
        fuzzy = set(self.fuzzy_choices)  # a set: a list here cost ~50 ms at every start
        self.capital_choices = self.fuzzy_choices + [
            alias
            for alias, entries in table.items()
            if fuzzy_ok(alias, entries, capital=True) and alias not in fuzzy
        ]
        # Ordinary words that begin or end a name of several words ("city" of City of London),
        # so that "City of Lonon" is read as one misspelt name.
        self.name_parts = frozenset(
            word
            for alias in self.fuzzy_choices
            if " " in alias and all(e.kind in ("name", "place") for e in table[alias])
            for word in (alias.split()[0], alias.split()[-1])
            if (word in ORDINARY_WORDS or word in COMMON_WORDS) and len(word) >= 4
        )
        self.place_words = _place_words(table)
        # rapidfuzz's processor, applied to the choices once here rather than at every match;
        # ordered by length (and by place among equals), with each one's place and length
        self._by_length: dict[bool, tuple[list[str], list[int]]] = {}
        self._lengths: dict[bool, list[int]] = {}
        for capital, choices in ((False, self.fuzzy_choices), (True, self.capital_choices)):
            processed = [utils.default_process(alias) for alias in choices]
            places = sorted(range(len(processed)), key=lambda place: len(processed[place]))
            self._by_length[capital] = ([processed[p] for p in places], places)
            self._lengths[capital] = [len(processed[p]) for p in places]

    def hits(
        self,
        words: list[str],
        lowered: list[str],
        used: list[bool],
        focus: set[int],
        exact: list[Hit],
    ) -> tuple[list[Hit], list[str]]:
        hits: list[Hit] = []
        suggestions: list[str] = []
        covered = {i: h for h in exact for i in range(h.start, h.start + h.length)}
        for start, n in sorted(
            self._spans(lowered, used, focus, covered, words), key=lambda s: -s[1]
        ):
            if any(used[i] and i not in covered for i in range(start, start + n)):
                continue
            if any(
                i in covered and not inside(covered[i], Hit(start, n, ()))
                for i in range(start, start + n)
            ):
                continue
            text = " ".join(lowered[start : start + n])
            if n == 1 and text in self.place_words:  # "stortford" is no misspelt Stretford
                continue
            scored = self._scored(text, words[start][:1].isupper())
            if not scored:
                continue
            inner = " ".join(lowered[i] for i in range(start, start + n) if i in covered)
            if scored[0][0] == inner or unlike_rest(lowered, start, n, inner, scored[0][0]):
                continue  # "cite gloucestershire": the name matched exactly, and a stray word
            best = scored[0][1]
            close = {
                e.force
                for alias, score, _ in scored
                if score >= best - TIE_MARGIN
                for e in self.table[alias]
            }
            best = min(best, stem_score(text, scored[0][0]))  # "cirby police" not City
            if best >= MATCH_CUTOFF or (
                words[start + n - 1][:1].isupper()
                and self._town_goes_on(scored[0][0], start, n, covered)
            ):
                entries = tuple(self.table[scored[0][0]])
                if len(close) > 1:
                    entries = tuple(AliasEntry(force, "partial", False) for force in sorted(close))
                hits.append(Hit(start, n, entries, score=best, alias=scored[0][0]))
                used[start : start + n] = [True] * n
                for i in range(start, start + n):
                    covered.pop(i, None)
            else:
                suggestions.extend(f for f in sorted(close) if f not in suggestions)
        return hits, suggestions

    def _town_goes_on(self, alias: str, start: int, n: int, covered: dict[int, Hit]) -> bool:
        """ "Bourne Edn": an exact town inside a misspelt longer town (Bourne End) is the longer
        town, asked about ("did you mean"), not the shorter one answered for."""
        entries = self.table[alias]
        return any(i in covered for i in range(start, start + n)) and all(
            e.kind == "town" for e in entries
        )

    def scored(self, text: str, capital: bool) -> list[tuple[str, float, int]]:
        return self._scored(text, capital)

    def _scored(self, text: str, capital: bool) -> list[tuple[str, float, int]]:
        """The names and places closest to a word group (cached: readers repeat themselves)."""
        key = (text, capital)
        if key not in self._cache:
            if len(self._cache) > MAX_CACHE:  # bounded: odd messages cannot grow it for ever
                self._cache.clear()
            choices = self.capital_choices if capital else self.fuzzy_choices
            processed = utils.default_process(text)
            ordered, places = self._by_length[capital]
            low, high = self._window(len(processed), capital)
            found = process.extract(
                processed,
                ordered[low:high],
                scorer=fuzz.ratio,
                processor=None,
                limit=None,
                score_cutoff=SUGGEST_CUTOFF,
            )
            # as extract over every choice would order them: score, then place among all
            best = sorted((-score, places[low + i]) for _, score, i in found)[:6]
            self._cache[key] = [(choices[place], -score, place) for score, place in best]
        return self._cache[key]

    def _window(self, length: int, capital: bool) -> tuple[int, int]:
        """The slice of the choices ordered by length that a text of `length` characters can
        reach SUGGEST_CUTOFF with: fuzz.ratio is at most 100 * (1 - |a - b| / (a + b)) for
        lengths a and b, so the others cannot score (of the ~2,500 names and towns, a long
        word group of a pasted message reaches only a few dozen)."""
        key = (length, capital)
        if key not in self._windows:
            lengths = self._lengths[capital]
            fit = [c for c in range(max(lengths, default=0) + 1) if _may_reach(length, c)]
            if not fit:
                self._windows[key] = (0, 0)
            else:
                self._windows[key] = (
                    bisect_left(lengths, fit[0]),
                    bisect_right(lengths, fit[-1]),
                )
        return self._windows[key]

    def _spans(
        self,
        lowered: list[str],
        used: list[bool],
        focus: set[int],
        covered: dict[int, Hit],
        words: list[str],
    ) -> list[tuple[int, int]]:
        """Word groups of 1-4 words that could be a misspelt force or place: at least one word
        that is no known word; the others unknown too, a link inside a name ("city of lonon"),
        or a name matched exactly inside a longer misspelt one ("Tunbridg Wells", "Bourne Edn")."""

        def unknown(i: int) -> bool:
            word = lowered[i]
            return (
                i in focus
                and not used[i]
                and word.isalpha()
                and (len(word) >= 4 or (i - 1 in covered and words[i][:1].isupper()))
                and word not in STOPWORDS
                and word not in COMMON_WORDS
                and word not in ORDINARY_WORDS
                and word not in VOCABULARY_WORDS
                and word not in self.table
            )

        def initial(i: int) -> bool:  # "S York" for "S Yorks": an initial before a name
            return lowered[i] in INITIALS and not used[i] and i + 1 in covered

        def part(i: int, edge: bool) -> bool:
            if unknown(i) or i in covered or initial(i):
                return True
            if not used[i] and lowered[i] in self.name_parts:  # "City of Lonon"
                return True
            return not edge and not used[i] and lowered[i] in SPAN_LINKS

        # each word's tests once (they depend only on the word's place), not once per span
        places = range(len(lowered))
        odd = [unknown(i) or initial(i) for i in places]
        edge = [part(i, True) for i in places]
        inside = [part(i, False) for i in places]
        spans = []
        for start in places:
            for n in range(1, 5):
                end = start + n
                if end > len(lowered):
                    break
                inner = range(start + 1, end - 1)
                if (
                    any(odd[start:end])
                    and edge[start]
                    and edge[end - 1]
                    and all(inside[i] for i in inner)
                ):
                    spans.append((start, n))
        return spans

    def side_suggestions(self, text: str, cutoff: float = 60) -> set[str]:
        """The forces of the names closest to the unknown side of a comparison."""
        guesses = process.extract(
            text, self.side_choices, scorer=fuzz.ratio, limit=4, score_cutoff=cutoff
        )
        return {e.force for alias, _, _ in guesses for e in self.table[alias]}


def _may_reach(length: int, other: int) -> bool:
    """Whether texts of these lengths can score SUGGEST_CUTOFF (a point of slack for rounding)."""
    total = length + other
    return bool(total) and 100 * (1 - abs(length - other) / total) > SUGGEST_CUTOFF - 1


_PLACE_KINDS = frozenset({"place", "town"})


def _place_words(table: AliasTable) -> frozenset[str]:
    """The words of places of several words that are no name of their own ("stortford" of
    Bishop's Stortford, "coldfield" of Sutton Coldfield): such a word, alone, is a real place's
    word, never a misspelling of another town one letter away (Stretford)."""
    found: set[str] = set()
    for alias, entries in table.items():
        parts = alias.replace("-", " ").split()
        if len(parts) < 2 or not all(e.kind in _PLACE_KINDS for e in entries):
            continue
        for word in parts:
            if (
                len(word) >= 5
                and word.isalpha()
                and word not in table
                and word not in ORDINARY_WORDS
                and word not in COMMON_WORDS
                and word not in STOPWORDS
                and word not in VOCABULARY_WORDS
            ):
                found.add(word)
    return frozenset(found)


def fuzzy_ok(alias: str, entries: list[AliasEntry], capital: bool = False) -> bool:
    """Names, nicknames and curated places from 5 letters; gazetteer towns from 8; names that
    need a capital only for a capitalised word, and never an ordinary word."""
    if any(
        (e.needs_capital and not capital) or e.kind not in ("name", "nickname", "place", "town")
        for e in entries
    ):
        return False
    if capital and alias in ORDINARY_WORDS:
        return False
    minimum = TOWN_FUZZY_LENGTH if all(e.kind == "town" for e in entries) else 5
    return len(alias) >= minimum and alias not in COMMON_WORDS


def focus(lowered: list[str], used: list[bool]) -> set[int]:
    """Every word of a short message; in a long one, the words near a known name or term."""
    if len(lowered) <= FOCUS_WORDS:
        return set(range(len(lowered)))
    anchors = [i for i, w in enumerate(lowered) if used[i] or w in VOCABULARY_WORDS]
    anchors = anchors or [len(lowered) - 1]
    return {j for a in anchors for j in range(a - FOCUS_RADIUS, a + FOCUS_RADIUS + 1)}
