"""Find the forces a question names: the alias and place tables first, then rapidfuzz on word
groups, never on ordinary words, and never where the words around a place make it something
other than the police (a fire service, a newspaper, a football club)."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils

from knowledge.guards import (
    ABROAD_AFTER,
    ABROAD_PHRASES,
    ADDRESS_AFTER,
    CLUB_AFTER,
    COMMON_WORDS,
    FOOTBALL_AFTER,
    MONTH_PLACES,
    NEWSPAPER_AFTER,
    NEWSPAPER_BRIDGE,
    NOT_POLICE_AFTER,
    ORDINARY_WORDS,
    TITLES_BEFORE,
)
from knowledge.vocabulary import NATIONAL, OUT_OF_SCOPE_PLACES, STOPWORDS, VOCABULARY_WORDS

MATCH_CUTOFF = 85  # a word group this close to a force name or place is that force
SUGGEST_CUTOFF = 78  # closer than this but under MATCH_CUTOFF: "did you mean", never an answer
TIE_MARGIN = 3  # two different forces within this many points: ask which
TOWN_FUZZY_LENGTH = 8  # gazetteer towns are fuzzy-matched only from this many letters
MAX_TOKENS = 2000
MAX_CACHE = 10_000
MAX_TOKEN_LENGTH = 40
FOCUS_WORDS = 60  # a longer message is fuzzy-matched only near the words that mean something
FOCUS_RADIUS = 6
ELSEWHERE = "elsewhere"  # the alias kind of places outside England and Wales
_WORD = re.compile(r"[^\W_]+")
PLACE_BEFORE = frozenset({"in", "near", "around", "from", "at", "outside", "covering"})
FORCE_AFTER = frozenset({"police", "constabulary", "force", "forces", "area", "cops", "policing"})
LINKS = frozenset({"vs", "versus", "v", "and", "or", "with", "against", "compare", "than", "the"})
# A nickname that is also a word (met, beds, city police) after these is meant as a force
# ("what about beds", "same for met").
NICKNAME_BEFORE = LINKS | {"about", "for"}
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
INITIALS = frozenset({"n", "s", "e", "w"})  # of north, south, east, west
SPAN_LINKS = frozenset(
    {"of", "upon", "on", "st", "the", "le", "in", "by", "sea", "and", "de", "y"}
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


@dataclass
class ForceMatch:
    """The forces a question names, in order, and what it could mean where it is unclear."""

    forces: list[str] = field(default_factory=list)
    ambiguous: list[list[str]] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)
    not_police: list[str] = field(default_factory=list)  # "a fire and rescue service", ...
    national: bool = False
    lost_side: bool = False  # "Hers v Beds": a side of a comparison that names no force
    guesses: list[str] = field(default_factory=list)  # "Brighton (Sussex Police)": asked about

    def add_force(self, force: str) -> None:
        if force not in self.forces:
            self.forces.append(force)


class ForceMatcher:
    """Matches question words against names, short names, nicknames, places and towns."""

    def __init__(
        self,
        forces: dict[str, dict[str, str]],
        aliases: Iterable[dict[str, object]],
        elsewhere: Iterable[str] = (),
    ) -> None:
        self.table: dict[str, list[AliasEntry]] = {}
        for name, force in forces.items():
            short = force["short_name"]
            for alias in (name, short, f"{short} police", f"{short} constabulary"):
                self._add(alias, AliasEntry(name, "name", False))
        for row in aliases:
            entry = AliasEntry(str(row["force"]), str(row["kind"]), bool(row["needs_capital"]))
            self._add(str(row["alias"]), entry)
        for place in (*OUT_OF_SCOPE_PLACES, *elsewhere):
            if _key(place) not in self.table:  # a name used in England and Wales too is theirs
                self._add(place, AliasEntry(place, ELSEWHERE, False))
        for national in (NATIONAL, "england & wales", "england wales"):
            self._add(national, AliasEntry(NATIONAL, "national", False))
        self._cache: dict[tuple[str, bool], list[tuple[str, float, int]]] = {}
        self.longest = max(len(alias.split()) for alias in self.table)
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
        # Every name and place, for the rare "did you mean" of a comparison's unknown side.
        self.side_choices = [
            alias
            for alias, entries in self.table.items()
            if all(e.kind in ("name", "nickname", "place", "town") for e in entries)
        ]
        self.fuzzy_choices = [
            alias for alias, entries in self.table.items() if _fuzzy_ok(alias, entries)
        ]
        # A capitalised misspelling may also be a name that needs its capital ("Staaffs").
        fuzzy = set(self.fuzzy_choices)  # a set: a list here cost ~50 ms at every start
        self.capital_choices = self.fuzzy_choices + [
            alias
            for alias, entries in self.table.items()
            if _fuzzy_ok(alias, entries, capital=True) and alias not in fuzzy
        ]
        # rapidfuzz's processor, applied to the choices once here rather than at every match
        self._processed = {
            capital: [utils.default_process(alias) for alias in choices]
            for capital, choices in ((False, self.fuzzy_choices), (True, self.capital_choices))
        }

    def _add(self, alias: str, entry: AliasEntry) -> None:
        entries = self.table.setdefault(_key(alias), [])
        if entry not in entries:
            entries.append(entry)

    def match(self, words: list[str], starts: Iterable[int] = (0,)) -> ForceMatch:
        """Exact aliases (longest first), then fuzzy word groups, then ambiguous partial names.
        `starts` are the indices of the words that begin a sentence."""
        lowered = [w.lower() for w in words]
        if _capitalised_throughout(words):  # "IN THE BATH, KENT GRADE?": capitals say nothing
            words = lowered
        used = [False] * len(words)
        begins = _question_starts(lowered, starts)
        hits = self._exact(words, lowered, used, partial=False, begins=begins)
        hits = [h for h in hits if not _ordinary_word(lowered, h)]
        used = [False] * len(words)
        for hit in hits:
            used[hit.start : hit.start + hit.length] = [True] * hit.length
        fuzzy_hits, suggestions = self._fuzzy(words, lowered, used, _focus(lowered, used), hits)
        hits = [h for h in hits if not any(_inside(h, f) for f in fuzzy_hits)]
        hits += fuzzy_hits + self._exact(words, lowered, used, partial=True, begins=begins)
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
        dropped: set[int] = set()
        clubs = _clubs_beside_a_force(lowered, ordered)
        persons = _given_way(ordered, _surnames(words, lowered, ordered, self.table))
        for index in reversed(range(len(ordered))):
            hit = ordered[index]
            other = (
                _not_police(lowered, hit.start + hit.length)
                or _other_use(lowered, hit)
                or ("a football club" if index in clubs else None)
                or ("a person" if index in persons else None)
            )
            follows = (
                index + 1 in dropped and ordered[index + 1].start <= hit.start + hit.length + 1
            )
            if (other or follows) and not {e.kind for e in hit.entries} & {ELSEWHERE, "national"}:
                dropped.add(index)  # "Devon and Somerset Fire and Rescue": both places go
                result.not_police.insert(0, other or result.not_police[0])
        kept = [hit for index, hit in enumerate(ordered) if index not in dropped]
        for hit in kept:
            if _doubtful(hit, kept):
                _ask_about(hit, lowered, result)
            else:
                _classify(hit.entries, result)
        result.suggestions = [f for f in result.suggestions if f not in result.forces]
        if ABROAD in result.not_police and not result.forces and not result.ambiguous:
            result.elsewhere.append(ABROAD)  # "Boston, Massachusetts": out of scope, said so
        result.not_police = [r for r in result.not_police if r not in (ABROAD, DATE, DIRECTION)]
        # "the north east ... Cleveland", "London and the Met": the force named is the one meant.
        result.ambiguous = [g for g in result.ambiguous if not set(g) & set(result.forces)]
        if not result.forces and not result.ambiguous and not result.guesses:
            result.suggestions = suggestions
        side = _lost_side(words, lowered, hits)
        if side is not None and len(result.forces) < 2 and not result.ambiguous:
            text = lowered[side]
            guesses = process.extract(
                text, self.side_choices, scorer=fuzz.ratio, limit=4, score_cutoff=60
            )
            forces = {e.force for alias, _, _ in guesses for e in self.table[alias]}
            result.suggestions = sorted(forces - set(result.forces))
            result.lost_side = bool(result.suggestions)
        return result

    def _exact(
        self,
        words: list[str],
        lowered: list[str],
        used: list[bool],
        partial: bool,
        begins: frozenset[int] = frozenset({0}),
    ) -> list[Hit]:
        hits: list[Hit] = []
        i = 0
        while i < len(words):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                if any(used[i : i + n]):
                    continue
                entries = self.table.get(" ".join(lowered[i : i + n]))
                if not entries or (any(e.kind == "partial" for e in entries) != partial):
                    continue
                weak = False
                if all(e.needs_capital for e in entries):
                    nickname = entries[0].kind == "nickname"
                    if not _in_context(words, lowered, i, n, nickname, begins):
                        continue
                    weak = i in begins and not _in_context(
                        lowered, lowered, i, n, nickname, begins
                    )
                hits.append(Hit(i, n, tuple(entries), weak))
                used[i : i + n] = [True] * n
                i += n - 1
                break
            i += 1
        return hits

    def _fuzzy(
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
                i in covered and not _inside(covered[i], Hit(start, n, ()))
                for i in range(start, start + n)
            ):
                continue
            text = " ".join(lowered[start : start + n])
            scored = self._scored(text, words[start][:1].isupper())
            if not scored:
                continue
            best = scored[0][1]
            close = {
                e.force
                for alias, score, _ in scored
                if score >= best - TIE_MARGIN
                for e in self.table[alias]
            }
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

    def _scored(self, text: str, capital: bool) -> list[tuple[str, float, int]]:
        """The names and places closest to a word group (cached: readers repeat themselves)."""
        key = (text, capital)
        if key not in self._cache:
            if len(self._cache) > MAX_CACHE:  # bounded: odd messages cannot grow it for ever
                self._cache.clear()
            choices = self.capital_choices if capital else self.fuzzy_choices
            found = process.extract(
                utils.default_process(text),
                self._processed[capital],
                scorer=fuzz.ratio,
                processor=None,
                limit=6,
                score_cutoff=SUGGEST_CUTOFF,
            )
            self._cache[key] = [(choices[i], score, i) for _, score, i in found]
        return self._cache[key]

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
            return not edge and not used[i] and lowered[i] in SPAN_LINKS

        spans = []
        for start in range(len(lowered)):
            for n in range(1, 5):
                end = start + n
                if end > len(lowered):
                    break
                inner = range(start + 1, end - 1)
                if (
                    any(unknown(i) or initial(i) for i in range(start, end))
                    and part(start, True)
                    and part(end - 1, True)
                    and all(part(i, False) for i in inner)
                ):
                    spans.append((start, n))
        return spans


def _key(alias: str) -> str:
    return " ".join(utils.default_process(alias).split())


def _fuzzy_ok(alias: str, entries: list[AliasEntry], capital: bool = False) -> bool:
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


def _focus(lowered: list[str], used: list[bool]) -> set[int]:
    """Every word of a short message; in a long one, the words near a known name or term."""
    if len(lowered) <= FOCUS_WORDS:
        return set(range(len(lowered)))
    anchors = [i for i, w in enumerate(lowered) if used[i] or w in VOCABULARY_WORDS]
    anchors = anchors or [len(lowered) - 1]
    return {j for a in anchors for j in range(a - FOCUS_RADIUS, a + FOCUS_RADIUS + 1)}


def _in_context(
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
    return nickname and (i in begins or before in NICKNAME_BEFORE or after in LINKS)


def _question_starts(lowered: list[str], starts: Iterable[int]) -> frozenset[int]:
    """The first word of each sentence, and the first word after openers ("hi, so met ...")."""
    begins = set()
    for start in starts:
        i = start
        while i < len(lowered) - 1 and lowered[i] in OPENING_WORDS:
            i += 1
        begins.update({start, i})
    return frozenset(begins)


def _capitalised_throughout(words: list[str]) -> bool:
    """A message in capitals or Title Case, where a capital does not mark a name."""
    alpha = [w for w in words if w.isalpha()]
    return len(alpha) >= 3 and sum(w[0].isupper() for w in alpha) >= 0.8 * len(alpha)


def _ordinary_word(lowered: list[str], hit: Hit) -> bool:
    """ "Hope you are well": a place that is also an English word, followed by a pronoun or an
    article and not after "in"/"near", is that word, capitalised or not."""
    if not all(e.needs_capital for e in hit.entries):
        return False
    end = hit.start + hit.length
    before = lowered[hit.start - 1] if hit.start else ""
    return end < len(lowered) and lowered[end] in NOT_A_PLACE_NEXT and before not in PLACE_BEFORE


def _inside(hit: Hit, outer: Hit) -> bool:
    return outer.start <= hit.start and hit.start + hit.length <= outer.start + outer.length


def _linked(lowered: list[str], end: int) -> bool:
    """ "Bath vs Kent": a place compared with another is meant as a place."""
    return end < len(lowered) and lowered[end] in LINKS - {"the"}


def _not_police(lowered: list[str], end: int) -> str | None:
    """What the words right after a place make it, when that is not its police force."""
    rest = lowered[end : end + 4]
    if rest[:1] and rest[0] in ("county", "city", "borough", "town"):
        if rest[0] != "borough" and rest[1:2] and rest[1] in FOOTBALL_AFTER:
            return "a football club"  # "Hull City result"
        rest = rest[1:]
    for length in (3, 2, 1):
        phrase = " ".join(rest[:length])
        if len(rest) >= length and phrase in NOT_POLICE_AFTER:
            return NOT_POLICE_AFTER[phrase]
    bridged = bool(rest) and rest[0] in NEWSPAPER_BRIDGE
    word = rest[1] if bridged and len(rest) > 1 else (rest[0] if rest else "")
    if word in NEWSPAPER_AFTER or (bridged and word == "news"):
        return "a newspaper"
    return None


SIDE_LINKS = frozenset({"vs", "v", "versus", "against", "or"})


def _lost_side(words: list[str], lowered: list[str], hits: list[Hit]) -> int | None:
    """The index of a word beside "vs"/"or" that names no force when the other side does
    ("Hers v Beds", "herts vs bedz"): a comparison that would silently lose a side."""
    covered = {i for h in hits for i in range(h.start, h.start + h.length)}
    for j, word in enumerate(lowered):
        if word not in SIDE_LINKS or j == 0 or j + 1 >= len(lowered):
            continue
        right = j + 2 if lowered[j + 1] == "the" and j + 2 < len(lowered) else j + 1
        left_known, right_known = j - 1 in covered, right in covered
        if left_known == right_known:
            continue
        side = right if left_known else j - 1
        other = lowered[side]
        if (
            other.isalpha()
            and len(other) >= 3
            and other not in VOCABULARY_WORDS
            and (other not in STOPWORDS or words[side][:1].isupper())
        ):
            return side
    return None


ABROAD = "a place outside England and Wales"
DATE = "a date"
DIRECTION = "a direction"
DIRECTION_BEFORE = frozenset({"up", "down", "out", "back", "over"})
CLUB_WORDS = frozenset({"county", "city", "town"})


def _clubs_beside_a_force(lowered: list[str], hits: list[Hit]) -> set[int]:
    """ "watching derby county, meanwhile how is nottinghamshire rated": a town followed by
    County, City or Town is its football club when the message names another force."""
    clubs = {
        index
        for index, hit in enumerate(hits)
        if lowered[hit.start + hit.length : hit.start + hit.length + 1]
        in ([w] for w in CLUB_WORDS)
        and all(e.kind in ("place", "town") for e in hit.entries)
    }
    return _given_way(hits, clubs)


def _surnames(
    words: list[str], lowered: list[str], hits: list[Hit], table: dict[str, list[AliasEntry]]
) -> set[int]:
    """ "Sarah Lincoln asked about Kent": a capitalised place right after a capitalised word
    that is no known word, name or place (a first name) is a person's surname."""
    found = set()
    for index, hit in enumerate(hits):
        before = hit.start - 1
        if (
            before >= 0
            and hit.length == 1
            and words[before][:1].isupper()
            and words[hit.start][:1].isupper()
            and lowered[before].isalpha()
            and lowered[before] not in table
            and lowered[before] not in VOCABULARY_WORDS
            and lowered[before] not in STOPWORDS
            and lowered[before] not in COMMON_WORDS
            and lowered[before] not in ORDINARY_WORDS
            and all(e.kind in ("place", "town") for e in hit.entries)
        ):
            found.add(index)
    return found


def _given_way(hits: list[Hit], indices: set[int]) -> set[int]:
    """Those of `indices` whose hits give way because the message names another force."""
    others = {
        e.force
        for index, hit in enumerate(hits)
        if index not in indices
        for e in hit.entries
        if e.kind not in (ELSEWHERE, "national")
    }
    mine = {e.force for index in indices for e in hits[index].entries}
    return indices if others - mine else set()


def _other_use(lowered: list[str], hit: Hit) -> str | None:
    """What the words around a place make it besides its police force: a street ("Oxford
    Road"), a football club ("the Everton game"), a person ("Mr Bolton"), a date ("March
    2019"), or a town abroad ("Boston, Massachusetts")."""
    end = hit.start + hit.length
    after, before = lowered[end : end + 3], lowered[hit.start - 1] if hit.start else ""
    if {e.kind for e in hit.entries} & {ELSEWHERE, "national"}:
        return None
    text = " ".join(lowered[hit.start : end])
    if (after[:1] and after[0] in ADDRESS_AFTER) or (
        text in ADDRESS_AFTER and before and before not in PLACE_BEFORE
    ):  # "Derby Street": neither Derby nor Street (a town in Somerset) is meant
        return "a street address"
    if after[:1] and after[0] in CLUB_AFTER:
        return "a football club"
    if before in TITLES_BEFORE:
        return "a person"
    if before in DIRECTION_BEFORE and all(e.kind == "partial" for e in hit.entries):
        return DIRECTION  # "my mate out west", "I moved down south"
    if text in MONTH_PLACES and (before.isdigit() or (after[:1] and after[0].isdigit())):
        return DATE
    if f"{before} {text}" in ABROAD_PHRASES:  # "Manchester, New Hampshire"
        return ABROAD
    if (after[:1] and after[0] in ABROAD_AFTER) or any(
        " ".join(after[:n]) in ABROAD_PHRASES for n in (2, 3)
    ):
        return ABROAD
    return None


EXACT_LOOKING = 95  # a fuzzy gazetteer town under this score is asked about, never answered
PLACE_KINDS = frozenset({"place", "town"})


def _doubtful(hit: Hit, kept: list[Hit]) -> bool:
    """A misspelt town that may be another real town ("breighron": Brighton or Breighton):
    asked about inside a comparison, and anywhere under an exact-looking score."""
    kinds = {e.kind for e in hit.entries}
    if hit.score >= 100 or not kinds <= PLACE_KINDS:
        return False
    if kinds == {"town"} and hit.score < EXACT_LOOKING:
        return True  # a curated place ("Manchster") is well known enough to be answered
    named = {e.force for other in kept for e in other.entries if other is not hit}
    return bool(named - {e.force for e in hit.entries})


def _ask_about(hit: Hit, lowered: list[str], result: ForceMatch) -> None:
    """ "Did you mean Brighton (Sussex Police)?" instead of an answer for a guessed town."""
    forces = sorted({e.force for e in hit.entries})
    result.suggestions.extend(f for f in forces if f not in result.suggestions)
    result.guesses.append(f"{_place_title(hit.alias)} ({' or '.join(forces)})")
    result.lost_side = True


def _place_title(alias: str) -> str:
    """ "st leonards on sea" as a reader writes it: St Leonards on Sea."""
    small = {"on", "upon", "in", "by", "the", "le", "de", "y", "and", "of"}
    words = alias.split()
    return " ".join(w if i and w in small else w.capitalize() for i, w in enumerate(words))


def _classify(entries: tuple[AliasEntry, ...], result: ForceMatch) -> None:
    kinds = {e.kind for e in entries}
    if ELSEWHERE in kinds:
        result.elsewhere.append(entries[0].force)
    elif "national" in kinds:
        result.national = True
    elif len({e.force for e in entries}) > 1 or "partial" in kinds:
        result.ambiguous.append(sorted({e.force for e in entries}))
    else:
        result.add_force(entries[0].force)
