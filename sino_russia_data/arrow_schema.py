"""Arrow schemas derived from the pydantic models, and the conversions between rows and models.

Each field's description travels in the Arrow field metadata, so a Parquet file documents itself.
"""

from __future__ import annotations

import datetime as dt
import typing
from functools import cache
from typing import Any

import pyarrow as pa
from pydantic import BaseModel

from .collector import paused
from .columns import Column, nested, plan
from .models import TABLES, Record

_SCALARS: dict[type, pa.DataType] = {
    str: pa.string(),
    int: pa.int32(),
    bool: pa.bool_(),
    dt.date: pa.date32(),
}


def arrow_type(column: Column) -> pa.DataType:
    """The Arrow type of a column: a vocabulary's terms are strings, a nested model a struct."""
    if column.children:
        value = pa.struct(fields(column.children))
    elif column.vocabulary is not None:
        value = pa.string()
    elif column.base in _SCALARS:
        value = _SCALARS[column.base]
    else:
        raise TypeError(f"no Arrow type for {column.base!r} ({'.'.join(column.path)})")
    return pa.list_(pa.field("item", value, nullable=column.item_nullable)) if column.is_list else value


def fields(columns: tuple[Column, ...]) -> list[pa.Field]:
    """Arrow fields for ``columns``, each with its description in the field metadata."""
    return [
        pa.field(
            c.name,
            arrow_type(c),
            nullable=c.nullable,
            metadata={"description": c.description} if c.description else None,
        )
        for c in columns
    ]


@cache
def schema(table: str) -> pa.Schema:
    """The Arrow schema of ``table``; its metadata names the table and the model's docstring."""
    model = TABLES[table]
    return pa.schema(fields(plan(model)), metadata={"table": table, "description": (model.__doc__ or "").strip()})


def to_arrow(table: str, records: typing.Iterable[Record]) -> pa.Table:
    """Records of one table as an Arrow table with the derived schema, in the given order."""
    return pa.Table.from_pylist([r.model_dump() for r in records], schema=schema(table))


def to_records(table: str, arrow: pa.Table, *, built: bool = False) -> list[Record]:
    """Every row of an Arrow table as its model: validated, or, for rows read from a build
    (``built``: every record was validated by the build, and the store checked each page's checksum
    and the row counts against the manifest), constructed without validating them again, which
    costs a fraction of it."""
    model = TABLES[table]
    with paused():  # the rows hold no cycles; see collector
        if built:
            return [_constructed(model, row) for row in arrow.to_pylist()]
        return [model.model_validate(row) for row in arrow.to_pylist()]


def _constructed(model: type[BaseModel], row: dict[str, Any]) -> Any:
    """``model`` holding ``row`` (every field present, as Arrow gives them): what ``model_construct``
    does, less its per-call work on defaults and aliases, which rows of a build never need."""
    for column in nested(model):
        value, inner = row[column.name], column.base
        if value is not None:
            row[column.name] = [_constructed(inner, v) for v in value] if column.is_list else _constructed(inner, value)
    record = model.__new__(model)
    object.__setattr__(record, "__dict__", row)
    object.__setattr__(record, "__pydantic_fields_set__", set(row))
    object.__setattr__(record, "__pydantic_extra__", None)
    object.__setattr__(record, "__pydantic_private__", None)
    return record
