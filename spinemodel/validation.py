"""Input checks that turn bad input into one clear sentence.

Every message names the parameter, the value it got and what is allowed.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable

import numpy as np

__all__ = ["check_array", "check_scalar", "check_choice"]


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_array(
    name: str,
    value: object,
    low: float,
    high: float,
    *,
    unit: str = "",
    low_open: bool = False,
) -> np.ndarray:
    """Return ``value`` as a float array after checking type, finiteness and range.

    Parameters
    ----------
    name : str
        Parameter name used in the error message.
    value : object
        A real number or an array-like of real numbers (any shape).
    low, high : float
        Allowed closed range ``[low, high]`` (``(low, high]`` with ``low_open``).
    unit : str
        Unit shown in the message.

    Raises
    ------
    TypeError
        For strings, booleans, None, complex numbers or non-numeric arrays.
    ValueError
        For NaN, infinity, ragged shapes or values out of range.
    """
    if isinstance(value, (str, bytes, bool, np.bool_)) or value is None:
        raise TypeError(f"{name} must be a real number or an array of them, got {_describe(value)}")
    if not isinstance(value, (numbers.Real, np.ndarray, list, tuple)) and not np.isscalar(value):
        raise TypeError(f"{name} must be a real number or an array of them, got {_describe(value)}")
    try:
        array = np.asarray(value)
    except ValueError as exc:  # ragged nested lists
        raise ValueError(f"{name} must be a regular array of numbers, got {_describe(value)}") from exc
    if array.dtype == object or array.dtype.kind not in "iuf":
        raise TypeError(f"{name} must contain real numbers only, got {_describe(value)}")
    array = array.astype(float, copy=False)
    unit_text = f" {unit}" if unit else ""
    bracket = "(" if low_open else "["
    allowed = f"{bracket}{low:g}, {high:g}]{unit_text}"
    finite = np.isfinite(array)
    if not finite.all():
        bad = array[~finite].flat[0]
        raise ValueError(f"{name} must be finite, got {float(bad)!r}; allowed range is {allowed}")
    too_low = array <= low if low_open else array < low
    out = too_low | (array > high)
    if out.any():
        bad = array[out].flat[0]
        raise ValueError(f"{name} = {bad:g}{unit_text} is out of range; allowed range is {allowed}")
    return array


def check_scalar(
    name: str, value: object, low: float, high: float, *, unit: str = "", low_open: bool = False
) -> float:
    """Like :func:`check_array` for a single real number; arrays are rejected."""
    array = check_array(name, value, low, high, unit=unit, low_open=low_open)
    if array.ndim != 0:
        raise ValueError(f"{name} must be a single number, got an array of shape {array.shape}")
    return float(array)


def check_choice(name: str, value: object, choices: Iterable[str]) -> str:
    """Check that ``value`` is one of the allowed strings."""
    options = tuple(choices)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {', '.join(map(repr, options))}; got {_describe(value)}")
    if value not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, options))}; got {value!r}")
    return value
