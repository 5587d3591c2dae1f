"""Benchmark: table-based solve against per-pose root finding, in one process.

Times ``SpineModel.solve`` on 1,000,000 total rotations (one vectorised call) and
on one total rotation at a time (Python floats, the interactive case), and, as the
baseline, the obvious alternative: for each pose, scipy's ``brentq`` finds the
torque at which the torque-driven solve reaches the total, then solves that pose.
Prints the median ns/pose of the vectorised call, the median us per scalar solve,
the baseline's ns/pose and its ratio to the vectorised call, each over several
repeats, and the memory per pose of the vectorised call (``tracemalloc`` peak,
which counts numpy's buffers, divided by the number of poses), alone and when
one region is read.

Run: ``python benchmarks/bench_model.py [--poses N] [--scalar-calls S] [--baseline-poses M] [--repeats R]``
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from collections.abc import Callable

import numpy as np
from scipy.optimize import brentq

import spinemodel as sm


def baseline_solve(model: sm.SpineModel, total_deg: float, **conditions) -> sm.Pose:
    """One pose by root finding on the torque-driven solve (the baseline)."""
    tmax = model.reachable_torque_nm(**conditions)

    def residual(torque: float) -> float:
        return model.solve(torque_nm=torque, **conditions).regions_deg["total"] - total_deg

    torque = brentq(residual, -tmax, tmax, xtol=1e-12, rtol=1e-12)
    return model.solve(torque_nm=torque, **conditions)


def peak_bytes(task: Callable[[], object]) -> int:
    """Peak memory (bytes) allocated while ``task`` runs and its result is alive."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        result = task()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--poses", type=int, default=1_000_000)
    parser.add_argument("--scalar-calls", type=int, default=20_000)
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

    scalars = rng.uniform(-reach, reach, args.scalar_calls).tolist()
    scalar_us = []
    for _ in range(args.repeats):
        start = time.perf_counter_ns()
        for total in scalars:
            model.solve(total_deg=total)
        scalar_us.append((time.perf_counter_ns() - start) / len(scalars) / 1000.0)

    sample = totals[: args.baseline_poses]
    base_ns = []
    for _ in range(args.repeats):
        start = time.perf_counter_ns()
        for total in sample:
            baseline_solve(model, float(total))
        base_ns.append((time.perf_counter_ns() - start) / sample.size)

    del pose
    solve_bytes = peak_bytes(lambda: model.solve(total_deg=totals)) / args.poses
    read_bytes = (
        peak_bytes(lambda: (lambda p: (p, p.regions_deg["lumbar"]))(model.solve(total_deg=totals)))
        / args.poses
    )

    # Both methods agree (the baseline converges onto the same table).
    pose = model.solve(total_deg=sample[:20])
    check = [baseline_solve(model, float(t)) for t in sample[:20]]
    worst = max(
        abs(c.levels_deg[lv] - pose.levels_deg[lv][i]) for i, c in enumerate(check) for lv in sm.LEVELS
    )

    table_median = statistics.median(table_ns)
    base_median = statistics.median(base_ns)
    runs = f"median of {args.repeats}"
    print(f"solve, table look-up : {table_median:12.1f} ns/pose  ({args.poses:,} poses in one call, {runs})")
    scalar_median = statistics.median(scalar_us)
    print(f"solve, one pose      : {scalar_median:12.2f} us/solve ({len(scalars):,} calls, {runs})")
    print(f"baseline, brentq     : {base_median:12.1f} ns/pose  ({sample.size:,} poses, {runs})")
    print(f"ratio baseline/table : {base_median / table_median:12.0f}x")
    print(f"memory, solve        : {solve_bytes:12.1f} bytes/pose (tracemalloc peak, {args.poses:,} poses)")
    print(f"memory, + lumbar     : {read_bytes:12.1f} bytes/pose (solve and read regions_deg['lumbar'])")
    print(f"largest joint-angle difference between the two: {worst:.2e} deg")


if __name__ == "__main__":
    main()
