"""The errors the seventh independent audit found, kept fixed at their rule: each audit question
with wordings of our own beside it; the truth linter (truth_audit7.py) checks the mechanical
ones over every generated question."""

import csv
from types import SimpleNamespace

import pytest

from knowledge import Knowledge
from knowledge.conversation import Conversation
from knowledge.loader import DATA_DIR
from knowledge.render import CITATION_LIMIT

# 1. Kind 9: a ranking of recording rates ranks Devon and Cornwall on its latest rate (2016)
# and lists its newer PEEL 2021/22 share unrecorded apart; the lead and the list agree.
LOWEST = [
    "which force has the lowest recording rate",  # Q2
    "which force is worst at recording crime",  # Q3
    "worst force at recording crime",
    "lowest crime recording rate",
]
HIGHEST = ["which force has the highest recording rate", "best force at recording crime"]


@pytest.mark.parametrize("question", LOWEST + HIGHEST)
def test_a_ranked_force_is_never_said_to_be_not_ranked(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    text = knowledge.render(answer, "text")
    assert answer.intent == "rank", question
    if question in HIGHEST:  # the tenth audit: no note about a force the top 5 does not list
        assert "Devon" not in text and not answer.group("ranked_older"), question
        return
    assert "Devon and Cornwall" in {
        f.force.rsplit(" ", 1)[0] for f in answer.group("ranked_older")
    }
    assert "Not ranked beside them, a different measure: Devon" not in text
    assert "Not ranked: share of crimes left unrecorded" not in text
    assert "Devon and Cornwall Police is ranked on its latest recording rate" in text
    assert "each force's latest figure\n" not in text  # the 2016 rate is its latest rate
    if question in LOWEST:
        first = text.split("\n\n")[0]
        assert "81.52%" in first and "some 16%" in first, first
        assert "3. Devon and Cornwall Police: recorded 81.52%" in text


# 2. Kind 5: a comparison groups each force's figures by inspection, newest first, each
# inspection once, with all of its figures (PEEL 2021/22: grade, 18,900 and some 16%).
@pytest.mark.parametrize(
    "question",
    [
        "compare Devon and Cornwall with Dorset",  # Q58
        "Devon and Cornwall vs Dorset",
        "how does Dorset compare with Devon and Cornwall",
        "Met vs Greater Manchester",
    ],
)
def test_a_comparison_shows_each_inspection_once_newest_first(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    text = knowledge.render(answer, "text")
    for force in answer.forces:
        mine = [f for f in answer.facts if f.force == force]
        order = [f.inspection for f in mine]
        groups = list(dict.fromkeys(order))
        assert order == sorted(order, key=groups.index), (question, force, order)
        years = [max(f.year_sort_key for f in mine if f.inspection == g) for g in groups]
        assert years == sorted(years, reverse=True), (question, force, groups)
    if "Devon" in question:
        block = "From" + text.split("\nDevon and Cornwall Police\nFrom", 1)[1].split("\n\n")[0]
        assert block.count("From PEEL 2021/22 (2022):") == 1, block
        peel = block.split("From Crime Data Integrity inspection 2016:")[0]
        assert "inadequate" in peel and "18,900" in peel and "some 16%" in peel, peel


# 3. Kind 6: a 2014 share unrecorded is the sample it is, with the 2014 caveat, as Lancashire's
# 2014 rate is; never a force-wide share above the 2017 estimates.
@pytest.mark.parametrize(
    "question", ["has Cheshire improved", "Cheshire recording over time", "Cheshire 2014"]
)
def test_a_2014_share_unrecorded_is_a_sample(knowledge: Knowledge, question: str) -> None:
    text = knowledge.render(knowledge.ask(question), "text")
    assert "share of crimes left unrecorded (all crime): 31.1%" not in text
    assert (
        "31.1% of the crimes in the inspectors' 2014 audit sample had not been recorded "
        "(a sample, not a force-wide estimate)" in text
    ), text


def test_a_2014_share_unrecorded_leads_as_a_sample(knowledge: Knowledge) -> None:
    fact = next(
        f
        for f in knowledge.store.facts
        if f.force == "Cheshire Constabulary" and f.measure == "unrecorded_rate" and f.is_2014
    )
    lead = knowledge.renderer.macros("_lead.j2").says(fact)
    assert "a 2014 sample, not a force-wide estimate" in lead and "31.1%" in lead, lead


# 4. The lead rule: an audit count is one plain sentence, no label dump and no raw quote.
@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        (
            "Wiltshire rape recording",  # Q69
            "Inspectors found Wiltshire Police had accurately recorded 74 of the 81 rape "
            "reports they audited (Crime Data Integrity inspection 2017).",
        ),
        (
            "how accurately did Wiltshire record rape",
            "Inspectors found Wiltshire Police had accurately recorded 74 of the 81 rape "
            "reports they audited (Crime Data Integrity inspection 2017).",
        ),
        (
            "Cheshire misclassified crimes 2014",
            "Inspectors found Cheshire Constabulary had wrongly classified 4 of the 62 "
            "recorded crimes they audited (Crime Data Integrity inspection 2014): a 2014 "
            "sample, not a force-wide estimate.",
        ),
    ],
)
def test_an_audit_count_leads_in_one_plain_sentence(
    knowledge: Knowledge, question: str, sentence: str
) -> None:
    first = knowledge.render(knowledge.ask(question), "text").split("\n")[0]
    assert first == sentence, first
    assert "the source says" not in first


# 5a. Citations keep the inspection title whole: room is found elsewhere first.
def _citation(knowledge: Knowledge, fact: object) -> str:
    return knowledge.renderer.citation(SimpleNamespace(cited=(fact,)))  # type: ignore[arg-type]


def test_no_citation_of_any_row_cuts_its_title_or_runs_over(knowledge: Knowledge) -> None:
    with (DATA_DIR / "findings.csv").open(encoding="utf-8") as rows:
        assert sum(1 for _ in csv.DictReader(rows)) == len(knowledge.store.facts)
    cut = []
    for fact in knowledge.store.facts:
        citation = _citation(knowledge, fact)
        assert len(citation) <= CITATION_LIMIT, citation
        assert citation.endswith(fact.source_url), citation
        if fact.inspection not in citation:
            cut.append(citation)
    assert cut == [], cut  # every title whole, over every row of findings.csv


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("top 5 forces for unrecorded crime", "An inspection of the service provided"),  # Q5
        ("forces with more than 30,000 crimes unrecorded a year", "An inspection"),  # Q14
        ("Greater Manchester recording rate", "An inspection"),  # Q30
        ("Wiltshire rape recording", "Crime Data Integrity inspection 2017"),  # Q69
    ],
)
def test_the_audits_citations_keep_the_title_whole(
    knowledge: Knowledge, question: str, title: str
) -> None:
    answer = knowledge.ask(question)
    cited = answer.cited[0]
    assert cited.inspection in answer.citation and title in answer.citation, answer.citation
    assert "…" not in answer.citation and len(answer.citation) <= CITATION_LIMIT


# 5b. A citation cites a figure the answer prints, and the note under it names whose.
@pytest.mark.parametrize(
    "question",
    [
        "forces that wrongly cancelled more than 20% of sexual offences",  # Q16
        "which forces wrongly cancelled over 20% of sexual offence records",
        "forces with more than 10% of violence records wrongly cancelled",
    ],
)
def test_a_threshold_list_cites_its_first_force(knowledge: Knowledge, question: str) -> None:
    answer = knowledge.ask(question)
    text = knowledge.render(answer, "text")
    cited = answer.cited[0]
    assert cited.force != "England and Wales", answer.citation
    assert cited.force in answer.citation and cited.source_url in answer.citation
    assert f"The copy-ready citation is for {cited.force}'s figure only" in text
    first_listed = next(line for line in text.splitlines() if line.startswith("• "))
    assert first_listed.startswith(f"• {cited.force}: "), first_listed


# 7. Could mislead: a worse grade at the next, PEEL, inspection is said beside "none at a
# re-inspection"; a PEEL 2023-2025 (en dash) line carries its year; a compact list line
# names a re-inspection.
@pytest.mark.parametrize(
    "question",
    [
        "which forces got worse at re-inspection",  # Q63
        "which forces got a worse grade at re-inspection",
        "which forces were downgraded at re-inspection",
    ],
)
def test_a_fall_at_the_next_peel_inspection_is_said(knowledge: Knowledge, question: str) -> None:
    answer = knowledge.ask(question)
    text = knowledge.render(answer, "text")
    assert answer.intent == "grade_change", question
    assert text.startswith("None of the 21 forces"), text
    fell = {f.force for f in answer.group("at_peel")}
    assert fell == {
        "Devon and Cornwall Police",
        "Sussex Police",
        "Staffordshire Police",
        "Wiltshire Police",
    }
    assert "At their next inspection, a PEEL inspection, 4 forces went to a worse grade" in text
    assert "good (Crime Data Integrity inspection 2017) to adequate (PEEL 2023-25, 2024)" in text


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("which forces are rated outstanding", "PEEL 2023–2025 (2025)"),  # Q8
        ("Bedfordshire grade history", "From PEEL 2023–2025 (2025):"),  # Q73
        ("City of London grade", "PEEL 2023–2025 (2025)"),
    ],
)
def test_a_peel_period_title_carries_its_year(
    knowledge: Knowledge, question: str, shown: str
) -> None:
    answer = knowledge.ask(question)
    assert shown in knowledge.render(answer, "text")
    if "2023–2025" in answer.citation:
        assert "PEEL 2023–2025 (2025)" in answer.citation, answer.citation


def test_a_compact_list_line_names_a_re_inspection(knowledge: Knowledge) -> None:
    text = knowledge.render(knowledge.ask("which forces are graded requires improvement"), "text")
    gmp = next(line for line in text.splitlines() if line.startswith("• Greater Manchester"))
    assert "; Crime Data Integrity re-inspection 2018." in gmp, gmp
    avon = next(line for line in text.splitlines() if line.startswith("• Avon and Somerset"))
    assert "; PEEL 2021/22, 2022." in avon, avon


# 6. Two years asked of one force keep both: the one with no figure is said plainly.
@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        (
            "Cumbria recording rate 2017 vs 2019",  # Q66
            "Our data has no recording rate figure for Cumbria Constabulary from 2017; it has "
            "one from 2019, shown here.",
        ),
        (
            "Cumbria recording rate 2017 and 2019",
            "Our data has no recording rate figure for Cumbria Constabulary from 2017; it has "
            "one from 2019, shown here.",
        ),
        (
            "Kent recording rate 2017 compared with 2019",
            "Our data has no recording rate figure for Kent Police from 2019; it has one from "
            "2017, shown here.",
        ),
    ],
)
def test_a_year_asked_without_a_figure_is_said(
    knowledge: Knowledge, question: str, sentence: str
) -> None:
    answer = knowledge.ask(question)
    assert len(answer.years) == 2 and answer.facts, question
    assert knowledge.render(answer, "text").startswith(sentence)


def test_two_years_that_both_have_figures_say_no_such_thing(knowledge: Knowledge) -> None:
    text = knowledge.render(knowledge.ask("Kent recording rate 2017 vs 2018"), "text")
    assert "Our data has no recording rate figure" not in text
    assert "83.6%" in text and "96.6%" in text


# 6. "How many forces have a grade" is every force's count (43), never the last list again.
@pytest.mark.parametrize(
    "turns",
    [
        [
            "Which forces are rated inadequate",
            "which are outstanding",
            "how many forces in total have a grade",
        ],  # C4
        ["which forces are good", "how many forces are graded altogether"],
        ["how many forces have a grade"],
        ["how many forces are graded"],
    ],
)
def test_how_many_forces_have_a_grade_is_every_force(
    knowledge: Knowledge, turns: list[str]
) -> None:
    conversation = Conversation()
    for turn in turns:
        answer = conversation.ask(knowledge, turn)
    assert answer.intent == "offence_overview" and not answer.grade_filter, turns
    text = knowledge.render(answer, "text")
    assert text.startswith(
        "43 of the 43 forces have a figure in our data for crime-recording grade"
    )


# 6. A ranking asked of a place several forces cover ranks those forces (as "which Welsh force
# is best" ranks the Welsh ones), never "which one do you mean".
@pytest.mark.parametrize(
    ("question", "order"),
    [
        (
            "which forces record crime best in the north east",  # Q65
            ["Northumbria Police", "Durham Constabulary", "Cleveland Police"],
        ),
        (
            "best force in the north east for recording crime",
            ["Northumbria Police", "Durham Constabulary", "Cleveland Police"],
        ),
        (
            "which force is best in yorkshire",
            ["West Yorkshire Police", "North Yorkshire Police", "South Yorkshire Police"],
        ),
    ],
)
def test_a_ranking_of_a_place_ranks_its_forces(
    knowledge: Knowledge, question: str, order: list[str]
) -> None:
    answer = knowledge.ask(question)
    assert answer.intent == "select" and set(answer.forces) == set(order), question
    assert [f.force for f in answer.group("latest")] == order
    text = knowledge.render(answer, "text")
    assert "Which one do you mean" not in text and "highest first" in text


def test_a_place_without_a_ranking_still_asks_which_force(knowledge: Knowledge) -> None:
    for question in ("north east police", "north east grade"):
        assert knowledge.ask(question).intent == "clarify", question
