"""A place in an aside about the writer is not what the message asks about: "I'm a student in
criminology at Durham. I'm looking at Wiltshire Police ..." asks about Wiltshire, not a
comparison of Durham with Wiltshire."""

from typing import Final

from knowledge.force_names import Hit

# Words that describe the writer's own study, work or home a few words before "at/in/from X"
_ABOUT_THE_WRITER: Final = frozenset(
    "student students studying study studies degree university uni college phd dissertation "
    "based live living lived grew lecturer lecture researcher postgraduate undergraduate "
    "masters".split()
)
_BEFORE_THE_PLACE: Final = frozenset({"at", "in", "from", "near"})
_WEIGHED: Final = frozenset({"vs", "v", "versus", "compare", "compared", "than", "against"})
_WINDOW = 6


def about_the_writer(lowered: list[str], hit: Hit) -> bool:
    """Whether the hit is the place of the writer's study, work or home ("student ... at X")."""
    if hit.start == 0 or lowered[hit.start - 1] not in _BEFORE_THE_PLACE:
        return False
    return bool(set(lowered[max(0, hit.start - 1 - _WINDOW) : hit.start - 1]) & _ABOUT_THE_WRITER)


def without_writers_place(lowered: list[str], hits: list[Hit]) -> list[Hit]:
    """The hits without the writer's own place, when another force is named and the message
    weighs nothing against anything."""
    if _WEIGHED & set(lowered):
        return hits
    asked = [h for h in hits if not about_the_writer(lowered, h)]
    return asked if asked and len(asked) < len(hits) else hits
