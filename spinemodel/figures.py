"""The figure set: ``python -m spinemodel figures --out DIR``, and the stretch-sweep animation.

:func:`write_figure_set` draws every figure of :mod:`spinemodel.plotting` for the
lecture story (where a turn's rotation comes from, seated and standing, to the end of
the living body's range), saves each in every requested format, and writes
``index.md`` listing the files with one-line captions computed from the model.
:func:`save_stretch_animation` writes the sweep of a seated twist stretch whose torque
grows to the end of the body's range (the envelope), as a GIF (Pillow) and an MP4
(where ffmpeg is installed).

Everything drawn is a model estimate: an educational model, not medical advice.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ._extras import MissingExtrasError, missing_extras

try:
    import matplotlib
    import matplotlib.pyplot as plt
    import numpy as np
except ModuleNotFoundError as exc:  # a plain install: name the pip command
    raise missing_extras(exc, "spinemodel.figures") from None

from . import evidence_plots, plotting
from .anatomy import LUMBAR_LEVELS, THORACIC_LEVELS
from .model import SpineModel
from .scenarios import SCENARIOS
from .styles import FOOTER, PAPER_WIDTHS_IN, STYLES, check_style, style_params

__all__ = [
    "FIGURES",
    "FigureSpec",
    "figure_size",
    "parse_formats",
    "check_dpi",
    "write_figure_set",
    "save_stretch_animation",
    "run_figures_command",
    "ANIMATION_FILES",
]

#: File names of the animation (without folder).
ANIMATION_FILES: tuple[str, ...] = ("stretch_sweep.gif", "stretch_sweep.mp4")
_MIN_DPI = 10.0  # below it text sizes collapse (matplotlib fails or divides by zero)
_MAX_DPI = 1200.0


@dataclass(frozen=True)
class FigureSpec:
    """One figure of the set: file stem, title, a caption builder and the drawing function."""

    name: str
    title: str
    caption: Callable[[SpineModel], str]
    draw: Callable[[SpineModel], plotting.Drawn]
    #: Paper style: the journal width ("single" or "double" column) and the height (inches).
    paper: tuple[str, float] = ("double", 3.3)


@contextlib.contextmanager
def figure_size(spec: FigureSpec, style: str) -> Iterator[None]:
    """Inside the block, new figures take ``spec``'s journal size when ``style`` is "paper"
    (:data:`spinemodel.styles.PAPER_WIDTHS_IN`); other styles keep their own size."""
    if style != "paper":
        yield
        return
    width, height = spec.paper
    with plotting.figure_size(PAPER_WIDTHS_IN[width], height):
        yield


def _seated(model: SpineModel):
    return model.solve(scenario="seated_twist_stretch")


def _standing(model: SpineModel):
    return model.solve(scenario="standing_turn")


_SEATED = {"pelvis": "fixed", "strategy": "passive"}
_STANDING = {"pelvis": "free", "strategy": "passive"}
#: Model bodies of the banded figures (01, 02, 06): the 5-95% band of the population spread.
FIGURE_BODIES = 1000


def _band_sentence(model: SpineModel, conditions: dict, total: float, what: str) -> str:
    """'Shaded: 5-95% of 1000 model bodies ...: at <total> their lumbar spine turns a-b deg'."""
    sweep = plotting.population_sweep(model, FIGURE_BODIES, **conditions)
    low, _, high = sweep.against("total", ("lumbar",), [total])["lumbar"][:, 0]
    reach = np.percentile(sweep.band.reachable_deg, [5, 95])
    return (
        f"{what}: {sweep.label} drawn from the published spreads (each output's percentiles on their "
        f"own; drawn where at least half of the bodies reach): at {total:.0f}° their lumbar spine turns "
        f"{low:.1f}-{high:.1f}°, and their own range ends between {reach[0]:.0f}° and {reach[1]:.0f}°."
    )


def _max_facet(pose) -> tuple[str, float]:
    """The lumbar level whose pressed facet carries the most, and that force (N)."""
    level = max(LUMBAR_LEVELS, key=lambda lv: float(pose.facet_force_n[lv]["contralateral"]))
    return level, float(pose.facet_force_n[level]["contralateral"])


def _caption_region(model: SpineModel) -> str:
    p = _standing(model)
    r = p.regions_deg
    total = float(p.total_deg)
    end = model.solve(scenario="max_standing_turn").regions_deg
    seated = model.solve(total_deg=total, **_SEATED).regions_deg
    return (
        f"Standing turn (feet planted, muscles relaxed), drawn to where the body's range ends "
        f"({end['total']:.0f}°, the legs and hips at their limit). At {total:.0f}° the legs give "
        f"{r['legs']:.0f}°, the hips {r['hips']:.0f}°, the thoracic spine {r['thoracic']:.0f}° and the "
        f"lumbar spine {r['lumbar']:.1f}° ({100 * r['lumbar'] / total:.0f}%); seated, the same turn puts "
        f"{seated['lumbar']:.1f}° into it (compare Fujii et al. 2007, in vivo). The lumbar spine ends at "
        f"{end['lumbar']:.1f}°, far below its {p.lumbar_cap_deg:.1f}° measured range (Yamamoto et al. 1989). "
        + _band_sentence(model, _STANDING, total, "Shaded")
    )


def _caption_loads(model: SpineModel) -> str:
    p = _seated(model)
    level, f = _max_facet(p)
    lum = float(p.regions_deg["lumbar"])
    cap = p.lumbar_cap_deg
    strain = max(float(p.annulus_strain_pct[lv]) for lv in LUMBAR_LEVELS)
    damage = min(model.annulus_thresholds_pct(lv)["damage"] for lv in LUMBAR_LEVELS)
    return (
        f"Facet compression (pressed side, most loaded level) and annulus shear strain against lumbar "
        f"rotation, seated, up to where the body's range ends: the upper back reaches its in vivo maximum "
        f"(Gregersen & Lucas 1967) with the lumbar spine at {lum:.1f}° of its {cap:.1f}° range "
        f"({100 * lum / cap:.0f}%), the {level} facet at {f:.0f} N (compare Jaumard et al. 2011, in vitro) "
        f"and the annulus at {strain:.1f}% (discs damaged near {damage:.0f}%, Adams & Hutton 1981). "
        "The zone past the range is not reached. " + _loads_band_sentence(model, lum)
    )


def _loads_band_sentence(model: SpineModel, lumbar_deg: float) -> str:
    sweep = plotting.population_sweep(model, FIGURE_BODIES, **_SEATED)
    found = sweep.against("lumbar", ("facet", "strain"), [lumbar_deg])
    (f_lo, _, f_hi), (s_lo, _, s_hi) = found["facet"][:, 0], found["strain"][:, 0]
    return (
        f"Shaded: {sweep.label} read at the same lumbar rotation; at {lumbar_deg:.1f}° their facet force "
        f"is {f_lo:.0f}-{f_hi:.0f} N and their annulus strain {s_lo:.1f}-{s_hi:.1f}% "
        f"({100 * found['fraction'][0]:.0f}% of the bodies' ranges reach that far; "
        f"{100 * _blocked_share(sweep):.0f}% reach their own lumbar block before their range ends, "
        "which the default body does not)."
    )


def _caption_levels(model: SpineModel) -> str:
    p = _seated(model)
    beyond = [lv for lv in LUMBAR_LEVELS if p.zone[lv] in ("beyond_limit", "beyond_tolerance")]
    level, force = _max_facet(p)
    low = min(float(p.facet_force_n[lv]["contralateral"]) for lv in LUMBAR_LEVELS)
    lever = min(LUMBAR_LEVELS, key=lambda lv: model.joints[lv].facet_lever_mm)
    why = " (the shortest facet lever arm)" if lever == level else ""
    return (
        f"Seated twist stretch at the end of its range, joint by joint: {len(beyond)} of "
        f"{len(LUMBAR_LEVELS)} lumbar levels past their own limit; the pressed facets carry "
        f"{low:.0f}-{force:.0f} N, most at {level}{why}; the other facets gap."
    )


def _caption_top(model: SpineModel) -> str:
    p = _seated(model)
    r = {k: abs(float(v)) for k, v in p.regions_deg.items()}
    pelvis = "stays put" if round(r["pelvis"]) == 0 else f"turns {r['pelvis']:.0f}°"
    return (
        f"Looking down the body axis during the seated twist stretch, each region's share of the turn as "
        f"a wedge from where the feet point: the pelvis {pelvis}, the lumbar spine turns "
        f"{r['lumbar']:.1f}° of its {p.lumbar_cap_deg:.1f}° range (the black bar: where that range ends), "
        f"the thoracic spine {r['thoracic']:.0f}°, to {abs(p.total_deg):.0f}° at the shoulders. Rim ticks: "
        f"one per vertebra, L5 to T1."
    )


def _caption_column(model: SpineModel) -> str:
    p = _seated(model)
    strain = {lv: float(p.annulus_strain_pct[lv]) for lv in LUMBAR_LEVELS}
    damage = {lv: model.annulus_thresholds_pct(lv)["damage"] for lv in LUMBAR_LEVELS}
    worst = max(LUMBAR_LEVELS, key=strain.__getitem__)
    closest = max(LUMBAR_LEVELS, key=lambda lv: strain[lv] / damage[lv])
    lowest = min(LUMBAR_LEVELS, key=damage.__getitem__)
    share = 100 * strain[closest] / damage[closest]
    nearest = (
        f"{share:.0f}% of that level's damage strain"
        if closest == worst
        else f"closest to its own damage strain: {closest}, at {share:.0f}%"
    )
    level, force = _max_facet(p)
    low = min(float(p.facet_force_n[lv]["contralateral"]) for lv in LUMBAR_LEVELS)
    thoracic = f"{THORACIC_LEVELS[-1].split('-')[0]}-{THORACIC_LEVELS[0].split('-')[1]}"
    return (
        f"The column from behind in the seated twist stretch at the end of its range ({p.total_deg:.0f}° "
        f"total, lumbar {p.regions_deg['lumbar']:.1f}°). Loads are model estimates for the "
        f"{len(LUMBAR_LEVELS)} lumbar levels only: annulus shear strain is largest at {worst} "
        f"({strain[worst]:.1f}%, {nearest}: the strain at the {model.values['lumbar_tolerance_deg']:.0f}° "
        f"where isolated discs were first damaged, Adams & Hutton 1981, is {damage[lowest]:.1f}-"
        f"{max(damage.values()):.1f}% across the levels, and the dashed line on the strain scale marks the "
        f"lowest, at {lowest}); the pressed facets carry {low:.0f}-{force:.0f} N, "
        f"most at {level}, while those on the turning side gap. The thoracic discs and facets "
        f"({thoracic}) are drawn hatched grey: the model computes no loads there."
    )


_STRATEGIES_TOTAL = 45.0  # deg, plot_strategies' default (the total Fujii et al. 2007 measured at)


def _caption_strategies(model: SpineModel) -> str:
    total = _STRATEGIES_TOTAL
    seated = {s: model.solve(scenario=n) for s, n in (("passive", "seated_twist_stretch"),
                                                       ("braced", "braced_seated_twist"))}  # fmt: skip
    standing = {
        s: model.solve(total_deg=total, pelvis="free", strategy=s) for s in ("passive", "braced", "hip_led")
    }
    reach = {s: model.reachable_deg(pelvis="free", strategy=s) for s in standing}
    nm = model.reachable_torque_nm(**_SEATED)

    def say(p) -> str:
        return f"lumbar {p.regions_deg['lumbar']:.1f}°, facet {_max_facet(p)[1]:.0f} N"

    return (
        f"Only the strategy changes. Seated (pelvis fixed), at the same pull ({nm:.1f} Nm, where each range "
        f"ends: {plotting._ends_by(model, _seated(model).conditions)} at its limit): relaxed "
        f"{say(seated['passive'])}; low back "
        f"braced {say(seated['braced'])}. Standing (pelvis free), at the same {total:.0f}° turn: relaxed "
        f"{say(standing['passive'])}; braced {say(standing['braced'])}; hip-led {say(standing['hip_led'])}, "
        f"more than relaxed, because the hips turn the pelvis only by the golfers' share (McTeigue et al. "
        f"1994); the hip-led turn's benefit is reach ({reach['hip_led']:.0f}° instead of "
        f"{reach['passive']:.0f}°). " + _strategies_band_sentence(model, total)
    )


def _strategies_band_sentence(model: SpineModel, total: float) -> str:
    sweep = plotting.population_sweep(model, FIGURE_BODIES, **_SEATED)
    blocked = _blocked_share(sweep)
    standing = []
    for strategy in ("passive", "hip_led"):
        s = plotting.population_sweep(model, FIGURE_BODIES, pelvis="free", strategy=strategy)
        low, _, high = s.against("total", ("lumbar",), [total])["lumbar"][:, 0]
        standing.append(f"{low:.1f}-{high:.1f}°")
    return (
        f"Shaded: {sweep.label}. Seated and relaxed, {100 * blocked:.0f}% of them reach their own lumbar "
        f"block before their range ends (the default body does not); standing at {total:.0f}° their "
        f"lumbar spine turns {standing[0]} relaxed and {standing[1]} hip-led."
    )


def _blocked_share(sweep) -> float:
    """Share of a sweep's bodies whose lumbar spine reaches its own block (measured range) inside
    their envelope."""
    lumbar = np.nanmax(sweep.outputs["lumbar"], axis=1)
    return float(np.mean(lumbar >= 0.999 * np.asarray(sweep.band.samples.lumbar_cap_deg)))


def _caption_hips(model: SpineModel) -> str:
    stiff = {**_STANDING, "hip_mobility": 0.5}
    reach_stiff, reach_default = model.reachable_deg(**stiff), model.reachable_deg(**_STANDING)
    at = 5.0 * math.floor(0.9 * reach_stiff / 5.0)
    lum_stiff = model.solve(total_deg=at, **stiff).regions_deg["lumbar"]
    lum_default = model.solve(total_deg=at, **_STANDING).regions_deg["lumbar"]
    return (
        f"Standing, stiff hips (half the mobility) send more of a {at:.0f}° turn into the low back "
        f"({lum_stiff:.1f}° instead of {lum_default:.1f}°) and end the turn sooner ({reach_stiff:.0f}° "
        f"instead of {reach_default:.0f}°)."
    )


def _caption_golf(model: SpineModel) -> str:
    p = model.solve(scenario="golf_backswing")
    r = p.regions_deg
    reach = model.reachable_deg(**_STANDING)
    return (
        f"Golf backswing ({r['total']:.0f}° upper-body turn, McTeigue et al. 1994), knees flexed and "
        f"hip-led: the pelvis turns {r['pelvis']:.0f}° (the golfers' measured share, by construction), "
        f"the lumbar spine {r['lumbar']:.1f}° of its {p.lumbar_cap_deg:.1f}° range; an upright, relaxed "
        f"standing turn ends at {reach:.0f}°."
    )


def _caption_scenarios(model: SpineModel) -> str:
    over = [
        s.title
        for n, s in SCENARIOS.items()
        if any(
            model.solve(scenario=n).zone[lv] in ("beyond_limit", "beyond_tolerance") for lv in LUMBAR_LEVELS
        )
    ]
    return (
        f"Every scenario's lumbar rotation against the lumbar range ({model.lumbar_cap_deg:.1f}°); "
        f"past a lumbar level's limit: {', '.join(over) or 'none'}."
    )


def _caption_validation(model: SpineModel) -> str:
    rows = evidence_plots.cached_validation(model)
    checks = [r for r in rows if r.observation.role == "check"]
    off = [f"{r.observation.cite} ({r.observation.label})" for r in rows if not r.agrees]
    return (
        f"The model's 5-95% band over a population of bodies against {len(rows)} published observations, "
        f"each as a ratio to the published value: {sum(r.agrees for r in checks)} of {len(checks)} "
        f"independent checks and {sum(r.agrees for r in rows if r.observation.role == 'input')} of "
        f"{len(rows) - len(checks)} inputs agree; disagreeing: {'; '.join(off) or 'none'} "
        "(python -m spinemodel validate gives the table)."
    )


def _sensitivity_caption(output: str, scenario: str) -> Callable[[SpineModel], str]:
    def caption(model: SpineModel) -> str:
        result = evidence_plots.cached_sensitivity(model, output, scenario)
        top = "; ".join(f"{r['label']} {r['s1']:.2f}" for r in result.top(3))
        return (
            f"Which parameters set the {result.description} ({SCENARIOS[scenario].title}; median "
            f"{result.median:.3g} {result.unit}, 5-95% {result.low:.3g}-{result.high:.3g} over "
            f"{result.n_used} bodies): first-order indices S1 from the population sample (SALib), "
            f"largest {top}."
        )

    return caption


def _draw_sensitivity(output: str, scenario: str) -> Callable[[SpineModel], plotting.Drawn]:
    return lambda m: evidence_plots.plot_sensitivity(evidence_plots.cached_sensitivity(m, output, scenario))


#: The figure set, in lecture order.
FIGURES: tuple[FigureSpec, ...] = (
    FigureSpec(
        "01_region_split",
        "Where the rotation comes from",
        _caption_region,
        lambda m: plotting.plot_region_split(m, _standing(m), spread=FIGURE_BODIES),
    ),
    FigureSpec(
        "02_loads",
        "Loads against lumbar rotation",
        _caption_loads,
        lambda m: plotting.plot_loads(m, _seated(m), spread=FIGURE_BODIES),
    ),
    FigureSpec("03_levels", "Per level", _caption_levels, lambda m: plotting.plot_levels(m, _seated(m))),
    FigureSpec(
        "04_top_view",
        "Top view",
        _caption_top,
        lambda m: plotting.plot_top_view(m, _seated(m)),
        ("single", 2.8),
    ),
    FigureSpec("05_column", "The column", _caption_column, lambda m: plotting.plot_column(m, _seated(m))),
    FigureSpec(
        "06_strategies",
        "Two strategies side by side",
        _caption_strategies,
        lambda m: plotting.plot_strategies(m, total_deg=_STRATEGIES_TOTAL, spread=FIGURE_BODIES),
    ),
    FigureSpec(
        "07_hip_stiffness",
        "The effect of stiff hips",
        _caption_hips,
        lambda m: plotting.plot_hip_stiffness(m, _standing(m)),
        ("single", 2.9),
    ),
    FigureSpec("08_golf_backswing", "Golf backswing", _caption_golf, plotting.plot_golf_backswing),
    FigureSpec(
        "09_scenarios", "The scenarios against the lumbar range", _caption_scenarios, plotting.plot_scenarios
    ),
    FigureSpec(
        "10_validation",
        "How sure is the model: published observations",
        _caption_validation,
        lambda m: evidence_plots.plot_validation(evidence_plots.cached_validation(m)),
        ("double", 5.2),
    ),
    FigureSpec(
        "11_sensitivity_seated_lumbar",
        "What sets the lumbar rotation of a seated stretch",
        _sensitivity_caption("lumbar", "seated_twist_stretch"),
        _draw_sensitivity("lumbar", "seated_twist_stretch"),
    ),
    FigureSpec(
        "12_sensitivity_golf_lumbar",
        "What sets the lumbar rotation of a golf backswing",
        _sensitivity_caption("lumbar", "golf_backswing"),
        _draw_sensitivity("lumbar", "golf_backswing"),
    ),
    FigureSpec(
        "13_sensitivity_seated_facet",
        "What sets the facet force at the end of a forced seated stretch",
        _sensitivity_caption("facet_force", "seated_twist_stretch"),
        _draw_sensitivity("facet_force", "seated_twist_stretch"),
    ),
)


# --- argument checks ---------------------------------------------------------------------------
def parse_formats(text: object) -> tuple[str, ...]:
    """``"png,svg"`` -> ``("png", "svg")``; raises ValueError naming an unknown format."""
    if isinstance(text, (list, tuple)):
        items = [str(t) for t in text]
    elif isinstance(text, str):
        items = text.split(",")
    else:
        raise TypeError(f"--format must be a comma-separated string such as 'png,svg', got {text!r}")
    formats: list[str] = []
    for item in items:
        fmt = item.strip().lower().lstrip(".")
        if not fmt:
            continue
        if fmt not in plotting.SAVE_FORMATS:
            raise ValueError(
                f"--format: {item.strip()!r} is not a supported format; "
                f"allowed: {', '.join(plotting.SAVE_FORMATS)}"
            )
        if fmt not in formats:
            formats.append(fmt)
    if not formats:
        raise ValueError(f"--format: got {text!r}, name at least one of {', '.join(plotting.SAVE_FORMATS)}")
    return tuple(formats)


def check_dpi(dpi: object) -> float | None:
    """None, or a resolution from 10 to 1200 dots per inch; raises ValueError otherwise."""
    if dpi is None:
        return None
    if isinstance(dpi, bool) or not isinstance(dpi, (int, float)):
        raise ValueError(f"--dpi must be a number of dots per inch, got {dpi!r}")
    if not math.isfinite(dpi) or not _MIN_DPI <= dpi <= _MAX_DPI:
        raise ValueError(
            f"--dpi = {dpi!r} is out of range; allowed: {_MIN_DPI:g} to {_MAX_DPI:g} dots per inch"
        )
    return float(dpi)


def _check_out(out: object) -> Path:
    if not isinstance(out, (str, Path)) or not str(out).strip():
        raise ValueError(f"--out must name a folder, got {out!r}")
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise ValueError(f"--out = {str(path)!r} exists and is not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValueError(f"--out = {str(path)!r} cannot be created: {exc.strerror or exc}") from None
    return path


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the set -----------------------------------------------------------------------------------
def write_figure_set(
    out_dir: str | Path,
    *,
    style: str = "lecture",
    formats: Sequence[str] = ("png",),
    dpi: float | None = None,
    animate: bool = False,
    model: SpineModel | None = None,
    log: Callable[[str], None] | None = _stderr,
) -> list[Path]:
    """Draw the whole figure set into ``out_dir`` and write ``index.md``.

    Parameters
    ----------
    out_dir : str or Path
        Output folder (created if missing).
    style : {"lecture", "notebook", "paper"}
        Figure style.
    formats : sequence of {"png", "svg", "pdf"}
        Formats to write, each figure in each.
    dpi : float, optional
        PNG resolution (dots per inch); default the style's (lecture: 120 -> 1920 x 1080 px).
    animate : bool
        Also write the stretch-sweep animation (GIF; MP4 where ffmpeg is present).
    model : SpineModel, optional
        The model (default parameters if None).
    log : callable, optional
        Progress messages (default: stderr); None for silence.

    Returns
    -------
    list of Path
        Every file written, ``index.md`` last.
    """
    check_style(style)
    formats = parse_formats(list(formats))
    dpi = check_dpi(dpi)
    out = _check_out(out_dir)
    model = SpineModel() if model is None else model
    say = log or (lambda _msg: None)
    written: list[Path] = []
    entries: list[tuple[FigureSpec, str, list[Path]]] = []
    start = time.perf_counter()
    n = len(FIGURES)
    for k, spec in enumerate(FIGURES, 1):
        t0 = time.perf_counter()
        with plotting.style(style), figure_size(spec, style):
            try:
                drawn = spec.draw(model)
            except MissingExtrasError as exc:  # the sensitivity figures need SALib (the analysis extra)
                say(f"[{k}/{n}] {spec.name}: skipped ({exc})")
                continue
            try:
                files = [
                    plotting.save_figure(drawn.figure, out / f"{spec.name}.{fmt}", dpi=dpi) for fmt in formats
                ]
            finally:
                plt.close(drawn.figure)
        caption = spec.caption(model)
        entries.append((spec, caption, files))
        written.extend(files)
        say(f"[{k}/{n}] {spec.name}: {', '.join(f.name for f in files)} ({time.perf_counter() - t0:.1f} s)")
    animation_files: list[Path] = []
    if animate:
        say(
            f"animation: seated twist stretch, torque 0 to "
            f"{model.reachable_torque_nm(**_SEATED):.1f} Nm (the end of the body's range) ..."
        )
        animation_files = save_stretch_animation(out, model=model, style=style, dpi=dpi, log=say)
        written.extend(animation_files)
    index = _write_index(out, style, formats, entries, animation_files, _caption_animation(model))
    written.append(index)
    say(f"wrote {len(written)} files to {out} in {time.perf_counter() - start:.1f} s (index: {index.name})")
    return written


def _write_index(
    out: Path,
    style: str,
    formats: Sequence[str],
    entries: list[tuple[FigureSpec, str, list[Path]]],
    animation_files: list[Path],
    animation_caption: str = "",
) -> Path:
    lines = [
        "# spinemodel figures",
        "",
        f"Style `{style}`, formats {', '.join(formats)}. {FOOTER[0].upper() + FOOTER[1:]}.",
        "Written by `python -m spinemodel figures`; every number is a model estimate.",
        "",
    ]
    for k, (spec, caption, files) in enumerate(entries, 1):
        links = " · ".join(f"[{f.suffix.lstrip('.')}]({f.name})" for f in files)
        lines.append(f"{k}. **{spec.title}** — {caption} {links}")
    if animation_files:
        links = " · ".join(f"[{f.suffix.lstrip('.')}]({f.name})" for f in animation_files)
        lines.append(f"{len(entries) + 1}. **Stretch sweep (animation)** — {animation_caption} {links}")
    png = [files for _, _, files in entries if any(f.suffix == ".png" for f in files)]
    if png:
        lines += ["", "## Previews", ""]
        for spec, _, files in entries:
            for f in files:
                if f.suffix == ".png":
                    lines.append(f"![{spec.title}]({f.name})")
                    lines.append("")
    path = out / "index.md"
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    return path


# --- animation --------------------------------------------------------------------------------
def _caption_animation(model: SpineModel) -> str:
    end = _seated(model)
    return (
        f"a seated twist stretch whose pull grows to the end of the body's range "
        f"({model.reachable_torque_nm(**_SEATED):.1f} Nm): the lumbar spine reaches "
        f"{end.regions_deg['lumbar']:.1f}° of its {end.lumbar_cap_deg:.1f}° range."
    )


def save_stretch_animation(
    out_dir: str | Path,
    *,
    model: SpineModel | None = None,
    style: str = "lecture",
    dpi: float | None = None,
    frames: int = 40,
    fps: int = 10,
    torque_max_nm: float | None = None,
    formats: Sequence[str] = ("gif", "mp4"),
    log: Callable[[str], None] | None = _stderr,
) -> list[Path]:
    """Animate a seated twist stretch whose torque grows from 0 to ``torque_max_nm``.

    Left: the top view; right: the loads against lumbar rotation, the pose moving up to
    the end of the body's range. Written as ``stretch_sweep.gif`` (Pillow) and ``stretch_sweep.mp4``
    (ffmpeg; skipped with a message when ffmpeg is not installed).

    Parameters
    ----------
    out_dir : str or Path
        Output folder.
    model : SpineModel, optional
        The model (default parameters if None).
    style : str
        Figure style; the frames are drawn at no more than 1280 px wide.
    dpi : float, optional
        Frame resolution (dots per inch); default keeps frames at most 1280 px wide.
    frames : int
        Number of frames (2 to 400).
    fps : int
        Frames per second (1 to 60).
    torque_max_nm : float
        Largest stretching torque (Nm), 0 < torque <= the seated envelope's
        (:meth:`SpineModel.reachable_torque_nm`); default: the envelope's.
    formats : sequence of {"gif", "mp4"}
        Files to write.
    log : callable, optional
        Progress messages (default: stderr).

    Returns
    -------
    list of Path
        The files written.
    """
    check_style(style)
    model = SpineModel() if model is None else model
    say = log or (lambda _msg: None)
    if isinstance(frames, bool) or not isinstance(frames, int) or not 2 <= frames <= 400:
        raise ValueError(f"frames = {frames!r} must be an integer from 2 to 400")
    if isinstance(fps, bool) or not isinstance(fps, int) or not 1 <= fps <= 60:
        raise ValueError(f"fps = {fps!r} must be an integer from 1 to 60")
    reach_nm = model.reachable_torque_nm(**_SEATED)
    if torque_max_nm is None:
        torque_max_nm = reach_nm
    if (
        isinstance(torque_max_nm, bool)
        or not isinstance(torque_max_nm, (int, float))
        or not 0.0 < torque_max_nm <= reach_nm
    ):
        raise ValueError(
            f"torque_max_nm = {torque_max_nm!r} must be more than 0 and at most {reach_nm:.2f} Nm "
            "(where a seated twist reaches the end of the body's range)"
        )
    for fmt in formats:
        if fmt not in ("gif", "mp4"):
            raise ValueError(f"animation format {fmt!r} is not supported; allowed: gif, mp4")
    dpi = check_dpi(dpi)
    out = _check_out(out_dir)
    written: list[Path] = []
    fig, frame, poses, frame_dpi = _animation_drawer(model, style, dpi, frames, torque_max_nm)
    t0 = time.perf_counter()
    images = []
    try:
        with plotting.style(style):
            for i in range(len(poses)):
                frame(i)
                fig.canvas.draw()
                images.append(np.asarray(fig.canvas.buffer_rgba())[..., :3].copy())
    finally:
        plt.close(fig)
    say(
        f"  drew {len(images)} frames of {images[0].shape[1]} x {images[0].shape[0]} px "
        f"({time.perf_counter() - t0:.1f} s)"
    )
    if "gif" in formats:
        written.append(_write_gif(out / ANIMATION_FILES[0], images, fps))
        say(f"  {ANIMATION_FILES[0]} written (Pillow)")
    if "mp4" in formats:
        ffmpeg = _ffmpeg()
        if ffmpeg is None:
            say(
                f"  {ANIMATION_FILES[1]} skipped: ffmpeg was not found (install ffmpeg, e.g. "
                "'apt-get install ffmpeg', to get the MP4; the GIF is written)"
            )
        else:
            written.append(_write_mp4(out / ANIMATION_FILES[1], images, fps, ffmpeg))
            say(f"  {ANIMATION_FILES[1]} written ({ffmpeg})")
    return written


def _animation_drawer(
    model: SpineModel, style: str, dpi: float | None, frames: int, torque_max_nm: float
) -> tuple[matplotlib.figure.Figure, Callable[[int], None], list, float]:
    """The animation's figure and its frame drawer ``frame(i)`` (the poses of a seated stretch whose
    torque grows to ``torque_max_nm``); the layout is fixed at the last (widest) frame."""
    torques = torque_max_nm * np.linspace(0.0, 1.0, frames) ** 1.5
    poses = [model.solve(torque_nm=float(t), scenario="seated_twist_stretch") for t in torques]
    with plotting.style(style):
        params = style_params(style)
        width_in, height_in = (1.25 * v for v in params["figure.figsize"])  # room for two panels
        frame_dpi = min(dpi or params["savefig.dpi"], 1280.0 / width_in)
        fig, (ax_top, ax_loads) = plt.subplots(1, 2, width_ratios=[1.0, 1.35], figsize=(width_in, height_in))
        top = plotting.plot_top_view(model, poses[0], ax=ax_top, compact=True)
        loads = plotting.plot_loads(model, poses[0], ax=ax_loads)
        suptitle = fig.suptitle("", fontweight="bold")

        def frame(i: int) -> None:
            pose = poses[i]
            top.update(pose)
            loads.update(pose)
            top.artists["title"].set_text("Seen from above")
            loads.artists["title"].set_text("Loads on the low back")
            suptitle.set_text(
                f"A seated twist stretch to the end of the body's range: pull {pose.torque_nm:.1f} Nm, "
                f"lumbar {pose.regions_deg['lumbar']:.1f}° of its {pose.lumbar_cap_deg:.1f}°"
            )

        frame(len(poses) - 1)  # lay the figure out once, at the widest texts, then freeze the layout
        fig.set_dpi(frame_dpi)
        fig.canvas.draw()
        fig.set_layout_engine("none")
    return fig, frame, poses, frame_dpi


def _ffmpeg() -> str | None:
    """Path of the ffmpeg executable (matplotlib's setting first), or None."""
    configured = str(matplotlib.rcParams.get("animation.ffmpeg_path", "ffmpeg"))
    return shutil.which(configured) or shutil.which("ffmpeg")


def _write_gif(path: Path, images: list[np.ndarray], fps: int) -> Path:
    from PIL import Image  # Pillow, a matplotlib dependency

    # One palette for every frame (taken from the first and last, which hold all the colours), no
    # dithering: unchanged pixels stay identical, so the GIF stores little more than what moves.
    both = np.concatenate([images[0], images[-1]], axis=0)
    palette = Image.fromarray(both).quantize(colors=255, method=Image.Quantize.MEDIANCUT)
    frames = [Image.fromarray(img).quantize(palette=palette, dither=Image.Dither.NONE) for img in images]
    hold = [1000 // fps] * (len(frames) - 1) + [1500]  # hold the last frame
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=hold, loop=0, optimize=True)
    return path


def _write_mp4(path: Path, images: list[np.ndarray], fps: int, ffmpeg: str) -> Path:
    height, width = images[0].shape[:2]
    width2, height2 = width - width % 2, height - height % 2  # yuv420p needs even sizes
    command = [
        ffmpeg, "-y", "-loglevel", "error",
        "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width2}x{height2}", "-r", str(fps), "-i", "-",
        "-an", "-vcodec", "libx264", "-pix_fmt", "yuv420p", str(path),
    ]  # fmt: skip
    data = b"".join(np.ascontiguousarray(img[:height2, :width2]).tobytes() for img in images)
    result = subprocess.run(command, input=data, capture_output=True, check=False)
    if result.returncode != 0:
        message = result.stderr.decode(errors="replace").strip().splitlines()
        raise RuntimeError(
            f"ffmpeg failed writing {path.name}: {message[-1] if message else result.returncode}"
        )
    return path


# --- the command ------------------------------------------------------------------------------
def run_figures_command(args: argparse.Namespace) -> int:
    """Run ``python -m spinemodel figures``: write the figure set and its index.

    Parameters
    ----------
    args : argparse.Namespace
        ``out`` (str), ``style`` (str), ``format`` (comma-separated str), ``dpi`` (float or
        None), ``animate`` (bool).

    Returns
    -------
    int
        0 on success.

    Raises
    ------
    ValueError
        For a bad argument (the command line prints it as one line and exits with 2).
    """
    plt.switch_backend("agg")  # the command only writes files: no windows, whatever the desktop
    style = getattr(args, "style", "lecture") or "lecture"
    if style not in STYLES:
        raise ValueError(f"--style: {style!r} is not a known style; allowed: {', '.join(STYLES)}")
    formats = parse_formats(getattr(args, "format", "png"))
    dpi = check_dpi(getattr(args, "dpi", None))
    write_figure_set(
        getattr(args, "out", None),
        style=style,
        formats=formats,
        dpi=dpi,
        animate=bool(getattr(args, "animate", False)),
    )
    return 0
