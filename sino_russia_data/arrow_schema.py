"""Arrow schemas derived from the pydantic models, and the conversions between rows and models.

Each field's description travels in the Arrow field metadata, so a Parquet file documents itself.
"""

from __future__ import annotations

import datetime as dt
import gc
import typing
from functools import cache
from typing import Any

import pyarrow as pa
from pydantic import BaseModel

from .columns import Column, plan
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
    # Python's cycle collector is paused while the rows are made: they hold no cycles, and its
    # passes over the growing heap of new dicts, lists and models took ~80 % of the time of
    # constructing them (0.75 s of 0.87 s for 40,000 events; 0.12–0.16 s without).
    enabled = gc.isenabled()
    gc.disable()
    try:
        if built:
            return [_constructed(model, row) for row in arrow.to_pylist()]
        return [model.model_validate(row) for row in arrow.to_pylist()]
    finally:
        if enabled:
            gc.enable()


@cache
def _nested_models(model: type[BaseModel]) -> tuple[tuple[str, type[BaseModel], bool], ...]:
    """The fields of ``model`` holding nested models: (name, model, whether a list of them)."""
    return tuple((c.name, c.base, c.is_list) for c in plan(model) if c.model is not None)


def _constructed(model: type[BaseModel], row: dict[str, Any]) -> Any:
    """``model`` holding ``row`` (every field present, as Arrow gives them): what ``model_construct``
    does, less its per-call work on defaults and aliases, which rows of a build never need."""
    for name, inner, many in _nested_models(model):
        value = row[name]
        if value is not None:
            row[name] = [_constructed(inner, item) for item in value] if many else _constructed(inner, value)
    record = model.__new__(model)
    object.__setattr__(record, "__dict__", row)
    object.__setattr__(record, "__pydantic_fields_set__", set(row))
    object.__setattr__(record, "__pydantic_extra__", None)
    object.__setattr__(record, "__pydantic_private__", None)
    return record
