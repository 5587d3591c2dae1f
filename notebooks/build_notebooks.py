"""Write the teaching notebooks from code, and (with ``--images``) their saved figures.

    .venv/bin/python notebooks/build_notebooks.py            # write notebooks/*.ipynb
    .venv/bin/python notebooks/build_notebooks.py --images   # also run the figure cells, write notebooks/img/

The notebooks are written as nbformat v4 without outputs or execution counts (the
test suite checks this and executes them). ``--images`` runs each notebook's code
cells in order in this process (Agg backend; the explorer cells are skipped) and saves
the figure of every cell marked with an image name to ``notebooks/img/``, so the
markdown can show the key figures where no kernel runs.

The prose lives in ``notebook_01`` ... ``notebook_06`` below. Numbers in prose are
either cited values from ``spinemodel/anatomy.py`` (guarded by an ``assert`` against the model) or are
printed by a cell; where the prose states a model result, an ``assert`` cell guards it.
"""

# The prose and markdown tables of the notebooks live in long strings:
# ruff: noqa: E501
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from textwrap import dedent

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
IMG = HERE / "img"

DISCLAIMER = (
    "> **Educational model, not medical advice.** Every number this notebook computes is a *model "
    "estimate* from a simplified, average, healthy trunk built on published laboratory data. It cannot "
    "describe your own back. If you have back pain, see a qualified clinician."
)

HOW_TO = (
    "**How to use it.** Run the cells from the top (Shift+Enter). At each **Predict** box, write your "
    "answer into the cell *before* you run the cells after it; `check_prediction` then says whether the "
    "model agrees, and why. Every number in the text comes from a cited source or from a cell that "
    "computes it. Sources carry the verification marks of the model: **R** read in the source, "
    "**R2** read in a secondary source, **D** derived by arithmetic, **U** not verified (a textbook "
    "value), **M** a modelling choice."
)

SETUP = """
%matplotlib inline
import numpy as np
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import spinemodel as sm
from spinemodel import plotting
from spinemodel.exercises import ask, check_prediction

plotting.use_style("notebook")
model = sm.SpineModel()  # the cited defaults
model
"""


def md(text: str) -> nbformat.NotebookNode:
    return new_markdown_cell(dedent(text).strip("\n"))


def code(text: str, *, image: str | None = None, skip_images: bool = False) -> nbformat.NotebookNode:
    cell = new_code_cell(dedent(text).strip("\n"))
    if image:
        cell.metadata["_image"] = image
    if skip_images:
        cell.metadata["_skip_images"] = True
    return cell


def colab_setup() -> nbformat.NotebookNode:
    """The first cell of every notebook: in Google Colab, install spinemodel and enable the custom
    widget manager ipympl needs; anywhere else it does nothing (tests/test_colab_cell.py checks).
    The repository is pyproject.toml's ``[project.urls] Repository``; the pins are its extras'."""
    return code(
        """
        # Google Colab only: install spinemodel and turn on the widget manager that the interactive
        # figures (ipympl) need. Anywhere else (JupyterLab, Binder, Voila) this cell does nothing.
        import sys

        if "google.colab" in sys.modules:
            import subprocess

            subprocess.run(
                [sys.executable, "-m", "pip", "install", "--quiet",
                 "spinemodel @ git+https://github.com/spinemodel/spinemodel", "ipywidgets>=8.1", "ipympl>=0.9.4"],
                check=True,
            )
            from google.colab import output

            output.enable_custom_widget_manager()
        """
    )


def predict(qid: str, example: str) -> list[nbformat.NotebookNode]:
    """A prediction: the question, a cell to write it in, the check."""
    return [
        code(f'print(ask("{qid}"))'),
        code(
            f"my_prediction = None  # write your prediction here, e.g. {example}\n"
            f'check_prediction("{qid}", my_prediction)'
        ),
    ]


# ----------------------------------------------------------------------------------------
# 01 Why the low back resists twisting
# ----------------------------------------------------------------------------------------
FACET_SCHEMATIC = '''
def draw_facets(ax, title, plane_deg_from_sagittal, anterior_end_medial, labels, note):
    """Top view of one vertebra (front at the top) and its two facet joints, schematic."""
    ax.set_title(title)
    ax.add_patch(plt.Circle((0, 22), 20, fc="0.9", ec="0.4"))  # vertebral body (disc)
    ax.plot(0, 0, "k+", ms=14, mew=2)
    ax.text(3, -5, "axis of\\nrotation", fontsize=9, va="top")
    distance = model.values["facet_axis_distance_mm"]  # axis to facet (U)
    half_width = model.values["facet_half_width_mm"]  # mid-sagittal plane to facet (U)
    a = np.deg2rad(plane_deg_from_sagittal)
    for side, label in zip((-1, 1), labels):
        x, y = side * half_width, -np.sqrt(distance**2 - half_width**2)  # a facet joint, `distance` mm from the axis
        # joint line through (x, y), turned `a` from sagittal; which end is medial decides its lean
        dx = side * 7 * np.sin(a) * (1 if anterior_end_medial else -1)
        dy = 7 * np.cos(a)
        ax.plot([x - dx, x + dx], [y + dy, y - dy], color="k", lw=4, solid_capstyle="round")
        vx, vy = -y, x  # a turn to the left (counter-clockwise seen from above) moves it this way
        n = np.hypot(vx, vy)
        ax.annotate("", (x + 11 * vx / n, y + 11 * vy / n), (x, y),
                    arrowprops=dict(arrowstyle="->", color=sm.styles.OKABE_ITO["vermillion"], lw=2))
        ax.plot([0, x], [0, y], color="0.6", lw=1, ls=":")
        ax.text(x + side * 6, y - 12, label, ha="center", va="top", fontsize=9.5)
    ax.text(0, -56, note, ha="center", va="top", fontsize=9.5)
    ax.text(0, 46, "front", ha="center", fontsize=9)
    ax.set_xlim(-42, 42)
    ax.set_ylim(-70, 50)
    ax.set_aspect("equal")
    ax.axis("off")


fig, axes = plt.subplots(1, 2, figsize=(10, 5.6))
draw_facets(
    axes[0], "Lumbar (L1-L2): near-sagittal facets", model.values["facet_orientation_L1-L2_deg"], True,
    ("left: opens", "right: pressed"),
    "turning left, the right (contralateral) facet is\\ndriven into its partner: compression, then a block",
)
draw_facets(
    axes[1], "Thoracic: near-coronal facets", 90 - 27.5, False, ("glides", "glides"),
    "the same turn slides the facet surfaces\\nalong each other: rotation is allowed",
)
fig.suptitle("Seen from above, front at the top; arrows: path of the facets in a turn to the left (schematic)")
plt.show()
'''

LIMITS_TABLE = """
marks = {row["name"]: row for row in sm.parameter_table()}


def cite(name):
    row = marks[name]
    return f"{row['source'].split(' (')[0]} ({row['mark']})"


rows = ["| joint | limit, one side (deg) | source (mark) |", "|---|---|---|"]
for level in sm.LUMBAR_LEVELS:
    rows.append(f"| {level} | {model.limits_deg[level]:g} | {cite(f'limit_{level}_deg')}, range at 10 Nm |")
rows.append(f"| **lumbar, sum** | **{model.lumbar_cap_deg:.1f}** | the measured range of the whole lumbar spine |")
thoracic_sum = sum(model.limits_deg[lv] for lv in sm.THORACIC_LEVELS)
rows.append(
    f"| thoracic, 12 levels, sum | {thoracic_sum:.1f} | {cite('rom_T2-T7_deg')}, range at 7.5 Nm, "
    f"x {model.values['rib_cage_range_factor']:g} for the rib cage: {cite('rib_cage_range_factor')} |"
)
rows.append(f"| thoracic, in vivo maximum | {model.values['thoracic_max_deg']:g} | {cite('thoracic_max_deg')} |")
rows.append(f"| hips (pelvis over the thighs) | {model.limits_deg['hips']:g} | {cite('hip_internal_rotation_deg')}, internal rotation, prone |")
rows.append(f"| legs (knees, feet planted) | {model.limits_deg['legs']:g} | {cite('knee_internal_rotation_deg')}, knee internal rotation, near extension |")
display(Markdown("\\n".join(rows)))
"""

LIMITS_FIGURE = """
colors = {**sm.styles.REGION_COLORS}
colors.setdefault("legs", "0.55")
spine = list(sm.LUMBAR_LEVELS) + list(sm.THORACIC_LEVELS)
region = ["lumbar"] * 5 + ["thoracic"] * 12
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4.6), width_ratios=[2.2, 1])
ax1.bar(range(len(spine)), [model.limits_deg[lv] for lv in spine], color=[colors[r] for r in region])
ax1.set_xticks(range(len(spine)), spine, rotation=70, fontsize=8)
ax1.set_ylabel("limit, one side (deg)")
ax1.set_title("Each spinal joint's limit, from the sacrum up")
totals = {
    "legs": model.limits_deg["legs"],
    "hips": model.limits_deg["hips"],
    "lumbar": model.lumbar_cap_deg,
    "thoracic": sum(model.limits_deg[lv] for lv in sm.THORACIC_LEVELS),
}
ax2.bar(list(totals), list(totals.values()), color=[colors[r] for r in totals])
for i, value in enumerate(totals.values()):
    ax2.text(i, value + 1, f"{value:.0f} deg", ha="center")
ax2.set_ylabel("sum of the limits (deg)")
ax2.set_title("Per region")
fig.suptitle("Model defaults (cited; see the table above) - model estimate")
plt.show()
"""

JOINT_CURVES = """
from spinemodel.mechanics import component_torque_nm

zone = sm.styles.ZONE_COLORS
fig, axes = plt.subplots(1, 4, figsize=(13, 4.2))
for ax, name in zip(axes, ["L4-L5", "T6-T7", "hips", "legs"]):
    joint = model.joints[name]
    end = 2.0 * joint.limit_deg if joint.region == "lumbar" else 1.15 * joint.limit_deg
    angle = np.linspace(0, end, 400)
    total = sum(component_torque_nm(c, angle) for c in joint.components.values())
    if len(joint.components) > 1:
        for part, component in joint.components.items():
            ax.plot(angle, component_torque_nm(component, angle), lw=1.4, ls="--", label=part.replace("_", " "))
    ax.plot(angle, total, color="k", label="whole joint")
    ax.axvspan(0, joint.neutral_deg, color=zone["neutral"], alpha=0.3, lw=0)
    ax.axvspan(joint.neutral_deg, joint.limit_deg, color=zone["elastic"], alpha=0.3, lw=0)
    ax.axvspan(joint.limit_deg, angle[-1], color=zone["beyond_limit"], alpha=0.15, lw=0)
    ax.set_title(name)
    ax.set_xlabel("rotation, one side (deg)")
    ax.set_ylim(0, 1.05 * total.max())
    ax.legend(fontsize=8, loc="upper left")
axes[0].axhline(model.values["lumbar_test_moment_nm"], color="0.4", lw=1, ls=":")
axes[0].text(0.1, model.values["lumbar_test_moment_nm"] + 0.5, "10 Nm test moment", fontsize=8, color="0.3")
axes[1].axhline(model.values["thoracic_test_moment_nm"], color="0.4", lw=1, ls=":")
axes[1].text(0.1, model.values["thoracic_test_moment_nm"] + 0.3, "7.5 Nm test moment", fontsize=8, color="0.3")
axes[0].set_ylabel("torque (Nm)")
fig.suptitle("Torque-angle curves: neutral zone (blue), elastic zone (yellow), past the limit (red) - model estimate")
plt.show()
"""

SEATED_SWEEP = """
reach = model.reachable_deg(pelvis="fixed")  # the seated envelope
total = np.linspace(0.0, reach, 401)
sweep = model.solve(total_deg=total, pelvis="fixed")
low, high, _ = sm.CALIBRATION["facet_force_contralateral_at_7p5nm_n"]
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10.5, 4.4))
for region in ("lumbar", "thoracic"):
    ax1.plot(total, sweep.regions_deg[region], color=sm.styles.REGION_COLORS[region], label=f"{region} spine")
ax1.axhline(model.lumbar_cap_deg, color=sm.styles.REGION_COLORS["lumbar"], ls="--", lw=1.2)
ax1.text(1, model.lumbar_cap_deg + 0.8, f"lumbar: sum of the measured ranges, {model.lumbar_cap_deg:.1f} deg", fontsize=9)
ax1.axhline(model.values["thoracic_max_deg"], color=sm.styles.REGION_COLORS["thoracic"], ls="--", lw=1.2)
ax1.text(1, model.values["thoracic_max_deg"] - 3, f"thoracic: in vivo maximum, {model.values['thoracic_max_deg']:g} deg", fontsize=9)
ax1.set_xlabel("total seated turn (deg)")
ax1.set_ylabel("rotation (deg)")
ax1.set_title(f"The turn ends at {reach:.1f} deg")
ax1.legend(loc="center left")
ax2.plot(total, sweep.facet_force_n["L4-L5"]["contralateral"], color=sm.styles.OKABE_ITO["vermillion"])
ax2.axhspan(low, high, color="0.85", lw=0)
ax2.text(1, high - 4, "Jaumard 2011, in vitro, 7.5 Nm:\\n70 +/- 43 N (T12-L2)", fontsize=9, va="top", color="0.3")
ax2.set_xlabel("total seated turn (deg)")
ax2.set_ylabel("contralateral facet force, L4-L5 (N)")
ax2.set_title("Facet force up to the end of the turn")
fig.suptitle("Seated (pelvis fixed), from neutral to the end of the envelope - model estimate")
plt.show()
"""


def notebook_01() -> list:
    return [
        md(
            f"""
            # 1 · Why the low back resists twisting

            {DISCLAIMER}

            **Study time:** 20-30 minutes. **You will learn** how the shape of the facet joints makes the
            lumbar spine the least rotatable part of the trunk; how far each level turns and where its
            "bony block" begins; and how the model behind all these notebooks works: its equations, its
            sources, and what it leaves out.

            {HOW_TO}
            """
        ),
        md(
            """
            ## The question

            Stand with your feet planted and turn to look behind you. Your shoulders turn a long way. Four
            places between the feet and the shoulders can turn about a vertical axis:

            * the **legs**: the knees rotate, so the pelvis turns a little over the planted feet;
            * the **hips**: the pelvis turns over the thighs;
            * the **lumbar spine**: five joints, L5-S1 up to L1-L2;
            * the **thoracic spine**: twelve joints, T12-L1 up to T1-T2.

            Which of them takes how much, and why so little of it is lumbar, is what this notebook is about.
            Run the set-up cell first.
            """
        ),
        code(SETUP),
        md(
            """
            ## 1. The shape of the facet joints

            Each vertebra meets the next in three places: the disc in front and two small **facet
            (zygapophyseal) joints** behind. How easily two vertebrae twist against each other depends above
            all on how the facet surfaces are oriented.

            * **Lumbar facets are near-sagittal** (close to the plane that divides left from right). In 4,080
              vertebrae, Masharawi et al. 2004 (Spine 29:1755, **R**) measured the upper lumbar facets (T12-L2) at
              25.9-33.9 deg from the mid-sagittal plane; at L3-L5 they turn further away from it
              (40.4-56.3 deg).
            * **Thoracic facets are near-coronal**: at T1-T11 about 25-30 deg from the frontal plane
              (Masharawi 2004, **R**).

            The facets sit roughly 30-40 mm behind the axis about which the vertebra turns (a textbook
            value, **U**; the model uses 35 mm). In a turn, a point behind the axis swings *sideways*. A
            near-sagittal joint stands *across* that sideways path: once a small gap closes, the facet on
            the side opposite to the turn (the **contralateral** facet) is pressed together and the other
            one opens. A near-coronal joint lies *along* the path, so its surfaces glide. Experiments agree:
            the lumbar facets act as a "positive stop" to axial rotation whatever their exact orientation
            (Ahmed, Duncan & Burke 1990, Spine 15:391, 70 segments, **R**).

            <details><summary>Saved figure: schematic top view of lumbar and thoracic facets (for reading without a kernel)</summary>

            <img src="img/01_facet_orientation.png" alt="Schematic top view of lumbar and thoracic facets" width="760">

            </details>

            The next cell draws the two vertebrae seen from above. The angles of the joint planes are taken
            from Masharawi 2004; everything else in the drawing is schematic.
            """
        ),
        code(FACET_SCHEMATIC, image="01_facet_orientation.png"),
        code(
            """
            # The text above quotes these model defaults:
            assert model.values["facet_axis_distance_mm"] == 35
            assert 25.9 <= model.values["facet_orientation_L1-L2_deg"] <= 33.9
            """
        ),
        md(
            """
            ## 2. How far each level turns

            ### Predict

            Before you look at any numbers: which lumbar level would you expect to turn least, and at what
            total lumbar rotation (all five levels together) would you expect the facets to block?
            """
        ),
        *predict("stiffest_lumbar_level", '"L4-L5"'),
        *predict("lumbar_cap", "20"),
        md(
            """
            Measured axial rotation, one side (neutral to end range):

            | what | value | source (mark) |
            |---|---|---|
            | lumbar, in vivo, active rotation | about 2 deg per level, L3-4 and L4-5 slightly more | Pearcy & Tibrewal 1984, Spine 9:582; Pearcy 1985 (**R**) |
            | lumbar, in vivo, supine, CT, n = 15 | 0.6-2.2 deg per level | Ochia et al. 2006, Spine 31:2073 (**R**) |
            | lumbar, in vivo, sitting, upright MRI, n = 13 | 1-2 deg per level | Berry et al. 2019, J Biomech 89:95 (**R**) |
            | lumbar, in vitro, 10 Nm, no preload, n = 10 | 1.4-2.6 deg per level (the table below) | Yamamoto et al. 1989, Spine 14:1256 (**R**) |
            | lumbar L3-4, in vitro, 7.5 Nm | 2.1 ± 0.9 deg | Niosi et al. 2006, Eur Spine J 15:913 (**R**) |
            | lumbar, textbook upper limits | 2-3 deg per level, up to about 15 deg in all | White & Panjabi 1990 (**U**) |
            | thoracic T1-T10, in vitro, 7.5 Nm | 10-12 deg left + right per level | Wilke et al. 2017, PLoS One 12:e0177823 (**R**) |
            | thoracic T10-T12, in vitro, 7.5 Nm | 7-8 deg left + right per level | Wilke et al. 2017 (**R**) |
            | thoracic, in vivo, pins, n = 7 | about 6 deg side to side per level | Gregersen & Lucas 1967, J Bone Joint Surg Am 49:247 (**R**) |

            The model takes Yamamoto's measured ranges as the end of each lumbar level's range: past it the
            facets block. They add up to less than the textbook upper limits.

            The model's limits, with their sources (does the table confirm your predictions?):
            """
        ),
        code(LIMITS_TABLE),
        code(LIMITS_FIGURE, image="01_level_limits.png"),
        code(
            """
            # The text around this cell relies on these model values:
            lumbar_limits = [model.limits_deg[lv] for lv in sm.LUMBAR_LEVELS]
            assert (min(lumbar_limits), max(lumbar_limits)) == (1.4, 2.6)  # Yamamoto 1989, as in the table above
            assert min(sm.LUMBAR_LEVELS, key=model.limits_deg.get) == "L5-S1"
            assert model.lumbar_cap_deg < 15  # below the textbook upper limits
            thoracic_total = sum(model.limits_deg[lv] for lv in sm.THORACIC_LEVELS)
            assert thoracic_total > 3 * model.lumbar_cap_deg
            assert 0.8 < model.limits_deg["hips"] / thoracic_total < 1.2
            assert model.limits_deg["legs"] < model.lumbar_cap_deg
            """
        ),
        md(
            """
            **What it shows.** Each lumbar level allows only 1.4 to 2.6 deg, L5-S1 least; the five together
            add up to the range of the whole lumbar spine, past which its facets block. Most of the twelve
            thoracic levels allow more and there are more of them: together they allow more than three
            times as much. The hips (both hips, one joint of the chain) allow about as much as the whole thoracic
            spine; the legs add a few degrees more. Angles in series add, so the lumbar spine is only ever a
            small part of a big turn.

            <details><summary>Saved figure: limits per joint and per region (for reading without a kernel)</summary>

            <img src="img/01_level_limits.png" alt="Limits per joint and per region" width="760">

            </details>
            """
        ),
        md(
            r"""
            ## 3. How the model works

            ### 3a. One joint: a torque-angle curve

            Every joint (a lumbar level, a thoracic level, the pair of hips, the legs) resists rotation with
            a torque that grows with the angle, in three zones:

            1. a **neutral zone** near neutral, where the joint is lax (at L3-4 Yamamoto's 0.7 deg side to
               side, halved to 0.35 deg one side, **D**; Niosi 2006 measured 0.3 ± 0.3 deg, **R**);
            2. an **elastic zone**, where disc, ligaments and capsule stretch, up to the end of the joint's
               measured range (its **limit**);
            3. **past the limit**: for a lumbar level the facets block, and the curve rises with the
               stiffness measured under large moments, 6-11 Nm/deg (Miller et al. 1986, J Biomech 19:79,
               **R**; the model takes the middle, 8.5 Nm/deg, **D**).

            Each zone has a constant slope $k_i$ (Nm/deg); the corners $a_i$ (deg) are rounded with a
            softplus of width $s$ so that the curve and its slope are continuous:

            $$T(\theta) = k_0\,\theta + \sum_i (k_i - k_{i-1})\, s\left[\operatorname{softplus}\!\left(\frac{\theta - a_i}{s}\right) - \operatorname{softplus}\!\left(\frac{-a_i}{s}\right)\right]$$

            A **lumbar level** has two parts in parallel, their torques adding: the disc with its ligaments,
            and the facets, which start to carry load at the end of the neutral zone. Their slopes are
            solved from three published conditions: at its limit the level carries Yamamoto's 10 Nm; the
            facets carry the share of it measured with strain gauges (65 N on the L1-L2 facet at 10 Nm,
            Schendel et al. 1993, J Biomech 26:427, **R**); past the limit the level's slope is Miller's.

            A **thoracic level** turns Wilke's in vitro one-side range at 7.5 Nm (Wilke 2017, **D**) times
            0.63, because the rib cage stiffens the thorax: removing it raised the range by 58.8% (J Mech
            Behav Biomed Mater 2018;84:258, **D**). The thoracic spine as a whole ends at its in vivo
            maximum, 38 deg one side (pins in 7 men, Gregersen & Lucas 1967, **D**).

            The **hips** are two hips in parallel, one turning inwards and one outwards. Each is nearly
            unresisted through a mid-range (van Arkel et al. 2015, J Biomech 48:3803, **R**), then its capsule
            resists (0.8 Nm/deg, **R**); the pelvis turn ends at the internal rotation measured prone, with
            the hip extended as in standing: 35.2 deg (Kouyoumdjian et al. 2012, Orthop Traumatol Surg Res
            98:17, **R**). The **legs** (the knees turning the pelvis over planted feet) have the same form,
            with the knee's internal rotation: 10 deg with the knee nearly straight, 25 deg flexed (Am J
            Sports Med 1983;11:152, **R**). Ankles and feet are not modelled. How wide the unresisted
            mid-range is follows from one measurement in living people: at a maximal standing turn the spine
            turns 0.41 times as much as the pelvis (Taniguchi et al. 2017, PLoS One 12:e0186369, **R**).
            """
        ),
        code(
            """
            # The text above quotes these model defaults:
            v = model.values
            assert v["lumbar_test_moment_nm"] == 10 and v["facet_force_at_test_moment_n"] == 65
            assert v["lumbar_block_stiffness_nm_per_deg"] == 8.5 and model.neutral_deg["L3-L4"] == 0.35
            assert v["rib_cage_range_factor"] == 0.63 and v["thoracic_max_deg"] == 38
            assert v["hip_capsule_stiffness_nm_per_deg"] == 0.8 and v["hip_internal_rotation_deg"] == 35.2
            assert v["knee_internal_rotation_deg"] == 10 and v["knee_flexed_internal_rotation_deg"] == 25
            assert v["standing_spine_pelvis_ratio"] == 0.41
            """
        ),
        code(JOINT_CURVES, image="01_joint_curves.png"),
        code(
            """
            # The facets' share of the torque at the end of each level's range (10 Nm), against the finite
            # element model of Ueno & Liu 1987 (J Biomech Eng 109:200: facets carry 10-40% of the torque, R).
            low, high, source = sm.CALIBRATION["facet_share_at_test_moment"]
            for level in sm.LUMBAR_LEVELS:
                joint = model.joints[level]
                at_limit = np.array(joint.limit_deg)
                share = float(component_torque_nm(joint.components["facets"], at_limit) / joint.torque_nm(at_limit))
                print(f"{level}: facets carry {share:.0%} of the torque at its limit (published range "
                      f"{low:.0%}-{high:.0%}) - model estimate")
                assert low <= share <= high
            # "Degree for degree, a lumbar level is much stiffer than a thoracic level" (below):
            lumbar_j, thoracic_j = model.joints["L4-L5"], model.joints["T6-T7"]
            assert (lumbar_j.torque_nm(np.array(lumbar_j.limit_deg)) / lumbar_j.limit_deg
                    > 2 * thoracic_j.torque_nm(np.array(thoracic_j.limit_deg)) / thoracic_j.limit_deg)
            """
        ),
        md(
            """
            **What it shows.** Degree for degree, a lumbar level is much stiffer than a thoracic level, and
            past its limit its curve rises steeply: the facet block. The hips and the legs are the opposite:
            nearly unresisted through a wide mid-range, then firm.

            ### 3b. Joints in series

            Legs, hips, lumbar and thoracic joints are stacked one on top of the other: they are in
            **series**. Like the links of a chain, each passes on the same torque $T$, and their angles add
            up to the total turn $\\Theta$:

            $$\\Theta = \\theta_\\text{legs}(T) + \\theta_\\text{hips}(T) + \\sum_{\\text{5 lumbar}} \\theta_j(T) + \\sum_{\\text{12 thoracic}} \\theta_j(T)$$

            where $\\theta_j(T)$ is joint $j$'s curve read backwards. Given a total, the model finds the one
            torque at which the angles add up to it (the curves only rise, so there is exactly one). When
            the pelvis is held (sitting on it, or lying with the thorax flat on the floor), the legs and
            hips drop out of the sum.

            The chain also has an end. Every joint has a **tolerance**: the end of its anatomical range
            (legs, hips), the in vivo maximum (the thoracic spine) or failure (a lumbar level; 10 deg, an
            upper bound). The body's **envelope** ends where the first joint other than a lumbar level
            reaches its tolerance; the model refuses a larger total with a `ValueError` that names the
            reachable range.

            ### Predict
            """
        ),
        *predict("series_torque", '"T6-T7"'),
        code(
            """
            pose = model.solve(total_deg=45.0, pelvis="fixed")  # seated, a 45 deg turn
            rows = ["| joint | angle (deg) | zone | torque (Nm) |", "|---|---|---|---|"]
            for level in sm.LEVELS:
                rows.append(f"| {level} | {pose.levels_deg[level]:.2f} | {pose.zone[level]} | {pose.torque_nm:.2f} |")
            rows.append(f"| **total** | **{pose.total_deg:.1f}** | | |")
            display(Markdown("\\n".join(rows)))
            print(pose)
            print(f"seated envelope: up to {model.reachable_deg(pelvis='fixed'):.1f} deg, "
                  f"{model.reachable_torque_nm(pelvis='fixed'):.2f} Nm - model estimate")
            try:
                model.solve(total_deg=60.0, pelvis="fixed")
            except ValueError as error:
                print("60 deg seated:", error)
            """
        ),
        md(
            r"""
            ### 3c. From torque to loads on the lumbar level

            * **Facet compression.** The facets' share of the torque, $T_\text{facet}$, presses the
              contralateral facet together: $F_\text{contra} = T_\text{facet}/d$. The contact force acts
              along the normal of the facet surface, so its lever arm depends on the facet's orientation
              $\beta$ (Masharawi 2004): $d = a\cos\beta + w\sin\beta$, with the facet $a$ mm behind the
              axis and $w$ = 15 mm to the side of it (both textbook values, **U**). The more coronal facets
              of L5-S1 have the shortest lever, so the same torque presses them hardest.
            * **Only the contralateral facet.** In pure axial rotation the ipsilateral facet moves away from
              its partner: its joint gaps and carries no compression (a compressed ipsilateral facet behind
              the axis would push *with* the rotation). Ipsilateral forces measured in specimens come from
              motions coupled with the rotation, which this model leaves out.
            * **Annulus shear.** A disc of height $h$ twisted by $\theta$ shears its outer fibres at radius
              $r$ by $\gamma = r\,\theta/h$ ($\theta$ in radians), as a short cylinder in torsion. $h$ and
              $r$ (half the front-to-back depth) come from MRI of lumbar discs (**R**). Two reference
              strains per level: at the level's limit, and at 10 deg, below which isolated discs (facets
              removed) were not damaged (Adams & Hutton 1981, Spine 6:241, via Veres et al. 2010, **R2**).

            ### Predict
            """
        ),
        *predict("facet_force_7p5", "100"),
        code(
            """
            rows = ["| level | facet lever d (mm) | disc height h (mm) | radius r (mm) | strain at limit (%) | strain at 10 deg (%) |",
                    "|---|---|---|---|---|---|"]
            for level in sm.LUMBAR_LEVELS:
                j = model.joints[level]
                t = model.annulus_thresholds_pct(level)
                rows.append(f"| {level} | {j.facet_lever_mm:.1f} | {j.disc_height_mm:g} | {j.disc_radius_mm:.1f} | "
                            f"{t['at_limit']:.1f} | {t['damage']:.1f} |")
            display(Markdown("\\n".join(rows)))
            # The text above relies on these model values:
            assert model.values["facet_half_width_mm"] == 15 and model.values["lumbar_tolerance_deg"] == 10
            assert min(sm.LUMBAR_LEVELS, key=lambda lv: model.joints[lv].facet_lever_mm) == "L5-S1"
            assert np.all(pose.facet_force_n["L4-L5"]["ipsilateral"] == 0)
            """
        ),
        md(
            """
            ### 3d. Where a seated turn ends

            Now turn the seated trunk (pelvis fixed) from neutral as far as the model allows and follow the
            lumbar and the thoracic spine. Before you run it: which reaches the end of its range first?
            """
        ),
        code(SEATED_SWEEP, image="01_seated_turn.png"),
        code(
            """
            end = model.solve(total_deg=reach, pelvis="fixed")
            lumbar_share = end.regions_deg["lumbar"] / end.lumbar_cap_deg
            force = end.facet_force_n["L4-L5"]["contralateral"]
            print(f"seated reach {reach:.1f} deg at {end.torque_nm:.2f} Nm: thoracic {end.regions_deg['thoracic']:.1f} deg "
                  f"(in vivo maximum {model.values['thoracic_max_deg']:g}), lumbar {end.regions_deg['lumbar']:.1f} of "
                  f"{end.lumbar_cap_deg:.1f} deg ({lumbar_share:.0%}), L4-L5 contralateral facet {force:.0f} N - model estimate")
            # The text below relies on these model results:
            assert abs(end.regions_deg["thoracic"] - model.values["thoracic_max_deg"]) < 0.1  # the thoracic spine ends it
            assert 0.7 < lumbar_share < 0.9                                                  # "about four fifths"
            assert not any(end.zone[lv] in ("beyond_limit", "beyond_tolerance") for lv in sm.LUMBAR_LEVELS)
            assert low <= force <= high                                                      # inside Jaumard's spread
            """
        ),
        md(
            """
            **What it shows.** Seated, the turn ends when the thoracic spine reaches its in vivo maximum. By
            then the lumbar spine has used about four fifths of its measured range and no lumbar level is
            past its limit (the printout). The L4-L5 facet force at that point lies inside the spread that
            Jaumard et al. 2011 (J Biomech Eng 133:071010, **R**) list for facet forces measured in vitro at
            7.5 Nm. In this model, then, a living body's turn ends *before* the lumbar block. Whether a
            forceful stretch could push the lumbar spine past its block depends on how far the thoracic
            spine can be forced past its active maximum, and no study we found measured that: the model
            does not go there (a larger total is a `ValueError`). Notebook 2 follows the stretch up to that
            end.

            <details><summary>Saved figure: a seated turn from neutral to the end of the envelope (for reading without a kernel)</summary>

            <img src="img/01_seated_turn.png" alt="A seated turn from neutral to the end of the envelope" width="760">

            </details>

            ## 4. Sources, and how much to trust each number

            Every default of the model is a cited record. The count by verification mark, then the
            modelling choices (**M**) and the unverified textbook values (**U**) spelled out:
            """
        ),
        code(
            """
            from collections import Counter

            table = sm.parameter_table()
            print("parameters by mark:", dict(Counter(row["mark"] for row in table)))
            for row in table:
                if row["mark"] in ("M", "U"):
                    print(f"\\n{row['name']} = {row['value']} {row['unit']} [{row['mark']}]\\n  {row['note'] or row['source']}")
            """
        ),
        md(
            """
            To see every parameter with its source, run `sm.parameter_table()` or, in a terminal,
            `python -m spinemodel parameters`. To change one, pass it to the model, e.g.
            `sm.SpineModel(facet_axis_distance_mm=30)`; every figure and exercise follows the model you give it.

            ## 5. How sure is the model? A population of model bodies

            Every number so far came from *one* body: the cited averages. People differ: Niosi's L3-4 range
            was 2.1 ± 0.9 deg (**R**), hip rotation 31.1 ± 8.1 deg (Murray et al. 2009, **R**). Most sources
            report such a spread, and `model.spread(...)` uses them: it draws `n` **model bodies**, each
            parameter from its published spread (where a source gives none, a stated plausible one, **M**),
            keeps only possible bodies, solves all of them at once and reports the **band**: for each
            output separately, its 5th, 50th and 95th percentile over the bodies. "5-95%" means: 9 in 10 of
            the model bodies lie inside. A body whose own range ends before a pose cannot take it: it is
            left out of that pose's percentiles, and `band.fraction_reached` says how many took part.

            ### Predict

            Two questions before you run the next cells. Write your answers down.

            1. Standing, at a 45 deg turn, the default body's lumbar spine turns 1.8 deg. Over 1000 model
               bodies, how wide do you expect the 5-95% band of the lumbar rotation to be: about ±0.2 deg,
               about ±1 deg, or about ±5 deg?
            2. Which of the drawn parameters do you expect to matter most for the lumbar rotation of a
               seated 45 deg turn: the lumbar levels' ranges, the facets' distance from the axis, or the
               thoracic levels' ranges?
            """
        ),
        code(
            """
            # One vectorised call per condition: 1000 bodies solved at once (the drive may also be an array).
            standing = model.spread(total_deg=45.0, pelvis="free", n=1000, seed=0)
            seated = model.spread(total_deg=45.0, pelvis="fixed", n=1000, seed=0)
            for name, band in (("standing", standing), ("seated", seated)):
                lo, mid, hi = (b.regions_deg["lumbar"] for b in (band.low, band.median, band.high))
                print(f"{name}, 45 deg: lumbar {lo:.1f} / {mid:.1f} / {hi:.1f} deg (5th / 50th / 95th percentile), "
                      f"{band.fraction_reached:.0%} of the bodies reach it - model estimate")
            print("default body, standing:", round(model.solve(total_deg=45.0, pelvis="free").regions_deg["lumbar"], 1), "deg")
            print(f"possible bodies: {standing.acceptance:.0%} of the draws")
            # The text around this cell relies on these results:
            assert round(model.solve(total_deg=45.0, pelvis="free").regions_deg["lumbar"], 1) == 1.8
            assert standing.fraction_reached > 0.9 and 0.5 < seated.fraction_reached < 0.8
            """
        ),
        md(
            """
            Standing, the band is about ±1 deg around the default body's 1.8 deg: in relative terms wide
            (the lumbar rotation differs by a factor of three between bodies), in degrees small. Seated, only
            about two thirds of the bodies can turn 45 deg at all: the others' upper backs end the turn
            sooner.

            The figures draw the same band: the line is the default body, the shading the 5-95% band of
            1000 model bodies, drawn only where at least half of them can still turn that far (each body's
            range ends at its own total, so near the end of the default body's range fewer and fewer bodies
            take part, and they are the more mobile ones).
            """
        ),
        code(
            """
            fig, ax = plt.subplots()
            plotting.plot_region_split(model, model.solve(total_deg=45.0, pelvis="fixed"), ax=ax, spread=1000)
            plt.show()
            """
        ),
        md(
            """
            ### Which parameters matter?

            `band.samples` holds every body's outputs, `band.parameters` every body's drawn values. A
            simple way to see which parameters move an output is the **rank correlation** (Spearman's) of
            each parameter with the output over the bodies: +1 or -1 when the output follows the parameter
            exactly, near 0 when it does not care. The cell below computes it with numpy for the seated
            45 deg turn and lists the strongest.
            """
        ),
        code(
            """
            def ranks(x):
                return np.argsort(np.argsort(x)).astype(float)

            lumbar = seated.samples.regions_deg["lumbar"]
            ok = np.isfinite(lumbar)  # the bodies that reach 45 deg seated
            lumbar_ranges = sum(seated.parameters[f"limit_{lv}_deg"] for lv in sm.LUMBAR_LEVELS)
            candidates = {"sum of the five lumbar ranges": lumbar_ranges}
            candidates.update({name: values for name, values in seated.parameters.items() if np.ptp(values) > 0})
            rho = {name: np.corrcoef(ranks(v[ok]), ranks(lumbar[ok]))[0, 1] for name, v in candidates.items()}
            strongest = sorted(rho, key=lambda name: -abs(rho[name]))[:8]
            rows = ["| parameter | rank correlation with the lumbar rotation |", "|---|---|"]
            rows += [f"| {name} | {rho[name]:+.2f} |" for name in strongest]
            display(Markdown("\\n".join(rows)))
            # The text below relies on these results:
            assert strongest[0] == "sum of the five lumbar ranges" and rho[strongest[0]] > 0.5
            assert strongest[1] == "rom_T2-T7_deg" and rho["rom_T2-T7_deg"] < -0.4
            assert abs(rho["facet_axis_distance_mm"]) < 0.2
            """
        ),
        md(
            """
            **What it shows.** The lumbar rotation of a seated turn follows the lumbar levels' own ranges
            (their sum most, each single level less), and the thoracic levels' ranges pull the other way
            almost as strongly (T2-T7, the largest thoracic block): a stiffer upper back leaves more of the
            turn to the low back. The facets' distance from the axis hardly matters for the *angle*; it
            matters for the facet *force*. Did you predict it? (A rank correlation is a first look, not a
            full sensitivity analysis: it misses parameters that act only together.)

            ### The correlation nobody measured

            No source we found reports whether one person's five lumbar levels are all loose or all stiff
            together. The model draws them independently by default (`level_correlation=0`); the next cell
            shows what a strong correlation (0.8) would do. Predict first: wider band, narrower band, or no
            change?
            """
        ),
        code(
            """
            widths = {}
            for rho_levels in (0.0, 0.8):
                band = model.spread(total_deg=45.0, pelvis="fixed", n=1000, seed=0, level_correlation=rho_levels)
                widths[rho_levels] = band.high.regions_deg["lumbar"] - band.low.regions_deg["lumbar"]
                print(f"level_correlation {rho_levels}: lumbar 5-95% band {band.low.regions_deg['lumbar']:.1f}-"
                      f"{band.high.regions_deg['lumbar']:.1f} deg (width {widths[rho_levels]:.1f} deg) - model estimate")
            assert widths[0.8] > 1.2 * widths[0.0]  # the text below relies on it
            """
        ),
        md(
            """
            **What it shows.** Correlated levels widen the lumbar band a lot: independent levels partly
            cancel (one loose level, one stiff), correlated ones do not. Since no source reports this
            correlation, the honest statement is the range between the two bands, and the model's default
            (independent) is the narrower one.

            ## 6. What the model leaves out

            * **Stiffness from dead tissue.** The spinal curves come from cadaver segments tested without
              muscles (Yamamoto 1989, Wilke 2017, Miller 1986); the thoracic range is scaled for the rib cage
              and ended at an in vivo maximum. Living tissue, muscle tone and pain change them.
            * **No preload.** Yamamoto's segments carried no compressive load; body weight and muscles
              compress the living spine.
            * **Average, healthy, symmetric bodies.** Left equals right; no degeneration. The population of
              section 5 varies each parameter by its published spread, independently (no source reports how
              they vary together), so it shows how far the answers move, not how a particular person's back
              behaves.
            * **Axial rotation only.** No coupling with bending. In flexion the facets open and more
              rotation is available (Hindle, Pearcy et al. 1989, **R**), and rotation combined with flexion
              lowered the pressure at which discs failed (Veres et al. 2010, **R**): the model cannot show
              either.
            * **Several numbers are not measurements**: the facets' distances from the axis are textbook
              values (**U**), the assignment of Masharawi's orientations to levels is ours, the neutral-zone
              torque and the corner rounding are modelling choices (**M**). The cell above lists them all.
            * **Ankles and feet are not modelled**: the legs are the knees' rotation only.
            * **Loads only for the lumbar levels.** Thoracic facets and ribs get no load estimate.
            * **Estimates, not thresholds of injury.** The model says how loads rise; it cannot say when a
              particular person's tissue is harmed. Its lumbar tolerance (10 deg) is an upper bound from
              isolated discs.

            ## Summary

            * Lumbar facets stand near-sagittal, across the path of a twist; thoracic facets near-coronal,
              along it.
            * Each lumbar level turns only a few degrees; past the end of its measured range its facets
              block.
            * In series every joint carries the same torque and the angles add: the thoracic spine, the hips
              and the legs take most of a large turn.
            * A seated turn ends when the thoracic spine reaches its in vivo maximum, before the lumbar
              spine reaches its block.
            * Bodies differ: the 5-95% band over a population of model bodies shows how far each answer
              moves; for the lumbar rotation, the lumbar and the thoracic levels' ranges matter most.

            **Next:** notebook 2 asks what a twist *stretch* does to the lumbar spine.
            """
        ),
    ]


# ----------------------------------------------------------------------------------------
def notebook_02() -> list:
    return [
        md(
            f"""
            # 2 · The twist stretch

            {DISCLAIMER}

            **Study time:** 20-30 minutes. **You will learn** what a seated twist and a supine knee drop ask of
            the lumbar spine; how far the lumbar spine turns, and what its facets and discs carry, up to the
            end of the body's range; what the model can and cannot say about a stretch pushed further; and
            how to explore it with the interactive explorer.
            Notebook 1 explains the model; you can start here if you take it on trust.

            {HOW_TO}
            """
        ),
        md(
            """
            ## The question

            Two common twist stretches:

            * the **seated twist**: sitting, the trunk is pulled round, for example with an elbow levered
              against the opposite knee;
            * the **supine knee drop**: lying on the back with the shoulders flat, both bent knees drop to
              one side.

            Both hold one end of the trunk still: the pelvis sits on the seat, or the thorax lies flat on the
            floor. So the legs and hips cannot take part and the whole turn has to come from the spine.
            **What does that ask of the lumbar spine?**
            """
        ),
        code(SETUP),
        code(
            """
            # The text of this notebook quotes these model defaults:
            assert model.values["lumbar_tolerance_deg"] == 10  # isolated discs undamaged below 10 deg
            """
        ),
        code(
            """
            for name in ("seated_twist_stretch", "supine_knee_drop"):
                s = sm.SCENARIOS[name]
                print(f"{s.title}\\n  {s.description}\\n  inputs: {s.inputs}\\n  source: {s.source}\\n")
            reach = model.reachable_deg(pelvis="fixed")
            low, high, _ = sm.CALIBRATION["seated_max_total_deg"]
            print(f"the model's seated reach: {reach:.1f} deg - model estimate")
            assert low <= reach <= high  # guards the text below
            """
        ),
        md(
            """
            Both stretches are modelled the same way: with the pelvis fixed, the trunk turns as far as the
            body allows (`total_deg="reach"`, the end of the model's envelope). How hard a real stretch pulls
            was not found measured. The model's reach (printed above) is close to the seated rotation
            measured in living people: about 41-45 deg for the whole thorax on the pelvis (Johnson et al.
            2012, J Athl Train 47:52, **R2**), and 38 deg thoracic plus 8-9 deg lumbar with pins in the
            bones (Gregersen & Lucas 1967, **D**).

            ## 1. The seated twist

            ### Predict
            """
        ),
        *predict("seated_twist_lumbar", "10"),
        *predict("seated_twist_past_block", '"yes"'),
        code(
            """
            from spinemodel.cli import format_pose

            seated = model.solve(scenario="seated_twist_stretch")
            print(format_pose(seated))
            """
        ),
        code(
            """
            drawn = plotting.plot_levels(model, seated)
            plt.show()
            """,
            image="02_seated_levels.png",
        ),
        code(
            """
            at_45 = model.solve(total_deg=45.0, pelvis="fixed")
            fujii_low, fujii_high, _ = sm.CALIBRATION["seated_lumbar_at_45deg"]
            jaumard_low, jaumard_high, _ = sm.CALIBRATION["facet_force_contralateral_at_7p5nm_n"]
            force = seated.facet_force_n["L4-L5"]["contralateral"]
            print(f"at 45 deg the lumbar spine turns {at_45.regions_deg['lumbar']:.1f} deg (Fujii 2007, in vivo: "
                  f"{fujii_low:g}-{fujii_high:g} deg); at the end of the stretch {seated.regions_deg['lumbar']:.1f} "
                  f"of {seated.lumbar_cap_deg:.1f} deg, L4-L5 contralateral facet {force:.0f} N - model estimate")
            # The text below relies on these model results:
            assert seated.regions_deg["lumbar"] < seated.lumbar_cap_deg                # below the block
            assert seated.regions_deg["thoracic"] > 3 * seated.regions_deg["lumbar"]   # most of the turn is thoracic
            assert all(seated.zone[lv] == "elastic" for lv in sm.LUMBAR_LEVELS)       # no level past its limit
            assert fujii_low <= at_45.regions_deg["lumbar"] <= fujii_high
            assert jaumard_low <= force <= jaumard_high
            """
        ),
        md(
            """
            **What it shows.** Most of what you *see* turning in a seated twist is the thoracic spine. The
            lumbar spine takes a smaller share, and at the end of the stretch it is still short of its block:
            every lumbar level is in its elastic zone. Two checks against measurements: at 45 deg of trunk
            rotation the model's lumbar spine turns within the range Fujii et al. 2007 (Eur Spine J 16:1867,
            **R**) measured in vivo, and the L4-L5 facet force at the end of the stretch lies within the
            spread of facet forces measured in vitro at 7.5 Nm (Jaumard et al. 2011, **R**).

            <details><summary>Saved figure: the seated twist, level by level (for reading without a kernel)</summary>

            <img src="img/02_seated_levels.png" alt="The seated twist, level by level" width="760">

            </details>

            ## 2. Up to the end of the range

            A stretch is held and often pushed a little further. What does each extra degree do to the
            lumbar spine, up to the point where the body stops?

            ### Predict
            """
        ),
        *predict("facet_force_ratio", "3"),
        code(
            """
            total = np.linspace(0.0, reach, 401)  # deg, pelvis fixed, neutral to the end of the envelope
            sweep = model.solve(total_deg=total, pelvis="fixed")
            level = "L4-L5"
            thresholds = model.annulus_thresholds_pct(level)

            fig, axes = plt.subplots(1, 3, figsize=(12, 4.2))
            axes[0].plot(total, sweep.regions_deg["lumbar"], color=sm.styles.REGION_COLORS["lumbar"])
            axes[0].axhline(model.lumbar_cap_deg, color="k", ls="--", lw=1)
            axes[0].text(1, model.lumbar_cap_deg - 0.3, "sum of the measured ranges", fontsize=9, va="top")
            axes[0].set_ylim(0, 1.1 * model.lumbar_cap_deg)
            axes[0].set_ylabel("lumbar rotation (deg)")
            for lv in sm.LUMBAR_LEVELS:
                axes[1].plot(total, sweep.facet_force_n[lv]["contralateral"], label=lv)
            axes[1].set_ylabel("contralateral facet compression (N)")
            axes[1].legend(fontsize=8)
            axes[2].plot(total, sweep.annulus_strain_pct[level], color=sm.styles.OKABE_ITO["reddish_purple"])
            axes[2].axhline(thresholds["at_limit"], color="k", ls="--", lw=1)
            axes[2].text(1, thresholds["at_limit"] + 0.1, "at the level's limit", fontsize=9)
            axes[2].set_ylim(0, 1.2 * thresholds["at_limit"])
            axes[2].set_ylabel(f"annulus shear strain, {level} (%)")
            for ax in axes:
                ax.set_xlabel("seated turn (deg)")
            fig.suptitle(f"Seated twist from neutral to the end of the range ({reach:.1f} deg) - model estimate")
            plt.show()
            print(f"10-deg damage strain at {level}: {thresholds['damage']:.1f} %")
            """,
            image="02_end_of_range.png",
        ),
        code(
            """
            end_forces = {lv: seated.facet_force_n[lv]["contralateral"] for lv in sm.LUMBAR_LEVELS}
            print("facet force at the end of the stretch (N):", {lv: round(f) for lv, f in end_forces.items()})
            # The text below relies on these model results:
            assert np.all(np.diff(sweep.regions_deg["lumbar"]) > 0)                    # rises all the way
            assert max(end_forces, key=end_forces.get) == "L5-S1"                      # shortest lever, largest force
            assert sweep.annulus_strain_pct[level].max() < thresholds["at_limit"]      # below its value at the limit
            try:
                model.solve(total_deg=reach + 5.0, pelvis="fixed")
            except ValueError as error:
                print("5 deg further:", error)
            """
        ),
        md(
            """
            **What it shows.** Up to the end of the range the lumbar rotation and its loads rise steadily.
            The facets of L5-S1, whose surfaces face most nearly forwards and so have the shortest lever,
            are pressed hardest. At the end no lumbar level is past its limit, and the annulus strain stays
            below its value at the level's limit, far below the strain of a 10 deg rotation, where isolated
            discs were first damaged in the laboratory (Adams & Hutton 1981, via Veres 2010, **R2**).

            **And what it does not show.** The model stops at the end of the body's range: a larger turn is
            a `ValueError` (the printout). Whether a forceful stretch could push the lumbar spine past its
            block depends on how far the thoracic spine can be forced past its active maximum, and no study
            we found measured that. So the model does *not* say that one stretch injures a disc, nor that
            it is harmless. Torsion combined with flexion, which the model leaves out, lowered the pressure
            at which discs failed (Veres et al. 2010, Eur Spine J 19:1468, **R**); slumped sitting during
            a seated twist adds flexion.

            <details><summary>Saved figure: the seated twist up to the end of the range (for reading without a kernel)</summary>

            <img src="img/02_end_of_range.png" alt="The seated twist up to the end of the range" width="760">

            </details>

            ## 3. The supine knee drop

            ### Predict
            """
        ),
        *predict("knee_drop_lumbar_share", "50"),
        code(
            """
            knee_drop = model.solve(scenario="supine_knee_drop")
            print(knee_drop)
            drawn = plotting.plot_top_view(model, knee_drop)
            plt.show()
            """,
            image="02_knee_drop_top_view.png",
        ),
        code(
            """
            # The text below relies on these model results:
            assert knee_drop.regions_deg["lumbar"] < knee_drop.lumbar_cap_deg
            assert abs(knee_drop.total_deg - seated.total_deg) < 1e-9  # the same envelope as the seated twist
            """
        ),
        md(
            """
            **What it shows.** In the model the knee drop is the seated twist lying down: with the thorax
            held, the pelvis turns under it until the spine reaches the end of its range, the same pose as
            the seated twist. The rest of a real knee drop to the floor comes from hip adduction, which
            this model of axial rotation leaves out.

            ### All the scenarios at a glance
            """
        ),
        code(
            """
            drawn = plotting.plot_scenarios(model)
            plt.show()
            lumbar = {name: model.solve(scenario=name).regions_deg["lumbar"] for name in sm.SCENARIOS}
            # The text below relies on these model results:
            assert max(lumbar.values()) < model.lumbar_cap_deg
            assert max(lumbar, key=lumbar.get) in ("seated_twist_stretch", "supine_knee_drop")
            assert max(lumbar["standing_turn"], lumbar["max_standing_turn"], lumbar["hip_and_upper_back"]) < min(
                lumbar["seated_twist_stretch"], lumbar["supine_knee_drop"])
            """,
            image="02_scenarios.png",
        ),
        md(
            """
            **What it shows.** Every scenario stays below the lumbar block. The two stretches, which hold
            the pelvis or the thorax, put the most rotation into the lumbar spine; the standing turns, in
            which the legs and hips take part, put less into it.

            ## 4. The explorer

            The explorer solves the model while you move sliders. Start it on the seated twist and try:

            1. Move the **total** rotation to the end of its range. Does any lumbar level go beyond its
               limit? Which region stops the turn?
            2. Set **pelvis** to `free` (standing, feet planted). At the same total, how much goes into the
               legs and hips, and what happens to the lumbar spine? How far can you turn now?
            3. Back to `fixed`: raise **lumbar bracing** to 1. How does the lumbar rotation at the end of the
               range change?

            Predict each answer before you move the slider. The explorer needs a running kernel; without one,
            the saved figures above show the same poses.
            """
        ),
        code(
            """
            from spinemodel.widgets import explore

            explorer = explore(scenario="seated_twist_stretch")
            explorer
            """,
            skip_images=True,
        ),
        md(
            """
            ## Limits of this notebook

            * The stretches are modelled as turns to the end of the body's range; how hard a real stretch
              pulls, and how far it can force the thoracic spine past its active maximum, were not found
              measured.
            * The model has no flexion: a slumped seated twist, which adds flexion, is not modelled; nor is
              the hip adduction of a knee drop.
            * The spinal curves come from cadaver segments without muscles; a relaxed stretch is the
              closest case, but tissue in a living person differs.
            * The loads are estimates for an average, healthy, symmetric spine: they are not thresholds of
              injury for anyone in particular.

            ## Summary

            * A seated twist or a knee drop holds the pelvis or the thorax, so the legs and hips cannot help.
            * Most of the visible rotation is thoracic; the stretch ends when the thoracic spine reaches its
              in vivo maximum, with the lumbar spine short of its block.
            * Up to that end the lumbar rotation and its facet loads rise steadily, L5-S1's facets pressed
              hardest; beyond it the model has no data and does not go.

            **Next:** notebook 3 asks where rotation should come from instead.
            """
        ),
    ]


# ----------------------------------------------------------------------------------------
def notebook_03() -> list:
    return [
        md(
            f"""
            # 3 · Where rotation should come from

            {DISCLAIMER}

            **Study time:** 20-30 minutes. **You will learn** how a standing turn is shared between the legs,
            the hips, the lumbar and the thoracic spine; what stiff hips or a stiff upper back do to the
            lumbar spine; and what bracing the trunk muscles and a hip-led turn can and cannot do.

            {HOW_TO}
            """
        ),
        md(
            """
            ## The question

            Standing with the feet planted, turn the shoulders 45 deg, the angle at which Fujii et al. 2007
            (Eur Spine J 16:1867, **R**) measured lumbar rotation in living people. This time the pelvis is
            free: the legs and hips can take part. **How is the turn shared, and what happens to the lumbar
            spine when another region is stiff?**
            """
        ),
        code(SETUP),
        code(
            """
            # The text of this notebook quotes these model defaults:
            v = model.values
            assert sm.MOBILITY_RANGE == (0.5, 1.5) and v["standing_spine_pelvis_ratio"] == 0.41
            assert v["bracing_stiffness_gain"] == 0.368
            assert v["knee_internal_rotation_deg"] == 10 and v["knee_flexed_internal_rotation_deg"] == 25
            assert abs(v["athlete_pelvis_share"] - 55 / 87) < 1e-3
            """
        ),
        code(
            """
            standing = model.solve(scenario="standing_turn")
            print(sm.SCENARIOS["standing_turn"].description)
            print(standing)
            drawn = plotting.plot_region_split(model, standing)
            plt.show()
            """,
            image="03_region_split.png",
        ),
        code(
            """
            seated = model.solve(total_deg=standing.total_deg, pelvis="fixed")
            for name, pose in [("standing (pelvis free)", standing), ("seated (pelvis fixed)", seated)]:
                r = pose.regions_deg
                print(f"{name:23s} legs + hips {r['pelvis']:5.1f}  lumbar {r['lumbar']:4.1f} "
                      f"({r['lumbar'] / pose.total_deg:.0%})  thoracic {r['thoracic']:5.1f} deg - model estimate")
            # The text below relies on these model results:
            r = standing.regions_deg
            assert 0.75 < r["pelvis"] / standing.total_deg < 0.88                     # "about four fifths"
            assert max(("legs", "hips", "lumbar", "thoracic"), key=r.get) == "hips"
            assert min(("legs", "hips", "lumbar", "thoracic"), key=r.get) == "lumbar"
            assert seated.regions_deg["lumbar"] > 4 * r["lumbar"]                        # "more than four times"
            """
        ),
        md(
            """
            **What it shows.** With the pelvis free, the legs and hips take about four fifths of the turn,
            the hips the largest share of any region, and the lumbar spine the smallest: even with the
            muscles relaxed, it stays far from its block. Seated, at the same 45 deg, the lumbar spine turns
            more than four times as much (the printout): letting the pelvis turn protects the lumbar spine.

            How large the pelvis share is at 45 deg rests on the hips' nearly unresisted mid-range (van Arkel
            et al. 2015, J Biomech 48:3803, **R**; its small slope is a modelling choice, **M**) and on the
            one in vivo measurement that sets its width: at a maximal standing turn the spine turns 0.41
            times as much as the pelvis (Taniguchi et al. 2017, PLoS One 12:e0186369, **R**).

            <details><summary>Saved figure: how a standing turn is shared (for reading without a kernel)</summary>

            <img src="img/03_region_split.png" alt="How a standing turn is shared" width="760">

            </details>

            ## 1. Stiff hips, stiff upper back

            In the model, `hip_mobility` and `thoracic_mobility` scale those joints' angles and their range
            (1 = the cited defaults; allowed from 0.5 to 1.5, the spread between people). They stand for
            whatever makes a region stiff; the model does not say why it is stiff.

            ### Predict
            """
        ),
        *predict("stiff_hips_lumbar", '"same"'),
        *predict("which_stiffness_worse", '"hips"'),
        code(
            """
            lo, hi = sm.MOBILITY_RANGE
            mobility = np.linspace(lo, hi, 21)
            lumbar_hips = [model.solve(scenario="standing_turn", hip_mobility=m).regions_deg["lumbar"] for m in mobility]
            lumbar_thor = [model.solve(scenario="standing_turn", thoracic_mobility=m).regions_deg["lumbar"] for m in mobility]

            fig, ax = plt.subplots(figsize=(8, 4.6))
            ax.plot(mobility, lumbar_hips, color=sm.styles.REGION_COLORS["hips"], label="changing the hips")
            ax.plot(mobility, lumbar_thor, color=sm.styles.REGION_COLORS["thoracic"], label="changing the upper back")
            ax.axvline(1.0, color="0.5", ls=":", lw=1)
            ax.set_ylim(0, None)
            ax.text(1.02, ax.get_ylim()[1] * 0.95, "cited defaults", fontsize=9, va="top")
            ax.set_xlabel("mobility (1 = cited defaults; below 1 = stiffer)")
            ax.set_ylabel("lumbar rotation (deg)")
            ax.set_title(f"Standing {standing.total_deg:.0f} deg turn, relaxed - model estimate")
            ax.legend()
            plt.show()
            """,
            image="03_mobility.png",
        ),
        code(
            """
            stiff_hips = model.solve(scenario="standing_turn", hip_mobility=0.5)
            stiff_back = model.solve(scenario="standing_turn", thoracic_mobility=0.5)
            for name, pose, cond in [("defaults", standing, {}), ("stiff hips", stiff_hips, {"hip_mobility": 0.5}),
                                     ("stiff upper back", stiff_back, {"thoracic_mobility": 0.5})]:
                r = pose.regions_deg
                print(f"{name:17s} legs {r['legs']:4.1f}  hips {r['hips']:4.1f}  lumbar {r['lumbar']:4.1f}  "
                      f"thoracic {r['thoracic']:4.1f} deg  L4-L5 facet {pose.facet_force_n['L4-L5']['contralateral']:4.1f} N"
                      f"  reach {model.reachable_deg(pelvis='free', **cond):5.1f} deg")
            # The text below relies on these model results:
            ratio = stiff_hips.regions_deg["lumbar"] / standing.regions_deg["lumbar"]
            assert 1.6 < ratio < 2.2                                                       # "nearly doubles"
            assert standing.regions_deg["lumbar"] < stiff_back.regions_deg["lumbar"] < stiff_hips.regions_deg["lumbar"]
            assert stiff_hips.regions_deg["lumbar"] < model.lumbar_cap_deg
            reach = model.reachable_deg(pelvis="free")
            assert model.reachable_deg(pelvis="free", hip_mobility=0.5) < model.reachable_deg(pelvis="free", thoracic_mobility=0.5) < reach
            """
        ),
        md(
            """
            **What it shows.** The total is fixed, so whatever one region does not take must be taken by the
            others, and the torque through every joint rises. At half mobility, stiff hips nearly double the
            lumbar rotation of this 45 deg turn, because the hips carry the largest share of it; a stiff upper
            back raises it less. Both stay below the lumbar block here, and both shorten the reach: the
            largest turn the body can make (the last column), stiff hips most. Making either region *more*
            mobile does the opposite.

            <details><summary>Saved figure: lumbar rotation against hip and thoracic mobility (for reading without a kernel)</summary>

            <img src="img/03_mobility.png" alt="Lumbar rotation against hip and thoracic mobility" width="760">

            </details>

            ## 2. Bracing and the hip-led turn

            **Bracing** (co-contracting the trunk muscles) stiffens the trunk: Gardner-Morse & Stokes 2001
            (J Biomech 34:457, **R**) measured trunk stiffness rising 36.8% between 20% and 40% of maximum
            effort. That was a translational stiffness; no measurement of twisting stiffness under bracing
            was found, so applying the rise to the lumbar levels (`lumbar_bracing` = 1) is a modelling
            choice (**M**).

            The **hip-led** turn is the one athletes are taught (`strategy="hip_led"`): the knees are flexed,
            where the knee rotates 25 deg instead of 10 (Am J Sports Med 1983;11:152, **R**), and the hips
            turn the pelvis by the share trained golfers use, 55 of 87 deg at the top of the backswing
            (McTeigue et al. 1994, Science and Golf II, **R**); the spine takes the rest.

            The figure after the prediction puts two of them side by side at the same 45 deg: the seated
            twist stretch (`plotting.FORCED_STRETCH`) and the hip-led standing turn
            (`plotting.HIP_AND_UPPER_BACK`).

            ### Predict
            """
        ),
        *predict("bracing_seated_lumbar", "8"),
        code(
            """
            print("forced stretch:", plotting.FORCED_STRETCH)
            print("hips and upper back:", plotting.HIP_AND_UPPER_BACK)
            assert plotting.FORCED_STRETCH["pelvis"] == "fixed"
            drawn = plotting.plot_strategies(model, total_deg=45.0)
            plt.show()
            """,
            image="03_strategies.png",
        ),
        code(
            """
            relaxed = model.solve(scenario="seated_twist_stretch")
            braced = model.solve(scenario="braced_seated_twist")
            for name, pose in [("seated, relaxed", relaxed), ("seated, braced", braced)]:
                print(f"{name:16s} end of range {pose.total_deg:4.1f} deg: lumbar {pose.regions_deg['lumbar']:4.1f} deg "
                      f"(block {pose.lumbar_cap_deg:.1f})  L4-L5 facet {pose.facet_force_n['L4-L5']['contralateral']:4.0f} N")
            lumbar_45, reach_of = {}, {}
            for strategy in ("passive", "braced", "hip_led"):
                pose = model.solve(total_deg=45.0, pelvis="free", strategy=strategy)
                lumbar_45[strategy] = pose.regions_deg["lumbar"]
                reach_of[strategy] = model.reachable_deg(pelvis="free", strategy=strategy)
                print(f"standing 45 deg, {strategy:8s} legs + hips {pose.regions_deg['pelvis']:4.1f}  lumbar "
                      f"{pose.regions_deg['lumbar']:4.1f}  thoracic {pose.regions_deg['thoracic']:4.1f} deg;  "
                      f"reach {reach_of[strategy]:5.1f} deg")
            # The text below relies on these model results:
            assert braced.regions_deg["lumbar"] < relaxed.regions_deg["lumbar"] < relaxed.lumbar_cap_deg
            assert braced.total_deg < relaxed.total_deg and abs(braced.torque_nm - relaxed.torque_nm) < 0.01
            assert lumbar_45["braced"] < lumbar_45["passive"] < lumbar_45["hip_led"]
            assert reach_of["hip_led"] > 1.4 * reach_of["passive"]
            """
        ),
        md(
            """
            **What it shows.** At the same 45 deg the seated stretch puts far more rotation into the lumbar
            spine than the hip-led standing turn. Bracing lowers the lumbar rotation and the facet force at
            the end of the seated stretch; the stretch still ends at the same torque, when the thoracic spine
            reaches its maximum, so the braced turn ends a little earlier. While seated, bracing cannot make
            the legs and hips take part.

            Standing, one honest surprise: at the same 45 deg the hip-led turn puts *more* rotation into the
            lumbar spine than a relaxed standing turn. The golfers' pelvis share (55 of 87 deg) is smaller
            than the share a relaxed standing pelvis takes at 45 deg, which rests on the hips' nearly
            unresisted mid-range. What the hip-led turn buys, in this model, is **reach**: with the knees
            flexed and the hips driving, the body can turn much further than in an upright relaxed turn
            (the last column), with the lumbar spine still below its block (notebook 4).

            <details><summary>Saved figure: strategies compared (for reading without a kernel)</summary>

            <img src="img/03_strategies.png" alt="Strategies compared" width="760">

            </details>

            ## 3. Explore

            Start the explorer on the standing turn. Try, predicting first:

            1. Lower **hip mobility** step by step: how does the lumbar rotation change at the same total?
               How far can you now turn?
            2. Put hip mobility back to 1 and lower **thoracic mobility** instead. Same questions.
            3. Switch the **strategy** to `hip_led`: does the lumbar rotation at the same total go up or
               down? How far can you turn now?
            """
        ),
        code(
            """
            from spinemodel.widgets import explore

            explorer = explore(scenario="standing_turn")
            explorer
            """,
            skip_images=True,
        ),
        md(
            """
            ## Limits of this notebook

            * Mobility is a single scale for a whole region; real stiffness can sit at one level or one hip.
            * The bracing gain comes from a translational whole-trunk stiffness and is applied to the lumbar
              levels' twisting stiffness only: a modelling choice (**M**).
            * The hip-led pelvis share was measured in trained golfers at the top of the backswing; the model
              applies it to any hip-led turn.
            * The relaxed standing split rests on the hips' nearly unresisted mid-range, whose small slope is
              a modelling choice (**M**). Ankles and feet are not modelled.
            * The model has no flexion, no side-bending, no fatigue and no timing: it compares end poses.

            ## Summary

            * In a standing turn the legs and hips take most of the rotation; seated, at the same angle, the
              lumbar spine takes several times more.
            * Stiff hips, and less so a stiff upper back, push rotation into the lumbar spine and shorten the
              reach.
            * Bracing lowers the lumbar rotation a little; the hip-led turn's gain is reach, not a smaller
              lumbar share at the same angle.

            **Next:** notebook 4 applies this to athletes who need rotation.
            """
        ),
    ]


# ----------------------------------------------------------------------------------------
def notebook_04() -> list:
    return [
        md(
            f"""
            # 4 · Athletes who need rotation

            {DISCLAIMER}

            **Study time:** 20-30 minutes. **You will learn** how the model shares a golf backswing between
            the legs, the hips, the lumbar and the thoracic spine, what the X-factor is made of, how far each
            strategy lets the body turn, and what, in this model, golfers, dancers and gymnasts have in
            common: large turns come from the legs, the hips and the upper back.

            {HOW_TO}
            """
        ),
        md(
            """
            ## The question

            Golfers, dancers and gymnasts need large trunk rotations, often repeated many times. The lumbar
            spine has the same small range in them as in anyone else (notebook 1). **Where can an athlete's
            rotation come from, and what happens if one of those places is stiff?**
            """
        ),
        code(SETUP),
        code(
            """
            # The text of this notebook quotes these model defaults:
            v = model.values
            assert v["knee_internal_rotation_deg"] == 10 and abs(v["athlete_pelvis_share"] - 55 / 87) < 1e-3
            assert sm.SCENARIOS["golf_backswing"].inputs["total_deg"] == 87.0
            """
        ),
        md(
            """
            ## 1. The golf backswing

            McTeigue, Lamb, Mottram & Pirozzolo 1994 (Science and Golf II, **R**) measured 51 PGA Tour
            players with an instrumented linkage: at the top of the backswing the upper body had turned
            87 deg and the pelvis 55 deg (amateurs: 87 and 53). The **X-factor** is the difference: the
            turn of the shoulders relative to the pelvis, i.e. everything the spine does.

            The model's `golf_backswing` turns the upper body 87 deg the way athletes are taught
            (`strategy="hip_led"`): knees flexed, the hips turn the pelvis by the golfers' share (55 of 87),
            the spine takes the rest. So the pelvis turn is an input taken from McTeigue, not a prediction.
            What the model adds is how the spine's part splits between the lumbar and the thoracic spine,
            and whether the legs and hips can turn the pelvis that far within their ranges.

            ### Predict
            """
        ),
        *predict("golf_lumbar", "15"),
        *predict("x_factor", "50"),
        code(
            """
            golf = model.solve(scenario="golf_backswing")
            ref = sm.SCENARIOS["golf_backswing"].reference
            print(golf)
            print("McTeigue 1994:", ref)
            drawn = plotting.plot_golf_backswing(model)
            plt.show()
            """,
            image="04_golf.png",
        ),
        code(
            """
            r = golf.regions_deg
            x_factor = golf.total_deg - r["pelvis"]
            print(f"legs {r['legs']:.1f} + hips {r['hips']:.1f} = pelvis {r['pelvis']:.1f} deg; X-factor {x_factor:.1f} deg = "
                  f"lumbar {r['lumbar']:.1f} + thoracic {r['thoracic']:.1f} deg - model estimate")
            # The text below relies on these model results:
            lo, hi = ref["hip_turn_deg"]
            assert ref["shoulder_turn_deg"] == 87.0 and lo - 0.5 <= r["pelvis"] <= hi + 0.5    # McTeigue's pelvis turn
            assert 0.45 < r["lumbar"] / golf.lumbar_cap_deg < 0.6                             # "about half its range"
            assert 0.75 < r["thoracic"] / x_factor < 0.87                                     # "about four fifths"
            assert r["legs"] > model.limits_deg["legs"]                                       # needs the flexed knees
            assert r["pelvis"] > model.limits_deg["legs"] + model.limits_deg["hips"]           # more than upright allows
            assert all(golf.zone[lv] == "elastic" for lv in sm.LUMBAR_LEVELS)
            """
        ),
        md(
            """
            **What it shows.** Hip-led, the lumbar spine turns about half its range and stays below its
            block; about four fifths of the X-factor is thoracic. The 55 deg pelvis turn needs the athletic
            stance: with the knees flexed the legs turn further than the 10 deg a nearly straight knee
            allows, and upright the legs and hips together could not turn the pelvis that far.

            <details><summary>Saved figure: the golf backswing in the model (for reading without a kernel)</summary>

            <img src="img/04_golf.png" alt="The golf backswing in the model" width="760">

            </details>

            ### Predict: a golfer with a stiff upper back
            """
        ),
        *predict("stiff_upper_back_golfer", '"yes"'),
        code(
            """
            stiff = dict(pelvis="free", strategy="hip_led", thoracic_mobility=0.5)
            stiff_reach = model.reachable_deg(**stiff)
            try:
                model.solve(scenario="golf_backswing", thoracic_mobility=0.5)
            except ValueError as error:
                print("87 deg with a stiff upper back:", error)
            stiff_golfer = model.solve(total_deg=stiff_reach, **stiff)  # as far as this golfer can turn
            print(stiff_golfer)
            # The text below relies on these model results:
            assert stiff_reach < golf.total_deg
            assert golf.regions_deg["lumbar"] < stiff_golfer.regions_deg["lumbar"] < stiff_golfer.lumbar_cap_deg
            drawn = plotting.plot_levels(model, stiff_golfer)
            plt.show()
            """,
            image="04_stiff_golfer_levels.png",
        ),
        md(
            """
            **What it shows.** A golfer whose upper back turns half as far cannot make the 87 deg backswing
            in this model: the turn ends earlier, when the stiff thoracic spine reaches its (smaller)
            maximum. At the end of that shorter backswing the lumbar spine already turns more than in the
            full backswing of a mobile golfer, though still below its block. Good technique cannot make up
            for an upper back that does not turn. Whether a golfer who forces the full turn pushes the
            lumbar spine further is outside the model: no data say how far the thoracic spine can be forced
            past its maximum.

            ### Golfers with low back pain and their lead hip

            Two studies looked at hip rotation in golfers with and without low back pain (abstracts read,
            **R**):

            * Vad et al. 2004 (Am J Sports Med 32:494; 42 professional male golfers, cross-sectional): a
              history of low back pain correlated with decreased **lead hip internal rotation** (and lumbar
              extension); the non-lead hip showed no difference.
            * Murray et al. 2009 (Phys Ther Sport 10:131; 28 amateur golfers with low back pain, 36
              controls): lead hip passive internal rotation 21.14 ± 10.17 deg with pain against 31.06 ± 8.06
              deg without. The authors stress that this does not show cause and effect.

            Turning the pelvis toward one side rotates that side's hip internally: the trail hip in the
            backswing, the lead hip as the pelvis turns toward the target in the downswing and follow-through.
            Internal rotation is what limits the model's pelvis turn (notebook 1). The model is symmetric, so
            a turn toward the target is the backswing mirrored. The cell below scales the model's hip
            mobility by the ratio of the two group means, once for the hip-led swing and once for a relaxed
            standing turn. This is a crude transfer (one number for both hips, a passive range measured
            lying down, a fast swing treated as a still pose), meant to show the direction, not the size.
            """
        ),
        code(
            """
            ratio = 21.14 / 31.06  # Murray et al. 2009: lead hip passive internal rotation, pain / no pain (R)
            pain_reach = model.reachable_deg(pelvis="free", strategy="hip_led", hip_mobility=ratio)
            print(f"hip mobility scaled to {ratio:.2f}: the hip-led turn reaches {pain_reach:.1f} deg "
                  f"(defaults {model.reachable_deg(pelvis='free', strategy='hip_led'):.1f}) - model estimate")
            same_total = min(pain_reach, golf.total_deg) - 5.0
            for name, hips in [("defaults", 1.0), ("hips as in the pain group", ratio)]:
                led = model.solve(total_deg=same_total, pelvis="free", strategy="hip_led", hip_mobility=hips)
                relaxed = model.solve(scenario="standing_turn", hip_mobility=hips)
                print(f"{name:26s} lumbar: hip-led {same_total:.0f} deg {led.regions_deg['lumbar']:4.2f} deg, "
                      f"relaxed standing {relaxed.total_deg:.0f} deg {relaxed.regions_deg['lumbar']:4.2f} deg")
            # The text below relies on these model results:
            assert pain_reach < golf.total_deg
            led = [model.solve(total_deg=same_total, pelvis="free", strategy="hip_led", hip_mobility=h).regions_deg["lumbar"]
                   for h in (1.0, ratio)]
            assert abs(led[1] - led[0]) < 0.01
            relaxed = [model.solve(scenario="standing_turn", hip_mobility=h).regions_deg["lumbar"] for h in (1.0, ratio)]
            assert relaxed[1] > relaxed[0]
            """
        ),
        md(
            """
            **What it shows.** In the model's hip-led turn the hips turn the pelvis by the golfers' share
            whatever their mobility, so hips as stiff as the pain group's do not change the lumbar rotation
            at the same angle; they shorten the reach, and the 87 deg backswing is out of reach. In a relaxed
            standing turn, where nothing imposes the pelvis share, the same hips send more of the turn into
            the lumbar spine. Either way less hip rotation leaves less room for the turn, the mechanical
            direction of the association the studies found. The model cannot say whether the stiff hip came
            first or the pain did.

            ## 2. How far can each strategy turn?

            Dance and gymnastics ask for rotations that differ from skill to skill, and the sources this
            model is built on have no numbers for them. The model can answer a general question instead:
            **how far can the body turn under each strategy, and what does the lumbar spine do on the way?**
            """
        ),
        code(
            """
            conditions = {
                "seated or lying (pelvis fixed), relaxed": dict(pelvis="fixed", strategy="passive"),
                "standing, relaxed": dict(pelvis="free", strategy="passive"),
                "standing, braced": dict(pelvis="free", strategy="braced"),
                "standing, hip-led": dict(pelvis="free", strategy="hip_led"),
                "standing, hip-led, stiff upper back": dict(pelvis="free", strategy="hip_led", thoracic_mobility=0.5),
            }
            budget, lumbar_at_end = {}, {}
            fig, ax = plt.subplots(figsize=(9, 4.8))
            for label, cond in conditions.items():
                budget[label] = model.reachable_deg(**cond)
                total = np.linspace(0.0, budget[label], 400)
                lumbar = model.solve(total_deg=total, **cond).regions_deg["lumbar"]
                lumbar_at_end[label] = float(lumbar[-1])
                line, = ax.plot(total, lumbar, label=f"{label}: reach {budget[label]:.0f} deg")
                ax.plot(total[-1], lumbar[-1], "o", color=line.get_color())
            ax.axhline(model.lumbar_cap_deg, color="k", ls="--", lw=1)
            ax.text(99, model.lumbar_cap_deg + 0.2, "lumbar block: sum of the measured ranges", fontsize=9, ha="right")
            ax.set_xlim(0, 100)
            ax.set_ylim(0, 1.7 * model.lumbar_cap_deg)
            ax.set_xlabel("total trunk turn (deg)")
            ax.set_ylabel("lumbar rotation (deg)")
            ax.set_title("How far each strategy can turn (dots: the end of the range) - model estimate")
            ax.legend(fontsize=8.5, loc="upper left")
            plt.show()
            """,
            image="04_turn_budget.png",
        ),
        code(
            """
            for label, value in budget.items():
                print(f"{label:40s} reach {value:5.1f} deg, lumbar there {lumbar_at_end[label]:4.1f} deg")
            # The text below relies on these model results:
            b = list(budget.values())
            assert b[0] < b[1] and abs(b[2] - b[1]) < 0.05 * b[1] and b[3] == max(b) and b[4] < b[3]
            assert b[3] > sm.SCENARIOS["golf_backswing"].inputs["total_deg"]
            assert max(lumbar_at_end.values()) < model.lumbar_cap_deg
            most = max(lumbar_at_end.values())
            assert lumbar_at_end["seated or lying (pelvis fixed), relaxed"] > most - 0.01
            assert lumbar_at_end["standing, hip-led, stiff upper back"] > most - 0.01
            """
        ),
        md(
            """
            **What it shows.** The same lumbar spine allows very different total turns depending on where
            the rest comes from. With the pelvis held (sitting, lying) the turn ends soonest, with the most
            lumbar rotation (a hip-led turn with a stiff upper back ends with as much); standing, the legs
            and hips add their range; bracing changes the reach little;
            the hip-led turn with flexed knees reaches furthest, far enough for the golfer's 87 deg. A stiff
            upper back takes much of that gain away again. In none of them does the lumbar spine reach its
            block inside the body's range.

            <details><summary>Saved figure: how far each strategy can turn (for reading without a kernel)</summary>

            <img src="img/04_turn_budget.png" alt="How far each strategy can turn" width="760">

            </details>

            ## 3. What this means for athletes

            The model gives a mechanical reason for what athletes are taught: a large turn has to come from
            the legs, the hips and the upper back, because the lumbar spine has little range to give. With
            the pelvis held, the spine must supply the whole turn and the lumbar spine takes several times
            more of the same angle (notebook 3). The hip-led turn's gain, in this model, is reach: it lets
            the body turn far, the golfer's 87 deg included, with the lumbar spine below its block; at a
            small angle it does not lower the lumbar share compared with a relaxed standing turn. Stretching
            the low back into more rotation works against this: its range is small, and a stretch already
            ends with the lumbar spine at most of it (notebook 2). In the model's terms, the levers that
            change the lumbar load are the *other* joints: hip and thoracic mobility, and a turn that uses
            them.

            What the model cannot say: whether a particular athlete's pain comes from the lumbar facets or
            disc, what exercise suits them, or how fast tissue adapts. That is a clinician's judgement.

            ## 4. Explore

            Start the explorer on the golf backswing and try, predicting first:

            1. Lower **hip mobility** to 0.5: how far can the golfer now turn?
            2. Switch the **strategy** to `passive`: how far can you turn now, and where does the rotation go?
            3. Back to `hip_led`: raise the **total** to the end of its range. Which joint stops the turn,
               and is any lumbar level beyond its limit?
            """
        ),
        code(
            """
            from spinemodel.widgets import explore

            explorer = explore(scenario="golf_backswing")
            explorer
            """,
            skip_images=True,
        ),
        md(
            """
            ## Limits of this notebook

            * McTeigue's numbers are the top of the backswing in trained golfers; the model imposes their
              pelvis share on every hip-led turn, so the golf pelvis turn is an input, not a prediction.
            * The golf hip studies are cross-sectional associations; transferring their group means to the
              model's hip mobility is a crude illustration.
            * Ankles and feet are not modelled; the legs are the knees' rotation.
            * End poses only: no speed, no impact, no repetition, no fatigue. The downswing, which is fast,
              is not modelled.
            * No flexion or side-bending, which golf, dance and gymnastics combine with rotation.

            ## Summary

            * In a hip-led backswing the legs and hips turn the pelvis, the thoracic spine makes most of the
              X-factor, and the lumbar spine stays below its block.
            * A stiff upper back or stiff hips shorten the reach; at the end of the shorter turn a stiff upper
              back leaves more rotation in the lumbar spine.
            * The turn the body can make grows from pelvis held, to standing, to hip-led with flexed knees.

            **Next:** notebook 5 is for lecturers; notebook 6 covers what the twist stretch does not address.
            """
        ),
    ]


# ----------------------------------------------------------------------------------------
def notebook_05() -> list:
    return [
        md(
            f"""
            # 5 · For lecturers

            {DISCLAIMER}

            This notebook collects what a lecturer needs: every lecture figure and how to restyle and export
            it, the animation, the exercises with their answer key, and how to launch JupyterLab,
            Notebook 7 and the standalone explorer app. About 15 minutes to read; the figure cells write
            into a temporary folder, never into the repository.
            """
        ),
        code(
            """
            %matplotlib inline
            import subprocess
            import sys
            import tempfile
            from pathlib import Path

            import matplotlib.pyplot as plt
            from IPython.display import Markdown, display

            import spinemodel as sm
            from spinemodel import plotting
            from spinemodel.exercises import QUESTIONS, ask, check_prediction, questions

            model = sm.SpineModel()
            OUT = Path(tempfile.mkdtemp(prefix="spinemodel-lecture-"))
            print("figures go to", OUT)
            """
        ),
        md(
            """
            ## 1. The lecture figures

            Each figure function takes the model (and a pose or conditions), draws into a new figure or into
            axes you give it, and returns an object with `.figure` and `.update(pose)`. Three styles:
            `"lecture"` (16:9, 1920 × 1080 px, large fonts), `"notebook"` and `"paper"` (7 in wide, 300 dpi).
            Colours are the colour-blind-safe Okabe-Ito palette, the same region and zone colours in every
            figure. Every figure carries the footer *model estimate · educational model, not medical advice*.

            | function | what it shows | used in |
            |---|---|---|
            | `plot_region_split(model, pose=None, **conditions)` | how a turn is shared by legs, hips, lumbar, thoracic | notebook 3 |
            | `plot_loads(model, pose=None, **conditions)` | facet force and annulus strain against lumbar rotation | notebooks 2, 5 |
            | `plot_levels(model, pose)` | every joint's angle and zone, lumbar loads | notebooks 2, 4 |
            | `plot_top_view(model, pose)` | the trunk from above: pelvis, lumbar, shoulders | notebook 2 |
            | `plot_column(model, pose)` | the column level by level, coloured by zone | notebook 5 |
            | `plot_strategies(model, total_deg=45.0)` | the seated twist stretch and the hip-led turn, same total | notebook 3 |
            | `plot_hip_stiffness(model, pose=None)` | lumbar rotation against the total for several hip mobilities, each to the end of its range | notebook 5 |
            | `plot_golf_backswing(model)` | the hip-led backswing against McTeigue et al. 1994's measurements | notebook 4 |
            | `plot_scenarios(model)` | every named scenario's lumbar rotation against the lumbar range | notebook 2 |

            The cell below draws each one for the seated twist stretch (or the standing turn) in the lecture
            style, and saves it as PNG.
            """
        ),
        code(
            """
            seated = model.solve(scenario="seated_twist_stretch")
            standing = model.solve(scenario="standing_turn")
            lecture_figures = {
                "region_split": lambda: plotting.plot_region_split(model, standing),
                "loads": lambda: plotting.plot_loads(model, seated),
                "levels": lambda: plotting.plot_levels(model, seated),
                "top_view": lambda: plotting.plot_top_view(model, seated),
                "column": lambda: plotting.plot_column(model, seated),
                "strategies": lambda: plotting.plot_strategies(model, total_deg=45.0),
                "hip_stiffness": lambda: plotting.plot_hip_stiffness(model, standing),
                "golf_backswing": lambda: plotting.plot_golf_backswing(model),
                "scenarios": lambda: plotting.plot_scenarios(model),
            }
            with plotting.style("lecture"):
                for name, make in lecture_figures.items():
                    drawn = make()
                    path = plotting.save_figure(drawn.figure, OUT / f"{name}.png")
                    plt.close(drawn.figure)
                    print("saved", Path(path).name)
            """
        ),
        md(
            """
            ### Restyling

            * `plotting.use_style("paper")` changes every later figure; `with plotting.style("lecture"):`
              changes only the figures made inside the block.
            * After a figure is drawn it is an ordinary matplotlib figure: change titles, limits or fonts
              through `drawn.figure` and its axes.
            * `drawn.update(pose)` redraws the same figure for another pose, which is how the explorer and
              the animation work; use it to make a series of slides with identical layout.
            """
        ),
        code(
            """
            with plotting.style("paper"):
                drawn = plotting.plot_loads(model, seated)
                drawn.artists["title"].set_text(f"Seated twist stretch, {seated.total_deg:.1f} deg (paper style)")
                plt.show()
            """,
            image="05_paper_style.png",
        ),
        code(
            """
            # Slides with identical layout: one figure, updated pose by pose, saved after each update.
            reach = model.reachable_deg(pelvis="fixed")  # the seated envelope: larger totals are a ValueError
            drawn = plotting.plot_column(model, model.solve(total_deg=0.25 * reach, pelvis="fixed"))
            for fraction in (0.25, 0.5, 0.75, 1.0):
                total = fraction * reach
                drawn.update(model.solve(total_deg=total, pelvis="fixed"))
                plotting.save_figure(drawn.figure, OUT / f"column_{total:.0f}deg.png")
            print(sorted(p.name for p in OUT.glob("column_*")))
            plt.show()  # the last pose
            """,
            image="05_column.png",
        ),
        md(
            """
            ## 2. The whole set from the command line, and the animation

            One command writes every lecture figure and an index page:

            ```
            python -m spinemodel figures --out lecture-figures --style lecture --format png,svg,pdf
            python -m spinemodel figures --out lecture-figures --animate   # also the stretch-sweep animation
            ```

            `--style` takes `lecture`, `notebook` or `paper`; `--format` any of `png`, `svg`, `pdf`;
            `--dpi` sets the PNG resolution. The next cell runs it into the temporary folder.
            """
        ),
        code(
            """
            cli_out = OUT / "cli"
            result = subprocess.run(
                [sys.executable, "-m", "spinemodel", "figures", "--out", str(cli_out), "--style", "lecture",
                 "--format", "png"],
                capture_output=True, text=True, timeout=120,
            )
            print(result.stdout.strip() or result.stderr.strip())
            print(sorted(p.name for p in cli_out.iterdir()))
            """
        ),
        md(
            """
            ### The animation

            `--animate` also writes `stretch_sweep.gif` (and an MP4 where ffmpeg is installed): a seated
            twist stretch whose torque grows up to the end of the body's range, the top view beside the
            loads. From Python it is `spinemodel.figures.save_stretch_animation`; the cell below
            writes a small, quick version (fewer frames, lower resolution) and shows it. For a lecture use
            the defaults, or `python -m spinemodel figures --out DIR --animate`.
            """
        ),
        code(
            """
            from IPython.display import Image
            from spinemodel.figures import save_stretch_animation

            gif = save_stretch_animation(OUT / "animation", style="notebook", dpi=50, frames=12, fps=4,
                                         formats=("gif",), log=print)[0]
            Image(filename=str(gif))
            """
        ),
        md(
            """
            ## 3. The exercises and their answer key

            Students check their predictions with `check_prediction(question_id, answer)`; it returns right
            or wrong with the reason, computed from the model (pass `model=` to check against a changed
            model). Here is the full list with the model's answers:
            """
        ),
        code(
            """
            rows = ["| notebook | id | question | model's answer |", "|---|---|---|---|"]
            for qid in questions():
                q = QUESTIONS[qid]
                expected = check_prediction(qid, None).expected
                shown = f"{expected:.1f} {q.unit}" if isinstance(expected, float) else expected
                rows.append(f"| {q.notebook} | `{qid}` | {q.prompt} | {shown} |")
            display(Markdown("\\n".join(rows)))
            print(check_prediction("seated_twist_lumbar", 10))
            """
        ),
        md(
            """
            ## 4. Launching

            From the repository folder:

            | what | command |
            |---|---|
            | set up and open JupyterLab on the notebooks | `make lab` |
            | Notebook 7 instead | `.venv/bin/jupyter notebook notebooks/` |
            | the standalone explorer app (Voilà, no code visible) | `make app`, or `.venv/bin/voila notebooks/explorer.ipynb` |
            | one pose in the terminal | `python -m spinemodel pose --scenario seated_twist_stretch` |
            | every parameter with its source | `python -m spinemodel parameters` |

            The explorer inside a notebook:

            ```python
            from spinemodel.widgets import explore
            explore(scenario="seated_twist_stretch", style="lecture")   # lecture style for a projector
            ```

            Its **Save figure** button writes the current view as PNG; **Play** sweeps the turn.

            ## 5. Suggested lecture path (about 50 minutes)

            1. Notebook 1, sections 1-2: facet orientation and per-level ranges (10 min); predict the
               lumbar range.
            2. Notebook 2: the seated twist in the explorer, students predicting each slider move (15 min).
            3. Notebook 3: standing against seated, stiff hips against a stiff upper back (10 min).
            4. Notebook 4: the golf backswing and how far each strategy can turn (10 min).
            5. The honest limits (every notebook ends with them) and questions (5 min).

            ## 6. Limits to state in a lecture

            The spinal curves come from cadaver data without muscles or preload; the model is symmetric,
            average and healthy; it has no flexion coupling; ankles and feet are not modelled; the bracing
            gain is a modelling choice (**M**), and the hip-led turn imposes the pelvis share measured in
            golfers (McTeigue et al. 1994), so the golf pelvis turn is an input, not a prediction. Inside
            the body's range the lumbar spine never reaches its block; whether a forced stretch could push
            it there depends on how far the thoracic spine can be forced past its active maximum, for which
            there are no data. It estimates loads; it does not diagnose and it is not medical advice.
            """
        ),
        code(
            """
            # "Inside the body's range the lumbar spine never reaches its block": each lumbar level is at its
            # limit at the 10 Nm test moment, and no reachable pose carries that much torque.
            ends = {
                (pelvis, strategy, mobility): model.reachable_torque_nm(pelvis=pelvis, strategy=strategy, hip_mobility=mobility,
                                                                        thoracic_mobility=mobility)
                for pelvis, strategy in [("fixed", "passive"), ("fixed", "braced"), ("free", "passive"), ("free", "hip_led")]
                for mobility in sm.MOBILITY_RANGE
            }
            print(f"largest torque inside the envelope: {max(ends.values()):.2f} Nm - model estimate")
            assert max(ends.values()) < model.values["lumbar_test_moment_nm"]
            """
        ),
    ]


# ----------------------------------------------------------------------------------------
def notebook_06() -> list:
    return [
        md(
            f"""
            # 6 · What the twist stretch does not address

            {DISCLAIMER}

            **Study time:** about 15 minutes. A short notebook on the loads that the rotation model leaves
            out, with the published evidence for them and an honest account of what the model can and cannot
            say about them.
            """
        ),
        code(SETUP),
        md(
            """
            ## 1. Lifting with a twist

            Lifting while twisting was associated with more than three times the risk of disc herniation in
            low-frequency lifters (cited in Veres et al. 2010, Eur Spine J 19:1468; **R2**). Lifting loads the
            spine in compression and flexion; the model has neither. What it *can* show is the rotation
            part: a twist in which the legs and hips turn the pelvis, relaxed or hip-led, puts much less
            rotation into the lumbar spine than one made with the pelvis still.
            """
        ),
        code(
            """
            lumbar = {}
            for label, cond in [
                ("pelvis still (fixed)", dict(pelvis="fixed")),
                ("feet planted, pelvis free, relaxed", dict(pelvis="free")),
                ("hip-led, knees flexed", dict(pelvis="free", strategy="hip_led")),
            ]:
                pose = model.solve(total_deg=45.0, **cond)
                lumbar[label] = pose.regions_deg["lumbar"]
                force = pose.facet_force_n["L4-L5"]["contralateral"]
                print(f"45 deg turn, {label:36s} lumbar {pose.regions_deg['lumbar']:4.1f} deg "
                      f"(block {pose.lumbar_cap_deg:.1f}), L4-L5 facet {force:4.0f} N - model estimate")
            # The text above relies on these model results:
            assert max(lumbar.values()) == lumbar["pelvis still (fixed)"]
            assert 2 * lumbar["hip-led, knees flexed"] < lumbar["pelvis still (fixed)"]
            """
        ),
        md(
            """
            ## 2. Rotation combined with flexion

            In ovine spine segments, 2 deg of axial rotation with 7 deg of flexion markedly lowered the
            nuclear pressure needed for disc failure (Veres et al. 2010, **R**). In flexion the lumbar facets
            open and more rotation is available (Hindle, Pearcy et al. 1989, **R**), so the facet "positive
            stop" (Ahmed et al. 1990, **R**) protects the disc less. Repeated torsion has been proposed to
            cause radial tears of the annulus (Farfan et al. 1970, **R2**).

            The model is axial rotation only: a flexed, slumped twist is *more* demanding than anything it
            shows, not less.

            ## 3. Long sitting

            Long sitting lies outside both the sources collected for this model and the model itself (it
            has no time, posture or creep), so this notebook says nothing quantitative about it. What can be
            said is structural: a twist stretch changes neither how long nor how someone sits.

            ## Summary

            * A rotation model cannot address compression, flexion, lifting or time; those carry their own
              published risks.
            * Where the model does speak, the answer is the same as before: rotation comes from the legs, the
              hips and the upper back; the lumbar spine has little to give.
            """
        ),
    ]


NOTEBOOKS = {
    "01_why_the_low_back_resists_twisting.ipynb": notebook_01,
    "02_the_twist_stretch.ipynb": notebook_02,
    "03_where_rotation_should_come_from.ipynb": notebook_03,
    "04_athletes_who_need_rotation.ipynb": notebook_04,
    "05_for_lecturers.ipynb": notebook_05,
    "06_what_the_stretch_does_not_address.ipynb": notebook_06,
}


def build(name: str) -> tuple[nbformat.NotebookNode, dict[int, str], set[int]]:
    cells = [colab_setup(), *NOTEBOOKS[name]()]
    images = {i: c.metadata.pop("_image") for i, c in enumerate(cells) if "_image" in c.metadata}
    skip = {i for i, c in enumerate(cells) if c.metadata.pop("_skip_images", False)}
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    nb.metadata["language_info"] = {"name": "python"}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{Path(name).stem[:2]}-{i:02d}"
    nbformat.validate(nb)
    return nb, images, skip


def make_images(name: str, nb: nbformat.NotebookNode, images: dict[int, str], skip: set[int]) -> None:
    """Run the notebook's code cells here (Agg) and save the marked cells' figures to img/."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    IMG.mkdir(exist_ok=True)
    namespace: dict = {"__name__": "__main__", "display": lambda *a, **k: None}
    saved = {}
    original_show = plt.show
    plt.show = lambda *a, **k: None
    scratch = tempfile.TemporaryDirectory(prefix="spinemodel-build-")
    tempfile.tempdir = scratch.name  # files the cells write to temporary folders go here
    try:
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code" or i in skip:
                continue
            source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith("%"))
            plt.close("all")
            exec(compile(source, f"{name}[{i}]", "exec"), namespace)
            if i in images:
                fig = plt.gcf()
                fig.savefig(IMG / images[i], dpi=100)
                saved[images[i]] = fig.get_size_inches() * 100
        for file, size in saved.items():
            print(f"  img/{file}  {size[0]:.0f} x {size[1]:.0f} px")
    finally:
        plt.show = original_show
        plt.close("all")
        tempfile.tempdir = None
        scratch.cleanup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", action="store_true", help="also run the figure cells and write img/*.png")
    parser.add_argument("--only", nargs="*", help="notebook names (or prefixes like 02) to build")
    args = parser.parse_args(argv)
    names = [n for n in NOTEBOOKS if not args.only or any(n.startswith(p) for p in args.only)]
    failed = 0
    for name in names:
        nb, images, skip = build(name)
        nbformat.write(nb, HERE / name)
        print("wrote", name)
        if args.images:
            try:
                make_images(name, nb, images, skip)
            except Exception as exc:  # report and go on with the other notebooks
                print(f"  images of {name} stopped: {type(exc).__name__}: {exc}")
                failed = 1
    return failed
    return 0


if __name__ == "__main__":
    sys.exit(main())
