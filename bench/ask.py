"""Benchmark `Knowledge.ask` on the labelled question set, beside a naive rapidfuzz baseline.

Prints accuracy, wrong-force answers, p50/p99 latency of one ask (parse + answer + render),
cold start (open the database + build the matcher) and peak memory, for findings-bot and for
`rapidfuzz.process.extractOne(question, all alias strings, scorer=fuzz.WRatio)`; the held-back
sets 2 and 3 (totals only, per set); then latency and cold start again on a synthetic findings file
100 times larger (bench/synthetic.py: fictional copies of every inspection).

    make bench            # or: .venv/bin/python bench/ask.py [--times 100]
"""

import argparse
import gc
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from rapidfuzz import fuzz, process, utils

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from labelled import (
    CONVERSATIONS_FILE,
    HELDBACK3_CONVERSATIONS,
    HELDBACK3_FILE,
    HELDOUT_FILE,
    Labelled,
    load_conversations,
    load_labelled,
    mismatches,
    wrong_force,
)
from synthetic import write_synthetic

from knowledge import Knowledge
from knowledge.conversation import Conversation
from knowledge.loader import DATA_DIR
from knowledge.store import build_database

ROUNDS = 20  # the labelled set is asked this many times for the latency figures


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def cold_start(db: Path) -> tuple[Knowledge, float, float]:
    """Open the database and build the matcher; seconds, and peak traced MiB."""
    gc.collect()
    tracemalloc.start()
    started = time.perf_counter()
    knowledge = Knowledge.open(db)
    knowledge.ask("warm up the templates")
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return knowledge, elapsed, peak


def ours(knowledge: Knowledge, labelled: list[Labelled]) -> dict[str, float]:
    right = wrong = force_right = 0
    for item in labelled:
        answer = knowledge.ask(item.question)
        right += not mismatches(item, answer, knowledge.render(answer))
        wrong += wrong_force(item, answer)
        force_right += tuple(answer.forces) == item.forces
    times = []
    for _ in range(ROUNDS):
        for item in labelled:
            started = time.perf_counter()
            knowledge.render(knowledge.ask(item.question), "html")
            times.append(time.perf_counter() - started)
    return {
        "accuracy": right / len(labelled),
        "force_accuracy": force_right / len(labelled),
        "wrong_force": wrong,
        "p50_ms": 1000 * percentile(times, 0.5),
        "p99_ms": 1000 * percentile(times, 0.99),
    }


def baseline(knowledge: Knowledge, labelled: list[Labelled]) -> dict[str, float]:
    """extractOne over every alias string with WRatio: a force for every question, nothing else."""
    started = time.perf_counter()
    aliases = {alias: entries[0].force for alias, entries in knowledge.matcher.table.items()}
    choices = list(aliases)
    cold = time.perf_counter() - started
    right = wrong = 0
    times = []
    for _ in range(ROUNDS):
        for item in labelled:
            t0 = time.perf_counter()
            best = process.extractOne(
                item.question, choices, scorer=fuzz.WRatio, processor=utils.default_process
            )
            times.append(time.perf_counter() - t0)
            if _ == 0:
                forces = (aliases[best[0]],) if best else ()
                right += forces == item.forces
                wrong += bool(set(forces) - set(item.forces))
    return {
        "accuracy": right / len(labelled),
        "force_accuracy": right / len(labelled),
        "wrong_force": wrong,
        "p50_ms": 1000 * percentile(times, 0.5),
        "p99_ms": 1000 * percentile(times, 0.99),
        "cold_ms": 1000 * cold,
    }


def conversations(knowledge: Knowledge, path: Path) -> str:
    """Whole conversations right, and turns right, asking each turn in one Conversation."""
    labelled = load_conversations(path)
    whole = turns = turns_right = 0
    for item in labelled:
        conversation, right = Conversation(), True
        for turn in item.turns:
            answer = conversation.ask(knowledge, turn.question)
            ok = not mismatches(turn, answer, knowledge.render(answer))
            turns, turns_right, right = turns + 1, turns_right + ok, right and ok
        whole += right
    return (
        f"{whole}/{len(labelled)} conversations ({whole / len(labelled):.1%}), "
        f"{turns_right}/{turns} turns ({turns_right / turns:.1%})"
    )


def scaled(times: int, labelled: list[Labelled]) -> None:
    """Cold start and latency on a findings file `times` times larger."""
    with tempfile.TemporaryDirectory() as folder:
        data = write_synthetic(Path(folder) / "data", times)
        db = Path(folder) / "findings.db"
        report = build_database(db, data)
        knowledge, cold, peak = cold_start(db)
        figures = ours(knowledge, labelled)
    print(
        f"{times}x data ({report.findings:,} findings): cold start {1000 * cold:.0f} ms, "
        f"p50 {figures['p50_ms']:.3f} ms, p99 {figures['p99_ms']:.3f} ms, "
        f"peak traced memory {peak:.1f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--times", type=int, default=100, help="size of the synthetic data")
    arguments = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    db = Path(folder.name) / "findings.db"
    build_database(db, DATA_DIR)
    labelled = load_labelled()
    knowledge, cold, peak = cold_start(db)
    mine = ours(knowledge, labelled)
    naive = baseline(knowledge, labelled)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"labelled questions: {len(labelled)}; latency over {ROUNDS} rounds; "
        f"{os.cpu_count()} cores; database {db}"
    )
    print(f"{'':22}{'findings-bot':>14}{'naive WRatio':>14}")
    rows = [
        ("accuracy (all labels)", "accuracy", "{:.1%}"),
        ("force accuracy", "force_accuracy", "{:.1%}"),
        ("wrong-force answers", "wrong_force", "{:.0f}"),
        ("p50 latency ms", "p50_ms", "{:.3f}"),
        ("p99 latency ms", "p99_ms", "{:.3f}"),
    ]
    for title, key, fmt in rows:
        print(f"{title:22}{fmt.format(mine[key]):>14}{fmt.format(naive[key]):>14}")
    print(f"{'cold start ms':22}{1000 * cold:>14.1f}{naive['cold_ms']:>14.1f}")
    heldout = ours(knowledge, load_labelled(HELDOUT_FILE))
    print(
        f"held-out set ({len(load_labelled(HELDOUT_FILE))} questions): accuracy "
        f"{heldout['accuracy']:.1%}, wrong-force answers {heldout['wrong_force']:.0f}"
    )
    print(f"conversations (tuned): {conversations(knowledge, CONVERSATIONS_FILE)}")
    held_back = load_labelled(HELDBACK3_FILE)  # totals only: which items fail is not shown
    scored = ours(knowledge, held_back)
    print(
        f"held-back set 3 ({len(held_back)} questions): accuracy "
        f"{scored['accuracy']:.1%}, wrong-force answers {scored['wrong_force']:.0f}; "
        f"conversations {conversations(knowledge, HELDBACK3_CONVERSATIONS)}"
    )
    print(f"peak traced memory during cold start: {peak:.1f} MiB; process max RSS {rss:.0f} MiB")
    scaled(arguments.times, labelled)
    print("targets: accuracy >= 97%, 0 wrong-force answers, p99 < 2 ms, cold start < 300 ms")
    folder.cleanup()


if __name__ == "__main__":
    main()
