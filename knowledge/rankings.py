"""Forces ranked by a measure: the top few, ties, figures without a sample apart, 2014 apart."""

import re
from dataclasses import replace

from knowledge.across_forces import (
    DEFAULT_AUDIT_OFFENCE,
    RECORDING_AUDITS_TOPIC,
    TOLD,
    primary_by_force,
    share_twin,
    told_apart,
)
from knowledge.answer import Answer, Group
from knowledge.facts import Fact
from knowledge.force_figures import ForceFigures
from knowledge.measures import FAMILIES, measure
from knowledge.order import verdict
from knowledge.overviews import offence_overview
from knowledge.query import Query
from knowledge.selection import rank_key, score
from knowledge.slots import AUDIT_ONLY_OFFENCES
from knowledge.vocabulary import NATIONAL

RANK_SHOWN = 5
MAX_TIE_SHOWN = 12  # a tie at the cut is shown whole up to here, then counted
_AUDITS = ("cancelled_incorrect", "cancelled_incorrect_pct")
_MIXED = ("all", "other")  # offences whose audits are of mixed records: no audit fallback
_UNRECORDED_SHARE = "unrecorded_rate"  # a different measure from a recording rate
_NOT_RECORDED = "not_recorded_pct"  # the same kind of share, as some sources word it
# audit figures that say something other than how much of a sample was recorded
_NOT_HOW_MUCH_RECORDED = frozenset(
    {
        "should_have_been_recorded",
        "wrongly_classified",
        "misclassified_or_unrecorded",
        "recorded_within_24h",
        "recorded_outside_72h",
        "additional_recorded_per_year",
    }
)
# a source's own words that rank forces: the best first (True), the worst first (False)
_RANK_WORDS = {
    True: re.compile(r"\b(?:was|were|came)\s+top\b|\bthe\s+best\b|\bhighest\b", re.I),
    False: re.compile(r"\b(?:was|were|came)\s+bottom\b|\bthe\s+worst\b|\blowest\b", re.I),
}


def score_is_high_first(topic: str, direction: str) -> bool:
    """Whether a ranking in this direction puts the highest numbers first."""
    if direction in ("most", "least"):
        return direction == "most"
    return (direction == "worst") == measure(topic).higher_is_worse


def _beyond_the_leader(leader: Fact, unsized: list[Fact]) -> tuple[Fact, ...]:
    """Shares without a sample size that are higher than the ranked leader's (Cheshire's 43%
    and Humberside's 20% above Hampshire's 3 of 19): the first sentence names them."""
    share = leader.number or 0.0
    # a count is never "higher" than a share: only shares are compared
    return tuple(
        f for f in unsized if f.value is not None and f.number is not None and f.number > share
    )


def _national_higher(core: ForceFigures, asked: Query, listed: list[Fact]) -> tuple[Fact, ...]:
    """The national "up to 50%" of an offence wrongly cancelled at one force, when no share in
    our data reaches it (violence: Gwent's 5 of 20 leads): said, so that the force ranked
    first is never taken for the worst in England and Wales. Hampshire's 9 of 17 (53%) is the
    national "up to 53%" of sexual offences, so nothing is added there."""
    if asked.measure != "cancelled_incorrect":
        return ()
    highest = max((round(f.number) for f in listed if f.number is not None), default=0)
    return tuple(
        f
        for f in core.facts_of.get(NATIONAL, [])
        if f.measure == "max_force_cancelled_incorrect_pct"
        and f.offence == asked.offence
        and (f.number or 0.0) > highest
    )


def rank_forces(core: ForceFigures, query: Query) -> Answer:
    topic = query.measure or "recording_rate"
    if topic not in FAMILIES:
        topic = "cancelled_incorrect" if measure(topic).family == "cancelled" else topic
    asked = replace(
        query,
        measure=topic,
        offence=query.offence
        or ("all" if topic != "cancelled_incorrect" else DEFAULT_AUDIT_OFFENCE),
    )
    if topic == "recording_rate" and query.offence in AUDIT_ONLY_OFFENCES:
        # no rates to rank: the recording audits, listed unranked (the answer says so)
        return offence_overview(core, replace(query, intent="offence_overview", measure=None))
    rankable: list[Fact] = []
    unsized: list[Fact] = []
    old = 0
    for facts in primary_by_force(core, asked).values():
        # a count without a sample size (a zero too) has no share: listed apart
        usable = [f for f in facts if f.number is not None or f.numerator is not None]
        if any(not f.is_2014 for f in usable):
            first = next(f for f in usable if not f.is_2014)
            # an audit percent without its sample size is listed apart, never ranked
            sized = first.number is not None and (
                first.denominator is not None or topic != "cancelled_incorrect"
            )
            if not sized and first.value is None:  # a bare count: its share, if given
                first = share_twin(first, usable)
            (rankable if sized else unsized).append(first)
        elif usable:
            old += 1
    if topic == "recording_rate" and asked.offence not in _MIXED and len(rankable) < 2:
        # fewer than 2 rates is nothing to rank: the offence's recording audits instead
        audits = primary_by_force(core, replace(asked, measure=RECORDING_AUDITS_TOPIC))
        if audits:
            overview = replace(query, intent="offence_overview", measure=None)
            return offence_overview(core, overview, few_rates=tuple(rankable))
    direction = query.rank or "worst"
    high_first = score_is_high_first(topic, direction)
    # a highest-first list of wrongly cancelled records never lists a force that had none
    zeros = [f for f in rankable if high_first and topic in _AUDITS and f.none_found]
    rankable = [f for f in rankable if f not in zeros]
    rankable.sort(key=rank_key(direction))
    scores = [score(f, direction) for f in rankable]
    cut = min(len(rankable), RANK_SHOWN)
    while cut < min(len(rankable), MAX_TIE_SHOWN) and scores[cut] == scores[cut - 1]:
        cut += 1
    tied_beyond = sum(1 for s in scores[cut:] if cut and s == scores[cut - 1])
    shown = rankable[:cut]
    places = tuple(1 + sum(s < scores[i] for s in scores) for i in range(cut))
    apart = _other_measure_apart(core, asked, rankable, {f.force for f in shown})
    beyond = _beyond_the_leader(shown[0], unsized) if shown and high_first else ()
    national = _national_higher(core, asked, shown + unsized) if shown and high_first else ()
    of_2014, ranks_2014 = _unranked_2014(core, asked, direction) if not shown else ((), ())
    # a ranking of rates: whether the first is clearly ahead of the second (a tie says so itself)
    top_two = tuple(shown[:2]) if topic == "recording_rate" and places[1:2] == (2,) else ()
    return core.base(
        query,
        measure=topic,
        topic=topic,
        rank=direction,
        shown_offence=asked.offence,
        facts=tuple(shown + sorted(unsized, key=rank_key(direction)) + list(apart) + zeros)
        + ranks_2014
        + national,
        lead=shown[0] if shown else None,
        places=places,
        groups=(
            Group("no_sample", tuple(sorted(unsized, key=rank_key(direction)))),
            Group("other_measure", apart),
            # the ranked rates of forces with a newer figure apart (Devon and Cornwall's 2016
            # rate, ranked; its PEEL 2021/22 share unrecorded, not): said so, never "not ranked"
            Group(
                "ranked_older", tuple(f for f in rankable if f.force in {a.force for a in apart})
            ),
            Group("none", tuple(zeros)),
            Group("beyond", beyond),
            Group("of_2014", of_2014),
            Group("source_ranks", ranks_2014),
            Group("national_higher", national),
            Group("ordered", top_two),
        ),
        order=verdict(*top_two) if top_two else "",
        tied_beyond=tied_beyond,
        left_out_2014=old,
        missing=not shown,
        other_years=() if shown else core.other_years(None, asked),
        more=len(rankable) - len(shown),
        coverage=len(rankable) + len(zeros),
    )


def _unranked_2014(
    core: ForceFigures, asked: Query, direction: str
) -> tuple[tuple[Fact, ...], tuple[Fact, ...]]:
    """A 2014 ranking of crime recording, which is never made: every 2014 figure of the
    family of the asked measure, one a force and measure (so the count names what it
    counts: 4 rates, 3 shares of a sample, 20-odd audit counts), and the source's own
    words that rank forces the way asked ("West Midlands was top with 99%")."""
    if asked.year != 2014 or asked.measure not in ("recording_rate", "unrecorded_per_year"):
        return (), ()
    family = [m for m in FAMILIES[asked.measure] if m not in _NOT_HOW_MUCH_RECORDED]
    seen: dict[tuple[str, str], Fact] = {}
    for force in core.store.forces:
        for f in core.facts_of.get(force, []):
            wanted = f.measure in family and f.offence == asked.offence and f.is_2014
            if wanted and f.inspection_year == 2014:
                seen.setdefault((force, f.measure), f)
    if direction in ("best", "worst"):
        good_first = direction == "best"
    else:  # most recorded is good, most unrecorded is bad
        good_first = (direction == "most") == (asked.measure == "recording_rate")
    words = _RANK_WORDS[good_first]
    ranks = tuple(f for f in seen.values() if words.search(f.quote))
    return tuple(seen.values()), ranks


def _other_measure_apart(
    core: ForceFigures, asked: Query, ranked: list[Fact], listed: set[str]
) -> tuple[Fact, ...]:
    """Figures of a different measure that bear on the ranking, listed beside it and never
    turned into the ranked measure: victims told / not told; and beside recording rates the
    share left unrecorded (Gloucestershire 2019: 16.7% of sexual offences not recorded), for a
    force not ranked or whose share is from a later inspection than its ranked rate (the
    data does not say the two are complements, so no rate is worked out from it). A newer
    share of a force ranked but not in the list shown (Devon and Cornwall under a top 5) is
    left out: a note about a force the reader cannot see is clutter."""
    if asked.measure in TOLD:
        return told_apart(core, asked, {f.force for f in ranked})
    if asked.measure != "recording_rate":
        return ()
    rate_of = {f.force: f for f in ranked}
    shares = primary_by_force(core, replace(asked, measure=_UNRECORDED_SHARE))
    # Wiltshire 2017: violent crime "under-reported by 12.3 per cent", a share not recorded
    for force, facts in primary_by_force(core, replace(asked, measure=_NOT_RECORDED)).items():
        shares.setdefault(force, [f for f in facts if f.denominator is None])
    return tuple(
        f
        for force, facts in shares.items()
        for f in facts[:1]
        if force not in rate_of
        or (f.year_sort_key > rate_of[force].year_sort_key and force in listed)
    )
