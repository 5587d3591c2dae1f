"""Link the teaching notebooks into the Sphinx source folder at build time.

``conf.py`` names them once (``NOTEBOOKS``, a glob relative to the repository, and
``NOTEBOOK_ASSETS``, the folders their Markdown links to). Each matching notebook is copied
into ``docs/notebooks/`` (ignored by git), each asset folder symlinked; entries that no longer
match are removed, so the folder always mirrors the glob. The notebooks are edited in
``notebooks/`` only. Notebooks are copied, not symlinked, because Sphinx resolves symlinks when
it follows a link from one notebook to another (the glossary): a symlinked target would lie
outside the source folder and the link would not resolve.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ConfigError

FOLDER = "notebooks"  # inside the Sphinx source folder; the index's toctree globs it
MANIFEST = ".copied-by-the-build"  # names of the notebooks the build copied (so it may remove them)


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
    manifest = target / MANIFEST
    copied = set(manifest.read_text(encoding="utf-8").split()) if manifest.exists() else set()
    for entry in target.iterdir():
        if entry.name not in wanted and entry.name != MANIFEST:
            if not (entry.is_symlink() or entry.name in copied):
                raise ConfigError(f"{entry} was not made by the build; remove it or move it elsewhere")
            entry.unlink()
    for name, path in wanted.items():
        link = target / name
        if path.is_dir():
            if link.is_symlink() and link.resolve() == path.resolve():
                continue
            if link.is_symlink():
                link.unlink()
            link.symlink_to(path.resolve(), target_is_directory=True)
            continue
        if link.is_symlink():
            link.unlink()
        if not (link.exists() and link.read_bytes() == path.read_bytes()):
            shutil.copy2(path, link)  # keeps the time stamp: unchanged notebooks are not re-read
    manifest.write_text("\n".join(sorted(n for n, p in wanted.items() if not p.is_dir())), encoding="utf-8")


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
