"""Threshold lists over every measure and direction, checked against a separate reading of
findings.csv (threshold_oracle): exactly the forces past the threshold are listed and counted,
those a hedge leaves unclear are listed apart as on the line, and no list falls back to the
first forces alphabetically."""

import pytest
from threshold_oracle import expected, verdict

from knowledge import Answer, Fact, Knowledge

SIDE_WORDS = {
    "above": ("over", "more than", "above", "exceeding"),
    "at least": ("at least",),
    "below": ("under", "fewer than", "less than", "below"),
    "at most": ("at most",),
}
COUNT_LIMITS = (
    400,
    1000,
    4800,
    6500,
    6700,
    10000,
    11300,
    13100,
    19900,
    20000,
    24300,
    30000,
    80100,
)
RATE_LIMITS = (65.3, 80, 85, 89.5, 90, 90.3, 91, 95, 96, 99)
CANCELLED_LIMITS = (0, 5, 10, 14, 20, 43)


def written(limit: float, how: int) -> str:
    """20000 written four ways: "20,000", "20000", "20k", "20 thousand"."""
    whole = int(limit)
    if how == 0 or whole % 1000:
        return f"{whole:,}"
    return (f"{whole}", f"{whole // 1000}k", f"{whole // 1000} thousand", f"{whole:,}")[how % 4]


def count_questions() -> list[tuple[str, str, float]]:
    asked = []
    for n, limit in enumerate(COUNT_LIMITS):
        for side, words in SIDE_WORDS.items():
            for k, word in enumerate(words):
                figure = written(limit, n + k)
                asked += [
                    (f"forces with {word} {figure} crimes a year unrecorded", side, limit),
                    (f"which forces failed to record {word} {figure} crimes", side, limit),
                ]
    return asked


def rate_questions() -> list[tuple[str, str, float]]:
    asked = []
    for limit in RATE_LIMITS:
        for side, words in SIDE_WORDS.items():
            for word in words[:2]:
                asked += [
                    (f"which forces have a recording rate {word} {limit:g}%", side, limit),
                    (f"forces recording {word} {limit:g} per cent of crime", side, limit),
                ]
    return asked


def check_select(knowledge: Knowledge, answer: Answer, measure: str) -> None:
    side, limit = answer.threshold or ("above", 0.0)
    found = expected(measure, "all", side, limit)
    sure, maybe, having = found["sure"], found["maybe"], found["having"]
    listed = {f.force for f in answer.group("latest")}
    unclear = {f.force for f in answer.group("on_the_line")}
    assert sure <= listed <= found["may_pass"], (answer.question, sure ^ listed)
    assert listed | unclear <= maybe, (answer.question, (listed | unclear) - maybe)
    assert maybe <= listed | unclear, (answer.question, maybe - listed - unclear)
    assert not unclear & sure, answer.question
    assert answer.coverage == len(having), answer.question  # forces with a 2016-on figure
    assert all(not f.is_2014 for f in answer.group("latest")), answer.question
    text = knowledge.render(answer, "text")
    first = text.split("\n")[0]
    assert "alphabetically" not in text
    if listed:
        assert first.startswith(f"{len(listed)} force"), (answer.question, first)
    else:
        assert first.startswith("None of the forces"), (answer.question, first)
    for force in unclear:
        assert force in text, (answer.question, force)


@pytest.mark.parametrize(("question", "side", "limit"), count_questions())
def test_an_unrecorded_count_threshold_lists_exactly_the_forces_past_it(
    knowledge: Knowledge, question: str, side: str, limit: float
) -> None:
    answer = knowledge.ask(question)
    assert (answer.intent, answer.measure) == ("select", "unrecorded_per_year"), question
    assert answer.threshold == (side, float(limit)), question
    check_select(knowledge, answer, "unrecorded_per_year")


@pytest.mark.parametrize(("question", "side", "limit"), rate_questions())
def test_a_recording_rate_threshold_lists_exactly_the_forces_past_it(
    knowledge: Knowledge, question: str, side: str, limit: float
) -> None:
    answer = knowledge.ask(question)
    assert (answer.intent, answer.measure) == ("select", "recording_rate"), question
    assert answer.threshold == (side, float(limit)), question
    check_select(knowledge, answer, "recording_rate")


def _oracle_verdict(f: Fact, side: str, limit: float) -> str:
    if f.value is None:  # n of N: exact
        number = f.number if f.number is not None else 0.0
        past = {"above": number > limit, "at least": number >= limit}.get(side)
        past = past if past is not None else number < limit if side == "below" else number <= limit
        return "passes" if past else "fails"
    return verdict({"value": f.value, "quote": f.quote}, side, limit, percent=True)


@pytest.mark.parametrize("offence", ["rape", "sexual offences", "violence", "robbery"])
@pytest.mark.parametrize("side", list(SIDE_WORDS))
def test_a_wrongly_cancelled_share_threshold_sorts_every_force_honestly(
    knowledge: Knowledge, offence: str, side: str
) -> None:
    for limit in CANCELLED_LIMITS:
        question = (
            f"which forces had {SIDE_WORDS[side][0]} {limit}% of {offence} wrongly cancelled"
        )
        answer = knowledge.ask(question)
        assert answer.intent == "offence_overview" and answer.threshold == (side, float(limit))
        for kind, want in (
            ("wrongly", "passes"),
            ("wrongly_unsized", "passes"),
            ("on_the_line", "on_the_line"),
            ("not_passing", "fails"),
        ):
            for f in answer.group(kind):
                got = _oracle_verdict(f, side, limit)
                assert got == want, (question, f.force, kind, got)
        text = knowledge.render(answer, "text")
        sized = len(answer.group("wrongly"))
        assert text.startswith(f"{sized} of the 43 forces had"), (question, text[:80])


def test_the_fifth_audits_question_lists_the_nine_forces_over_20000(knowledge: Knowledge) -> None:
    answer = knowledge.ask("forces with over 20,000 crimes a year unrecorded")
    listed = [f.force for f in answer.group("latest")]
    assert listed[:3] == [
        "Greater Manchester Police",
        "Metropolitan Police Service",
        "West Midlands Police",
    ]
    assert "Lancashire Constabulary" in listed and "City of London Police" not in listed
    met = next(f for f in answer.group("latest") if f.force == "Metropolitan Police Service")
    assert met.inspection == "PEEL 2021/22" and met.value == "69100"  # its latest, not 2018
    text = knowledge.render(answer, "text")
    assert text.startswith("9 forces of the 43 with an estimate in our data have a latest")


def test_a_hedged_figure_near_the_line_is_listed_apart(knowledge: Knowledge) -> None:
    answer = knowledge.ask("which forces record less than 90% of crime")
    assert "South Wales Police" in {f.force for f in answer.group("on_the_line")}  # around 90%
    assert "South Wales Police" not in {f.force for f in answer.group("latest")}
    text = knowledge.render(answer, "text")
    assert "on the line" in text.split("\n")[0]
    over = knowledge.ask("forces with over 19,000 crimes unrecorded a year")
    assert "Merseyside Police" in {f.force for f in over.group("latest")}  # over 19,200
    line = knowledge.ask("forces with over 19,250 crimes unrecorded a year")
    assert "Merseyside Police" in {f.force for f in line.group("on_the_line")}


def test_no_force_past_the_threshold_says_so_for_that_filter(knowledge: Knowledge) -> None:
    text = knowledge.reply("forces with more than 500,000 crimes unrecorded a year")
    assert text.startswith(
        "None of the forces in our data has a latest estimate of crimes unrecorded a year"
        " over 500,000; 43 have an estimate."
    )
    welsh = knowledge.ask("welsh forces with over 20,000 crimes unrecorded")
    assert welsh.missing and welsh.country == "Wales"


def test_a_year_is_not_a_threshold(knowledge: Knowledge) -> None:
    answer = knowledge.ask("which forces have improved recording over 2017")
    assert answer.threshold is None
