"""Interactive explorer: sliders that turn the trunk, figures and loads that follow.

>>> from spinemodel.widgets import explore
>>> explorer = explore(scenario="seated_twist_stretch")   # doctest: +SKIP
>>> explorer                                              # doctest: +SKIP

The explorer is built once: one matplotlib figure with several axes from
:mod:`spinemodel.plotting`, whose artists are updated in place on every control
change. It draws with ipympl (an interactive canvas) where ipympl is installed and
falls back to a PNG image (the "inline" way) where it is not.

This module is the coordinator: :class:`Explorer` connects the controls' events to the
model and the view and keeps the public interface. Its pieces, each with one concept:

- :mod:`spinemodel.explorer_state`: the state without widgets (control values -> model
  inputs -> pose, readout texts, the app address's query and JSON, the envelope);
- ``spinemodel._explorer_controls``: the control widgets, read and set as a state;
- ``spinemodel._explorer_readouts``: the readouts, notes, error box and "saved" line;
- ``spinemodel._explorer_figure``: the three panels in one figure, saved with their conditions;
- ``spinemodel._explorer_layout``: the page (columns) and its style sheet;
- ``spinemodel._explorer_keys``: PageUp/PageDown move the drive sliders ten steps in the browser;
- :mod:`spinemodel.live_figure`: the figure's in-place drawing and blitting.

A lecturer prepares a state as an address of the Voilà app, e.g.
``?scenario=golf_backswing&bands=1&style=lecture`` (passed as ``explore(query=...)``), or as
JSON (the "Prepared states" section, :meth:`Explorer.export_state`).

Every number it shows is a model estimate from an educational model, not medical
advice. The model modules never import this one.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ._extras import missing_extras

try:
    import ipywidgets as widgets
except ModuleNotFoundError as exc:  # a plain install: name the pip command
    raise missing_extras(exc, "spinemodel.widgets") from None

from . import _explorer_controls, plotting
from ._explorer_controls import CUSTOM, Controls, echo
from ._explorer_figure import ExplorerFigure, figure_size
from ._explorer_keys import page_keys
from ._explorer_layout import page
from ._explorer_readouts import Readouts, pose_spread
from .explorer_state import ExplorerState, parse_query
from .live_figure import BACKENDS, LiveFigure, resolve_backend
from .model import LABEL, Pose, SpineModel
from .scenarios import STRATEGIES
from .styles import STYLES, check_style

__all__ = ["Explorer", "explore", "BACKENDS", "CONTROL_NAMES", "INITIAL_PARAMETERS", "BAND_BODIES"]

#: Names of the entries of :attr:`Explorer.controls`.
CONTROL_NAMES: tuple[str, ...] = _explorer_controls.CONTROL_NAMES
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
#: Model bodies of the explorer's population bands (a condition change with bands on costs one
#: ``model.spread`` over the sweep's 81 totals: about half a second for 300 bodies).
BAND_BODIES: int = _explorer_controls.BAND_BODIES


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
        figsize, dpi = figure_size(self.style, figsize, dpi)
        self.save_dir = Path(save_dir)
        self._last_conditions: dict[str, Any] | None = None
        self.sweep: plotting.PopulationSweep | None = None
        self._shown_bands: bool | None = None
        self._initial_state = start

        self._readouts = Readouts()
        self.readouts: dict[str, widgets.HTML] = self._readouts.by_name
        self.errors: list[BaseException] = self._readouts.errors
        self.notices: list[str] = self._readouts.notices
        self._controls = Controls(model, notify=self._notify)
        self.controls: dict[str, widgets.Widget] = self._controls.by_name

        self._controls.set_values(self._initial_state)
        self.pose: Pose = self._solve()
        self._css_id = f"spinemodel-x{id(self):x}"
        self._figure = ExplorerFigure(
            model, self.pose, style=self.style, backend=self.backend, figsize=figsize, dpi=dpi
        )
        self.live: LiveFigure = self._figure.live
        self.figure = self._figure.figure
        self.panels: dict[str, Any] = self._figure.panels
        self._learn_moving_artists()
        self._connect()
        # PageUp/PageDown move the drive sliders ten steps (ipywidgets' own: five); None without anywidget.
        self._page_keys = page_keys(
            self._css_id, ("spinemodel-control-total-deg", "spinemodel-control-torque-nm")
        )
        self.widget = page(
            self._controls,
            self._readouts,
            self.live.widget,
            css_id=self._css_id,
            size_px=self._figure.size_px,
            lecture=self.style == "lecture",
            extra=() if self._page_keys is None else (self._page_keys,),
        )
        self._controls.update_scenario_text()
        self._refresh()
        if query_note:
            self._notify(query_note)

    # --- the pieces' widgets (tests and the docs' still read them) ------------------------------
    @property
    def _status(self) -> widgets.HTML:
        return self._readouts.status

    @property
    def _error(self) -> widgets.HTML:
        return self._readouts.error

    @property
    def _saved(self) -> widgets.HTML:
        return self._readouts.saved

    @property
    def _scenario_text(self) -> widgets.HTML:
        return self._controls.scenario_text

    @property
    def _stamp(self) -> Any:
        return self._figure.stamp

    @property
    def _figure_widget(self) -> widgets.Widget:
        return self.live.widget

    def figure_axes(self) -> list[Any]:
        """All axes of the explorer's figure (twin axes included)."""
        return self._figure.axes()

    # --- events ------------------------------------------------------------------------------
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
        c["reset"].on_click(self._guard(lambda _b: (self._readouts.clear_notes(), self.reset())))
        c["save"].on_click(self._guard(lambda _b: self._readouts.show_saved(self.save())))
        c["export_state"].on_click(self._guard(lambda _b: self._on_export()))
        c["import_state"].on_click(self._guard(lambda _b: self._on_import()))

    def _guard(self, callback: Callable[..., Any], *, clears: bool = True) -> Callable[..., Any]:
        """Wrap a callback so that an exception is shown in the explorer, never lost; a
        successful user action (``clears``) hides the last error again."""

        @functools.wraps(callback)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                result = callback(*args, **kwargs)
            except Exception as exc:  # shown to the user, kept in self.errors
                self._readouts.show_error(exc)
                return None
            if clears:
                self._readouts.hide_error()
            return result

        return wrapper

    def _notify(self, note: str, *, append: bool = False) -> None:
        """Show a note under the controls (``append``: below the one shown)."""
        self._readouts.notify(note, append=append)

    def _action(self) -> None:
        """A user's change: the last note goes, and the scenario picker says "custom"."""
        self._readouts.clear_notes()
        self._controls.mark_custom()

    def _on_drive(self, change: dict) -> None:
        if self._controls.quiet:
            return
        self._action()
        self._controls.start_drive_at(self.pose)  # keep the pose continuous
        self._refresh()

    def _on_drive_value(self, name: str, change: dict) -> None:
        if self._controls.quiet or self._controls.active_drive != name or echo(change):
            return
        self._action()
        self._refresh()

    def _on_condition(self, change: dict) -> None:
        if self._controls.quiet or echo(change):
            return
        self._action()
        c = self.controls
        note = ""
        if (
            change.get("owner") is c["pelvis"]
            and change["new"] == "fixed"
            and STRATEGIES[c["strategy"].value].hip_led
        ):
            # The hip-led turn turns the pelvis: it cannot be done seated. (The pelvis control is
            # disabled while it is chosen; code may still set it.) Fall back to a passive stretch.
            with self._controls.silenced():
                c["strategy"].value = "passive"
                c["lumbar_bracing"].value = STRATEGIES["passive"].lumbar_bracing
            note = "Pelvis fixed: the hip-led turn needs a free pelvis, so the strategy is now passive."
            self._status.value = ""
        self._refresh()
        if note:
            self._notify(note, append=True)

    def _on_strategy(self, change: dict) -> None:
        if self._controls.quiet:
            return
        self._action()
        c = self.controls
        note = ""
        # A strategy comes with its own bracing (and the hip-led turn with its stance).
        with self._controls.silenced():
            c["lumbar_bracing"].value = STRATEGIES[change["new"]].lumbar_bracing
            if STRATEGIES[change["new"]].hip_led and c["pelvis"].value == "fixed":
                c["pelvis"].value = "free"
                note = "The hip-led turn turns the pelvis: the pelvis is now free (standing)."
                self._status.value = ""
        self._refresh()
        if note:
            self._notify(note, append=True)

    def _on_scenario(self, change: dict) -> None:
        if self._controls.quiet:
            return
        self._readouts.clear_notes()
        if change["new"] != CUSTOM:
            preset = ExplorerState.resolve(self.model, scenario=change["new"], bands=self.state.bands)
            self._apply_state(preset, refresh=True)
        self._controls.update_scenario_text()

    def _on_play(self, change: dict) -> None:
        if not self._controls.quiet:
            self._controls.sweep_to(change["new"])  # the drive's observer refreshes

    def _on_bands(self, change: dict) -> None:
        if self._controls.quiet:
            return
        self._readouts.clear_notes()
        self._refresh()

    def _on_export(self) -> None:
        self._controls.show_export(self.url_query(), self.export_state())

    def _on_import(self) -> None:
        self._readouts.clear_notes()
        try:
            state = ExplorerState.from_json(self.controls["state_json"].value, self.model)
        except ValueError as exc:  # a user's text: one sentence, no traceback
            self._notify(f"The state was not imported: {exc}.")
            return
        self._apply_state(state, refresh=True)
        self._notify("State imported.")

    # --- state -------------------------------------------------------------------------------
    def _apply_state(self, state: ExplorerState, *, refresh: bool) -> None:
        """Set all controls from ``state`` silently, then update once."""
        self._controls.set_values(state)
        if refresh:
            self._refresh()

    @property
    def state(self) -> ExplorerState:
        """The controls' values as an :class:`~spinemodel.explorer_state.ExplorerState`."""
        return ExplorerState(**self._controls.values())

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
        return self._controls.conditions()

    def _solve(self) -> Pose:
        """The pose of the controls (a drive slider's end stands for the envelope itself)."""
        return self.state.solve(self.model)

    # --- update ------------------------------------------------------------------------------
    def _refresh(self) -> None:
        """Control values -> model -> artists -> readouts -> canvas."""
        conditions = self._conditions()
        if conditions != self._last_conditions:
            self.live.invalidate()
            self._controls.fit_reach(conditions)
            self._last_conditions = conditions
            self._controls.lock_conditions(conditions)
        self.pose = pose = self._solve()
        bands = bool(self.controls["bands"].value)
        if bands:
            # One vectorised spread per conditions (cached); the panels read the same sweep.
            self.sweep = plotting.population_sweep(self.model, BAND_BODIES, **conditions)
        if bands != self._shown_bands:
            self._figure.show_spread(BAND_BODIES if bands else None)
            self._shown_bands = bands
        self._figure.update(pose)
        self.draw()  # the frame leaves first; the readouts' small messages follow it
        self._readouts.show(
            self.model,
            pose,
            reach_deg=self._controls.reach[0],
            spread=self.pose_range(pose),
            sweep=self.sweep,
            spread_min_reached=plotting.SPREAD_MIN_REACHED,
        )
        self._controls.follow(pose)

    def _learn_moving_artists(self) -> None:
        """Find the artists that a drive change moves (they become ``animated``), then draw."""
        pose = self.pose
        reach = float(self.controls["total_deg"].max)
        total = float(pose.total_deg)
        probe_total = total + 1.0 if total + 1.0 <= reach else max(total - 1.0, 0.0)
        self._figure.learn(self.model.solve(total_deg=probe_total, **self._conditions()), pose)

    # --- public ------------------------------------------------------------------------------
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
        return pose_spread(
            self.sweep, self.pose if pose is None else pose, total_mode=self._controls.total_mode
        )

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
        metadata = {
            "Software": "spinemodel explorer (model estimate)",
            "Description": summary,
            "Comment": state.to_json(),
        }
        caption = f"spinemodel explorer, {LABEL}. Conditions: {summary}."
        self._figure.save(path, caption=caption, metadata=metadata, dpi=dpi)
        self.draw(full=True)
        return path

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def __repr__(self) -> str:
        return f"<Explorer backend={self.backend!r} {self.pose!r}>"


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
        Figure size (inches); by default 12 x 7.4 (17 x 10.5 for ``lecture``).
    dpi : float, optional
        Figure resolution on screen (dots per inch); by default 80 (52 for ``lecture``):
        960 x 592 pixels (884 x 546 for ``lecture``); on screen the figure shrinks to fit
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
