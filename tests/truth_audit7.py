"""Truth-linter checks added after the seventh independent audit (used by test_truth.py):

- the copy-ready citation cites a figure the answer prints (never a national count a threshold
  list leaves out), and the note under it names that figure's force;
- a citation keeps its inspection title whole (room is found elsewhere first);
- a ranking of recording rates never says "not ranked" of a force it ranks;
- a comparison shows each force's inspections once each, newest first;
- a 2014 share left unrecorded is shown as the audit sample it is.
"""

from knowledge import Answer, Knowledge
from knowledge.facts import Fact
from knowledge.render import thousands
from knowledge.vocabulary import NATIONAL


def printed(fact: Fact, text: str) -> bool:
    """Whether the figure of this fact is in the answer's text."""
    if fact.numerator is not None and fact.denominator is not None:
        n, d = fact.numerator, fact.denominator
        return f"{n} of {d}" in text or f"{n} of the {d}" in text
    if fact.value is not None:
        return fact.value in text or thousands(fact.value) in text
    if fact.numerator is not None:
        return str(fact.numerator) in text
    return True


def check_citation_is_printed(knowledge: Knowledge, answer: Answer, text: str) -> None:
    cited = answer.cited
    if not cited or not answer.citation:
        return
    assert printed(cited[0], text), (answer.question, cited[0].force, answer.citation)
    part = answer.cited_part
    if part is not None and part in knowledge.store.forces | {NATIONAL: {}}:
        assert part == cited[0].force, (answer.question, part)
    whole = [f for f in cited if f.inspection in answer.citation]
    assert whole, (answer.question, answer.citation)  # the title is never cut


def check_ranked_not_unranked(answer: Answer, text: str) -> None:
    older = answer.group("ranked_older")
    if answer.intent != "rank" or not older:
        return
    assert "Not ranked: share of crimes left unrecorded" not in text or len(older) < len(
        answer.group("other_measure")
    ), answer.question
    for f in older:
        assert f"a different measure: {f.force}" not in text, (answer.question, f.force)
        assert f"{f.force} is ranked on its latest recording rate" in text, answer.question


def check_compare_groups(answer: Answer) -> None:
    if answer.intent != "compare":
        return
    for force in answer.forces:
        mine = [f for f in answer.facts if f.force == force]
        groups = list(dict.fromkeys(f.inspection for f in mine))
        assert [f.inspection for f in mine] == sorted(
            (f.inspection for f in mine), key=groups.index
        ), (answer.question, force)
        newest = [max(f.year_sort_key for f in mine if f.inspection == g) for g in groups]
        assert newest == sorted(newest, reverse=True), (answer.question, force, groups)


def check_2014_shares(answer: Answer, text: str) -> None:
    for f in answer.facts:
        if f.measure == "unrecorded_rate" and f.is_2014 and f.force != NATIONAL:
            assert f"share of crimes left unrecorded (all crime): {f.value}%" not in text, (
                answer.question
            )


def check_seventh_audit(knowledge: Knowledge, answer: Answer, text: str) -> None:
    check_citation_is_printed(knowledge, answer, text)
    check_ranked_not_unranked(answer, text)
    check_compare_groups(answer)
    check_2014_shares(answer, text)


def audit7_questions(shorts: list[str]) -> list[str]:
    """Generated wordings of what the seventh audit found."""
    thresholds = [
        f"forces that wrongly cancelled {side} {n}% of {o}"
        for side in ("more than", "at least")
        for n in (20, 40)
        for o in ("sexual offences", "rape", "violence", "robbery", "crimes")
    ]
    compares = [f"compare {a} with {b}" for a, b in zip(shorts[::3], shorts[1::3], strict=False)]
    return (
        thresholds
        + compares
        + [f"has {s} improved" for s in shorts]
        + [f"{s} {o} recording" for s in shorts[::2] for o in ("rape", "violence")]
        + [
            f"which force has the {r} recording rate"
            for r in ("lowest", "highest", "worst", "best")
        ]
        + [f"which forces got {w} at re-inspection" for w in ("worse", "better")]
    )
