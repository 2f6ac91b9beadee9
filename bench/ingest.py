"""Ingest N generated findings rows into a copy of the findings database, as `findings-bot
ingest` does (validate, stage, write, announce, publish), and print time and peak memory.

Each size runs in its own process, so its peak RSS is its own. The rows spread over 200 new
inspections (so 200 announcements are rendered and queued).

    .venv/bin/python bench/ingest.py --rows 250000 500000 1000000
"""

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storage_faults import findings_csv

from knowledge.build import build_database

CHECKOUT = Path(__file__).resolve().parent.parent

ONE_INGEST = """
import json, resource, sys, time
from pathlib import Path
from delivery.announce import ingest_and_announce
folder = Path(sys.argv[1])
started = time.perf_counter()
report, announced = ingest_and_announce(folder / "findings.db", folder / "state.db",
                                        folder / "rows.csv")
print(json.dumps({"seconds": time.perf_counter() - started, "added": report.added,
                  "queued": len(announced.queued),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def one(rows: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        build_database(folder / "findings.db")
        findings_csv(folder / "rows.csv", rows, inspections=200)
        size = (folder / "rows.csv").stat().st_size / 2**20
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", ONE_INGEST, str(folder)],
            cwd=CHECKOUT,
            capture_output=True,
            text=True,
            check=True,
        )
        wall = time.perf_counter() - started
        result = json.loads(out.stdout)
        return {**result, "file_mb": size, "process_seconds": wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[250_000, 500_000, 1_000_000])
    args = parser.parse_args()
    print("| rows | file | ingest | rows/s | per 1,000 rows | peak RSS | announcements |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for rows in args.rows:
        r = one(rows)
        assert r["added"] == rows
        print(
            f"| {rows:,} | {r['file_mb']:.0f} MB | {r['seconds']:.1f} s "
            f"| {rows / r['seconds']:,.0f} | {1000 * r['seconds'] / rows * 1000:.1f} ms "
            f"| {r['rss_mb']:.0f} MB | {r['queued']:.0f} |"
        )
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
