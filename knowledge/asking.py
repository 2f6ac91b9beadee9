"""How a question is worded beyond what it asks for, so the first sentence answers it as asked:
in the negative ("forces that did not wrongly cancel any rapes": the forces with none lead),
or about the latest inspection ("Hertfordshire cancelled crimes latest inspection": when the
latest has no such figure, the answer says so first). The parser reads what is asked; this
reads how."""

import re

# "did not / didn't / never / haven't ... cancel", "no / zero / none ... wrongly cancelled",
# "cancelled no rapes"; never the "no" of "no-crimed", which means cancelled
_NOT = r"(?:(?:did|do|does|have|has|had)\s*n[o']?t|never|not)"
_NONE = r"(?:no(?![-\s]?crim)|zero|none|without(?:\s+any)?)"
_CANCEL = r"(?:wrong\w*|incorrect\w*|cancel\w*|no[-\s]?crim\w*|writ\w*\s+off)"
_NEGATED = re.compile(
    rf"\b{_NOT}\b(?:\W+\w+){{0,3}}?\W+{_CANCEL}"
    rf"|\b{_NONE}\b(?:\W+\w+){{0,2}}?\W+{_CANCEL}"
    rf"|\bcancel\w*\s+(?:no|zero|none)\b"
    r"|\b(?:had|have|has|with)\s+(?:none|zero)\b",  # "how many had none" after such a list
    re.IGNORECASE,
)
_LATEST = re.compile(
    r"\b(?:latest|most\s+recent(?:ly)?|newest|current(?:ly)?|now|last\s+inspection)\b",
    re.IGNORECASE,
)


# "Dyfed-Powys cause of concern", "dyfed powys crime data integrity concern": the inspection of
# that name (when the force has one), not the force's latest
_CAUSE_OF_CONCERN = re.compile(r"\b(?:causes?\s+(?:of|for)\s+)?concerns?\b", re.IGNORECASE)


def asks_for_none(text: str) -> bool:
    """The question asks which forces had none wrongly cancelled, not which had some."""
    return bool(_NEGATED.search(text))


def asks_latest(text: str) -> bool:
    """The question asks about the latest inspection or the present."""
    return bool(_LATEST.search(text))


def asks_cause_of_concern(text: str) -> bool:
    """The question names a cause-of-concern inspection."""
    return bool(_CAUSE_OF_CONCERN.search(text))


# "which forces have no recording rate", "forces without a grade", "which are missing an
# estimate": the forces with no figure of the measure, not a list of those with one
_WITHOUT = re.compile(
    r"\b(?:have|has|had|with|got)\s+(?:no|not\s+got\s+an?)\b|\bwithout\b|\black(?:s|ing)?\b"
    r"|\bmissing\b",
    re.IGNORECASE,
)


def asks_without(text: str) -> bool:
    """The question asks which forces have no figure of what it names."""
    return bool(_WITHOUT.search(text))
