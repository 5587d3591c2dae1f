"""Command line: ``python -m spinemodel pose|scenarios|parameters|validate|sensitivity|figures|notebooks``.

Installed with pip, the same commands run as ``spinemodel ...``. Bad input prints one
line to stderr and exits with status 2, never a traceback; so does a command that needs
the ``notebooks`` extra on a plain install (the line names the pip command). No
arguments print the usage and point to ``--help``.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Sequence
from importlib.util import find_spec
from pathlib import Path

from ._extras import ANALYSIS_INSTALL_COMMAND, INSTALL_COMMAND, MissingExtrasError
from .anatomy import LEVELS, LUMBAR_LEVELS, PARAMETERS, THORACIC_LEVELS
from .model import LABEL, MOBILITY_RANGE, PELVIS_CONDITIONS, SpineModel
from .population import VARIATION
from .scenarios import REACH, SCENARIOS, STRATEGIES

__all__ = ["main", "build_parser", "format_pose", "format_band", "SIGN_CONVENTION"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, no usage block
        raise _UsageError(f"{self.prog}: {message}")


class _UsageError(Exception):
    pass


#: What the sign of a rotation or torque means (the ``pose`` command's help).
SIGN_CONVENTION = (
    "Sign: the model is left-right symmetric. A positive --total-deg or --torque-nm turns the trunk "
    "one way and a negative one the other way by the same amount (the figures draw positive as a turn "
    "to the left, counter-clockwise seen from above). Angles and torque take the sign; facet forces, "
    "annulus strains and zones do not ('contralateral' is always the facet on the side away from the "
    "turn, the one pressed together)."
)


def _default_prog() -> str:
    """``spinemodel`` when run as the installed script, else ``python -m spinemodel``."""
    return "spinemodel" if Path(sys.argv[0]).stem == "spinemodel" else "python -m spinemodel"


def build_parser(prog: str = "python -m spinemodel") -> argparse.ArgumentParser:
    """The argument parser of ``python -m spinemodel`` (``spinemodel`` when installed)."""
    parser = _Parser(
        prog=prog,
        description=f"spinemodel: why the low back resists twisting ({LABEL}).",
        epilog=f"Run '{prog} COMMAND --help' for a command's options.",
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    pose = sub.add_parser(
        "pose",
        help="solve one pose and print it (a table, or JSON with --json)",
        description="Solve one pose and print it. Give --total-deg, --torque-nm or --scenario.",
        epilog=SIGN_CONVENTION,
    )
    drive = pose.add_mutually_exclusive_group()
    drive.add_argument(
        "--total-deg",
        type=float,
        metavar="DEG",
        help="total rotation of the shoulders over the feet (deg), up to the reach of the conditions "
        "(the error names it); the sign is the direction",
    )
    drive.add_argument(
        "--torque-nm",
        type=float,
        metavar="NM",
        help="stretching torque (Nm), up to the torque at the reach; the sign is the direction",
    )
    pose.add_argument(
        "--scenario", choices=sorted(SCENARIOS), help="a named preset (listed by the scenarios command)"
    )
    pose.add_argument(
        "--pelvis",
        choices=PELVIS_CONDITIONS,
        help="free (standing, feet planted: the legs and hips turn too; default) or fixed (seated, or the "
        "thorax held)",
    )
    pose.add_argument(
        "--strategy",
        choices=sorted(STRATEGIES),
        help="passive (relaxed, default), braced (low back braced) or hip_led (knees flexed, the hips turn "
        "the pelvis by golfers' share; needs --pelvis free)",
    )
    low, high = MOBILITY_RANGE
    pose.add_argument(
        "--hip-mobility",
        type=float,
        help=f"scale of the hips' rotation and range (1 = the cited defaults, {low:g} to {high:g})",
    )
    pose.add_argument(
        "--thoracic-mobility",
        type=float,
        help=f"scale of the thoracic spine's rotation and range (1 = the cited defaults, {low:g} to "
        f"{high:g})",
    )
    pose.add_argument(
        "--lumbar-bracing", type=float, help="0 (relaxed) to 1 (braced); overrides the strategy's"
    )
    pose.add_argument(
        "--spread",
        type=int,
        metavar="N",
        help="solve the pose for N model bodies drawn from the published spreads (2 to 100000) and print "
        "each output's 5th, 50th and 95th percentile",
    )
    pose.add_argument(
        "--seed", type=int, default=0, help="seed of the bodies' random draws with --spread (default 0)"
    )
    pose.add_argument(
        "--json",
        action="store_true",
        help="print Pose.to_dict() as JSON (with --spread: the low, median and high dictionaries)",
    )

    sub.add_parser("scenarios", help="list the named presets")
    sub.add_parser("parameters", help="list every default parameter with its source")

    validate = sub.add_parser(
        "validate",
        help="the model's population against every published observation it uses or meets",
        description="Compare the model with published observations: for each, the published value and its "
        "spread, and the model's median and 5-95%% band over a population of bodies (computed now).",
    )
    validate.add_argument("--n", type=int, default=1000, help="bodies in the population (2 to 100000; 1000)")
    validate.add_argument("--seed", type=int, default=0, help="seed of the population (default 0)")
    validate.add_argument("--json", action="store_true", help="print the rows as a JSON list")

    sens = sub.add_parser(
        "sensitivity",
        help="rank the parameters by the share of an output's spread each explains (needs SALib)",
        description="First-order sensitivity indices of one output over a population of bodies, from the "
        f"population sample (SALib's given-data estimators). Needs the extra: {ANALYSIS_INSTALL_COMMAND}",
    )
    sens.add_argument(
        "--output",
        default="lumbar",
        help="lumbar (default), thoracic, pelvis, hips, legs, total, torque, facet_force or lumbar_share",
    )
    sens_drive = sens.add_mutually_exclusive_group()
    sens_drive.add_argument("--total-deg", type=float, metavar="DEG", help="total rotation (deg)")
    sens_drive.add_argument("--torque-nm", type=float, metavar="NM", help="stretching torque (Nm)")
    sens.add_argument("--scenario", choices=sorted(SCENARIOS), help="a named preset")
    sens.add_argument("--pelvis", choices=PELVIS_CONDITIONS, help="free (default) or fixed")
    sens.add_argument("--strategy", choices=sorted(STRATEGIES), help="passive (default), braced or hip_led")
    sens.add_argument("--n", type=int, default=1000, help="bodies in the population (200 to 100000; 1000)")
    sens.add_argument("--seed", type=int, default=0, help="seed of the population (default 0)")
    sens.add_argument("--top", type=int, default=10, help="parameters to list (default 10)")
    sens.add_argument("--json", action="store_true", help="print every parameter's indices as JSON")

    figures = sub.add_parser(
        "figures",
        help="write the lecture figure set and an index",
        description=f"Write the lecture figure set and an index.md. Needs the extras: {INSTALL_COMMAND}",
    )
    figures.add_argument("--out", required=True, help="output folder (created if missing)")
    figures.add_argument("--style", default="lecture", help="lecture, notebook or paper")
    figures.add_argument("--format", default="png", help="comma-separated: png,svg,pdf")
    figures.add_argument(
        "--dpi",
        type=float,
        default=None,
        help="PNG resolution (dots per inch, 10 to 1200; default: the style's)",
    )
    figures.add_argument("--animate", action="store_true", help="also write the stretch-sweep animation")

    notebooks = sub.add_parser(
        "notebooks",
        help="copy the teaching notebooks and their images into a folder",
        description=(
            "Copy the teaching notebooks and their images into DIR, then open them with "
            f"'jupyter lab DIR' (JupyterLab comes with: {INSTALL_COMMAND})."
        ),
    )
    notebooks.add_argument("dir", metavar="DIR", help="target folder (created if missing)")
    notebooks.add_argument("--force", action="store_true", help="overwrite notebooks already in DIR")
    notebooks.add_argument(
        "--instructor",
        action="store_true",
        help="also copy the lecturer material (answer key, lecture notes) into DIR/instructor/",
    )
    return parser


def _end_of_range(pose) -> str:
    """What ends the turn, when a joint other than a lumbar level is at its tolerance; else ''."""
    at_end = pose.joints_at_range_end()
    parts = []
    if any(lv in THORACIC_LEVELS for lv in at_end):
        thoracic_max = sum(pose.tolerances_deg[lv] for lv in THORACIC_LEVELS)
        parts.append(f"the thoracic spine is at its in vivo maximum ({thoracic_max:.1f} deg)")
    lower = [lv for lv in ("legs", "hips") if lv in at_end]
    if lower:
        ranges = ", ".join(f"{lv} {pose.tolerances_deg[lv]:.1f}" for lv in lower)
        parts.append(f"the {' and '.join(lower)} are at the end of their range ({ranges} deg)")
    return " and ".join(parts)


def format_pose(pose) -> str:
    """A readable table of one pose, with what its zones mean and what ends the turn."""
    r = pose.regions_deg
    cap = pose.lumbar_cap_deg
    lumbar_tolerance = max(pose.tolerances_deg[lv] for lv in LUMBAR_LEVELS)
    lines = [
        f"spinemodel pose: {LABEL}",
        "  conditions: " + ", ".join(f"{k}={v}" for k, v in pose.conditions.items() if v is not None),
        f"  total rotation {pose.total_deg:7.2f} deg   torque {pose.torque_nm:6.2f} Nm"
        + (" (the spine's; the hip muscles turn the pelvis)" if pose.conditions["hip_led"] else ""),
        f"  pelvis {r['pelvis']:6.2f} deg (legs {r['legs']:.2f} + hips {r['hips']:.2f})   "
        f"lumbar {r['lumbar']:6.2f} deg (block at {cap:.1f})   thoracic {r['thoracic']:6.2f} deg",
        "",
        f"  {'joint':8s} {'angle deg':>9s}  {'zone':16s} "
        f"{'facet contra N':>14s} {'ipsi N':>7s} {'annulus %':>9s}",
    ]
    for level in LEVELS:
        row = f"  {level:8s} {pose.levels_deg[level]:9.2f}  {pose.zone[level]:16s}"
        if level in LUMBAR_LEVELS:
            f = pose.facet_force_n[level]
            row += (
                f" {f['contralateral']:14.1f} {f['ipsilateral']:7.1f} {pose.annulus_strain_pct[level]:9.2f}"
            )
        lines.append(row.rstrip())
    lines += [
        "",
        "  ipsi N is 0: the ipsilateral facets gap in pure axial rotation; only the contralateral facet is "
        "pressed together.",
        "  zones: neutral, elastic = inside the joint's measured range (elastic up to its limit, the end of "
        "that range, as the figures mark it); "
        "lumbar beyond_limit = past the level's measured range (the facet block), "
        f"beyond_tolerance = past {lumbar_tolerance:g} deg (failure, an upper bound); thoracic, hips, legs "
        "beyond_limit = past the range measured at the test moment (no block), beyond_tolerance = past the "
        "in vivo or anatomical maximum.",
    ]
    end = _end_of_range(pose)
    if end:
        lines.append(f"  end of range: {end}; the turn can go no further under these conditions.")
    return "\n".join(lines)


def _pose_command(args: argparse.Namespace) -> int:
    kwargs = {}
    for name in (
        "total_deg",
        "torque_nm",
        "pelvis",
        "strategy",
        "hip_mobility",
        "thoracic_mobility",
        "lumbar_bracing",
    ):
        value = getattr(args, name)
        if value is not None:
            kwargs[name] = value
    if args.scenario is None and "total_deg" not in kwargs and "torque_nm" not in kwargs:
        raise ValueError("give --total-deg, --torque-nm or --scenario")
    if args.spread is not None:
        band = SpineModel().spread(scenario=args.scenario, n=args.spread, seed=args.seed, **kwargs)
        print(json.dumps(band.to_dict(), indent=2) if args.json else format_band(band))
        return 0
    pose = SpineModel().solve(scenario=args.scenario, **kwargs)
    if args.json:
        print(json.dumps(pose.to_dict(), indent=2))
    else:
        print(format_pose(pose))
    return 0


def format_band(band) -> str:
    """A readable table of a pose's spread over a population: each output's low, median and high."""
    q = [f"{100 * x:g}%" for x in band.quantiles]
    lo, mid, hi = band.low, band.median, band.high
    rows = [("total rotation (deg)", lo.total_deg, mid.total_deg, hi.total_deg)]
    rows.append(("torque (Nm)", lo.torque_nm, mid.torque_nm, hi.torque_nm))
    for region in ("legs", "hips", "pelvis", "lumbar", "thoracic"):
        rows.append(
            (f"{region} (deg)", lo.regions_deg[region], mid.regions_deg[region], hi.regions_deg[region])
        )
    for level in LUMBAR_LEVELS:
        rows.append((f"{level} (deg)", lo.levels_deg[level], mid.levels_deg[level], hi.levels_deg[level]))
    for level in LUMBAR_LEVELS:
        force = [p.facet_force_n[level]["contralateral"] for p in (lo, mid, hi)]
        rows.append((f"{level} pressed facet (N)", *force))
    conditions = ", ".join(f"{k}={v}" for k, v in band.conditions.items() if v is not None)
    lines = [
        f"spinemodel pose --spread {band.n}: {LABEL}",
        f"  conditions: {conditions}",
        f"  {band.n} model bodies drawn from the published spreads (seed {band.seed}); "
        f"{100 * band.fraction_reached:.0f}% of them can take this pose, the percentiles are over those",
        f"  {'output':<26}{q[0]:>10}{q[1]:>10}{q[2]:>10}",
    ]
    lines += [f"  {name:<26}{a:>10.2f}{b:>10.2f}{c:>10.2f}" for name, a, b, c in rows]
    lines.append(
        "  each output's percentile is taken on its own (the low regions need not add up to the low total); "
        f"{100 * band.acceptance:.0f}% of the draws were possible bodies"
    )
    return "\n".join(lines)


def _scenarios_command() -> int:
    model = SpineModel()
    print(f"spinemodel scenarios: {LABEL}")
    for name, scenario in SCENARIOS.items():
        pose = model.solve(scenario=name)
        inputs = ", ".join(f"{k}={v}" for k, v in scenario.inputs.items())
        print(f"{name}: {scenario.title}")
        print(f"    {scenario.description}")
        print(f"    inputs: {inputs}")
        if scenario.inputs.get("total_deg") == REACH:
            end = _end_of_range(pose)
            print(
                f"    reach: {pose.total_deg:.1f} deg at {pose.torque_nm:.2f} Nm, as far as the body can "
                "turn under these conditions" + (f"; there {end}" if end else "")
            )
        r = pose.regions_deg
        print(
            f"    model estimate: total {pose.total_deg:.1f} deg at {pose.torque_nm:.2f} Nm; pelvis "
            f"{r['pelvis']:.1f} (legs {r['legs']:.1f} + hips {r['hips']:.1f}), lumbar {r['lumbar']:.1f} "
            f"(block at {pose.lumbar_cap_deg:.1f}), thoracic {r['thoracic']:.1f} deg"
        )
        print(f"    source: {scenario.source}")
    return 0


def _parameters_command() -> int:
    print(
        "spinemodel parameters: every default, its bounds and its source. Marks: R read in the source, "
        "R2 read in a secondary source, D derived from R values, U not verified against the source, "
        "M a modelling choice"
    )
    for name, cited in PARAMETERS.items():
        low, high = cited.bounds
        print(
            f"{name} = {cited.value:g} {cited.unit} [{cited.mark}]  bounds [{low:g}, {high:g}] {cited.unit}"
        )
        print(f"    source: {cited.source}")
        if cited.spread:
            print(f"    spread: {cited.spread}")
        variation = VARIATION[name]
        if variation.kind == "fixed":
            print(f"    between bodies: fixed ({variation.note})")
        else:
            print(
                f"    between bodies: {variation.describe(cited.unit)} [{variation.mark}], {variation.source}"
            )
        if cited.note:
            print(f"    note: {cited.note}")
    return 0


def _validate_command(args: argparse.Namespace) -> int:
    from .evidence import format_validation, validate

    rows = validate(n=args.n, seed=args.seed)
    if args.json:
        print(json.dumps([row.to_dict() for row in rows], indent=2))
    else:
        print(format_validation(rows))
    return 0


def _sensitivity_command(args: argparse.Namespace) -> int:
    from .sensitivity import format_sensitivity

    pose = {
        name: getattr(args, name)
        for name in ("total_deg", "torque_nm", "scenario", "pelvis", "strategy")
        if getattr(args, name) is not None
    }
    if not {"total_deg", "torque_nm", "scenario"} & set(pose):
        raise ValueError("give --total-deg, --torque-nm or --scenario")
    if args.top < 1:
        raise ValueError(f"--top = {args.top} must be at least 1")
    result = SpineModel().sensitivity(args.output, n=args.n, seed=args.seed, **pose)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        print(format_sensitivity(result, args.top))
    return 0


def _notebooks_command(args: argparse.Namespace) -> int:
    from .notebook_files import copy_notebooks

    try:
        written = copy_notebooks(args.dir, overwrite=args.force, instructor=args.instructor)
    except FileNotFoundError as exc:  # a broken installation: say so in one line
        raise ValueError(str(exc)) from None
    count = sum(1 for path in written if path.suffix == ".ipynb")
    target = Path(args.dir).expanduser()
    print(f"copied {count} notebooks and {len(written) - count} images to {target}")
    print(f"open them with: jupyter lab {shlex.quote(str(target))}")
    if find_spec("jupyterlab") is None:
        print(f"JupyterLab is not installed here; first run: {INSTALL_COMMAND}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser(_default_prog())
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            print(parser.format_usage().rstrip(), file=sys.stderr)
            print(f"Run '{parser.prog} --help' for the commands and what they do.", file=sys.stderr)
            return 2
        if args.command == "pose":
            return _pose_command(args)
        if args.command == "scenarios":
            return _scenarios_command()
        if args.command == "parameters":
            return _parameters_command()
        if args.command == "notebooks":
            return _notebooks_command(args)
        if args.command == "validate":
            return _validate_command(args)
        if args.command == "sensitivity":
            return _sensitivity_command(args)
        from .figures import run_figures_command  # matplotlib only when figures are asked for

        return run_figures_command(args)
    except (_UsageError, ValueError, TypeError, MissingExtrasError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into head
        return 0
