"""Truth-linter checks added after the second independent audit (used by test_truth.py):

- an accuracy word ranks by the measure's direction ("least accurate" = worst);
- a highest-first list of wrongly cancelled records ranks no force that had none, and its
  first sentence names every higher figure it left out for want of a sample size;
- "our data has no such figure from that one" is true: the force's later inspections hold no
  figure of the asked measure's family (a rate, an unrecorded share or estimate, extra crimes
  recorded, hedged or not) for the offence shown;
- a change over time ("getting better", "since 2016") lists its figures oldest first;
- a threshold or country list ("above 95%", "Welsh forces") holds exactly the matching forces;
- an `other` row is never called "other offences"; a 2014 force with none is said to have none;
- one figure is never a ranking ("Worst 1 of 1"); a recording-rate ranking of an offence names
  every unrecorded share of a force it did not rank, as a different measure;
- a victims-told sample under 50 says it is small; "excluding fraud" in the source is kept; a
  percent's confidence interval is kept beside a hedge ("some 16%"); the dataset's note
  ("other = …") is never printed as the source's words.

And after the third audit (`check_audit4`):
- no finding is printed twice in one answer: two figures of one force, offence and source page
  whose words overlap, of one finding (a count and its percent; told and not told), are one;
  a share's count said beside it is printed with it;
- no undated row is shown when a dated row of the same force, offence, source page and finding
  exists, or a 2016-2020 row of the same measure and figure from another page (its twin);
- a heading that counts ("(2)", "4 forces …:") counts the lines it heads; a force that had none
  wrongly cancelled of a sample is named with its sample, never among those without one.
"""

import itertools
import re

from knowledge import Answer, Knowledge
from knowledge.facts import Fact
from knowledge.measures import FAMILIES
from knowledge.rankings import score_is_high_first

NO_SUCH_FIGURE = "our data has no such figure from that one"
AUDITS = ("cancelled_incorrect", "cancelled_incorrect_pct")


def check_accuracy_words(answer: Answer) -> None:
    words = answer.question.lower()
    if answer.intent == "rank" and ("least accurate" in words or "most inaccurate" in words):
        assert answer.rank == "worst", answer.question
    if answer.intent == "rank" and "most accurate" in words:
        assert answer.rank == "best", answer.question


def check_highest_first(answer: Answer, text: str) -> None:
    if answer.intent != "rank" or answer.topic != "cancelled_incorrect" or not answer.places:
        return
    if not score_is_high_first(answer.topic, answer.rank or "worst"):
        return
    ranked = answer.facts[: len(answer.places)]
    assert not any(f.none_found for f in ranked), answer.question
    lead = answer.lead
    assert lead is not None
    first = text.split("\n\n")[0]
    for f in answer.group("no_sample"):
        higher = f.value is not None and (f.number or 0) > (lead.number or 0)
        more = f.value is None and (f.numerator or 0) > (lead.numerator or 0)
        if higher or more:
            assert f.force in first, (answer.question, f.force)


def check_no_such_figure(knowledge: Knowledge, answer: Answer, text: str) -> None:
    if NO_SUCH_FIGURE not in text or not answer.forces:
        return
    measure = answer.measure or answer.topic
    shown_measures = {f.measure for f in answer.facts}
    family = set(FAMILIES.get(measure or "", ())) | shown_measures
    offences = {f.offence for f in answer.facts}
    newest = max(f.year_sort_key for f in answer.facts)
    later = [
        f
        for f in knowledge.answerer.facts_of[answer.forces[0]]
        if f.measure in family and f.offence in offences and f.year_sort_key > newest
    ]
    assert not later, (answer.question, later[:2])


def check_history(answer: Answer) -> None:
    """A change over time lists each inspection once, oldest first, from the year asked."""
    if answer.intent != "history":
        return
    keys = [f.year_sort_key for f in answer.facts]
    assert keys == sorted(keys), answer.question
    if answer.year:
        assert all((f.inspection_year or 2016) >= answer.year for f in answer.facts)


def check_selection(knowledge: Knowledge, answer: Answer) -> None:
    """A threshold or country list holds exactly the forces whose latest all-crime rate
    (2014 samples apart) matches: never an alphabetical list of every force."""
    if answer.intent != "select" or answer.threshold is not None:
        return  # a threshold list is checked, hedges and all, by check_threshold_list
    listed = {f.force: f for f in answer.group("latest")}
    for force, facts in knowledge.answerer.facts_of.items():
        rates = [
            f
            for f in facts
            if f.measure == "recording_rate" and f.offence == "all" and not f.is_2014
        ]
        if not rates or force == "England and Wales":
            continue
        newest = max(f.year_sort_key for f in rates)
        latest = [f for f in rates if f.year_sort_key == newest]
        country = knowledge.store.forces[force].get("country")
        in_place = not answer.forces or force in answer.forces  # "in the north east"
        in_group = answer.country in (None, country) and in_place
        if in_group:
            assert force in listed, (answer.question, force)
        if force in listed:
            assert in_group and listed[force] in latest, (answer.question, force)


def check_offence_words(answer: Answer, text: str) -> None:
    """`other` rows are the offences the source names (rape, robbery and violence together in
    2014), never "other offences"; a 2014 force that had none is said to have had none."""
    assert "other offence record" not in text, answer.question
    for f in answer.group("only_2014"):
        if f.none_found and f"{f.force} (2014)" in text:
            assert "had none" in text.lower(), (answer.question, f.force)


_ONE_OF_ONE = re.compile(r"\b(Worst|Best|Highest|Lowest) 1 of 1\b")


def check_rankings_of_one(knowledge: Knowledge, answer: Answer, text: str) -> None:
    assert not _ONE_OF_ONE.search(text), answer.question
    if answer.intent != "rank" or answer.topic != "recording_rate" or not answer.places:
        return
    offence = answer.shown_offence or answer.offence or "all"
    for force, facts in knowledge.answerer.facts_of.items():
        of_year = [
            f for f in facts if f.offence == offence and answer.year in (None, f.inspection_year)
        ]
        shares = [f for f in of_year if f.measure == "unrecorded_rate"]
        rated = [f for f in of_year if f.measure == "recording_rate" and not f.is_2014]
        if shares and not rated:  # no rate to rank it by: its share is named apart
            assert force in text and "a different measure" in text, (answer.question, force)


def check_qualifiers(answer: Answer, text: str) -> None:
    for f in answer.facts:
        shown = f.numerator is not None and f"{f.numerator} of {f.denominator}" in text
        if f.measure in ("victims_told", "victims_not_told") and f.small_sample and shown:
            assert "small sample" in text, (answer.question, f.force)
        if f.excludes_fraud and f.value and f"{f.value}%" in text:
            assert "excluding fraud" in text, (answer.question, f.force)
        hedged = f.kind == "percent" and f.ci_plus_minus and f"some {f.value}%" in text
        if hedged:
            assert f"+/- {f.ci_plus_minus}" in text, (answer.question, f.force)
    assert "the source says: “other =" not in text, answer.question


def _finding(fact: Fact) -> str:
    """The finding a measure states, whichever side or form: told = not told = its percent."""
    return fact.measure.removesuffix("_pct").replace("victims_not_told", "victims_told")


def _one_finding(a: Fact, b: Fact) -> bool:
    words = a.quote and b.quote and (a.quote in b.quote or b.quote in a.quote)
    same_place = (a.force, a.offence, a.source_url) == (b.force, b.offence, b.source_url)
    return bool(words) and same_place and _finding(a) == _finding(b)


def check_shown_once(answer: Answer, text: str) -> None:
    """No finding printed twice; a share's count beside it is printed with it."""
    for a, b in itertools.combinations(answer.facts, 2):
        if a.row_id != b.row_id and a.inspection_year == b.inspection_year:
            assert not _one_finding(a, b), (answer.question, a, b)
    for f in answer.facts:
        count = f.count_beside
        if count is not None and f.source_url in text and f"{f.force} (" not in text:
            said = "none was" if count.numerator == 0 else f"counts {count.numerator} "
            assert said in text, (answer.question, f.force)


def check_no_undated_twin(knowledge: Knowledge, answer: Answer) -> None:
    """An undated figure is never shown where a dated row of the same force, offence, source
    page and finding exists."""
    for f in answer.facts:
        if f.inspection_year is not None:
            continue
        twins = [
            d
            for d in knowledge.store.facts
            if d.inspection_year is not None
            and (d.force, d.offence) == (f.force, f.offence)
            and (
                (d.source_url == f.source_url and _finding(d) == _finding(f))
                or (
                    not d.is_2014
                    and (d.measure, d.value, d.numerator, d.denominator)
                    == (f.measure, f.value, f.numerator, f.denominator)
                )
            )
        ]
        assert not twins, (answer.question, f, twins[:1])


_COUNTED = re.compile(r"^(\d{1,2}) forces? .*:$|^.*\((\d{1,2})\):?$")


def check_counted_headings(answer: Answer, text: str) -> None:
    """A heading that counts its forces counts the lines under it."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        found = _COUNTED.match(line)
        if not found or line.startswith("•"):
            continue
        items = list(itertools.takewhile(lambda x: x.startswith("•"), lines[i + 1 :]))
        if not items:
            continue  # a names-only line, or prose
        forces = {re.sub(r"^• (\d+=?\. )?", "", x).split(":")[0].split(",")[0] for x in items}
        assert len(forces) == int(found.group(1) or found.group(2)), (answer.question, line)


def check_zeros_with_samples(answer: Answer, text: str) -> None:
    """A force that had none wrongly cancelled of a sample is named with that sample."""
    for f in answer.group("none"):
        if f.denominator and f"{f.force} (" in text:
            assert f"{f.force} (0" in text, (answer.question, f.force)


def check_audit4(knowledge: Knowledge, answer: Answer, text: str) -> None:
    check_shown_once(answer, text)
    check_no_undated_twin(knowledge, answer)
    check_counted_headings(answer, text)
    check_zeros_with_samples(answer, text)


def check_audit2(knowledge: Knowledge, answer: Answer, text: str) -> None:
    check_rankings_of_one(knowledge, answer, text)
    check_qualifiers(answer, text)
    check_accuracy_words(answer)
    check_offence_words(answer, text)
    check_selection(knowledge, answer)
    check_history(answer)
    check_highest_first(answer, text)
    check_no_such_figure(knowledge, answer, text)
