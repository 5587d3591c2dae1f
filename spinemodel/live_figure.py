"""A matplotlib figure shown live in Jupyter: artists updated in place, frames drawn by blitting.

>>> from matplotlib.figure import Figure
>>> from spinemodel.live_figure import LiveFigure
>>> live = LiveFigure(Figure(figsize=(4, 3), dpi=80), backend="inline")   # doctest: +SKIP
>>> line, = live.figure.add_subplot().plot([0, 1], [0, 1])               # doctest: +SKIP
>>> live.learn(lambda: line.set_ydata([1, 0]), lambda: line.set_ydata([0, 1]))  # doctest: +SKIP
>>> live.draw()                                                          # doctest: +SKIP
>>> live.widget                                                          # doctest: +SKIP

The figure is drawn with ipympl (an interactive canvas widget) where ipympl is installed and
as a PNG image widget (the "inline" way) where it is not. Artists that a typical update moves
become ``animated``: :meth:`LiveFigure.draw` restores the cached background and draws only
those over it (blitting) unless something else changed (limits, a static artist, a new
artist), in which case it redraws the whole figure. :meth:`LiveFigure.savefig` writes the
complete figure (animated artists included).
"""

from __future__ import annotations

import functools
import struct
import warnings
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ._extras import missing_extras

try:
    import ipywidgets as widgets
    import numpy as np
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure
    from matplotlib.spines import Spine
except ModuleNotFoundError as exc:  # a plain install: name the pip command
    raise missing_extras(exc, "spinemodel.live_figure") from None

__all__ = ["LiveFigure", "BACKENDS", "resolve_backend"]

#: Drawing backends: ``auto`` takes ipympl when it can be imported, else ``inline``.
BACKENDS: tuple[str, ...] = ("auto", "ipympl", "inline")


def resolve_backend(backend: str) -> str:
    """``"ipympl"`` or ``"inline"`` for a backend of :data:`BACKENDS`.

    Raises
    ------
    ValueError
        For a name not in :data:`BACKENDS`.
    ImportError
        For ``"ipympl"`` without the ipympl package.
    """
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(map(repr, BACKENDS))}; got {backend!r}")
    if backend == "inline":
        return "inline"
    try:
        import ipympl.backend_nbagg  # noqa: F401
    except ImportError:
        if backend == "ipympl":
            raise ImportError("backend='ipympl' needs the ipympl package: pip install ipympl") from None
        return "inline"
    return "ipympl"


class LiveFigure:
    """A figure with a canvas widget, updated in place and drawn by blitting.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        A figure without a canvas of its own yet (``Figure(...)``, not ``plt.figure``).
    backend : {"auto", "ipympl", "inline"}
        ``auto``: ipympl where it is installed, else a PNG image widget.
    css_class : str, optional
        A CSS class added to the widget.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    widget : ipywidgets.Widget
        The ipympl canvas or the PNG image widget.
    backend : str
        ``"ipympl"`` or ``"inline"``.
    draw_count, full_draws : int
        Frames drawn, and of them full redraws.
    saved_only, screen_only : list of matplotlib.artist.Artist
        Artists shown only in saved files, or only on screen.
    """

    def __init__(self, figure: Figure, *, backend: str = "auto", css_class: str | None = None) -> None:
        if not isinstance(figure, Figure):
            raise TypeError(f"figure must be a matplotlib.figure.Figure, got {type(figure).__name__}")
        self.figure = figure
        self.backend = resolve_backend(backend)
        self.draw_count = 0
        self.full_draws = 0
        self.saved_only: list[Any] = []
        self.screen_only: list[Any] = []
        self.learning = True
        self._saving = False
        self._full_pending = True
        self._background: Any = None
        self._animated: list[Any] = []
        self._drawn_limits: list[tuple[float, ...]] = []
        self._drawn_ids: set[int] = set()
        self._always_stale: set[int] = set()
        if self.backend == "ipympl":
            from ipympl.backend_nbagg import FigureManager

            canvas = _ipympl_canvas_class()(figure)
            with warnings.catch_warnings():  # ipympl's toolbar trips a traitlets deprecation
                warnings.simplefilter("ignore", DeprecationWarning)
                self._manager = FigureManager(canvas, id(self))
            canvas.header_visible = False
            canvas.footer_visible = False
            canvas.toolbar_visible = False
            canvas.resizable = False
            canvas.capture_scroll = False
            # ipympl keeps a base64 copy of each frame for static exports, stored without its
            # "data:" prefix: a browser that opens the widget later then fails to draw that
            # "broken" image and drops the view. Frames reach the browser as binary messages.
            canvas.syncing_data_url = False
            self.widget: widgets.Widget = canvas
        else:
            from matplotlib.backends.backend_agg import FigureCanvasAgg

            FigureCanvasAgg(figure)
            self.widget = widgets.Image(format="png")
        if css_class:
            self.widget.add_class(css_class)
        figure.canvas.mpl_connect("draw_event", self._on_draw_event)

    @property
    def size_px(self) -> tuple[int, int]:
        """The figure's size on screen (pixels)."""
        width, height = self.figure.get_size_inches() * self.figure.dpi
        return int(round(width)), int(round(height))

    def invalidate(self) -> None:
        """Make the next :meth:`draw` a full redraw (after a change that moves static artists)."""
        self._full_pending = True

    def learn(self, probe: Callable[[], Any], restore: Callable[[], Any]) -> None:
        """Find the artists a typical update moves: draw, ``probe()`` (a typical update), mark
        what it changed as animated, ``restore()``. The next draw is a full one."""
        self.figure.canvas.draw()
        probe()
        for artist in self._candidates():
            if artist.stale and not artist.get_animated() and id(artist) not in self._always_stale:
                artist.set_animated(True)
                self._animated.append(artist)
        restore()
        self._full_pending = True

    def draw(self, *, full: bool = False) -> None:
        """Put the current artists on the screen.

        Parameters
        ----------
        full : bool
            Redraw everything. By default only the moving artists are drawn over a
            cached background (blitting) when nothing else changed since the last full
            draw; :meth:`invalidate`, new limits or a changed static artist force a full draw.
        """
        self.draw_count += 1
        canvas = self.figure.canvas
        if full or self._needs_full_draw():
            self.full_draws += 1
            canvas.draw()  # the draw_event handler caches the background and adds the moving artists
        else:
            canvas.restore_region(self._background)
            self._draw_animated()
            canvas.blit(self.figure.bbox)  # ipympl: sends the changed pixels now
        if self.backend == "inline":
            self.widget.value = png_unfiltered(np.asarray(canvas.buffer_rgba()))

    def savefig(self, path: str | Path, *, redraw: bool = True, **kwargs: Any) -> None:
        """Write the whole figure: animated and saved-only artists shown, screen-only ones hidden.

        Parameters
        ----------
        path : str or Path
        redraw : bool
            Redraw the screen afterwards (False: the caller draws, e.g. after more changes).
        **kwargs
            Passed to ``Figure.savefig`` (``dpi``, ``metadata``, ...).
        """
        self._saving = True
        try:
            self._set(self._animated, animated=False)
            self._set(self.saved_only, visible=True)
            self._set(self.screen_only, visible=False)
            self.figure.savefig(path, **kwargs)
        finally:
            self._set(self._animated, animated=True)
            self._set(self.saved_only, visible=False)
            self._set(self.screen_only, visible=True)
            self._saving = False
        if redraw:
            self.draw(full=True)

    # --- blitting ---------------------------------------------------------------------------
    @staticmethod
    def _set(artists: Iterable[Any], **props: bool) -> None:
        for artist in artists:
            artist.set(**props)

    def _candidates(self) -> list[Any]:
        """Artists that may change: the axes' own artists and the figure's texts and legends."""
        fig = self.figure
        found: list[Any] = list(fig.texts) + list(fig.legends) + list(fig.artists) + list(fig.patches)
        for ax in fig.axes:
            found.extend(a for a in ax.get_children() if not isinstance(a, (Axis, Spine)))
        return found

    def _on_draw_event(self, event: Any) -> None:
        if self._saving:
            return
        canvas = self.figure.canvas
        self._background = canvas.copy_from_bbox(self.figure.bbox)
        self._draw_animated()
        self._drawn_limits = self._limits()
        candidates = self._candidates()
        self._drawn_ids = {id(a) for a in candidates}
        # Some artists stay stale through a draw (empty titles): they say nothing about changes.
        self._always_stale = {id(a) for a in candidates if a.stale and not a.get_animated()}

    def _draw_animated(self) -> None:
        for artist in sorted(self._animated, key=lambda a: a.get_zorder()):
            if artist.figure is self.figure and artist.get_visible():
                self.figure.draw_artist(artist)

    def _limits(self) -> list[tuple[float, ...]]:
        return [tuple(ax.viewLim.bounds) for ax in self.figure.axes]

    def _needs_full_draw(self) -> bool:
        if self._background is None or self._full_pending:
            self._full_pending = False
            return True
        if self._limits() != self._drawn_limits:
            return True
        candidates = self._candidates()
        if {id(a) for a in candidates} != self._drawn_ids:
            return True
        stale = [
            a for a in candidates if a.stale and not a.get_animated() and id(a) not in self._always_stale
        ]
        if stale and self.learning:
            # A drive-only change touched them: they move with the pose, draw them each frame.
            for artist in stale:
                artist.set_animated(True)
                self._animated.append(artist)
        return bool(stale)


def png_unfiltered(rgba: np.ndarray, level: int = 1) -> bytes:
    """Encode an RGBA image (height x width x 4, uint8) as PNG without row filters (fast for
    mostly-empty diff frames)."""
    height, width, _ = rgba.shape
    raw = np.empty((height, 1 + 4 * width), dtype=np.uint8)
    raw[:, 0] = 0  # filter type "none" for every row
    raw[:, 1:] = rgba.reshape(height, -1)
    idat = zlib.compress(raw, level)  # the array itself: no extra copy

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@functools.cache
def _ipympl_canvas_class() -> type:
    """ipympl's canvas widget, sending its frames as quickly encoded PNG.

    ipympl sends each frame as a PNG of the changed pixels (matplotlib's WebAgg
    ``get_diff_image``), encoded by Pillow with adaptive row filters at zlib's default
    level: about 8-12 ms for this figure. Unfiltered at level 1 the same frame takes
    about 4 ms, for a few more bytes on a local connection. Where the private
    attributes this relies on are missing, the stock method is used.
    """
    from ipympl.backend_nbagg import Canvas

    class LiveCanvas(Canvas):
        def get_diff_image(self) -> bytes | None:
            needed = ("_png_is_old", "_force_full", "_last_buff", "set_image_mode", "get_renderer")
            if not all(hasattr(self, name) for name in needed):
                return super().get_diff_image()
            if not self._png_is_old:
                return None
            pixels = np.asarray(self.get_renderer().buffer_rgba())
            buff = pixels.view(np.uint32).squeeze(2)
            if self._force_full or buff.shape != self._last_buff.shape or (pixels[:, :, 3] != 255).any():
                self.set_image_mode("full")
                output = buff
            else:
                self.set_image_mode("diff")
                output = np.where(buff != self._last_buff, buff, 0)
            self._last_buff = buff.copy()
            self._force_full = False
            self._png_is_old = False
            return png_unfiltered(output.view(dtype=np.uint8).reshape((*output.shape, 4)))

    return LiveCanvas
