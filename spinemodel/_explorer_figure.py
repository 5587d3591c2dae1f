"""The explorer's figure: three panels of :mod:`spinemodel.plotting` in one live figure.

>>> import spinemodel as sm
>>> from spinemodel._explorer_figure import ExplorerFigure, figure_size    # doctest: +SKIP
>>> model = sm.SpineModel()                                                # doctest: +SKIP
>>> size, dpi = figure_size("notebook", None, None)                        # doctest: +SKIP
>>> shown = ExplorerFigure(model, model.solve(total_deg=30), style="notebook",
...                        backend="inline", figsize=size, dpi=dpi)        # doctest: +SKIP
>>> shown.update(model.solve(total_deg=31)); shown.live.draw()             # doctest: +SKIP

An :class:`ExplorerFigure` builds the explorer's figure (:mod:`spinemodel.widgets`) once: the
top view, the region split and the loads panel on a fixed grid, with short fixed titles and,
on screen, fixed labels in place of numbers that change every frame (text is what costs most
to draw; saved figures carry the numbers). It lives in a
:class:`~spinemodel.live_figure.LiveFigure` (in-place updates, blitting) and writes PNG files
stamped with their conditions (:meth:`ExplorerFigure.save`).

Everything drawn is a model estimate from an educational model, not medical advice.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._extras import missing_extras

try:
    import matplotlib as mpl
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.transforms import Bbox, ScaledTranslation, blended_transform_factory
except ModuleNotFoundError as exc:  # a plain install: name the pip command
    raise missing_extras(exc, "spinemodel.widgets") from None

from . import plotting
from .live_figure import LiveFigure
from .model import Pose, SpineModel

__all__ = ["ExplorerFigure", "figure_size", "PANEL_TITLES"]

#: Figure size (inches) per style; at 80 dpi (52 for ``lecture``) 960 x 592 (884 x 546) pixels: with the
#: controls beside it, on the first screen at 1366 x 768 (1280 x 720 for ``lecture``).
_FIGURE_SIZES: dict[str, tuple[float, float]] = {
    "lecture": (17.0, 10.5),
    "notebook": (12.0, 7.4),
    "paper": (12.0, 7.4),
}
_FIGURE_DPI: dict[str, float] = {"lecture": 52.0, "notebook": 80.0, "paper": 80.0}
#: The panels' short, fixed titles.
PANEL_TITLES: dict[str, str] = {
    "top_view": "Top view: where the turn happens",
    "region_split": "Where the rotation comes from",
    "loads": "Loads on the low back against its rotation",
}
_LEGEND_GAP_PT = 2.0  # between a legend and the note above it
_SMALL_LEGEND = 0.75  # the region split's legend font, times the style's font size (its notes': 0.8)


def figure_size(
    style: str, figsize: tuple[float, float] | None, dpi: float | None
) -> tuple[tuple[float, float], float]:
    """The explorer's figure size (inches) and resolution (dots per inch) for ``style``.

    Raises
    ------
    TypeError
        For a ``figsize`` that is not two numbers.
    ValueError
        For a side outside [1, 40] inches or a ``dpi`` outside [20, 400].
    """
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


class ExplorerFigure:
    """The explorer's figure: top view, region split and loads, updated in place.

    Parameters
    ----------
    model : SpineModel
    pose : Pose
        The first pose drawn.
    style : str
        A style of :mod:`spinemodel.styles`.
    backend : {"auto", "ipympl", "inline"}
    figsize : (float, float)
        Inches (see :func:`figure_size`).
    dpi : float
        Dots per inch on screen.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    live : spinemodel.live_figure.LiveFigure
    panels : dict
        The :class:`spinemodel.plotting.Drawn` panels by name (``top_view``, ``region_split``,
        ``loads``).
    stamp : matplotlib.text.Text
        The conditions' strip below a saved figure (empty on screen).
    size_px : (int, int)
        The figure's size on screen (pixels).
    """

    def __init__(
        self,
        model: SpineModel,
        pose: Pose,
        *,
        style: str,
        backend: str,
        figsize: tuple[float, float],
        dpi: float,
    ) -> None:
        self.style = style
        with plotting.style(style):
            fig = Figure(figsize=figsize, dpi=dpi, layout="none")
            self.live = LiveFigure(fig, backend=backend, css_class="spinemodel-figure")
            self.size_px = self.live.size_px
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
            self.panels: dict[str, Any] = {
                "top_view": plotting.plot_top_view(model, pose, ax=fig.add_subplot(gs[0, 0])),
                "region_split": plotting.plot_region_split(model, pose, ax=fig.add_subplot(gs[1, 0])),
                "loads": plotting.plot_loads(model, pose, ax=fig.add_subplot(gs[:, 1])),
            }
            # Saved figures carry their conditions in a strip added below the figure (set in
            # save(); empty on screen).
            self.stamp = fig.text(
                0.5 * em_w, 0.0, "", fontsize="small", color="#333", ha="left", va="top", linespacing=1.3
            )
            self.stamp.set_in_layout(False)
            self.figure = fig
            self._trim_panels()
            self._place_legends()

    def axes(self) -> list[Any]:
        """All axes of the figure (twin axes included)."""
        return [ax for drawn in self.panels.values() for ax in drawn.axes]

    # --- construction ------------------------------------------------------------------------
    def _trim_panels(self) -> None:
        """Short, fixed panel titles: the figures' own two-line titles repeat the readouts and
        the controls, and text that changes with every frame is what costs most to draw."""
        # Above the tick label at the top of the loads panel's strain axis (centred on the axes' top).
        tick_pt = FontProperties(size=mpl.rcParams["ytick.labelsize"]).get_size_in_points()
        pad = 6.0 + 0.5 * tick_pt
        for name, drawn in self.panels.items():
            own = drawn.artists.get("title")
            if own is not None:
                own.set_visible(False)
            drawn.axes[0].set_title(PANEL_TITLES[name], loc="center", fontweight="bold", y=1.0, pad=pad)
        for ax in self.axes():
            for text in ax.texts:  # notes inside the axes may overhang; they must not squeeze the layout
                text.set_in_layout(False)

    def _place_legends(self) -> None:
        """Legends clear of the panels' notes: the region split's below its "the range ends" note,
        the loads' below its "discs damaged" label (which moves with the strain axis' limits)."""
        fig = self.figure
        renderer = fig.canvas.get_renderer()

        def below(text: Any) -> ScaledTranslation:
            """Down by the text's height (its box's padding included) and a gap."""
            height_pt = text.get_window_extent(renderer).height * 72.0 / fig.dpi
            box = text.get_bbox_patch()
            pad_pt = box.get_boxstyle().pad * text.get_fontsize() if box is not None else 0.0
            return ScaledTranslation(
                0.0, -(height_pt + 2.0 * pad_pt + _LEGEND_GAP_PT) / 72.0, fig.dpi_scale_trans
            )

        split = self.panels["region_split"]
        ax = split.axes[0]
        note = split.artists["reach_label"]  # top-aligned at the top of the axes
        old = ax.get_legend()
        # The small panel's legend in the size of its notes, with short handles (the same entries).
        legend = ax.legend(
            handles=list(old.legend_handles),
            labels=[text.get_text() for text in old.get_texts()],
            loc="upper left",
            bbox_to_anchor=(0.0, note.get_position()[1]),
            bbox_transform=ax.transAxes + below(note),
            fontsize=_SMALL_LEGEND * float(mpl.rcParams["font.size"]),
            handlelength=1.6,
            borderaxespad=0.3,
        )
        split.artists["legend"] = legend
        if "cap_label" in split.artists:  # the panel writes where the lumbar range is reached into it
            split.artists["cap_label"] = legend.get_texts()[0]
        loads = self.panels["loads"]
        ax, strain_ax = loads.axes[0], loads.axes[1]
        label = loads.artists["damage_label"]  # top-aligned at the damage strain (it moves with the limits)
        legend = ax.get_legend()
        legend.set_loc("upper left")
        legend.set_bbox_to_anchor(
            (0.005, label.get_position()[1]),
            transform=blended_transform_factory(ax.transAxes, strain_ax.transData) + below(label),
        )

    # --- updates -----------------------------------------------------------------------------
    def update(self, pose: Pose) -> None:
        """Show ``pose`` in every panel (artists changed in place; nothing is drawn)."""
        for panel in self.panels.values():
            panel.update(pose)

    def show_spread(self, bodies: int | None) -> None:
        """Shade the population's 5-95% band of ``bodies`` model bodies in the region-split and
        loads panels, or hide it (``None``); the next draw is a full one."""
        self.live.invalidate()
        with plotting.style(self.style):  # the panels' legends are built again in the figure's style
            for name in ("region_split", "loads"):
                self.panels[name].show_spread(bodies)
            self._place_legends()

    def learn(self, probe: Pose, pose: Pose) -> None:
        """Find the artists that a drive change moves (``probe``: a pose one step from ``pose``);
        they become ``animated``. Leaves ``pose`` shown."""
        self.live.learn(lambda: self.update(probe), lambda: self.update(pose))

    # --- files -------------------------------------------------------------------------------
    def save(self, path: Path, *, caption: str, metadata: Mapping[str, str], dpi: float) -> None:
        """Write the whole figure to ``path`` (PNG) with ``caption`` in a strip below it.

        The screen is not redrawn (the caller draws).
        """
        width_in, height_in = self.figure.get_size_inches()
        size_pt = float(self.stamp.get_fontsize())
        per_line = max(40, int(width_in * 72.0 / (0.6 * size_pt)) - 4)
        lines = textwrap.wrap(caption, per_line)
        self.stamp.set_text("\n".join(lines))
        strip = (len(lines) * 1.3 + 0.6) * size_pt / 72.0  # inches below the figure
        try:
            self.live.savefig(
                path,
                redraw=False,
                dpi=dpi,
                metadata=dict(metadata),
                bbox_inches=Bbox.from_extents(0.0, -strip, width_in, height_in),
            )
        finally:
            self.stamp.set_text("")
