"""The exact name table: every force's names, short names, nicknames, places and towns keyed as
rapidfuzz processes them, and the exact lookup of a question's word groups in it, with the
context rules for a name that is also an English word (Bath, Reading, met)."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import utils

from knowledge.vocabulary import NATIONAL, OUT_OF_SCOPE_PLACES

MAX_TOKENS = 2000
MAX_TOKEN_LENGTH = 40
ELSEWHERE = "elsewhere"  # the alias kind of places outside England and Wales
_WORD = re.compile(r"[^\W_]+")
PLACE_BEFORE = frozenset({"in", "near", "around", "from", "at", "outside", "covering"})
FORCE_AFTER = frozenset({"police", "constabulary", "force", "forces", "area", "cops", "policing"})
LINKS = frozenset({"vs", "versus", "v", "and", "or", "with", "against", "compare", "than", "the"})
# A nickname that is also a word (met, beds, city police) after these is meant as a force
# ("what about beds", "same for met").
NICKNAME_BEFORE = LINKS | {"about", "for"}
# A nickname that is also a word, asked about with a grade word right after it and a question
# word right before it ("did staffs rating change", "is beds grade good"): the force.
_ASKING = frozenset("did does do has have had is was were are what whats s how".split())
_GRADE_AFTER = frozenset("grade grades rating ratings judgement recording".split())
# After a word that starts a sentence, these make it an ordinary word, not a place ("Hope you
# are well", "Reading the report", "March to the town hall").
NOT_A_PLACE_NEXT = frozenset(
    """you we i they he she it the a an this that these those my your our their his her to
    up so if""".split()
)
# Words a reader puts before the question ("hi, met unrecorded", "so beds grade"): the word
# after them starts the question as much as the first word of a sentence does.
OPENING_WORDS = frozenset(
    """hi hello hey and so ok okay right quick one question also then now but yes no""".split()
)


def tokenize(text: str) -> list[str]:
    """Words of a question in their original case, at most MAX_TOKENS, over-long ones dropped."""
    words = (w for w in _WORD.findall(text) if len(w) <= MAX_TOKEN_LENGTH)
    return [w for _, w in zip(range(MAX_TOKENS), words, strict=False)]


@dataclass(frozen=True)
class AliasEntry:
    force: str
    kind: str
    needs_capital: bool


@dataclass(frozen=True)
class Hit:
    start: int
    length: int
    entries: tuple[AliasEntry, ...]
    weak: bool = False  # an ordinary word that is capitalised only because it starts the message
    score: float = 100.0  # under 100: a fuzzy match of a misspelt name or place
    alias: str = ""  # the name or place a fuzzy match found


AliasTable = dict[str, list[AliasEntry]]


def alias_table(
    forces: dict[str, dict[str, str]],
    aliases: Iterable[dict[str, object]],
    elsewhere: Iterable[str] = (),
) -> AliasTable:
    """Every name and place -> its entries: forces' names, the alias rows, places outside
    England and Wales (unless a name in England and Wales too) and the words for both nations."""
    table: AliasTable = {}
    for name, force in forces.items():
        short = force["short_name"]
        for alias in (name, short, f"{short} police", f"{short} constabulary"):
            _add(table, alias, AliasEntry(name, "name", False))
    for row in aliases:
        entry = AliasEntry(str(row["force"]), str(row["kind"]), bool(row["needs_capital"]))
        _add(table, str(row["alias"]), entry)
    for place in (*OUT_OF_SCOPE_PLACES, *elsewhere):
        if alias_key(place) not in table:  # a name used in England and Wales too is theirs
            _add(table, place, AliasEntry(place, ELSEWHERE, False))
    for national in (NATIONAL, "england & wales", "england wales"):
        _add(table, national, AliasEntry(NATIONAL, "national", False))
    return table


def _add(table: AliasTable, alias: str, entry: AliasEntry) -> None:
    entries = table.setdefault(alias_key(alias), [])
    if entry not in entries:
        entries.append(entry)


def longest_from(table: AliasTable) -> dict[str, int]:
    """For each word an alias begins with, the most words of an alias beginning with it: a
    word that begins none (most words of a long message) is looked up no further."""
    longest: dict[str, int] = {}
    for alias in table:
        words = alias.split(" ")
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    return longest


def exact_hits(
    table: AliasTable,
    longest: dict[str, int],
    words: list[str],
    lowered: list[str],
    used: list[bool],
    partial: bool,
    begins: frozenset[int] = frozenset({0}),
) -> list[Hit]:
    """Word groups found in the table, longest first (`longest`: longest_from(table));
    only partial names ("Yorkshire") when `partial`, only whole ones otherwise."""
    hits: list[Hit] = []
    i = 0
    while i < len(words):
        word = lowered[i]
        reach = longest.get(word, 0) if " " not in word else max(longest.values())
        for n in range(min(reach, len(words) - i), 0, -1):
            if any(used[i : i + n]):
                continue
            entries = table.get(" ".join(lowered[i : i + n]))
            if not entries or (any(e.kind == "partial" for e in entries) != partial):
                continue
            weak = False
            if all(e.needs_capital for e in entries):
                nickname = entries[0].kind == "nickname"
                if not in_context(words, lowered, i, n, nickname, begins):
                    continue
                weak = i in begins and not in_context(lowered, lowered, i, n, nickname, begins)
            hits.append(Hit(i, n, tuple(entries), weak))
            used[i : i + n] = [True] * n
            i += n - 1
            break
        i += 1
    return hits


def alias_key(alias: str) -> str:
    return " ".join(utils.default_process(alias).split())


def in_context(
    words: list[str],
    lowered: list[str],
    i: int,
    n: int,
    nickname: bool,
    begins: frozenset[int] = frozenset(),
) -> bool:
    """A name that is also an English word (Bath, Reading, met) counts when it is written as a
    place: capitalised, "in X", "X police"; a nickname also beside another force or first."""
    before = lowered[i - 1] if i else ""
    after = lowered[i + n] if i + n < len(lowered) else ""
    if words[i][:1].isupper() or before in PLACE_BEFORE or after in FORCE_AFTER:
        return True
    asked = before in _ASKING and after in _GRADE_AFTER
    return nickname and (i in begins or before in NICKNAME_BEFORE or after in LINKS or asked)


def question_starts(lowered: list[str], starts: Iterable[int]) -> frozenset[int]:
    """The first word of each sentence, and the first word after openers ("hi, so met ...")."""
    begins = set()
    for start in starts:
        i = start
        while i < len(lowered) - 1 and lowered[i] in OPENING_WORDS:
            i += 1
        begins.update({start, i})
    return frozenset(begins)


def capitalised_throughout(words: list[str]) -> bool:
    """A message in capitals or Title Case, where a capital does not mark a name."""
    alpha = [w for w in words if w.isalpha()]
    return len(alpha) >= 3 and sum(w[0].isupper() for w in alpha) >= 0.8 * len(alpha)


def ordinary_word(lowered: list[str], hit: Hit) -> bool:
    """ "Hope you are well": a place that is also an English word, followed by a pronoun or an
    article and not after "in"/"near", is that word, capitalised or not."""
    if not all(e.needs_capital for e in hit.entries):
        return False
    end = hit.start + hit.length
    before = lowered[hit.start - 1] if hit.start else ""
    return end < len(lowered) and lowered[end] in NOT_A_PLACE_NEXT and before not in PLACE_BEFORE


def inside(hit: Hit, outer: Hit) -> bool:
    return outer.start <= hit.start and hit.start + hit.length <= outer.start + outer.length


def _linked(lowered: list[str], end: int) -> bool:
    """ "Bath vs Kent": a place compared with another is meant as a place."""
    return end < len(lowered) and lowered[end] in LINKS - {"the"}
