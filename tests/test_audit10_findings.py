"""The tenth audit's framing findings, each kept fixed (the linter's checks over generated
questions are in truth_audit10.py): the audit's own questions, and a wording of ours."""

import pytest

from knowledge.conversation import Conversation
from knowledge.service import Knowledge


def text_of(knowledge: Knowledge, question: str) -> str:
    return knowledge.render(knowledge.ask(question), "text")


@pytest.mark.parametrize(
    "question", ["which welsh force is worst at recording crime", "lowest recording welsh force"]
)
def test_a_worst_list_leads_with_the_lowest(knowledge: Knowledge, question: str) -> None:
    text = text_of(knowledge, question)
    assert text.startswith(
        "North Wales Police has the lowest latest all-crime recording rate of the Welsh forces"
    ), text[:200]
    assert "88.3%" in text.split("\n")[0] and "lowest first" in text


def test_each_grade_change_line_links_both_grades(knowledge: Knowledge) -> None:
    text = text_of(knowledge, "which forces improved their grade after re-inspection")
    lines = [line for line in text.splitlines() if line.startswith("•")]
    assert len(lines) == 8
    for line in lines:
        assert line.count("source: http") == 2, line
    lancs = next(line for line in lines if "Lancashire" in line)
    assert "Crime Data Integrity re-inspection 2019, police/PCC source" in lancs
    assert "news report source" in next(line for line in lines if "Lincolnshire" in line)


def test_a_comparison_for_a_year_one_force_lacks_says_so_first(knowledge: Knowledge) -> None:
    chat = Conversation()
    chat.ask(knowledge, "herts recording rate")
    chat.ask(knowledge, "how about 2017")
    answer = chat.ask(knowledge, "compare with beds")
    first = knowledge.render(answer, "text").split("\n\n")[0]
    assert "no 2017 recording rate for Bedfordshire Police" in first, first
    assert "87.2%" in first and "90.4%" in first and "2018" in first, first


def test_a_comparison_shows_the_grade_of_the_inspection_of_its_rate(
    knowledge: Knowledge,
) -> None:
    text = text_of(knowledge, "cleveland vs durham")
    first = text.split("\n\n")[0]
    assert "83.4%" in first and "graded it inadequate" in first, first
    assert "cannot be compared directly" in first
    block = text.split("From Crime Data Integrity inspection 2018:")[1].split("Durham")[0]
    assert "inadequate" in block and "83.4%" in block


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("which is better, Kent or Essex", "Both were graded outstanding, but the grades come"),
        ("which is better, kent or essex grade", "cannot be compared directly"),
        ("which is better, merseyside or cheshire", "Cheshire Constabulary has the better"),
        ("which is better, cambridgeshire or cleveland", "The grades do not separate them"),
    ],
)
def test_which_is_better_about_grades_gives_a_verdict(
    knowledge: Knowledge, question: str, verdict: str
) -> None:
    first = text_of(knowledge, question).split("\n\n")[0]
    assert verdict in first, first


def test_a_history_shows_offence_rates_and_says_what_it_shows(knowledge: Knowledge) -> None:
    text = text_of(knowledge, "is Devon and Cornwall getting better")
    assert text.startswith("No, not on these figures")
    assert "Every figure" not in text
    assert "by offence where an inspection measured it" in text
    for rate in ("76.1%", "93.4%", "80.3%"):
        assert f"{rate} of reported violent crime" in text, rate


def test_how_good_now_leads_with_the_latest_figures_and_gives_the_grade(
    knowledge: Knowledge,
) -> None:
    devon = text_of(knowledge, "how good is devon and cornwall at recording crime now")
    first = devon.split("\n\n")[0]
    assert first.startswith(
        "Devon and Cornwall Police's latest inspection in our data, PEEL 2021/22 (2022), found"
    )
    assert (
        first.index("18,900") < first.index("no figure for recording rate") < first.index("81.52%")
    )
    met = text_of(knowledge, "how good is the met at recording crime now").split("\n\n")[0]
    assert "69,100" in met and "89.5%" in met
    assert "crime data integrity judgement (how well it records crime) was good" in met


def test_merseyside_2016_rows_say_their_link_is_the_later_report(knowledge: Knowledge) -> None:
    answer = knowledge.ask("merseyside robbery cancelled 2016")
    text = knowledge.render(answer, "text")
    assert "the link is to the later 2018 report, which states this 2016 finding" in text
    assert "As stated in the later 2018 report:" in answer.citation


def test_no_cancelled_figures_from_any_year_is_said(knowledge: Knowledge) -> None:
    kent = text_of(knowledge, "kent cancelled crimes 2019")
    assert "no such figure for Kent Police from any year" in kent
    herts = text_of(knowledge, "herts cancelled crimes 2019")
    assert "Our data has such figures for Hertfordshire Constabulary from 2017" in herts


def test_a_top_five_has_no_note_about_a_force_it_does_not_list(knowledge: Knowledge) -> None:
    assert "Devon" not in text_of(knowledge, "top 5 forces by recording rate")
    assert "Devon and Cornwall Police is ranked on its latest recording rate" in text_of(
        knowledge, "bottom 5 forces by recording rate"
    )


def test_home_office_counts_are_not_called_press_coverage_of_an_inspection(
    knowledge: Knowledge,
) -> None:
    text = text_of(knowledge, "how many crimes were cancelled in england and wales")
    assert "press coverage of the inspection" not in text
    assert "press coverage of the Home Office data" in text


@pytest.mark.parametrize(
    "question", ["which forces have no recording rate", "forces without a grade"]
)
def test_which_forces_have_no_figure_answers_none(knowledge: Knowledge, question: str) -> None:
    text = text_of(knowledge, question)
    assert text.startswith("None: all 43 of the 43 forces have a figure"), text
    assert "•" not in text


def test_which_forces_have_no_violence_rate_names_them(knowledge: Knowledge) -> None:
    answer = knowledge.ask("which forces have no recording rate for violence")
    with_one = {
        f
        for f, facts in knowledge.answerer.facts_of.items()
        if any(x.measure == "recording_rate" and x.offence == "violence" for x in facts)
    }
    assert set(answer.forces) == set(knowledge.store.forces) - with_one
    assert answer.forces and "Essex Police" in knowledge.render(answer, "text")


def test_a_grade_list_line_names_its_inspection(knowledge: Knowledge) -> None:
    text = text_of(knowledge, "which forces are rated requires improvement")
    hants = next(line for line in text.splitlines() if line.startswith("• Hampshire"))
    assert "; Crime Data Integrity inspection 2018." in hants, hants


def test_a_summary_shows_each_inspections_rate_and_every_inspection(
    knowledge: Knowledge,
) -> None:
    gmp = text_of(knowledge, "tell me about greater manchester police")
    block = gmp.split("From Crime Data Integrity re-inspection 2018:")[1].split("From ")[0]
    assert "requires improvement" in block and "around 89%" in block, block
    devon = text_of(knowledge, "tell me about devon and cornwall")
    assert "From Crime Data Integrity re-inspection 2018:" in devon
    block = devon.split("From Crime Data Integrity re-inspection 2018:")[1].split("From ")[0]
    assert ": good." in block, block
