"""Command line: ``python -m spinemodel pose|scenarios|parameters|figures|notebooks``.

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

from ._extras import INSTALL_COMMAND, MissingExtrasError
from .anatomy import LEVELS, LUMBAR_LEVELS, parameter_table
from .model import LABEL, PELVIS_CONDITIONS, SpineModel
from .scenarios import SCENARIOS, STRATEGIES

__all__ = ["main", "build_parser", "format_pose", "SIGN_CONVENTION"]


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
        "--total-deg", type=float, metavar="DEG", help="total trunk rotation (deg); the sign is the direction"
    )
    drive.add_argument(
        "--torque-nm",
        type=float,
        metavar="NM",
        help="stretching torque (Nm); the sign is the direction",
    )
    pose.add_argument("--scenario", choices=sorted(SCENARIOS), help="a named preset")
    pose.add_argument("--pelvis", choices=PELVIS_CONDITIONS, help="free (standing) or fixed (seated)")
    pose.add_argument("--strategy", choices=sorted(STRATEGIES), help="what the muscles do")
    pose.add_argument("--hip-mobility", type=float, help="scale of hip rotation (1 = default, 0.1 to 3)")
    pose.add_argument(
        "--thoracic-mobility", type=float, help="scale of thoracic rotation (1 = default, 0.1 to 3)"
    )
    pose.add_argument("--lumbar-bracing", type=float, help="0 (relaxed) to 1 (braced)")
    pose.add_argument("--json", action="store_true", help="print Pose.to_dict() as JSON")

    sub.add_parser("scenarios", help="list the named presets")
    sub.add_parser("parameters", help="list every default parameter with its source")

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
    return parser


def format_pose(pose) -> str:
    """A readable table of one pose."""
    lines = [
        f"spinemodel pose ({LABEL})",
        "  conditions: " + ", ".join(f"{k}={v}" for k, v in pose.conditions.items() if v is not None),
        f"  total rotation {pose.total_deg:7.2f} deg   torque {pose.torque_nm:6.2f} Nm",
        f"  hips {pose.regions_deg['hips']:6.2f} deg   lumbar {pose.regions_deg['lumbar']:6.2f} deg "
        f"(cap {pose.lumbar_cap_deg:.1f})   thoracic {pose.regions_deg['thoracic']:6.2f} deg",
        "",
        f"  {'joint':8s} {'angle deg':>9s}  {'zone':12s} "
        f"{'facet contra N':>14s} {'ipsi N':>7s} {'annulus %':>9s}",
    ]
    for level in LEVELS:
        row = f"  {level:8s} {pose.levels_deg[level]:9.2f}  {pose.zone[level]:12s}"
        if level in LUMBAR_LEVELS:
            f = pose.facet_force_n[level]
            row += (
                f" {f['contralateral']:14.1f} {f['ipsilateral']:7.1f} {pose.annulus_strain_pct[level]:9.2f}"
            )
        lines.append(row)
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
    pose = SpineModel().solve(scenario=args.scenario, **kwargs)
    if args.json:
        print(json.dumps(pose.to_dict(), indent=2))
    else:
        print(format_pose(pose))
    return 0


def _scenarios_command() -> int:
    model = SpineModel()
    for name, scenario in SCENARIOS.items():
        pose = model.solve(scenario=name)
        inputs = ", ".join(f"{k}={v}" for k, v in scenario.inputs.items())
        print(f"{name}: {scenario.title}")
        print(f"    {scenario.description}")
        print(f"    inputs: {inputs}")
        r = pose.regions_deg
        print(
            f"    model estimate: hips {r['hips']:.1f}, lumbar {r['lumbar']:.1f} "
            f"(cap {pose.lumbar_cap_deg:.0f}), thoracic {r['thoracic']:.1f} deg"
        )
        print(f"    source: {scenario.source}")
    return 0


def _parameters_command() -> int:
    for row in parameter_table():
        print(f"{row['name']} = {row['value']} {row['unit']} [{row['mark']}] {row['source']}")
        if row["note"]:
            print(f"    {row['note']}")
    return 0


def _notebooks_command(args: argparse.Namespace) -> int:
    from .notebook_files import copy_notebooks

    try:
        written = copy_notebooks(args.dir, overwrite=args.force)
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
        from .figures import run_figures_command  # matplotlib only when figures are asked for

        return run_figures_command(args)
    except (_UsageError, ValueError, TypeError, MissingExtrasError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into head
        return 0
