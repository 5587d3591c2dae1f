"""Resolve the docstrings' short cross-references against the documented API.

The docstrings are written for readers of the source, so they say ``SpineModel.solve``
inside :mod:`spinemodel.plotting` or ``Band.acceptance`` inside the population module.
When Sphinx finds no target, this tries, in order: the name under ``spinemodel.``; any
documented Python object whose full name ends with ``.<name>`` (only when exactly one
does; ``spinemodel.X`` also finds ``spinemodel.anatomy.X``); for ``Class.attribute``
with no entry of its own, the class, whose docstring lists its attributes. What still
has no target is reported (``nitpicky = True``, warnings are errors).
"""

from __future__ import annotations

from sphinx.application import Sphinx

# The role that finds each kind of documented object.
ROLES = {
    "module": "mod",
    "class": "class",
    "exception": "exc",
    "function": "func",
    "method": "meth",
    "classmethod": "meth",
    "staticmethod": "meth",
    "property": "attr",
    "attribute": "attr",
    "data": "data",
}


def _candidates(objects, target: str) -> list[str]:
    if f"spinemodel.{target}" in objects:
        return [f"spinemodel.{target}"]
    return [name for name in objects if name == target or name.endswith("." + target)]


def _resolve(app: Sphinx, env, node, contnode):
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"].lstrip("~.")
    domain = env.get_domain("py")
    objects = domain.objects
    candidates = _candidates(objects, target)
    if not candidates and target.startswith("spinemodel."):
        # the same object documented under another module (spinemodel.X is spinemodel.anatomy.X)
        candidates = _candidates(objects, target.rsplit(".", 1)[1])
    if not candidates and "." in target:
        # Class.attribute, where the class lists its attributes in its docstring's table
        candidates = [
            c for c in _candidates(objects, target.rsplit(".", 1)[0]) if objects[c].objtype == "class"
        ]
    if len(candidates) != 1:
        return None
    role = ROLES.get(objects[candidates[0]].objtype)
    if role is None:
        return None
    return domain.resolve_xref(env, node["refdoc"], app.builder, role, candidates[0], node, contnode)


def setup(app: Sphinx) -> dict:
    app.connect("missing-reference", _resolve)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
