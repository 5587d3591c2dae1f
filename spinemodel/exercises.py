"""Prediction exercises for the notebooks, checked against the model.

Each question asks the student to predict something *before* running a cell or
moving a slider. :func:`check_prediction` compares the prediction with the
model's own answer (computed from :class:`~spinemodel.SpineModel`, never typed in)
and says right or wrong and *why*. The numbers a question gives (a torque, a
lever arm) are computed from the model too.

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

from .anatomy import CALIBRATION, LUMBAR_LEVELS, PARAMETERS, THORACIC_LEVELS
from .model import MOBILITY_RANGE, Pose, SpineModel
from .scenarios import REACH, SCENARIOS

__all__ = ["Question", "CheckResult", "QUESTIONS", "ask", "check_prediction", "questions"]

_NOT_ADVICE = "(model estimate; educational model, not medical advice)"
#: The trunk rotation at which Fujii et al. 2007 measured lumbar rotation in vivo (deg).
_FUJII_TOTAL_DEG = 45.0


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: right or wrong, the model's answer and why."""

    question_id: str
    correct: bool
    answer: Any
    expected: Any
    explanation: str
    question: str = ""

    def __bool__(self) -> bool:
        return self.correct

    @property
    def message(self) -> str:
        if self.answer is None:
            # The question is printed once, by ask() in the cell above; this only says what to do.
            return (
                f"No prediction yet for [{self.question_id}]: write your answer into my_prediction in this "
                "cell, then run it again."
            )
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
    ``"choice"`` (one of ``choices``, case-insensitive). ``template`` is the text
    of the question; its ``{fields}`` are filled in by ``givens(model)``, so that
    the numbers a question gives come from the model too.
    """

    qid: str
    notebook: int
    template: str
    kind: str
    solve: Callable[[SpineModel], tuple[Any, str]]
    unit: str = ""
    tolerance: float = 0.0
    relative: bool = False
    choices: tuple[str, ...] = field(default_factory=tuple)
    givens: Callable[[SpineModel], dict[str, Any]] | None = None

    def prompt_for(self, model: SpineModel) -> str:
        """The question's text with the numbers of ``model``."""
        return self.template.format(**self.givens(model)) if self.givens else self.template

    @property
    def prompt(self) -> str:
        """The question's text with the numbers of the default model."""
        return self.prompt_for(_default_model())

    def describe(self, model: SpineModel | None = None) -> str:
        if self.kind == "number":
            tol = f"{self.tolerance:.0%}" if self.relative else f"{self.tolerance:g} {self.unit}"
            how = f"Answer with a number in {self.unit} (counted right within {tol})."
        else:
            how = "Answer with one of: " + ", ".join(repr(c) for c in self.choices) + "."
        text = self.prompt_for(model if model is not None else _default_model())
        return f"[{self.qid}] {text}\n{how}"


def _show(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    return repr(value)


# --- the model's answers ------------------------------------------------------------
def _reach(m: SpineModel, **conditions: Any) -> Pose:
    """The pose at the end of the body's range under ``conditions`` (the envelope)."""
    return m.solve(total_deg=REACH, **conditions)


def _pct(part: float, whole: float) -> str:
    return f"{100.0 * part / whole:.0f}%"


def _at_end(pose: Pose) -> list[str]:
    """Regions with a joint (other than a lumbar level) at its tolerance: what ends the reach."""
    ends = []
    for region, levels in (("legs", ("legs",)), ("hips", ("hips",)), ("thoracic", THORACIC_LEVELS)):
        if any(
            pose.tolerances_deg[lv] > 0 and abs(pose.levels_deg[lv]) >= pose.tolerances_deg[lv] * (1 - 1e-3)
            for lv in levels
        ):
            ends.append(region)
    return ends


def _stop(m: SpineModel, pose: Pose) -> str:
    """What ends the turn of a pose of ``m`` at the end of its range, in words, with the numbers."""
    ends = _at_end(pose)
    parts = []
    if "thoracic" in ends:
        thoracic_max = sum(pose.tolerances_deg[lv] for lv in THORACIC_LEVELS)
        mobility = pose.conditions["thoracic_mobility"]
        cited = "Gregersen & Lucas 1967" if _is_default(m, "thoracic_max_deg") else "a changed value"
        if mobility != 1.0:
            cited = f"at mobility {mobility:g}"
        parts.append(f"the thoracic spine reaches its in vivo maximum ({thoracic_max:.1f} deg, {cited})")
    lower = [r for r in ("legs", "hips") if r in ends]
    if lower:
        ranges = ", ".join(f"{r} {pose.tolerances_deg[r]:.1f}" for r in lower)
        parts.append(f"the {' and '.join(lower)} reach the end of their range ({ranges} deg)")
    return " and ".join(parts) if parts else "no joint is at the end of its range yet"


def _is_default(m: SpineModel, name: str) -> bool:
    return m.values[name] == PARAMETERS[name].value


def _past_block(pose: Pose) -> list[str]:
    return [lv for lv in LUMBAR_LEVELS if pose.zone[lv] in ("beyond_limit", "beyond_tolerance")]


def _lumbar_cap(m: SpineModel) -> tuple[float, str]:
    limits = ", ".join(f"{lv} {m.limits_deg[lv]:g}" for lv in LUMBAR_LEVELS)
    return m.lumbar_cap_deg, (
        f"The five lumbar ranges ({limits} deg; Yamamoto et al. 1989, in vitro at "
        f"{m.values['lumbar_test_moment_nm']:g} Nm) add up to {m.lumbar_cap_deg:.1f} deg: angles in series "
        "add. Past its range each level stiffens to the large-load stiffness Miller et al. 1986 measured "
        f"({m.values['lumbar_block_stiffness_nm_per_deg']:g} Nm/deg): the facet block. Textbooks quote up to "
        "about 15 deg (White & Panjabi's upper limits); the measured ranges are what the model uses. "
        f"{_NOT_ADVICE}"
    )


def _stiffest(m: SpineModel) -> tuple[str, str]:
    level = min(LUMBAR_LEVELS, key=lambda lv: m.limits_deg[lv])
    others = [m.limits_deg[lv] for lv in LUMBAR_LEVELS if lv != level]
    seated = _reach(m, pelvis="fixed")
    angles = ", ".join(f"{lv} {seated.levels_deg[lv]:.2f}" for lv in LUMBAR_LEVELS)
    return level, (
        f"{level} has the smallest range, {m.limits_deg[level]:g} deg (Yamamoto et al. 1989, in vitro at "
        f"{m.values['lumbar_test_moment_nm']:g} Nm); the others turn {min(others):g} to {max(others):g} deg. "
        f"At the end of the seated twist stretch the levels turn {angles} deg. {_NOT_ADVICE}"
    )


def _series_givens(m: SpineModel) -> dict[str, Any]:
    return {"total": _FUJII_TOTAL_DEG}


def _series(m: SpineModel) -> tuple[str, str]:
    pose = m.solve(total_deg=_FUJII_TOTAL_DEG, pelvis="fixed")
    lumbar, thoracic = pose.levels_deg["L4-L5"], pose.levels_deg["T6-T7"]
    softer = "T6-T7" if thoracic > lumbar else "L4-L5"
    return "all equal", (
        "In a chain in series each joint passes the same torque on to the next, like the links of a chain: "
        f"every joint carries {pose.torque_nm:.2f} Nm. What differs is the angle: L4-L5 turns {lumbar:.2f} "
        f"deg, T6-T7 {thoracic:.2f} deg, because {softer} is the less stiff joint. {_NOT_ADVICE}"
    )


def _facet_givens(m: SpineModel) -> dict[str, Any]:
    pose = _reach(m, pelvis="fixed")
    lever = m.joints["L4-L5"].facet_lever_mm
    force = float(pose.facet_force_n["L4-L5"]["contralateral"])
    return {"torque": pose.torque_nm, "facet_torque": force * lever / 1000.0, "lever": lever}


def _facet_force(m: SpineModel) -> tuple[float, str]:
    pose = _reach(m, pelvis="fixed")
    g = _facet_givens(m)
    force = float(pose.facet_force_n["L4-L5"]["contralateral"])
    low, high, _ = CALIBRATION["facet_force_contralateral_at_7p5nm_n"]
    where = "inside" if low <= force <= high else "outside"
    levers = {lv: m.joints[lv].facet_lever_mm for lv in LUMBAR_LEVELS}
    forces = {lv: float(pose.facet_force_n[lv]["contralateral"]) for lv in LUMBAR_LEVELS}
    shortest, hardest = min(levers, key=levers.get), max(forces, key=forces.get)
    per_level = ", ".join(f"{lv} {forces[lv]:.0f}" for lv in LUMBAR_LEVELS)
    lever_note = (
        f"{shortest} has the shortest lever ({levers[shortest]:.1f} mm: its facets are the most coronal, "
        "orientations after Masharawi et al. 2004) and so presses hardest"
        if shortest == hardest
        else f"{hardest} presses hardest"
    )
    return force, (
        f"F = T_facet / d = {g['facet_torque']:.2f} Nm / {g['lever'] / 1000:.4f} m = {force:.1f} N. "
        "In vitro, Jaumard et al. 2011 list 70.3 +/- 43.2 N on the contralateral facet at 7.5 Nm (T12-L2): "
        f"the model's {force:.0f} N lies {where} that spread. Per level (N): {per_level}; {lever_note}. "
        f"The ipsilateral facet gaps in pure axial rotation (0 N). {_NOT_ADVICE}"
    )


def _seated_lumbar(m: SpineModel) -> tuple[float, str]:
    pose = m.solve(scenario="seated_twist_stretch")
    lum, cap = pose.regions_deg["lumbar"], pose.lumbar_cap_deg
    at_fujii = m.solve(total_deg=_FUJII_TOTAL_DEG, pelvis="fixed").regions_deg["lumbar"]
    low, high, _ = CALIBRATION["seated_lumbar_at_45deg"]
    return lum, (
        f"With the pelvis fixed on the seat the stretch turns the trunk {pose.total_deg:.1f} deg, until "
        f"{_stop(m, pose)}. The lumbar spine then has {lum:.1f} deg, {_pct(lum, cap)} of its {cap:.1f} deg "
        f"measured range. In vivo (supine, pelvis held, MRI), Fujii et al. 2007 measured {low:g} to {high:g} "
        f"deg of lumbar rotation at {_FUJII_TOTAL_DEG:g} deg of trunk rotation; the model gives "
        f"{at_fujii:.1f} deg there. The legs and hips cannot help while seated. {_NOT_ADVICE}"
    )


def _beyond(m: SpineModel) -> tuple[str, str]:
    pose = m.solve(scenario="seated_twist_stretch")
    lum, cap = pose.regions_deg["lumbar"], pose.lumbar_cap_deg
    past = _past_block(pose)
    force = pose.facet_force_n["L4-L5"]["contralateral"]
    if past:
        head = (
            f"Yes: at the end of the stretch ({pose.total_deg:.1f} deg, {pose.torque_nm:.2f} Nm) the lumbar "
            f"spine turns {lum:.1f} deg against its {cap:.1f} deg range, and {len(past)} of 5 lumbar levels "
            f"({', '.join(past)}) are past their own range, on the facet block."
        )
    else:
        head = (
            f"No: {_stop(m, pose)} first, at {pose.torque_nm:.2f} Nm. The lumbar spine stops at {lum:.1f} of "
            f"its {cap:.1f} deg ({_pct(lum, cap)}), no lumbar level past its own range (L4-L5 contralateral "
            f"facet {force:.0f} N). Whether a forced stretch could push it past its block depends on how far "
            "the thoracic spine can be forced past its active maximum, and no study we found measured that."
        )
    return ("yes" if past else "no"), f"{head} {_NOT_ADVICE}"


def _ratio_givens(m: SpineModel) -> dict[str, Any]:
    full = m.reachable_torque_nm(pelvis="fixed")
    return {"low": full / 2.0, "high": full}


def _facet_ratio(m: SpineModel) -> tuple[float, str]:
    g = _ratio_givens(m)
    low = m.solve(torque_nm=g["low"], pelvis="fixed")
    high = m.solve(torque_nm=g["high"], pelvis="fixed")
    f_low = float(low.facet_force_n["L4-L5"]["contralateral"])
    f_high = float(high.facet_force_n["L4-L5"]["contralateral"])
    ratio, pull = f_high / f_low, g["high"] / g["low"]
    share = f_high * m.joints["L4-L5"].facet_lever_mm / 1000.0 / g["high"]
    if _past_block(high):
        why = (
            "Past the block the facets take most of each extra newton-metre (Miller et al. 1986's "
            "large-load stiffness), so their force grows faster than the pull."
        )
    else:
        why = (
            "Inside its measured range each level's facets carry a nearly fixed share of the torque (L4-L5: "
            f"{share:.0%} at the end of the stretch, after Schendel et al. 1993), none in the lax neutral "
            "zone near zero torque: so the force rises about in proportion to the pull. A steeper rise would "
            f"begin only past the block, which the seated stretch does not reach: {_stop(m, high)} first."
        )
    return ratio, (
        f"The pull rises {pull:.2f} times and the L4-L5 contralateral facet force {ratio:.2f} times "
        f"({f_low:.0f} N to {f_high:.0f} N). {why} {_NOT_ADVICE}"
    )


def _knee_drop_share(m: SpineModel) -> tuple[float, str]:
    pose = m.solve(scenario="supine_knee_drop")
    lum, cap = pose.regions_deg["lumbar"], pose.lumbar_cap_deg
    share = 100.0 * lum / pose.total_deg
    seated = m.solve(scenario="seated_twist_stretch")
    same = abs(seated.regions_deg["lumbar"] - lum) < 1e-6
    return share, (
        f"The lumbar spine takes {lum:.1f} of {pose.total_deg:.1f} deg, {share:.0f}%, at "
        f"{pose.torque_nm:.2f} Nm, until {_stop(m, pose)}; it is then at {_pct(lum, cap)} of its {cap:.1f} "
        "deg measured range, the thoracic spine takes the rest. "
        + (
            "In this axial model the knee drop is the seated twist turned round (the thorax held instead of "
            "the pelvis), so the split is the same. "
            if same
            else ""
        )
        + "The rest of the drop to the floor comes from hip adduction, which the model leaves out. "
        + _NOT_ADVICE
    )


def _standing_givens(m: SpineModel) -> dict[str, Any]:
    return {"total": SCENARIOS["standing_turn"].inputs["total_deg"], "stiff": MOBILITY_RANGE[0]}


def _stiff_hips(m: SpineModel) -> tuple[str, str]:
    g = _standing_givens(m)
    base = m.solve(scenario="standing_turn")
    stiff = m.solve(scenario="standing_turn", hip_mobility=g["stiff"])
    seated = m.solve(total_deg=g["total"], pelvis="fixed")
    b, s = base.regions_deg, stiff.regions_deg
    lb, ls = b["lumbar"], s["lumbar"]
    word = "up" if ls > lb + 0.05 else ("down" if ls < lb - 0.05 else "same")
    return word, (
        f"Standing {g['total']:g} deg turn: the pelvis (legs + hips) takes {b['pelvis']:.1f} deg, with stiff "
        f"hips {s['pelvis']:.1f} deg (hips {b['hips']:.1f} to {s['hips']:.1f}, legs {b['legs']:.1f} to "
        f"{s['legs']:.1f}). The total is fixed, so what the pelvis does not take the spine must: lumbar "
        f"{lb:.1f} to {ls:.1f} deg, torque {base.torque_nm:.2f} to {stiff.torque_nm:.2f} Nm. Stiff hips also "
        f"shorten the standing reach from {m.reachable_deg(pelvis='free'):.1f} to "
        f"{m.reachable_deg(pelvis='free', hip_mobility=g['stiff']):.1f} deg. Seated, with the pelvis fixed, "
        f"the lumbar spine takes {seated.regions_deg['lumbar']:.1f} deg of the same {g['total']:g} deg. "
        f"{_NOT_ADVICE}"
    )


def _which_stiffness(m: SpineModel) -> tuple[str, str]:
    g = _standing_givens(m)
    base = m.solve(scenario="standing_turn")
    hips = m.solve(scenario="standing_turn", hip_mobility=g["stiff"])
    thor = m.solve(scenario="standing_turn", thoracic_mobility=g["stiff"])
    lh, lt = hips.regions_deg["lumbar"], thor.regions_deg["lumbar"]
    worse = "upper back" if lt > lh else "hips"
    bh, bt = base.regions_deg["hips"], base.regions_deg["thoracic"]
    larger = "hips" if bh > bt else "upper back"
    reason = (
        "halving the larger contributor moves more rotation on to the lumbar spine."
        if larger == worse
        else "yet halving the smaller contributor moves more rotation on to the lumbar spine."
    )
    return worse, (
        f"Lumbar rotation in the standing {g['total']:g} deg turn: {lh:.1f} deg with stiff hips, {lt:.1f} "
        f"deg with a stiff upper back (both at mobility {g['stiff']:g}; {base.regions_deg['lumbar']:.1f} deg "
        f"with neither; range {base.lumbar_cap_deg:.1f} deg). Relaxed, the hips take {bh:.1f} deg (the legs "
        f"{base.regions_deg['legs']:.1f} more) and the thoracic spine {bt:.1f} deg: {reason} {_NOT_ADVICE}"
    )


def _bracing_givens(m: SpineModel) -> dict[str, Any]:
    return {"gain": m.values["bracing_stiffness_gain"]}


def _bracing_seated(m: SpineModel) -> tuple[float, str]:
    relaxed = m.solve(scenario="seated_twist_stretch")
    braced = m.solve(scenario="braced_seated_twist")
    lr, lb = relaxed.regions_deg["lumbar"], braced.regions_deg["lumbar"]
    fr = relaxed.facet_force_n["L4-L5"]["contralateral"]
    fb = braced.facet_force_n["L4-L5"]["contralateral"]
    same_torque = abs(relaxed.torque_nm - braced.torque_nm) < 1e-6
    end = (
        f"The stretch still ends where {_stop(m, braced)}, at the same {braced.torque_nm:.2f} Nm, so bracing "
        f"shortens the reach ({relaxed.total_deg:.1f} to {braced.total_deg:.1f} deg)"
        if same_torque
        else (
            f"The stretch ends where {_stop(m, braced)} ({relaxed.total_deg:.1f} to {braced.total_deg:.1f} "
            "deg)"
        )
    )
    where = ["past" if _past_block(p) else "below" for p in (relaxed, braced)]
    block = (
        f"Both are below the {braced.lumbar_cap_deg:.1f} deg block."
        if where == ["below", "below"]
        else f"Against the {braced.lumbar_cap_deg:.1f} deg block: relaxed {where[0]}, braced {where[1]}."
    )
    return lb, (
        f"Relaxed, the lumbar spine turns {lr:.1f} deg; braced, {lb:.1f} deg. {end}; the L4-L5 facet force "
        f"falls from {fr:.0f} to {fb:.0f} N. {block} The bracing gain "
        f"({m.values['bracing_stiffness_gain']:.0%}) is the trunk's translational stiffness rise measured by "
        "Gardner-Morse & Stokes 2001, used for twisting (a modelling choice): no measurement of axial "
        f"stiffness under bracing was found. {_NOT_ADVICE}"
    )


def _golf_givens(m: SpineModel) -> dict[str, Any]:
    golf = m.solve(scenario="golf_backswing")
    return {"total": golf.total_deg, "pelvis": golf.regions_deg["pelvis"], "stiff": MOBILITY_RANGE[0]}


def _golf_lumbar(m: SpineModel) -> tuple[float, str]:
    golf = m.solve(scenario="golf_backswing")
    r = golf.regions_deg
    passive = _reach(m, pelvis="free")
    hip_led = _reach(m, pelvis="free", strategy="hip_led")
    total_45 = SCENARIOS["standing_turn"].inputs["total_deg"]
    relaxed_45 = m.solve(scenario="standing_turn")
    led_45 = m.solve(scenario="hip_and_upper_back")
    l_rel, l_led = relaxed_45.regions_deg["lumbar"], led_45.regions_deg["lumbar"]
    more = l_led > l_rel
    share_led = m.values["athlete_pelvis_share"]
    share_rel = relaxed_45.regions_deg["pelvis"] / total_45
    reach_text = (
        f"A relaxed standing turn could not reach {golf.total_deg:g} deg at all: it ends at "
        f"{passive.total_deg:.1f} deg, where {_stop(m, passive)}. "
        if passive.total_deg < golf.total_deg
        else ""
    )
    return r["lumbar"], (
        f"The lumbar spine turns {r['lumbar']:.1f} deg, {_pct(r['lumbar'], golf.lumbar_cap_deg)} of its "
        f"{golf.lumbar_cap_deg:.1f} deg measured range; the thoracic spine {r['thoracic']:.1f} deg, the "
        f"pelvis {r['pelvis']:.1f} deg (legs {r['legs']:.1f}, hips {r['hips']:.1f}). {reach_text}The "
        f"athletic stance (knees flexed) and the hip-led turn reach {hip_led.total_deg:.1f} deg. At the same "
        f"{total_45:g} deg, the hip-led turn puts {'more' if more else 'less'} into the lumbar spine "
        f"({l_led:.1f} deg) than a relaxed standing turn ({l_rel:.1f} deg), because the golfers' measured "
        f"pelvis share ({share_led:.0%}, McTeigue et al. 1994) is {'smaller' if more else 'larger'} than the "
        f"{share_rel:.0%} a relaxed standing pelvis takes at {total_45:g} deg (which rests on the hips' "
        "nearly unresisted mid-range, van Arkel et al. 2015, with a slope that is a modelling choice). "
        + ("The benefit of the hip-led turn the data support is reach. " if more else "")
        + _NOT_ADVICE
    )


def _x_factor(m: SpineModel) -> tuple[float, str]:
    golf = m.solve(scenario="golf_backswing")
    r = golf.regions_deg
    x = golf.total_deg - r["pelvis"]
    share = 100.0 * r["thoracic"] / x
    return share, (
        f"X-factor = upper-body turn - pelvis turn = {golf.total_deg:g} - {r['pelvis']:.1f} = {x:.1f} deg, "
        f"all of it between pelvis and shoulders: thoracic {r['thoracic']:.1f} deg ({share:.0f}%), lumbar "
        f"{r['lumbar']:.1f} deg. Both regions carry the same torque (they are in series); the thoracic spine "
        "takes most of the angle because its twelve levels are far less stiff than the five lumbar ones. "
        f"The model's pelvis turns by the share McTeigue et al. 1994 measured on PGA Tour players "
        f"({m.values['athlete_pelvis_share']:.3f} of the upper-body turn), so the X-factor itself is theirs "
        "by construction, not a prediction; what the model adds is how it splits between the lumbar and "
        f"thoracic spine. {_NOT_ADVICE}"
    )


def _stiff_golfer(m: SpineModel) -> tuple[str, str]:
    g = _golf_givens(m)
    golf = m.solve(scenario="golf_backswing")
    conditions = {"pelvis": "free", "strategy": "hip_led"}
    stiff = _reach(m, **conditions, thoracic_mobility=g["stiff"])
    mobile = _reach(m, **conditions)
    can = stiff.total_deg >= g["total"]
    ls, lg = stiff.regions_deg["lumbar"], golf.regions_deg["lumbar"]
    compare = "more than" if ls > lg else "less than" if ls < lg else "as much as"
    past = _past_block(stiff)
    block = (
        f"yet below its {stiff.lumbar_cap_deg:.1f} deg block"
        if not past
        else f"{len(past)} lumbar levels past their own range"
    )
    return ("yes" if can else "no"), (
        f"{'Yes' if can else 'No'}: with the upper back at mobility {g['stiff']:g} the hip-led turn ends at "
        f"{stiff.total_deg:.1f} deg ({mobile.total_deg:.1f} deg with a mobile upper back), where "
        f"{_stop(m, stiff)}. "
        f"At that end the lumbar spine turns {ls:.1f} deg, {compare} the mobile golfer's {lg:.1f} deg at "
        f"{g['total']:g} deg, {block}. "
        + (
            "A stiff upper back costs reach; how far a golfer could force the turn past the thoracic spine's "
            "active maximum, and what that would do to the lumbar spine, no data say. "
            if "thoracic" in _at_end(stiff)
            else "The legs and hips end the turn first, so the stiff upper back costs no reach. "
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
            "Which lumbar level has the smallest rotation range?",
            "choice",
            _stiffest,
            choices=LUMBAR_LEVELS,
        ),
        Question(
            "series_torque",
            1,
            "The seated trunk (pelvis fixed) is twisted {total:g} deg. Which joint carries the largest "
            "torque?",
            "choice",
            _series,
            choices=("L4-L5", "T6-T7", "all equal"),
            givens=_series_givens,
        ),
        Question(
            "facet_force_7p5",
            1,
            "At the end of the seated twist stretch the trunk carries {torque:.2f} Nm (laboratory tests "
            "use 7.5 Nm). The L4-L5 facets carry {facet_torque:.2f} Nm of it, pressing on the contralateral "
            "facet with a lever arm of {lever:.1f} mm. What compression force (N) does that facet carry?",
            "number",
            _facet_force,
            unit="N",
            tolerance=0.15,
            relative=True,
            givens=_facet_givens,
        ),
        Question(
            "seated_twist_lumbar",
            2,
            "Seated twist stretch, the pelvis fixed, pulled round as far as the body goes: how many degrees "
            "does the whole lumbar spine turn?",
            "number",
            _seated_lumbar,
            unit="deg",
            tolerance=2.0,
        ),
        Question(
            "seated_twist_past_block",
            2,
            "Does the seated twist stretch, pulled round as far as the body goes, take the lumbar spine past "
            "its block?",
            "choice",
            _beyond,
            choices=_YES_NO,
        ),
        Question(
            "facet_force_ratio",
            2,
            "Seated, the pull doubles from {low:.2f} Nm to {high:.2f} Nm (the end of the stretch). By what "
            "factor does the L4-L5 contralateral facet force rise?",
            "number",
            _facet_ratio,
            unit="x",
            tolerance=0.15,
            relative=True,
            givens=_ratio_givens,
        ),
        Question(
            "knee_drop_lumbar_share",
            2,
            "Supine knee drop: lying on the back, shoulders flat, both knees dropped to one side until the "
            "spine reaches the end of its range. What share (%) of the total rotation does the lumbar spine "
            "take?",
            "number",
            _knee_drop_share,
            unit="%",
            tolerance=5.0,
        ),
        Question(
            "stiff_hips_lumbar",
            3,
            "Standing {total:g} deg turn, feet planted, muscles relaxed: with stiff hips (hip mobility "
            "{stiff:g}), does lumbar rotation go up, down or stay the same?",
            "choice",
            _stiff_hips,
            choices=("up", "down", "same"),
            givens=_standing_givens,
        ),
        Question(
            "which_stiffness_worse",
            3,
            "Standing {total:g} deg turn: which puts more rotation into the lumbar spine, stiff hips or a "
            "stiff upper back (each at mobility {stiff:g})?",
            "choice",
            _which_stiffness,
            choices=("hips", "upper back"),
            givens=_standing_givens,
        ),
        Question(
            "bracing_seated_lumbar",
            3,
            "Seated twist stretch with the low back braced (bracing stiffens the lumbar levels by "
            "{gain:.0%}, a modelling choice), pulled round as far as the body goes: how many degrees does "
            "the lumbar spine turn?",
            "number",
            _bracing_seated,
            unit="deg",
            tolerance=1.0,
            givens=_bracing_givens,
        ),
        Question(
            "golf_lumbar",
            4,
            "Golf backswing taught hip-led: knees flexed, the hips turn the pelvis {pelvis:.0f} deg of the "
            "{total:g} deg upper-body turn (the share PGA Tour players use). How many degrees does the "
            "lumbar spine turn?",
            "number",
            _golf_lumbar,
            unit="deg",
            tolerance=2.0,
            givens=_golf_givens,
        ),
        Question(
            "x_factor",
            4,
            "The X-factor (shoulder turn minus pelvis turn) is everything the spine does in the backswing. "
            "What share (%) of the model's X-factor is thoracic (the rest is lumbar)?",
            "number",
            _x_factor,
            unit="%",
            tolerance=8.0,
        ),
        Question(
            "stiff_upper_back_golfer",
            4,
            "A golfer with a stiff upper back (thoracic mobility {stiff:g}) tries the same hip-led {total:g} "
            "deg backswing. Can they reach it?",
            "choice",
            _stiff_golfer,
            choices=_YES_NO,
            givens=_golf_givens,
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


def ask(question_id: str, *, model: SpineModel | None = None) -> str:
    """The question's text (with the numbers of ``model``, the defaults if not given) and the form of
    the answer it expects."""
    return _question(question_id).describe(model)


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
        return CheckResult(q.qid, False, None, expected, why, q.describe(m))
    if q.kind == "number":
        value = _parse_number(q, answer)
        expected = float(expected)
        tol = q.tolerance * abs(expected) if q.relative else q.tolerance
        return CheckResult(q.qid, abs(value - expected) <= tol, value, expected, why)
    choice = _parse_choice(q, answer)
    return CheckResult(q.qid, choice == expected, choice, expected, why)
