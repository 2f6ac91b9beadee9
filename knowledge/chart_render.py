"""Draw a ChartData as a PNG a phone can read: matplotlib's object API on the Agg canvas.

No pyplot (no global figure state, safe off the event loop in a worker thread). Horizontal bars,
so 43 forces' names never overlap: the figure grows taller with every bar, never narrower.
"""

import io
import textwrap
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from knowledge.chart_model import CANCELLED, ChartData

DPI = 100
WIDTH_IN = 10.8  # 1080 px
BAR_IN = 0.46  # height per force
LEFT_IN, RIGHT_IN, SIDE_IN = 2.9, 2.0, 0.3  # force names; figure and year columns; edges
FIGURE_COL_IN, YEAR_COL_IN = 0.15, 1.35  # right columns, from the plot's right edge
BASE, HIGHLIGHT, HIGHLIGHT_TEXT, INK, MUTED = "#9aaabb", "#e0600b", "#a34700", "#222222", "#666666"
TITLE_PT, SUBTITLE_PT, LABEL_PT, VALUE_PT, NOTE_PT = 24, 14, 15, 14, 12.5
SUBTITLE_WRAP, NOTE_WRAP = 92, 108  # characters a line at those sizes


@dataclass(frozen=True)
class Layout:
    """Heights in inches of the bands of the figure, top to bottom."""

    subtitle: list[str]
    notes: list[str]
    bars: int

    @property
    def top_in(self) -> float:
        return 0.95 + 0.27 * len(self.subtitle) + 0.45

    @property
    def bottom_in(self) -> float:
        return 1.0 + 0.25 * len(self.notes) + 0.55

    @property
    def height_in(self) -> float:
        return self.top_in + BAR_IN * self.bars + self.bottom_in


def draw_png(chart: ChartData) -> bytes:
    """The chart as PNG bytes, WIDTH_IN * DPI pixels wide."""
    layout = Layout(
        subtitle=textwrap.wrap(chart.subtitle, SUBTITLE_WRAP),
        notes=[line for note in chart.notes for line in textwrap.wrap(note, NOTE_WRAP)],
        bars=len(chart.bars),
    )
    fig = Figure(figsize=(WIDTH_IN, layout.height_in), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    height = layout.height_in
    ax = fig.add_axes(
        (
            LEFT_IN / WIDTH_IN,
            layout.bottom_in / height,
            (WIDTH_IN - LEFT_IN - RIGHT_IN) / WIDTH_IN,
            BAR_IN * layout.bars / height,
        )
    )
    _bars(ax, chart)
    _columns(ax, chart)
    _text(fig, chart, layout)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _bars(ax: Axes, chart: ChartData) -> None:
    bars = chart.bars
    ys = range(len(bars))
    colours = [HIGHLIGHT if b.highlighted else BASE for b in bars]
    drawn = ax.barh(ys, [b.value for b in bars], height=0.68, color=colours, zorder=2)
    for patch, bar in zip(drawn.patches, bars, strict=True):
        if chart.kind == CANCELLED and bar.year == 2014:  # not comparable with later audits
            patch.set_hatch("//")
            patch.set_edgecolor("white")
    for y, bar in zip(ys, bars, strict=True):
        if bar.low is not None and bar.high is not None:
            ax.plot([bar.low, bar.high], [y, y], color=INK, linewidth=2, zorder=3)
            ax.plot(
                [bar.low] * 2 + [bar.high] * 2,
                [y - 0.18, y + 0.18, y - 0.18, y + 0.18],
                color=INK,
                linewidth=0,
                marker="|",
                markersize=9,
                zorder=3,
            )
    ax.set_xlim(0, 100)
    ax.set_ylim(len(bars) - 0.5, -0.5)  # highest value at the top
    ax.set_yticks(list(ys), [b.label for b in bars], fontsize=LABEL_PT)
    for tick, bar in zip(ax.get_yticklabels(), bars, strict=True):
        if bar.highlighted:
            tick.set_fontweight("bold")
            tick.set_color(HIGHLIGHT_TEXT)
    ax.tick_params(axis="y", length=0, pad=8)
    ax.tick_params(axis="x", labelsize=LABEL_PT - 2, colors=MUTED)
    ax.set_xlabel(chart.x_label, fontsize=LABEL_PT - 1, color=INK, labelpad=8)
    ax.xaxis.grid(True, color="#dddddd", zorder=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)


def _columns(ax: Axes, chart: ChartData) -> None:
    """Each bar's figure and its inspection year, in two columns right of the plot."""
    width_in = WIDTH_IN - LEFT_IN - RIGHT_IN
    figure_x, year_x = 1 + FIGURE_COL_IN / width_in, 1 + YEAR_COL_IN / width_in
    row = ax.get_yaxis_transform()  # x in axes fractions, y in bar positions
    for y, bar in enumerate(chart.bars):
        style: dict[str, Any] = {"fontsize": VALUE_PT, "va": "center", "transform": row}
        if bar.highlighted:
            style.update(fontweight="bold", color=HIGHLIGHT_TEXT)
        ax.text(figure_x, y, bar.figure, ha="left", **style)
        ax.text(year_x, y, str(bar.year or "n/d"), ha="left", **{"color": MUTED, **style})
    head: dict[str, Any] = {"fontsize": NOTE_PT, "color": MUTED, "va": "bottom"}
    head["transform"] = ax.transAxes
    ax.text(figure_x, 1.0 + 0.1 / (BAR_IN * len(chart.bars)), "figure", **head)
    ax.text(year_x, 1.0 + 0.1 / (BAR_IN * len(chart.bars)), "year", **head)


def _text(fig: Figure, chart: ChartData, layout: Layout) -> None:
    """Title and subtitle at the top; notes and the source footer at the bottom."""
    height = layout.height_in
    x = SIDE_IN / WIDTH_IN

    def at(inches_from_top: float) -> float:
        return 1 - inches_from_top / height

    fig.text(x, at(0.3), chart.title, fontsize=TITLE_PT, fontweight="bold", color=INK, va="top")
    for i, line in enumerate(layout.subtitle):
        fig.text(x, at(0.95 + 0.27 * i), line, fontsize=SUBTITLE_PT, color=INK, va="top")
    for i, line in enumerate(layout.notes):
        fig.text(
            x,
            (0.55 + 0.25 * (len(layout.notes) - i)) / height,
            line,
            fontsize=NOTE_PT,
            color=MUTED,
            va="bottom",
        )
    fig.text(x, 0.2 / height, chart.footer, fontsize=NOTE_PT + 1, color=INK, va="bottom")


class ChartCache:
    """PNG bytes by chart kind, offence, year, highlighted forces and data version (LRU)."""

    def __init__(self, size: int = 64, draw: Callable[[ChartData], bytes] = draw_png) -> None:
        self.size = size
        self.draw = draw
        self.renders = 0
        self._items: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def png(self, chart: ChartData) -> bytes:
        key = chart.cache_key
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        with _DRAWING:  # matplotlib's font cache is shared; the cache lock is not held here
            png = self.draw(chart)
        with self._lock:
            self.renders += 1
            self._items[key] = png
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return png

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_DRAWING = threading.Lock()
CACHE = ChartCache()


def render_png(chart: ChartData, cache: ChartCache = CACHE) -> bytes:
    """The chart as PNG bytes, drawn once per cache key."""
    return cache.png(chart)
