"""The explorer's readouts and messages: the numbers above the figure, notes, errors, saved files.

>>> import spinemodel as sm
>>> from spinemodel._explorer_readouts import Readouts                    # doctest: +SKIP
>>> readouts = Readouts()                                                  # doctest: +SKIP
>>> model = sm.SpineModel()                                                # doctest: +SKIP
>>> readouts.show(model, model.solve(total_deg=30), reach_deg=model.reachable_deg())  # doctest: +SKIP
>>> readouts.notify("The sliders run to ...")                             # doctest: +SKIP

A :class:`Readouts` holds the HTML widgets of the explorer (:mod:`spinemodel.widgets`) that
only show: the readouts of the pose (texts from :func:`spinemodel.explorer_state.readout_html`),
the one-sentence notes under the controls, an exception raised in a callback (never lost) and
the link to a saved figure. :func:`pose_spread` reads the population's range at a pose from a
sweep.

Every number it shows is a model estimate from an educational model, not medical advice.
"""

from __future__ import annotations

import base64
import html
import traceback
from pathlib import Path
from typing import Any

from ._extras import missing_extras

try:
    import ipywidgets as widgets
except ModuleNotFoundError as exc:  # a plain install: name the pip command
    raise missing_extras(exc, "spinemodel.widgets") from None

from .explorer_state import readout_html
from .model import Pose, SpineModel

__all__ = ["Readouts", "READOUT_NAMES", "pose_spread"]

#: Names of the readouts (:attr:`Readouts.by_name`).
READOUT_NAMES: tuple[str, ...] = ("lumbar", "facet", "annulus", "zone", "regions")
_KEEP_ERRORS = 50


class Readouts:
    """The explorer's readouts, its notes, its error box and its "saved" line.

    Attributes
    ----------
    by_name : dict of str to ipywidgets.HTML
        The readouts (:data:`READOUT_NAMES`).
    status : ipywidgets.HTML
        Notes under the controls (each action clears the last).
    error : ipywidgets.HTML
        The latest exception raised in a callback (hidden while there is none).
    saved : ipywidgets.HTML
        Where the last figure was saved, with a download link.
    notices : list of str
        Every note shown so far.
    errors : list of BaseException
        Exceptions shown so far (the latest fifty).
    """

    def __init__(self) -> None:
        self.by_name: dict[str, widgets.HTML] = {}
        for name in READOUT_NAMES:
            self.by_name[name] = widgets.HTML(layout=widgets.Layout(flex="1 1 0", min_width="10em"))
            self.by_name[name].add_class(f"spinemodel-readout-{name}")
        self.status = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.status.add_class("spinemodel-status")
        self.error = widgets.HTML(layout=widgets.Layout(width="100%", display="none"))
        self.error.add_class("spinemodel-error")
        self.saved = widgets.HTML()
        self.saved.add_class("spinemodel-saved")
        self.notices: list[str] = []
        self.errors: list[BaseException] = []

    def show(
        self,
        model: SpineModel,
        pose: Pose,
        *,
        reach_deg: float,
        spread: dict[str, Any] | None = None,
        sweep: Any = None,
        spread_min_reached: float = 0.5,
    ) -> None:
        """Write the readouts of ``pose`` (see :func:`spinemodel.explorer_state.readout_html`);
        an unchanged text sends no message to the browser."""
        texts = readout_html(
            model,
            pose,
            reach_deg=reach_deg,
            spread=spread,
            spread_label=sweep.label if sweep is not None else "",
            spread_n=sweep.n if sweep is not None else 0,
            spread_min_reached=spread_min_reached,
        )
        for name, text in texts.items():
            if self.by_name[name].value != text:
                self.by_name[name].value = text

    # --- notes -------------------------------------------------------------------------------
    def notify(self, note: str, *, append: bool = False) -> None:
        """Show a note under the controls (``append``: below the one shown)."""
        self.notices.append(note)
        line = f"<div style='font-size:0.85em;color:#7a4a00'>{html.escape(note)}</div>"
        self.status.value = (self.status.value if append else "") + line

    def clear_notes(self) -> None:
        """A note belongs to the action that caused it: the next action clears it (a value the
        browser only echoes back is no action)."""
        if self.status.value:
            self.status.value = ""

    # --- errors ------------------------------------------------------------------------------
    def show_error(self, exc: BaseException) -> None:
        """Keep ``exc`` and show it with its traceback (folded)."""
        self.errors.append(exc)
        del self.errors[:-_KEEP_ERRORS]
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        self.error.value = (
            "<div style='border:2px solid #d55e00;background:#fff3ec;padding:0.4em;color:#000'>"
            f"<b>Error in the explorer:</b> {html.escape(type(exc).__name__)}: {html.escape(str(exc))}"
            f"<details><summary>traceback</summary><pre style='font-size:0.8em'>{html.escape(text)}</pre>"
            "</details></div>"
        )
        self.error.layout.display = "block"

    def hide_error(self) -> None:
        """Hide the error box (a later action succeeded)."""
        if self.error.layout.display != "none":
            self.error.layout.display = "none"
            self.error.value = ""

    # --- saved files -------------------------------------------------------------------------
    def show_saved(self, path: Path) -> None:
        """Say where the figure was saved, with a link that downloads it."""
        data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
        self.saved.value = (
            f"Saved {html.escape(str(path))} "
            f"(<a download='{html.escape(Path(path).name)}' href='data:image/png;base64,{data}'>download</a>)"
        )


def pose_spread(sweep: Any, pose: Pose, *, total_mode: bool) -> dict[str, Any]:
    """The population's 5-95% range at ``pose``, read from ``sweep`` by interpolation at the
    pose's drive (no model call).

    Parameters
    ----------
    sweep : spinemodel.plotting.PopulationSweep
        The population sweep of the pose's conditions.
    pose : Pose
    total_mode : bool
        Read at the pose's total rotation (True) or its torque (False).

    Returns
    -------
    dict
        ``fraction`` (share of the bodies that reach the pose), and for ``legs``, ``hips``,
        ``lumbar``, ``thoracic`` (deg), ``facet`` (N), ``strain`` (%) a ``(low, high)`` pair,
        NaN where fewer than half of the bodies reach the pose.
    """
    drive = abs(float(pose.total_deg if total_mode else pose.torque_nm))
    names = ("legs", "hips", "lumbar", "thoracic", "facet", "strain")
    found = sweep.against("total" if total_mode else "torque", names, [drive])
    out: dict[str, Any] = {"fraction": float(found["fraction"][0])}
    out.update({name: (float(found[name][0][0]), float(found[name][2][0])) for name in names})
    return out
