"""A model shared between threads gives the same poses as one thread (issue 8)."""

from __future__ import annotations

import sys
import threading
from types import SimpleNamespace

import numpy as np
import pytest

import spinemodel as sm
from spinemodel import solver
from spinemodel.solver import ChainConfig, TableCache

MOBILITIES = (0.5, 0.7, 0.9, 1.1, 1.3, 1.5)  # with two pelvis conditions: 12 tables
THREADS = 8
CACHE = 5  # fewer tables than configurations: some solves find their table, others evict one


def _summary(pose: sm.Pose) -> list:
    """Every value of the pose (as lists), compared exactly."""
    return [pose.to_dict(), repr(pose)]


def _job(i: int) -> tuple[dict, dict]:
    """The solve of job ``i``: conditions and drive cycle through more tables than the cache holds."""
    conditions = {
        "hip_mobility": MOBILITIES[i % len(MOBILITIES)],
        "pelvis": ("free", "fixed")[(i // len(MOBILITIES)) % 2],
    }
    fraction = ((i * 37) % 101) / 100.0 - 0.5
    if i % 3 == 0:
        drive = {"torque_nm": fraction * 2.0}
    elif i % 3 == 1:
        drive = {"total_deg": fraction * 50.0}
    else:
        drive = {"total_deg": np.linspace(-40.0, 40.0, 9) * fraction}
    return conditions, drive


def _run_threads(worker, switch_interval_s: float) -> None:
    """Run ``worker(t)`` in THREADS threads at once, switching between them every few microseconds."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(switch_interval_s)
    try:
        threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)


def _small_cache_model(size: int) -> sm.SpineModel:
    model = sm.SpineModel()
    model._tables = TableCache(model.joints, model.values, size=size)  # evict often
    return model


def test_threads_hammering_solve_match_one_thread():
    jobs = list(range(4 * len(MOBILITIES)))
    single = sm.SpineModel()
    reference = {i: _summary(single.solve(**_job(i)[1], **_job(i)[0])) for i in jobs}

    shared = _small_cache_model(size=CACHE)
    results: dict[tuple[int, int], dict] = {}
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)

    def worker(t: int) -> None:
        try:
            barrier.wait()
            for i in jobs[t:] + jobs[:t]:  # each thread in its own order
                conditions, drive = _job(i)
                results[(t, i)] = _summary(shared.solve(**drive, **conditions))
        except BaseException as exc:  # reported below
            errors.append(exc)

    _run_threads(worker, switch_interval_s=1e-5)  # switch threads often
    assert not errors, repr(errors[0])
    assert len(results) == THREADS * len(jobs)
    for (_, i), result in results.items():
        assert result == reference[i], i
    assert len(shared._tables) <= CACHE


def test_table_cache_bookkeeping_under_threads(monkeypatch):
    """Many threads, far more configurations than the cache holds, tables built instantly."""
    monkeypatch.setattr(solver, "build_table", lambda joints, values, config: SimpleNamespace(config=config))
    cache = TableCache({}, {}, size=4)
    configs = [ChainConfig(hip_mobility=0.1 * (1 + i)) for i in range(7)]
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def worker(t: int) -> None:
        try:
            barrier.wait()
            for k in range(20000):
                config = configs[(k * (t + 1)) % len(configs)]
                assert cache.get(config).config is config
        except BaseException as exc:  # reported below
            errors.append(exc)

    _run_threads(worker, switch_interval_s=1e-6)  # switch threads as often as possible
    assert not errors, repr(errors[0])
    assert len(cache) == 4


def test_table_cache_is_least_recently_used_and_shares_one_table():
    model = sm.SpineModel()
    cache = TableCache(model.joints, model.values, size=2)
    a, b, c = (ChainConfig(hip_mobility=m) for m in (0.5, 1.0, 1.5))
    table_a = cache.get(a)
    cache.get(b)
    assert cache.get(a) is table_a  # a is now the most recent
    cache.get(c)  # drops b
    assert cache.get(a) is table_a and len(cache) == 2
    assert cache.get(b) is not None and len(cache) == 2
    assert cache.get(c) is cache.get(c)


def test_threads_asking_for_a_new_table_get_the_same_one():
    model = sm.SpineModel()
    cache = TableCache(model.joints, model.values, size=4)
    config = ChainConfig(thoracic_mobility=0.7)
    barrier = threading.Barrier(THREADS)
    tables = []

    def worker() -> None:
        barrier.wait()
        tables.append(cache.get(config))

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(tables) == THREADS and all(t is tables[0] for t in tables)


@pytest.mark.parametrize("read", ["levels_deg", "zone", "facet_force_n"])
def test_threads_reading_one_lazy_pose(read):
    """Values of one shared pose, computed on first access by whichever thread comes first."""
    pose = sm.SpineModel().solve(total_deg=np.linspace(-60.0, 60.0, 101))
    expected = sm.SpineModel().solve(total_deg=np.linspace(-60.0, 60.0, 101)).to_dict()[read]
    barrier = threading.Barrier(THREADS)
    seen, errors = [], []

    def worker(t: int) -> None:
        try:
            barrier.wait()
            mapping = getattr(pose, read)
            keys = list(mapping)
            for key in keys[t % len(keys) :] + keys[: t % len(keys)]:
                mapping[key]
            seen.append(pose.to_dict()[read])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, repr(errors[0])
    assert len(seen) == THREADS and all(s == expected for s in seen)
    assert list(getattr(pose, read)) == list(expected)
