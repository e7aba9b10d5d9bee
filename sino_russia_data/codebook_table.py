"""The codebook as a table: every column of every table, generated from the models (and, for the
long tables, from :data:`sino_russia_data.long.LONG_TABLES`), so it describes exactly what loads.

docs/CODEBOOK.md is the same information written out for reading; this is for filtering and
joining (``codebook("events")``, ``sino-russia-data codebook events``).
"""

from __future__ import annotations

import typing

import pyarrow as pa

#: The codebook's own columns, with what each holds.
COLUMNS = {
    "table": "The table (a shipped table, or a long table built from them).",
    "column": "The column; a nested one as `parent[].child` (list of records) or `parent.child`.",
    "type": "Its Arrow type.",
    "nullable": "Whether it can be null.",
    "derived": "Computed by the build or the package from other columns, never written by hand.",
    "refers_to": "For a column holding ids: the table they name; null otherwise.",
    "vocabulary": "For a closed vocabulary: its terms in order; null otherwise.",
    "description": "What the column holds.",
}


def _type(arrow_type: pa.DataType) -> str:
    if pa.types.is_struct(arrow_type):
        return "struct"
    if pa.types.is_list(arrow_type) and pa.types.is_struct(arrow_type.value_type):
        return "list<struct>"
    return str(arrow_type)


def _model_rows(table: str, model: typing.Any, prefix: str = "") -> list[dict]:
    from pydantic import BaseModel

    from .arrow_schema import model_fields
    from .introspect import unwrap
    from .models import derived_fields

    rows = []
    derived = derived_fields(model)
    for arrow, (name, info) in zip(model_fields(model), model.model_fields.items(), strict=True):
        bare, _, reference = unwrap(info.rebuild_annotation())
        if typing.get_origin(bare) is list:
            bare, _, reference = unwrap(typing.get_args(bare)[0])
        rows.append(
            {
                "table": table,
                "column": f"{prefix}{name}",
                "type": _type(arrow.type),
                "nullable": arrow.nullable,
                "derived": name in derived,
                "refers_to": reference.table if reference else None,
                "vocabulary": list(typing.get_args(bare)) if typing.get_origin(bare) is typing.Literal else None,
                "description": " ".join((info.description or "").split()),
            }
        )
        if isinstance(bare, type) and issubclass(bare, BaseModel):
            rows += _model_rows(table, bare, f"{prefix}{name}{'[]' if pa.types.is_list(arrow.type) else ''}.")
    return rows


def _long_rows(table: str) -> list[dict]:
    from .api import load
    from .categories import vocabularies

    schema = load(table).schema
    closed = vocabularies(table)
    return [
        {
            "table": table,
            "column": field.name,
            "type": _type(field.type),
            "nullable": True,
            "derived": True,
            "refers_to": None,
            "vocabulary": list(closed[(field.name,)]) if (field.name,) in closed else None,
            "description": (field.metadata or {}).get(b"description", b"").decode(),
        }
        for field in schema
    ]


def codebook(table: str | None = None) -> pa.Table:
    """Every column of every table (or of ``table``): its type, whether it can be null, whether it is
    derived, the table its ids refer to, its closed vocabulary, and what it holds."""
    from .long import LONG_TABLES
    from .models import TABLES

    known = [*TABLES, *LONG_TABLES]
    if table is not None and table not in known:
        raise ValueError(f"unknown table {table!r}; tables are: {', '.join(known)}")
    rows: list[dict] = []
    for name in [table] if table else known:
        rows += _model_rows(name, TABLES[name]) if name in TABLES else _long_rows(name)
    schema = pa.schema(
        [
            pa.field("table", pa.string(), nullable=False),
            pa.field("column", pa.string(), nullable=False),
            pa.field("type", pa.string(), nullable=False),
            pa.field("nullable", pa.bool_(), nullable=False),
            pa.field("derived", pa.bool_(), nullable=False),
            pa.field("refers_to", pa.string()),
            pa.field("vocabulary", pa.list_(pa.string())),
            pa.field("description", pa.string(), nullable=False),
        ]
    )
    schema = pa.schema([f.with_metadata({"description": COLUMNS[f.name]}) for f in schema])
    return pa.Table.from_pylist(rows, schema=schema)
