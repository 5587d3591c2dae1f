"""The benchmarks run and print what they promise (timings are reported, never asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(script: str, *args: str) -> str:
    """A benchmark's standard output (the run must succeed)."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _figures(out: str, labels: tuple[tuple[str, str], ...], number: str = r"[0-9.]+", end: str = "") -> dict:
    """The printed ``label : number unit`` lines, as label -> number; each must be there."""
    figures = {}
    for label, unit in labels:
        pattern = rf"^{re.escape(label)}\s*:\s*({number})\s*{re.escape(unit)}{end}"
        match = re.search(pattern, out, re.MULTILINE)
        assert match, f"{label!r} ({unit}) missing from:\n{out}"
        figures[label] = float(match.group(1))
    return figures


def test_bench_model_prints_medians_ratio_and_memory(record_property):
    out = _run(
        "bench_model.py",
        "--poses",
        "2000",
        "--scalar-calls",
        "200",
        "--baseline-poses",
        "3",
        "--repeats",
        "1",
    )
    figures = _figures(
        out,
        (
            ("solve, table look-up", "ns/pose"),
            ("solve, one pose", "us/solve"),
            ("baseline, brentq", "ns/pose"),
            ("ratio baseline/table", "x"),
            ("memory, solve", "bytes/pose"),
            ("memory, + lumbar", "bytes/pose"),
        ),
    )
    assert 0 < figures["memory, solve"] <= figures["memory, + lumbar"]
    record_property("report", f"bench_model (2,000 poses, 1 repeat): {figures}")
    worst = float(out.strip().splitlines()[-1].split(":")[1].split()[0])
    assert worst < 1e-6  # the baseline and the table give the same pose


def test_bench_spread_prints_medians_and_ratio(record_property):
    out = _run("bench_spread.py", "--bodies", "100", "--baseline-bodies", "3", "--repeats", "1")
    figures = _figures(
        out,
        (
            ("spread, first call", "s"),
            ("spread, cached population", "s"),
            ("baseline, one by one", "s"),
            ("ratio baseline/spread", "x"),
            ("largest difference", "deg"),
        ),
        number=r"[0-9.e+-]+",
        end=r"\b",
    )
    assert "same bodies out of reach  : yes" in out
    assert figures["largest difference"] < 1e-3  # the same bodies, the same poses
    record_property("report", f"bench_spread (100 bodies, 1 repeat): {figures}")
