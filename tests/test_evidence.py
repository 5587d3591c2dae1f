"""How sure is the model: the validation rows come from the model, the sensitivity indices are sane,
the figures render, the commands work, bad input gives clear errors."""

from __future__ import annotations

import json
import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import spinemodel as sm  # noqa: E402
from spinemodel import evidence, plotting  # noqa: E402
from spinemodel.cli import main  # noqa: E402

N = 200  # small populations keep the tests fast


@pytest.fixture(scope="module")
def rows():
    return evidence.validate(sm.SpineModel(), n=N, seed=0)


@pytest.fixture(scope="module")
def hips_result():
    return sm.SpineModel().sensitivity("hips", scenario="max_standing_turn", n=N, seed=3)


# --- validation ---------------------------------------------------------------------------------
def test_every_row_has_a_source_a_role_and_a_band(rows):
    assert len(rows) == len(evidence.OBSERVATIONS) >= 20
    keys = {r.observation.key for r in rows}
    for key in ("niosi_rom", "jaumard_facet_force", "fujii_seated_45", "taniguchi_ratio", "murray_hip"):
        assert key in keys
    for r in rows:
        o = r.observation
        assert o.role in ("input", "check") and o.source and o.condition and o.note
        assert r.model_low <= r.model <= r.model_high
        assert 0.0 < r.fraction <= 1.0


def test_agrees_follows_the_stated_rule(rows):
    for r in rows:
        o = r.observation
        if o.rule == "mean_in_band":
            expected = r.model_low <= o.published <= r.model_high
            assert r.how == "published mean inside the model band"
        else:
            expected = o.published_low <= r.model_high and r.model_low <= o.published_high
            assert r.how == "published range and model band overlap"
        assert r.agrees == expected, o.key


def test_rows_are_computed_from_the_model_not_typed_in(rows):
    stiff = evidence.validate(sm.SpineModel(**{"limit_L3-L4_deg": 1.0}), n=N, seed=0)
    before = {r.observation.key: r for r in rows}
    after = {r.observation.key: r for r in stiff}
    assert after["niosi_rom"].model < 0.6 * before["niosi_rom"].model
    assert after["yamamoto_L3-L4"].model < before["yamamoto_L3-L4"].model
    # the published value is the paper's, whatever the override
    assert after["yamamoto_L3-L4"].observation.published == 2.6


def test_same_seed_same_table(rows):
    again = evidence.validate(sm.SpineModel(), n=N, seed=0)
    assert [r.model for r in again] == [r.model for r in rows]


def test_disagreeing_rows_stay_with_a_note(rows):
    off = [r for r in rows if not r.agrees]
    assert off, "the Montgomery 2011 angles disagree with the model and must stay in the table"
    for r in off:
        assert r.observation.role == "check" and len(r.observation.note) > 20


def test_validate_bad_arguments():
    with pytest.raises(TypeError, match="model must be a spinemodel.SpineModel"):
        evidence.validate("model")
    with pytest.raises(ValueError, match=r"n = 1 is out of range; allowed range is \[2, 100000\]"):
        evidence.validate(n=1)
    with pytest.raises(TypeError, match="seed must be a whole number"):
        evidence.validate(seed=0.5)


def test_validate_command_json_parses(capsys):
    assert main(["validate", "--json", "--n", str(N)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == len(evidence.OBSERVATIONS)
    for row in data:
        for key in ("source", "quantity", "published", "model", "model_low", "model_high", "agrees", "role"):
            assert key in row
        assert isinstance(row["agrees"], bool) and math.isfinite(row["model"])


def test_validate_command_table(capsys):
    assert main(["validate", "--n", str(N)]) == 0
    out = capsys.readouterr().out
    assert "model estimate" in out and "Niosi 2006" in out and "rows agree" in out
    assert main(["validate", "--n", "0"]) == 2
    assert "n = 0 is out of range" in capsys.readouterr().err


# --- sensitivity --------------------------------------------------------------------------------
def test_an_output_set_by_one_parameter_ranks_it_first(hips_result):
    # At the end of a maximal standing turn the hips are at the smaller of their internal and
    # external range: mostly the internal one.
    assert hips_result.names[0] == "hip_internal_rotation_deg"
    assert hips_result.s1[0] > 0.5 and hips_result.s1_rbd[0] > 0.5
    assert hips_result.names[1] == "hip_external_rotation_deg"
    assert hips_result.s1[0] > hips_result.noise_floor > 0.0
    assert np.all(np.diff(hips_result.s1) <= 0)  # ranked


def test_fixed_parameters_are_left_out(hips_result):
    for name in ("lumbar_test_moment_nm", "thoracic_test_moment_nm", "spine_smooth_deg", "hip_smooth_deg"):
        assert name not in hips_result.names
    assert len(hips_result.names) == len(set(hips_result.names)) == len(hips_result.labels)


def test_indices_are_reproducible_with_the_same_seed(hips_result):
    again = sm.SpineModel().sensitivity("hips", scenario="max_standing_turn", n=N, seed=3)
    assert again.names == hips_result.names
    np.testing.assert_array_equal(again.s1, hips_result.s1)
    np.testing.assert_array_equal(again.s1_conf, hips_result.s1_conf)
    np.testing.assert_array_equal(again.s1_rbd, hips_result.s1_rbd)
    state = np.random.get_state()[1].copy()  # noqa: NPY002 (SALib's global generator is restored)
    sm.SpineModel().sensitivity("hips", scenario="max_standing_turn", n=N, seed=3)
    np.testing.assert_array_equal(np.random.get_state()[1], state)  # noqa: NPY002


def test_to_dict_is_json_ready(hips_result):
    data = json.loads(json.dumps(hips_result.to_dict()))
    assert data["output"] == "hips" and data["indices"][0]["name"] == "hip_internal_rotation_deg"
    assert "model estimate" in data["label"]


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"output": "spine"}, ValueError, r"output = 'spine' is not a known output; allowed: 'lumbar'"),
        ({"output": 3}, TypeError, "output must be a string"),
        ({"n": 50}, ValueError, r"n = 50 is too small for a sensitivity analysis; allowed range is \[200"),
        ({"n": 2.5}, TypeError, "n must be a whole number"),
        ({"output": "pelvis"}, ValueError, "output 'pelvis' does not vary under these conditions"),
        ({"resamples": 3}, ValueError, r"resamples = 3 is out of range"),
        ({"conf_level": 1.5}, ValueError, r"conf_level = 1.5 is out of range"),
    ],
)
def test_sensitivity_bad_arguments(kwargs, error, pattern):
    args = {"output": "lumbar", "scenario": "seated_twist_stretch", "n": N} | kwargs
    with pytest.raises(error, match=pattern):
        sm.SpineModel().sensitivity(**args)


def test_sensitivity_needs_a_pose():
    with pytest.raises(ValueError, match="give exactly one of total_deg and torque_nm"):
        sm.SpineModel().sensitivity("lumbar", n=N)


def test_missing_salib_names_the_analysis_extra(monkeypatch):
    import builtins

    from spinemodel._extras import MissingExtrasError

    real = builtins.__import__

    def fake(name, *args, **kwargs):
        if name.startswith("SALib"):
            raise ModuleNotFoundError("No module named 'SALib'", name="SALib")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)
    with pytest.raises(MissingExtrasError, match=r'pip install "spinemodel\[analysis\]"'):
        sm.SpineModel().sensitivity("lumbar", scenario="seated_twist_stretch", n=N)


def test_sensitivity_command(capsys):
    argv = ["sensitivity", "--output", "hips", "--scenario", "max_standing_turn", "--n", str(N)]
    argv += ["--seed", "3"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "hip internal rotation range" in out.splitlines()[6]
    assert main([*argv, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["indices"][0]["name"] == "hip_internal_rotation_deg"
    assert main(["sensitivity", "--output", "nope", "--scenario", "golf_backswing"]) == 2
    assert "not a known output" in capsys.readouterr().err


# --- figures ------------------------------------------------------------------------------------
def _overlaps(texts) -> list[tuple[str, str]]:
    fig = texts[0].figure
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts if t.get_text()]
    return [
        (a, b)
        for i, (a, box_a) in enumerate(boxes)
        for b, box_b in boxes[i + 1 :]
        if box_a.overlaps(box_b) and box_a.intersection(box_a, box_b).height > 1.0
    ]


def test_validation_figure_draws_every_row_without_overlapping_labels(rows):
    from spinemodel.evidence_plots import plot_validation

    with plotting.style("lecture"):
        drawn = plot_validation(rows)
    try:
        drawn.figure.canvas.draw()
        assert len(drawn.artists["bands"]) == len(rows) == len(drawn.artists["published"])
        ticks = drawn.axes[0].get_yticklabels()
        assert {t.get_text() for t in ticks} == set(drawn.artists["labels"])
        assert not _overlaps(list(ticks)), "row labels overlap"
        assert not _overlaps(drawn.artists["values"]), "the numbers on the right overlap"
        footer = [t.get_text() for t in drawn.figure.texts]
        assert any("model estimate" in t for t in footer)
        assert "How sure is the model" in drawn.artists["title"].get_text()
    finally:
        matplotlib.pyplot.close(drawn.figure)


def test_sensitivity_figure_has_bars_labels_and_intervals(hips_result):
    from spinemodel.evidence_plots import plot_sensitivity

    with plotting.style("lecture"):
        drawn = plot_sensitivity(hips_result, k=8)
    try:
        drawn.figure.canvas.draw()
        ax = drawn.axes[0]
        assert len(drawn.artists["bars"]) == 8
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert labels[0] == "hip internal rotation range" and labels == list(hips_result.labels[:8])
        assert not _overlaps(list(ax.get_yticklabels()))
        widths = [bar.get_width() for bar in drawn.artists["bars"]]
        np.testing.assert_allclose(widths, hips_result.s1[:8])
        assert "hip" in drawn.artists["title"].get_text()
    finally:
        matplotlib.pyplot.close(drawn.figure)
    with pytest.raises(ValueError, match="k = 0 is out of range"):
        plot_sensitivity(hips_result, k=0)
    with pytest.raises(TypeError, match="result must be a Sensitivity"):
        plot_sensitivity("hips")


def test_figure_set_holds_the_evidence_figures():
    from spinemodel import figures

    names = [spec.name for spec in figures.FIGURES]
    assert "10_validation" in names
    assert sum("sensitivity" in name for name in names) == 3
