"""Find the forces a question names: the alias and place tables first (knowledge.force_names),
then rapidfuzz on word groups, never on ordinary words (knowledge.fuzzy_names), and never where
the words around a place make it something other than the police (knowledge.not_police); what
stays unclear is asked about (knowledge.force_match)."""

from collections.abc import Iterable
from dataclasses import replace
from typing import Final

from knowledge.force_match import ForceMatch, ask_about, classify, doubtful
from knowledge.force_names import (
    Hit,
    alias_table,
    capitalised_throughout,
    exact_hits,
    inside,
    longest_from,
    ordinary_word,
    question_starts,
)
from knowledge.fuzzy_names import FuzzyNames, focus
from knowledge.longer_places import longer_places
from knowledge.lost_sides import lost_side
from knowledge.named_elsewhere import doubtful_new
from knowledge.nickname_typos import mistyped_names, mistyped_places, short_names, word_places
from knowledge.not_police import ABROAD, DATE, DIRECTION, police_hits
from knowledge.vocabulary import STOPWORDS, VOCABULARY_WORDS
from knowledge.writer_aside import without_writers_place

_PLACES = frozenset({"place", "town", "nickname", "name"})
QUESTION_WORDS = VOCABULARY_WORDS | STOPWORDS
AND_CUTOFF = 75  # the score a side beside "and" must reach to be asked about
# after a place that is also a word, these make it the word ("reading the report")
_THE_WORD = frozenset(
    "the a an you your my it its this that these those we they he she i our their his her".split()
)


class ForceMatcher:
    """Matches question words against names, short names, nicknames, places and towns."""

    def __init__(
        self,
        forces: dict[str, dict[str, str]],
        aliases: Iterable[dict[str, object]],
        elsewhere: Iterable[str] = (),
    ) -> None:
        self.table = alias_table(forces, aliases, elsewhere)
        self.longest = longest_from(self.table)  # per first word: most words of an alias
        self.words = frozenset(word for alias in self.table for word in alias.split())
        # Words of names, nicknames and curated places: what a lower-case typo is mended to.
        self.name_words = frozenset(
            word
            for alias, entries in self.table.items()
            if any(
                e.kind in ("name", "nickname", "place") and not e.needs_capital for e in entries
            )
            for word in alias.split()
        )
        # One-word names, nicknames, places and towns -> their forces: what a typo could mean.
        self.standalone = {
            alias: frozenset(e.force for e in entries)
            for alias, entries in self.table.items()
            if " " not in alias
            and any(e.kind in ("name", "nickname", "place", "partial", "town") for e in entries)
        }
        self.short_names = short_names(self.table)  # "wits", "hers": one typo from a name
        self.word_places = word_places(self.table)  # "Readung", "for rugby": asked about
        self.fuzzy = FuzzyNames(self.table)
        self.fuzzy_choices = self.fuzzy.fuzzy_choices
        self.capital_choices = self.fuzzy.capital_choices

    def match(self, words: list[str], starts: Iterable[int] = (0,)) -> ForceMatch:
        """Exact aliases (longest first), then fuzzy word groups, then ambiguous partial names.
        `starts` are the indices of the words that begin a sentence."""
        lowered = [w.lower() for w in words]
        if capitalised_throughout(words):  # "IN THE BATH, KENT GRADE?": capitals say nothing
            words = lowered
        used = [False] * len(words)
        begins = question_starts(lowered, starts)
        hits = exact_hits(self.table, self.longest, words, lowered, used, False, begins)
        hits = [h for h in hits if not ordinary_word(lowered, h)]
        used = [False] * len(words)
        for hit in hits:
            used[hit.start : hit.start + hit.length] = [True] * hit.length
        fuzzy_hits, suggestions = self.fuzzy.hits(words, lowered, used, focus(lowered, used), hits)
        hits = [h for h in hits if not any(inside(h, f) for f in fuzzy_hits)]
        hits += fuzzy_hits + exact_hits(
            self.table, self.longest, words, lowered, used, True, begins
        )
        if any(not hit.weak for hit in hits):  # "March figures for Kent": Kent, not March
            hits = [
                h
                for h in hits
                if not h.weak
                or lowered[h.start + h.length :][:1]
                in (["vs"], ["and"], ["v"], ["versus"], ["or"])
            ]
        result = ForceMatch()
        ordered = sorted(hits, key=lambda h: h.start)
        kept = police_hits(words, lowered, ordered, self.table, result.not_police)
        kept = without_set_aside(lowered, kept)  # "Sussex, not Essex": Sussex
        kept = without_excluded(lowered, kept)  # "Swindon aside, which forces ...": a list
        kept = without_writers_place(lowered, kept)  # "a student at Durham ... Wiltshire"
        new_names = doubtful_new(words, lowered, kept)  # "a new york figure": which York?
        longer = longer_places(self.fuzzy, words, lowered, kept)  # "chester lw street"
        within = {i for h in longer.values() for i in range(h.start, h.start + h.length)}
        result.spans = [(h.start, h.start + h.length) for h in kept]
        for hit in kept:
            if hit.start in within and hit.start not in longer:
                continue  # "avon" of "bideford on avon": part of the longer place asked about
            if hit.start in longer:
                ask_about(longer[hit.start], lowered, result)
            elif hit.start in new_names:
                named = " ".join(lowered[hit.start : hit.start + hit.length])
                ask_about(replace(hit, alias=named), lowered, result)
            elif doubtful(hit, kept):
                ask_about(hit, lowered, result)
            else:
                classify(hit.entries, result)
        result.suggestions = [f for f in result.suggestions if f not in result.forces]
        if ABROAD in result.not_police and not result.forces and not result.ambiguous:
            result.elsewhere.append(ABROAD)  # "Boston, Massachusetts": out of scope, said so
        elif ABROAD in result.not_police and result.forces:
            result.abroad_too = True  # "Hampshire grade New Hampshire": asked, never answered
        result.not_police = [r for r in result.not_police if r not in (ABROAD, DATE, DIRECTION)]
        # "the north east ... Cleveland", "London and the Met": the force named is the one meant.
        result.ambiguous = [g for g in result.ambiguous if not set(g) & set(result.forces)]
        if not result.forces and not result.ambiguous and not result.guesses:
            result.suggestions = suggestions
        if not (result.forces or result.ambiguous or result.guesses or result.not_police):
            self._only_a_lower_case_place(lowered, result)  # "bath", "reading?"
        if not (result.ambiguous or result.guesses or result.not_police or result.elsewhere):
            self._mistyped(words, lowered, kept, begins, result)  # "wits grade", "Readig police"
        side = lost_side(words, lowered, kept)
        if side is not None and len(result.forces) < 2 and not result.ambiguous:
            text, link = side  # beside "and" only a near name: "Kent and Sussec", not "and today"
            forces = self.fuzzy.side_suggestions(text, AND_CUTOFF if link == "and" else 60)
            result.suggestions = sorted(forces - set(result.forces))
            result.lost_side = bool(result.suggestions)
        return result

    def _mistyped(
        self,
        words: list[str],
        lowered: list[str],
        kept: list[Hit],
        begins: frozenset[int],
        result: ForceMatch,
    ) -> None:
        """A short name or a place that is a word, mistyped in a force question: asked about,
        beside any force named."""
        covered = {i for h in kept for i in range(h.start, h.start + h.length)}
        forces = mistyped_names(lowered, covered, begins, self.short_names)
        forces += mistyped_places(words, lowered, covered, self.word_places)
        forces = [f for f in forces if f not in result.forces]
        if forces:
            result.suggestions = [*result.suggestions, *forces]
            result.lost_side = True

    def _only_a_lower_case_place(self, lowered: list[str], result: ForceMatch) -> None:
        """A place written like a word, alone ("bath", "reading?") or with only question words
        ("bath recording rate", "how does reading record crime"): asked about ("did you mean
        Bath (Avon and Somerset Constabulary)?"), neither answered for nor dropped."""
        words = [w for w in lowered if w.isalnum()]
        whole = " ".join(words)
        if whole in self.table:
            places = [(whole, 0)]
        else:
            places = [(w, i) for i, w in enumerate(words) if w in self.table]
            rest = [w for w in words if w not in self.table]
            if len(places) != 1 or not all(w in QUESTION_WORDS for w in rest):
                return
            beside = set(words[max(0, places[0][1] - 1) : places[0][1] + 2]) - {places[0][0]}
            if beside & _THE_WORD:
                return  # "hope you are well", "reading the report", "the deal with": the word
        alias, at = places[0]
        entries = self.table[alias]
        if all(e.needs_capital and e.kind in _PLACES for e in entries):
            ask_about(Hit(at, len(alias.split()), tuple(entries), alias=alias), lowered, result)


# "Sussex, not Essex", "Kent instead of Surrey", "never mind Essex, Kent?": the force after
# these is set aside when another is named; alone ("not Essex?") it is still what is talked of
_SET_ASIDE_BEFORE: Final = ("not", "not the", "instead of", "never mind", "rather than")


def without_set_aside(lowered: list[str], hits: list[Hit]) -> list[Hit]:
    """The hits of the forces asked about, without those a correction sets aside."""

    def set_aside(hit: Hit) -> bool:
        before = lowered[max(0, hit.start - 2) : hit.start]
        return any(before[-len(cue.split()) :] == cue.split() for cue in _SET_ASIDE_BEFORE)

    asked = [h for h in hits if not set_aside(h)]
    forces = {e.force for h in asked for e in h.entries}
    aside = {e.force for h in hits if set_aside(h) for e in h.entries}
    return asked if asked and aside - forces else hits


# "Swindon aside, which forces ...", "apart from Kent, which forces ...": a place left out of a
# list of forces is not the force asked about
_EXCLUDED_BEFORE: Final = ("apart from", "except", "except for", "excluding", "other than", "bar")
_EXCLUDED_AFTER: Final = ("aside", "apart", "excepted", "excluded")


def without_excluded(lowered: list[str], hits: list[Hit]) -> list[Hit]:
    """The hits without a place a question about the forces leaves out of its list."""
    if "forces" not in lowered:
        return hits

    def excluded(hit: Hit) -> bool:
        before = lowered[max(0, hit.start - 2) : hit.start]
        after = lowered[hit.start + hit.length : hit.start + hit.length + 1]
        return (bool(after) and after[0] in _EXCLUDED_AFTER) or any(
            before[-len(cue.split()) :] == cue.split() for cue in _EXCLUDED_BEFORE
        )

    return [h for h in hits if not excluded(h)]
