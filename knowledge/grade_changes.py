"""Which forces' crime-recording grade changed from one inspection to the next: "which forces
went from inadequate to outstanding", "which forces improved their grade", "which got worse".

Each force's grades are read in inspection order (a grade the inspectorate changed counts once,
as its final one); every step from one inspection's grade to the next one's that matches the
question is listed, both grades with their inspections and sources, so no step reads as more
than two inspections' judgements. A step from a crime data integrity judgement to a PEEL grade
is kept, and the answer says the two are different inspections' judgements."""

import re
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING, Final

from knowledge.answer import Answer, Group
from knowledge.facts import Fact
from knowledge.query import Query
from knowledge.vocabulary import GRADE_WORDS

if TYPE_CHECKING:
    from knowledge.answers import Answerer

# Better grades rank higher; "adequate" is a PEEL grade only, between the two.
GRADE_ORDER: Final = {
    "inadequate": 0,
    "requires improvement": 1,
    "adequate": 2,
    "good": 3,
    "outstanding": 4,
}
_GRADE = "(" + "|".join(sorted((re.escape(w) for w in GRADE_WORDS), key=len, reverse=True)) + ")"
# "went from inadequate to outstanding", "improved from requires improvement to good"
_FROM_TO = re.compile(rf"\bfrom {_GRADE}\b(?: grade)?(?: (?:up |down )?to| into) {_GRADE}\b")
_FROM = re.compile(rf"\bfrom (?:an? )?{_GRADE}\b")
_TO = re.compile(rf"\b(?:up |down )?to (?:an? )?{_GRADE}\b")
_BETTER = re.compile(
    r"\b(improved|improve|got better|went up|gone up|rose|risen|raised|lifted|upgraded"
    r"|better (grade|at re ?inspections?))\b"
)
_WORSE = re.compile(
    r"\b(got worse|gotten worse|went down|gone down|fell|fallen|dropped|slipped|lowered"
    r"|downgraded|declined|worsened|worse (grade|at re ?inspections?))\b"
)
_CHANGED = re.compile(r"\b(changed|change|went|moved|switched)\b")
_ABOUT_GRADES = re.compile(r"\b(grade|grades|graded|rating|ratings|rated|re ?inspections?)\b")
_REINSPECTION = re.compile(r"\bre ?inspections?\b")
_WHICH = frozenset({"which", "what", "who", "how", "forces", "list"})


GradeChange = tuple[str, str | None, str | None, bool]


def grade_change_asked(plain: str, measure: str | None = "grade") -> GradeChange | None:
    """(direction, from, to, at re-inspection) of a question about grades changing across
    forces, or None: direction is "better", "worse" or "changed"; from and to are grades when
    named; the last says only steps to a re-inspection were asked about. With no measure
    named, "which forces got worse" asks about grades (the one judgement given again)."""
    found = _grade_change(plain, measure in (None, "grade"))
    return (*found, _REINSPECTION.search(plain) is not None) if found else None


def _grade_change(plain: str, grades: bool) -> tuple[str, str | None, str | None] | None:
    if not set(plain.split()) & _WHICH:
        return None
    found = _FROM_TO.search(plain)
    if found:
        old, new = GRADE_WORDS[found.group(1)], GRADE_WORDS[found.group(2)]
        if old == new:
            return None
        return ("better" if GRADE_ORDER[new] > GRADE_ORDER[old] else "worse", old, new)
    if not (_ABOUT_GRADES.search(plain) or grades):
        return None
    since = _FROM.search(plain)  # "fell from outstanding", "improved to good"
    until = _TO.search(plain)
    before = GRADE_WORDS[since.group(1)] if since else None
    after = GRADE_WORDS[until.group(1)] if until else None
    if _BETTER.search(plain):
        return ("better", before, after)
    if _WORSE.search(plain):
        return ("worse", before, after)
    if _CHANGED.search(plain) and (before or after or _ABOUT_GRADES.search(plain)):
        return ("changed", before, after)
    return None


def grade_steps(grades: list[Fact]) -> list[tuple[Fact, Fact]]:
    """Each step from one inspection's grade to the next inspection's, oldest first; of two
    grades of one inspection (the inspectorate changed it) only the final one counts."""
    by_inspection: dict[tuple[float, str], Fact] = {}
    for fact in sorted(grades, key=lambda f: (f.year_sort_key, f.inspection)):
        key = (fact.year_sort_key, fact.inspection)
        if key not in by_inspection or fact.grade_changed:
            by_inspection[key] = fact
    ordered = [by_inspection[key] for key in sorted(by_inspection)]
    return list(pairwise(ordered))


def _matches(step: tuple[Fact, Fact], asked: GradeChange) -> bool:
    before, after = (str(f.value) for f in step)
    if before not in GRADE_ORDER or after not in GRADE_ORDER or before == after:
        return False
    direction, wanted_before, wanted_after, reinspection = asked
    if reinspection and "re-inspection" not in step[1].inspection.lower():
        return False
    if wanted_before and before != wanted_before:
        return False
    if wanted_after and after != wanted_after:
        return False
    if direction == "better":
        return GRADE_ORDER[after] > GRADE_ORDER[before]
    if direction == "worse":
        return GRADE_ORDER[after] < GRADE_ORDER[before]
    return True


def grade_changes(answerer: "Answerer", query: Query) -> Answer:
    """Every force with a step between two inspections' grades that the question asks about:
    each step's two grades side by side, forces in the store's order."""
    asked = query.grade_change or ("changed", None, None, False)
    facts: list[Fact] = []
    elsewhere: list[Fact] = []  # asked of re-inspections: the same change at a later PEEL one
    regraded = 0
    for force in query.forces or answerer.store.forces:  # "which of those": the list's only
        grades = [f for f in answerer.facts_of.get(force, []) if f.measure == "grade"]
        steps = grade_steps(grades)
        regraded += bool(steps)
        for step in steps:
            if _matches(step, asked):
                facts += step
            elif asked[3] and _matches(step, (*asked[:3], False)):
                elsewhere += step if step[1].inspection_kind == "peel" else ()
    elsewhere = [] if facts else elsewhere  # said only beside "none at a re-inspection"
    return answerer.base(
        replace(query, intent="grade_change", measure="grade"),
        facts=tuple(facts + elsewhere),
        groups=(Group("steps", tuple(facts)), Group("at_peel", tuple(elsewhere))),
        coverage=regraded,
        missing=not facts and not elsewhere,
        topic=asked[0],
        grade_filter=f"{asked[1] or ''}|{asked[2] or ''}",  # the grades named: "from|to"
        kind_asked="re-inspection" if asked[3] else None,
    )
