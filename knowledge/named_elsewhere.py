"""Names that hold a force's name or place but mean something else: a place outside England and
Wales ("Manchester, New Hampshire", "New South Wales") and an English or Welsh football club by
its full name ("Derby County", "Stoke City"); the word spans each covers in a question."""

from pathlib import Path
from typing import Final

from knowledge.force_names import PLACE_BEFORE, Hit

CLUBS_FILE = Path(__file__).resolve().parent / "data" / "football_clubs.csv"
# Names abroad that contain a force's, a county's or a nation's name (reviewed by hand). Those
# starting "new" count when "New" is capitalised or a place or "in" comes first, or when the
# whole name is in lower case ("new york police"); "any new Hampshire figures" and "new South
# Wales data" are about the forces, and "is there a new york figure" is asked about.
ABROAD_NAMES: Final = frozenset(
    {
        "new hampshire",
        "new jersey",
        "new york",
        "new mexico",
        "new england",
        "new south wales",
        "new london",
        "new brunswick",
        "new zealand",
        "north carolina",
        "south carolina",
        "north dakota",
        "south dakota",
        "rhode island",
        "west virginia",
        "british columbia",
        "nova scotia",
        "western australia",
        "south australia",
        "south africa",
        "western cape",
        "prince edward island",
    }
)
LONGEST_ABROAD: Final = max(len(name.split()) for name in ABROAD_NAMES)
# "New England and Wales figures": the nation, not the region of the USA.
NOT_ABROAD_AFTER: Final = {"new england": ("and", "wales")}
# Words that make a question with a club's name in it one about crime recording.
CRIME_WORDS: Final = frozenset(
    """police policing constabulary force forces crime crimes record records recorded recording
    unrecorded grade graded grades inspection inspections inspected inspectorate hmicfrs hmic
    peel cdi integrity cancelled cancellation cancellations cancelling rape rapes robbery
    robberies violence violent sexual offence offences judgement judgment""".split()
)


def read_clubs(path: Path = CLUBS_FILE) -> tuple[tuple[str, ...], ...]:
    """Football clubs of England and Wales by full name, one a line after the header, each as
    its lower-case words. A missing file names no club."""
    if not path.exists():
        return ()
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return tuple(tuple(line.lower().split()) for line in lines if line.strip())


CLUBS: Final = read_clubs()
# the clubs longest first (the order club_spans tries them in), each under its first word
_CLUBS_BY_FIRST_WORD: Final[dict[str, list[tuple[int, tuple[str, ...]]]]] = {}
for _rank, _club in enumerate(sorted(CLUBS, key=len, reverse=True)):
    _CLUBS_BY_FIRST_WORD.setdefault(_club[0], []).append((_rank, _club))


def club_spans(lowered: list[str]) -> list[tuple[int, int]]:
    """(start, end) of every club's full name in the question, longest first where two overlap."""
    spans: list[tuple[int, int]] = []
    present = sorted(c for w in set(lowered) for c in _CLUBS_BY_FIRST_WORD.get(w, ()))
    for _, club in present:  # only clubs whose first word is in the question, in the same order
        size = len(club)
        for start in range(len(lowered) - size + 1):
            if tuple(lowered[start : start + size]) == club and not _overlaps(spans, start, size):
                spans.append((start, start + size))
    return spans


def abroad_spans(words: list[str], lowered: list[str], hits: list[Hit]) -> list[tuple[int, int]]:
    """(start, end) of every name abroad in the question that is meant as that place."""
    ends = {hit.start + hit.length for hit in hits}
    spans: list[tuple[int, int]] = []
    for start in range(len(lowered)):
        for size in range(min(LONGEST_ABROAD, len(lowered) - start), 1, -1):
            name = " ".join(lowered[start : start + size])
            if name in ABROAD_NAMES and _meant_abroad(words, lowered, start, size, ends):
                spans.append((start, start + size))
                break
    return spans


def _meant_abroad(
    words: list[str], lowered: list[str], start: int, size: int, ends: set[int]
) -> bool:
    name = " ".join(lowered[start : start + size])
    if tuple(lowered[start + size : start + size + 2]) == NOT_ABROAD_AFTER.get(name):
        return False
    if lowered[start] != "new":
        return True
    before = lowered[start - 1] if start else ""
    if words[start][:1].isupper() or before in PLACE_BEFORE or start in ends:
        return True
    return _lower_case(words, start, size) and before not in _DETERMINERS


# "a new york figure", "any new hampshire figures": "new" may be the word, not the name's
_DETERMINERS: Final = frozenset("a an any the some no another his her its their our".split())


def _lower_case(words: list[str], start: int, size: int) -> bool:
    return not any(w[:1].isupper() for w in words[start : start + size])


def doubtful_new(words: list[str], lowered: list[str], hits: list[Hit]) -> set[int]:
    """The starts of the hits inside a lower-case "new X" name abroad after "a", "any", "the"
    ("is there a new york recording rate"): New York or a new figure for York, so asked about."""
    doubtful: set[int] = set()
    for hit in hits:
        start = hit.start - 1
        if start < 0 or lowered[start] != "new" or not _lower_case(words, start, hit.length + 1):
            continue
        name = " ".join(lowered[start : start + hit.length + 1])
        before = lowered[start - 1] if start else ""
        if name in ABROAD_NAMES and before in _DETERMINERS:
            doubtful.add(hit.start)
    return doubtful


def about_crime(lowered: list[str]) -> bool:
    return not CRIME_WORDS.isdisjoint(lowered)


def covering(spans: list[tuple[int, int]], hit: Hit) -> tuple[int, int] | None:
    """The span a hit overlaps, if any."""
    for start, end in spans:
        if hit.start < end and start < hit.start + hit.length:
            return start, end
    return None


def _overlaps(spans: list[tuple[int, int]], start: int, size: int) -> bool:
    return any(start < end and begin < start + size for begin, end in spans)
