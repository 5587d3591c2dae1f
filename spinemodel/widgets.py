"""Interactive explorer: sliders that turn the trunk, figures and loads that follow.

>>> from spinemodel.widgets import explore
>>> explorer = explore(scenario="seated_twist_stretch")   # doctest: +SKIP
>>> explorer                                              # doctest: +SKIP

The explorer is built once: one matplotlib figure with several axes from
:mod:`spinemodel.plotting`, whose artists are updated in place on every control
change. It draws with ipympl (an interactive canvas) where ipympl is installed and
falls back to a PNG image (the "inline" way) where it is not.

This module is the widget view. The state behind it (control values -> model inputs ->
pose, readout texts, the app address's query and JSON, the envelope) is
:mod:`spinemodel.explorer_state`, testable without widgets; the figure's in-place drawing
and blitting is :mod:`spinemodel.live_figure`.

A lecturer prepares a state as an address of the Voilà app, e.g.
``?scenario=golf_backswing&bands=1&style=lecture`` (passed as ``explore(query=...)``), or as
JSON (the "Prepared states" section, :meth:`Explorer.export_state`).

Every number it shows is a model estimate from an educational model, not medical
advice. The model modules never import this one.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import functools
import html
import math
import textwrap
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ._extras import missing_extras

try:
    import ipywidgets as widgets
    import matplotlib as mpl
    from matplotlib.figure import Figure
    from matplotlib.transforms import Bbox
except ModuleNotFoundError as exc:  # a plain install: name the pip command
    raise missing_extras(exc, "spinemodel.widgets") from None

from . import plotting
from .explorer_state import (
    TORQUE_RESOLUTION,
    TORQUE_STEP,
    TOTAL_RESOLUTION,
    TOTAL_STEP,
    ExplorerState,
    parse_query,
    readout_html,
)
from .live_figure import BACKENDS, LiveFigure, resolve_backend
from .model import LABEL, MOBILITY_RANGE, PELVIS_CONDITIONS, Pose, SpineModel
from .scenarios import SCENARIOS, STRATEGIES
from .styles import STYLES, check_style

__all__ = ["Explorer", "explore", "BACKENDS", "CONTROL_NAMES", "INITIAL_PARAMETERS", "BAND_BODIES"]

#: Names of the entries of :attr:`Explorer.controls`.
CONTROL_NAMES: tuple[str, ...] = (
    "drive",
    "total_deg",
    "torque_nm",
    "pelvis",
    "strategy",
    "hip_mobility",
    "thoracic_mobility",
    "lumbar_bracing",
    "scenario",
    "play",
    "reset",
    "save",
    "bands",
    "state_json",
    "export_state",
    "import_state",
)
#: Keyword arguments of :func:`explore` that set the controls' starting values.
INITIAL_PARAMETERS: tuple[str, ...] = (
    "total_deg",
    "torque_nm",
    "scenario",
    "pelvis",
    "strategy",
    "hip_mobility",
    "thoracic_mobility",
    "lumbar_bracing",
)

# Slider steps: one arrow key moves the rotation 1 deg (PageUp/PageDown: ipywidgets moves 5 steps),
# the torque 0.05 Nm. The browser snaps a value set from code (the inactive drive follows the pose)
# to the step and sends it back; the inactive drive ignores it.
_TOTAL_STEP = TOTAL_STEP
_TORQUE_STEP = TORQUE_STEP
_MOBILITY_STEP = 0.05
_BRACING_STEP = 0.05
_PLAY_FRAMES = 120
#: Model bodies of the explorer's population bands (a condition change with bands on costs one
#: ``model.spread`` over the sweep's 81 totals: about half a second for 300 bodies).
BAND_BODIES = 300
_CUSTOM = ""  # scenario picker value when the controls match no preset
_SLIDER_STYLE = {"description_width": "initial"}  # the label sits above the track (CSS of _layout)


def _wide() -> widgets.Layout:
    return widgets.Layout(width="100%")


def _echo(change: dict) -> bool:
    """A float the browser sent back rounded to its step (1.0 -> 1.0000000000000002): no change."""
    old, new = change.get("old"), change.get("new")
    if isinstance(old, float) and isinstance(new, float):
        return abs(new - old) <= 1e-9 * max(1.0, abs(old))
    return False


def _floor_step(value: float, step: float) -> float:
    return round(math.floor(value / step + 1e-9) * step, 9)


class Explorer:
    """Sliders, a scenario picker and linked figures around one :class:`~spinemodel.SpineModel`.

    Build it with :func:`explore`. Display it in Jupyter as the last expression of a
    cell (or with ``IPython.display.display``).

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        The controls by name (see :data:`CONTROL_NAMES`): ``drive`` (rotation or
        torque), ``total_deg`` [deg], ``torque_nm`` [Nm], ``pelvis``, ``strategy``,
        ``hip_mobility``, ``thoracic_mobility``, ``lumbar_bracing``, ``scenario``,
        ``play`` (sweeps the active drive from zero to the end of the body's range under
        the current conditions, which also ends both drive sliders), ``reset`` and
        ``save`` (buttons), ``bands`` (a checkbox: show the population spread, the 5-95%
        range of :data:`BAND_BODIES` model bodies, in the readouts and as shading in the
        region-split and loads panels). ``strategy="hip_led"`` frees the pelvis and disables the pelvis
        control (the hip-led turn cannot be done seated). Setting a control's ``value`` from code updates the
        explorer exactly as moving it in the browser does.
    figure : matplotlib.figure.Figure
        The one figure, built once and updated in place.
    panels : dict
        The figure objects of :mod:`spinemodel.plotting` by name (``top_view``,
        ``loads``, ``region_split``, ...), each with ``update(pose)``.
    pose : Pose
        The model output for the current control values.
    readouts : dict of str to ipywidgets.HTML
        ``lumbar``, ``facet``, ``annulus``, ``zone`` and ``regions``; with bands on, each
        number is followed by its 5-95% range over the model bodies, e.g. ``2.9° (1.8–4.7)``.
    sweep : spinemodel.plotting.PopulationSweep or None
        With bands on, the population sweep of the current conditions (one cached
        ``model.spread`` call per conditions; every slider step reads it by interpolation).
    backend : str
        ``"ipympl"`` or ``"inline"``.
    state : spinemodel.explorer_state.ExplorerState
        The controls' values (read-only; set them with :meth:`set_state`).
    live : spinemodel.live_figure.LiveFigure
        The figure's canvas widget and its blitting.
    errors : list of BaseException
        Exceptions raised in callbacks; the latest is also shown in the explorer.
    widget : ipywidgets.Box
        The whole explorer as one widget.
    """

    def __init__(
        self,
        model: SpineModel | None = None,
        *,
        backend: str = "auto",
        style: str = "notebook",
        save_dir: str | Path = ".",
        figsize: tuple[float, float] | None = None,
        dpi: float | None = None,
        bands: bool = False,
        query: str | None = None,
        **initial: Any,
    ) -> None:
        if model is None:
            model = SpineModel()
        elif not isinstance(model, SpineModel):
            raise TypeError(f"model must be a spinemodel.SpineModel, got {type(model).__name__}")
        self.model = model
        # The keyword arguments are checked first (a bad one raises); a bad query only says so.
        start = ExplorerState.resolve(model, bands=bands, **initial)
        query_note = ""
        if query:
            try:
                query_style = parse_query(query).get("style")
                if query_style is not None:
                    if query_style not in STYLES:
                        raise ValueError(f"style must be one of {', '.join(STYLES)}; got {query_style!r}")
                    style = query_style
                start = ExplorerState.from_query(query, model, bands=bands, **initial)
            except (TypeError, ValueError) as exc:
                query_note = f"The address was not used: {exc}. The explorer starts from its usual state."
        self.backend = resolve_backend(backend)
        self.style = check_style(style)
        figsize, dpi = _figure_size(self.style, figsize, dpi)
        self.save_dir = Path(save_dir)
        self.errors: list[BaseException] = []
        self.notices: list[str] = []
        self._quiet = 0
        self._last_conditions: dict[str, Any] | None = None
        self._reach: tuple[float, float] = (0.0, 0.0)
        self.sweep: plotting.PopulationSweep | None = None
        self._shown_bands: bool | None = None
        self._initial_state = start

        self.controls: dict[str, widgets.Widget] = self._build_controls()
        self.readouts: dict[str, widgets.HTML] = self._build_readouts()
        self._status = widgets.HTML(layout=_wide())
        self._status.add_class("spinemodel-status")
        self._error = widgets.HTML(layout=widgets.Layout(width="100%", display="none"))
        self._error.add_class("spinemodel-error")
        self._saved = widgets.HTML()
        self._saved.add_class("spinemodel-saved")
        self._scenario_text = widgets.HTML(layout=_wide())
        self._scenario_text.add_class("spinemodel-scenario-text")
        self._build_state_box()

        self._apply_state(self._initial_state, refresh=False)
        self.pose: Pose = self._solve()
        self._build_figure(figsize, dpi)
        self._learn_moving_artists()
        self._connect()
        self.widget = self._layout()
        self._refresh()
        if query_note:
            self._notify(query_note)

    # --- construction --------------------------------------------------------------------
    def _build_controls(self) -> dict[str, widgets.Widget]:
        lo, hi = MOBILITY_RANGE
        c: dict[str, widgets.Widget] = {}
        c["drive"] = widgets.ToggleButtons(
            options=[("Rotation [deg]", "total"), ("Torque [Nm]", "torque")],
            value="total",
            description="Drive by",
            tooltips=["Set the total trunk rotation", "Set the stretching torque"],
            style={"description_width": "4.5em", "button_width": "auto"},
        )
        c["total_deg"] = widgets.FloatSlider(
            value=0.0,
            min=0.0,
            max=_floor_step(self.model.reachable_deg(), TOTAL_RESOLUTION),
            step=_TOTAL_STEP,
            description="Total rotation [deg]",
            readout_format=".1f",
            continuous_update=True,
            style=_SLIDER_STYLE,
            layout=_wide(),
        )
        c["torque_nm"] = widgets.FloatSlider(
            value=0.0,
            min=0.0,
            max=_floor_step(self.model.reachable_torque_nm(), TORQUE_RESOLUTION),
            step=_TORQUE_STEP,
            description="Stretch torque [Nm]",
            readout_format=".2f",
            continuous_update=True,
            style=_SLIDER_STYLE,
            layout=_wide(),
        )
        c["pelvis"] = widgets.ToggleButtons(
            options=[("Free (standing)", "free"), ("Fixed (seated)", "fixed")],
            value="free",
            description="Pelvis",
            tooltips=[
                "Feet planted, the legs and hips take part",
                "Seated or lying, the legs and hips take no part (not with the hip-led turn)",
            ],
            style={"description_width": "4.5em", "button_width": "auto"},
        )
        assert tuple(v for _, v in c["pelvis"].options) == PELVIS_CONDITIONS
        c["strategy"] = widgets.Dropdown(
            options=[
                ("Passive stretch", "passive"),
                ("Low back braced", "braced"),
                ("Hip-led, knees flexed (standing)", "hip_led"),
            ],
            value="passive",
            description="Strategy",
            style={"description_width": "4.5em"},
            layout=_wide(),
        )
        assert {v for _, v in c["strategy"].options} == set(STRATEGIES)
        for name, label, tip in (
            (
                "hip_mobility",
                "Hip mobility [×]",
                "Hip rotation and range, times the cited default (the population's spread)",
            ),
            (
                "thoracic_mobility",
                "Thoracic mobility [×]",
                "Thoracic rotation and range, times the cited default (the population's spread)",
            ),
        ):
            c[name] = widgets.FloatSlider(
                value=1.0,
                min=lo,
                max=hi,
                step=_MOBILITY_STEP,
                description=label,
                tooltip=tip,
                readout_format=".2f",
                continuous_update=False,  # a condition change redraws everything (~0.1 s): on release
                style=_SLIDER_STYLE,
                layout=_wide(),
            )
        c["lumbar_bracing"] = widgets.FloatSlider(
            value=0.0,
            min=0.0,
            max=1.0,
            step=_BRACING_STEP,
            description="Lumbar bracing [0–1]",
            tooltip="Trunk muscles co-contracting: 0 relaxed, 1 fully braced (stiffens the lumbar levels)",
            readout_format=".2f",
            continuous_update=False,
            style=_SLIDER_STYLE,
            layout=_wide(),
        )
        c["scenario"] = widgets.Dropdown(
            options=[("- custom -", _CUSTOM)] + [(s.title, s.name) for s in SCENARIOS.values()],
            value=_CUSTOM,
            description="Scenario",
            style={"description_width": "4.5em"},
            layout=_wide(),
        )
        c["play"] = widgets.Play(
            value=0,
            min=0,
            max=_PLAY_FRAMES,
            step=1,
            interval=60,
            description="Sweep",
            tooltip="Sweep the active drive from zero to the end of the body's range",
            show_repeat=False,  # room for Reset and Save beside it
        )
        c["reset"] = widgets.Button(description="Reset", icon="undo", tooltip="Back to the starting values")
        c["save"] = widgets.Button(
            description="Save figure", icon="save", tooltip="Write the figure as a PNG file"
        )
        c["bands"] = widgets.Checkbox(
            value=False,
            description=f"Population spread ({BAND_BODIES} bodies)",
            tooltip="5-95% ranges in the readouts and shaded bands: bodies drawn from the published spreads",
            indent=False,
            layout=_wide(),
        )
        for name, control in c.items():
            control.add_class(f"spinemodel-control-{name.replace('_', '-')}")
        return c

    def _build_state_box(self) -> None:
        """A closed section for a lecturer: this state as an app address and as JSON."""
        c = self.controls
        c["state_json"] = widgets.Textarea(
            placeholder="Export writes every control's value here as JSON; paste one and Import sets them.",
            rows=7,
            layout=_wide(),
        )
        c["export_state"] = widgets.Button(
            description="Export", icon="download", tooltip="Write the controls' values as JSON and a link"
        )
        c["import_state"] = widgets.Button(
            description="Import", icon="upload", tooltip="Set the controls from the JSON above"
        )
        for name in ("state_json", "export_state", "import_state"):
            c[name].add_class(f"spinemodel-control-{name.replace('_', '-')}")
        self._state_link = widgets.HTML(layout=_wide())
        self._state_link.add_class("spinemodel-state-link")
        self._state_box = widgets.Accordion(
            children=[
                widgets.VBox(
                    [
                        widgets.HTML(
                            "<div style='font-size:0.85em;line-height:1.3'>Prepare a state for a lecture: "
                            "set the controls, "
                            "press Export, keep the link (it opens the app in this state) or the JSON "
                            "(Import sets it again).</div>"
                        ),
                        widgets.HBox([c["export_state"], c["import_state"]]),
                        self._state_link,
                        c["state_json"],
                    ]
                )
            ],
            selected_index=None,
            layout=_wide(),
        )
        self._state_box.set_title(0, "Prepared states: link and JSON")
        self._state_box.add_class("spinemodel-state-box")

    def _on_export(self) -> None:
        query = self.url_query()
        self.controls["state_json"].value = self.export_state()
        self._state_link.value = (
            f"<div style='font-size:0.85em'>App address: <a href='{html.escape(query)}' target='_blank'>"
            f"{html.escape(query)}</a></div>"
        )

    def _on_import(self) -> None:
        self._clear_notes()
        try:
            state = ExplorerState.from_json(self.controls["state_json"].value, self.model)
        except ValueError as exc:  # a user's text: one sentence, no traceback
            self._notify(f"The state was not imported: {exc}.")
            return
        self._apply_state(state, refresh=True)
        self._notify("State imported.")

    def _build_readouts(self) -> dict[str, widgets.HTML]:
        readouts = {}
        for name in ("lumbar", "facet", "annulus", "zone", "regions"):
            readouts[name] = widgets.HTML(layout=widgets.Layout(flex="1 1 0", min_width="10em"))
            readouts[name].add_class(f"spinemodel-readout-{name}")
        return readouts

    def _build_figure(self, figsize: tuple[float, float], dpi: float) -> None:
        with plotting.style(self.style):
            fig = Figure(figsize=figsize, dpi=dpi, layout="none")
            self.live = LiveFigure(fig, backend=self.backend, css_class="spinemodel-figure")
            self._figure_px = self.live.size_px
            self._css_id = f"spinemodel-x{id(self):x}"
            # A fixed layout, margins in font heights: nothing to recompute on an update.
            em_w = float(mpl.rcParams["font.size"]) / 72.0 / figsize[0]
            em_h = float(mpl.rcParams["font.size"]) / 72.0 / figsize[1]
            gs = fig.add_gridspec(
                2,
                2,
                width_ratios=(1.0, 1.0),
                left=5.2 * em_w,
                right=1.0 - 5.2 * em_w,
                bottom=4.6 * em_h,
                top=1.0 - 2.6 * em_h,
                wspace=0.33,
                hspace=0.16,
            )
            pose = self.pose
            self.panels: dict[str, Any] = {
                "top_view": plotting.plot_top_view(self.model, pose, ax=fig.add_subplot(gs[0, 0])),
                "region_split": plotting.plot_region_split(self.model, pose, ax=fig.add_subplot(gs[1, 0])),
                "loads": plotting.plot_loads(self.model, pose, ax=fig.add_subplot(gs[:, 1])),
            }
            # Saved figures carry their conditions in a strip added below the figure (set in
            # save(); empty on screen).
            self._stamp = fig.text(
                0.5 * em_w, 0.0, "", fontsize="small", color="#333", ha="left", va="top", linespacing=1.3
            )
            self._stamp.set_in_layout(False)
            self._trim_panels()
        self.figure = fig

    def figure_axes(self) -> list[Any]:
        """All axes of the explorer's figure (twin axes included)."""
        return [ax for drawn in self.panels.values() for ax in drawn.axes]

    def _trim_panels(self) -> None:
        """Short, fixed panel titles: the figures' own two-line titles repeat the readouts and
        the controls, and text that changes with every frame is what costs most to draw."""
        titles = {
            "top_view": "Top view: where the turn happens",
            "region_split": "Where the rotation comes from",
            "loads": "Loads on the low back against its rotation",
        }
        for name, drawn in self.panels.items():
            own = drawn.artists.get("title")
            if own is not None:
                own.set_visible(False)
            drawn.axes[0].set_title(titles[name], loc="center", fontweight="bold", y=1.0, pad=6.0)
        for ax in self.figure_axes():
            for text in ax.texts:  # notes inside the axes may overhang; they must not squeeze the layout
                text.set_in_layout(False)
        top = self.panels["top_view"]
        # The top view's numbers repeat the readouts above the figure: on screen they give way
        # to fixed labels (text that changes every frame costs most to draw); saved figures
        # carry the numbers.
        labels = {
            "total": "shoulders",
            "legs": "legs",
            "hips": "hips",
            "lumbar": "lumbar",
            "thoracic": "thoracic",
        }
        for name, text in dict(top.artists.get("readout", {})).items():
            text.set_visible(False)
            self.live.saved_only.append(text)
            label = top.axes[0].text(
                *text.get_position(),
                labels.get(name, name),
                color=text.get_color(),
                fontsize=text.get_fontsize(),
                fontweight=text.get_fontweight(),
                va=text.get_va(),
                in_layout=False,
            )
            self.live.screen_only.append(label)
        note = top.artists.get("facet_note")
        if note is not None:
            note.set_visible(False)
            x, y = note.get_position()
            top.axes[0].text(
                x,
                y,
                "filled dots: pressed facets\n(zone colour, size = force)\narcs: where the turn\nhappens",
                fontsize=note.get_fontsize(),
                va="top",
                color=note.get_color(),
                in_layout=False,
            )

    def _layout(self) -> widgets.Box:
        """Controls in a column on the left, readouts and figure on the right, one title line
        above: at 1280 x 720 (``lecture``) and 1366 x 768 controls and figure share the first
        screen. The figure shrinks to its column (never overflows it) and to the window's height;
        ``lecture`` scales the controls and readouts with the figure (see :func:`_explorer_css`)."""
        c = self.controls
        heading = widgets.HTML(
            "<div class='spinemodel-heading'><b>Why the low back resists twisting</b> "
            "<span class='spinemodel-disclaimer'>model estimates from an educational model, "
            "not medical advice</span></div>",
            layout=_wide(),
        )
        for name in ("reset", "save", "export_state", "import_state"):
            c[name].layout = widgets.Layout(width="auto", flex="1 1 auto")
        panel = widgets.VBox(
            [
                c["scenario"],
                self._scenario_text,
                c["drive"],
                c["total_deg"],
                c["torque_nm"],
                widgets.HBox([c["play"], c["reset"], c["save"]], layout=_wide()),
                c["pelvis"],
                c["strategy"],
                c["hip_mobility"],
                c["thoracic_mobility"],
                c["lumbar_bracing"],
                c["bands"],
                self._status,
                self._saved,
                self._state_box,
            ],
        )
        panel.add_class("spinemodel-controls")
        r = self.readouts
        board = widgets.HBox([r["lumbar"], r["zone"], r["facet"], r["annulus"]], layout=_wide())
        board.add_class("spinemodel-board")
        figure_box = widgets.Box([self._figure_widget], layout=_wide())
        figure_box.add_class("spinemodel-figure-box")
        right = widgets.VBox([board, figure_box, r["regions"], self._error])
        right.add_class("spinemodel-main")
        width, height = self._figure_px
        css = widgets.HTML(_explorer_css(self._css_id, width, height, lecture=self.style == "lecture"))
        css.add_class("spinemodel-css")
        columns = widgets.HBox([panel, right], layout=_wide())
        columns.add_class("spinemodel-columns")
        box = widgets.VBox([css, heading, columns], layout=_wide())
        box.add_class("spinemodel-explorer")
        box.add_class(self._css_id)
        if self.style == "lecture":
            box.add_class("spinemodel-lecture")
        self._update_scenario_text()
        return box

    def _connect(self) -> None:
        c = self.controls
        c["drive"].observe(self._guard(self._on_drive), names="value")
        for name in ("total_deg", "torque_nm"):
            c[name].observe(self._guard(functools.partial(self._on_drive_value, name)), names="value")
        for name in ("pelvis", "hip_mobility", "thoracic_mobility", "lumbar_bracing"):
            c[name].observe(self._guard(self._on_condition), names="value")
        c["strategy"].observe(self._guard(self._on_strategy), names="value")
        c["scenario"].observe(self._guard(self._on_scenario), names="value")
        c["play"].observe(self._guard(self._on_play), names="value")
        c["bands"].observe(self._guard(self._on_bands), names="value")
        c["reset"].on_click(self._guard(lambda _b: (self._clear_notes(), self.reset())))
        c["save"].on_click(self._guard(lambda _b: self._on_save()))
        c["export_state"].on_click(self._guard(lambda _b: self._on_export()))
        c["import_state"].on_click(self._guard(lambda _b: self._on_import()))

    # --- callbacks -------------------------------------------------------------------------
    def _guard(self, callback: Callable[..., Any], *, clears: bool = True) -> Callable[..., Any]:
        """Wrap a callback so that an exception is shown in the explorer, never lost; a
        successful user action (``clears``) hides the last error again."""

        @functools.wraps(callback)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                result = callback(*args, **kwargs)
            except Exception as exc:  # shown to the user, kept in self.errors
                self._show_error(exc)
                return None
            if clears and self._error.layout.display != "none":
                self._error.layout.display = "none"
                self._error.value = ""
            return result

        return wrapper

    def _show_error(self, exc: BaseException) -> None:
        self.errors.append(exc)
        del self.errors[:-50]  # keep the latest fifty
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        self._error.value = (
            "<div style='border:2px solid #d55e00;background:#fff3ec;padding:0.4em;color:#000'>"
            f"<b>Error in the explorer:</b> {html.escape(type(exc).__name__)}: {html.escape(str(exc))}"
            f"<details><summary>traceback</summary><pre style='font-size:0.8em'>{html.escape(text)}</pre>"
            "</details></div>"
        )
        self._error.layout.display = "block"

    @staticmethod
    @contextlib.contextmanager
    def _held(*controls: widgets.Widget) -> Iterator[None]:
        with contextlib.ExitStack() as stack:
            for control in controls:
                stack.enter_context(control.hold_sync())
            yield

    @contextlib.contextmanager
    def _silenced(self) -> Iterator[None]:
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    def _clear_notes(self) -> None:
        """A note belongs to the action that caused it: the next action clears it (a value the
        browser only echoes back is no action)."""
        if self._status.value:
            self._status.value = ""

    def _on_drive(self, change: dict) -> None:
        if self._quiet:
            return
        self._clear_notes()
        self._mark_custom()
        with self._silenced():  # keep the pose continuous: the new drive starts from the current pose
            if change["new"] == "torque":
                self.controls["torque_nm"].value = min(
                    float(self.pose.torque_nm), self.controls["torque_nm"].max
                )
            else:
                self.controls["total_deg"].value = min(
                    float(self.pose.total_deg), self.controls["total_deg"].max
                )
        self._refresh()

    def _on_drive_value(self, name: str, change: dict) -> None:
        if self._quiet or self.controls["drive"].value != ("total" if name == "total_deg" else "torque"):
            return
        if _echo(change):
            return
        self._clear_notes()
        self._mark_custom()
        self._refresh()

    def _on_condition(self, change: dict) -> None:
        if self._quiet or _echo(change):
            return
        self._clear_notes()
        self._mark_custom()
        c = self.controls
        note = ""
        if (
            change.get("owner") is c["pelvis"]
            and change["new"] == "fixed"
            and STRATEGIES[c["strategy"].value].hip_led
        ):
            # The hip-led turn turns the pelvis: it cannot be done seated. (The pelvis control is
            # disabled while it is chosen; code may still set it.) Fall back to a passive stretch.
            with self._silenced():
                c["strategy"].value = "passive"
                c["lumbar_bracing"].value = STRATEGIES["passive"].lumbar_bracing
            note = "Pelvis fixed: the hip-led turn needs a free pelvis, so the strategy is now passive."
            self._status.value = ""
        self._refresh()
        if note:
            self._notify(note, append=True)

    def _on_strategy(self, change: dict) -> None:
        if self._quiet:
            return
        self._clear_notes()
        self._mark_custom()
        c = self.controls
        note = ""
        with self._silenced():  # a strategy comes with its own bracing (and the hip-led turn its stance)
            c["lumbar_bracing"].value = STRATEGIES[change["new"]].lumbar_bracing
            if STRATEGIES[change["new"]].hip_led and c["pelvis"].value == "fixed":
                c["pelvis"].value = "free"
                note = "The hip-led turn turns the pelvis: the pelvis is now free (standing)."
                self._status.value = ""
        self._refresh()
        if note:
            self._notify(note, append=True)

    def _notify(self, note: str, *, append: bool = False) -> None:
        """Show a note under the controls (``append``: below the one shown)."""
        self.notices.append(note)
        line = f"<div style='font-size:0.85em;color:#7a4a00'>{html.escape(note)}</div>"
        self._status.value = (self._status.value if append else "") + line

    def _on_scenario(self, change: dict) -> None:
        if self._quiet:
            return
        self._clear_notes()
        if change["new"] != _CUSTOM:
            preset = ExplorerState.resolve(self.model, scenario=change["new"], bands=self.state.bands)
            self._apply_state(preset, refresh=True)
        self._update_scenario_text()

    def _on_play(self, change: dict) -> None:
        if self._quiet:
            return
        name = "total_deg" if self.controls["drive"].value == "total" else "torque_nm"
        slider = self.controls[name]
        value = slider.min + (slider.max - slider.min) * change["new"] / self.controls["play"].max
        resolution = TOTAL_RESOLUTION if name == "total_deg" else TORQUE_RESOLUTION
        slider.value = min(_floor_step(value, resolution), slider.max)  # its observer refreshes

    def _on_bands(self, change: dict) -> None:
        if self._quiet:
            return
        self._clear_notes()
        self._refresh()

    def _on_save(self) -> None:
        path = self.save()
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        self._saved.value = (
            f"Saved {html.escape(str(path))} "
            f"(<a download='{html.escape(path.name)}' href='data:image/png;base64,{data}'>download</a>)"
        )

    def _mark_custom(self) -> None:
        if self.controls["scenario"].value != _CUSTOM:
            with self._silenced():
                self.controls["scenario"].value = _CUSTOM
            self._update_scenario_text()

    def _update_scenario_text(self) -> None:
        name = self.controls["scenario"].value
        if name == _CUSTOM:
            text = "Pick a scenario to set the controls, or move them freely."
        else:
            text = html.escape(SCENARIOS[name].description)
        self._scenario_text.value = f"<div style='font-size:0.85em;line-height:1.25;color:#333'>{text}</div>"

    # --- state -------------------------------------------------------------------------------
    def _apply_state(self, state: ExplorerState, *, refresh: bool) -> None:
        """Set all controls from ``state`` silently, then update once."""
        c = self.controls
        # One state message per widget (hold_sync): a browser that got a new range first and the
        # value later would send its old value back and undo the preset.
        with self._silenced(), self._held(*c.values()):
            c["pelvis"].value = state.pelvis
            c["strategy"].value = state.strategy
            c["hip_mobility"].value = state.hip_mobility
            c["thoracic_mobility"].value = state.thoracic_mobility
            c["lumbar_bracing"].value = state.lumbar_bracing
            self._update_reach(self._conditions())
            c["drive"].value = state.drive
            if state.drive == "total":
                c["total_deg"].value = min(float(state.total_deg), c["total_deg"].max)  # type: ignore[arg-type]
            else:
                c["torque_nm"].value = min(float(state.torque_nm), c["torque_nm"].max)  # type: ignore[arg-type]
            c["scenario"].value = state.scenario or _CUSTOM
            c["play"].value = 0
            c["bands"].value = state.bands
        self._update_scenario_text()
        if refresh:
            self._refresh()

    @property
    def state(self) -> ExplorerState:
        """The controls' values as an :class:`~spinemodel.explorer_state.ExplorerState`."""
        c = self.controls
        total = c["drive"].value == "total"
        return ExplorerState(
            drive=c["drive"].value,
            total_deg=float(c["total_deg"].value) if total else None,
            torque_nm=None if total else float(c["torque_nm"].value),
            scenario=c["scenario"].value or None,
            bands=bool(c["bands"].value),
            **self._conditions(),
        )

    def set_state(self, state: ExplorerState) -> None:
        """Set every control from ``state`` (checked against the model first) and update once.

        Raises
        ------
        TypeError
            If ``state`` is not an :class:`~spinemodel.explorer_state.ExplorerState`.
        ValueError
            For a value out of range under the explorer's model.
        """
        if not isinstance(state, ExplorerState):
            raise TypeError(f"state must be an ExplorerState, got {type(state).__name__}")
        # Check against this explorer's model (a state may come from elsewhere).
        ExplorerState.from_json(state.to_json(), self.model)
        self._apply_state(state, refresh=True)

    def export_state(self) -> str:
        """Every control's value as JSON (read back by :meth:`import_state`)."""
        return self.state.to_json()

    def import_state(self, text: str | bytes) -> None:
        """Set every control from a JSON export (:meth:`export_state`).

        Raises
        ------
        ValueError
            For text that is not an explorer state or has values out of range (one sentence).
        """
        self._apply_state(ExplorerState.from_json(text, self.model), refresh=True)

    def url_query(self) -> str:
        """The app address's query (``?...``) that starts the explorer in its current state."""
        return "?" + self.state.to_query(style=self.style)

    def _conditions(self) -> dict[str, Any]:
        c = self.controls
        return {
            "pelvis": c["pelvis"].value,
            "strategy": c["strategy"].value,
            "hip_mobility": float(c["hip_mobility"].value),
            "thoracic_mobility": float(c["thoracic_mobility"].value),
            "lumbar_bracing": float(c["lumbar_bracing"].value),
        }

    def _update_reach(self, conditions: dict[str, Any]) -> None:
        """Fit the rotation and torque sliders to the envelope of these conditions (where the
        living body's range ends); say so when they change and when a value is clamped."""
        reach = self._reach = (
            float(self.model.reachable_deg(**conditions)),
            float(self.model.reachable_torque_nm(**conditions)),
        )
        drive = self.controls["drive"].value
        clamped = []
        changed = False
        for name, limit, step, unit in (
            ("total_deg", reach[0], TOTAL_RESOLUTION, "deg"),
            ("torque_nm", reach[1], TORQUE_RESOLUTION, "Nm"),
        ):
            slider = self.controls[name]
            new_max = _floor_step(limit, step)
            if new_max == slider.max:
                continue
            changed = True
            old_value = slider.value
            with self._silenced(), slider.hold_sync():
                if new_max > slider.max:
                    slider.max = new_max
                else:
                    slider.value = min(slider.value, new_max)
                    slider.max = new_max
            if drive == ("total" if name == "total_deg" else "torque") and old_value > new_max:
                clamped.append(f"{old_value:.{2 if unit == 'Nm' else 1}f} to {new_max:g} {unit}")
        if not changed:
            return
        note = (
            f"The sliders run to {self.controls['total_deg'].max:.1f} deg and "
            f"{self.controls['torque_nm'].max:.2f} Nm: where the body's range ends under these conditions."
        )
        if clamped:
            note += f" The drive was clamped from {clamped[0]}."
        self._notify(note)

    def _solve(self) -> Pose:
        """The pose of the controls (a drive slider's end stands for the envelope itself)."""
        return self.state.solve(self.model)

    def _refresh(self) -> None:
        """Control values -> model -> artists -> readouts -> canvas."""
        conditions = self._conditions()
        if conditions != self._last_conditions:
            self.live.invalidate()
            self._update_reach(conditions)
            self._last_conditions = conditions
            self.controls["hip_mobility"].disabled = conditions["pelvis"] == "fixed"
            # The hip-led turn needs a free pelvis: no seated option while it is chosen.
            self.controls["pelvis"].disabled = STRATEGIES[conditions["strategy"]].hip_led
        self.pose = pose = self._solve()
        bands = bool(self.controls["bands"].value)
        if bands:
            # One vectorised spread per conditions (cached); the panels read the same sweep.
            self.sweep = plotting.population_sweep(self.model, BAND_BODIES, **conditions)
        if bands != self._shown_bands:
            self.live.invalidate()
            for name in ("region_split", "loads"):
                self.panels[name].show_spread(BAND_BODIES if bands else None)
            self._shown_bands = bands
        for panel in self.panels.values():
            panel.update(pose)
        self.draw()  # the frame leaves first; the readouts' small messages follow it
        self._update_readouts(pose)
        self._mirror(pose)

    def pose_range(self, pose: Pose | None = None) -> dict[str, Any] | None:
        """The population's 5-95% range at the current pose (None with bands off).

        Read from the ``sweep`` attribute by interpolation at the pose's drive (no model call).

        Parameters
        ----------
        pose : Pose, optional
            Default: the current pose.

        Returns
        -------
        dict or None
            ``fraction`` (share of the bodies that reach the pose), and for ``legs``,
            ``hips``, ``lumbar``, ``thoracic`` (deg), ``facet`` (N), ``strain`` (%) a
            ``(low, high)`` pair, NaN where fewer than half of the bodies reach the pose.
        """
        if not self.controls["bands"].value or self.sweep is None:
            return None
        pose = self.pose if pose is None else pose
        total_mode = self.controls["drive"].value == "total"
        drive = abs(float(pose.total_deg if total_mode else pose.torque_nm))
        names = ("legs", "hips", "lumbar", "thoracic", "facet", "strain")
        found = self.sweep.against("total" if total_mode else "torque", names, [drive])
        out: dict[str, Any] = {"fraction": float(found["fraction"][0])}
        out.update({name: (float(found[name][0][0]), float(found[name][2][0])) for name in names})
        return out

    def _mirror(self, pose: Pose) -> None:
        """The inactive drive slider follows the pose (and is disabled)."""
        c = self.controls
        total_mode = c["drive"].value == "total"
        with self._silenced(), self._held(c["total_deg"], c["torque_nm"]):
            c["total_deg"].disabled = not total_mode
            c["torque_nm"].disabled = total_mode
            if total_mode:
                c["torque_nm"].value = min(float(pose.torque_nm), c["torque_nm"].max)
            else:
                c["total_deg"].value = min(float(pose.total_deg), c["total_deg"].max)

    def _update_readouts(self, pose: Pose) -> None:
        spread = self.pose_range(pose)
        texts = readout_html(
            self.model,
            pose,
            reach_deg=self._reach[0],
            spread=spread,
            spread_label=self.sweep.label if self.sweep is not None else "",
            spread_n=self.sweep.n if self.sweep is not None else 0,
            spread_min_reached=plotting.SPREAD_MIN_REACHED,
        )
        for name, text in texts.items():
            if self.readouts[name].value != text:  # unchanged text: no message to the browser
                self.readouts[name].value = text

    # --- public ------------------------------------------------------------------------------
    def draw(self, *, full: bool = False) -> None:
        """Put the current artists on the screen.

        Parameters
        ----------
        full : bool
            Redraw everything. By default only the moving artists are drawn over a
            cached background (blitting) when nothing else changed since the last full
            draw; a condition change, new limits or a changed static artist force a
            full draw (see :class:`spinemodel.live_figure.LiveFigure`).
        """
        self.live.draw(full=full)

    @property
    def draw_count(self) -> int:
        """Frames drawn so far."""
        return self.live.draw_count

    @property
    def full_draws(self) -> int:
        """Frames drawn so far as full redraws (the others were blitted)."""
        return self.live.full_draws

    @property
    def _figure_widget(self) -> widgets.Widget:
        return self.live.widget

    def _learn_moving_artists(self) -> None:
        """Find the artists that a drive change moves (they become ``animated``), then draw."""
        pose = self.pose
        conditions = self._conditions()
        reach = float(self.controls["total_deg"].max)
        total = float(pose.total_deg)
        probe_total = total + 1.0 if total + 1.0 <= reach else max(total - 1.0, 0.0)
        probe = self.model.solve(total_deg=probe_total, **conditions)

        def show(p: Pose) -> None:
            for panel in self.panels.values():
                panel.update(p)

        self.live.learn(lambda: show(probe), lambda: show(pose))

    def refresh(self) -> None:
        """Recompute the pose from the controls and update figure and readouts."""
        self._guard(self._refresh)()

    def reset(self) -> None:
        """Set every control back to the values the explorer started with."""
        self._apply_state(self._initial_state, refresh=True)

    def save(self, path: str | Path | None = None, *, dpi: float = 150.0) -> Path:
        """Write the current figure as a PNG file and return its path.

        Parameters
        ----------
        path : str or Path, optional
            Target file; by default ``spinemodel-explorer-<time>.png`` in ``save_dir``.
        dpi : float
            Resolution (dots per inch).
        """
        if path is None:
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            path = self.save_dir / f"spinemodel-explorer-{stamp}.png"
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        state = self.state
        summary = state.summary(self.pose)
        fig = self.figure
        width_in, height_in = fig.get_size_inches()
        size_pt = float(self._stamp.get_fontsize())
        per_line = max(40, int(width_in * 72.0 / (0.6 * size_pt)) - 4)
        lines = textwrap.wrap(f"spinemodel explorer, {LABEL}. Conditions: {summary}.", per_line)
        self._stamp.set_text("\n".join(lines))
        strip = (len(lines) * 1.3 + 0.6) * size_pt / 72.0  # inches below the figure
        metadata = {
            "Software": "spinemodel explorer (model estimate)",
            "Description": summary,
            "Comment": state.to_json(),
        }
        try:
            self.live.savefig(
                path,
                redraw=False,
                dpi=dpi,
                metadata=metadata,
                bbox_inches=Bbox.from_extents(0.0, -strip, width_in, height_in),
            )
        finally:
            self._stamp.set_text("")
        self.draw(full=True)
        return path

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def __repr__(self) -> str:
        return f"<Explorer backend={self.backend!r} {self.pose!r}>"


#: Figure size (inches) per style; at 80 dpi (64 for ``lecture``) 960 x 592 (880 x 544) pixels: with the
#: controls beside it, on the first screen at 1366 x 768 (1280 x 720 for ``lecture``).
_FIGURE_SIZES: dict[str, tuple[float, float]] = {
    "lecture": (17.0, 10.5),
    "notebook": (12.0, 7.4),
    "paper": (12.0, 7.4),
}
_FIGURE_DPI: dict[str, float] = {"lecture": 52.0, "notebook": 80.0, "paper": 80.0}


def _figure_size(
    style: str, figsize: tuple[float, float] | None, dpi: float | None
) -> tuple[tuple[float, float], float]:
    if figsize is None:
        figsize = _FIGURE_SIZES.get(style, _FIGURE_SIZES["notebook"])
    try:
        width, height = (float(v) for v in figsize)
    except (TypeError, ValueError):
        raise TypeError(f"figsize must be two numbers (inches), got {figsize!r}") from None
    if not (1.0 <= width <= 40.0 and 1.0 <= height <= 40.0):
        raise ValueError(f"figsize = {figsize!r} is out of range; each side must be in [1, 40] inches")
    dpi = _FIGURE_DPI.get(style, 80.0) if dpi is None else dpi
    if isinstance(dpi, bool) or not isinstance(dpi, (int, float)) or not 20.0 <= dpi <= 400.0:
        raise ValueError(f"dpi = {dpi!r} is out of range; allowed [20, 400] dots per inch")
    return (width, height), float(dpi)


def _explorer_css(css_id: str, width: int, height: int, *, lecture: bool) -> str:
    """The explorer's style sheet, scoped to one explorer (``css_id``).

    - the controls column has a fixed width; the sliders' labels sit above their tracks,
      so a track spans the column (long enough to aim with);
    - the figure (ipympl canvas or inline image, ``width`` x ``height`` pixels) is at most
      its own size, its column's width and the window's height below the readouts, with
      its aspect ratio kept: it never overflows its cell;
    - ``lecture`` scales the widgets' font, heights and handles (controls and readouts).
    """
    x = f".{css_id}"
    top = 190 if lecture else 150  # px above the figure in the app: title, readouts, margins
    fit = f"min({width}px, 100%, calc((100vh - {top}px) * {width / height:.5f}))"
    scale = (
        f"{x}.spinemodel-lecture {{ --jp-widgets-font-size: 17px; --jp-widgets-inline-height: 34px;"
        " --jp-widgets-slider-handle-size: 22px; --jp-widgets-slider-track-thickness: 6px;"
        " --jp-widgets-inline-margin: 3px; font-size: 17px; }\n"
        if lecture
        else ""
    )
    return f"""<style>
{scale}{x} {{ font-size: var(--jp-widgets-font-size); }}
{x} .spinemodel-heading {{ margin: 0 0 0.3em 0; line-height: 1.3; }}
{x} .spinemodel-heading b {{ font-size: 1.2em; }}
{x} .spinemodel-disclaimer {{ color: #555; margin-left: 0.6em; font-size: 0.9em; }}
{x} .spinemodel-columns {{ align-items: flex-start; gap: 0.8em; }}
{x} .spinemodel-controls {{ flex: 0 0 auto; width: 21em; }}
{x} .spinemodel-main {{ flex: 1 1 0; min-width: 0; }}
{x} .spinemodel-controls .widget-hslider {{ flex-wrap: wrap; height: auto; width: 100%; }}
{x} .spinemodel-controls .widget-hslider > .widget-label {{
    width: 100% !important; max-width: 100% !important; text-align: left; line-height: 1.3; }}
{x} .spinemodel-controls .widget-hslider > .slider-container {{ flex: 1 1 0; min-width: 0; }}
{x} .spinemodel-controls .widget-hslider > .widget-readout {{ min-width: 3.6em; }}
{x} .spinemodel-controls .widget-toggle-buttons .widget-toggle-button {{ width: auto; padding: 0 0.5em; }}
{x} .spinemodel-controls .widget-play {{ flex: 0 0 auto; width: auto; }}
{x} .spinemodel-controls .widget-play button {{ flex: 0 0 auto; width: 2.8em; padding: 0; }}
{x} .spinemodel-scenario-text {{ font-size: 0.9em; }}
{x} .spinemodel-figure-box {{ overflow: hidden; }}
{x} img.spinemodel-figure {{ width: {fit} !important; height: auto !important; margin: 0 !important; }}
{x} .spinemodel-figure.jupyter-matplotlib {{
    width: {fit} !important; flex: 0 1 auto !important; margin: 0 !important; }}
{x} .spinemodel-figure .jupyter-matplotlib-figure {{ width: 100% !important; }}
{x} .spinemodel-figure .jupyter-matplotlib-canvas-container {{
    overflow: visible !important; width: 100%; margin: 0 !important; }}
{x} .spinemodel-figure .jupyter-matplotlib-canvas-div {{
    width: 100% !important; height: auto !important;
    aspect-ratio: {width} / {height}; margin: 0 !important; }}
{x} .spinemodel-figure canvas {{ width: 100% !important; height: 100% !important; }}
</style>"""


def explore(
    *,
    model: SpineModel | None = None,
    backend: str = "auto",
    style: str = "notebook",
    save_dir: str | Path = ".",
    figsize: tuple[float, float] | None = None,
    dpi: float | None = None,
    bands: bool = False,
    query: str | None = None,
    **initial: Any,
) -> Explorer:
    """Build the interactive explorer; display the result in Jupyter.

    Parameters
    ----------
    model : SpineModel, optional
        The model to explore (default ``SpineModel()``).
    backend : {"auto", "ipympl", "inline"}
        ``auto`` draws with ipympl where it is installed, else as a PNG image.
    style : {"lecture", "notebook", "paper"}
        Figure style of :mod:`spinemodel.plotting` (``lecture`` for a projector).
    save_dir : str or Path
        Folder for the "Save figure" button (default: the working directory).
    figsize : (float, float), optional
        Figure size (inches); by default 12 x 7.4 (13.75 x 8.5 for ``lecture``).
    dpi : float, optional
        Figure resolution on screen (dots per inch); by default 80 (64 for ``lecture``):
        960 x 592 pixels (880 x 544 for ``lecture``); on screen the figure shrinks to fit
        its column and the window.
    bands : bool
        Start with the population spread shown (the ``bands`` checkbox): ranges in the
        readouts, shaded bands in the region-split and loads panels, over
        :data:`BAND_BODIES` model bodies. Off by default: the first band draws the
        population (about 1 s), each new set of conditions then costs one
        ``model.spread`` call (about 0.5 s); slider steps stay as fast as without.
    **initial
        Starting values: ``scenario`` (a name in :data:`spinemodel.SCENARIOS`, its
        inputs first), ``total_deg`` [deg] or ``torque_nm`` [Nm] (at most one),
        ``pelvis`` ("free"/"fixed"), ``strategy``, ``hip_mobility``,
        ``thoracic_mobility`` (within :data:`spinemodel.MOBILITY_RANGE`) and ``lumbar_bracing`` (0 to 1).
    query : str, optional
        A prepared state as an app address's query, e.g. ``"scenario=golf_backswing&bands=1"``
        or ``"total_deg=30&pelvis=fixed&style=lecture"`` (the Voilà app passes its address's
        query; see :meth:`Explorer.url_query`). When it names a control it replaces the starting
        values above; ``style`` replaces ``style``. A bad query raises nothing: the explorer
        starts from the values above and says in one sentence what was wrong.

    Returns
    -------
    Explorer
        With ``controls``, ``figure``, ``pose``, ``panels`` and ``readouts``.

    Raises
    ------
    TypeError
        For an unknown parameter or a value of the wrong type.
    ValueError
        For a value out of its range (the message names parameter, value and range).
    """
    return Explorer(
        model,
        backend=backend,
        style=style,
        save_dir=save_dir,
        figsize=figsize,
        dpi=dpi,
        bands=bands,
        query=query,
        **initial,
    )
