"""The errors and framing misreadings of the sixth independent audit, kept fixed at their rule:
each audit question with wordings of our own beside it; the truth linter (truth_audit4.py
check_citation) checks the citation rule over every generated question."""

import pytest

from bot.keyboards import copy_label, source_rows
from knowledge import Answer, Knowledge
from knowledge.conversation import Conversation
from knowledge.thresholds import ON_THE_LINE, PASSES, judge
from knowledge.vocabulary import NATIONAL

# 1. Every answer with figures has a copy-ready citation. A list whose figures come from
# several sources cites its first item, and says whose it is wherever the citation is shown.
LISTS = [
    "forces with recording rate above 95%",  # Q42
    "which forces have recording rate below 85 percent",  # Q43
    "were victims told their crime was cancelled",  # Q54
    "victims not told cancelled crime which force",  # Q55
    "which forces got an outstanding grade for crime recording",  # Q5
    "list every force rated inadequate",  # Q6
    "which forces are rated requires improvement",  # Q7
    "which forces are inadequate",  # C2 turn 1
    "forces recording more than 90 per cent of crime",
    "which forces were graded good",
    "forces that told victims their crime was cancelled",
]


def check_cites_first_item(knowledge: Knowledge, answer: Answer) -> None:
    first = answer.facts[0]
    assert len({f.source_url for f in answer.facts}) > 1, answer.question  # several sources
    assert answer.citation and len(answer.citation) <= 256, answer.question
    assert answer.citation.endswith(" " + first.source_url), answer.citation
    assert first.force in answer.citation and first.inspection[:12] in answer.citation
    assert answer.cited_part == first.force and answer.as_json()["citation_covers"] == first.force
    for fmt in ("text", "html"):  # the last line says whose figure it is
        note = knowledge.render(answer, fmt).rsplit("\n", 1)[-1].replace("&#39;", "'")
        assert note == (
            f"The copy-ready citation is for {first.force}'s figure only; "
            "each line links its own source."
        ), note
    short = first.force.replace(" Constabulary", "").replace(" Police", "")
    assert copy_label(answer) == f"Copy citation ({short})"
    buttons = {b.text: b for b in source_rows(answer)[0]}
    copy = buttons[f"Copy citation ({short})"].copy_text
    assert copy is not None and copy.text == answer.citation


@pytest.mark.parametrize("question", LISTS)
def test_a_list_from_several_sources_cites_its_first_item(
    knowledge: Knowledge, question: str
) -> None:
    check_cites_first_item(knowledge, knowledge.ask(question))


def test_the_audits_lists_cite_the_force_a_reader_sees_first(knowledge: Knowledge) -> None:
    assert knowledge.ask(LISTS[0]).cited_part == "Kent Police"  # 96.7%, the highest
    assert knowledge.ask(LISTS[2]).cited_part == "Lancashire Constabulary"  # 9 of 15 told
    assert knowledge.ask(LISTS[5]).cited_part == "Derbyshire Constabulary"  # alphabetical


def test_a_follow_up_list_cites_its_first_item(knowledge: Knowledge) -> None:
    """C2: "which forces are inadequate", then "and which of those improved?" (of those 7,
    only Devon and Cornwall: one force, so the citation says which inspection it holds)."""
    chat = Conversation()
    check_cites_first_item(knowledge, chat.ask(knowledge, "which forces are inadequate"))
    improved = chat.ask(knowledge, "and which of those improved?")
    first = improved.facts[0]
    assert {f.force for f in improved.facts} == {"Devon and Cornwall Police"}
    assert improved.citation.endswith(" " + first.source_url) and len(improved.citation) <= 256
    assert improved.cited_part == first.inspection
    assert knowledge.render(improved).endswith(
        f"The copy-ready citation is for the figure from {first.inspection} only; "
        "each line links its own source."
    )


def test_a_ranking_and_a_national_lead_say_whose_their_citation_is(
    knowledge: Knowledge,
) -> None:
    top = knowledge.ask("which force is worst at recording crime")
    assert top.lead is not None and top.cited_part == top.lead.force
    assert top.citation.endswith(top.lead.source_url)
    note = f"for {top.lead.force}'s figure only; each line links its own source."
    assert knowledge.render(top).endswith(note)
    national = knowledge.ask("which forces wrongly cancelled rape")
    assert national.cited_part == NATIONAL and copy_label(national) == (
        "Copy citation (England and Wales)"
    )
    assert "the England and Wales figure only" in knowledge.render(national)


def test_one_source_and_no_figures_keep_their_rule(knowledge: Knowledge) -> None:
    herts = knowledge.ask("Herts robbery cancellations?")  # one source: the plain label
    assert herts.citation and herts.cited_part is None and copy_label(herts) == "Copy citation"
    assert "copy-ready citation" not in knowledge.render(herts)
    for question in ("what is AVI", "hello", "weather in Kent"):
        answer = knowledge.ask(question)
        assert not answer.facts and answer.citation == "" and answer.cited_part is None


def test_one_forces_figures_from_several_sources_cite_the_first(knowledge: Knowledge) -> None:
    """No lead, figures of one force from several inspections: the first figure listed is
    cited, and the answer names its inspection."""
    answer = knowledge.ask("Avon and Somerset wrongly cancelled")
    first = answer.facts[0]
    assert answer.lead is None and answer.citation.endswith(first.source_url)
    assert answer.cited_part == first.inspection
    assert f"figures from {first.inspection} only" in knowledge.render(answer)
    assert copy_label(answer) == "Copy citation (first figure)"  # its inspection is undated
    essex = knowledge.ask("is Essex getting better at recording crime")  # oldest first
    assert essex.lead is None and essex.citation.endswith(essex.facts[0].source_url)
    assert copy_label(essex) == "Copy citation (2014 figure)"


# 2. "how many forces recorded less than 90%": a count of forces, not the national rate
@pytest.mark.parametrize(
    "question",
    [
        "how many forces recorded less than 90% of crime",  # Q41
        "how many forces recorded under 90 per cent of crimes",
        "how many police forces have a recording rate below 90%",
        "number of forces with a recording rate under 90 percent",
        "how many forces recorded less than 85% of crime",
        "how many forces record more than 95% of crime",
    ],
)
def test_how_many_forces_past_a_rate_counts_the_forces(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    assert answer.intent == "select" and answer.measure == "recording_rate", question
    assert answer.threshold is not None
    text = knowledge.render(answer)
    assert text.split(" ")[1:5] == ["forces", "in", "our", "data"], text[:80]
    assert "94.8%" not in text.split("\n")[0]


def test_the_count_under_90_is_the_forces_under_90(knowledge: Knowledge) -> None:
    answer = knowledge.ask("how many forces recorded less than 90% of crime")
    text = knowledge.render(answer)
    passing, unclear = answer.group("latest"), answer.group("on_the_line")
    assert text.startswith(f"{len(passing)} forces in our data have a latest all-crime")
    assert passing and all(judge(f, ("below", 90.0)) == PASSES for f in passing)
    assert all(judge(f, ("below", 90.0)) == ON_THE_LINE for f in unclear)
    assert {f.force for f in passing}.isdisjoint(f.force for f in unclear)


# ... and "home office cancelled crimes numbers" the Home Office counts, not the rape list
@pytest.mark.parametrize(
    "question",
    [
        "home office cancelled crimes numbers",  # Q32
        "cancelled crimes home office",
        "home office figures for cancelled crime",
        "total cancelled crimes",
        "numbers of cancelled crime records",
    ],
)
def test_home_office_cancelled_crimes_are_the_national_counts(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    assert answer.intent == "national" and answer.measure == "cancelled_crimes_recorded"
    text = knowledge.render(answer)
    assert "43,242" in text and "65,983" in text and "2015-16" in text and "2018-19" in text
    assert "rape" not in text
    assert answer.citation and "Home Office data" in answer.citation


@pytest.mark.parametrize(
    "question",
    ["which forces wrongly cancelled crimes", "how many forces wrongly cancelled rape"],
)
def test_wrongly_cancelled_questions_stay_the_inspectors_audits(
    knowledge: Knowledge, question: str
) -> None:
    assert knowledge.ask(question).measure != "cancelled_crimes_recorded"


# 3. Fifth-audit style notes. A compare gives each force's latest estimate of crimes unrecorded
# a year: the Met's PEEL 2021/22 "more than 69,100" beside GMP's 2020 80,100 (Q90).
@pytest.mark.parametrize(
    "question", ["gmp vs met", "compare the met and greater manchester", "met v gmp recording"]
)
def test_a_compare_gives_each_forces_latest_estimate(knowledge: Knowledge, question: str) -> None:
    answer = knowledge.ask(question)
    assert answer.intent == "compare"
    estimates = {
        force: max(
            (f for f in answer.facts if f.force == force and f.measure == "unrecorded_per_year"),
            key=lambda f: f.year_sort_key,
        )
        for force in answer.forces
    }
    for force, shown in estimates.items():
        newest = max(
            (
                f
                for f in knowledge.answerer.facts_of[force]
                if f.measure == "unrecorded_per_year" and f.offence == "all"
            ),
            key=lambda f: f.year_sort_key,
        )
        assert shown.year_sort_key == newest.year_sort_key, (force, shown, newest)
    text = knowledge.render(answer)
    assert "more than 69,100" in text and "From PEEL 2021/22 (2022):" in text


# A lead is a sentence, not a label ("West Midlands Police, Crime Data Integrity inspection
# 2014: share of the audited sample that was recorded (all crime): 99%", Q45)
@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("west midlands 2014 recording rate", "West Midlands Police had recorded 99% of the"),
        ("west mids 2014 audit", "West Midlands Police had recorded 99% of the"),
        ("south yorkshire recording rate 2014", "South Yorkshire Police had recorded 76% of"),
        ("suffolk 2014", "Suffolk Constabulary had not properly recorded almost 15% of the"),
    ],
)
def test_a_2014_audit_share_leads_with_a_sentence(
    knowledge: Knowledge, question: str, lead: str
) -> None:
    first = knowledge.render(knowledge.ask(question)).split("\n")[0]
    assert first.startswith(lead), first
    assert first.endswith(
        "(Crime Data Integrity inspection 2014): a 2014 sample, not a force-wide estimate."
    ), first
