"""``python -m spinemodel figures``: writes every promised file and an index; bad arguments
give one clear line on stderr and exit status 2; the animation is written as GIF and MP4
(or a clear message when ffmpeg is missing)."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from spinemodel import figures, plotting, styles  # noqa: E402
from spinemodel.cli import main  # noqa: E402


def _args(**kw) -> argparse.Namespace:
    base = {"out": "unused", "style": "lecture", "format": "png", "dpi": None, "animate": False}
    base.update(kw)
    return argparse.Namespace(**base)


def test_the_set_has_at_least_the_six_figures_of_the_issue():
    names = [spec.name for spec in figures.FIGURES]
    for key in ("region_split", "loads", "levels", "top_view", "column", "strategies"):
        assert any(key in n for n in names), key
    assert len(set(names)) == len(names)


def test_command_writes_every_figure_in_every_format_and_an_index(tmp_path, capsys):
    out = tmp_path / "figs"
    status = main(
        ["figures", "--out", str(out), "--style", "paper", "--format", "png,svg,pdf", "--dpi", "40"]
    )
    assert status == 0
    captured = capsys.readouterr()
    for spec in figures.FIGURES:
        for fmt in ("png", "svg", "pdf"):
            path = out / f"{spec.name}.{fmt}"
            assert path.is_file() and path.stat().st_size > 1000, path
        # a journal's column width (3.5 or 7 in) at 40 dpi, not a 16:9 frame
        width, height = spec.paper
        size = Image.open(out / f"{spec.name}.png").size
        assert size == (round(40 * styles.PAPER_WIDTHS_IN[width]), round(40 * height)), spec.name
        assert abs(size[0] / size[1] - 16 / 9) > 0.1
        assert f"[{len(figures.FIGURES)}/{len(figures.FIGURES)}]" in captured.err  # progress on stderr
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "model estimate" in index.lower()
    for spec in figures.FIGURES:
        line = next(ln for ln in index.splitlines() if f"({spec.name}.png)" in ln and spec.title in ln)
        for fmt in ("svg", "pdf"):
            assert f"({spec.name}.{fmt})" in line
    # nothing else than what was promised
    expected = {f"{s.name}.{f}" for s in figures.FIGURES for f in ("png", "svg", "pdf")} | {"index.md"}
    assert {p.name for p in out.iterdir()} == expected
    assert captured.out == ""


def test_lecture_png_default_is_1920_by_1080(tmp_path):
    written = figures.write_figure_set(tmp_path, style="lecture", formats=["png"], log=None)
    pngs = [p for p in written if p.suffix == ".png"]
    assert len(pngs) == len(figures.FIGURES)
    assert {Image.open(p).size for p in pngs} == {(1920, 1080)}
    assert written[-1].name == "index.md"


@pytest.mark.parametrize(
    ("argv", "pattern"),
    [
        (["--format", "jpg"], r"--format: 'jpg' is not a supported format; allowed: png, svg, pdf"),
        (["--format", ","], r"--format: .*name at least one of png, svg, pdf"),
        (["--style", "slides"], r"--style: 'slides' is not a known style; allowed: lecture, notebook, paper"),
        (["--dpi", "-5"], r"--dpi = -5.0 is out of range"),
        (["--dpi", "nan"], r"--dpi = nan is out of range"),
        (["--dpi", "5000"], r"--dpi = 5000.0 is out of range"),
        (["--dpi", "many"], r"invalid float value: 'many'"),
    ],
)
def test_bad_arguments_give_one_clear_line_and_status_2(tmp_path, capsys, argv, pattern):
    out = tmp_path / "never"
    status = main(["figures", "--out", str(out), *argv])
    captured = capsys.readouterr()
    assert status == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert re.search(pattern, lines[0]), lines[0]
    assert "Traceback" not in captured.err
    assert not out.exists(), "a bad argument must not leave files behind"


def test_out_must_be_a_folder(tmp_path, capsys):
    afile = tmp_path / "a.txt"
    afile.write_text("x")
    assert main(["figures", "--out", str(afile)]) == 2
    assert "exists and is not a folder" in capsys.readouterr().err


def test_out_is_required(capsys):
    assert main(["figures"]) == 2
    assert "--out" in capsys.readouterr().err


def test_run_figures_command_raises_value_error_for_bad_args(tmp_path):
    with pytest.raises(ValueError, match="not a known style"):
        figures.run_figures_command(_args(out=str(tmp_path), style="poster"))
    with pytest.raises(ValueError, match="not a supported format"):
        figures.run_figures_command(_args(out=str(tmp_path), format="png,gif"))


def test_formats_are_parsed_leniently_but_exactly():
    assert figures.parse_formats(" PNG, svg ,png,.pdf") == ("png", "svg", "pdf")
    with pytest.raises(TypeError, match="comma-separated"):
        figures.parse_formats(3)


# --- animation -------------------------------------------------------------------------------------
def test_animation_writes_gif_and_mp4(tmp_path):
    messages: list[str] = []
    written = figures.save_stretch_animation(tmp_path, frames=4, fps=5, dpi=30, log=messages.append)
    gif = tmp_path / "stretch_sweep.gif"
    assert gif in written
    with Image.open(gif) as im:
        assert im.n_frames == 4
        assert im.size[0] > 100
    if figures._ffmpeg() is not None:
        mp4 = tmp_path / "stretch_sweep.mp4"
        assert mp4 in written and mp4.stat().st_size > 1000
        assert mp4.read_bytes()[4:8] == b"ftyp"
    else:
        assert any("ffmpeg was not found" in m for m in messages)


def test_animation_without_ffmpeg_says_so_clearly(tmp_path, monkeypatch):
    monkeypatch.setattr(figures, "_ffmpeg", lambda: None)
    messages: list[str] = []
    written = figures.save_stretch_animation(tmp_path, frames=2, dpi=20, log=messages.append)
    assert [p.name for p in written] == ["stretch_sweep.gif"]
    assert not (tmp_path / "stretch_sweep.mp4").exists()
    assert any(
        "stretch_sweep.mp4 skipped: ffmpeg was not found" in m and "install ffmpeg" in m for m in messages
    )


def test_animation_sweeps_the_stretch_to_the_end_of_the_range(tmp_path, monkeypatch):
    """The sweep's torques run from 0 to the seated envelope's, and no further."""
    model = figures.SpineModel()
    asked: list[float] = []
    real_solve = model.solve

    def spy(*args, **kwargs):
        if "torque_nm" in kwargs and kwargs.get("scenario") == "seated_twist_stretch":  # the frames
            asked.append(float(kwargs["torque_nm"]))
        return real_solve(*args, **kwargs)

    monkeypatch.setattr(model, "solve", spy)
    figures.save_stretch_animation(tmp_path, model=model, frames=3, dpi=20, formats=("gif",), log=None)
    reach = model.reachable_torque_nm(pelvis="fixed")
    assert asked[0] == 0.0 and asked[-1] == pytest.approx(reach)
    end = real_solve(torque_nm=reach, scenario="seated_twist_stretch")
    # the living body's range ends before the lumbar spine reaches its measured range
    assert 0.0 < end.regions_deg["lumbar"] < model.lumbar_cap_deg


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"frames": 1}, "frames = 1"),
        ({"fps": 0}, "fps = 0"),
        (
            {"torque_max_nm": 500.0},
            "torque_max_nm = 500.0 must be more than 0 and at most "
            f"{figures.SpineModel().reachable_torque_nm(pelvis='fixed'):.2f} Nm",
        ),
        ({"formats": ("avi",)}, "'avi' is not supported"),
        ({"style": "poster"}, "not a known style"),
    ],
)
def test_animation_rejects_bad_arguments(tmp_path, kw, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        figures.save_stretch_animation(tmp_path, log=None, **kw)


def test_command_with_animate_lists_the_animation(tmp_path, monkeypatch):
    real = figures.save_stretch_animation

    def quick(out, **kw):  # the full sweep is tested above; keep this one short
        kw.update(frames=3)
        return real(out, **kw)

    monkeypatch.setattr(figures, "save_stretch_animation", quick)
    assert main(["figures", "--out", str(tmp_path), "--style", "notebook", "--dpi", "20", "--animate"]) == 0
    index = (tmp_path / "index.md").read_text(encoding="utf-8")
    assert "(stretch_sweep.gif)" in index and (tmp_path / "stretch_sweep.gif").is_file()


def test_module_entry_point_runs_headless(tmp_path):
    """The real command line, in a fresh interpreter without a display."""
    result = subprocess.run(
        [sys.executable, "-m", "spinemodel", "figures", "--out", str(tmp_path), "--dpi", "20"],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "DISPLAY"} | {"MPLBACKEND": "Agg"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.glob("*.png")) == sorted(f"{s.name}.png" for s in figures.FIGURES)
    assert "index.md" in result.stderr


def test_save_formats_match_the_command():
    assert plotting.SAVE_FORMATS == ("png", "svg", "pdf")


def test_captions_tell_the_models_numbers():
    """Each caption is computed from the model and says what its figure shows."""
    model = figures.SpineModel()
    captions = {spec.name: spec.caption(model) for spec in figures.FIGURES}
    cap = f"{model.lumbar_cap_deg:.1f}°"
    seated = model.solve(scenario="seated_twist_stretch")
    standing_end = model.solve(scenario="max_standing_turn")
    golf = model.solve(scenario="golf_backswing")
    # the lumbar spine does not flatten at a block inside the body's range
    for name, text in captions.items():
        for claim in ("flatten", "soar", "past the block", "past its block", "McLean", "≈15"):
            assert claim not in text, (name, claim)
    assert cap in captions["01_region_split"]
    assert f"{standing_end.total_deg:.0f}°" in captions["01_region_split"]
    assert f"{standing_end.regions_deg['lumbar']:.1f}°" in captions["01_region_split"]
    lumbar = seated.regions_deg["lumbar"]
    assert (
        f"{lumbar:.1f}° of its {cap} range ({100 * lumbar / model.lumbar_cap_deg:.0f}%)"
        in (captions["02_loads"])
    )
    assert "0 of 5 lumbar levels past their own limit" in captions["03_levels"]
    # the column claims only lumbar loads, names the largest and says the thoracic ones are not modelled
    text = captions["05_column"]
    worst = max(figures.LUMBAR_LEVELS, key=lambda lv: seated.annulus_strain_pct[lv])
    assert f"largest at {worst} ({seated.annulus_strain_pct[worst]:.1f}%" in text
    assert "lumbar levels only" in text and "no loads there" in text and "low back" not in text
    top = captions["04_top_view"]
    assert f"the pelvis stays put, the lumbar spine turns {lumbar:.1f}° of its {cap} range" in top
    thoracic, total = seated.regions_deg["thoracic"], seated.total_deg
    assert f"the thoracic spine {thoracic:.0f}°, to {total:.0f}° at the shoulders" in top
    assert "facet" not in top  # the top view does not draw the facets
    assert "McTeigue" in captions["08_golf_backswing"]
    assert f"pelvis turns {golf.regions_deg['pelvis']:.0f}°" in captions["08_golf_backswing"]
    assert "past a lumbar level's limit: none" in captions["09_scenarios"]
    # like with like: only the strategy changes; standing at one total inside every envelope, seated at
    # the same pull (the end of each range), with the numbers of the scenarios of figures 02, 03 and 09
    total = figures._STRATEGIES_TOTAL
    text = captions["06_strategies"]
    assert text.startswith("Only the strategy changes")
    assert total <= min(
        model.reachable_deg(pelvis="free", strategy=s) for s in ("passive", "braced", "hip_led")
    )
    assert f"at the same {total:.0f}° turn" in text
    for scenario in ("seated_twist_stretch", "braced_seated_twist", "standing_turn", "hip_and_upper_back"):
        assert f"lumbar {model.solve(scenario=scenario).regions_deg['lumbar']:.1f}°" in text, scenario
    # the default body does not reach its lumbar block; a share of the population does, and it is said
    assert seated.regions_deg["lumbar"] < model.lumbar_cap_deg
    for name in ("02_loads", "06_strategies"):
        assert "reach their own lumbar block" in captions[name] and "default body does not" in captions[name]
