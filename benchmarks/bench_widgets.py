"""Benchmark: one explorer update in place against rebuilding the explorer from scratch.

In one process, for each drawing backend, it measures the median time of

- one update: a control change (the rotation slider) -> model -> artists -> canvas drawn.
  With ipympl the frame is encoded and handed to the widget's comm, as for a connected
  browser; inline, the PNG image is encoded and set on the image widget;
- one condition update: a condition control (hip mobility, alternating between two
  values whose model tables are cached) -> full redraw of the figure;
- one rebuild: ``explore(...)`` from scratch (widgets, figure, first draw) with the same
  model, so that the model's tables are not part of it;

and prints the medians, the ratio rebuild / update and the 60 Hz frame (16.7 ms).

    python benchmarks/bench_widgets.py [--updates 60] [--rebuilds 8] [--backend both]

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
from spinemodel.widgets import explore  # noqa: E402

FRAME_60HZ_MS = 1000.0 / 60.0


def _median_ms(samples: list[float]) -> float:
    return 1000.0 * statistics.median(samples)


def bench(backend: str, updates: int, rebuilds: int, style: str) -> dict[str, float]:
    model = sm.SpineModel()
    explorer = explore(model=model, backend=backend, style=style, scenario="standing_turn")
    slider = explorer.controls["total_deg"]
    values = [40.0 + 0.5 * (i % 120) for i in range(updates + 10)]
    for value in values[:10]:  # warm up (learn the moving artists, caches)
        slider.value = value
    samples = []
    for value in values[10:]:
        start = time.perf_counter()
        slider.value = value
        samples.append(time.perf_counter() - start)
    hip = explorer.controls["hip_mobility"]
    hip.value, hip.value = 0.5, 1.0  # both tables cached
    cond_samples = []
    for i in range(max(6, updates // 6)):
        start = time.perf_counter()
        hip.value = 0.5 if i % 2 == 0 else 1.0
        cond_samples.append(time.perf_counter() - start)
    assert not explorer.errors, explorer.errors
    blits = explorer.draw_count - explorer.full_draws
    rebuild_samples = []
    for _ in range(rebuilds):
        start = time.perf_counter()
        explore(model=model, backend=backend, style=style, scenario="standing_turn")
        rebuild_samples.append(time.perf_counter() - start)
    return {
        "update_ms": _median_ms(samples),
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
    args = parser.parse_args(argv)
    backends = ("ipympl", "inline") if args.backend == "both" else (args.backend,)
    print(
        f"spinemodel explorer benchmark (style {args.style}; medians; 60 Hz frame = {FRAME_60HZ_MS:.1f} ms)"
    )
    for backend in backends:
        r = bench(backend, args.updates, args.rebuilds, args.style)
        ratio = r["rebuild_ms"] / r["update_ms"]
        print(
            f"{backend:>6}: figure {r['width']:.0f}x{r['height']:.0f} px | "
            f"update (slider -> model -> artists -> canvas drawn) {r['update_ms']:.1f} ms | "
            f"condition update (full redraw) {r['condition_ms']:.1f} ms | "
            f"rebuild from scratch {r['rebuild_ms']:.1f} ms | ratio rebuild/update {ratio:.1f}x | "
            f"update {'under' if r['update_ms'] < FRAME_60HZ_MS else 'OVER'} a 60 Hz frame"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
