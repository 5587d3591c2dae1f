"""PageUp and PageDown on the explorer's drive sliders: ten steps (10 deg, 0.5 Nm).

>>> from spinemodel._explorer_keys import page_keys                          # doctest: +SKIP
>>> keys = page_keys("spinemodel-x1", ("spinemodel-control-total-deg",))     # doctest: +SKIP

ipywidgets' slider (noUiSlider in the browser) moves five steps on PageUp and PageDown and
offers no option to change it. :func:`page_keys` returns a small widget without a view of its
own (an ``anywidget``) whose browser code listens to key presses in the capture phase: a
PageUp or PageDown on the handle of one of the named sliders inside the named explorer moves
that slider by :data:`PAGE_STEPS` steps instead, within the slider's ends (the body's range), and
ipywidgets sends the new value to Python as for any slider move. Arrow keys keep their one
step. Where ``anywidget`` is not installed, :func:`page_keys` returns None and the keys keep
ipywidgets' five steps. It works alike in Voilà and JupyterLab.
"""

from __future__ import annotations

from typing import Any

__all__ = ["PAGE_STEPS", "page_keys"]

#: Slider steps per PageUp or PageDown on the drive sliders.
PAGE_STEPS = 10

_ESM = """
function render({ model, el }) {
  el.style.display = "none";
  const onKey = (event) => {
    if (event.key !== "PageUp" && event.key !== "PageDown") return;
    if (event.spinemodelPaged || !(event.target instanceof Element)) return;
    const handle = event.target.closest(".noUi-handle");
    if (!handle || !handle.closest("." + model.get("scope"))) return;
    if (!model.get("sliders").some((name) => handle.closest("." + name))) return;
    const slider = handle.closest(".noUi-target");
    const api = slider && slider.noUiSlider;
    if (!api || slider.hasAttribute("disabled")) return;
    const options = api.options || {};
    const range = options.range || {};
    const low = Number([].concat(range.min)[0]);
    const high = Number([].concat(range.max)[0]);
    const step = Number(options.step);
    const now = Number(api.get());
    if (![low, high, step, now].every(Number.isFinite) || step <= 0) return;
    event.preventDefault();
    event.stopPropagation();
    event.spinemodelPaged = true;  // one move, however many views of this widget listen
    const sign = event.key === "PageUp" ? 1 : -1;
    // set() fires noUiSlider's "update": ipywidgets sends the value (the drive sliders update continuously)
    api.set(Math.min(high, Math.max(low, now + sign * model.get("steps") * step)));
  };
  document.addEventListener("keydown", onKey, true);
  return () => document.removeEventListener("keydown", onKey, true);
}
export default { render };
"""


def page_keys(scope: str, sliders: tuple[str, ...], *, steps: int = PAGE_STEPS) -> Any:
    """A widget that makes PageUp/PageDown move the named sliders by ``steps`` steps.

    Parameters
    ----------
    scope : str
        The CSS class of the explorer's outer box: only its sliders are affected.
    sliders : tuple of str
        The CSS classes of the sliders (continuously updating ones: their value is sent on
        every move).
    steps : int
        Steps per key press (1 to 100).

    Returns
    -------
    ipywidgets.DOMWidget or None
        The widget (place it anywhere inside the explorer's box), or None without ``anywidget``.

    Raises
    ------
    ValueError
        For ``steps`` outside [1, 100] or an empty ``scope``.
    """
    if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= 100:
        raise ValueError(f"steps = {steps!r} is out of range; allowed 1 to 100 (a whole number)")
    if not scope:
        raise ValueError("scope must name the explorer's CSS class; got an empty string")
    try:
        import anywidget
        import traitlets
    except ModuleNotFoundError:
        return None
    return _page_keys_class(anywidget, traitlets)(scope=scope, sliders=list(sliders), steps=steps)


_CLASS: list[type] = []


def _page_keys_class(anywidget: Any, traitlets: Any) -> type:
    if not _CLASS:

        class PageKeys(anywidget.AnyWidget):
            _esm = _ESM
            scope = traitlets.Unicode("").tag(sync=True)
            sliders = traitlets.List(traitlets.Unicode()).tag(sync=True)
            steps = traitlets.Int(PAGE_STEPS).tag(sync=True)

        _CLASS.append(PageKeys)
    return _CLASS[0]
