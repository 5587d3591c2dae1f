"""The course website: ``make docs`` builds it, and it works offline in a real browser.

One test (so ``pytest -n 2`` builds the site once): Sphinx builds ``docs/`` into a
temporary folder with warnings as errors, as ``make docs`` does (the notebooks' execution
is cached in ``docs/_build/.jupyter_cache``, shared with ``make docs``). A loopback HTTP
server then serves the folder and headless Chromium (Debian's, through Playwright) opens
the home page, every notebook page, the gallery, the model page and the API reference with
every request that leaves the server aborted. It asserts that no request was blocked or
failed, that every image drew, that the notebooks show their figures (and the explorer its
still), that the equations were typeset and that every page says "not medical advice".

Runs in ``make test`` only: ``make test-oldest`` deselects it (``-m "not docs"``), and
without the ``docs`` extra it skips.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytest.importorskip("sphinx", reason="the docs extra is not installed: pip install -e '.[docs]'")
pytest.importorskip("myst_nb", reason="the docs extra is not installed: pip install -e '.[docs]'")

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NOT_MEDICAL_ADVICE = re.compile(r"not\s+medical\s+advice", re.IGNORECASE)
# A script or stylesheet the page would fetch from elsewhere (a CDN).
REMOTE_ASSET = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=\"(?:https?:)?//", re.IGNORECASE)

pytestmark = [pytest.mark.docs]


def build_site(out: Path) -> float:
    """Build the site into ``out`` as ``make docs`` does; return the seconds it took."""
    env = dict(os.environ, MPLBACKEND="Agg")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html"]
    command += ["-d", str(out / "doctrees"), str(DOCS), str(out / "html")]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
    elapsed = time.perf_counter() - start
    assert result.returncode == 0, f"the docs build failed:\n{result.stdout[-4000:]}\n{result.stderr[-8000:]}"
    return elapsed


def _code(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _check_page(page, url: str, origin: str) -> dict:
    blocked: list[str] = []
    failed: list[str] = []
    errors: list[str] = []

    def route(r):
        parsed = urlparse(r.request.url)
        if parsed.scheme in ("data", "blob") or f"{parsed.scheme}://{parsed.netloc}" == origin:
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: failed.append(f"{r.url} (HTTP {r.status})") if r.status >= 400 else None)
    page.on("console", lambda m: errors.append(m.text[:300]) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)[:300]))
    page.goto(url, wait_until="load", timeout=60_000)
    page.wait_for_load_state("networkidle", timeout=60_000)
    images = page.evaluate(
        """() => Array.from(document.querySelectorAll('article img')).map(
               img => ({src: img.currentSrc.slice(0, 120), ok: img.complete && img.naturalWidth > 0}))"""
    )
    return {
        "blocked": blocked,
        "failed": [f for f in failed if not any(f.startswith(b) for b in blocked)],
        "errors": errors,
        "images": images,
        "outputs_with_images": page.locator(".cell_output img").count(),
        "explorer_stills": page.locator("figure.spinemodel-explorer-still img").count(),
        "gallery_figures": page.locator(".spinemodel-gallery figure img").count(),
        "downloads": page.locator(".spinemodel-gallery a.download").count(),
        "math": page.locator("mjx-container").count(),
        "text": page.inner_text("body"),
    }


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (make browser installs it)")
def test_site_builds_and_works_offline(tmp_path, record_property):
    from playwright.sync_api import sync_playwright

    seconds = build_site(tmp_path)
    html = tmp_path / "html"
    record_property("report", f"docs build (make docs, notebook cache as found): {seconds:.0f} s")

    pages = sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html"))
    pages = [p for p in pages if not p.startswith(("_static/", "_downloads/", "_images/"))]
    notebooks = [p for p in pages if p.startswith("notebooks/")]
    expected = sorted(f"notebooks/{p.stem}.html" for p in ROOT.glob("notebooks/0*.ipynb"))
    assert notebooks == expected, f"notebook pages {notebooks}, expected {expected}"
    for name in pages:
        text = (html / name).read_text(encoding="utf-8")
        assert NOT_MEDICAL_ADVICE.search(text), f"{name} does not say 'not medical advice'"
        remote = REMOTE_ASSET.findall(text)
        assert not remote, f"{name} loads from elsewhere: {remote[:3]}"

    handler = functools.partial(_Quiet, directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    checked = ["index.html", *notebooks, "gallery.html", "model.html", "validation.html", "api.html"]
    results = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            try:
                for name in checked:
                    page = browser.new_page(viewport={"width": 1366, "height": 768})
                    try:
                        results[name] = _check_page(page, f"{origin}/{name}", origin)
                    finally:
                        page.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()

    for name, r in results.items():
        assert not r["blocked"], f"{name} asked for something outside the site: {r['blocked'][:5]}"
        assert not r["failed"], f"{name}: failed requests {r['failed'][:5]}"
        assert not r["errors"], f"{name}: errors in the browser console {r['errors'][:5]}"
        broken = [i["src"] for i in r["images"] if not i["ok"]]
        assert not broken, f"{name}: images that did not draw {broken[:5]}"
        assert NOT_MEDICAL_ADVICE.search(r["text"]), f"{name} shows no 'not medical advice'"
    sources = {f"notebooks/{p.stem}.html": _code(p) for p in ROOT.glob("notebooks/0*.ipynb")}
    drawing = [n for n, text in sources.items() if re.search(r"plot_\w+\(|subplots\(|explore\(", text)]
    assert drawing, "no notebook draws a figure"
    for name in drawing:
        assert results[name]["outputs_with_images"] >= 1, f"{name} draws figures but shows none"
    explorer_pages = [n for n, text in sources.items() if "explore(" in text]
    for name in explorer_pages:
        assert results[name]["explorer_stills"] == 1, f"{name}: no still of the explorer"
    with_math = [n for n in notebooks if "$" in (html / n).read_text(encoding="utf-8")]
    assert all(results[n]["math"] > 0 for n in with_math), "the equations were not typeset by MathJax"
    from spinemodel.figures import FIGURES

    gallery = results["gallery.html"]
    assert gallery["gallery_figures"] == len(FIGURES), gallery["gallery_figures"]
    assert gallery["downloads"] == 3 * len(FIGURES), gallery["downloads"]
    total_images = sum(len(r["images"]) for r in results.values())
    record_property(
        "report",
        f"docs offline check: {len(results)} pages in Chromium, {total_images} images drawn, "
        "0 requests outside the site, 0 failed",
    )
