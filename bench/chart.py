"""Benchmark chart rendering: p50/p99 of drawing a PNG cold (cache cleared each time) and cached.

Also times planning (parse, answer, every force's figures, the caption), which runs before every
cached lookup. Targets: cold render under 500 ms, cached under 5 ms. Writes a sample chart.

    FINDINGS_DB=var/findings.db .venv/bin/python bench/chart.py [--sample docs/sample-chart.png]
"""

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

from knowledge import Knowledge
from knowledge.chart_model import ChartData
from knowledge.chart_render import ChartCache
from knowledge.charts import plan_chart

QUESTIONS = (
    "Herts recording rate",  # 43 bars, the largest chart
    "how well does the Met record violent crime",
    "Herts robbery cancellations?",
    "which forces wrongly cancelled rape reports",
)
COLD_ROUNDS, CACHED_ROUNDS = 10, 500
SAMPLE_QUESTION = "Herts recording rate"
# FINDINGS_DB read directly, as documented in the README.
DEFAULT_DB = Path(__file__).resolve().parent.parent / "var" / "findings.db"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed(work: Callable[[], object], rounds: int) -> list[float]:
    """Milliseconds of each of `rounds` calls."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return times


def line(label: str, times: list[float]) -> str:
    p50, p99 = percentile(times, 0.5), percentile(times, 0.99)
    return f"{label:<34} p50 {p50:9.3f} ms   p99 {p99:9.3f} ms   (n={len(times)})"


def bench(knowledge: Knowledge) -> None:
    charts: list[ChartData] = []
    for question in QUESTIONS:
        planned = plan_chart(knowledge, question, "findings_bot")
        assert isinstance(planned, ChartData), planned
        charts.append(planned)
    cache = ChartCache()
    cache.png(charts[0])  # import-time and font-cache warm-up, not counted

    def cold() -> None:
        for chart in charts:
            cache.clear()
            cache.png(chart)

    cold_times = [t / len(charts) for t in timed(cold, COLD_ROUNDS)]
    largest = timed(lambda: (cache.clear(), cache.png(charts[0])), COLD_ROUNDS)
    cached_times = timed(lambda: [cache.png(c) for c in charts], CACHED_ROUNDS)
    cached_times = [t / len(charts) for t in cached_times]
    plan_times = timed(lambda: plan_chart(knowledge, QUESTIONS[0], "findings_bot"), 200)
    end_to_end = timed(lambda: cache.png(plan_chart(knowledge, QUESTIONS[0], "findings_bot")), 200)
    print(f"Chart rendering, {len(charts)} charts ({', '.join(QUESTIONS)})")
    print(line("cold render (mean of the 4)", cold_times))
    print(line(f"cold render, {len(charts[0].bars)} bars", largest))
    print(line("cached render", cached_times))
    print(line("plan (ask + figures + caption)", plan_times))
    print(line("cached chart from a question", end_to_end))
    print(f"targets: cold < 500 ms, cached < 5 ms; {cache.renders} drawings in all")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=Path, help="write the sample chart PNG here")
    args = parser.parse_args()
    knowledge = Knowledge.open(Path(os.environ.get("FINDINGS_DB") or DEFAULT_DB))
    bench(knowledge)
    if args.sample:
        chart = plan_chart(knowledge, SAMPLE_QUESTION, "findings_bot")
        assert isinstance(chart, ChartData)
        args.sample.parent.mkdir(parents=True, exist_ok=True)
        args.sample.write_bytes(ChartCache().png(chart))
        print(f"wrote {args.sample} ({SAMPLE_QUESTION!r})")


if __name__ == "__main__":
    main()
