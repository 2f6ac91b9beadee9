"""The side of a comparison that names no force ("Hers v Beds", "herts vs bedz"): the words
beside "vs"/"or"/"and" that no name covered while the other side's did, so that the comparison
asks about them rather than silently losing a side."""

from knowledge.force_names import Hit
from knowledge.guards import COMMON_WORDS, ORDINARY_WORDS
from knowledge.vocabulary import STOPWORDS, VOCABULARY_WORDS

SIDE_LINKS = frozenset({"vs", "v", "versus", "against", "or"})


def lost_side(words: list[str], lowered: list[str], hits: list[Hit]) -> tuple[str, str] | None:
    """The words of a side of "vs"/"or" that name no force when the other side does ("Hers v
    Beds", "herts vs bedz", "blackburn or st bbees"): a comparison that would silently lose a
    side. A side is the up to 3 words beside the link, up to a vocabulary word or another link,
    so a misspelt name of several words ("St Helenns") is one side."""
    covered = {i for h in hits for i in range(h.start, h.start + h.length)}
    for j, word in enumerate(lowered):
        if word not in (*SIDE_LINKS, "and") or j == 0 or j + 1 >= len(lowered):
            continue
        first = j + 2 if lowered[j + 1] == "the" and j + 2 < len(lowered) else j + 1
        right = _side(lowered, range(first, min(first + _SIDE_WORDS, len(lowered))))
        left = _side(lowered, range(j - 1, max(j - 1 - _SIDE_WORDS, -1), -1))
        left_known, right_known = bool(set(left) & covered), bool(set(right) & covered)
        if left_known == right_known or not (right if left_known else left):
            continue
        side = sorted(right if left_known else left)
        named = [
            i
            for i in side
            if lowered[i].isalpha()
            and len(lowered[i]) >= 3
            and lowered[i] not in VOCABULARY_WORDS
            and (lowered[i] not in STOPWORDS or words[i][:1].isupper())
        ]
        if named and (word != "and" or all(_not_a_word(lowered[i]) for i in named)):
            return " ".join(lowered[i] for i in side if lowered[i].isalpha()), word
    return None


_SIDE_WORDS = 3


def _not_a_word(word: str) -> bool:
    """Beside "and", only a word that is no English word is a misspelt side ("Kent and
    Sussec"); "Kent and more", "and others" are the words."""
    return len(word) >= 4 and word not in ORDINARY_WORDS and word not in COMMON_WORDS


_INSIDE_A_NAME = frozenset({"police", "constabulary", "service", "s", "of"})


def _side(lowered: list[str], indices: range) -> list[int]:
    """The indices of one side's words, stopping at a vocabulary word or another link."""
    side = []
    for i in indices:
        if lowered[i] in _INSIDE_A_NAME:  # "gols police", "Saint Maty's"
            side.append(i)
            continue
        if lowered[i] in VOCABULARY_WORDS or lowered[i] in SIDE_LINKS or lowered[i] == "and":
            break
        side.append(i)
    return side
