"""A data folder with the real forces and aliases and a findings file N times larger: each real
row copied N-1 more times under fictional inspection titles, so the store, the matcher and the
answerer work on N times as many figures. For benchmarks only; nothing here is a real finding.

    python bench/synthetic.py OUT_DIR [--times 100]
"""

import argparse
import csv
import shutil
from pathlib import Path

from knowledge.build import DATA_FILES
from knowledge.loader import DATA_DIR


def write_synthetic(out: Path, times: int) -> Path:
    """Copy the data files into `out`, findings.csv repeated `times` times; returns `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for name in DATA_FILES:
        if name != "findings.csv":
            shutil.copy(DATA_DIR / name, out / name)
    with (DATA_DIR / "findings.csv").open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    with (out / "findings.csv").open("w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        for copy in range(1, times):
            for row in rows:
                fictional = f"{row['inspection']} (fictional copy {copy})"
                writer.writerow({**row, "inspection": fictional})
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--times", type=int, default=100)
    arguments = parser.parse_args()
    print(write_synthetic(arguments.out, arguments.times))
