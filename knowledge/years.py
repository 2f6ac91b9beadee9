"""The years a question names: "2017", "2015-16" or "2021/22" (dated as the data dates them),
and "since 2014" (that year and the latest)."""

import re

_YEAR = re.compile(r"\b(20[12]\d)(?: (\d\d))?\b")
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
        years.append(first + 1 if second and int(second) == (first + 1) % 100 else first)
    return tuple(dict.fromkeys(years))
