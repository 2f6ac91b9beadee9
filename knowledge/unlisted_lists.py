"""Questions for lists or figures no answer builds: which forces were inspected more than once,
and counts of crimes ("which force has the most rapes"), which the data does not hold (it has
recording rates and audits of cancelled records, never how many crimes a force had)."""

import re

_COUNTED = r"(rapes|robberies|sexual offences|sex offences|violent crimes|assaults|crimes)"
_UNLISTED = (
    (
        "inspected_again",
        re.compile(
            r"\b(inspected|visited) (more than once|twice|again|several times|multiple times)"
            r"|\b(re ?inspected|re ?inspections?)\b"
        ),
    ),
)
# "which force has the most rapes", "fewest robberies", "how many rapes are there": a count of
# crimes, unless it asks about their recording or cancelling ("most crimes unrecorded")
_CRIME_COUNT = re.compile(
    rf"\b(most|fewest|least|highest number of|lowest number of|number of|how many) {_COUNTED}\b"
)
_ABOUT_RECORDING = re.compile(
    r"\b(record\w*|unrecorded|cancel\w*|wrong\w*|incorrect\w*|crimed|written|audit\w*|rate"
    r"|rates|grade\w*|percentage|share|proportion|miss|misses|missed|missing|sample\w*)\b"
)


def unlisted(plain: str) -> str | None:
    """Which list or count no answer builds the question asks for, if any."""
    if _CRIME_COUNT.search(plain) and not _ABOUT_RECORDING.search(plain):
        return "crime_counts"
    if not set(plain.split()) & {"which", "forces", "who", "how"}:  # not "what s a re-inspection"
        return None
    return next((name for name, pattern in _UNLISTED if pattern.search(plain)), None)
