"""The rules for choosing between figures: one finding is shown once, the latest inspection's
figure of each measure, the preferred source first; never an average."""

from collections.abc import Iterable
from dataclasses import replace

from knowledge.facts import Fact

_SOURCE_RANK = {"inspectorate": 0, "police_or_pcc": 1, "news": 2}


def source_preference(fact: Fact) -> tuple[int, int, int]:
    """A grade the inspectorate changed: the final one first. Then inspectorate before police or
    PCC before news; an exact figure before a rounded one."""
    decimals = len(fact.value.partition(".")[2]) if fact.value else 0
    return (0 if fact.grade_changed else 1), _SOURCE_RANK[fact.source_kind], -decimals


def without_repeats(facts: Iterable[Fact]) -> list[Fact]:
    """One finding is shown once. An undated "most recent 2016-2020 CDI inspection" row gives
    way to its dated twin (`same_finding`: Lancashire's undated 40% of victims not told is its
    2019 re-inspection's 9 of 15 told). Two rows of one year with the same quote, source and
    figure (North Yorkshire's 2019 inspection and re-inspection, "40 per cent" not told, as a
    count and as a percent) keep the one whose measure says what the figure is (a percent as a
    percent). A count without a sample size and a share of the same quote are one finding, the
    share carrying the count (`counts_beside_shares`)."""
    facts = list(facts)
    dated: dict[tuple[str, str], list[Fact]] = {}
    for f in facts:
        if f.inspection_year:
            dated.setdefault((f.force, f.offence), []).append(f)
    undated_kept = [
        f
        for f in facts
        if f.inspection_year
        or not any(same_finding(f, d) for d in dated.get((f.force, f.offence), ()))
    ]
    chosen: dict[tuple[object, ...], Fact] = {}
    for f in undated_kept:
        key = _same_year_key(f)
        if key not in chosen or _reads_better(f, chosen[key]):
            chosen[key] = f
    kept = [f for f in undated_kept if chosen[_same_year_key(f)] is f]
    # only a row without a figure can restate another: the others are not compared (quadratic)
    bare = [f for f in kept if f.value is None and f.numerator is None and f.quote]
    restated = {id(f) for f in bare if any(restates(f, other) for other in kept)}
    return counts_beside_shares(one_side([f for f in kept if id(f) not in restated]))


# Measures that state one finding from the two sides (told 9 of 15 = not told 40%).
_COMPLEMENTS = {"victims_not_told": "victims_told"}


def finding_of(measure_name: str) -> tuple[str, bool]:
    """The finding a measure states, and whether it states its complement: a count and its
    percent form are one finding; victims not told is victims told from the other side."""
    base = measure_name.removesuffix("_pct")
    return _COMPLEMENTS.get(base, base), base in _COMPLEMENTS


def same_finding(undated: Fact, dated: Fact) -> bool:
    """An undated row ("most recent 2016-2020 CDI inspection") states the same finding as a
    dated row of the same force and offence: from the same source page, the same finding
    (`finding_of`) in the same words (one quote holds the other) or with the same figure, read
    from either side (a share as precise as the source printed it: 40% not told = 9 of 15
    told); from another page, the same measure and exactly the same figure of a 2016-2020
    inspection."""
    if (undated.force, undated.offence) != (dated.force, dated.offence) or undated is dated:
        return False
    figure = (undated.value, undated.numerator, undated.denominator)
    if undated.source_url != dated.source_url:
        same_figure = figure == (dated.value, dated.numerator, dated.denominator)
        return same_figure and undated.measure == dated.measure and not dated.is_2014
    (finding, flipped), (other, other_flipped) = (
        finding_of(undated.measure),
        finding_of(dated.measure),
    )
    if finding != other:
        return False
    if (
        undated.quote
        and dated.quote
        and (undated.quote in dated.quote or dated.quote in undated.quote)
    ):
        return True
    if figure == (dated.value, dated.numerator, dated.denominator) and flipped == other_flipped:
        return True
    shares = undated.number, dated.number
    if shares[0] is None or shares[1] is None:
        return False
    second = 100 - shares[1] if flipped != other_flipped else shares[1]
    return abs(shares[0] - second) <= _printed_precision(undated, dated)


def _printed_precision(*facts: Fact) -> float:
    """Half the last printed digit of the roughest percent given (40 -> 0.5); 0 for n of N."""
    given = [len(f.value.partition(".")[2]) for f in facts if f.value is not None]
    return 0.5 * 10 ** -min(given) if given else 1e-9


def one_side(facts: list[Fact]) -> list[Fact]:
    """One finding read from both sides in the same words (Suffolk 2019: "26 of the 29 victims
    were told ... 10 per cent of victims weren't informed"): the exact count with its sample
    is kept, the other side's percent worked out by the source is not shown again."""
    counts: dict[tuple[object, ...], list[Fact]] = {}
    for f in facts:
        if f.numerator is not None and f.denominator:
            counts.setdefault(_side_key(f), []).append(f)
    if not counts:
        return facts
    return [
        f
        for f in facts
        if f.numerator is not None
        or not any(
            finding_of(c.measure)[1] != finding_of(f.measure)[1]
            and (c.quote in f.quote or f.quote in c.quote)
            for c in counts.get(_side_key(f), ())
        )
    ]


def _side_key(fact: Fact) -> tuple[object, ...]:
    finding = finding_of(fact.measure)[0]
    return (fact.force, fact.inspection, fact.offence, fact.source_url, finding)


def counts_beside_shares(facts: list[Fact]) -> list[Fact]:
    """A count without a sample size and a share from the same words (one quote holds the
    other; Humberside 2018: "four rape allegations ... 20 per cent"; Avon and Somerset: none,
    0%) are one finding: the share is kept, to be compared and ranked, with the count beside
    it; the count is never a finding of its own, so it is never compared with a share."""
    shares: dict[tuple[object, ...], list[Fact]] = {}
    for f in facts:
        if f.measure.endswith("_pct") and f.value is not None:
            shares.setdefault(_count_key(f, f.measure.removesuffix("_pct")), []).append(f)
    if not shares:
        return facts
    beside: dict[int, Fact] = {}
    for f in facts:
        if f.numerator is None or f.denominator is not None or f.value is not None:
            continue
        share = next(
            (
                s
                for s in shares.get(_count_key(f, f.measure), ())
                if id(s) not in beside and (s.quote in f.quote or f.quote in s.quote)
            ),
            None,
        )
        if share is not None:
            beside[id(share)] = f
    merged = {id(count) for count in beside.values()}
    return [
        replace(f, count_beside=beside[id(f)]) if id(f) in beside else f
        for f in facts
        if id(f) not in merged
    ]


def _count_key(fact: Fact, measure_name: str) -> tuple[object, ...]:
    return (fact.force, fact.inspection, fact.offence, measure_name, fact.source_url)


def restates(bare: Fact, other: Fact) -> bool:
    """A row without a figure of its own ("a sample of 20, not given as a count") whose quote is
    part of another row's of the same year, offence, measure, sample and source (North
    Yorkshire's 2019 inspection and re-inspection, "out of 20 violent offences, 10 per cent"):
    one finding, shown once, by the row that gives its figure."""
    return (
        bare is not other
        and bare.value is None
        and bare.numerator is None
        and (other.value is not None or other.numerator is not None)
        and (bare.force, bare.offence, bare.inspection_year, bare.source_url, bare.denominator)
        == (other.force, other.offence, other.inspection_year, other.source_url, other.denominator)
        and bare.measure.removesuffix("_pct") == other.measure.removesuffix("_pct")
        and bool(bare.quote)
        and (bare.quote in other.quote or other.quote in bare.quote)
    )


def _reads_better(fact: Fact, other: Fact) -> bool:
    """A bare percent is best read under a percent measure."""
    as_percent = fact.numerator is None and fact.value is not None
    return as_percent and fact.kind == "percent" and other.kind != "percent"


def _same_year_key(fact: Fact) -> tuple[object, ...]:
    _, _, _, *figure = _finding_key(fact)  # value, numerator, denominator, source
    undated = id(fact) if fact.inspection_year is None else None  # handled above
    return (
        fact.force,
        fact.offence,
        fact.inspection_year,
        fact.measure.removesuffix("_pct"),  # a count and its percent form are one figure
        fact.quote,
        undated,
        *figure,
    )


def _finding_key(fact: Fact) -> tuple[object, ...]:
    return (
        fact.force,
        fact.offence,
        fact.measure,
        fact.value,
        fact.numerator,
        fact.denominator,
        fact.source_url,
    )


def latest_per_figure(facts: Iterable[Fact], year: int | None = None) -> list[Fact]:
    """For each (offence, measure): the facts of the latest inspection that has it, or of `year`.

    Two sources for one figure are both kept, the preferred one first; they are never averaged.
    """
    groups: dict[tuple[str, str], list[Fact]] = {}
    for fact in facts:
        if year is None or fact.inspection_year == year:
            groups.setdefault((fact.offence, fact.measure), []).append(fact)
    chosen: list[Fact] = []
    for group in groups.values():
        newest = max(group, key=lambda f: (f.year_sort_key, f.published or "")).year_sort_key
        best = [f for f in group if f.year_sort_key == newest]
        # Several inspections in one year (an inspection and its re-inspection): the later one.
        last_title = max(best, key=lambda f: (f.published or "", "re-inspection" in f.inspection))
        same = [f for f in best if f.inspection == last_title.inspection]
        chosen.extend(sorted(same, key=source_preference))
    return chosen
