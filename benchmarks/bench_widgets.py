"""Benchmark: one explorer update in place against rebuilding the explorer from scratch.

In one process, for each drawing backend, it measures the median time of

- one update: a control change (the rotation slider) -> model -> artists -> canvas drawn.
  With ipympl the frame is encoded and handed to the widget's comm, as for a connected
  browser; inline, the PNG image is encoded and set on the image widget;
- one condition update: a condition control (hip mobility, alternating between two
  values whose model tables are cached) -> full redraw of the figure;
- one rebuild: ``explore(...)`` from scratch (widgets, figure, first draw) with the same
  model, so that the model's tables are not part of it;
- with the population bands on (``bands=True``, 300 model bodies): one slider update
  (the same values, readouts with ranges read from the cached sweep) and its ratio to
  the update with bands off, in the same explorer; one condition update with bands on
  whose sweep is cached (hip mobility between two values) and one whose sweep is new (a
  new hip mobility each time: one ``model.spread`` call);

and prints the medians, the ratio rebuild / update and the 60 Hz frame (16.7 ms).

    python benchmarks/bench_widgets.py [--updates 60] [--rebuilds 8] [--backend both] [--new-sweeps 4]

Timings are reported, never asserted. All values are model estimates (educational model,
not medical advice); the benchmark times the software, not the body.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import spinemodel as sm  # noqa: E402
from spinemodel.widgets import BAND_BODIES, explore  # noqa: E402

FRAME_60HZ_MS = 1000.0 / 60.0


def _median_ms(samples: list[float]) -> float:
    return 1000.0 * statistics.median(samples)


def _slider_steps(explorer, values: list[float]) -> list[float]:
    slider = explorer.controls["total_deg"]
    for value in values[:10]:  # warm up (learn the moving artists, caches)
        slider.value = value
    samples = []
    for value in values[10:]:
        start = time.perf_counter()
        slider.value = value
        samples.append(time.perf_counter() - start)
    return samples


def _condition_steps(explorer, values: list[float]) -> list[float]:
    hip = explorer.controls["hip_mobility"]
    samples = []
    for value in values:
        start = time.perf_counter()
        hip.value = value
        samples.append(time.perf_counter() - start)
    return samples


def bench(backend: str, updates: int, rebuilds: int, style: str, new_sweeps: int) -> dict[str, float]:
    model = sm.SpineModel()
    explorer = explore(model=model, backend=backend, style=style, scenario="standing_turn")
    values = [40.0 + 0.2 * (i % 100) for i in range(updates + 10)]  # inside the standing envelope
    samples = _slider_steps(explorer, values)
    hip = explorer.controls["hip_mobility"]
    hip.value, hip.value = 0.5, 1.0  # both tables cached
    alternate = [0.5 if i % 2 == 0 else 1.0 for i in range(max(6, updates // 6))]
    cond_samples = _condition_steps(explorer, alternate)
    # The same explorer with the population bands on: the first sweep (population drawn) is set-up.
    explorer.controls["bands"].value = True
    band_samples = _slider_steps(explorer, values)
    hip.value, hip.value = 0.5, 1.0  # both sweeps cached
    band_cond_cached = _condition_steps(explorer, alternate)
    fresh = [0.55 + 0.05 * i for i in range(new_sweeps)]  # sweeps (and tables) not computed before
    band_cond_new = _condition_steps(explorer, fresh)
    explorer.controls["bands"].value = False
    off_again = _slider_steps(explorer, values)
    assert not explorer.errors, explorer.errors
    blits = explorer.draw_count - explorer.full_draws
    rebuild_samples = []
    for _ in range(rebuilds):
        start = time.perf_counter()
        explore(model=model, backend=backend, style=style, scenario="standing_turn")
        rebuild_samples.append(time.perf_counter() - start)
    return {
        "update_ms": _median_ms(samples),
        "band_update_ms": _median_ms(band_samples),
        "update_again_ms": _median_ms(off_again),
        "band_condition_cached_ms": _median_ms(band_cond_cached),
        "band_condition_new_ms": _median_ms(band_cond_new),
        "condition_ms": _median_ms(cond_samples),
        "rebuild_ms": _median_ms(rebuild_samples),
        "blits": blits,
        "width": explorer.figure.bbox.width,
        "height": explorer.figure.bbox.height,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=60, help="slider updates timed per backend")
    parser.add_argument("--rebuilds", type=int, default=8, help="explorer rebuilds timed per backend")
    parser.add_argument("--backend", choices=("ipympl", "inline", "both"), default="both")
    parser.add_argument("--style", default="notebook", help="figure style: notebook or lecture")
    parser.add_argument(
        "--new-sweeps", type=int, default=4, help="condition updates with bands on that need a new spread"
    )
    args = parser.parse_args(argv)
    backends = ("ipympl", "inline") if args.backend == "both" else (args.backend,)
    print(
        f"spinemodel explorer benchmark (style {args.style}; medians; 60 Hz frame = {FRAME_60HZ_MS:.1f} ms)"
    )
    for backend in backends:
        r = bench(backend, args.updates, args.rebuilds, args.style, args.new_sweeps)
        ratio = r["rebuild_ms"] / r["update_ms"]
        print(
            f"{backend:>6}: figure {r['width']:.0f}x{r['height']:.0f} px | "
            f"update (slider -> model -> artists -> canvas drawn) {r['update_ms']:.1f} ms | "
            f"condition update (full redraw) {r['condition_ms']:.1f} ms | "
            f"rebuild from scratch {r['rebuild_ms']:.1f} ms | ratio rebuild/update {ratio:.1f}x | "
            f"update {'under' if r['update_ms'] < FRAME_60HZ_MS else 'OVER'} a 60 Hz frame"
        )
        print(
            f"{backend:>6}: bands on ({BAND_BODIES} bodies) | update {r['band_update_ms']:.1f} ms "
            f"(bands off {r['update_ms']:.1f} ms, off again {r['update_again_ms']:.1f} ms; "
            f"ratio on/off {r['band_update_ms'] / r['update_ms']:.2f}x) | "
            f"condition update, sweep cached {r['band_condition_cached_ms']:.1f} ms | "
            f"condition update, new sweep (one model.spread) {r['band_condition_new_ms']:.1f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
