"""Not the police: the words around a place that make it something other than its police force
(a fire service, a newspaper, a street, a football club, a person, a date, a town abroad), and
the hits a question keeps once those are dropped."""

from knowledge.force_names import ELSEWHERE, PLACE_BEFORE, AliasTable, Hit
from knowledge.guards import (
    ABROAD_AFTER,
    ADDRESS_AFTER,
    BROADCASTER_BEFORE,
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
from knowledge.named_elsewhere import (
    ABROAD_NAMES,
    about_crime,
    abroad_spans,
    club_spans,
    covering,
)
from knowledge.scope_evidence import ENGLISH_WORDS
from knowledge.vocabulary import STOPWORDS, VOCABULARY_WORDS

ABROAD = "a place outside England and Wales"
DATE = "a date"
DIRECTION = "a direction"
DIRECTION_BEFORE = frozenset({"up", "down", "out", "back", "over"})
CLUB_WORDS = frozenset({"county", "city", "town"})


def police_hits(
    words: list[str],
    lowered: list[str],
    ordered: list[Hit],
    table: AliasTable,
    not_police: list[str],
) -> list[Hit]:
    """The hits (in message order) that are meant as police forces; what each dropped one is
    instead goes to the front of `not_police`. A place right before a dropped one goes too."""
    dropped: set[int] = set()
    clubs = clubs_beside_a_force(lowered, ordered)
    persons = given_way(ordered, surnames(words, lowered, ordered, table))
    persons |= first_names(words, lowered, ordered, table)  # "Chelsea Clinton", "Devon Sawa"
    named = named_elsewhere(words, lowered, ordered)
    if named.get(len(ordered)):
        not_police.append(named[len(ordered)] or ABROAD)
    for index in reversed(range(len(ordered))):
        hit = ordered[index]
        if named.get(index):
            dropped.add(index)
            not_police.insert(0, named[index] or "")
            continue
        other = (
            not_police_after(lowered, hit.start + hit.length)
            or _absorbed(lowered, hit)
            or _club_of_the_place_before(lowered, hit, table)
            or other_use(lowered, hit)
            or ("a football club" if index in clubs and index not in named else None)
            or ("a person" if index in persons else None)
        )
        follows = (
            index + 1 in dropped
            and ordered[index + 1].start <= hit.start + hit.length + 1
            and index not in named  # "Stoke City police grade": Stoke stays
        )
        if (other or follows) and not {e.kind for e in hit.entries} & {ELSEWHERE, "national"}:
            dropped.add(index)  # "Devon and Somerset Fire and Rescue": both places go
            not_police.insert(0, other or not_police[0])
    return [hit for index, hit in enumerate(ordered) if index not in dropped]


def named_elsewhere(
    words: list[str], lowered: list[str], hits: list[Hit]
) -> dict[int, str | None]:
    """The hits inside a name abroad ("New South Wales") or a football club's full name ("Derby
    County", "Stoke City"), with what they are. A club's town stays when the question is about
    crime recording ("Stoke City police grade": Stoke), though not the rest of the club's name
    (not "City" for the City of London): its index maps to None."""
    abroad, clubs = abroad_spans(words, lowered, hits), club_spans(lowered)
    crime = about_crime(lowered)
    found: dict[int, str | None] = {}
    for index, hit in enumerate(hits):
        club = covering(clubs, hit)
        if covering(abroad, hit) and ELSEWHERE not in {e.kind for e in hit.entries}:
            found[index] = ABROAD
        elif club:
            town = crime and hit.start == club[0] and not _others(hits, clubs)
            found[index] = None if town else "a football club"
    if abroad and not any(covering(abroad, hit) for hit in hits):
        found[len(hits)] = ABROAD  # "New England recording rates": no force's name to drop
    elif clubs and not crime and not any(covering(clubs, hit) for hit in hits):
        found[len(hits)] = "a football club"  # "Aston Villa result": not a near name either
    return found


def _others(hits: list[Hit], clubs: list[tuple[int, int]]) -> bool:
    """Whether the message names a force outside the clubs' names ("after the Stoke City game,
    Essex grade?"): then the club is only the club."""
    return any(
        e.kind not in (ELSEWHERE, "national")
        for hit in hits
        if not covering(clubs, hit)
        for e in hit.entries
    )


def not_police_after(lowered: list[str], end: int) -> str | None:
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


def _absorbed(lowered: list[str], hit: Hit) -> str | None:
    """What the words a fuzzy hit took in beyond its name make it ("Portsmouth FC" read as one
    near match of "portsmouth": a football club)."""
    named = len(hit.alias.split())
    return not_police_after(lowered, hit.start + named) if 0 < named < hit.length else None


def _club_of_the_place_before(lowered: list[str], hit: Hit, table: AliasTable) -> str | None:
    """A town named like a club's sport, right after another place ("Bath Rugby"): the club."""
    text = " ".join(lowered[hit.start : hit.start + hit.length])
    if text not in NOT_POLICE_AFTER or not hit.start or lowered[hit.start - 1] not in table:
        return None
    return NOT_POLICE_AFTER[text]


def clubs_beside_a_force(lowered: list[str], hits: list[Hit]) -> set[int]:
    """ "watching derby county, meanwhile how is nottinghamshire rated": a town followed by
    County, City or Town is its football club when the message names another force."""
    clubs = {
        index
        for index, hit in enumerate(hits)
        if lowered[hit.start + hit.length : hit.start + hit.length + 1]
        in ([w] for w in CLUB_WORDS)
        and all(e.kind in ("place", "town") for e in hit.entries)
    }
    return given_way(hits, clubs)


def surnames(words: list[str], lowered: list[str], hits: list[Hit], table: AliasTable) -> set[int]:
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


def first_names(
    words: list[str], lowered: list[str], hits: list[Hit], table: AliasTable
) -> set[int]:
    """ "who is Chelsea Clinton married to": a capitalised one-word place right before a
    capitalised word that is no known word, name or place (a surname) is a first name."""
    found = set()
    for index, hit in enumerate(hits):
        after = hit.start + 1
        if (
            after < len(words)
            and hit.length == 1
            and words[hit.start][:1].isupper()
            and words[after][:1].isupper()
            and not words[after].isupper()
            and _unknown_word(lowered[after], table)
            and all(e.kind in ("place", "town") for e in hit.entries)
        ):
            found.add(index)
    return found


def _unknown_word(word: str, table: AliasTable) -> bool:
    """No known word, name or place: a person's name, most likely."""
    return (
        word.isalpha()
        and word not in table
        and word not in VOCABULARY_WORDS
        and word not in STOPWORDS
        and word not in COMMON_WORDS
        and word not in ORDINARY_WORDS
        and word not in ENGLISH_WORDS
    )


def given_way(hits: list[Hit], indices: set[int]) -> set[int]:
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


def other_use(lowered: list[str], hit: Hit) -> str | None:
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
    if before in BROADCASTER_BEFORE:
        return "a broadcaster"
    if before in DIRECTION_BEFORE and all(e.kind == "partial" for e in hit.entries):
        return DIRECTION  # "my mate out west", "I moved down south"
    if text in MONTH_PLACES and (before.isdigit() or (after[:1] and after[0].isdigit())):
        return DATE
    if (after[:1] and after[0] in ABROAD_AFTER) or any(
        " ".join(after[:n]) in ABROAD_NAMES for n in (2, 3)
    ):
        return ABROAD
    return None
