"""How alike a word group and a name are where a plain fuzzy score misleads: the words before
a shared "police" ("cirby police" is not City of London Police), and the words beside a name
matched exactly ("quote gloucestershire" is not South Gloucestershire)."""

from rapidfuzz import fuzz

UNLIKE = 50  # the words beside an exact name this far from a longer name's: not that name

_FORCE_WORDS = frozenset({"police", "constabulary", "force"})


def stem_score(text: str, alias: str) -> float:
    """A word group and a name that end in the same "police": the score of what goes before
    it, which is what was misspelt ("cirby police" is Corby's, 67 from "city", not 87)."""
    words, names = text.split(), alias.split()
    if len(words) < 2 or len(names) < 2 or words[-1] != names[-1] or words[-1] not in _FORCE_WORDS:
        return 100.0
    return float(fuzz.ratio(" ".join(words[:-1]), " ".join(names[:-1])))


def unlike_rest(lowered: list[str], start: int, n: int, inner: str, alias: str) -> bool:
    """A word group holding a name matched exactly ("quote gloucestershire") and a longer name
    holding it too ("south gloucestershire"), whose other words are unlike the group's ("quote"
    and "south": 40): the longer name rests on nothing, so it is not matched or offered."""
    if not inner or f" {inner} " not in f" {alias} ":
        return False
    rest = " ".join(w for w in lowered[start : start + n] if w not in inner.split())
    others = f" {alias} ".replace(f" {inner} ", " ").strip()
    return bool(rest and others) and fuzz.ratio(rest, others) < UNLIKE
