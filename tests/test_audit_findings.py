"""Each error an independent audit found in 135 answers (24 errors in 20 answers), kept fixed.
The truth linter (test_truth.py) checks the kinds that generalise over every force and measure."""

from knowledge import Knowledge


def ask(knowledge: Knowledge, question: str) -> str:
    return knowledge.render(knowledge.ask(question), "text")


def test_how_many_forces_are_outstanding_counts_forces_by_grade(knowledge: Knowledge) -> None:
    answer = knowledge.ask("how many forces are outstanding at recording crime")
    assert answer.intent == "filter" and answer.grade_filter == "outstanding"
    assert {f.force for f in answer.group("latest")} >= {"Cumbria Constabulary", "Kent Police"}


def test_fewest_victims_told_ranks_victims_told(knowledge: Knowledge) -> None:
    answer = knowledge.ask("which force told the fewest victims their crime was cancelled")
    assert answer.topic == "victims_told" and answer.lead is not None
    assert answer.lead.force == "Lancashire Constabulary"  # 9 of 15 told, Suffolk 26 of 29
    text = knowledge.render(answer, "text")
    assert "rape" not in text
    assert "Not ranked: victims not told" in text and "2 of 36" in text  # Gwent, apart


def test_one_finding_under_inspection_and_reinspection_is_shown_once(
    knowledge: Knowledge,
) -> None:
    text = ask(knowledge, "North Yorkshire violence wrongly cancelled")
    assert "10%" in text
    assert "not given as a count" not in text


def test_compact_list_lines_keep_their_source_label(knowledge: Knowledge) -> None:
    text = ask(knowledge, "which forces are rated good")
    assert "police/PCC source: https://www.lancashire-pcc.gov.uk" in text
    assert "news report source: https://policeprofessional.com" in text
    assert "\u2022" in text and " source:" in text
    for line in text.splitlines():
        if line.startswith("\u2022") and "http" in line:
            assert any(f"{k} source:" in line for k in ("HMICFRS", "police/PCC", "news report"))


def test_whats_new_places_undated_inspections_by_year(knowledge: Knowledge) -> None:
    text = ask(knowledge, "what's new")
    assert "England and Wales: PEEL spotlight report" in text  # 2025, no publication date
    assert "Cambridgeshire" not in text  # 2022 is not among the newest
    assert "placed by its year" in text


def test_national_2014_figure_keeps_the_sources_framing(knowledge: Knowledge) -> None:
    text = ask(knowledge, "England and Wales recording rate 2014")
    assert "80.5% of overall crime in 2014" in text
    assert "force-wide" not in text and "audit sample" not in text


def test_national_2025_vs_2014_compares_them_in_the_lead(knowledge: Knowledge) -> None:
    first = ask(knowledge, "national recording rate 2025 vs 2014").split("\n\n")[0]
    assert "94.8%" in first and "up from 80.5% of overall crime in 2014" in first


def test_a_heading_never_calls_audit_counts_yearly_estimates(knowledge: Knowledge) -> None:
    text = ask(knowledge, "Gloucestershire rape not recorded")
    assert "estimated crimes unrecorded a year" not in text
    assert "13" in text and "30 of 117" in text


def test_cancelled_crimes_with_mixed_findings_do_not_lead_with_a_zero(
    knowledge: Knowledge,
) -> None:
    answer = knowledge.ask("Northamptonshire cancelled crimes")
    assert answer.lead is None
    first = knowledge.render(answer, "text").split("\n\n")[0]
    assert "some offences and none for others" in first and "violent crime records" in first


def test_recorded_within_24_hours_lists_every_offence_and_never_says_all_crime(
    knowledge: Knowledge,
) -> None:
    text = ask(knowledge, "which forces recorded crimes within 24 hours")
    assert ", all crime." not in text.split("\n")[0]
    assert all(figure in text for figure in ("392 of 412", "404 of 463", "171 of 194", "93.7%"))


def test_audit_only_offences_are_answered_with_their_audits(knowledge: Knowledge) -> None:
    assert "228 of 290" in ask(knowledge, "which forces failed to record domestic abuse")
    assert "22 of 24" in ask(knowledge, "which forces recorded modern slavery crimes")
    text = ask(knowledge, "which force recorded the fewest crimes against vulnerable victims")
    assert "7 of 28" in text and "not ranked" in text


def test_2014_sentences_count_and_name_exactly_what_was_asked(knowledge: Knowledge) -> None:
    text = ask(knowledge, "which forces wrongly cancelled rape in 2014")
    assert "no 2014 figure in our data for cancelled rape records" in text
    assert "only 2014" not in text  # Cheshire and Hampshire have 2016-2020 figures too
    ranked = ask(knowledge, "which force has the lowest recording rate in 2014")
    assert "no recording rate figures" not in ranked and "only 2014" not in ranked


def test_fewest_wrongly_cancelled_names_the_forces_with_none(knowledge: Knowledge) -> None:
    first = ask(knowledge, "which force wrongly cancelled the fewest robbery records").split(
        "\n\n"
    )[0]
    assert "Merseyside Police" in first and "Northamptonshire Police" in first
