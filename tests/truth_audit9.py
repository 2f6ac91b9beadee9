"""Truth-linter checks added for the framing items found on main after the ninth audit (used
by test_truth.py):

- a 2014 audit sample is shown as "n of N" with the 2014 caveat, never with an interval;
- a list of rates highest first (a country, a place) or a ranking of rates leads with the
  first force's figure and the second's, and says when they come from different inspections
  or their intervals overlap, never a bare order;
- a threshold list counts and names the forces whose confidence interval reaches across the
  threshold, exactly those (by a separate reading of findings.csv);
- a force summary shows every inspection of the force with figures, newest first, or names
  the ones it leaves out.
"""

import re

from threshold_oracle import latest_rows

from knowledge import Answer, Knowledge
from knowledge.vocabulary import NATIONAL


def check_2014_samples(answer: Answer, text: str) -> None:
    for f in answer.facts:
        if not (f.is_2014 and f.measure == "cancelled_incorrect" and f.denominator):
            continue
        sample = f"{f.numerator} of {f.denominator} "
        for line in text.splitlines():
            if line.startswith("•") and sample in line and f.source_url in line:
                assert "Wilson" not in line, (answer.question, line)
                caveat = "2014 audit sample" in line or "not statistically significant" in text
                assert caveat, (answer.question, line)


def check_top_two(answer: Answer, text: str) -> None:
    ordered = answer.group("ordered")
    if answer.intent not in ("select", "rank") or answer.topic != "recording_rate":
        return
    if answer.intent == "select" and not answer.threshold and len(answer.group("latest")) > 1:
        assert len(ordered) == 2, answer.question
    if len(ordered) != 2:
        return
    first = text.split("\n\n")[0]
    a, b = ordered
    for f in (a, b):
        assert f.force in first and f"{f.value}%" in first, (answer.question, first)
    different = (a.inspection_kind, a.inspection_year) != (b.inspection_kind, b.inspection_year)
    assert ("come from different inspections" in first) == different, (answer.question, first)
    assert answer.order.startswith(("higher", "overlap", "no_interval")), answer.question
    if answer.order.startswith("overlap"):
        assert "do not clearly differ" in first, (answer.question, first)


def check_interval_across(answer: Answer, text: str) -> None:
    if answer.intent != "select" or not answer.threshold or answer.topic != "recording_rate":
        return
    limit = answer.threshold[1]
    rows = knowledge_rows_across(limit, answer.country, answer.forces)
    across = {f.force for f in answer.group("interval_across")}
    assert across == rows, (answer.question, across ^ rows)
    first = text.split("\n")[0]
    if across:
        assert f"intervals of {len(across)} forces'" in first or (
            len(across) == 1 and "interval of 1 force's" in first
        ), (answer.question, first)
        for force in across:
            assert force in first, (answer.question, force)


_COUNTRY: dict[str, str] = {}


def knowledge_rows_across(limit: float, country: str | None, forces: tuple[str, ...]) -> set[str]:
    """Forces whose newest all-crime rate (2016 on) has a confidence interval with the limit
    strictly inside it, read straight from findings.csv."""
    found = set()
    for force, kept in latest_rows("recording_rate", "all").items():
        if (country and _COUNTRY.get(force) != country) or (forces and force not in forces):
            continue
        for row in kept[:1]:
            if row["ci_plus_minus"]:
                value, margin = float(row["value"]), float(row["ci_plus_minus"])
                if value - margin < limit < value + margin:
                    found.add(force)
    return found


def check_summary_inspections(knowledge: Knowledge, answer: Answer, text: str) -> None:
    """Every inspection of the force with figures is shown, newest first, or named as left
    out (a summary for years asked keeps to those years)."""
    if answer.intent != "force_summary" or answer.year or answer.kind_asked or answer.missing:
        return
    force = answer.forces[0]
    every = knowledge.answerer.facts_of.get(force, [])
    if answer.years:
        return  # checked by the year filter's own test
    shown = [f.inspection for f in answer.facts]
    omitted = {f.inspection for f in answer.group("omitted_inspections")}
    assert {f.inspection for f in every} == set(shown) | omitted, (answer.question, force)
    for title in omitted:
        assert title in text.split("Also in our data, not shown here")[-1], answer.question
    groups = list(dict.fromkeys(shown))
    newest = [max(f.year_sort_key for f in answer.facts if f.inspection == g) for g in groups]
    assert newest == sorted(newest, reverse=True), (answer.question, groups)
    headings = re.findall(r"^From (.+?):$", text, re.M)
    assert len(headings) == len(groups), (answer.question, headings, groups)


def check_improved(answer: Answer, text: str) -> None:
    """ "Has it improved": a "Yes" lead has no measure whose latest figure is lower than its
    first; a "No" lead none whose latest is higher; and every such lead names both ends."""
    if answer.intent != "history" or not answer.order or "chang" in answer.question.lower():
        return
    first = text.split("\n\n")[0]
    for steps in (answer.group("rate_steps"), answer.group("grade_steps")):
        if len(steps) < 2:
            continue
        a, b = steps[0].number or 0.0, steps[-1].number or 0.0
        if first.startswith("Yes,"):
            assert b > a, (answer.question, first)
        if first.startswith("No, not"):
            assert b <= a, (answer.question, first)
        for f in (steps[0], steps[-1]):
            assert str(f.inspection_year) in first, (answer.question, first)


def check_ninth_audit(knowledge: Knowledge, answer: Answer, text: str) -> None:
    if not _COUNTRY:
        _COUNTRY.update({f: row.get("country", "") for f, row in knowledge.store.forces.items()})
    check_2014_samples(answer, text)
    check_top_two(answer, text)
    check_interval_across(answer, text)
    check_summary_inspections(knowledge, answer, text)
    check_improved(answer, text)
    assert NATIONAL not in answer.forces or answer.intent != "force_summary"


def audit9_questions(shorts: list[str]) -> list[str]:
    """Generated wordings of the framing items found after the ninth audit."""
    return (
        [f"tell me about {s}" for s in shorts]
        + [f"{s} police" for s in shorts]
        + [f"is {s} getting {w}" for s in shorts for w in ("better", "worse")]
        + [f"{s} cancelled crimes 2014" for s in shorts[::3]]
        + [
            f"which {c} force is {w} at recording crime"
            for c in ("welsh", "english")
            for w in ("best", "top")
        ]
        + [f"which forces record crime best in the {r}" for r in ("north east", "south west")]
        + [
            f"which forces record {side} {n}% of crime"
            for side in ("less than", "at most", "more than", "at least")
            for n in (88.3, 90, 90.5, 95)
        ]
    )
