"""Keep the built site self-contained: it makes no request outside its own folder.

* MathJax 3 is served from ``_static/mathjax/``: copied from ``docs/node_modules/mathjax``
  (installed by ``npm ci`` from ``docs/package-lock.json``; ``make docs`` runs it) instead
  of Sphinx's default CDN address.
* The notebook kernels start with ``docs/_ext/kernel_startup.py`` (through a private
  IPython profile), which shows the explorer as a still image.
* myst-nb's widget embedding is dropped (``nb_ipywidgets_js = {}`` in conf.py); the
  widget state nbclient records while executing is left out of the pages too, since no
  script would read it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ConfigError

HERE = Path(__file__).resolve().parent
MATHJAX = HERE.parent / "node_modules" / "mathjax"
MATHJAX_PATH = "mathjax/tex-chtml.js"
# What tex-chtml.js loads at run time: TeX extensions (autoload), fonts, the menu and a11y parts.
MATHJAX_PARTS = ["tex-chtml.js", "input", "output", "ui", "a11y", "adaptors"]


def _setup_kernel_profile(app: Sphinx) -> None:
    profile = Path(app.outdir).parent / ".ipython"
    startup = profile / "profile_default"
    startup.mkdir(parents=True, exist_ok=True)
    (startup / "ipython_kernel_config.py").write_text(
        f"c.InteractiveShellApp.exec_files = [{str(HERE / 'kernel_startup.py')!r}]\n", encoding="utf-8"
    )
    os.environ["IPYTHONDIR"] = str(profile)


def _check_mathjax(app: Sphinx, config) -> None:
    if not (MATHJAX / "es5" / "tex-chtml.js").is_file():
        raise ConfigError(
            f"MathJax is not installed in {MATHJAX}: run `npm ci --prefix docs` (make docs does) — "
            "the site serves it itself, never from a CDN"
        )
    config.mathjax_path = MATHJAX_PATH


def _copy_mathjax(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "mathjax"
    for part in MATHJAX_PARTS:
        source = MATHJAX / "es5" / part
        if source.is_dir():
            shutil.copytree(source, target / part, dirs_exist_ok=True)
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / part)
    shutil.copy2(MATHJAX / "LICENSE", target / "LICENSE")


def _drop_widget_state(app: Sphinx, pagename: str, *args) -> None:
    metadata = getattr(app.env, "nb_metadata", {}).get(pagename, {})
    for key in [k for k in metadata.get("js_files", {}) if k.startswith("ipywidgets")]:
        del metadata["js_files"][key]


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _check_mathjax)
    app.connect("builder-inited", _setup_kernel_profile)
    app.connect("build-finished", _copy_mathjax)
    # before myst-nb's own handler (priority 500) adds the page's widget scripts
    app.connect("html-page-context", _drop_widget_state, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
