"""Link the teaching notebooks into the Sphinx source folder at build time.

``conf.py`` names them once (``NOTEBOOKS``, a glob relative to the repository, and
``NOTEBOOK_ASSETS``, the folders their Markdown links to). Each match is symlinked into
``docs/notebooks/`` (ignored by git); links that no longer match are removed, so the
folder always mirrors the glob. Nothing is copied: the notebooks stay in ``notebooks/``.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ConfigError

FOLDER = "notebooks"  # inside the Sphinx source folder; the index's toctree globs it


def link_notebooks(app: Sphinx, config) -> None:
    src = Path(app.srcdir)
    root = Path(config.spinemodel_root)
    target = src / FOLDER
    target.mkdir(exist_ok=True)
    wanted: dict[str, Path] = {}
    for path in sorted(root.glob(config.spinemodel_notebooks)):
        wanted[path.name] = path
    for folder in config.spinemodel_notebook_assets:
        path = root / folder
        if not path.is_dir():
            raise ConfigError(f"NOTEBOOK_ASSETS: no folder {path}")
        wanted[path.name] = path
    if not any(p.suffix == ".ipynb" for p in wanted.values()):
        raise ConfigError(f"NOTEBOOKS: {config.spinemodel_notebooks!r} matches no notebook under {root}")
    for entry in target.iterdir():
        if entry.name not in wanted:
            if not entry.is_symlink():
                raise ConfigError(f"{entry} is not a link made by the build; remove it or move it elsewhere")
            entry.unlink()
    for name, path in wanted.items():
        link = target / name
        if link.is_symlink() and link.resolve() == path.resolve():
            continue
        if link.is_symlink():
            link.unlink()
        link.symlink_to(path.resolve(), target_is_directory=path.is_dir())


# The first cell of every notebook sets up Google Colab and does nothing anywhere else; the
# site leaves it out (pages read as the notebooks do in Jupyter, from the title).
COLAB_CELL = "# Google Colab only"


def drop_colab_cell(app: Sphinx, doctree: nodes.document) -> None:
    for cell in list(doctree.findall(nodes.container)):
        if "cell" not in cell.get("classes", []):
            continue
        code = next(cell.findall(nodes.literal_block), None)
        if code is not None and code.astext().startswith(COLAB_CELL):
            cell.parent.remove(cell)


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", drop_colab_cell)
    app.add_config_value("spinemodel_root", "", "env")
    app.add_config_value("spinemodel_notebooks", "notebooks/0*.ipynb", "env")
    app.add_config_value("spinemodel_notebook_assets", [], "env")
    app.connect("config-inited", link_notebooks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
