"""Answers that list forces: an offence's overview, national figures, rankings, grade filters."""

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from knowledge.answer import Answer, Group
from knowledge.asking import asks_for_none
from knowledge.facts import Fact
from knowledge.figure_choice import latest_per_figure, same_finding
from knowledge.followups import FollowUp, question_for
from knowledge.measures import FAMILIES, NATIONAL_MEASURES, measure, primary_of
from knowledge.parser import Query
from knowledge.selection import best_audit_figure, default_measure, national_of, rank_key, score
from knowledge.slots import AUDIT_ONLY_OFFENCES
from knowledge.thresholds import ON_THE_LINE, PASSES, judge
from knowledge.vocabulary import NATIONAL

# National counts kept year by year (the Home Office's cancelled crimes): a question naming no
# year gets every year, so one year's count is never read as the whole story.
SERIES_MEASURES = frozenset({"cancelled_crimes_recorded"})

if TYPE_CHECKING:
    from knowledge.answers import Answerer

MAX_FORCES_LISTED = 8  # an overview with 8 forces stays near 3,400 characters of HTML
RANK_SHOWN = 5
MAX_TIE_SHOWN = 12  # a tie at the cut is shown whole up to here, then counted
DEFAULT_AUDIT_OFFENCE = "rape"  # the offence most cancelled-crime audits reported
_TOLD = ("victims_told", "victims_not_told")
RECORDING_AUDITS_TOPIC = "recording_audits"
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


def _share_twin(count: Fact, usable: list[Fact]) -> Fact:
    """The same inspection's percent for a count without a sample size (Humberside 2018: 4 rape
    records wrongly cancelled, 20% of those cancelled): a share, where the source gives one."""
    return next(
        (
            f
            for f in usable
            if f.inspection == count.inspection and f.value is not None and f.number is not None
        ),
        count,
    )


def _beyond_threshold(
    later: list[Fact], by_force: dict[str, list[Fact]], threshold: tuple[str, float]
) -> tuple[tuple[str, list[Fact]], ...]:
    """ "More than 10% wrongly cancelled": each force's share of the records reviewed (n of N
    as a percent; a count without a sample by its own inspection's percent, where the source
    gives one); shares with a sample size first, highest first; those without apart; then the
    forces whose share does not pass and those with only a count (no share to compare)."""
    shares = [f if f.number is not None else _share_twin(f, by_force[f.force]) for f in later]
    # none wrongly cancelled (a count of 0 without a sample) is a share of 0
    passing = [f for f in shares if f.number is not None or f.none_found]
    unclear = [f for f in passing if judge(f, threshold) == ON_THE_LINE]
    passing = [f for f in passing if judge(f, threshold) == PASSES]
    passing.sort(key=lambda f: (-(f.number or 0.0), f.force))
    compared = passing + unclear
    return (
        ("wrongly", [f for f in passing if f.denominator is not None]),
        ("wrongly_unsized", [f for f in passing if f.denominator is None]),
        ("on_the_line", unclear),
        ("not_passing", [f for f in shares if f not in compared and (f.number or f.none_found)]),
        ("no_share", [f for f in shares if f.number is None and not f.none_found]),
    )


def _range_of(by_force: dict[str, list[Fact]]) -> tuple[Fact, ...]:
    """The lowest and the highest of the forces' latest figures of one measure (2014 audit
    samples left out), for a list's first sentence; none when there is nothing to span."""
    firsts = [f[0] for f in by_force.values() if not f[0].is_2014 and f[0].number is not None]
    if len(firsts) < 2 or len({(f.measure, f.offence) for f in firsts}) > 1:
        return ()
    firsts.sort(key=lambda f: (f.number or 0.0, f.force))
    return (firsts[0], firsts[-1])


class ListAnswerer:
    """Builds the answers that go across forces, from the per-force figures of `core`."""

    def __init__(self, core: "Answerer") -> None:
        self.core = core

    def _across_forces(self, query: Query) -> dict[str, list[Fact]]:
        figures = {force: self.core.figures(force, query) for force in self.core.store.forces}
        return {force: facts for force, facts in figures.items() if facts}

    def figures_by_force(self, query: Query) -> dict[str, list[Fact]]:
        """Each force with a figure for the query's offence, measure and year: its latest ones."""
        return self._across_forces(query)

    def _primary_by_force(self, query: Query) -> dict[str, list[Fact]]:
        """Each force's latest figures of the asked measure itself (not its companions)."""
        primary = primary_of(query.measure or "")
        by_force = {}
        for force, facts in self._across_forces(query).items():
            firsts = [f for f in facts if f.measure in primary]
            if firsts:
                by_force[force] = firsts
        return by_force

    def offence_overview(self, query: Query, few_rates: tuple[Fact, ...] | None = None) -> Answer:
        """`few_rates`: a ranking of recording rates found fewer than 2 to compare, so the
        offence's recording audits are listed instead (unranked), after those rates."""
        topic = query.measure or default_measure(query.offence)
        if few_rates is not None:
            topic = "recording_rate"
        asked = replace(query, measure=topic)
        if topic == "cancelled_incorrect" and query.offence is None:  # never mix offences
            asked = replace(asked, offence=DEFAULT_AUDIT_OFFENCE)
        national = self.core.figures(NATIONAL, replace(asked, measure=national_of(topic)))
        national = [f for f in national if f.measure in NATIONAL_MEASURES.get(topic, (topic,))]
        by_force = self._primary_by_force(asked)
        if few_rates is not None or (
            not by_force and topic == "recording_rate" and query.offence in AUDIT_ONLY_OFFENCES
        ):
            # domestic abuse, modern slavery, vulnerable victims: audit counts, no rates
            topic, asked = RECORDING_AUDITS_TOPIC, replace(asked, measure=RECORDING_AUDITS_TOPIC)
            by_force = self._primary_by_force(asked)
        if topic == "cancelled_incorrect":
            return self._cancelled_overview(query, asked, national, by_force)
        listed = list(by_force)[:MAX_FORCES_LISTED]
        # victims told / not told: a force whose figure is of the other side (Lancashire 2019,
        # 9 of 15 told) stays in the list, apart, under its own measure
        apart = self._told_apart(asked, set(by_force)) if topic in _TOLD else ()
        # Suffolk 2019: 10% not told is 26 of 29 told read from the other side, shown once as
        # the count; the force has a figure for what was asked, and is counted as having one
        both_sides = self._read_from_other_side(topic, apart)
        # no offence asked of a measure audited by offence (recorded within 24 hours): each
        # force's figure for every offence, never one offence's standing in for "all crime"
        every = topic == RECORDING_AUDITS_TOPIC or (
            query.offence is None and any(f.offence != "all" for v in by_force.values() for f in v)
        )
        facts = [
            f for force in listed for f in (by_force[force] if every else by_force[force][:1])
        ]
        rates = tuple(few_rates or ())
        return self.core.base(
            query,
            # a ranking of rates answered with audits keeps the measure asked (a follow-up's)
            measure="recording_rate" if few_rates is not None else query.measure,
            topic=topic,
            facts=tuple(national + list(rates) + facts + list(apart)),
            # a list across forces answers per force: its first sentence gives the forces'
            # range, and the national figure comes after it, never first
            lead=None,
            groups=(
                Group("latest", tuple(facts)),
                Group("rates", rates),
                Group("other_side", tuple(f for f in apart if f.force in both_sides)),
                Group("other_measure", tuple(f for f in apart if f.force not in both_sides)),
                Group("range", () if every else _range_of(by_force)),
            ),
            missing=not by_force and not apart,
            other_years=() if by_force else self.core.other_years(None, asked),
            more=len(by_force) - len(listed),
            coverage=len(by_force) + len(both_sides),
            follow_ups=self._force_follow_ups(listed, query.offence, topic),
        )

    def _cancelled_overview(
        self, query: Query, asked: Query, national: list[Fact], by_force: dict[str, list[Fact]]
    ) -> Answer:
        """Which forces wrongly cancelled at least one record, which had none, 2014 apart."""
        best = {force: best_audit_figure(facts) for force, facts in by_force.items()}
        later = [f for f in best.values() if not f.is_2014]
        parts: tuple[tuple[str, list[Fact]], ...] = (
            ("wrongly", [f for f in later if not f.none_found and f.denominator is not None]),
            ("wrongly_unsized", [f for f in later if not f.none_found and f.denominator is None]),
            ("none", [f for f in later if f.none_found]),
            ("only_2014", [f for f in best.values() if f.is_2014]),
        )
        if query.threshold is not None:
            parts = _beyond_threshold(later, by_force, query.threshold) + parts[-1:]
        # a year asked (the 2014 audits): every audit row of it, rightly cancelled ones too
        # (North Wales 23 of 30 beside its 7 of 30; West Yorkshire's only 2014 rape figure)
        rightly = [
            f
            for facts in (self._across_forces(asked).values() if asked.year else ())
            for f in facts
            if f.measure == "cancelled_correct"
        ]
        parts += (("rightly", rightly),)
        groups = tuple(Group(kind, tuple(facts)) for kind, facts in parts if facts)
        listed = [f for kind, facts in parts if kind.startswith("wrongly") for f in facts]
        listed = listed + [
            f for kind, facts in parts if not kind.startswith("wrongly") for f in facts
        ]
        return self.core.base(
            query,
            shown_offence=asked.offence,
            topic="cancelled_incorrect",
            facts=tuple(national + listed),
            # the first sentence sums the list up; no one force is put first
            lead=national[0] if national else None,
            groups=groups,
            missing=not by_force and not rightly,
            other_years=() if by_force or rightly else self.core.other_years(None, asked),
            coverage=len(set(by_force) | {f.force for f in rightly}),
            # "forces that did not wrongly cancel any": the forces with none lead
            asked_none=query.threshold is None and asks_for_none(query.focus or query.text),
            follow_ups=self._force_follow_ups(
                [f.force for f in listed], asked.offence, "cancelled_incorrect"
            ),
        )

    def _force_follow_ups(
        self, forces: list[str], offence: str | None, measure: str
    ) -> tuple[FollowUp, ...]:
        return tuple(
            FollowUp(self.core.short(f), question_for(self.core.short(f), offence, measure))
            for f in forces[:3]
        )

    def national(self, query: Query) -> Answer:
        facts = self.core.figures(NATIONAL, query)
        trend = query.history and query.measure == "recording_rate"  # "going up or down?"
        if (query.measure in SERIES_MEASURES or trend) and query.year is None and not query.years:
            # "national figures on cancelled crimes": the whole yearly series, newest first
            years = sorted(
                {
                    f.inspection_year
                    for f in self.core.facts_of.get(NATIONAL, [])
                    if f.measure == query.measure
                },
                key=lambda y: -(y or 0),
            )
            facts = self.core.figures(NATIONAL, replace(query, years=tuple(years))) or facts
        follow_ups = (
            FollowUp("Force by force", question_for(None, query.offence, "cancelled_incorrect")),
        )
        since = query.years[0] if query.years and query.years[-1] is None else query.year
        primary = primary_of(query.measure or "")
        if query.measure and facts and not any(f.measure in primary for f in facts):
            facts = []  # "unrecorded crimes?" of 2014: no such figure, not 2014's rate again
        return self.core.base(
            query,
            year=since,  # "improved nationally since 2014": the year it is measured from
            facts=tuple(facts),
            lead=facts[0] if facts else None,
            missing=not facts,
            follow_ups=follow_ups,
            other_years=() if facts else self._national_years(query),
        )

    def _national_years(self, query: Query) -> tuple[int, ...]:
        """A year asked with no national figure of its measure: the years that have one."""
        if query.year is None or not query.measure:
            return ()
        primary = primary_of(query.measure)
        facts = self.core.facts_of.get(NATIONAL, [])
        years = {f.inspection_year for f in facts if f.measure in primary}
        return tuple(sorted(y for y in years if y is not None))

    def rank(self, query: Query) -> Answer:
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
            return self.offence_overview(replace(query, intent="offence_overview", measure=None))
        rankable: list[Fact] = []
        unsized: list[Fact] = []
        old = 0
        for facts in self._primary_by_force(asked).values():
            # a count without a sample size (a zero too) has no share: listed apart
            usable = [f for f in facts if f.number is not None or f.numerator is not None]
            if any(not f.is_2014 for f in usable):
                first = next(f for f in usable if not f.is_2014)
                # an audit percent without its sample size is listed apart, never ranked
                sized = first.number is not None and (
                    first.denominator is not None or topic != "cancelled_incorrect"
                )
                if not sized and first.value is None:  # a bare count: its share, if given
                    first = _share_twin(first, usable)
                (rankable if sized else unsized).append(first)
            elif usable:
                old += 1
        if topic == "recording_rate" and asked.offence not in _MIXED and len(rankable) < 2:
            # fewer than 2 rates is nothing to rank: the offence's recording audits instead
            audits = self._primary_by_force(replace(asked, measure=RECORDING_AUDITS_TOPIC))
            if audits:
                overview = replace(query, intent="offence_overview", measure=None)
                return self.offence_overview(overview, few_rates=tuple(rankable))
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
        apart = self._other_measure_apart(asked, rankable)
        beyond = _beyond_the_leader(shown[0], unsized) if shown and high_first else ()
        of_2014, ranks_2014 = self._unranked_2014(asked, direction) if not shown else ((), ())
        return self.core.base(
            query,
            measure=topic,
            topic=topic,
            rank=direction,
            shown_offence=asked.offence,
            facts=tuple(shown + sorted(unsized, key=rank_key(direction)) + list(apart) + zeros)
            + ranks_2014,
            lead=shown[0] if shown else None,
            places=places,
            groups=(
                Group("no_sample", tuple(sorted(unsized, key=rank_key(direction)))),
                Group("other_measure", apart),
                Group("none", tuple(zeros)),
                Group("beyond", beyond),
                Group("of_2014", of_2014),
                Group("source_ranks", ranks_2014),
            ),
            tied_beyond=tied_beyond,
            left_out_2014=old,
            missing=not shown,
            other_years=() if shown else self.core.other_years(None, asked),
            more=len(rankable) - len(shown),
            coverage=len(rankable) + len(zeros),
        )

    def _unranked_2014(
        self, asked: Query, direction: str
    ) -> tuple[tuple[Fact, ...], tuple[Fact, ...]]:
        """A 2014 ranking of crime recording, which is never made: every 2014 figure of the
        family of the asked measure, one a force and measure (so the count names what it
        counts: 4 rates, 3 shares of a sample, 20-odd audit counts), and the source's own
        words that rank forces the way asked ("West Midlands was top with 99%")."""
        if asked.year != 2014 or asked.measure not in ("recording_rate", "unrecorded_per_year"):
            return (), ()
        family = [m for m in FAMILIES[asked.measure] if m not in _NOT_HOW_MUCH_RECORDED]
        seen: dict[tuple[str, str], Fact] = {}
        for force in self.core.store.forces:
            for f in self.core.facts_of.get(force, []):
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

    def _other_measure_apart(self, asked: Query, ranked: list[Fact]) -> tuple[Fact, ...]:
        """Figures of a different measure that bear on the ranking, listed beside it and never
        turned into the ranked measure: victims told / not told; and beside recording rates the
        share left unrecorded (Gloucestershire 2019: 16.7% of sexual offences not recorded), for a
        force not ranked or whose share is from a later inspection than its ranked rate (the
        data does not say the two are complements, so no rate is worked out from it)."""
        if asked.measure in _TOLD:
            return self._told_apart(asked, {f.force for f in ranked})
        if asked.measure != "recording_rate":
            return ()
        rate_of = {f.force: f for f in ranked}
        shares = self._primary_by_force(replace(asked, measure=_UNRECORDED_SHARE))
        # Wiltshire 2017: violent crime "under-reported by 12.3 per cent", a share not recorded
        for force, facts in self._primary_by_force(replace(asked, measure=_NOT_RECORDED)).items():
            shares.setdefault(force, [f for f in facts if f.denominator is None])
        return tuple(
            f
            for force, facts in shares.items()
            for f in facts[:1]
            if force not in rate_of or f.year_sort_key > rate_of[force].year_sort_key
        )

    def _read_from_other_side(self, topic: str, apart: tuple[Fact, ...]) -> set[str]:
        """The forces listed apart whose data has a figure of the asked side too (of the same
        inspection, shown once as its other side's figure): they have a figure for it."""
        asked = primary_of(topic)
        if not apart:
            return set()
        every = self.core.store.facts  # with the rows shown once as their other side
        return {
            f.force
            for f in apart
            if any(
                g.measure in asked
                and (g.inspection_year == f.inspection_year or same_finding(g, f))
                for g in every
                if g.force == f.force
            )
        }

    def _told_apart(self, asked: Query, ranked: set[str]) -> tuple[Fact, ...]:
        """Victims told and not told are two measures: the other one's figures, of the forces
        not ranked, are listed apart, never turned into the ranked one."""
        other = "victims_not_told" if asked.measure == "victims_told" else "victims_told"
        by_force = self._primary_by_force(replace(asked, measure=other))
        return tuple(f for force, facts in by_force.items() if force not in ranked for f in facts)

    def filter(self, query: Query) -> Answer:
        """Every force whose latest crime-recording grade is the one asked; then the forces
        that had it at an earlier inspection."""
        grade = query.grade_filter
        since = query.years[0] if query.years and query.years[-1] is None else None
        latest, earlier = [], []
        graded = 0
        rows = self.core.store.forces
        for force in rows:
            if query.country and rows[force].get("country") != query.country:
                continue  # "which Welsh forces are good"
            grades = [f for f in self.core.facts_of[force] if f.measure == "grade"]
            if query.year is not None:
                grades = [f for f in grades if f.inspection_year == query.year]
            newest = latest_per_figure(grades)
            if not newest:
                continue
            graded += 1
            if since is not None:  # "rated good since 2019": a grade of 2019 or later
                grades = [f for f in grades if (f.inspection_year or 0) >= since]
            if newest[0].value == grade and newest[0] in grades:
                latest.append(newest[0])
            else:
                before = [f for f in grades if f.value == grade]
                if before:
                    earlier.append(max(before, key=lambda f: f.year_sort_key))
        groups = tuple(
            Group(kind, tuple(facts))
            for kind, facts in (("latest", latest), ("earlier", earlier))
            if facts
        )
        return self.core.base(
            query,
            measure="grade",
            topic="grade",
            facts=tuple(latest + earlier),
            lead=None,  # the first sentence counts the forces; no one force is put first
            groups=groups,
            coverage=graded,
            missing=not latest and not (query.ever and earlier),
            since=since,
            ever=query.ever,
        )

    def select(self, query: Query) -> Answer:
        """ "Which forces have a recording rate above 95%", "over 20,000 crimes a year
        unrecorded", "Welsh forces": exactly the forces that match, each by its latest figure
        of the measure (2014 samples apart), those a hedge leaves unclear ("on the line") apart."""
        topic = query.measure if query.measure == "unrecorded_per_year" else "recording_rate"
        offence = query.offence if topic == "unrecorded_per_year" and query.offence else "all"
        asked = replace(query, measure=topic, offence=offence, year=None, years=())
        matching, unclear, old = [], [], []
        coverage = 0
        for force in self.core.store.forces:
            if query.country and self.core.store.forces[force].get("country") != query.country:
                continue
            figures = [
                f
                for f in self.core.figures(force, asked)
                if f.measure == topic and f.offence == offence and f.number is not None
            ]
            later = [f for f in figures if not f.is_2014]
            if not later:
                old += [f for f in figures if f.is_2014][:1]
                continue
            coverage += 1
            verdict = PASSES if query.threshold is None else judge(later[0], query.threshold)
            if verdict == PASSES:
                matching.append(later[0])
            elif verdict == ON_THE_LINE:
                unclear.append(later[0])
        for facts in (matching, unclear):
            facts.sort(key=lambda f: (-(f.number or 0.0), f.force))
        return self.core.base(
            query,
            intent="select",
            measure=topic,
            topic=topic,
            shown_offence=offence,
            facts=tuple(matching + unclear + old),
            lead=None,  # the first sentence counts the forces; no one force is put first
            groups=(
                Group("latest", tuple(matching)),
                Group("on_the_line", tuple(unclear)),
                Group("only_2014", tuple(old)),
            ),
            missing=not matching,
            coverage=coverage,
        )
