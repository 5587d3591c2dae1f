"""Benchmark: table-based solve against per-pose root finding, in one process.

Times ``SpineModel.solve`` on 1,000,000 total rotations (one vectorised call) and,
as the baseline, the obvious alternative: for each pose, scipy's ``brentq`` finds
the torque at which the torque-driven solve reaches the total, then solves that
pose. Prints the median ns/pose of each over several repeats and their ratio.

Run: ``python benchmarks/bench_model.py [--poses N] [--baseline-poses M] [--repeats R]``
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
from scipy.optimize import brentq

import spinemodel as sm


def baseline_solve(model: sm.SpineModel, total_deg: float, **conditions) -> sm.Pose:
    """One pose by root finding on the torque-driven solve (the baseline)."""
    tmax = model.max_torque_nm

    def residual(torque: float) -> float:
        return model.solve(torque_nm=torque, **conditions).regions_deg["total"] - total_deg

    torque = brentq(residual, -tmax, tmax, xtol=1e-12, rtol=1e-12)
    return model.solve(torque_nm=torque, **conditions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--poses", type=int, default=1_000_000)
    parser.add_argument("--baseline-poses", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()

    model = sm.SpineModel()
    rng = np.random.default_rng(0)
    reach = model.reachable_deg()
    totals = rng.uniform(-reach, reach, args.poses)
    model.solve(total_deg=totals[:10])  # build the table once, outside the timing

    table_ns = []
    for _ in range(args.repeats):
        start = time.perf_counter_ns()
        pose = model.solve(total_deg=totals)
        table_ns.append((time.perf_counter_ns() - start) / args.poses)

    sample = totals[: args.baseline_poses]
    base_ns = []
    for _ in range(args.repeats):
        start = time.perf_counter_ns()
        for total in sample:
            baseline_solve(model, float(total))
        base_ns.append((time.perf_counter_ns() - start) / sample.size)

    # Both methods agree (the baseline converges onto the same table).
    check = [baseline_solve(model, float(t)) for t in sample[:20]]
    worst = max(
        abs(c.levels_deg[lv] - pose.levels_deg[lv][i]) for i, c in enumerate(check) for lv in sm.LEVELS
    )

    table_median = statistics.median(table_ns)
    base_median = statistics.median(base_ns)
    runs = f"median of {args.repeats}"
    print(f"solve, table look-up : {table_median:12.1f} ns/pose  ({args.poses:,} poses, {runs})")
    print(f"baseline, brentq     : {base_median:12.1f} ns/pose  ({sample.size:,} poses, {runs})")
    print(f"ratio baseline/table : {base_median / table_median:12.0f}x")
    print(f"largest joint-angle difference between the two: {worst:.2e} deg")


if __name__ == "__main__":
    main()
