"""Truth-linter checks added for the framing items of the tenth audit (used by test_truth.py):

- a list of rates asked from its bottom ("which Welsh force is worst") runs lowest first and
  its first sentence names the lowest;
- an answer that says "each line links its own source" links a source on every figure line;
- a figure whose link is a later report restating it (Merseyside 2016) says so on its line;
- "no figure from that year" names the years that have one, or says no year has, truly;
- a comparison for a year one force has no figure from says so first, with its nearest;
- a comparison shows the grade of every inspection whose rate it shows; "which is better"
  about two grades gives a verdict (different kinds, the same grade, or the better one);
- a history says what its lines hold and shows each inspection's offence recording rates;
- "how good is X at recording crime" gives the latest grade; a ranking's note about a newer
  figure of another measure names only forces it lists; a "news report" footer sits only under
  a news figure, "of the inspection" only under an inspection's; "which forces have no X"
  lists the forces without one, or says none; a compact line never names an inspection by
  its year alone.
"""

import re

from knowledge import Answer, Knowledge
from knowledge.measures import primary_of
from knowledge.order import asks_order

_BARE_YEAR = re.compile(r"; (?:re-inspection |PEEL, )?\d{4}\. ")
_PRESS = 'Figures marked "news report" were read from press coverage'


def check_bottom_first(answer: Answer, text: str) -> None:
    if answer.intent != "select" or answer.threshold or answer.topic != "recording_rate":
        return
    latest = answer.group("latest")
    numbers = [f.number or 0.0 for f in latest]
    low = answer.rank in ("worst", "least")  # the parser's reading of "worst", "lowest", ...
    assert numbers == sorted(numbers, reverse=not low), (answer.question, numbers)
    worst = re.search(r"\b(worst|lowest|least|poorest|bottom)\b", answer.question.lower())
    assert low == bool(worst), answer.question
    if low and len(latest) > 1:
        first = text.split("\n")[0]
        assert first.startswith(f"{latest[0].force} has the lowest"), (answer.question, first)


def check_each_line_links(answer: Answer, html: str) -> None:
    if "each line links its own source" not in html:
        return
    for line in html.splitlines():
        if line.startswith("•") and "<b>" in line:
            assert "<a href=" in line, (answer.question, line)


def check_later_links(answer: Answer, text: str) -> None:
    for f in answer.facts:
        if not f.stated_later:
            continue
        for line in text.splitlines():
            if line.startswith("•") and f.source_url in line:
                assert f"the link is to the later {f.stated_later} report" in line, line
        if f.source_url in answer.citation:
            assert f"later {f.stated_later} report" in answer.citation, answer.citation


def check_no_year_pointer(knowledge: Knowledge, answer: Answer, text: str) -> None:
    if answer.intent != "lookup" or not answer.missing or not answer.year or not answer.measure:
        return
    force = answer.forces[0]
    if answer.other_years:
        years = ", ".join(str(y) for y in answer.other_years)
        assert f"such figures for {force} from {years}" in text, (answer.question, text)
        return
    assert f"no such figure for {force} from any year" in text, (answer.question, text)
    wanted = primary_of(answer.measure)
    assert not [
        f
        for f in knowledge.answerer.facts_of.get(force, [])
        if f.measure in wanted and answer.offence in (None, f.offence)
    ], answer.question


def check_compare(answer: Answer, text: str) -> None:
    if answer.intent != "compare":
        return
    first = text.split("\n\n")[0]
    leads = answer.group("leads")
    if answer.year and len(leads) < len(answer.forces):
        assert first.startswith(f"Our data has no {answer.year} "), (answer.question, first)
        for f in answer.group("nearest"):
            assert f.force in first and str(f.inspection_year) in first, (answer.question, first)
    grades = [f for f in leads if f.measure == "grade"]
    if len(grades) == 2 and len(answer.forces) == 2 and asks_order(answer.question):
        a, b = grades
        kinds = a.inspection_kind != b.inspection_kind
        assert ("cannot be compared directly" in first) == (
            kinds or (a.value == "adequate") != (b.value == "adequate")
        ), (answer.question, first)
        if not kinds and a.value == b.value:
            assert "do not separate them" in first, (answer.question, first)
        elif not kinds and "adequate" not in (a.value, b.value):
            better = a if (a.number or 0) > (b.number or 0) else b
            assert first.startswith(f"{better.force} has the better latest grade"), first


def check_compare_grades(knowledge: Knowledge, answer: Answer) -> None:
    """Each inspection a comparison shows a rate of shows that inspection's grade too."""
    if answer.intent != "compare" or answer.measure is not None or answer.offence:
        return
    for f in answer.facts:
        if f.measure != "recording_rate":
            continue
        own = [
            g
            for g in knowledge.answerer.facts_of.get(f.force, [])
            if g.measure == "grade" and g.inspection == f.inspection
        ]
        shown = [
            g
            for g in answer.facts
            if g.measure == "grade" and g.inspection == f.inspection and g.force == f.force
        ]
        assert bool(own) == bool(shown), (answer.question, f.force, f.inspection)


def check_history(knowledge: Knowledge, answer: Answer, text: str) -> None:
    if answer.intent != "history" or answer.missing:
        return
    assert "Every figure" not in text, answer.question
    if answer.offence or answer.measure not in (None, "recording_rate") or answer.more:
        return
    years = {f.inspection for f in answer.facts}
    for f in knowledge.answerer.facts_of.get(answer.forces[0], []):
        if f.measure == "recording_rate" and not f.is_2014 and f.inspection in years:
            assert f in answer.facts, (answer.question, f.offence, f.inspection)


def check_judgement(knowledge: Knowledge, answer: Answer) -> None:
    asked = answer.question.lower()
    if answer.intent != "lookup" or not asked.startswith("how good is") or answer.year:
        return
    if answer.measure != "recording_rate" or answer.offence not in (None, "all"):
        return
    grades = [
        f for f in knowledge.answerer.facts_of.get(answer.forces[0], []) if f.measure == "grade"
    ]
    if grades:
        assert any(f.measure == "grade" for f in answer.facts), answer.question


def check_rank_notes(answer: Answer) -> None:
    if answer.intent != "rank":
        return
    ranked = {f.force for f in answer.facts[: len(answer.places)]}
    for f in answer.group("ranked_older"):
        assert f.force in ranked, (answer.question, f.force)


def check_press_footer(answer: Answer, text: str) -> None:
    news = {f.inspection_kind for f in answer.facts if f.source_kind == "news"}
    if _PRESS in text:
        assert news, answer.question
    if f"{_PRESS} of the inspection" in text:
        assert news - {"home_office"}, answer.question
    if f"{_PRESS} of the Home Office data" in text:
        assert news == {"home_office"}, answer.question


def check_without(knowledge: Knowledge, answer: Answer, text: str) -> None:
    if answer.intent != "offence_overview" or not answer.asked_none:
        return
    if answer.topic == "cancelled_incorrect":
        return
    assert not re.match(r"\d+ of the \d+ forces have a figure", text), answer.question
    assert "•" not in text, answer.question
    if not answer.forces:
        assert text.startswith("None:"), (answer.question, text[:80])


def check_compact_when(answer: Answer, text: str) -> None:
    assert not _BARE_YEAR.search(text), (answer.question, _BARE_YEAR.search(text))


def check_tenth_audit(knowledge: Knowledge, answer: Answer, text: str, html: str) -> None:
    check_bottom_first(answer, text)
    check_each_line_links(answer, html)
    check_later_links(answer, text)
    check_no_year_pointer(knowledge, answer, text)
    check_compare(answer, text)
    check_compare_grades(knowledge, answer)
    check_history(knowledge, answer, text)
    check_judgement(knowledge, answer)
    check_rank_notes(answer)
    check_press_footer(answer, text)
    check_without(knowledge, answer, text)
    check_compact_when(answer, text)


def audit10_questions(shorts: list[str]) -> list[str]:
    """Generated wordings of the tenth audit's framing items."""
    pairs = list(zip(shorts, shorts[3:] + shorts[:3], strict=True))
    return (
        [
            f"which {c} force is {w} at recording crime"
            for c in ("welsh", "english")
            for w in ("worst", "lowest", "best")
        ]
        + [
            f"which forces {v} their grade after re-inspection"
            for v in ("improved", "worsened", "changed")
        ]
        + [f"{s} cancelled crimes {y}" for s in shorts for y in (2016, 2019)]
        + [f"{s} recording rate 2020" for s in shorts[::2]]
        + [f"compare {a} and {b} recording rate 2017" for a, b in pairs[::2]]
        + [f"compare {a} and {b} 2019" for a, b in pairs[1::3]]
        + [f"which is better, {a} or {b}" for a, b in pairs]
        + [f"which is better, {a} or {b} grade" for a, b in pairs[::2]]
        + [f"how good is {s} at recording crime now" for s in shorts]
        + [f"how good is {s} now" for s in shorts[::2]]
        + [
            f"which forces have no {m}"
            for m in (
                "recording rate",
                "grade",
                "estimate of unrecorded crime",
                "recording rate for violence",
                "recording rate for rape",
            )
        ]
        + [f"{d} 5 forces by recording rate" for d in ("top", "bottom")]
        + ["how many crimes were cancelled in england and wales", "home office cancelled crimes"]
    )
