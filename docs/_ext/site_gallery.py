"""The lecture figure gallery, drawn at build time by ``spinemodel.figures``.

``builder-inited`` writes the figure set (``write_figure_set``, lecture style, PNG, SVG
and PDF) into ``docs/_generated/figures/`` (ignored by git). The directive
``{spinemodel-figure-gallery}`` then shows each figure with its title, its caption
(computed from the model, as the command's ``index.md`` has it) and links to download
the three files.
"""

from __future__ import annotations

import time
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

FOLDER = "_generated/figures"  # inside the Sphinx source folder
FORMATS = ("png", "svg", "pdf")


def write_figures(app: Sphinx) -> None:
    from spinemodel.figures import write_figure_set

    out = Path(app.srcdir) / FOLDER
    start = time.perf_counter()
    write_figure_set(out, style="lecture", formats=FORMATS, log=None)
    logger.info(f"spinemodel: figure set written to {out} in {time.perf_counter() - start:.1f} s")


class FigureGallery(SphinxDirective):
    """Every figure of ``spinemodel.figures.FIGURES`` with caption and downloads."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from spinemodel import SpineModel
        from spinemodel.figures import FIGURES

        model = SpineModel()
        lines: list[str] = []
        for k, spec in enumerate(FIGURES, 1):
            stem = f"/{FOLDER}/{spec.name}"
            links = " · ".join(f"{{download}}`{fmt.upper()} <{stem}.{fmt}>`" for fmt in FORMATS)
            lines += [
                f":::{{figure}} {stem}.png",
                f":alt: {spec.title} (model estimate)",
                f":name: figure-{spec.name.replace('_', '-')}",
                "",
                f"**{k}. {spec.title}.** {spec.caption(model)}",
                "",
                f"Download: {links}",
                ":::",
                "",
            ]
        container = nodes.container(classes=["spinemodel-gallery"])
        self.state.nested_parse(
            StringList(lines, source="figure gallery"),
            self.content_offset,
            container,
        )
        return [container]


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", write_figures)
    app.add_directive("spinemodel-figure-gallery", FigureGallery)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
