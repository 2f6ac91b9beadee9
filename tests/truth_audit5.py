"""Truth-linter checks added after the fifth independent audit (used by test_truth.py):

- a "no cancelled-crime audit figures for X" sentence is true for exactly the years the answer
  was filtered to, and names them;
- a list with a threshold ("over 20,000 unrecorded", "below 85%") lists only forces past it,
  counts them as it lists them, and never falls back to the first forces alphabetically;
- a list of victims (not) told counts every force with a figure either way and never says a
  force listed apart has "no figure" when it has one of the asked side.
"""

import re

from threshold_oracle import expected

from knowledge import Answer, Knowledge

_NO_AUDIT = re.compile(
    r"Our data has no cancelled-crime audit figures for "
    r"([^.(]+?)(?: (from|since) ([\d ,or]+))?[ .(]"
)
AUDIT_MEASURES = ("cancelled_incorrect", "cancelled_incorrect_pct", "cancelled_correct")


def check_no_audit_sentence(knowledge: Knowledge, answer: Answer, text: str) -> None:
    for force, side, years in _NO_AUDIT.findall(text):
        facts = [
            f
            for f in knowledge.answerer.facts_of.get(force.strip(), [])
            if f.measure in AUDIT_MEASURES
        ]
        if not side:  # no filter named: the force has none at all
            assert not facts, (answer.question, force)
            continue
        named = [int(y) for y in re.findall(r"\d{4}", years)]
        if side == "since":
            assert not [f for f in facts if (f.inspection_year or 0) >= named[0]], answer.question
        else:
            assert not [f for f in facts if f.inspection_year in named], answer.question


def check_threshold_list(knowledge: Knowledge, answer: Answer, text: str) -> None:
    """A threshold list (recording rates, crimes unrecorded a year) holds every force past the
    threshold and no other, by a separate reading of findings.csv; forces a hedge leaves
    unclear are apart; the first sentence counts what it lists; never alphabetical."""
    if answer.threshold is None or answer.intent != "select":
        return
    assert "alphabetically" not in text, answer.question
    side, limit = answer.threshold
    found = expected(answer.measure or "", answer.shown_offence or "all", side, limit)
    rows = knowledge.store.forces
    sure, may_pass, maybe = (
        {f for f in found[kind] if answer.country in (None, rows[f].get("country"))}
        for kind in ("sure", "may_pass", "maybe")
    )
    listed = {f.force for f in answer.group("latest")}
    unclear = {f.force for f in answer.group("on_the_line")}
    # exact, not loose: a force whose newest rows agree is listed exactly when its figure is
    # surely past the threshold ("less than 90%": 89.9 yes, 90 and "around 90%" no), on the
    # line exactly when its words allow both sides; only a force whose newest rows disagree
    # may go either way
    either_way = may_pass - sure
    assert listed - either_way == sure, (answer.question, sure ^ (listed - either_way))
    assert unclear - either_way == maybe - may_pass, (
        answer.question,
        unclear ^ (maybe - may_pass),
    )
    first = text.split("\n")[0]
    assert first.startswith(f"{len(listed)} " if listed else "None of the"), (
        answer.question,
        first,
    )


def check_series_lead(answer: Answer, text: str) -> None:
    """A national answer with one series' counts of two or more years leads with the newest and
    the oldest, both, and the change between them."""
    counts = [f for f in answer.facts if f.measure == "cancelled_crimes_recorded"]
    if answer.intent != "national" or len({f.inspection_year for f in counts}) < 2:
        return
    first = text.split("\n")[0]
    years = sorted(counts, key=lambda f: f.inspection_year or 0)
    for f in (years[0], years[-1]):
        assert f"{int(f.value or 0):,}" in first, (answer.question, first)
    change = abs(int(years[-1].value or 0) - int(years[0].value or 0))
    assert f"{change:,}" in first, (answer.question, first)


def check_fifth_audit(knowledge: Knowledge, answer: Answer, text: str) -> None:
    check_no_audit_sentence(knowledge, answer, text)
    check_series_lead(answer, text)
    check_threshold_list(knowledge, answer, text)


def audit5_questions(shorts: list[str]) -> list[str]:
    """Generated wordings of what the fifth audit found."""
    years = [
        f"{s} improvement {a} to {b}" for s in shorts[::4] for a, b in ((2017, 2018), (2014, 2016))
    ]
    series = [
        w.format(a, b)
        for a, b in (("2018-19", "2015-16"), ("2015-16", "2018-19"), ("2019", "2016"))
        for w in ("cancelled crimes recorded {} vs {}", "cancelled crimes {} compared with {}")
    ]
    thresholds = [
        f"{who} with {side} {figure} crimes a year unrecorded"
        for who in ("forces", "welsh forces", "english forces")
        for side in ("over", "under", "at least", "fewer than")
        for figure in ("400", "4,800", "10k", "20,000", "ten thousand", "19900", "500,000")
    ] + [
        f"{who} recording {side} {rate}"
        for who in ("forces", "welsh forces")
        for side in ("below", "above", "at most", "at least")
        for rate in ("90%", "85 per cent", "96%", "91%")
    ]
    return (
        years
        + series
        + thresholds
        + ["national cancelled crimes", "how many crimes were cancelled"]
    )
