"""The teaching notebooks as files: find them in the installed package and copy them out.

A wheel carries the notebooks and their saved figures as package data
(``spinemodel/_notebooks/``); a source checkout has them in ``notebooks/`` beside the
package. ``spinemodel notebooks DIR`` (or ``python -m spinemodel notebooks DIR``) calls
:func:`copy_notebooks`, after which ``jupyter lab DIR`` opens them.

The lecturer material (``instructor/``: the answer key and lecture notes) ships too but is
copied only when asked for (``--instructor``, ``instructor=True``), into ``DIR/instructor/``:
the students' folder holds no answers. Copying needs no
optional dependency; running the notebooks needs ``pip install "spinemodel[notebooks]"``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

__all__ = ["notebook_source", "notebook_files", "copy_notebooks"]

_PACKAGE = Path(__file__).resolve().parent
#: Where to look, in order: inside an installed wheel, then a source checkout.
_CANDIDATES: tuple[Path, ...] = (_PACKAGE / "_notebooks", _PACKAGE.parent / "notebooks")


def notebook_source() -> Path:
    """The folder holding the teaching notebooks (``*.ipynb``) and their ``img/`` figures.

    Returns
    -------
    Path
        ``spinemodel/_notebooks`` in an installed wheel, ``notebooks/`` in a source checkout.

    Raises
    ------
    FileNotFoundError
        When neither holds a notebook (a broken install).
    """
    for folder in _CANDIDATES:
        if any(folder.glob("*.ipynb")):
            return folder
    raise FileNotFoundError(
        "the teaching notebooks are not in this installation (looked in "
        + ", ".join(str(c) for c in _CANDIDATES)
        + "); reinstall with: pip install --force-reinstall spinemodel"
    )


#: The lecturer material's folder, inside the notebooks folder.
INSTRUCTOR = "instructor"


def notebook_files(source: Path | None = None, *, instructor: bool = False) -> list[Path]:
    """The files :func:`copy_notebooks` copies, relative to ``source``: notebooks, then images,
    then (with ``instructor``) the lecturer material in ``instructor/``."""
    source = notebook_source() if source is None else source
    notebooks = sorted(p.relative_to(source) for p in source.glob("*.ipynb"))
    images = sorted(p.relative_to(source) for p in (source / "img").glob("*.png"))
    extra = sorted(p.relative_to(source) for p in (source / INSTRUCTOR).glob("*.ipynb")) if instructor else []
    return notebooks + images + extra


def copy_notebooks(dest: str | Path, *, overwrite: bool = False, instructor: bool = False) -> list[Path]:
    """Copy the teaching notebooks and their images into ``dest``.

    Parameters
    ----------
    dest : str or Path
        Target folder; created if missing. The notebooks land in it, their images in
        ``dest/img/`` (where the notebooks' markdown expects them).
    overwrite : bool
        Replace files of the same name. Without it, nothing is copied when any
        notebook or image is already there, so a student's work is never overwritten.
    instructor : bool
        Also copy the lecturer material (answer key, lecture notes) into ``dest/instructor/``.
        Off by default: a students' copy holds no answers.

    Returns
    -------
    list of Path
        The files written, notebooks first.

    Raises
    ------
    TypeError
        If ``dest`` is not a str or Path.
    ValueError
        If ``dest`` is empty, is an existing file, cannot be created, or (without
        ``overwrite``) already holds files of the same names.
    """
    if isinstance(dest, bool) or not isinstance(dest, (str, Path)):
        raise TypeError(f"dest must be a folder path (str or Path), got {dest!r}")
    if not str(dest).strip():
        raise ValueError("dest must name a folder, got an empty string")
    target = Path(dest).expanduser()
    if target.exists() and not target.is_dir():
        raise ValueError(f"dest = {str(target)!r} exists and is not a folder")
    source = notebook_source()
    files = notebook_files(source, instructor=instructor)
    if not overwrite:
        clashes = [str(rel) for rel in files if (target / rel).exists()]
        if clashes:
            shown = ", ".join(clashes[:3]) + (f" and {len(clashes) - 3} more" if len(clashes) > 3 else "")
            raise ValueError(
                f"dest = {str(target)!r} already holds {shown}; nothing was copied "
                "(choose another folder, or pass --force to overwrite them)"
            )
    written: list[Path] = []
    try:
        for rel in files:
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            written.append(Path(shutil.copyfile(source / rel, target / rel)))
    except OSError as exc:
        raise ValueError(f"dest = {str(target)!r}: cannot write there: {exc.strerror or exc}") from None
    return written
