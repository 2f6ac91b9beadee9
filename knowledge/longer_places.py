"""A place matched exactly that is the start of a longer, misspelt place of another force
("chester lw street": Chester-le-Street, Durham, not Chester, Cheshire; "Wells Net The Sea":
Wells-next-the-Sea, Norfolk, not Wells, Somerset): asked about, never answered for the shorter."""

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from knowledge.force_names import FORCE_AFTER, LINKS, Hit
from knowledge.fuzzy_names import FuzzyNames
from knowledge.guards import COMMON_WORDS, ORDINARY_WORDS
from knowledge.vocabulary import STOPWORDS, VOCABULARY_WORDS

_PLACE_KINDS = frozenset({"name", "nickname", "place", "town", "partial"})
_MORE_WORDS = 3  # a longer place goes on at most this many words after the exact one
# closer than a plain fuzzy match must be: "mappleton then" is not Appleton Thorn (86)
_LONGER_CUTOFF = 90
_SAME_START = 80  # the exact place and the longer one's first words: one typo apart


def longer_places(
    fuzzy: FuzzyNames, words: list[str], lowered: list[str], hits: list[Hit]
) -> dict[int, Hit]:
    """For each exact hit (by its start) beside words that no hit covers and that, with it,
    are a misspelling of a longer place of another force ("chester lw street", "Eaast
    Keswick"): that longer place, to ask about."""
    found: dict[int, Hit] = {}
    for hit in hits:
        if not {e.kind for e in hit.entries} <= _PLACE_KINDS:
            continue
        end = hit.start + hit.length
        after = _free(lowered, range(end, min(end + _MORE_WORDS, len(lowered))))
        before = _free(lowered, range(hit.start - 1, max(hit.start - 3, -1), -1))
        spans = [(hit.start, hit.length + n, 0) for n in range(after, 0, -1)]
        spans += [(hit.start - n, hit.length + n, n) for n in range(before, 0, -1)]
        for start, size, ahead in spans:
            longer = _longer(fuzzy, words, lowered, hit, start, size, ahead)
            if longer is not None:
                found[hit.start] = longer
                break
    return found


def _free(lowered: list[str], indices: range) -> int:
    """How many words from the first of `indices` on may be part of a longer place (another
    place inside it too: "bideford on avon" is Bidford-on-Avon misspelt, not Avon)."""
    count = 0
    for i in indices:
        word = lowered[i]
        vocabulary = word in VOCABULARY_WORDS and len(word) > 3  # not "net" of "Wells Net"
        if vocabulary or word in LINKS - {"the"} or word in FORCE_AFTER:
            break
        if not word.isalpha():
            break
        count += 1
    return count


def _longer(
    fuzzy: FuzzyNames,
    words: list[str],
    lowered: list[str],
    hit: Hit,
    start: int,
    size: int,
    ahead: int,
) -> Hit | None:
    """The longer place of another force that words start..start+size spell, whose words
    where the exact hit stands are close to it ("borough" of "brough green"), or None."""
    forces = {e.force for e in hit.entries}
    shorter = " ".join(lowered[hit.start : hit.start + hit.length])
    text = " ".join(lowered[start : start + size])
    for alias, score, _ in fuzzy.scored(text, words[start][:1].isupper()):
        parts = alias.split()
        if score < _LONGER_CUTOFF or len(parts) != size:
            continue
        there = " ".join(parts[ahead : ahead + hit.length])
        others = {e.force for e in fuzzy.table[alias]} - forces
        added = [i for i in range(size) if not ahead <= i < ahead + hit.length]
        if not all(_may_be(lowered[start + i], parts[i]) for i in added):
            continue  # "about gloucestershire" is not South Gloucestershire
        if others and fuzz.ratio(there, shorter) >= _SAME_START:
            return Hit(start, size, tuple(fuzzy.table[alias]), score=score, alias=alias)
    return None


_KNOWN = STOPWORDS | ORDINARY_WORDS | COMMON_WORDS | VOCABULARY_WORDS


def _may_be(word: str, part: str) -> bool:
    """Whether a word beside the exact place may be that word of the longer place: the word
    itself, a short one ("lw" of "le", "net" of "next"), no English word ("wnd", "Eaast") or
    one typo from it ("Fores" of "Forest"; not "about" of "south", nor "then" of "thorn")."""
    return word == part or len(word) <= 3 or word not in _KNOWN or OSA.distance(word, part) <= 1
