"""Plan the chart for a question: one measure and offence across the forces, chosen from the
same parsed question and answer as a text reply (or why there is none), with its title, notes and
caption in the template's words. The data is knowledge.chart_model; knowledge.chart_render draws
it."""

from collections.abc import Mapping
from dataclasses import replace
from typing import Final

from knowledge.across_forces import figures_by_force
from knowledge.answers import Answer
from knowledge.chart_bars import cancelled_bars, ranked, recording_bars
from knowledge.chart_model import (
    CANCELLED,
    CAPTION_LIMIT,
    CHART_KINDS,
    DEFAULT_AUDIT_OFFENCE,
    RECORDING,
    WRONGLY_CANCELLED,
    ChartData,
    NoChart,
)
from knowledge.followups import OFFENCE_PHRASES
from knowledge.measures import measure
from knowledge.query import INTENTS, Query
from knowledge.service import Knowledge

MIN_BARS: Final = 2  # one bar compares nothing
CHARTABLE_INTENTS: Final = frozenset(INTENTS) - {
    "glossary",
    "help",
    "clarify",
    "out_of_scope",
    "whats_new",
}
TEMPLATE: Final = "chart_caption.j2"


def chart_data(knowledge: Knowledge, question: str, bot_name: str = "") -> ChartData | None:
    """The chart for a question, or None when there is none (plan_chart says why)."""
    planned = plan_chart(knowledge, question, bot_name)
    return planned if isinstance(planned, ChartData) else None


def plan_chart(knowledge: Knowledge, question: str, bot_name: str = "") -> ChartData | NoChart:
    """Ask the question as usual, then gather every force's figure for its measure and offence."""
    answer = knowledge.ask(question)
    kind, why = chart_kind(answer)
    if kind is None:
        return _refuse(knowledge, why, answer)
    offence = answer.offence or ("all" if kind == RECORDING else DEFAULT_AUDIT_OFFENCE)
    query = Query(
        answer.question, "offence_overview", offence=offence, measure=kind, year=answer.year
    )
    by_force = figures_by_force(knowledge.answerer, query)
    highlighted = answer.forces

    def short(force: str) -> str:
        return knowledge.store.forces[force]["short_name"]

    builder = recording_bars if kind == RECORDING else cancelled_bars
    bars, unplotted = builder(by_force, short, highlighted)
    if len(bars) < MIN_BARS:
        return _refuse(
            knowledge, "too_few" if bars else "no_figures", answer, kind, offence, len(bars)
        )
    facts = [b.fact for b in bars] + [f for u in unplotted for f in u.facts]
    years = sorted({f.inspection_year for f in facts if f.inspection_year})
    shown = {b.force for b in bars} | {u.force for u in unplotted}
    chart = ChartData(
        kind=kind,
        offence=offence,
        offence_defaulted=answer.offence is None and kind == CANCELLED,
        year=answer.year,
        highlighted=highlighted,
        bars=ranked(bars, measure(kind).higher_is_worse),
        unplotted=tuple(unplotted),
        missing=tuple(f for f in highlighted if f not in shown),
        coverage=len(bars) + len(unplotted),
        total_forces=len(knowledge.store.forces),
        years=(years[0], years[-1]) if years else None,
        source_kinds=frozenset(f.source_kind for f in facts),
        data_version=knowledge.store.visible_version,  # changes when an embargo lifts
        bot_name=bot_name.lstrip("@"),
    )
    return _speak(knowledge, chart)


def chart_kind(answer: Answer) -> tuple[str | None, str]:
    """Which chart answers this answer (RECORDING, CANCELLED), or None and why not."""
    if answer.intent not in CHARTABLE_INTENTS:
        return None, answer.intent
    measure = answer.measure
    if measure is None:
        shown = {f.measure for f in answer.facts}
        if answer.intent in ("force_summary", "compare") and not answer.offence:
            measure = RECORDING
        else:  # what the text answer showed when the question named no measure
            measure = next(
                (m for m in (CANCELLED, *WRONGLY_CANCELLED, RECORDING) if m in shown), None
            )
    if measure == "grade":
        return None, "grade"
    if measure is None or measure not in CHART_KINDS:
        return None, "national_counts" if answer.intent == "national" else "no_figures"
    return CHART_KINDS[measure], ""


def chart_question(answer: Answer, short_names: Mapping[str, str] | None = None) -> str | None:
    """A short question that charts what this answer is about, for a "Chart" button."""
    kind, _ = chart_kind(answer)
    if kind is None:
        return None
    names = short_names or {}
    words = [" and ".join(names.get(force, force) for force in answer.forces)]
    offence = answer.offence or ("all" if kind == RECORDING else DEFAULT_AUDIT_OFFENCE)
    words += [
        OFFENCE_PHRASES.get(offence, offence),
        "recording" if kind == RECORDING else "cancelled",
    ]
    words += [str(answer.year)] if answer.year else []
    return " ".join(word for word in words if word)


def _speak(knowledge: Knowledge, chart: ChartData) -> ChartData:
    """Fill in the title, labels, notes and caption from templates/chart_caption.j2."""
    text = knowledge.renderer.macros(TEMPLATE, "text")
    html = knowledge.renderer.macros(TEMPLATE, "html")
    chart = replace(
        chart,
        title=_line(text.title(chart)),
        subtitle=_line(text.subtitle(chart)),
        x_label=_line(text.x_label(chart)),
        footer=_line(text.footer(chart)),
        notes=tuple(_line(n) for n in str(text.notes(chart)).splitlines() if n.strip()),
    )
    for listed, brief in ((8, False), (4, False), (0, False), (0, True)):
        caption = _lines(html.caption(chart, listed, brief))
        if len(caption) < CAPTION_LIMIT:
            break
    else:  # many forces compared: whole lines only, so no HTML tag is cut in two
        caption = caption[: CAPTION_LIMIT - 2].rsplit("\n", 1)[0] + "\n…"
    return replace(chart, caption=caption, caption_text=_lines(text.caption(chart, 99, False)))


def _refuse(knowledge: Knowledge, why: str, answer: Answer, *detail: object) -> NoChart:
    """Why there is no chart; `detail`: the chart kind, offence and number of bars, if known."""
    text, html = (knowledge.renderer.macros(TEMPLATE, fmt) for fmt in ("text", "html"))
    return NoChart(
        why, _line(text.refusal(why, answer, *detail)), _line(html.refusal(why, answer, *detail))
    )


def _line(text: object) -> str:
    return " ".join(str(text).split())


def _lines(text: object) -> str:
    lines = [_line(line) for line in str(text).splitlines()]
    return "\n".join(line for line in lines if line)
