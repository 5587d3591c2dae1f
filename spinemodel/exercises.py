"""Prediction exercises for the notebooks, checked against the model.

Each question asks the student to predict something *before* running a cell or
moving a slider. :func:`check_prediction` compares the prediction with the
model's own answer (computed from :class:`~spinemodel.SpineModel`, never typed in)
and says right or wrong and *why*.

>>> from spinemodel.exercises import check_prediction
>>> result = check_prediction("stiffest_lumbar_level", "L5-S1")
>>> result.correct
True
>>> check_prediction("series_torque", "L4-L5").correct
False

All answers are model estimates for teaching: an educational model, not medical advice.
Pure Python on top of the model; no plotting library is imported.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .anatomy import LUMBAR_LEVELS
from .model import SpineModel

__all__ = ["Question", "CheckResult", "QUESTIONS", "ask", "check_prediction", "questions"]

_NOT_ADVICE = "(model estimate; educational model, not medical advice)"


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: right or wrong, the model's answer and why."""

    question_id: str
    correct: bool
    answer: Any
    expected: Any
    explanation: str

    def __bool__(self) -> bool:
        return self.correct

    @property
    def message(self) -> str:
        if self.answer is None:
            head = "No prediction yet: write your answer in the cell, then run it again."
            return f"{head}\n{ask(self.question_id)}"
        verdict = "Right." if self.correct else "Not quite."
        said = f"You said {_show(self.answer)}; the model says {_show(self.expected)}."
        return f"{verdict} {said}\n{self.explanation}"

    def __repr__(self) -> str:
        return self.message

    __str__ = __repr__


@dataclass(frozen=True)
class Question:
    """One prediction question.

    ``solve(model)`` returns ``(expected, explanation)``; ``kind`` is ``"number"``
    (right within ``tolerance``, absolute, or relative if ``relative``) or
    ``"choice"`` (one of ``choices``, case-insensitive).
    """

    qid: str
    notebook: int
    prompt: str
    kind: str
    solve: Callable[[SpineModel], tuple[Any, str]]
    unit: str = ""
    tolerance: float = 0.0
    relative: bool = False
    choices: tuple[str, ...] = field(default_factory=tuple)

    def describe(self) -> str:
        if self.kind == "number":
            tol = f"{self.tolerance:.0%}" if self.relative else f"{self.tolerance:g} {self.unit}"
            how = f"Answer with a number in {self.unit} (counted right within {tol})."
        else:
            how = "Answer with one of: " + ", ".join(repr(c) for c in self.choices) + "."
        return f"[{self.qid}] {self.prompt}\n{how}"


def _show(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    return repr(value)


def _fmt(x: float) -> str:
    return f"{x:.1f}"


# --- the model's answers ------------------------------------------------------------
def _lumbar_cap(m: SpineModel) -> tuple[float, str]:
    limits = ", ".join(f"{lv} {m.limits_deg[lv]:g}" for lv in LUMBAR_LEVELS)
    return m.lumbar_cap_deg, (
        f"The five lumbar limits ({limits} deg; White & Panjabi 1990 upper limits, U, with 0.5 deg added at "
        f"L3-L4 and L4-L5 after Pearcy 1984/1985) add up to {m.lumbar_cap_deg:g} deg. Angles in series add: "
        "once each level is at its limit the facets of every level are in contact and the whole lumbar "
        f"spine is blocked. {_NOT_ADVICE}"
    )


def _stiffest(m: SpineModel) -> tuple[str, str]:
    level = min(LUMBAR_LEVELS, key=lambda lv: m.limits_deg[lv])
    return level, (
        f"{level} has the smallest limit, {m.limits_deg[level]:g} deg (White & Panjabi 1990: upper "
        f"limit 2 deg at L5-S1, U); the others allow 3 to 3.5 deg. {_NOT_ADVICE}"
    )


def _series(m: SpineModel) -> tuple[str, str]:
    pose = m.solve(torque_nm=7.5, pelvis="fixed")
    return "all equal", (
        "In a chain in series each joint passes the same torque on to the next, like links of a chain: "
        f"every joint carries {pose.torque_nm:g} Nm. What differs is the angle: L4-L5 turns "
        f"{pose.levels_deg['L4-L5']:.2f} deg, T6-T7 turns {pose.levels_deg['T6-T7']:.2f} deg, because the "
        f"thoracic joints are less stiff. {_NOT_ADVICE}"
    )


def _facet_force(m: SpineModel) -> tuple[float, str]:
    pose = m.solve(torque_nm=7.5, pelvis="fixed")
    force = float(pose.facet_force_n["L4-L5"]["contralateral"])
    lever = m.values["facet_lever_arm_mm"]
    facet_torque = force * lever / 1000.0
    return force, (
        f"F = T_facet / d = {facet_torque:.2f} Nm / {lever / 1000:.3f} m = {force:.1f} N. The model was "
        "calibrated to this: Jaumard et al. 2011 measured 70.3 +/- 43.2 N on the contralateral facet at "
        f"7.5 Nm (R2), and the lever arm of 35 mm is a textbook value (U). {_NOT_ADVICE}"
    )


def _seated_lumbar(m: SpineModel) -> tuple[float, str]:
    pose = m.solve(scenario="seated_twist_stretch")
    lum = pose.regions_deg["lumbar"]
    return lum, (
        f"With the pelvis fixed on the seat a 20 Nm pull turns the trunk {_fmt(pose.total_deg)} deg in all; "
        f"the lumbar spine takes {_fmt(lum)} deg, past its {pose.lumbar_cap_deg:g} deg block, the thoracic "
        f"spine {_fmt(pose.regions_deg['thoracic'])} deg. The hips cannot help while seated. {_NOT_ADVICE}"
    )


def _beyond(m: SpineModel) -> tuple[str, str]:
    pose = m.solve(scenario="seated_twist_stretch")
    past = pose.regions_deg["lumbar"] > pose.lumbar_cap_deg
    zones = sum(pose.zone[lv] == "beyond_limit" for lv in LUMBAR_LEVELS)
    return ("yes" if past else "no"), (
        f"Lumbar {_fmt(pose.regions_deg['lumbar'])} deg against a cap of {pose.lumbar_cap_deg:g} deg: "
        f"{zones} of 5 lumbar levels are beyond their limit, at {pose.torque_nm:g} Nm, far above the 7.5 Nm "
        "of the laboratory tests. Every joint in series carries that torque; past the block the lumbar "
        f"facets take most of it. {_NOT_ADVICE}"
    )


def _facet_ratio(m: SpineModel) -> tuple[float, str]:
    low = m.solve(torque_nm=7.5, pelvis="fixed")
    high = m.solve(torque_nm=20.0, pelvis="fixed")
    f_low = float(low.facet_force_n["L4-L5"]["contralateral"])
    f_high = float(high.facet_force_n["L4-L5"]["contralateral"])
    ratio = f_high / f_low
    return ratio, (
        f"The pull rises {20.0 / 7.5:.2f} times but the L4-L5 contralateral facet force rises "
        f"{ratio:.2f} times ({f_low:.0f} N to {f_high:.0f} N): past the block the facets take most of "
        f"each extra newton-metre, so their force grows faster than the torque. {_NOT_ADVICE}"
    )


def _knee_drop_share(m: SpineModel) -> tuple[float, str]:
    pose = m.solve(scenario="supine_knee_drop")
    share = 100.0 * pose.regions_deg["lumbar"] / pose.total_deg
    return share, (
        f"The lumbar spine takes {_fmt(pose.regions_deg['lumbar'])} of {pose.total_deg:g} deg, {share:.0f}%: "
        f"a small share, yet past its {pose.lumbar_cap_deg:g} deg block, at a torque of "
        f"{pose.torque_nm:.1f} Nm. The thoracic spine takes the rest. {_NOT_ADVICE}"
    )


def _stiff_hips(m: SpineModel) -> tuple[str, str]:
    base = m.solve(scenario="standing_turn")
    stiff = m.solve(scenario="standing_turn", hip_mobility=0.5)
    lb, ls = base.regions_deg["lumbar"], stiff.regions_deg["lumbar"]
    word = "up" if ls > lb + 0.05 else ("down" if ls < lb - 0.05 else "same")
    return word, (
        f"Standing 100 deg turn: the hips go from {_fmt(base.regions_deg['hips'])} to "
        f"{_fmt(stiff.regions_deg['hips'])} deg, and the lumbar spine from {_fmt(lb)} to {_fmt(ls)} deg "
        f"(cap {base.lumbar_cap_deg:g} deg). The total is fixed, so what the hips do not take, the spine "
        f"must, and the torque rises from {base.torque_nm:.1f} to {stiff.torque_nm:.1f} Nm. {_NOT_ADVICE}"
    )


def _which_stiffness(m: SpineModel) -> tuple[str, str]:
    hips = m.solve(scenario="standing_turn", hip_mobility=0.5)
    thor = m.solve(scenario="standing_turn", thoracic_mobility=0.5)
    lh, lt = hips.regions_deg["lumbar"], thor.regions_deg["lumbar"]
    worse = "upper back" if lt > lh else "hips"
    return worse, (
        f"Lumbar rotation in the standing 100 deg turn: {_fmt(lh)} deg with stiff hips, {_fmt(lt)} deg "
        f"with a stiff upper back (both at half mobility; cap {hips.lumbar_cap_deg:g} deg). The thoracic "
        f"spine is twelve joints that together take the largest share, so halving them moves more rotation "
        f"down to the lumbar spine than halving the hips. {_NOT_ADVICE}"
    )


def _bracing_seated(m: SpineModel) -> tuple[str, str]:
    relaxed = m.solve(scenario="seated_twist_stretch")
    braced = m.solve(scenario="braced_seated_twist")
    lr, lb = relaxed.regions_deg["lumbar"], braced.regions_deg["lumbar"]
    below = lb <= braced.lumbar_cap_deg
    return ("yes" if below else "no"), (
        f"Bracing (lumbar stiffness x1.368, Gardner-Morse & Stokes 2001, R) lowers the lumbar rotation from "
        f"{_fmt(lr)} to {_fmt(lb)} deg under the same 20 Nm pull (cap {braced.lumbar_cap_deg:g} deg) and the "
        f"L4-L5 facet force from {relaxed.facet_force_n['L4-L5']['contralateral']:.0f} to "
        f"{braced.facet_force_n['L4-L5']['contralateral']:.0f} N. It helps, but seated the hips cannot take "
        f"their share. {_NOT_ADVICE}"
    )


def _golf_lumbar(m: SpineModel) -> tuple[float, str]:
    golf = m.solve(scenario="golf_backswing")
    passive = m.solve(scenario="standing_turn")
    return golf.regions_deg["lumbar"], (
        f"Hip-led, the lumbar spine turns {_fmt(golf.regions_deg['lumbar'])} deg of the "
        f"{golf.total_deg:g} deg shoulder turn (passive, pulled round: "
        f"{_fmt(passive.regions_deg['lumbar'])} deg; cap {golf.lumbar_cap_deg:g} deg). "
        "The hip and upper-back drives are modelling choices (M), not measurements. "
        f"{_NOT_ADVICE}"
    )


def _x_factor(m: SpineModel) -> tuple[float, str]:
    golf = m.solve(scenario="golf_backswing")
    x = golf.total_deg - golf.regions_deg["hips"]
    return x, (
        f"X-factor = shoulder turn - hip turn = {golf.total_deg:g} - {_fmt(golf.regions_deg['hips'])} = "
        f"{_fmt(x)} deg, all of it between pelvis and shoulders: lumbar {_fmt(golf.regions_deg['lumbar'])}, "
        f"thoracic {_fmt(golf.regions_deg['thoracic'])} deg. McLean's model numbers (100 deg shoulders, "
        "45-60 deg hips; R, low evidence) give 40-55 deg: the model's hip turn is smaller because it has no "
        f"knees or feet. {_NOT_ADVICE}"
    )


def _stiff_golfer(m: SpineModel) -> tuple[str, str]:
    pose = m.solve(scenario="golf_backswing", thoracic_mobility=0.5)
    past = pose.regions_deg["lumbar"] > pose.lumbar_cap_deg
    return ("yes" if past else "no"), (
        f"With the upper back at half mobility the same hip-led 100 deg turn puts "
        f"{_fmt(pose.regions_deg['lumbar'])} deg into the lumbar spine (cap {pose.lumbar_cap_deg:g} deg). "
        + (
            "The technique alone cannot make up for a stiff upper back: the rotation the thoracic spine does "
            "not take ends up in the lumbar spine. "
            if past
            else "The technique keeps it below the block, with less margin than with a mobile upper back. "
        )
        + _NOT_ADVICE
    )


_YES_NO = ("yes", "no")

QUESTIONS: dict[str, Question] = {
    q.qid: q
    for q in (
        Question(
            "lumbar_cap",
            1,
            "At what total lumbar rotation (deg, the five lumbar levels together) does the facet block "
            "engage?",
            "number",
            _lumbar_cap,
            unit="deg",
            tolerance=1.5,
        ),
        Question(
            "stiffest_lumbar_level",
            1,
            "Which lumbar level has the smallest rotation limit?",
            "choice",
            _stiffest,
            choices=LUMBAR_LEVELS,
        ),
        Question(
            "series_torque",
            1,
            "The seated trunk (pelvis fixed) is twisted with 7.5 Nm. Which joint carries the largest torque?",
            "choice",
            _series,
            choices=("L4-L5", "T6-T7", "all equal"),
        ),
        Question(
            "facet_force_7p5",
            1,
            "Pelvis fixed, 7.5 Nm: the L4-L5 facets carry about 2.5 Nm of it, over a 35 mm lever arm. "
            "What compression force (N) does the contralateral facet carry?",
            "number",
            _facet_force,
            unit="N",
            tolerance=0.15,
            relative=True,
        ),
        Question(
            "seated_twist_lumbar",
            2,
            "Seated twist stretch, a 20 Nm pull with the pelvis fixed: how many degrees does the whole "
            "lumbar spine turn?",
            "number",
            _seated_lumbar,
            unit="deg",
            tolerance=2.0,
        ),
        Question(
            "seated_twist_past_block",
            2,
            "Does the seated twist stretch (20 Nm) take the lumbar spine past its block?",
            "choice",
            _beyond,
            choices=_YES_NO,
        ),
        Question(
            "facet_force_ratio",
            2,
            "The pull rises from 7.5 Nm to 20 Nm, 2.7 times. By what factor does the L4-L5 contralateral "
            "facet force rise?",
            "number",
            _facet_ratio,
            unit="x",
            tolerance=0.2,
            relative=True,
        ),
        Question(
            "knee_drop_lumbar_share",
            2,
            "Supine knee drop (90 deg, thorax held flat): what share (%) of the 90 deg does the lumbar "
            "spine take?",
            "number",
            _knee_drop_share,
            unit="%",
            tolerance=5.0,
        ),
        Question(
            "stiff_hips_lumbar",
            3,
            "Standing 100 deg turn, muscles relaxed: with the hips half as mobile, does lumbar rotation go "
            "up, down or stay the same?",
            "choice",
            _stiff_hips,
            choices=("up", "down", "same"),
        ),
        Question(
            "which_stiffness_worse",
            3,
            "Standing 100 deg turn: which puts more rotation into the lumbar spine, stiff hips or a stiff "
            "upper back (each at half mobility)?",
            "choice",
            _which_stiffness,
            choices=("hips", "upper back"),
        ),
        Question(
            "bracing_keeps_below_cap",
            3,
            "Seated twist stretch (20 Nm): does bracing the low back keep the lumbar spine below its block?",
            "choice",
            _bracing_seated,
            choices=_YES_NO,
        ),
        Question(
            "golf_lumbar",
            4,
            "Golf backswing taught hip-led (100 deg shoulder turn, hips and upper back driving, low back "
            "braced): how many degrees does the lumbar spine turn?",
            "number",
            _golf_lumbar,
            unit="deg",
            tolerance=2.0,
        ),
        Question(
            "x_factor",
            4,
            "X-factor = shoulder turn - hip turn. What X-factor (deg) does the model's golf backswing make?",
            "number",
            _x_factor,
            unit="deg",
            tolerance=5.0,
        ),
        Question(
            "stiff_upper_back_golfer",
            4,
            "A golfer with a stiff upper back (half mobility) makes the same hip-led 100 deg backswing. "
            "Is the lumbar spine past its block?",
            "choice",
            _stiff_golfer,
            choices=_YES_NO,
        ),
    )
}

_MODEL: SpineModel | None = None


def _default_model() -> SpineModel:
    global _MODEL
    if _MODEL is None:
        _MODEL = SpineModel()
    return _MODEL


def _question(question_id: str) -> Question:
    if question_id not in QUESTIONS:
        raise KeyError(f"unknown question {question_id!r}; the questions are: {', '.join(QUESTIONS)}")
    return QUESTIONS[question_id]


def questions(notebook: int | None = None) -> list[str]:
    """Question ids, all or those of one notebook (1 to 4)."""
    return [q.qid for q in QUESTIONS.values() if notebook is None or q.notebook == notebook]


def ask(question_id: str) -> str:
    """The question's text and the form of the answer it expects."""
    return _question(question_id).describe()


def _parse_choice(q: Question, answer: Any) -> str:
    if isinstance(answer, bool) and q.choices == _YES_NO:
        return "yes" if answer else "no"
    if not isinstance(answer, str):
        raise TypeError(f"{q.qid} expects one of {', '.join(map(repr, q.choices))}; got {answer!r}")
    text = answer.strip().lower()
    for choice in q.choices:
        if text == choice.lower():
            return choice
    raise ValueError(f"{q.qid} expects one of {', '.join(map(repr, q.choices))}; got {answer!r}")


def _parse_number(q: Question, answer: Any) -> float:
    if isinstance(answer, bool):
        raise TypeError(f"{q.qid} expects a number in {q.unit}; got {answer!r}")
    if not isinstance(answer, (int, float)):
        try:
            value = float(answer)  # numpy scalars, numeric strings
        except (TypeError, ValueError):
            raise TypeError(f"{q.qid} expects a number in {q.unit}; got {answer!r}") from None
    else:
        value = float(answer)
    if not math.isfinite(value):
        raise ValueError(f"{q.qid} expects a finite number; got {answer!r}")
    return value


def check_prediction(question_id: str, answer: Any, *, model: SpineModel | None = None) -> CheckResult:
    """Check a prediction against the model and say right or wrong, and why.

    Parameters
    ----------
    question_id : str
        One of :func:`questions` (see :func:`ask` for the text).
    answer : number, str, bool or None
        The prediction. ``None`` means "not written yet": the result repeats the
        question instead of judging.
    model : SpineModel, optional
        The model to check against (the cited defaults if not given).

    Returns
    -------
    CheckResult
        ``.correct``, ``.expected`` (the model's answer), ``.explanation``; it
        displays as a short verdict with the reason.
    """
    q = _question(question_id)
    m = model if model is not None else _default_model()
    expected, why = q.solve(m)
    if answer is None:
        return CheckResult(q.qid, False, None, expected, why)
    if q.kind == "number":
        value = _parse_number(q, answer)
        expected = float(expected)
        tol = q.tolerance * abs(expected) if q.relative else q.tolerance
        return CheckResult(q.qid, abs(value - expected) <= tol, value, expected, why)
    choice = _parse_choice(q, answer)
    return CheckResult(q.qid, choice == expected, choice, expected, why)
