"""Truth-linter checks added after the fifth independent audit (used by test_truth.py):

- a "no cancelled-crime audit figures for X" sentence is true for exactly the years the answer
  was filtered to, and names them;
- a list with a threshold ("over 20,000 unrecorded", "below 85%") lists only forces past it,
  counts them as it lists them, and never falls back to the first forces alphabetically;
- a list of victims (not) told counts every force with a figure either way and never says a
  force listed apart has "no figure" when it has one of the asked side.
"""

import re

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


def check_threshold_list(answer: Answer, text: str) -> None:
    if answer.threshold is None:
        return
    assert "alphabetically" not in text, answer.question


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
    check_threshold_list(answer, text)


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
    return years + series + ["national cancelled crimes", "how many crimes were cancelled"]
