"""The codebook as a table: every column of every table, generated from the models (and, for the
long tables, from :data:`sino_russia_data.long.LONG_TABLES`), so it describes exactly what loads.

docs/CODEBOOK.md is the same information written out for reading; this is for filtering and
joining (``codebook("events")``, ``sino-russia-data codebook events``).
"""

from __future__ import annotations

from typing import Any

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


def type_name(arrow_type: pa.DataType) -> str:
    """An Arrow type as the codebook names it: a nested model is ``struct`` or ``list<struct>``."""
    if pa.types.is_struct(arrow_type):
        return "struct"
    if pa.types.is_list(arrow_type) and pa.types.is_struct(arrow_type.value_type):
        return "list<struct>"
    return str(arrow_type)


def _model_rows(table: str) -> list[dict[str, Any]]:
    from .arrow_schema import arrow_type
    from .columns import columns, walk

    return [
        {
            "table": table,
            "column": column.label,
            "type": type_name(arrow_type(column)),
            "nullable": column.nullable,
            "derived": column.derived,
            "refers_to": column.reference,
            "vocabulary": list(column.terms) if column.terms else None,
            "description": " ".join(column.description.split()),
        }
        for column in walk(columns(table))
    ]


def _long_rows(table: str) -> list[dict[str, Any]]:
    from .api import load
    from .encoding import closed_columns

    schema = load(table).schema
    closed = closed_columns(table)
    return [
        {
            "table": table,
            "column": field.name,
            "type": type_name(field.type),
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
    rows: list[dict[str, Any]] = []
    for name in [table] if table else known:
        rows += _model_rows(name) if name in TABLES else _long_rows(name)
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
