"""The years a question names: "2017", "2015-16" or "2021/22" (dated as the data dates them),
and "since 2014" (that year and the latest). A span of inspection years ("PEEL 2023-25",
"2023-2025") names that inspection, not one year."""

import re

_YEAR = re.compile(r"\b(20[12]\d)(?: (?:20)?(\d\d))?\b")
_SINCE = re.compile(r"\bsince (20[12]\d)\b")


def years_named(plain: str) -> tuple[int | None, ...]:
    """Every year named, in order, once each: "2015-16" is 2016, as the data dates it; "since
    2014" is that year and the latest (None)."""
    since = _SINCE.search(plain)
    if since:
        return (int(since.group(1)), None)
    years = []
    for match in _YEAR.finditer(plain):
        first, second = int(match.group(1)), match.group(2)
        if second and int(second) == (first + 2) % 100:
            continue  # "PEEL 2023-25": an inspection dated by force (2024 or 2025), not a year
        years.append(first + 1 if second and int(second) == (first + 1) % 100 else first)
    return tuple(dict.fromkeys(years))
