"""Sphinx configuration of the spinemodel course website (``make docs``).

The site is built from the repository as it is: the teaching notebooks are taken from
``notebooks/`` (linked into ``docs/notebooks/`` at build time, see ``NOTEBOOKS``) and
executed, the figure gallery is drawn by ``spinemodel.figures`` and the API reference
is read from the docstrings. The built folder ``docs/_build/html`` makes no request
outside itself (MathJax is served from ``_static/``, widgets are shown as still images);
``tests/test_docs.py`` checks that in headless Chromium.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(ROOT))
# The notebook kernels inherit the environment: they import spinemodel from this tree too.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
os.environ.setdefault("MPLBACKEND", "Agg")

import spinemodel  # noqa: E402

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

# The repository's address is named once, in pyproject.toml.
REPOSITORY = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"][
    "Repository"
]

# --- the one place that says which notebooks the site shows ---------------------------------
# A glob relative to the repository root, and the folders their Markdown links to (images).
# Each match is linked (symlinked) into docs/notebooks/ at build time, under its own name; the
# index's toctree lists docs/notebooks/* in name order. Paired text notebooks (jupytext MyST)
# would need myst-nb's nb_custom_formats as well.
NOTEBOOKS = "notebooks/0*.ipynb"
NOTEBOOK_ASSETS = ["notebooks/img"]

project = "spinemodel"
author = "spinemodel developers"
copyright = "spinemodel developers, MIT License"
version = release = spinemodel.__version__

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.mathjax",
    "sphinx.ext.intersphinx",
    "numpydoc",
    "sphinx_design",
    "site_notebooks",  # links the notebooks in (NOTEBOOKS above)
    "site_gallery",  # the lecture figure gallery, drawn at build time
    "site_offline",  # MathJax from _static, no widget embedding, no CDN
    "site_xref",  # the docstrings' short references (SpineModel.solve) find their targets
]

root_doc = "index"
exclude_patterns = ["_build", "_generated", "node_modules", "**.ipynb_checkpoints", "Thumbs.db", ".DS_Store"]
# README's sections are included into pages whose heading levels they do not follow.
suppress_warnings = ["myst.header"]
nitpicky = True
nitpick_ignore_regex = [
    # numpydoc's type words and the shapes/choices written in the docstrings' type fields
    ("py:class", r"(optional|default.*|array[_ ]like|array|callable|iterable|sequence|mapping|scalar)"),
    ("py:class", r".*[\"'{}(),=].*"),
    ("py:class", r"(of|or|and|to|str to .*|shape .*|same shape.*|n|N)"),
    # third-party classes without an intersphinx inventory here (the site is built offline)
    ("py:class", r"(numpy|np|matplotlib|ipywidgets|widgets|mpl)\..*"),
    ("py:class", r"(Axes|Figure|Path|datetime|ndarray|Artist|Widget|Layout|Box|HTML)"),
    # internals the module docstrings name, outside the public API this site documents
    (
        "py:func",
        r"((spinemodel\.anatomy\.)?(check_values|build_joints)|draw_population|spinemodel\.solver\.invert_joint)",
    ),
    ("py:meth", r"ChainTable\..*"),
    ("py:class", r"(TableCache|ChainTable|ChainConfig)"),
]
# No inventories are fetched: the build must not need the internet.
intersphinx_mapping: dict = {}

# --- MyST and notebooks -------------------------------------------------------------------------
# html_image: the notebooks' saved figures are <img> tags (inside <details>); Sphinx then copies them.
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "html_image"]
myst_heading_anchors = 3
# "cache": each notebook runs once and again only when its code changes (jupyter-cache in
# docs/_build/.jupyter_cache); SPINEMODEL_DOCS_EXECUTE=force runs every notebook each build.
nb_execution_mode = os.environ.get("SPINEMODEL_DOCS_EXECUTE", "cache")
nb_execution_cache_path = str(HERE / "_build" / ".jupyter_cache")
nb_execution_timeout = 600
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True
# Widget embedding is dropped: no require.js or html-manager is loaded (they would come from a
# CDN). The explorer is shown as a still image (docs/_ext/kernel_startup.py).
nb_ipywidgets_js: dict = {}

# --- API reference ------------------------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "none"  # numpydoc's parameter sections carry the types
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

# --- HTML ---------------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "spinemodel: why the low back resists twisting"
html_static_path = ["_static"]
html_css_files = ["spinemodel.css"]
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False
NOT_MEDICAL_ADVICE = (
    "<strong>Educational model, not medical advice.</strong> Every number on this site is a "
    "<em>model estimate</em> from published averages; it describes no one's spine and must not be "
    "used to diagnose, treat or choose exercises. See a clinician for back pain."
)
html_theme_options = {
    "announcement": NOT_MEDICAL_ADVICE,
    "extra_footer": f"<p class='spinemodel-disclaimer'>{NOT_MEDICAL_ADVICE}</p>",
    "repository_url": REPOSITORY,
    "use_repository_button": True,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    # the sidebar has a search field: no second one in a header bar above the page
    "navbar_persistent": [],
}
html_context = {"default_mode": "light"}

spinemodel_root = str(ROOT)
spinemodel_notebooks = NOTEBOOKS
spinemodel_notebook_assets = NOTEBOOK_ASSETS
nb_render_markdown_format = "myst"  # Markdown outputs (the validation table) may hold tables
