"""The public accessors: tables as Arrow, and rows as validated models."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .store import read

if TYPE_CHECKING:
    import pyarrow as pa

    from .models import Record


def load(name: str) -> pa.Table:
    """Table ``name`` as a ``pyarrow.Table`` (see ``tables()`` for the names)."""
    return read(name)


def records(name: str) -> list[Record]:
    """Every row of table ``name`` as its validated pydantic model."""
    from .arrow_schema import to_records  # lazy: pydantic is paid for only here

    return to_records(name, read(name))
