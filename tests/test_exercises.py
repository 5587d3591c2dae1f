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
    assert check_prediction("seated_twist_past_block", "yes").correct == (
        seated.regions_deg["lumbar"] > seated.lumbar_cap_deg
    )
    golf = m.solve(scenario="golf_backswing")
    assert check_prediction("x_factor", golf.total_deg - golf.regions_deg["hips"]).correct


def test_a_changed_model_changes_the_answer():
    wider = sm.SpineModel(**{"limit_L5-S1_deg": 3.0})
    assert check_prediction("lumbar_cap", None, model=wider).expected == pytest.approx(16.0)
    assert check_prediction("lumbar_cap", None).expected == pytest.approx(15.0)


def test_answer_forms():
    assert check_prediction("seated_twist_past_block", True).answer == "yes"
    assert check_prediction("seated_twist_past_block", " YES ").answer == "yes"
    assert check_prediction("lumbar_cap", "15").correct
    assert check_prediction("lumbar_cap", 15).correct


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
