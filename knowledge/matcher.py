"""Find the forces a question is about: the alias table first, then rapidfuzz on word groups."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils

from knowledge.vocabulary import (
    GLOSSARY_TERMS,
    HELP_PHRASES,
    MEASURE_WORDS,
    NATIONAL,
    NATIONAL_PHRASES,
    OFFENCE_WORDS,
    OUT_OF_SCOPE_PLACES,
    RANK_WORDS,
    STOPWORDS,
)

MATCH_CUTOFF = 85  # a word group this close to a force name or place is that force
SUGGEST_CUTOFF = 78  # closer than this but under MATCH_CUTOFF: "did you mean", never an answer
TIE_MARGIN = 3  # two different forces within this many points: ask which
MAX_TOKENS = 60
MAX_TOKEN_LENGTH = 40
ELSEWHERE = "elsewhere"  # the alias kind of places outside England and Wales
_WORD = re.compile(r"[^\W_]+")
_PHRASES = [
    *OFFENCE_WORDS,
    *MEASURE_WORDS,
    *GLOSSARY_TERMS,
    *HELP_PHRASES,
    *NATIONAL_PHRASES,
    *RANK_WORDS,
]
_VOCABULARY = frozenset(word for phrase in _PHRASES for word in phrase.split())


def tokenize(text: str) -> list[str]:
    """Words of a question in their original case, at most MAX_TOKENS, over-long ones dropped."""
    words = (w for w in _WORD.findall(text) if len(w) <= MAX_TOKEN_LENGTH)
    return [w for _, w in zip(range(MAX_TOKENS), words, strict=False)]


@dataclass(frozen=True)
class AliasEntry:
    force: str
    kind: str
    needs_capital: bool


@dataclass
class ForceMatch:
    """The forces a question names, in order, and what it could mean where it is unclear."""

    forces: list[str] = field(default_factory=list)
    ambiguous: list[list[str]] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)
    national: bool = False

    def add_force(self, force: str) -> None:
        if force not in self.forces:
            self.forces.append(force)


class ForceMatcher:
    """Matches question words against canonical names, short names, nicknames and places."""

    def __init__(self, forces: dict[str, dict[str, str]], aliases: Iterable[dict[str, object]]):
        self.table: dict[str, list[AliasEntry]] = {}
        for name, force in forces.items():
            short = force["short_name"]
            for alias in (name, short, f"{short} police", f"{short} constabulary"):
                self._add(alias, AliasEntry(name, "name", False))
        for row in aliases:
            entry = AliasEntry(str(row["force"]), str(row["kind"]), bool(row["needs_capital"]))
            self._add(str(row["alias"]), entry)
        for place in OUT_OF_SCOPE_PLACES:
            self._add(place, AliasEntry(place, ELSEWHERE, False))
        self._add(NATIONAL, AliasEntry(NATIONAL, "national", False))
        self.longest = max(len(alias.split()) for alias in self.table)
        self.fuzzy_choices = [
            alias
            for alias, entries in self.table.items()
            if len(alias) >= 5
            and all(
                e.kind in ("name", "nickname", "place") and not e.needs_capital for e in entries
            )
        ]

    def _add(self, alias: str, entry: AliasEntry) -> None:
        key = utils.default_process(alias)
        key = " ".join(key.split())
        entries = self.table.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)

    def match(self, words: list[str]) -> ForceMatch:
        """Exact aliases (longest first), then fuzzy word groups, then ambiguous partial names."""
        lowered = [w.lower() for w in words]
        used = [False] * len(words)
        found: list[tuple[int, list[AliasEntry]]] = []
        self._exact(words, lowered, used, found, partial=False)
        fuzzy_hits, suggestions = self._fuzzy(lowered, used)
        found.extend(fuzzy_hits)
        self._exact(words, lowered, used, found, partial=True)
        result = ForceMatch()
        for _, entries in sorted(found, key=lambda hit: hit[0]):
            self._classify(entries, result)
        if not result.forces and not result.ambiguous:
            result.suggestions = suggestions
        return result

    def _exact(
        self,
        words: list[str],
        lowered: list[str],
        used: list[bool],
        found: list[tuple[int, list[AliasEntry]]],
        partial: bool,
    ) -> None:
        i = 0
        while i < len(words):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                if any(used[i : i + n]):
                    continue
                entries = self.table.get(" ".join(lowered[i : i + n]))
                if not entries or (any(e.kind == "partial" for e in entries) != partial):
                    continue
                if all(e.needs_capital for e in entries) and not words[i][:1].isupper():
                    continue
                found.append((i, entries))
                used[i : i + n] = [True] * n
                i += n - 1
                break
            i += 1

    def _fuzzy(
        self, lowered: list[str], used: list[bool]
    ) -> tuple[list[tuple[int, list[AliasEntry]]], list[str]]:
        hits: list[tuple[int, list[AliasEntry]]] = []
        suggestions: list[str] = []
        spans = _candidate_spans(lowered, used)
        for start, n in sorted(spans, key=lambda span: -span[1]):
            if any(used[start : start + n]):
                continue
            phrase = " ".join(lowered[start : start + n])
            scored = process.extract(
                phrase,
                self.fuzzy_choices,
                scorer=fuzz.ratio,
                processor=utils.default_process,
                limit=6,
                score_cutoff=SUGGEST_CUTOFF,
            )
            if not scored:
                continue
            best = scored[0][1]
            close = {
                e.force
                for alias, score, _ in scored
                if score >= best - TIE_MARGIN
                for e in self.table[alias]
            }
            if best >= MATCH_CUTOFF:
                entries = self.table[scored[0][0]]
                if len(close) > 1:
                    entries = [AliasEntry(force, "partial", False) for force in sorted(close)]
                hits.append((start, entries))
                used[start : start + n] = [True] * n
            else:
                suggestions.extend(f for f in sorted(close) if f not in suggestions)
        return hits, suggestions

    @staticmethod
    def _classify(entries: list[AliasEntry], result: ForceMatch) -> None:
        kinds = {e.kind for e in entries}
        if ELSEWHERE in kinds:
            result.elsewhere.append(entries[0].force)
        elif "national" in kinds:
            result.national = True
        elif len({e.force for e in entries}) > 1 or "partial" in kinds:
            result.ambiguous.append(sorted({e.force for e in entries}))
        else:
            result.add_force(entries[0].force)


def _candidate_spans(lowered: list[str], used: list[bool]) -> list[tuple[int, int]]:
    """Word groups of 1-3 unused words that could be a misspelt force or place."""

    def fuzzy_word(i: int) -> bool:
        word = lowered[i]
        return (
            not used[i]
            and word.isalpha()
            and len(word) >= 4
            and word not in STOPWORDS
            and word not in _VOCABULARY
        )

    spans = []
    for start in range(len(lowered)):
        for n in range(1, 4):
            if start + n <= len(lowered) and all(fuzzy_word(i) for i in range(start, start + n)):
                spans.append((start, n))
    return spans
