"""Figure styles and the colour scheme shared by every spinemodel figure.

Three styles, selected globally with :func:`use_style` or temporarily with the
:func:`style` context manager:

``lecture``
    16:9 at 1920 x 1080 px (16 x 9 in at 120 dpi), fonts readable from the back of
    a lecture hall, thick lines.
``notebook``
    1000 x 562 px (10 x 5.625 in at 100 dpi), for reading in Jupyter.
``paper``
    A journal's double column (7 x 3.3 in; the figure set uses the single column, 3.5 in, for
    narrow figures), small fonts, saved at 300 dpi, no in-figure titles (the caption carries
    them).

Colours come from the colour-blind-safe Okabe-Ito palette (Okabe & Ito 2008,
"Color Universal Design"); a region and a zone have the same colour in every figure.
This module imports matplotlib; the model (``spinemodel.model`` and friends) never does.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from ._extras import missing_extras

try:
    import matplotlib as mpl
except ModuleNotFoundError as exc:  # a plain install: name the pip command
    raise missing_extras(exc, "spinemodel.styles") from None

__all__ = [
    "STYLES",
    "OKABE_ITO",
    "REGION_COLORS",
    "REGION_LABELS",
    "ZONE_COLORS",
    "ZONE_LABELS",
    "REGION_LINESTYLES",
    "REGION_MARKERS",
    "ZONE_HATCHES",
    "STRATEGY_STYLES",
    "PAPER_WIDTHS_IN",
    "STRAIN_CMAP",
    "FACET_CMAP",
    "FOOTER",
    "style_params",
    "use_style",
    "style",
    "current_style",
    "check_style",
]

#: The figure styles, from large to small.
STYLES: tuple[str, ...] = ("lecture", "notebook", "paper")

#: Okabe-Ito colour-blind-safe palette.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: One colour per region of the chain, the same in every figure. The pelvis turn (legs + hips)
#: takes the hips' colour: figures draw either the pelvis or its two parts, never both.
REGION_COLORS: dict[str, str] = {
    "legs": OKABE_ITO["orange"],
    "hips": OKABE_ITO["blue"],
    "pelvis": OKABE_ITO["blue"],
    "lumbar": OKABE_ITO["reddish_purple"],
    "thoracic": OKABE_ITO["bluish_green"],
}

#: Readable names of the regions.
REGION_LABELS: dict[str, str] = {
    "legs": "legs (knee rotation)",
    "hips": "hips",
    "pelvis": "pelvis turn (legs + hips)",
    "lumbar": "lumbar spine (5 levels)",
    "thoracic": "thoracic spine (12 levels)",
}

#: One colour per zone of a joint's range (spinemodel.ZONES), the same in every figure.
ZONE_COLORS: dict[str, str] = {
    "neutral": OKABE_ITO["sky_blue"],
    "elastic": OKABE_ITO["yellow"],
    "beyond_limit": OKABE_ITO["vermillion"],
    "beyond_tolerance": OKABE_ITO["black"],
}

#: Readable names of the zones.
ZONE_LABELS: dict[str, str] = {
    "neutral": "neutral zone",
    "elastic": "elastic zone",
    "beyond_limit": "beyond the limit",
    "beyond_tolerance": "beyond the tolerance",
}

#: One line style per region: a region's line differs from every other by its dashes as well as
#: its colour (under deuteranopia the lumbar and thoracic colours turn similar greys).
REGION_LINESTYLES: dict[str, Any] = {
    "legs": (0, (1.0, 1.4)),
    "hips": (0, (6.0, 1.6, 1.2, 1.6)),
    "pelvis": (0, (6.0, 1.6, 1.2, 1.6)),
    "lumbar": "-",
    "thoracic": (0, (3.2, 1.6)),
}

#: One marker per region (points marked on the regions' curves).
REGION_MARKERS: dict[str, str] = {"legs": "v", "hips": "s", "pelvis": "s", "lumbar": "o", "thoracic": "D"}

#: One hatch per zone: bars and areas coloured by zone differ by hatch as well as colour.
ZONE_HATCHES: dict[str, str] = {
    "neutral": "",
    "elastic": "..",
    "beyond_limit": "//",
    "beyond_tolerance": "xx",
}

#: Colour, line style and marker of each named strategy (spinemodel.STRATEGIES) in every figure
#: that compares them: they differ by all three. Braced is orange, a colour no zone uses
#: (vermillion means "beyond the limit"), and stays apart from the other strategies' colours
#: under every colour-vision deficiency (tests/test_figure_quality.py checks it).
STRATEGY_STYLES: dict[str, dict[str, Any]] = {
    "passive": {"color": OKABE_ITO["black"], "ls": "-", "marker": "o"},
    "braced": {"color": OKABE_ITO["orange"], "ls": (0, (3.2, 1.6)), "marker": "s"},
    "hip_led": {"color": OKABE_ITO["sky_blue"], "ls": (0, (6.0, 1.6, 1.2, 1.6)), "marker": "^"},
}

#: Journal figure widths (inches): one column and two columns (about 89 and 180 mm).
PAPER_WIDTHS_IN: dict[str, float] = {"single": 3.5, "double": 7.0}

#: Colour map of annulus shear strain (light = low, dark red = high; monotonic lightness).
STRAIN_CMAP = "YlOrRd"
#: Colour map of facet compression (light = low, dark blue = high; monotonic lightness; apart from
#: the strain map in hue, also with a colour-vision deficiency).
FACET_CMAP = "Blues"

#: The footer every figure carries.
FOOTER = "model estimate · educational model, not medical advice · spinemodel"

_CYCLE = mpl.cycler(
    color=[
        OKABE_ITO[k]
        for k in ("blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue", "black")
    ]
)

_COMMON: dict[str, Any] = {
    "figure.constrained_layout.use": True,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.bbox": None,
    "axes.prop_cycle": _CYCLE,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.35,
    "axes.axisbelow": True,
    "axes.titleweight": "bold",
    "font.family": "DejaVu Sans",
    "legend.frameon": True,
    "legend.framealpha": 0.9,
    "pdf.fonttype": 42,
    "svg.fonttype": "path",
    "image.cmap": "viridis",
}

_STYLE_PARAMS: dict[str, dict[str, Any]] = {
    "lecture": {
        "figure.figsize": (16.0, 9.0),
        "figure.dpi": 120,
        "savefig.dpi": 120,
        "font.size": 20,
        "axes.titlesize": 22,
        "axes.labelsize": 22,
        "xtick.labelsize": 19,
        "ytick.labelsize": 19,
        "legend.fontsize": 17,
        "figure.titlesize": 26,
        "lines.linewidth": 4.5,
        "lines.markersize": 16,
        "axes.linewidth": 2.0,
        "grid.linewidth": 1.2,
        "xtick.major.width": 2.0,
        "ytick.major.width": 2.0,
        "xtick.major.size": 8,
        "ytick.major.size": 8,
        "patch.linewidth": 1.5,
        "hatch.linewidth": 2.0,
        "figure.constrained_layout.h_pad": 0.12,
        "figure.constrained_layout.w_pad": 0.12,
    },
    "notebook": {
        "figure.figsize": (10.0, 5.625),
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "font.size": 11,
        "axes.titlesize": 12.5,
        "axes.labelsize": 12,
        "xtick.labelsize": 10.5,
        "ytick.labelsize": 10.5,
        "legend.fontsize": 9.5,
        "figure.titlesize": 14,
        "lines.linewidth": 2.4,
        "lines.markersize": 9,
        "axes.linewidth": 1.1,
        "grid.linewidth": 0.7,
        "patch.linewidth": 0.9,
        "hatch.linewidth": 1.0,
        "figure.constrained_layout.h_pad": 0.06,
        "figure.constrained_layout.w_pad": 0.06,
    },
    "paper": {
        "figure.figsize": (7.0, 3.3),
        "figure.dpi": 100,
        "savefig.dpi": 300,
        "font.size": 7.5,
        "axes.titlesize": 8.5,
        "axes.labelsize": 8,
        "xtick.labelsize": 7,
        "ytick.labelsize": 7,
        "legend.fontsize": 6.5,
        "figure.titlesize": 9.5,
        "lines.linewidth": 1.5,
        "lines.markersize": 6,
        "axes.linewidth": 0.8,
        "grid.linewidth": 0.5,
        "xtick.major.width": 0.8,
        "ytick.major.width": 0.8,
        "patch.linewidth": 0.6,
        "hatch.linewidth": 0.6,
        "figure.constrained_layout.h_pad": 0.04,
        "figure.constrained_layout.w_pad": 0.04,
    },
}

_current: list[str] = ["notebook"]


def check_style(name: object) -> str:
    """Return ``name`` if it is one of :data:`STYLES`, else raise.

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If ``name`` is not a known style.
    """
    if not isinstance(name, str):
        raise TypeError(f"style must be a string, one of {', '.join(map(repr, STYLES))}; got {name!r}")
    if name not in STYLES:
        raise ValueError(f"style = {name!r} is not a known style; allowed: {', '.join(map(repr, STYLES))}")
    return name


def style_params(name: str) -> dict[str, Any]:
    """The matplotlib rcParams of a style (a new dict; safe to modify).

    Parameters
    ----------
    name : {"lecture", "notebook", "paper"}
        The style.
    """
    params = dict(_COMMON)
    params.update(_STYLE_PARAMS[check_style(name)])
    return params


def use_style(name: str) -> None:
    """Select a style for every figure made afterwards (changes matplotlib's rcParams globally).

    Parameters
    ----------
    name : {"lecture", "notebook", "paper"}
        ``lecture``: 1920 x 1080 px, big fonts, thick lines; ``notebook``: 1000 x 562 px;
        ``paper``: 7 in wide, saved at 300 dpi.

    Raises
    ------
    ValueError
        For an unknown style name.
    """
    params = style_params(name)
    mpl.rcParams.update(params)
    _current[0] = name


@contextlib.contextmanager
def style(name: str) -> Iterator[str]:
    """Context manager: use a style inside the ``with`` block, restore the settings after it.

    >>> from spinemodel.plotting import style, plot_region_split
    >>> with style("lecture"):  # doctest: +SKIP
    ...     drawn = plot_region_split(model)
    """
    params = style_params(name)
    previous = _current[0]
    with mpl.rc_context(params):
        _current[0] = name
        try:
            yield name
        finally:
            _current[0] = previous


def current_style() -> str:
    """Name of the style last selected with :func:`use_style` or :func:`style` (``notebook`` by default)."""
    return _current[0]
