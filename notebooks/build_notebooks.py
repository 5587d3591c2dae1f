"""Write the teaching notebooks from code, and (with ``--images``) their saved figures.

    .venv/bin/python notebooks/build_notebooks.py            # write notebooks/*.ipynb
    .venv/bin/python notebooks/build_notebooks.py --images   # also run the figure cells, write notebooks/img/

The notebooks are written as nbformat v4 without outputs or execution counts (the
test suite checks this and executes them). ``--images`` runs each notebook's code
cells in order in this process (Agg backend; the explorer cells are skipped) and saves
the figure of every cell marked with an image name to ``notebooks/img/``, so the
markdown can show the key figures where no kernel runs.

The prose lives in ``notebook_01`` ... ``notebook_06`` below. Numbers in prose are
either cited values from ``spinemodel/anatomy.py`` / ``shared/literature.md`` or are
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
    lever = model.values["facet_lever_arm_mm"]
    a = np.deg2rad(plane_deg_from_sagittal)
    for side, label in zip((-1, 1), labels):
        x, y = side * 14.0, -np.sqrt(lever**2 - 14.0**2)  # a facet joint, `lever` mm from the axis
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
    axes[0], "Lumbar (L1-L2): near-sagittal facets", 30, True, ("left: opens", "right: pressed"),
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
rows = ["| joint | limit, one side (deg) | source (mark) |", "|---|---|---|"]
marks = {row["name"]: row for row in sm.parameter_table()}
for level in sm.LUMBAR_LEVELS:
    row = marks[f"limit_{level}_deg"]
    rows.append(f"| {level} | {model.limits_deg[level]:g} | {row['source']} ({row['mark']}) |")
rows.append(f"| **lumbar, sum** | **{model.lumbar_cap_deg:g}** | the facet block of the whole lumbar spine |")
thoracic_sum = sum(model.limits_deg[lv] for lv in sm.THORACIC_LEVELS)
rows.append(f"| thoracic, 12 levels, sum | {thoracic_sum:g} | Wilke et al. 2017, one-side range at 7.5 Nm (D) |")
rows.append(f"| hips (pelvis turn) | {model.limits_deg['hips']:g} | Kouyoumdjian et al. 2012, internal rotation (R) |")
display(Markdown("\\n".join(rows)))
"""

LIMITS_FIGURE = """
colors = plotting.REGION_COLORS
spine = list(sm.LUMBAR_LEVELS) + list(sm.THORACIC_LEVELS)
region = ["lumbar"] * 5 + ["thoracic"] * 12
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4.6), width_ratios=[2.2, 1])
ax1.bar(range(len(spine)), [model.limits_deg[lv] for lv in spine], color=[colors[r] for r in region])
ax1.set_xticks(range(len(spine)), spine, rotation=70, fontsize=8)
ax1.set_ylabel("limit, one side (deg)")
ax1.set_title("Each joint's limit, from the sacrum up")
totals = {
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

fig, axes = plt.subplots(1, 3, figsize=(11, 4.2), sharey=True)
for ax, name in zip(axes, ["L4-L5", "T6-T7", "hips"]):
    joint = model.joints[name]
    angle = np.linspace(0, 2.0 * joint.limit_deg if name != "hips" else 36, 400)
    total = sum(component_torque_nm(c, angle) for c in joint.components.values())
    if len(joint.components) > 1:
        for part, component in joint.components.items():
            ax.plot(angle, component_torque_nm(component, angle), lw=1.4, ls="--", label=part.replace("_", " "))
    ax.plot(angle, total, color="k", label="whole joint")
    ax.axvspan(0, joint.neutral_deg, color=sm.styles.ZONE_COLORS["neutral"], alpha=0.3, lw=0)
    ax.axvspan(joint.neutral_deg, joint.limit_deg, color=sm.styles.ZONE_COLORS["elastic"], alpha=0.3, lw=0)
    ax.axvspan(joint.limit_deg, angle[-1], color=sm.styles.ZONE_COLORS["beyond_limit"], alpha=0.15, lw=0)
    ax.axhline(7.5, color="0.4", lw=1, ls=":")
    ax.set_title(name)
    ax.set_xlabel("rotation, one side (deg)")
    ax.set_ylim(0, 40)
    ax.legend(fontsize=8, loc="upper left")
axes[0].set_ylabel("torque (Nm)")
axes[1].text(0.3, 8.2, "7.5 Nm test moment", fontsize=8, color="0.3")
fig.suptitle("Torque-angle curves: neutral zone (blue), elastic zone (yellow), beyond the limit (red) - model estimate")
plt.show()
"""

BLOCK_SWEEP = """
torque = np.linspace(0.0, 40.0, 401)  # Nm, seated: pelvis fixed
sweep = model.solve(torque_nm=torque, pelvis="fixed")
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10.5, 4.4))
ax1.plot(torque, sweep.regions_deg["lumbar"], color=sm.styles.REGION_COLORS["lumbar"], label="lumbar spine")
ax1.axhline(model.lumbar_cap_deg, color="k", ls="--", lw=1.2)
ax1.text(1, model.lumbar_cap_deg + 0.4, f"block: sum of the limits, {model.lumbar_cap_deg:g} deg", fontsize=9)
ax1.axvline(7.5, color="0.4", lw=1, ls=":")
ax1.set_xlabel("twisting torque (Nm)")
ax1.set_ylabel("lumbar rotation (deg)")
ax1.set_title("Lumbar rotation flattens at the block")
ax2.plot(torque, sweep.facet_force_n["L4-L5"]["contralateral"], color=sm.styles.OKABE_ITO["vermillion"])
ax2.axvline(7.5, color="0.4", lw=1, ls=":")
ax2.text(8, 750, "7.5 Nm\\n(lab test)", fontsize=9, color="0.3")
ax2.set_xlabel("twisting torque (Nm)")
ax2.set_ylabel("contralateral facet force, L4-L5 (N)")
ax2.set_title("...while the facet force keeps climbing")
fig.suptitle("Seated (pelvis fixed), torque-driven - model estimate")
plt.show()
"""


def notebook_01() -> list:
    return [
        md(
            f"""
            # 1 · Why the low back resists twisting

            {DISCLAIMER}

            **Study time:** 20-30 minutes. **You will learn** how the shape of the facet joints makes the
            lumbar spine the least rotatable part of the trunk; how far each level turns and where the
            "bony block" near 15 degrees comes from; and how the model behind all these notebooks works:
            its equations, its sources, and what it leaves out.

            {HOW_TO}
            """
        ),
        md(
            """
            ## The question

            Stand with your feet planted and turn to look behind you. Your shoulders turn a long way. Three
            places in the trunk can turn about a vertical axis:

            * the **hips**: the pelvis turns over the planted thighs;
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
            | lumbar L3-4, in vitro, 7.5 Nm | 2.1 ± 0.9 deg | Niosi et al. 2006, Eur Spine J 15:913 (**R**) |
            | lumbar, textbook upper limits | 3, 3, 3, 3, 2 deg (L1-2 ... L5-S1) | White & Panjabi 1990 (**U**) |
            | thoracic T1-T10, in vitro, 7.5 Nm | 10-12 deg left + right per level | Wilke et al. 2017, PLoS One 12:e0177823 (**R**) |
            | thoracic T10-T12, in vitro, 7.5 Nm | 7-8 deg left + right per level | Wilke et al. 2017 (**R**) |

            The model takes the textbook upper limits as the point where each lumbar level's facets block.

            The model's limits, with their sources (does the table confirm your predictions?):
            """
        ),
        code(LIMITS_TABLE),
        code(LIMITS_FIGURE, image="01_level_limits.png"),
        code(
            """
            # The text below relies on these model values: a block near 15 deg, far below the thoracic total.
            assert 14.0 <= model.lumbar_cap_deg <= 16.0
            thoracic_total = sum(model.limits_deg[lv] for lv in sm.THORACIC_LEVELS)
            assert thoracic_total > 3 * model.lumbar_cap_deg
            assert 0.4 < model.limits_deg["hips"] / thoracic_total < 0.6
            """
        ),
        md(
            """
            **What it shows.** Each lumbar level allows only a few degrees, and the five together add up to
            the **bony block near 15 degrees** of the whole lumbar spine. The twelve thoracic levels each
            allow more and there are more of them: together they allow several times as much. The hips
            (one joint of the chain: both hips working together) allow about half as much as the whole
            thoracic spine.
            Angles in series add, so the lumbar spine is only ever a small part of a big turn.

            <details><summary>Saved figure: limits per joint and per region (for reading without a kernel)</summary>

            <img src="img/01_level_limits.png" alt="Limits per joint and per region" width="760">

            </details>
            """
        ),
        md(
            r"""
            ## 3. How the model works

            ### 3a. One joint: a torque-angle curve

            Every joint (a lumbar level, a thoracic level, the pair of hips) resists rotation with a torque
            that grows with the angle, in three zones:

            1. a **neutral zone** near neutral, where the joint is lax (0.3 ± 0.3 deg at L3-4, Niosi 2006, **R**);
            2. an **elastic zone**, where disc, ligaments and capsule stretch;
            3. **beyond the limit**, where bone meets bone (the lumbar facets) or the hip impinges, and the
               curve turns steeply upward.

            Each zone has a constant slope $k_i$ (Nm/deg); the corners $a_i$ (deg) are rounded with a
            softplus of width $s$ so that the curve and its slope are continuous:

            $$T(\theta) = k_0\,\theta + \sum_i (k_i - k_{i-1})\, s\left[\operatorname{softplus}\!\left(\frac{\theta - a_i}{s}\right) - \operatorname{softplus}\!\left(\frac{-a_i}{s}\right)\right]$$

            A **lumbar level** has two parts in parallel, their torques adding: the disc with its ligaments,
            and the facets, which start to touch after 1 deg (a modelling choice, **M**). The slopes are
            solved from published conditions: at the 7.5 Nm test moment the level turns 2.1 deg (Niosi
            2006, **R**) and its contralateral facet carries 70.3 N (Jaumard et al. 2011, **R2**), i.e.
            70.3 N × 35 mm = 2.46 Nm of the torque; past its limit the level reaches twice its limit at 95 Nm,
            the largest moment of a large-load study (J Biomech 1986;19:79, **R**; the rule is **D**).
            A **thoracic level** turns its one-side range at 7.5 Nm (Wilke 2017, **D**). The **hips**
            turn freely through a mid-range (50 ± 10 deg total, van Arkel et al. 2015, **R**), then the
            capsule resists (0.8 Nm/deg, **R**), then impingement (5 Nm/deg, **R**); internal rotation
            (29.6 deg, Kouyoumdjian 2012, **R**) limits the pelvis turn.
            """
        ),
        code(JOINT_CURVES, image="01_joint_curves.png"),
        code(
            """
            # The facets' share of the torque at the 7.5 Nm test moment, against the finite element model
            # (J Biomech Eng 1987;109:200: facets carry 10-40% of the torque, R).
            pose_7p5 = model.solve(torque_nm=7.5, pelvis="fixed")
            share = pose_7p5.facet_force_n["L3-L4"]["contralateral"] * 0.035 / 7.5
            low, high, source = sm.CALIBRATION["facet_share_at_7p5nm"]
            print(f"facet share at 7.5 Nm: {share:.0%} (published range {low:.0%}-{high:.0%}) - model estimate")
            assert low <= share <= high
            """
        ),
        md(
            """
            **What it shows.** Degree for degree, a lumbar level is much stiffer than a thoracic level, and
            past its limit its curve rises steeply: the facet block. The hips are the opposite: loose
            through a wide mid-range, then firm.

            ### 3b. Joints in series

            Hips, lumbar and thoracic joints are stacked one on top of the other: they are in **series**.
            Like the links of a chain, each passes on the same torque $T$, and their angles add up to the
            total turn $\\Theta$:

            $$\\Theta = \\theta_\\text{hips}(T) + \\sum_{\\text{5 lumbar}} \\theta_j(T) + \\sum_{\\text{12 thoracic}} \\theta_j(T)$$

            where $\\theta_j(T)$ is joint $j$'s curve read backwards. Given a total, the model finds the one
            torque at which the angles add up to it (the curves only rise, so there is exactly one). When
            the pelvis is held (sitting on it, or lying with the thorax flat on the floor), the hips drop
            out of the sum.

            ### Predict
            """
        ),
        *predict("series_torque", '"T6-T7"'),
        code(
            """
            pose = model.solve(torque_nm=7.5, pelvis="fixed")  # seated, a 7.5 Nm twist
            rows = ["| joint | angle (deg) | zone | torque (Nm) |", "|---|---|---|---|"]
            for level in sm.LEVELS[1:]:
                rows.append(f"| {level} | {pose.levels_deg[level]:.2f} | {pose.zone[level]} | {pose.torque_nm:g} |")
            rows.append(f"| **total** | **{pose.total_deg:.1f}** | | |")
            display(Markdown("\\n".join(rows)))
            print(pose)
            """
        ),
        md(
            r"""
            ### 3c. From torque to loads on the lumbar level

            * **Facet compression.** The facets' share of the torque, $T_\text{facet}$, presses the
              contralateral facet over a lever arm $d$ = 35 mm (**U**): $F_\text{contra} = T_\text{facet}/d$.
              The ipsilateral facet carries a fixed fraction of it, 31.3 N / 70.3 N, the ratio measured at
              7.5 Nm (Jaumard et al. 2011, **R2**).
            * **Annulus shear.** A disc of height $h$ twisted by $\theta$ shears its outer fibres at radius
              $r$ by $\gamma = r\,\theta/h$ ($\theta$ in radians), as a short cylinder in torsion. $h$ and
              $r$ (half the front-to-back depth) come from MRI of lumbar discs (**R**). Two reference
              strains per level: at the level's limit, and at 10 deg, the smallest rotation at which
              isolated discs (facets removed) were damaged (Adams & Hutton 1981, Spine 6:241, via Veres et
              al. 2010, **R2**).

            ### Predict
            """
        ),
        *predict("facet_force_7p5", "100"),
        code(
            """
            rows = ["| level | disc height h (mm) | radius r (mm) | strain at limit (%) | strain at 10 deg (%) |",
                    "|---|---|---|---|---|"]
            for level in sm.LUMBAR_LEVELS:
                j = model.joints[level]
                t = model.annulus_thresholds_pct(level)
                rows.append(f"| {level} | {j.disc_height_mm:g} | {j.disc_radius_mm:.1f} | {t['at_limit']:.1f} | {t['damage']:.1f} |")
            display(Markdown("\\n".join(rows)))
            """
        ),
        md(
            """
            ### 3d. The block, seen from the whole chain

            Now twist the seated trunk (pelvis fixed) with a torque from 0 to 40 Nm and follow the lumbar
            spine. Before you run it: will the lumbar rotation keep rising in proportion to the torque?
            """
        ),
        code(BLOCK_SWEEP, image="01_block.png"),
        code(
            """
            steps = model.solve(torque_nm=[0.0, 7.5, 15.0, 22.5, 30.0], pelvis="fixed")
            gained = np.diff(steps.regions_deg["lumbar"])
            for t0, g in zip([0.0, 7.5, 15.0, 22.5], gained):
                print(f"{t0:4.1f} -> {t0 + 7.5:4.1f} Nm: lumbar spine turns {g:4.1f} deg more")
            assert np.all(np.diff(gained) < 0), "each 7.5 Nm should buy less lumbar rotation than the last"
            """
        ),
        md(
            """
            **What it shows.** The first 7.5 Nm turns the lumbar spine a long way towards its block; every
            further 7.5 Nm buys less (the printout above), because the facets are in hard contact. The facet
            force does the opposite: it climbs faster once the block is reached. A twist forced past the
            block gains little lumbar rotation and a lot of facet load. Notebook 2 follows that up.

            <details><summary>Saved figure: lumbar rotation and facet force against the twisting torque (for reading without a kernel)</summary>

            <img src="img/01_block.png" alt="Lumbar rotation and facet force against the twisting torque" width="760">

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
            `sm.SpineModel(facet_lever_arm_mm=30)`; every figure and exercise follows the model you give it.

            ## 5. What the model leaves out

            * **Stiffness from dead tissue.** The curves come from cadaver segments tested without muscles
              (Niosi 2006, Wilke 2017, the 1986 large-load study). Living tissue, muscle tone and pain change
              them.
            * **One average, healthy, symmetric spine.** Left equals right; no degeneration, no
              individual variation (Niosi's L3-4 range was 2.1 ± 0.9 deg: people differ a lot).
            * **Axial rotation only.** No coupling with bending. In flexion the facets open and more
              rotation is available (Hindle, Pearcy et al. 1989, **R**), and rotation combined with flexion
              lowered the pressure at which discs failed (Veres et al. 2010, **R**): the model cannot show
              either.
            * **Several numbers are not measurements**: the per-level limits are textbook values (**U**, with
              a **D** adjustment), the lever arm is a textbook value (**U**), the facet gap and the corner
              rounding are modelling choices (**M**).
            * **Loads only for the lumbar levels.** Thoracic facets and ribs get no load estimate.
            * **Estimates, not thresholds of injury.** The model says how loads rise; it cannot say when a
              particular person's tissue is harmed.

            ## Summary

            * Lumbar facets stand near-sagittal, across the path of a twist; thoracic facets near-coronal,
              along it.
            * Each lumbar level turns only a few degrees; together they block near 15 degrees.
            * In series every joint carries the same torque and the angles add: the thoracic spine and the
              hips take most of a large turn.
            * Past the block, more torque buys little lumbar rotation and a steeply rising facet load.

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
            the lumbar spine; what happens when a stretch forces it past its block (facet compression and
            annulus shear rising); and how to explore it with the interactive explorer.
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
            floor. So the hips cannot take part and the whole turn has to come from the spine. **What does
            that ask of the lumbar spine?**
            """
        ),
        code(SETUP),
        code(
            """
            for name in ("seated_twist_stretch", "supine_knee_drop"):
                s = sm.SCENARIOS[name]
                print(f"{s.title}\\n  {s.description}\\n  inputs: {s.inputs}\\n  source: {s.source}\\n")
            """
        ),
        md(
            """
            The 20 Nm of the seated twist is a modelling choice (**M**): a firm pull of 100 N at 0.2 m, about
            2.7 times the 7.5 Nm used in the laboratory tests the model is built on. The 90 deg of the knee
            drop is geometry (**M**), an upper bound because the hips adduct a little in reality.

            ## 1. The seated twist

            ### Predict
            """
        ),
        *predict("seated_twist_lumbar", "10"),
        *predict("seated_twist_past_block", '"no"'),
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
            # The text below relies on these model results:
            assert seated.regions_deg["lumbar"] > seated.lumbar_cap_deg          # past the block
            assert seated.regions_deg["thoracic"] > 3 * seated.regions_deg["lumbar"]  # most of the turn is thoracic
            assert all(seated.zone[lv] == "beyond_limit" for lv in sm.LUMBAR_LEVELS)
            at_test_moment = model.solve(torque_nm=7.5, pelvis="fixed")
            ratio = seated.facet_force_n["L4-L5"]["contralateral"] / at_test_moment.facet_force_n["L4-L5"]["contralateral"]
            print(f"L4-L5 contralateral facet force: {ratio:.1f} times its value at 7.5 Nm - model estimate")
            assert ratio > 3  # "several times"
            """
        ),
        md(
            """
            **What it shows.** Most of what you *see* turning in a seated twist is the thoracic spine. The
            lumbar spine takes a small share, yet that share is past its block: every lumbar level is beyond
            its limit, and the contralateral facets carry several times the force they carry at the 7.5 Nm
            laboratory moment.

            <details><summary>Saved figure: the seated twist, level by level (for reading without a kernel)</summary>

            <img src="img/02_seated_levels.png" alt="The seated twist, level by level" width="760">

            </details>

            ## 2. Forcing past the block

            A stretch is held and often pushed a little further. What does each extra newton-metre do?

            ### Predict
            """
        ),
        *predict("facet_force_ratio", "2.7"),
        code(
            """
            torque = np.linspace(0.0, 40.0, 401)  # Nm, pelvis fixed
            sweep = model.solve(torque_nm=torque, pelvis="fixed")
            level = "L4-L5"
            thresholds = model.annulus_thresholds_pct(level)
            cap_torque = float(np.interp(model.lumbar_cap_deg, sweep.regions_deg["lumbar"], torque))

            fig, axes = plt.subplots(1, 3, figsize=(12, 4.2))
            axes[0].plot(torque, sweep.regions_deg["lumbar"], color=sm.styles.REGION_COLORS["lumbar"])
            axes[0].axhline(model.lumbar_cap_deg, color="k", ls="--", lw=1)
            axes[0].set_ylabel("lumbar rotation (deg)")
            axes[1].plot(torque, sweep.facet_force_n[level]["contralateral"], color=sm.styles.OKABE_ITO["vermillion"],
                         label="contralateral")
            axes[1].plot(torque, sweep.facet_force_n[level]["ipsilateral"], color=sm.styles.OKABE_ITO["orange"],
                         label="ipsilateral")
            axes[1].set_ylabel(f"facet compression, {level} (N)")
            axes[1].legend()
            axes[2].plot(torque, sweep.annulus_strain_pct[level], color=sm.styles.OKABE_ITO["reddish_purple"])
            axes[2].axhline(thresholds["at_limit"], color="k", ls="--", lw=1)
            axes[2].text(1, thresholds["at_limit"] + 0.3, "at the level's limit", fontsize=9)
            axes[2].set_ylabel(f"annulus shear strain, {level} (%)")
            for ax in axes:
                ax.axvspan(cap_torque, torque[-1], color=sm.styles.ZONE_COLORS["beyond_limit"], alpha=0.12, lw=0)
                ax.axvline(7.5, color="0.4", ls=":", lw=1)
                ax.set_xlabel("stretching torque (Nm)")
            fig.suptitle(f"Seated twist: past the block (shaded, from {cap_torque:.1f} Nm) - model estimate")
            plt.show()
            print(f"lumbar block reached at {cap_torque:.1f} Nm; 10-deg damage strain at {level}: "
                  f"{thresholds['damage']:.1f} %")
            """,
            image="02_past_the_block.png",
        ),
        code(
            """
            at_20 = model.solve(torque_nm=20.0, pelvis="fixed")
            # The text below relies on these model results:
            assert cap_torque < 20.0                                                    # 20 Nm is past the block
            assert at_20.annulus_strain_pct[level] > thresholds["at_limit"]             # strain past its limit value
            assert sweep.annulus_strain_pct[level].max() < thresholds["damage"]               # but below the 10-deg value
            f = sweep.facet_force_n[level]["contralateral"]
            assert np.all(np.diff(f[torque > cap_torque]) > np.diff(f[torque < cap_torque])[-1])  # steeper past the block
            """
        ),
        md(
            """
            **What it shows.** Below the block (unshaded) the lumbar rotation rises quickly with the torque.
            Past it (shaded), the lumbar rotation almost stops rising while the facet force climbs steeply:
            the facets take most of each extra newton-metre. The annulus strain passes its value at the
            levels' limits and keeps rising slowly.

            **And what it does not show.** At these torques the model's annulus strain stays below the
            strain of a 10 deg rotation, where isolated discs were first damaged in the laboratory (Adams &
            Hutton 1981, via Veres 2010, **R2**). The model does *not* say that one stretch injures a disc.
            It says that pushing a twist past the block loads the lumbar facets and annulus more and more
            for little extra lumbar rotation, and that the rotation you see is mostly thoracic. Torsion
            combined with flexion, which the model leaves out, lowered the pressure at which discs failed
            (Veres et al. 2010, **R**); slumped sitting during a seated twist adds flexion.

            <details><summary>Saved figure: past the block (for reading without a kernel)</summary>

            <img src="img/02_past_the_block.png" alt="Past the block" width="760">

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
            assert knee_drop.regions_deg["lumbar"] > knee_drop.lumbar_cap_deg
            assert knee_drop.torque_nm > seated.torque_nm  # the 90 deg knee drop pulls harder than the 20 Nm seated twist
            """
        ),
        md(
            """
            **What it shows.** Dropping the knees a right angle with the thorax flat asks even more of the
            chain than the seated twist: a larger torque, and the lumbar spine again past its block. Gravity
            on the legs supplies the pull; in reality the hips adduct a little and take part of the 90 deg,
            so the model's knee drop is an upper bound.

            ### All the scenarios at a glance
            """
        ),
        code(
            """
            drawn = plotting.plot_scenarios(model)
            plt.show()
            lumbar = {name: model.solve(scenario=name).regions_deg["lumbar"] for name in sm.SCENARIOS}
            # The text below relies on these model results:
            assert min(lumbar["seated_twist_stretch"], lumbar["supine_knee_drop"]) > model.lumbar_cap_deg
            assert max(lumbar["standing_turn"], lumbar["golf_backswing"], lumbar["hip_and_upper_back"]) < model.lumbar_cap_deg
            """,
            image="02_scenarios.png",
        ),
        md(
            """
            **What it shows.** The two stretches, which hold the pelvis or the thorax, end past the lumbar
            block; the turns that let the hips and the upper back work stay below it.

            ## 4. The explorer

            The explorer solves the model while you move sliders. Start it on the seated twist and try:

            1. Drag the **torque** down until no lumbar level is beyond its limit. What torque is that?
               Compare it with the block torque printed above.
            2. Set **pelvis** to `free` (standing, feet planted). How much of the same torque goes into the
               hips, and what happens to the lumbar spine?
            3. Raise **lumbar bracing** to 1. Does it keep the lumbar spine below its block at 20 Nm?

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

            * The stretching torques and the knee-drop angle are modelling choices (**M**), not measurements
              of real stretches.
            * The model has no flexion: a slumped seated twist, which adds flexion, is not modelled.
            * Stiffness curves come from cadaver segments without muscles; a relaxed stretch is the closest
              case, but tissue in a living person differs.
            * The loads are estimates for an average, healthy, symmetric spine: they are not thresholds of
              injury for anyone in particular.

            ## Summary

            * A seated twist or a knee drop holds the pelvis or the thorax, so the hips cannot help.
            * Most of the visible rotation is thoracic; the lumbar share is small but pushed past its block.
            * Past the block each extra newton-metre buys little lumbar rotation and a lot of facet load.

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

            **Study time:** 20-30 minutes. **You will learn** how a standing turn is shared between the hips,
            the lumbar and the thoracic spine; what stiff hips or a stiff upper back do to the lumbar spine;
            and what bracing the trunk muscles can and cannot do.

            {HOW_TO}
            """
        ),
        md(
            """
            ## The question

            Standing with the feet planted, turn the shoulders 100 deg (a full turn, about the shoulder turn
            of a golf backswing in McLean's X-factor numbers, **R**, low evidence). This time the pelvis is
            free: the hips can take part. **How is the turn shared, and what happens to the lumbar spine
            when one of the other two regions is stiff?**
            """
        ),
        code(SETUP),
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
            # The text below relies on these model results:
            assert standing.regions_deg["lumbar"] < standing.lumbar_cap_deg
            assert standing.regions_deg["thoracic"] > standing.regions_deg["hips"] > standing.regions_deg["lumbar"]
            """
        ),
        md(
            """
            **What it shows.** With the pelvis free, the thoracic spine takes the largest share, the hips the
            next, and the lumbar spine stays below its block, even with the muscles relaxed.

            <details><summary>Saved figure: how a standing turn is shared (for reading without a kernel)</summary>

            <img src="img/03_region_split.png" alt="How a standing turn is shared" width="760">

            </details>

            ## 1. Stiff hips, stiff upper back

            In the model, `hip_mobility` and `thoracic_mobility` scale how far those joints turn at a given
            torque (1 = the cited defaults, 0.5 = half as mobile). They stand for whatever makes a region
            stiff; the model does not say why it is stiff.

            ### Predict
            """
        ),
        *predict("stiff_hips_lumbar", '"same"'),
        *predict("which_stiffness_worse", '"hips"'),
        code(
            """
            mobility = np.linspace(0.3, 2.0, 35)
            lumbar_hips = [model.solve(scenario="standing_turn", hip_mobility=m).regions_deg["lumbar"] for m in mobility]
            lumbar_thor = [model.solve(scenario="standing_turn", thoracic_mobility=m).regions_deg["lumbar"] for m in mobility]

            fig, ax = plt.subplots(figsize=(8, 4.6))
            ax.plot(mobility, lumbar_hips, color=sm.styles.REGION_COLORS["hips"], label="changing the hips")
            ax.plot(mobility, lumbar_thor, color=sm.styles.REGION_COLORS["thoracic"], label="changing the upper back")
            ax.axhline(model.lumbar_cap_deg, color="k", ls="--", lw=1, label="lumbar block")
            ax.axvline(1.0, color="0.5", ls=":", lw=1)
            ax.text(1.02, ax.get_ylim()[1] * 0.95, "cited defaults", fontsize=9, va="top")
            ax.set_xlabel("mobility (1 = cited defaults; below 1 = stiffer)")
            ax.set_ylabel("lumbar rotation (deg)")
            ax.set_title("Standing 100 deg turn, relaxed - model estimate")
            ax.legend()
            plt.show()
            """,
            image="03_mobility.png",
        ),
        code(
            """
            stiff_hips = model.solve(scenario="standing_turn", hip_mobility=0.5)
            stiff_back = model.solve(scenario="standing_turn", thoracic_mobility=0.5)
            for name, pose in [("defaults", standing), ("stiff hips", stiff_hips), ("stiff upper back", stiff_back)]:
                r = pose.regions_deg
                print(f"{name:17s} hips {r['hips']:5.1f}  lumbar {r['lumbar']:5.1f}  thoracic {r['thoracic']:5.1f} deg"
                      f"  torque {pose.torque_nm:5.1f} Nm  L4-L5 facet {pose.facet_force_n['L4-L5']['contralateral']:6.0f} N")
            # The text below relies on these model results:
            assert stiff_hips.regions_deg["lumbar"] > standing.regions_deg["lumbar"]
            assert stiff_back.regions_deg["lumbar"] > stiff_hips.regions_deg["lumbar"] > stiff_hips.lumbar_cap_deg
            """
        ),
        md(
            """
            **What it shows.** The total is fixed at 100 deg, so whatever the hips or the upper back do not
            take must be taken by the spine that is left, and the torque through every joint rises. At half
            mobility either one pushes the lumbar spine past its block; a stiff upper back does it more,
            because twelve thoracic joints together carry the largest share of the turn. Making either
            region *more* mobile does the opposite.

            <details><summary>Saved figure: lumbar rotation against hip and thoracic mobility (for reading without a kernel)</summary>

            <img src="img/03_mobility.png" alt="Lumbar rotation against hip and thoracic mobility" width="760">

            </details>

            ## 2. Bracing

            Bracing (co-contracting the trunk muscles) stiffens the trunk: Gardner-Morse & Stokes 2001
            (J Biomech 34:457, **R**) measured trunk stiffness rising 36.8% between 20% and 40% of maximum
            effort. The model applies that rise to the lumbar levels (`lumbar_bracing` = 1). The
            **hip-led** strategy adds active turning by the hip and upper-back muscles; how much they add is
            a modelling choice (**M**), chosen so that a 100 deg hip-led turn leaves the lumbar spine well
            below its block.

            The figure after the prediction puts two extremes side by side at the same 100 deg: a forced
            stretch (`plotting.FORCED_STRETCH`: seated, upper back at 0.7 mobility, muscles relaxed) and
            the hip-and-upper-back turn athletes are taught (`plotting.HIP_AND_UPPER_BACK`: standing,
            hip-led).

            ### Predict
            """
        ),
        *predict("bracing_keeps_below_cap", '"yes"'),
        code(
            """
            print("forced stretch:", plotting.FORCED_STRETCH)
            print("hips and upper back:", plotting.HIP_AND_UPPER_BACK)
            assert plotting.FORCED_STRETCH["pelvis"] == "fixed" and plotting.FORCED_STRETCH["thoracic_mobility"] == 0.7
            drawn = plotting.plot_strategies(model, total_deg=100.0)
            plt.show()
            """,
            image="03_strategies.png",
        ),
        code(
            """
            relaxed = model.solve(scenario="seated_twist_stretch")
            braced = model.solve(scenario="braced_seated_twist")
            for name, pose in [("seated, relaxed", relaxed), ("seated, braced", braced)]:
                print(f"{name:16s} lumbar {pose.regions_deg['lumbar']:5.1f} deg (block {pose.lumbar_cap_deg:g})  "
                      f"L4-L5 facet {pose.facet_force_n['L4-L5']['contralateral']:4.0f} N")
            for strategy in ("passive", "braced", "hip_led"):
                pose = model.solve(total_deg=100.0, pelvis="free", strategy=strategy)
                print(f"standing 100 deg, {strategy:8s} hips {pose.regions_deg['hips']:5.1f}  lumbar "
                      f"{pose.regions_deg['lumbar']:5.1f}  thoracic {pose.regions_deg['thoracic']:5.1f} deg")
            assert braced.regions_deg["lumbar"] < relaxed.regions_deg["lumbar"]  # bracing helps...
            assert braced.regions_deg["lumbar"] > braced.lumbar_cap_deg  # ...but seated, it does not fix
            hip_led = model.solve(total_deg=100.0, pelvis="free", strategy="hip_led")
            assert hip_led.regions_deg["lumbar"] < model.solve(total_deg=100.0, pelvis="free", strategy="braced").regions_deg["lumbar"]
            """
        ),
        md(
            """
            **What it shows.** The same 100 deg is a very different thing for the lumbar spine: forced past
            its block in the stretch, well below it in the hip-and-upper-back turn. Bracing alone lowers the
            lumbar rotation and the facet force under the same pull, but while seated it cannot make the
            hips take part: it helps, it does not fix. Standing, the largest drop comes from the hip-led
            turn, which moves rotation into the hips and the upper back. (The size of that drop rests on the
            drive gains, which are modelling choices.)

            <details><summary>Saved figure: strategies compared (for reading without a kernel)</summary>

            <img src="img/03_strategies.png" alt="Strategies compared" width="760">

            </details>

            ## 3. Explore

            Start the explorer on the standing turn. Try, predicting first:

            1. Lower **hip mobility** step by step: at what value does the first lumbar level go beyond its
               limit?
            2. Put hip mobility back to 1 and lower **thoracic mobility** instead. Same question.
            3. With thoracic mobility at 0.5, switch the **strategy** to `hip_led`. Is the lumbar spine back
               below its block?
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
            * The bracing gain comes from whole-trunk stiffness measurements and is applied to the lumbar
              levels only; the hip and thoracic drive gains are modelling choices (**M**) with no direct
              measurement.
            * The model has no flexion, no side-bending, no fatigue and no timing: it compares end poses.

            ## Summary

            * In a standing turn the thoracic spine and the hips take most of the rotation.
            * Stiff hips or, more so, a stiff upper back push rotation down into the lumbar spine, past its
              block.
            * Bracing helps a little; the large gain comes from turning with the hips and the upper back.

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
            hips, lumbar and thoracic spine, what the X-factor is made of, how large a turn each strategy
            allows before the lumbar block, and why, in this model, the answer for golfers, dancers and
            gymnasts is the same: rotation from the hips and the upper back.

            {HOW_TO}
            """
        ),
        md(
            """
            ## The question

            Golfers, dancers and gymnasts need large trunk rotations, often repeated many times. The lumbar
            spine has the same small range in them as in anyone else (notebook 1). **Where can an athlete's
            rotation come from, and what happens if it comes from the wrong place?**
            """
        ),
        code(SETUP),
        md(
            """
            ## 1. The golf backswing

            McLean's X-factor numbers (Golf Digest 2010; **R**, low evidence: a coaching article, not a
            measurement study) describe a full backswing as a shoulder turn of about 100 deg over a hip
            (pelvis) turn of about 45-60 deg. The **X-factor** is the difference: the turn of the shoulders
            relative to the pelvis, i.e. everything the spine does.

            The model's `golf_backswing` turns the shoulders 100 deg the way athletes are taught: the hips
            turn the pelvis, the upper back rotates, the low back is braced (`strategy="hip_led"`).

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
            print("McLean's reference:", ref)
            drawn = plotting.plot_golf_backswing(model)
            plt.show()
            """,
            image="04_golf.png",
        ),
        code(
            """
            # The text below relies on these model results:
            lo, hi = ref["hip_turn_deg"]
            assert golf.regions_deg["lumbar"] < 0.6 * golf.lumbar_cap_deg   # well below the block
            assert golf.regions_deg["hips"] < lo                            # below McLean's hip turn
            assert golf.regions_deg["thoracic"] > 5 * golf.regions_deg["lumbar"]
            """
        ),
        md(
            """
            **What it shows.** Hip-led, the lumbar spine stays well below its block; the X-factor is made
            almost entirely by the thoracic spine. The model's hip turn falls *below* McLean's 45-60 deg: the
            model turns the pelvis over planted thighs only and has no knees or feet, which in a real swing
            also let the pelvis turn. So the model's spine does more of the turn than a real golfer's: if
            anything it overstates the lumbar share.

            <details><summary>Saved figure: the golf backswing in the model (for reading without a kernel)</summary>

            <img src="img/04_golf.png" alt="The golf backswing in the model" width="760">

            </details>

            ### Predict: a golfer with a stiff upper back
            """
        ),
        *predict("stiff_upper_back_golfer", '"no"'),
        code(
            """
            stiff_golfer = model.solve(scenario="golf_backswing", thoracic_mobility=0.5)
            print(stiff_golfer)
            assert stiff_golfer.regions_deg["lumbar"] > golf.regions_deg["lumbar"]  # guards the text below
            drawn = plotting.plot_levels(model, stiff_golfer)
            plt.show()
            """,
            image="04_stiff_golfer_levels.png",
        ),
        md(
            """
            **What it shows.** Good technique cannot make up for an upper back that does not turn: the
            rotation it does not take is taken by the lumbar spine, pushed towards or past its block, with
            every backswing.

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
            mobility by the ratio of the two group means and repeats the 100 deg hip-led turn, read now as a
            turn over the lead hip. This is a crude transfer (one number for both hips, a passive range
            measured lying down, a fast swing treated as a still pose), meant to show the direction, not the
            size.
            """
        ),
        code(
            """
            ratio = 21.14 / 31.06  # Murray et al. 2009: lead hip passive internal rotation, pain / no pain (R)
            golfer_pain_hips = model.solve(scenario="golf_backswing", hip_mobility=ratio)
            print(f"hip mobility scaled to {ratio:.2f}")
            for name, pose in [("defaults", golf), ("hips as in the pain group", golfer_pain_hips)]:
                r = pose.regions_deg
                print(f"{name:26s} hips {r['hips']:5.1f}  lumbar {r['lumbar']:5.1f} (block {pose.lumbar_cap_deg:g})"
                      f"  thoracic {r['thoracic']:5.1f} deg   L4-L5 facet {pose.facet_force_n['L4-L5']['contralateral']:4.0f} N")
            assert golfer_pain_hips.regions_deg["lumbar"] > golf.regions_deg["lumbar"]
            """
        ),
        md(
            """
            **What it shows.** In the model, less hip rotation sends more of the same backswing into the
            lumbar spine and raises its facet load: the mechanical direction matches the association the
            studies found. The model cannot say whether the stiff hip came first or the pain did.

            ## 2. How big a turn before the block?

            Dance and gymnastics ask for rotations that differ from skill to skill, and the literature this
            model is built on has no numbers for them. The model can answer a general question instead: **how
            large a turn can each strategy make before the lumbar spine reaches its block?**
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
            budget = {}
            fig, ax = plt.subplots(figsize=(9, 4.8))
            for label, cond in conditions.items():
                total = np.linspace(0.0, 0.999 * model.reachable_deg(**cond), 600)
                pose = model.solve(total_deg=total, **cond)
                lumbar = pose.regions_deg["lumbar"]
                budget[label] = float(np.interp(model.lumbar_cap_deg, lumbar, total))
                ax.plot(total, lumbar, label=f"{label}: block at {budget[label]:.0f} deg")
            ax.axhline(model.lumbar_cap_deg, color="k", ls="--", lw=1)
            ax.set_xlim(0, 200)
            ax.set_ylim(0, 30)
            ax.set_xlabel("total trunk turn (deg)")
            ax.set_ylabel("lumbar rotation (deg)")
            ax.set_title("Turn available before the lumbar block - model estimate")
            ax.legend(fontsize=8.5, loc="upper left")
            plt.show()
            """,
            image="04_turn_budget.png",
        ),
        code(
            """
            for label, value in budget.items():
                print(f"{label:40s} {value:6.1f} deg before the lumbar block")
            # The text below relies on this order:
            b = list(budget.values())
            assert b[0] < b[1] < b[2] < b[3] and b[4] < b[3]
            """
        ),
        md(
            """
            **What it shows.** The same lumbar spine allows very different total turns depending on where
            the rest comes from. With the pelvis held (sitting, lying) the block comes soonest; standing,
            the hips add their share; bracing adds a little more; turning actively with the hips and the
            upper back allows the largest turn before the block. A stiff upper back takes much of that gain
            away again.

            <details><summary>Saved figure: turn available before the block (for reading without a kernel)</summary>

            <img src="img/04_turn_budget.png" alt="Turn available before the block" width="760">

            </details>

            ## 3. Why treating their low back pain means teaching rotation

            The model gives a mechanical reason for what athletes are taught: for a given turn, the lumbar
            spine's rotation and its facet and annulus loads are lowest when the hips and the upper back
            supply the turn, and highest when they cannot (stiff, or held still). Stretching the low back
            into more rotation works against this: the lumbar spine has little range to give, and forcing it
            past its block raises its loads (notebook 2). In the model's terms, the lever that changes the
            lumbar load is the *other* joints: hip and thoracic mobility, and a turn that uses them.

            What the model cannot say: whether a particular athlete's pain comes from the lumbar facets or
            disc, what exercise suits them, or how fast tissue adapts. That is a clinician's judgement.

            ## 4. Explore

            Start the explorer on the golf backswing and try, predicting first:

            1. Lower **hip mobility** to 0.5: how much does the lumbar rotation rise?
            2. Switch the **strategy** to `passive` at the same 100 deg: what changes?
            3. Raise the **total** until the first lumbar level goes beyond its limit.
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

            * McLean's numbers are a coaching article (**R**, low evidence), not a measurement study.
            * The golf hip studies are cross-sectional associations; transferring their group means to the
              model's hip mobility is a crude illustration.
            * No knees or feet: the model's hip turn (about 30 deg) is below McLean's 45-60 deg.
            * The hip-led strategy's drive gains are modelling choices (**M**), chosen so that a 100 deg
              hip-led turn leaves the lumbar spine well below its block; the golf result partly reflects
              that choice.
            * End poses only: no speed, no impact, no repetition, no fatigue. The downswing, which is fast,
              is not modelled.
            * No flexion or side-bending, which golf, dance and gymnastics combine with rotation.

            ## Summary

            * In a hip-led backswing the thoracic spine makes the X-factor; the lumbar spine stays well below
              its block.
            * A stiff upper back or stiff hips move rotation back into the lumbar spine.
            * The turn available before the lumbar block grows from pelvis held, to standing, to braced, to
              hip-led.

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
            | `plot_region_split(model, pose=None, **conditions)` | how a turn is shared by hips, lumbar, thoracic | notebook 3 |
            | `plot_loads(model, pose=None, **conditions)` | facet force and annulus strain against the turn | notebooks 2, 5 |
            | `plot_levels(model, pose)` | every joint's angle and zone, lumbar loads | notebooks 2, 4 |
            | `plot_top_view(model, pose)` | the trunk from above: pelvis, lumbar, shoulders | notebook 2 |
            | `plot_column(model, pose)` | the column level by level, coloured by zone | notebook 5 |
            | `plot_strategies(model, total_deg=100.0)` | a forced stretch and the hip-led turn, same total | notebook 3 |
            | `plot_hip_stiffness(model, pose=None)` | lumbar rotation against the total for several hip mobilities | notebook 5 |
            | `plot_golf_backswing(model)` | the hip-led backswing against McLean's numbers | notebook 4 |
            | `plot_scenarios(model)` | every named scenario's lumbar rotation against the block | notebook 2 |

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
                "strategies": lambda: plotting.plot_strategies(model, total_deg=100.0),
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
                drawn.artists["title"].set_text("Seated twist stretch, 20 Nm (paper style)")
                plt.show()
            """,
            image="05_paper_style.png",
        ),
        code(
            """
            # Slides with identical layout: one figure, updated pose by pose, saved after each update.
            drawn = plotting.plot_column(model, model.solve(total_deg=20.0, pelvis="fixed"))
            for total in (20.0, 40.0, 60.0, 86.0):
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
            twist stretch whose torque grows to 40 Nm, the top view beside the loads, the pose moving past
            the lumbar block. From Python it is `spinemodel.figures.save_stretch_animation`; the cell below
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

            1. Notebook 1, sections 1-2: facet orientation and per-level ranges (10 min); predict the block.
            2. Notebook 2: the seated twist in the explorer, students predicting each slider move (15 min).
            3. Notebook 3: stiff hips against a stiff upper back (10 min).
            4. Notebook 4: the golf backswing and the turn available before the block (10 min).
            5. The honest limits (every notebook ends with them) and questions (5 min).

            ## 6. Limits to state in a lecture

            The model is built from cadaver data without muscles; it is symmetric, average and healthy; it
            has no flexion coupling; the hip and thoracic drive gains are modelling choices (**M**); the golf
            hip turn is below McLean's because knees and feet are not modelled. It estimates loads; it does
            not diagnose and it is not medical advice.
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
            part: a twist made from the hips and the upper back puts less rotation into the lumbar spine than
            one made with the pelvis still.
            """
        ),
        code(
            """
            for label, cond in [
                ("feet planted, pelvis still (fixed)", dict(pelvis="fixed")),
                ("feet planted, pelvis free, relaxed", dict(pelvis="free")),
                ("turning with hips and upper back", dict(pelvis="free", strategy="hip_led")),
            ]:
                pose = model.solve(total_deg=60.0, **cond)
                force = pose.facet_force_n["L4-L5"]["contralateral"]
                print(f"60 deg turn, {label:36s} lumbar {pose.regions_deg['lumbar']:5.1f} deg "
                      f"(block {pose.lumbar_cap_deg:g}), L4-L5 facet {force:5.0f} N")
            print("(0 N: the facets have not yet touched; in the model they touch a third of the way to the limit, M)")
            lumbar = [model.solve(total_deg=60.0, **c).regions_deg["lumbar"]
                      for c in (dict(pelvis="fixed"), dict(pelvis="free", strategy="hip_led"))]
            assert lumbar[1] < lumbar[0]  # guards the text above
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
            * Where the model does speak, the answer is the same as before: take rotation from the hips and
              the upper back, not the lumbar spine.
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
