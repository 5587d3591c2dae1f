"""The benchmarks run and print what they promise (timings are reported, never asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_model_prints_medians_and_ratio():
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_model.py"),
            "--poses",
            "2000",
            "--baseline-poses",
            "3",
            "--repeats",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "ns/pose" in out and "ratio baseline/table" in out
    worst = float(out.strip().splitlines()[-1].split(":")[1].split()[0])
    assert worst < 1e-6  # the baseline and the table give the same pose
