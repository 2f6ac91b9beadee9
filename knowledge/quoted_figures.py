"""A sub-editor's check quotes the figure it checks ("press release says Kent records 96.6% of
crimes - is that right?", "was gwent's robbery sample really only 6 records"): where exactly one
of the force's findings has that figure (its value, or its count or sample size), the answer is
about that finding's measure, and its year where the force has a later figure of it.
A quoted figure that matches nothing, or several findings, changes nothing: the answer then
gives the force's latest figure beside it, as before."""

import re
from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import replace

from knowledge.facts import Fact
from knowledge.query import Query

_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d,]|\.\d)")
_YEARS = range(2000, 2040)


def with_quoted_figure(query: Query, facts_of: Mapping[str, Iterable[Fact]]) -> Query:
    """The query, turned to the one finding of its force whose figure the message quotes."""
    if query.intent != "lookup" or len(query.forces) != 1 or query.year is not None:
        return query
    quoted = _numbers(query.text)
    if not quoted:
        return query
    facts = [f for f in facts_of.get(query.forces[0], ()) if f.offence == (query.offence or "all")]
    hits = {(f.measure, f.inspection_year) for f in facts if quoted & _figures(f)}
    if len(hits) != 1:
        return query
    measure, year = next(iter(hits))
    if query.measure not in (None, "recording_rate", measure):
        return query  # another measure named: the quoted figure is not of it
    years = [f.inspection_year or 0 for f in facts if f.measure == measure]
    return replace(query, measure=measure, year=year if (year or 0) < max(years) else None)


def _numbers(text: str) -> set[float]:
    found = {float(n.replace(",", "")) for n in _NUMBER.findall(text)}
    return {n for n in found if not (n.is_integer() and int(n) in _YEARS)}


def _figures(fact: Fact) -> set[float]:
    figures = {float(n) for n in (fact.numerator, fact.denominator) if n is not None}
    with suppress(ValueError):  # a value that is a grade or a hedge ("around 90") has none
        figures |= {float(fact.value)} if fact.value else set()
    return figures
