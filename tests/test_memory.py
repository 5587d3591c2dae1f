"""Memory of large sweeps: a pose keeps its table cell, values are computed when read (issue 8).

``tracemalloc`` counts numpy's array buffers, so these peaks are deterministic.
"""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

import spinemodel as sm

POSES = 200_000
BUDGET = 200  # bytes per pose
MODEL = sm.SpineModel()


def _peak_bytes_per_pose(task) -> float:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        kept = task()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del kept
    return peak / POSES


READS = {
    "solve alone": None,
    "+ regions_deg['lumbar']": lambda p: p.regions_deg["lumbar"],
    "+ levels_deg['L4-L5']": lambda p: p.levels_deg["L4-L5"],
    "+ facet_force_n['L4-L5']": lambda p: p.facet_force_n["L4-L5"],
    "+ zone['L4-L5']": lambda p: p.zone["L4-L5"],
}


@pytest.mark.parametrize("drive", ["total_deg", "torque_nm"])
@pytest.mark.parametrize("name", list(READS))
def test_a_sweep_costs_less_than_200_bytes_per_pose(drive, name, record_property):
    read = READS[name]
    limit = MODEL.reachable_deg() if drive == "total_deg" else MODEL.reachable_torque_nm()
    values = np.random.default_rng(0).uniform(-limit, limit, POSES)
    MODEL.solve(**{drive: values[:10]}).regions_deg["lumbar"]  # the table is built outside the count

    def task():
        pose = MODEL.solve(**{drive: values})
        return pose, (read(pose) if read else None)

    per_pose = _peak_bytes_per_pose(task)
    record_property(
        "report", f"memory: solve({drive}=<{POSES:,} poses>) {name}: {per_pose:.0f} bytes/pose peak"
    )
    assert per_pose < BUDGET


def test_the_pose_does_not_follow_the_callers_array():
    totals = np.linspace(-30.0, 30.0, 7)
    pose = MODEL.solve(total_deg=totals)
    before = pose.to_dict()
    totals[:] = 0.0
    assert pose.to_dict() == before
