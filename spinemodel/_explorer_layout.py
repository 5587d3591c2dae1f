"""The explorer's page: controls in a column, readouts and figure beside them, and its style sheet.

>>> from spinemodel._explorer_layout import explorer_css, page               # doctest: +SKIP
>>> box = page(controls, readouts, figure_widget, css_id="spinemodel-x1",
...            size_px=(960, 592), lecture=False)                            # doctest: +SKIP

:func:`page` arranges the widgets of the explorer (:mod:`spinemodel.widgets`): one title line,
the controls (:class:`spinemodel._explorer_controls.Controls`) in a column on the left, the
readouts (:class:`spinemodel._explorer_readouts.Readouts`) and the figure on the right. At
1280 x 720 (``lecture``) and 1366 x 768 controls and figure share the first screen.
:func:`explorer_css` is its style sheet, scoped to one explorer.
"""

from __future__ import annotations

from typing import Any

from ._extras import missing_extras

try:
    import ipywidgets as widgets
except ModuleNotFoundError as exc:  # a plain install: name the pip command
    raise missing_extras(exc, "spinemodel.widgets") from None

__all__ = ["page", "explorer_css", "HEADING"]

#: The explorer's title line (HTML).
HEADING = (
    "<div class='spinemodel-heading'><b>Why the low back resists twisting</b> "
    "<span class='spinemodel-disclaimer'>model estimates from an educational model, "
    "not medical advice</span></div>"
)


def _wide() -> widgets.Layout:
    return widgets.Layout(width="100%")


def page(
    controls: Any,
    readouts: Any,
    figure_widget: widgets.Widget,
    *,
    css_id: str,
    size_px: tuple[int, int],
    lecture: bool,
    extra: tuple[widgets.Widget, ...] = (),
) -> widgets.Box:
    """The whole explorer as one widget.

    Controls in a column on the left, readouts and figure on the right, one title line above.
    The figure shrinks to its column (never overflows it) and to the window's height;
    ``lecture`` scales the controls and readouts with the figure (see :func:`explorer_css`).

    Parameters
    ----------
    controls : spinemodel._explorer_controls.Controls
    readouts : spinemodel._explorer_readouts.Readouts
    figure_widget : ipywidgets.Widget
        The figure's canvas or image.
    css_id : str
        A CSS class naming this explorer (its style sheet is scoped to it).
    size_px : (int, int)
        The figure's size (pixels).
    lecture : bool
        Larger controls and readouts for a projector.
    extra : tuple of ipywidgets.Widget
        Widgets without a view of their own (e.g. front-end helpers), placed after the style sheet.
    """
    c = controls.by_name
    heading = widgets.HTML(HEADING, layout=_wide())
    for name in ("reset", "save", "export_state", "import_state"):
        c[name].layout = widgets.Layout(width="auto", flex="1 1 auto")
    panel = widgets.VBox(
        [
            c["scenario"],
            controls.scenario_text,
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
            readouts.status,
            readouts.saved,
            controls.state_box,
        ],
    )
    panel.add_class("spinemodel-controls")
    r = readouts.by_name
    board = widgets.HBox([r["lumbar"], r["zone"], r["facet"], r["annulus"]], layout=_wide())
    board.add_class("spinemodel-board")
    figure_box = widgets.Box([figure_widget], layout=_wide())
    figure_box.add_class("spinemodel-figure-box")
    right = widgets.VBox([board, figure_box, r["regions"], readouts.error])
    right.add_class("spinemodel-main")
    width, height = size_px
    css = widgets.HTML(explorer_css(css_id, width, height, lecture=lecture))
    css.add_class("spinemodel-css")
    columns = widgets.HBox([panel, right], layout=_wide())
    columns.add_class("spinemodel-columns")
    box = widgets.VBox([css, *extra, heading, columns], layout=_wide())
    box.add_class("spinemodel-explorer")
    box.add_class(css_id)
    if lecture:
        box.add_class("spinemodel-lecture")
    return box


def explorer_css(css_id: str, width: int, height: int, *, lecture: bool) -> str:
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
