"""The truth linter: thousands of generated questions over every force, offence, measure, year
and intent, each answer checked mechanically against the framing rules.

- every figure in bold on a line belongs to a force the line (or its section) names, to the
  source the line links and to the inspection the line or its "From ..." heading names;
- the lead sentence gives the lead figure, and the citation names its force and link;
- a list that says "wrongly cancelled" holds no zero; a grade filter holds only that grade;
- ranks follow the measure's direction and leave 2014 figures out;
- percent measures print "%", the source's hedges survive, and nothing says "overall grade";
- no bracket opens inside another in the bot's own words ("(PEEL 2021/22 (2022))"), and no
  offence name is joined to a noun in the wrong number ("one sexual offences record");
- a list's first sentence sums the list up: its lead is a national figure or none, never the
  alphabetically first force; a percent without a sample size is never ranked;
- a force's lead that is not the measure asked and reads the other way (victims not told for
  "told") is introduced as such;
- a grade word asked of "forces" ("good forces") is a grade filter;
- chart captions word each place by the measure's direction and never rank a 2014 sample;
- and the checks of truth_more.py, added after the second and third independent audits (no
  finding printed twice; no undated row beside its dated twin; counted headings), and of
  truth_audit4.py, after the fourth (lead case, citations and their press marker, negated and
  per-force lists, "latest", sample-size notes), and of truth_audit7.py, after the seventh
  (a citation cites a printed figure with its title whole; ranked never "not ranked";
  comparisons grouped newest first; 2014 shares as samples), and of truth_audit9.py (2014
  samples without intervals; a list of rates leads with its top two and whether they differ;
  intervals across a threshold counted; a force summary drops no inspection), and of
  truth_audit10.py (the tenth audit: bottom-first lists, linked lines, grade verdicts,
  comparisons for a year, histories by offence, "which forces have no X").
"""

import html as htmllib
import itertools
import re

import pytest
from truth_audit4 import audit4_questions, check_fourth_audit
from truth_audit5 import audit5_questions, check_fifth_audit
from truth_audit7 import audit7_questions, check_seventh_audit
from truth_audit9 import audit9_questions, check_ninth_audit
from truth_audit10 import audit10_questions, check_tenth_audit
from truth_more import check_audit2, check_audit4

from knowledge import Answer, Knowledge
from knowledge.chart_model import CHART_KINDS
from knowledge.charts import plan_chart
from knowledge.facts import Fact
from knowledge.figure_choice import restates
from knowledge.measures import GRADE_SCORES, MEASURES, RECORDING_AUDITS, measure, primary_of
from knowledge.query import Query
from knowledge.render import TELEGRAM_LIMIT, qualifier, short_force, thousands
from knowledge.slots import AUDIT_ONLY_OFFENCES
from knowledge.vocabulary import NATIONAL, OFFENCES

OFFENCE_WORDS = ["", *(o if o != "other" else "anti-social behaviour" for o in OFFENCES)]
MEASURE_WORDS = ["", "wrongly cancelled", "recording rate", "unrecorded", "grade", "victims told"]
YEARS = ["", "2014", "2016", "2017", "2018", "2019", "2020", "2022", "2024"]
RANKS = ["most", "least", "best", "worst"]
RANKED_MEASURES = ["recording_rate", "unrecorded_per_year", "cancelled_incorrect", "grade"]
_BOLD = re.compile(r"<b>(.*?)</b>")
_HREF = re.compile(r'<a href="([^"]+)">')
_HEDGE = re.compile(
    r"^(just over|just under|well over|over|more than|less than|under|around|about|roughly"
    r"|approximately|nearly|almost|at least|some|up to) "
)


def questions(knowledge: Knowledge) -> list[str]:
    """About 5,000 questions: every force by every offence and measure, every force by every
    measure and year, and every force-less overview, rank, filter and national question."""
    shorts = [row["short_name"] for row in knowledge.store.forces.values()]
    asked = [
        " ".join(p for p in parts if p)
        for parts in itertools.chain(
            itertools.product(shorts, OFFENCE_WORDS, MEASURE_WORDS),
            itertools.product(shorts, MEASURE_WORDS, YEARS[1:]),
            itertools.product(OFFENCE_WORDS, MEASURE_WORDS, YEARS),
            itertools.product(["most", "fewest", "best", "worst"], OFFENCE_WORDS, MEASURE_WORDS),
            itertools.product(["how many forces"], OFFENCE_WORDS, ["wrongly cancelled"], YEARS),
        )
    ]
    asked += [f"which forces are rated {g}" for g in GRADE_SCORES]
    asked += [f"{g} forces" for g in GRADE_SCORES] + [
        f"which forces are {g}" for g in GRADE_SCORES
    ]
    asked += [f"worst force for wrongly cancelling {o}" for o in ("rape", "robbery", "violence")]
    asked += [
        f"{a} force for cancelling {o}"
        for a in ("least accurate", "most accurate", "most inaccurate")
        for o in ("rape", "robbery", "violence", "sexual offences")
    ]
    asked += [f"how many forces are {g} at recording crime" for g in GRADE_SCORES]
    asked += [f"national recording rate {a} vs {b}" for a in YEARS[1:] for b in ("2014", "2025")]
    asked += ["what's new", "latest inspections", "England and Wales recording rate 2014"]
    asked += [f"{s} {o} not recorded" for s in shorts for o in ("rape", "violence", "")]
    asked += [f"{s} cancelled crimes" for s in shorts]
    asked += [f"is {s} getting better at recording crime" for s in shorts]
    asked += [
        f"which forces have a recording rate {side} {n}%"
        for side in ("above", "below", "more than", "less than")
        for n in (80, 85, 89.5, 90, 95)
    ]
    asked += ["welsh forces crime recording", "english forces recording rate"]
    asked += [f"how many forces have been rated {g} since 2019" for g in GRADE_SCORES]
    asked += [f"{s} {m} since 2016" for s in shorts for m in ("", "recording rate", "grade")]
    asked += [
        f"which forces {v} {o}"
        for v in ("recorded", "failed to record")
        for o in ("domestic abuse", "modern slavery crimes", "vulnerable victims crimes")
    ]
    asked += [f"which force recorded the {r} crimes against vulnerable victims" for r in RANKS]
    asked += [f"which forces {m} within 24 hours" for m in ("recorded crimes", "recorded")]
    asked += [
        f"which forces wrongly cancelled {o} in {y}"
        for o in ("crimes", *OFFENCES)
        for y in YEARS[1:]
    ]
    asked += [
        f"which force wrongly cancelled the {r} {o} records"
        for r in ("fewest", "most")
        for o in ("robbery", "rape", "violence", "sexual offences")
    ]
    asked += [f"which force told the {r} victims" for r in ("fewest", "most", "least")]
    asked += [f"which force told the {r} victims their crime was cancelled" for r in RANKS]
    asked += [f"{a} vs {b}" for a, b in zip(shorts, shorts[1:] + shorts[:1], strict=True)]
    asked += audit4_questions(shorts)
    asked += audit5_questions(shorts)
    asked += audit7_questions(shorts)
    asked += audit9_questions(shorts)
    asked += audit10_questions(shorts)
    return [q for q in asked if q]


def built_queries() -> list[Query]:
    """Ranks and filters built directly: every measure, direction, offence and grade."""
    ranks = [
        Query("q", "rank", measure=m, rank=r, offence=o)
        for m, r, o in itertools.product(RANKED_MEASURES, RANKS, [None, *OFFENCES])
    ]
    filters = [Query("q", "filter", measure="grade", grade_filter=g) for g in GRADE_SCORES]
    return ranks + filters


def representations(fact: Fact) -> set[str]:
    """Every way a figure of this fact may be printed in bold."""
    shown: set[str] = set()
    if fact.value is not None:
        shown |= {fact.value, thousands(fact.value), f"{fact.value}%"}
    if fact.numerator is not None:
        shown |= {str(fact.numerator), "none"}
        if fact.denominator is not None:
            shown |= {f"{fact.numerator} of {fact.denominator}"}
            shown |= {f"{fact.numerator} of the {fact.denominator}"}
    return shown


def check_lines(knowledge: Knowledge, answer: Answer, html: str) -> None:
    """Each bold figure on a line with a source link belongs to a fact of that source, of a
    force the line or its section names, and of the inspection the line or its heading names."""
    section_force, heading = "", ""
    by_url: dict[str, list[Fact]] = {}
    for fact in knowledge.store.facts:
        by_url.setdefault(fact.source_url, []).append(fact)
    for raw in html.splitlines():
        line = htmllib.unescape(raw)
        bolds = _BOLD.findall(line)
        heads = (f"<b>{bolds[0]}</b>", f"<b>{bolds[0]}</b>:") if bolds else ()
        named_section = bolds and (line in heads or line.startswith(heads[-1]))
        if named_section and bolds[0] in (*knowledge.store.forces, NATIONAL):
            section_force = bolds[0]  # "Kent Police" or, in what's new, "Kent Police: title"
        if line.startswith("<b>From "):
            heading = line
            continue
        urls = _HREF.findall(line)
        if not line.startswith("•") or not urls:
            continue
        own_words = re.sub(r"the source says: “.*?”", "", line)  # a quote may name others
        named = {force for force in (*knowledge.store.forces, NATIONAL) if force in own_words}
        forces = named or {section_force} if named or section_force else set(answer.forces)
        if not named and answer.intent in ("lookup", "force_summary", "national"):
            forces = set(answer.forces) or {NATIONAL}
        facts = [f for url in urls for f in by_url.get(url, []) if f.force in forces]
        assert facts, (answer.question, line)
        for bold in bolds:
            if not any(c.isdigit() for c in bold) and bold != "none":
                continue
            figure = _HEDGE.sub("", bold)
            owners = [f for f in facts if figure in representations(f)]
            assert owners, (answer.question, bold, line)
            assert any(
                f.inspection in line + heading
                or str(f.inspection_year or "2016-2020") in line + heading
                for f in owners
            ), (answer.question, line)


_QUOTE = re.compile(r"“.*?”|https?://\S+")
_WRONG_NUMBER = re.compile(
    r"\b(one|a) (sexual offences|offences|crimes|rapes|robberies) record\b"
    r"|\b(sexual|other) offences (\(other than rape\) )?records?\b"
    r"|\b1 (forces|records|victims|crimes)\b"
)


def own_words(knowledge: Knowledge, text: str) -> str:
    """The bot's own words: no quotes, links or inspection titles (a title may hold brackets)."""
    text = _QUOTE.sub("Q", text)
    for title in sorted({f.inspection for f in knowledge.store.facts}, key=len, reverse=True):
        text = text.replace(title, "T")
    return text


def check_phrasing(knowledge: Knowledge, answer: Answer, text: str) -> None:
    for line in own_words(knowledge, text).splitlines():
        depth = 0
        for char in line:
            depth += {"(": 1, ")": -1}.get(char, 0)
            assert depth <= 1, (answer.question, line)
        assert not _WRONG_NUMBER.search(line), (answer.question, line)


def check_lead(knowledge: Knowledge, answer: Answer, text: str) -> None:
    """Lists sum up; a force's lead that reads the other way from the question says so."""
    if answer.intent in ("offence_overview", "filter", "national"):
        assert answer.lead is None or answer.lead.force == NATIONAL, answer.question
    if answer.intent == "lookup" and answer.lead is not None and answer.measure:
        asked, got = measure(answer.measure), answer.lead.about
        other_way = None not in (asked.direction, got.direction) and (
            asked.direction != got.direction
        )
        if other_way:
            assert answer.lead_stands_in, answer.question
        body = (
            text.split(". ", 1)[-1] if answer.asked_latest and answer.older_than_latest else text
        )
        assert body.startswith("Our data has no figure for") == answer.lead_stands_in


def check_answer(knowledge: Knowledge, answer: Answer) -> None:
    html = knowledge.render(answer, "html")
    text = knowledge.render(answer, "text")
    check_phrasing(knowledge, answer, text)
    assert not text.endswith("\n…"), answer.question  # cut by the safety net: notes lost
    check_lead(knowledge, answer, text)
    words = set(answer.question.split())
    if "forces" in words and words & set(GRADE_SCORES) and not answer.forces:
        assert answer.intent == "filter", answer.question
    assert len(html) < TELEGRAM_LIMIT, answer.question
    own_words = re.sub(r"the source says: “.*?”", "", text)  # the source's own words may
    assert "overall grade" not in own_words.lower(), answer.question
    check_lines(knowledge, answer, html)
    check_sources_and_repeats(answer, text)
    check_national_framing(answer, text)
    check_heading(answer, text)
    check_coverage(knowledge, answer, text)
    assert set(answer.as_json()["forces"]) >= {
        f.force for f in answer.facts if f.force != NATIONAL
    }
    if answer.intent in ("lookup", "force_summary"):
        assert {f.force for f in answer.facts} <= set(answer.forces), answer.question
    for fact in answer.facts:
        if fact.source_url not in text or f"{fact.force} (" in text:
            continue  # a names-only part of a long list ("Force (2018), ...")
        shown = f"{qualifier(fact)}{thousands(fact.value)}" if fact.value else ""
        if fact.kind == "percent" and fact.value:
            assert f"{shown}%" in text, (answer.question, fact)
        elif fact.value and fact.kind == "count" and qualifier(fact):
            assert shown in text, (answer.question, fact)
    if answer.lead is not None:
        first = htmllib.unescape(html.split("\n\n")[0])
        leading = {_HEDGE.sub("", b) for b in _BOLD.findall(first)}
        assert leading & representations(answer.lead) or (
            answer.lead.kind == "grade" and answer.lead.value in first
        ), (answer.question, first)
        assert answer.citation and len(answer.citation) <= 256, answer.question
        assert answer.lead.source_url in answer.citation
        assert short_force(answer.lead.force) in answer.citation  # "Northamptonshire" if tight
    check_lists(answer)
    check_audit2(knowledge, answer, text)
    check_audit4(knowledge, answer, text)
    check_fourth_audit(knowledge, answer, text)
    check_fifth_audit(knowledge, answer, text)
    check_seventh_audit(knowledge, answer, text)
    check_ninth_audit(knowledge, answer, text)
    check_tenth_audit(knowledge, answer, text, html)


_SOURCE_LABEL = re.compile(r"(HMICFRS|police/PCC|news report) source: https?://")


def check_sources_and_repeats(answer: Answer, text: str) -> None:
    """Every figure line names its source's kind (the footer refers to "news report"), and one
    finding is never shown twice under two inspection titles."""
    for line in text.splitlines():
        if line.startswith("•") and "http" in line:
            assert _SOURCE_LABEL.search(line), (answer.question, line)
    for a, b in itertools.permutations(answer.facts, 2):
        assert not restates(a, b), (answer.question, a, b)
    if answer.intent == "rank" and answer.facts:
        ranked = answer.facts[: len(answer.places)]
        assert all(f.measure in primary_of(answer.topic or "") for f in ranked), answer.question
        if re.search(r"\btold\b.*\bvictims\b", answer.question):
            assert measure(answer.topic or "").family == "victims", answer.question


_AUDITED = ("cancelled_incorrect", "cancelled_incorrect_pct")


def check_coverage(knowledge: Knowledge, answer: Answer, text: str) -> None:
    """A "no figure" sentence or group is true for exactly what was asked: the 2014 count of
    forces is right, an "only 2014" group holds no force with a later figure, a ranking leaves
    no force out silently (a zero without a sample is listed), an audit-only offence is
    answered with its audits, no offence's zero leads a force's mixed findings, and a list
    says "all crime" only over all-crime figures."""
    facts_of = knowledge.answerer.facts_of
    offence = answer.shown_offence or answer.offence
    audited = {
        force: [f for f in facts if f.measure in _AUDITED and f.offence == offence]
        for force, facts in facts_of.items()
        if force != NATIONAL
    }
    if answer.intent == "offence_overview" and answer.topic == "cancelled_incorrect":
        for f in answer.group("only_2014"):
            if answer.year is None:
                assert all(g.is_2014 for g in audited[f.force]), (answer.question, f.force)
        if answer.year is not None and not answer.missing:
            have = {  # every audit row of the year, rightly cancelled ones too
                force
                for force, fs in facts_of.items()
                if force != NATIONAL
                and any(
                    g.inspection_year == answer.year
                    and g.offence == offence
                    and g.measure in (*_AUDITED, "cancelled_correct")
                    for g in fs
                )
            }
            assert have == {f.force for f in answer.facts if f.force != NATIONAL}, answer.question
            assert f"the other {answer.total_forces - len(have)} " in text, answer.question
    if answer.intent == "rank" and answer.topic == "cancelled_incorrect" and not answer.year:
        later = {force for force, fs in audited.items() if any(not g.is_2014 for g in fs)}
        listed = {f.force for f in answer.facts}
        assert len(later - listed) <= answer.more, (answer.question, later - listed)
    has_audits = any(
        f.offence == answer.offence
        and f.measure in RECORDING_AUDITS
        and answer.year in (None, f.inspection_year)
        for fs in facts_of.values()
        for f in fs
    )
    overview_or_rank = answer.intent in ("offence_overview", "rank")
    if answer.offence in AUDIT_ONLY_OFFENCES and overview_or_rank and not answer.measure:
        assert not (has_audits and answer.missing), answer.question
    lookup_zero = answer.intent == "lookup" and answer.offence is None and answer.lead
    if lookup_zero and answer.lead.none_found:  # type: ignore[union-attr]
        assert not any(
            f.measure in _AUDITED and not f.none_found and not f.is_2014 and f.number
            for f in answer.facts
        ), answer.question
    first_line = text.split("\n")[0]
    if answer.intent == "offence_overview" and first_line.endswith(", all crime."):
        assert all(f.offence == "all" for f in answer.group("latest")), answer.question


def check_heading(answer: Answer, text: str) -> None:
    """A lookup's heading ("Kent Police: recording rate") names a measure its figures are of
    (never "estimated crimes unrecorded a year" over audit counts)."""
    if answer.intent != "lookup" or answer.missing or not answer.forces:
        return
    paragraphs = text.split("\n\n")
    heading = paragraphs[1].splitlines()[0] if len(paragraphs) > 1 else ""
    if not heading.startswith(answer.forces[0]) or ": " not in heading:
        return
    label = heading.rsplit(": ", 1)[1]
    shown = {f.measure for f in answer.facts}
    labelled = {m.label: name for name, m in MEASURES.items()}
    assert label in labelled, (answer.question, heading)
    assert shown & set(primary_of(labelled[label])), (answer.question, heading)


def check_national_framing(answer: Answer, text: str) -> None:
    """A national figure is never framed as one force's audit sample; two national rates of
    different years asked together are compared in the first sentence."""
    for line in text.splitlines():
        if line.startswith("• England and Wales") or answer.intent == "national":
            assert "force-wide" not in line and "audit sample" not in line, (answer.question, line)
    rates = [f for f in answer.facts if f.force == NATIONAL and f.measure == "recording_rate"]
    if answer.intent == "national" and len({f.inspection_year for f in rates}) > 1:
        first = text.split("\n\n")[0]
        assert all(f"{f.value}%" in first for f in rates), (answer.question, first)


def check_lists(answer: Answer) -> None:
    for kind in ("wrongly", "wrongly_unsized"):
        assert not any(f.none_found or f.is_2014 for f in answer.group(kind)), answer.question
    assert all(f.denominator is not None for f in answer.group("wrongly")), answer.question
    assert all(f.none_found for f in answer.group("none")), answer.question
    if answer.intent == "filter":
        assert all(f.value == answer.grade_filter for f in answer.group("latest"))
    if answer.intent == "offence_overview" and answer.topic != "cancelled_incorrect":
        primary = primary_of(answer.topic or "")
        assert all(f.measure in primary for f in answer.group("latest")), answer.question
    if answer.intent == "rank" and answer.facts:
        assert not any(f.is_2014 for f in answer.facts), answer.question
        ranked = answer.facts[: len(answer.places)]
        if answer.topic == "cancelled_incorrect":  # a percent without its sample is not ranked
            assert all(f.denominator is not None for f in ranked), answer.question
        assert all(f.denominator is None for f in answer.group("no_sample"))
        numbers = [f.number or 0.0 for f in ranked]
        higher_worse = answer.facts[0].about.higher_is_worse
        descending = answer.rank == "most" or (
            answer.rank in ("best", "worst") and (answer.rank == "worst") == higher_worse
        )
        assert numbers == sorted(numbers, reverse=descending), (answer.question, numbers)


def test_generated_questions_keep_every_framing_rule(knowledge: Knowledge) -> None:
    asked = questions(knowledge)
    assert len(asked) > 4000
    for question in asked:
        check_answer(knowledge, knowledge.ask(question))


@pytest.mark.parametrize("query", built_queries(), ids=lambda q: f"{q.intent}-{q.measure}")
def test_built_ranks_and_filters_keep_every_framing_rule(
    knowledge: Knowledge, query: Query
) -> None:
    check_answer(knowledge, knowledge.answerer.answer(query))


_PLACE = re.compile(
    r"(?:joint )?(?:(\d+)\w\w )?(best|worst) \((?:\d+\w\w )?(highest|lowest) (?:rate|share)\)"
)


def test_chart_captions_place_every_force_by_the_measures_direction(
    knowledge: Knowledge,
) -> None:
    """Every force's chart of each kind: the caption's place word agrees with the registry
    (a high recording rate is best, a high share wrongly cancelled worst) and with the bars;
    2014 samples are never ranked."""
    shorts = [row["short_name"] for row in knowledge.store.forces.values()]
    asked = [
        "recording rate",
        "violent crime recording",
        "rape cancellations",
        "robbery cancelled",
    ]
    for question in [f"{s} {a}" for s in shorts for a in asked] + asked:
        chart = plan_chart(knowledge, question)
        if not hasattr(chart, "bars"):
            continue
        worse_high = measure(chart.kind).higher_is_worse
        assert chart.kind in CHART_KINDS.values()
        assert all(b.rank == 0 for b in chart.bars if b.year == 2014), question
        for bar in chart.highlighted_bars:
            if not bar.rank:
                assert "not ranked" in chart.caption_text, question
                continue
            better = [b for b in chart.ranked if (b.value < bar.value) == worse_high]
            better = [b for b in better if b.value != bar.value]
            found = _PLACE.search(chart.caption_text)
            assert found, (question, chart.caption_text)
            nth, end, number = found.groups()
            assert number == ("lowest" if (end == "best") == worse_high else "highest")
            place = int(nth or 1)
            if end == "best":
                assert place == len(better) + 1, (question, chart.caption_text)
        if not chart.highlighted and len(chart.ranked) > 1:
            best = max(chart.ranked, key=lambda b: -b.value if worse_high else b.value)
            assert f"Best ({'lowest' if worse_high else 'highest'}" in chart.caption_text
            assert f"{best.figure} (" in chart.caption_text
