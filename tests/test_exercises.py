"""The prediction exercises: every answer comes from the model and is judged right or wrong with a reason."""

from __future__ import annotations

import pytest

import spinemodel as sm
from spinemodel.exercises import QUESTIONS, CheckResult, ask, check_prediction, questions


@pytest.fixture(scope="module")
def model():
    return sm.SpineModel()


@pytest.mark.parametrize("qid", list(QUESTIONS))
def test_model_answer_is_right_and_explained(qid, model):
    pending = check_prediction(qid, None, model=model)
    assert not pending.correct
    assert "No prediction yet" in pending.message and qid in pending.message
    # Each question prints once (ask() above the prediction cell): the pending check does not repeat it.
    assert QUESTIONS[qid].prompt not in pending.message
    result = check_prediction(qid, pending.expected, model=model)
    assert isinstance(result, CheckResult)
    assert result.correct and bool(result)
    assert result.message.startswith("Right.")
    assert "not medical advice" in result.explanation


@pytest.mark.parametrize("qid", [q for q, v in QUESTIONS.items() if v.kind == "number"])
def test_number_far_off_is_wrong(qid, model):
    expected = check_prediction(qid, None, model=model).expected
    result = check_prediction(qid, expected * 3 + 50, model=model)
    assert not result.correct
    assert result.message.startswith("Not quite.")


@pytest.mark.parametrize("qid", [q for q, v in QUESTIONS.items() if v.kind == "choice"])
def test_every_other_choice_is_wrong(qid, model):
    expected = check_prediction(qid, None, model=model).expected
    for choice in QUESTIONS[qid].choices:
        assert check_prediction(qid, choice, model=model).correct == (choice == expected)


def test_answers_follow_the_model():
    # The same checks against the model's own numbers, so prose built on them stays true.
    m = sm.SpineModel()
    assert check_prediction("lumbar_cap", m.lumbar_cap_deg).correct
    seated = m.solve(scenario="seated_twist_stretch")
    assert check_prediction("seated_twist_lumbar", seated.regions_deg["lumbar"]).correct
    past = any(seated.zone[lv] == "beyond_limit" for lv in sm.LUMBAR_LEVELS)
    assert check_prediction("seated_twist_past_block", "yes").correct == past
    golf = m.solve(scenario="golf_backswing")
    assert check_prediction("golf_lumbar", golf.regions_deg["lumbar"]).correct
    x_factor = golf.total_deg - golf.regions_deg["pelvis"]
    assert check_prediction("x_factor", 100 * golf.regions_deg["thoracic"] / x_factor).correct
    braced = m.solve(scenario="braced_seated_twist")
    assert check_prediction("bracing_seated_lumbar", braced.regions_deg["lumbar"]).correct
    stiff_reach = m.reachable_deg(pelvis="free", strategy="hip_led", thoracic_mobility=sm.MOBILITY_RANGE[0])
    assert check_prediction("stiff_upper_back_golfer", "yes").correct == (stiff_reach >= golf.total_deg)


def test_the_default_answers_tell_the_data_story():
    """With the default data no allowed pose puts a lumbar level past its block: the thoracic spine
    (seated) or the legs and hips (standing) reach their range first, and the explanations say so."""
    m = sm.SpineModel()
    seated = m.solve(scenario="seated_twist_stretch")
    lum, cap = seated.regions_deg["lumbar"], seated.lumbar_cap_deg
    result = check_prediction("seated_twist_past_block", None)
    assert result.expected == "no"
    text = result.explanation
    assert "thoracic spine reaches its in vivo maximum" in text and "Gregersen & Lucas 1967" in text
    assert f"{lum:.1f} of its {cap:.1f} deg" in text
    assert "no study we found measured that" in text
    assert (
        f"{lum:.1f} deg, {100 * lum / cap:.0f}% of its {cap:.1f} deg"
        in check_prediction("seated_twist_lumbar", None).explanation
    )
    # Inside the envelope the facet force rises about in proportion to the pull.
    ratio = check_prediction("facet_force_ratio", None)
    assert ratio.expected == pytest.approx(2.0, rel=0.1)
    assert "about in proportion" in ratio.explanation
    # The hip-led turn: the benefit is reach, and at the same angle it puts more into the lumbar spine.
    golf = check_prediction("golf_lumbar", None).explanation
    standing_reach = m.reachable_deg(pelvis="free")
    assert f"it ends at {standing_reach:.1f} deg" in golf
    assert "puts more into the lumbar spine" in golf and "is reach" in golf
    # Standing with stiff hips: up; the hips, not the upper back, are the larger contributor.
    assert check_prediction("stiff_hips_lumbar", None).expected == "up"
    assert check_prediction("which_stiffness_worse", None).expected == "hips"
    assert check_prediction("stiff_upper_back_golfer", None).expected == "no"


def test_a_model_whose_lumbar_spine_passes_its_block_gets_the_other_answers():
    # A thoracic spine that may turn twice as far lets the seated stretch pull the lumbar spine past its
    # block.
    wide = sm.SpineModel(thoracic_max_deg=80.0)
    seated = wide.solve(scenario="seated_twist_stretch")
    assert seated.regions_deg["lumbar"] > seated.lumbar_cap_deg
    result = check_prediction("seated_twist_past_block", None, model=wide)
    assert result.expected == "yes" and result.explanation.startswith("Yes:")
    ratio = check_prediction("facet_force_ratio", None, model=wide)
    assert ratio.expected > 2.3 and "grows faster than the pull" in ratio.explanation
    assert "Gregersen" not in check_prediction("seated_twist_lumbar", None, model=wide).explanation


def test_a_changed_model_changes_the_answer_and_the_question():
    default = sm.SpineModel()
    wider = sm.SpineModel(**{"limit_L5-S1_deg": 3.0})
    cap = sum(wider.limits_deg[lv] for lv in sm.LUMBAR_LEVELS)
    assert check_prediction("lumbar_cap", None, model=wider).expected == pytest.approx(cap)
    assert check_prediction("lumbar_cap", None).expected == pytest.approx(default.lumbar_cap_deg)
    assert cap != pytest.approx(default.lumbar_cap_deg)
    narrowest = min(sm.LUMBAR_LEVELS, key=wider.limits_deg.get)
    assert narrowest != "L5-S1"
    assert check_prediction("stiffest_lumbar_level", None, model=wider).expected == narrowest
    # The numbers a question gives come from the model too.
    stiff_thorax = sm.SpineModel(thoracic_max_deg=30.0)
    torque = stiff_thorax.reachable_torque_nm(pelvis="fixed")
    assert f"carries {torque:.2f} Nm" in ask("facet_force_7p5", model=stiff_thorax)
    assert f"carries {default.reachable_torque_nm(pelvis='fixed'):.2f} Nm" in ask("facet_force_7p5")
    pending = check_prediction("facet_force_7p5", None, model=stiff_thorax)
    assert f"carries {torque:.2f} Nm" in pending.question


def test_prompts_are_filled_in_and_inside_the_envelope():
    m = sm.SpineModel()
    for qid, q in QUESTIONS.items():
        assert "{" not in q.prompt and "}" not in q.prompt, qid
        assert q.prompt in ask(qid)
        text = q.prompt + check_prediction(qid, None).explanation
        for stale in ("20 Nm", "100 deg", "drive", "15 deg block", "cap 15"):
            assert stale not in text, (qid, stale)
    assert "45 deg" in QUESTIONS["series_torque"].prompt
    golf = m.solve(scenario="golf_backswing")
    assert (
        f"{golf.regions_deg['pelvis']:.0f} deg of the {golf.total_deg:g} deg"
        in QUESTIONS["golf_lumbar"].prompt
    )


def test_answer_forms():
    cap = sm.SpineModel().lumbar_cap_deg
    assert check_prediction("seated_twist_past_block", False).answer == "no"
    assert check_prediction("seated_twist_past_block", " NO ").answer == "no"
    assert check_prediction("lumbar_cap", f"{cap:.1f}").correct
    assert check_prediction("lumbar_cap", round(cap)).correct
    assert not check_prediction(
        "lumbar_cap", 15
    ).correct  # the textbook upper limits, not the measured ranges


@pytest.mark.parametrize(
    ("qid", "answer", "error"),
    [
        ("lumbar_cap", "fifteen", TypeError),
        ("lumbar_cap", float("nan"), ValueError),
        ("lumbar_cap", True, TypeError),
        ("seated_twist_past_block", "maybe", ValueError),
        ("seated_twist_past_block", 3, TypeError),
    ],
)
def test_bad_answers_say_what_is_expected(qid, answer, error):
    with pytest.raises(error, match=qid):
        check_prediction(qid, answer)


def test_unknown_question_lists_the_questions():
    with pytest.raises(KeyError, match="lumbar_cap"):
        check_prediction("no_such_question", 1)


def test_questions_and_ask():
    assert set(questions()) == set(QUESTIONS)
    for nb in (1, 2, 3, 4):
        assert questions(nb), f"notebook {nb} has no questions"
    assert "deg" in ask("lumbar_cap")
    assert "'yes'" in ask("seated_twist_past_block")


def test_no_plotting_import():
    import subprocess
    import sys

    code = "import sys, spinemodel.exercises; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_docstring_examples_run():
    import doctest

    from spinemodel import exercises

    failures, tried = doctest.testmod(exercises, raise_on_error=False)
    assert tried > 0 and failures == 0
