"""The optional extras: one clear line when they are missing.

The model needs numpy only. Figures, the explorer and the notebooks need the
``notebooks`` extra (matplotlib, ipywidgets, ipympl, anywidget, JupyterLab, Voilà). A module that
needs it guards its imports::

    try:
        import matplotlib
    except ModuleNotFoundError as exc:
        raise missing_extras(exc, "spinemodel.plotting") from None

so that a plain ``pip install spinemodel`` gets a :class:`MissingExtrasError` whose
message names the command that fixes it, and the command line prints that message as
one line and exits with status 2.

The sensitivity analysis needs the ``analysis`` extra (SALib); its module guards its
import with ``missing_extras(exc, "spinemodel.sensitivity", extra="analysis")``.
"""

from __future__ import annotations

__all__ = [
    "ANALYSIS_INSTALL_COMMAND",
    "ANALYSIS_MODULES",
    "EXTRA_MODULES",
    "INSTALL_COMMAND",
    "MissingExtrasError",
    "missing_extras",
]

#: The command that installs everything the figures, the explorer and the notebooks need.
INSTALL_COMMAND = 'pip install "spinemodel[notebooks]"'

#: Top-level modules that come with the ``notebooks`` extra (and their own dependencies).
EXTRA_MODULES: frozenset[str] = frozenset(
    {
        "matplotlib",
        "PIL",
        "ipywidgets",
        "ipympl",
        "anywidget",
        "IPython",
        "jupyterlab",
        "notebook",
        "voila",
        "ipykernel",
    }
)

#: The command that installs the sensitivity analysis (SALib).
ANALYSIS_INSTALL_COMMAND = 'pip install "spinemodel[analysis]"'

#: Top-level modules that come with the ``analysis`` extra (SALib and its own dependencies).
ANALYSIS_MODULES: frozenset[str] = frozenset(
    {"SALib", "scipy", "pandas", "multiprocess", "dill", "matplotlib"}
)

_EXTRAS: dict[str, tuple[frozenset[str], str]] = {
    "notebooks": (EXTRA_MODULES, INSTALL_COMMAND),
    "analysis": (ANALYSIS_MODULES, ANALYSIS_INSTALL_COMMAND),
}


class MissingExtrasError(ModuleNotFoundError):
    """A module of an extra (``notebooks``, ``analysis``) is not installed; the message says how to
    install it."""


def missing_extras(exc: ModuleNotFoundError, feature: str, extra: str = "notebooks") -> ModuleNotFoundError:
    """The error to raise for ``exc``, a failed import in ``feature``.

    Parameters
    ----------
    exc : ModuleNotFoundError
        The error the import raised.
    feature : str
        What needed the module, e.g. ``"spinemodel.plotting"``.
    extra : {"notebooks", "analysis"}
        The extra that brings the module.

    Returns
    -------
    ModuleNotFoundError
        A :class:`MissingExtrasError` naming the install command when the missing module
        belongs to the ``extra``; otherwise ``exc`` itself (a different problem, reported as
        it was).
    """
    modules, command = _EXTRAS[extra]
    name = (exc.name or "").partition(".")[0]
    if name not in modules:
        return exc
    return MissingExtrasError(
        f"{feature} needs {name}, which is not installed; install the extras with: {command}",
        name=name,
    )
