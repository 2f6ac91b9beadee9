"""The result of matching a question's forces (ForceMatch), and how each kept hit enters it: a
force, places of several forces to ask between, a place abroad, England and Wales, or a misspelt
town asked about ("did you mean Brighton (Sussex Police)?") rather than answered for."""

from dataclasses import dataclass, field

from knowledge.force_names import ELSEWHERE, AliasEntry, Hit


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
    abroad_too: bool = False  # "Hampshire police grade New Hampshire": a force and a place abroad
    spans: list[tuple[int, int]] = field(default_factory=list)  # kept hits' words: [start, end)

    def add_force(self, force: str) -> None:
        if force not in self.forces:
            self.forces.append(force)


EXACT_LOOKING = 95  # a fuzzy gazetteer town under this score is asked about, never answered
PLACE_KINDS = frozenset({"place", "town"})


def doubtful(hit: Hit, kept: list[Hit]) -> bool:
    """A misspelt town that may be another real town ("breighron": Brighton or Breighton):
    asked about inside a comparison, and anywhere under an exact-looking score."""
    kinds = {e.kind for e in hit.entries}
    if hit.score >= 100 or not kinds <= PLACE_KINDS:
        return False
    if kinds == {"town"} and hit.score < EXACT_LOOKING:
        return True  # a curated place ("Manchster") is well known enough to be answered
    named = {e.force for other in kept for e in other.entries if other is not hit}
    return bool(named - {e.force for e in hit.entries})


def ask_about(hit: Hit, lowered: list[str], result: ForceMatch) -> None:
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


def classify(entries: tuple[AliasEntry, ...], result: ForceMatch) -> None:
    kinds = {e.kind for e in entries}
    if ELSEWHERE in kinds:
        result.elsewhere.append(entries[0].force)
    elif "national" in kinds:
        result.national = True
    elif len({e.force for e in entries}) > 1 or "partial" in kinds:
        result.ambiguous.append(sorted({e.force for e in entries}))
    else:
        result.add_force(entries[0].force)
