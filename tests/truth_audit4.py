"""Truth-linter checks added after the fourth independent audit (used by test_truth.py):

- no answer starts in lower case ("forces in England and Wales recorded ...");
- every answer with figures has a citation, at most 256 characters with the link whole (one
  whose figures come from several sources cites its lead or first listed item and says whose
  under the answer); a citation of a press report says so ("As reported in the
  press:" or, when it must be short, "Press report:"), one of the force's own words says so;
- "which forces did not wrongly cancel X" leads with the forces that had none, every one named;
- a list across forces ("by force", "for all forces") leads with the forces, not the national
  figure;
- a lookup asked for the latest whose figures are older than the force's latest inspection says
  so in its first sentence;
- a note on small audit samples gives the sizes of the samples it sits under.
"""

import re

from knowledge import Answer, Knowledge
from knowledge.asking import asks_for_none

PRESS_MARKERS = ("As reported in the press:", "Press report:")
FORCE_MARKERS = ("As published by the force or PCC:", "Force/PCC statement:")
_SAMPLES = re.compile(r"[Aa]udit samples were small \(([^)]*)\)")


def check_lead_case(answer: Answer, text: str) -> None:
    lines = text.split("\n")
    first = lines[1] if answer.carried and len(lines) > 1 else lines[0]
    assert not first[:1].islower(), (answer.question, first[:80])


def check_citation(answer: Answer, text: str) -> None:
    """Every answer with figures has a citation (none without); one that holds only some of
    the figures (a list's first force, a ranking's top) says whose, under the answer."""
    assert bool(answer.citation) == bool(answer.facts), answer.question
    if not answer.citation:
        return
    if answer.cited_part:
        note = text.rsplit("\n", 1)[-1]
        assert note.startswith("The copy-ready citation is for "), (answer.question, note)
        named = answer.cited[0].force
        assert named in answer.citation or " forces" in answer.citation, answer.citation
        if named in answer.named_forces and len(answer.named_forces) > 1:
            assert answer.cited_part == named and f"{named}'s figure" in note, note
    else:
        cited = {f.source_url for f in answer.cited}
        assert {f.source_url for f in answer.facts} <= cited or answer.lead, answer.question
    assert len(answer.citation) <= 256, answer.question
    cited = answer.cited
    assert cited and answer.citation.endswith(" " + cited[0].source_url), answer.question
    kind = cited[0].source_kind
    if kind == "news":
        assert any(m in answer.citation for m in PRESS_MARKERS), answer.citation
    elif kind == "police_or_pcc":
        assert any(m in answer.citation for m in FORCE_MARKERS), answer.citation
    else:
        assert not any(m in answer.citation for m in PRESS_MARKERS + FORCE_MARKERS)


def check_asked_none(answer: Answer, text: str) -> None:
    audit = answer.intent == "offence_overview" and answer.topic == "cancelled_incorrect"
    if not audit or answer.missing or answer.threshold or not asks_for_none(answer.question):
        return
    first = text.split("\n\n")[0]
    assert first.startswith("Our data names "), (answer.question, first[:80])
    assert " forces with no wrongly cancelled " in first.split(".")[0], answer.question
    nones = [f.force for f in (*answer.group("none"), *answer.group("only_2014")) if f.none_found]
    assert all(force in first for force in nones), (answer.question, nones)


def check_per_force_lead(answer: Answer, text: str) -> None:
    if answer.intent != "offence_overview" or answer.topic == "cancelled_incorrect":
        return
    if answer.missing:
        return
    first = text.split("\n")[0]
    assert "England and Wales" not in first.split(";")[0], (answer.question, first[:80])
    # "which forces have no recording rate": "None: all 43 of the 43 forces have one"
    assert re.match(r"(\d+ of the \d+ forces|Our data has no|Only one force|None: all)", first), (
        first
    )


def check_latest_first(answer: Answer, text: str) -> None:
    if not (answer.asked_latest and answer.older_than_latest and answer.latest):
        return
    first = text.split("\n")[1 if answer.carried else 0]
    latest = answer.latest[0].title
    assert first.startswith(f"{answer.forces[0]}'s latest inspection in our data, {latest}"), (
        answer.question,
        first[:120],
    )


def check_sample_note(answer: Answer, text: str) -> None:
    sizes = {
        f.denominator
        for f in answer.facts
        if f.measure.startswith("cancelled") and f.denominator and f.force != "England and Wales"
    }
    for note in _SAMPLES.findall(text):
        if not sizes:
            assert "no sample size" in note, (answer.question, note)
            continue
        shown = {int(n) for n in re.findall(r"\d+", note)}
        assert shown <= sizes and {min(sizes), max(sizes)} <= shown, (answer.question, note)


def check_fourth_audit(knowledge: Knowledge, answer: Answer, text: str) -> None:
    check_lead_case(answer, text)
    check_citation(answer, text)
    check_asked_none(answer, text)
    check_per_force_lead(answer, text)
    check_latest_first(answer, text)
    check_sample_note(answer, text)


def audit4_questions(shorts: list[str]) -> list[str]:
    """Generated wordings of what the fourth audit found: negated lists, lists by force, and
    "latest" asked of every force."""
    offences = ("rape", "robbery", "violence", "sexual offences", "crimes")
    negated = [
        f"{pattern} {o}"
        for pattern in (
            "forces that did not wrongly cancel any",
            "which forces didn't wrongly cancel",
            "which forces never wrongly cancelled",
            "forces with zero wrongly cancelled",
            "which forces had none wrongly cancelled for",
        )
        for o in offences
    ]
    by_force = [
        wording.format(m)
        for m in ("recording rates", "unrecorded crimes", "violent crime recording rate")
        for wording in (
            "{} by force",
            "{} for all forces",
            "{} for each force",
            "every force's {}",
        )
    ]
    latest = [
        f"{s} {m} {w}"
        for s in shorts
        for m, w in (("cancelled crimes", "latest inspection"), ("recording rate", "now"))
    ]
    return negated + by_force + latest
