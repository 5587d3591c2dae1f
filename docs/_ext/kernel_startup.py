"""Run in every notebook kernel of the docs build (before the first cell).

A static site has no kernel, so the explorer's sliders could not move anything there.
Instead of the live widget, a notebook that shows the explorer shows a still of it: the
figure as the explorer's own ``save()`` writes it, with the readouts beside it and a line
saying how to get the live version. Registered as a display formatter for the
``Explorer`` type only; nothing else in the notebooks changes.
"""

import base64
import html
import tempfile
from pathlib import Path


def _explorer_still(explorer, include=None, exclude=None):
    with tempfile.TemporaryDirectory() as folder:
        png = explorer.save(Path(folder) / "explorer.png", dpi=100).read_bytes()
    readouts = "".join(
        f"<div class='spinemodel-still-readout'>{widget.value}</div>" for widget in explorer.readouts.values()
    )
    alt = html.escape(f"The explorer's figure for this pose: {explorer.pose!r} (model estimate)", quote=True)
    note = (
        "A still of the interactive explorer (model estimate). The sliders need a running "
        "Python kernel: open this notebook in JupyterLab (<code>make lab</code>), Binder or Colab "
        "to move them."
    )
    page = (
        "<figure class='spinemodel-explorer-still'>"
        f"<img alt='{alt}' src='data:image/png;base64,{base64.b64encode(png).decode('ascii')}'>"
        f"<div class='spinemodel-still-readouts'>{readouts}</div>"
        f"<figcaption>{note}</figcaption></figure>"
    )
    return {"text/html": page, "text/plain": repr(explorer)}


def _register():
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return
    formatter = shell.display_formatter.mimebundle_formatter
    formatter.for_type_by_name("spinemodel.widgets", "Explorer", _explorer_still)


_register()
del _register
