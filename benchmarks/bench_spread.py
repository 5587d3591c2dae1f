"""Benchmark: the population spread, vectorised, against building the bodies one by one.

``SpineModel.spread`` draws ``n`` bodies and tabulates and solves all of them at once
(numpy arrays with a leading axis of length ``n``). The baseline is the obvious
alternative: for each drawn body, build ``SpineModel(**its values)`` and solve the
pose. Both solve the same bodies for the same pose (a seated stretch to 45 deg,
pelvis fixed), in this process; the script prints:

- ``spread, first call``: draw the population, build it, solve (median seconds);
- ``spread, cached population``: a new pose for a population already drawn (median seconds);
- ``baseline, one by one``: seconds per body, times ``n`` (measured on ``--baseline-bodies``
  bodies, so that the baseline stays short);
- ``ratio baseline/spread``: how many times faster the vectorised spread is (first call);
- ``largest difference``: between the two, in degrees over every joint angle.

Run: ``python benchmarks/bench_spread.py [--bodies N] [--baseline-bodies M] [--repeats R]``
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

import spinemodel as sm

POSE = {"total_deg": 45.0, "pelvis": "fixed"}


def one_by_one(band: object, indices: range) -> dict[str, np.ndarray]:
    """The baseline: each body of ``band`` built as its own SpineModel and solved; its joint angles."""
    angles = {level: [] for level in sm.LEVELS}
    for i in indices:
        values = {name: float(v[i]) for name, v in band.parameters.items()}
        changed = {k: v for k, v in values.items() if v != sm.PARAMETERS[k].value}
        model = sm.SpineModel(**changed)
        if model.reachable_deg(pelvis=POSE["pelvis"]) < POSE["total_deg"]:  # this body cannot: NaN, as spread
            for level in sm.LEVELS:
                angles[level].append(np.nan)
            continue
        pose = model.solve(**POSE)
        for level in sm.LEVELS:
            angles[level].append(pose.levels_deg[level])
    return {level: np.array(a) for level, a in angles.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=1000, help="bodies in the population (default 1000)")
    parser.add_argument(
        "--baseline-bodies", type=int, default=50, help="bodies the baseline builds one by one (default 50)"
    )
    parser.add_argument("--repeats", type=int, default=3, help="repeats of each timing (default 3)")
    args = parser.parse_args(argv)
    n = args.bodies

    first, cached = [], []
    for repeat in range(args.repeats):
        model = sm.SpineModel()  # a new model: nothing cached
        start = time.perf_counter()
        band = model.spread(n=n, seed=repeat, **POSE)
        first.append(time.perf_counter() - start)
        start = time.perf_counter()
        model.spread(n=n, seed=repeat, total_deg=40.0, pelvis="fixed")
        cached.append(time.perf_counter() - start)
    m = min(args.baseline_bodies, n)
    per_body = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        reference = one_by_one(band, range(m))
        per_body.append((time.perf_counter() - start) / m)
    same_reach = all(
        np.array_equal(np.isnan(band.samples.levels_deg[lv][:m]), np.isnan(reference[lv])) for lv in sm.LEVELS
    )
    worst = max(float(np.nanmax(np.abs(band.samples.levels_deg[lv][:m] - reference[lv]))) for lv in sm.LEVELS)
    spread_s = statistics.median(first)
    baseline_s = statistics.median(per_body) * n
    print(f"bodies: {n}, baseline measured on {m} bodies, repeats: {args.repeats}")
    print(f"spread, first call        : {spread_s:.3f} s (draw, build and solve {n} bodies)")
    print(f"spread, cached population : {statistics.median(cached):.3f} s (another pose, same bodies)")
    per_body_ms = 1000 * statistics.median(per_body)
    print(f"baseline, one by one      : {baseline_s:.3f} s ({per_body_ms:.1f} ms/body x {n})")
    print(f"ratio baseline/spread     : {baseline_s / spread_s:.1f} x")
    print(f"same bodies out of reach  : {'yes' if same_reach else 'NO'}")
    print(f"largest difference        : {worst:.2e} deg")


if __name__ == "__main__":
    main()
