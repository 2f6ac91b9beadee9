"""What a chart is, as pure data: its kind (recording rate or share wrongly cancelled), each
force's bar with its interval and place, the forces it cannot plot, and why a question has no
chart. knowledge.charts fills it in; knowledge.chart_render draws it."""

from dataclasses import dataclass, field
from typing import Any, Final

from knowledge.facts import Fact
from knowledge.measures import measure

RECORDING: Final = "recording_rate"
CANCELLED: Final = "cancelled_incorrect"
DEFAULT_AUDIT_OFFENCE: Final = "rape"  # the offence most cancelled-crime audits reported
CAPTION_LIMIT: Final = 1024  # Telegram's limit for a photo caption
CHART_KINDS: Final[dict[str, str]] = {
    "recording_rate": RECORDING,
    "unrecorded_per_year": RECORDING,
    "cancelled_incorrect": CANCELLED,
    "cancelled_incorrect_pct": CANCELLED,
    "forces_with_incorrect_cancellations": CANCELLED,
    "max_force_cancelled_incorrect_pct": CANCELLED,
}
WRONGLY_CANCELLED: Final = ("cancelled_incorrect", "cancelled_incorrect_pct")


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
