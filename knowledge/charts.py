"""What a chart shows: one measure and offence across the forces, chosen from the same parsed
question and answer as a text reply. Pure data; knowledge.chart_render draws it."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final

from knowledge.answers import Answer
from knowledge.facts import Fact
from knowledge.followups import OFFENCE_PHRASES
from knowledge.measures import measure
from knowledge.query import INTENTS, Query
from knowledge.service import Knowledge

RECORDING: Final = "recording_rate"
CANCELLED: Final = "cancelled_incorrect"
DEFAULT_AUDIT_OFFENCE: Final = "rape"  # the offence most cancelled-crime audits reported
CAPTION_LIMIT: Final = 1024  # Telegram's limit for a photo caption
MIN_BARS: Final = 2  # one bar compares nothing
CHART_KINDS: Final[dict[str, str]] = {
    "recording_rate": RECORDING,
    "unrecorded_per_year": RECORDING,
    "cancelled_incorrect": CANCELLED,
    "cancelled_incorrect_pct": CANCELLED,
    "forces_with_incorrect_cancellations": CANCELLED,
    "max_force_cancelled_incorrect_pct": CANCELLED,
}
CHARTABLE_INTENTS: Final = frozenset(INTENTS) - {
    "glossary",
    "help",
    "clarify",
    "out_of_scope",
    "whats_new",
}
WRONGLY_CANCELLED: Final = ("cancelled_incorrect", "cancelled_incorrect_pct")
TEMPLATE: Final = "chart_caption.j2"


@dataclass(frozen=True)
class Bar:
    """One force's figure as drawn: value and interval in percent, and its place among the
    comparable bars counted from the better end (`rank`, 1 = best by the measure's direction in
    knowledge.measures) and from the worse end (`worst_rank`); 0 = not ranked (a 2014 sample)."""

    force: str
    label: str
    value: float
    low: float | None
    high: float | None
    figure: str  # "2 of 20", "94.1%"
    year: int | None
    highlighted: bool
    fact: Fact
    rank: int = 0
    worst_rank: int = 0
    tied: bool = False


@dataclass(frozen=True)
class Unplotted:
    """A force with a figure that cannot be drawn with an interval (a percent, or no sample)."""

    force: str
    label: str
    facts: tuple[Fact, ...]
    highlighted: bool


@dataclass(frozen=True)
class ChartData:
    """Everything the plot and its caption need; sentences come from templates/chart_caption.j2."""

    kind: str  # RECORDING or CANCELLED
    offence: str
    offence_defaulted: bool
    year: int | None
    highlighted: tuple[str, ...]
    bars: tuple[Bar, ...]
    unplotted: tuple[Unplotted, ...]
    missing: tuple[str, ...]  # asked forces with no figure at all
    coverage: int  # forces with a figure of this measure for this offence
    total_forces: int
    years: tuple[int, int] | None
    source_kinds: frozenset[str]
    data_version: str
    bot_name: str = ""
    title: str = ""
    subtitle: str = ""
    x_label: str = ""
    footer: str = ""
    notes: tuple[str, ...] = ()
    caption: str = ""  # Telegram HTML, under CAPTION_LIMIT
    caption_text: str = field(default="", repr=False)

    @property
    def cache_key(self) -> tuple[Any, ...]:
        return (
            self.kind,
            self.offence,
            self.year,
            self.highlighted,
            self.data_version,
            self.bot_name,
        )

    @property
    def highlighted_bars(self) -> tuple[Bar, ...]:
        return tuple(bar for bar in self.bars if bar.highlighted)

    @property
    def higher_is_worse(self) -> bool:
        return measure(self.kind).higher_is_worse

    @property
    def ranked(self) -> tuple[Bar, ...]:
        """The bars that are ranked (2014 samples are not ranked beside later audits)."""
        return tuple(bar for bar in self.bars if bar.rank)

    @property
    def has_2014(self) -> bool:
        facts = [b.fact for b in self.bars] + [f for u in self.unplotted for f in u.facts]
        return self.kind == CANCELLED and any(f.inspection_year == 2014 for f in facts)


@dataclass(frozen=True)
class NoChart:
    """Why a question has no chart, in words the bot and the CLI can say."""

    why: str
    text: str
    html: str


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
    by_force = knowledge.answerer.lists.figures_by_force(query)
    highlighted = answer.forces

    def short(force: str) -> str:
        return knowledge.store.forces[force]["short_name"]

    builder = _recording_bars if kind == RECORDING else _cancelled_bars
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
        bars=_ranked(bars, measure(kind).higher_is_worse),
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


def _recording_bars(
    by_force: dict[str, list[Fact]], short: Callable[[str], str], highlighted: tuple[str, ...]
) -> tuple[list[Bar], list[Unplotted]]:
    bars = []
    for force, facts in by_force.items():
        fact = next((f for f in facts if f.measure == RECORDING and f.number is not None), None)
        if fact is None or fact.number is None:
            continue
        ci = float(fact.ci_plus_minus) if fact.ci_plus_minus else None
        low, high = (fact.number - ci, fact.number + ci) if ci is not None else (None, None)
        bars.append(
            Bar(
                force,
                short(force),
                fact.number,
                low,
                high,
                f"{fact.value}%",
                fact.inspection_year,
                force in highlighted,
                fact,
            )
        )
    return bars, []


def _cancelled_bars(
    by_force: dict[str, list[Fact]], short: Callable[[str], str], highlighted: tuple[str, ...]
) -> tuple[list[Bar], list[Unplotted]]:
    bars, unplotted = [], []
    for force, facts in by_force.items():
        wrong = tuple(f for f in facts if f.measure in WRONGLY_CANCELLED)
        sampled = next((f for f in wrong if f.measure == CANCELLED and f.wilson), None)
        if sampled is not None and sampled.wilson and sampled.number is not None:
            low, high = sampled.wilson
            bars.append(
                Bar(
                    force,
                    short(force),
                    sampled.number,
                    low,
                    high,
                    f"{sampled.numerator} of {sampled.denominator}",
                    sampled.inspection_year,
                    force in highlighted,
                    sampled,
                )
            )
        elif wrong:
            unplotted.append(Unplotted(force, short(force), wrong, force in highlighted))
    return bars, unplotted


def _ranked(bars: list[Bar], higher_is_worse: bool) -> tuple[Bar, ...]:
    """Drawn highest value first. Places follow the measure's direction: rank 1 is the best
    (the highest recording rate, the lowest share wrongly cancelled), worst_rank 1 the worst;
    ties share a place; a 2014 sample is drawn but not ranked beside the 2016-2020 audits."""
    values = [b.value for b in bars if b.year != 2014]
    ordered = sorted(bars, key=lambda b: (-b.value, b.label))

    def place(b: Bar) -> Bar:
        if b.year == 2014:
            return b
        higher = 1 + sum(v > b.value for v in values)
        lower = 1 + sum(v < b.value for v in values)
        best, worst = (lower, higher) if higher_is_worse else (higher, lower)
        return replace(b, rank=best, worst_rank=worst, tied=values.count(b.value) > 1)

    return tuple(place(b) for b in ordered)


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
