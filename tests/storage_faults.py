"""Helpers for causing storage faults: a read-only folder, a file-size limit, a kill mid-write."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

HEADER = (
    "force,inspection,inspection_year,published,offence,measure,value,ci_plus_minus,"
    "numerator,denominator,source_url,source_kind,quote\n"
)
CHECKOUT = Path(__file__).resolve().parent.parent


RECENT = date.today().isoformat()  # published within 30 days: announced, not a backfill


def findings_csv(path: Path, rows: int, inspections: int = 4, first: int = 0) -> Path:
    """A valid findings file of `rows` distinct rows over `inspections` new inspections."""
    forces = ("Kent Police", "Essex Police", "Hertfordshire Constabulary", "Cumbria Constabulary")
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for n in range(first, first + rows):
            force = forces[n % inspections % len(forces)]
            title = f"PEEL 2026 part {n % inspections}"
            out.write(
                f"{force},{title},2026,{RECENT},rape,cancelled_incorrect,,,{n % 20},20,"
                f"https://example.org/{n},inspectorate,row {n}\n"
            )
    return path


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Nothing, not even root, may create, rename or delete files in `folder` (chattr +i)."""
    subprocess.run(["chattr", "+i", str(folder)], check=True)
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def cli(
    *args: str, env: dict[str, str], max_file_bytes: int | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """`findings-bot ARGS` in a new process; with a file-size limit, writes past it fail."""

    def limit() -> None:
        if max_file_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))

    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env={**os.environ, **env},
        cwd=CHECKOUT,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit,
    )


def start_cli(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", *args],
        env={**os.environ, **env},
        cwd=CHECKOUT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until(predicate: Callable[[], bool], timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.005)
    return False


def kill(process: subprocess.Popen[str], how: signal.Signals) -> None:
    process.send_signal(how)
    process.communicate(timeout=10)


def one_clear_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single line a failing command printed (asserting there is one, and no traceback)."""
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 1, output
    assert "Traceback" not in output and "Error:" in output, output
    assert len(output.splitlines()) == 1, output
    return output
