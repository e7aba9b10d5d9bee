"""Optional dependencies, imported only by the function that needs them."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType


def require(module: str, extra: str) -> ModuleType:
    """Import ``module``, or raise ImportError naming the extra that installs it."""
    try:
        return import_module(module)
    except ImportError:
        raise ImportError(
            f'this needs the optional dependency {module!r}: pip install "sino-russia-data[{extra}]"'
        ) from None
