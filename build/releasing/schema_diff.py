"""What changed in the table layout between two releases, each change with the bump it needs.

The Arrow schemas (from the Parquet files) give tables, columns, types and nullability; the JSON
Schema files give the closed vocabularies (``enum``) and the remaining constraints.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa


@dataclass(frozen=True)
class SchemaChange:
    kind: str  # patch, minor or major
    table: str
    what: str

    @property
    def heading(self) -> str:
        """The Keep a Changelog section it belongs in."""
        if self.kind == "minor":
            return "Added"
        return "Removed" if self.what.endswith("removed") or " lost " in self.what else "Changed"

    def __str__(self) -> str:
        return f"{self.table}: {self.what}"


def _description(field: pa.Field) -> bytes | None:
    return (field.metadata or {}).get(b"description")


def _compare_types(table: str, path: str, old: pa.DataType, new: pa.DataType) -> Iterator[SchemaChange]:
    if pa.types.is_struct(old) and pa.types.is_struct(new):
        yield from _compare_fields(table, f"{path}.", list(old), list(new))
    elif pa.types.is_list(old) and pa.types.is_list(new):
        # item fields are compared by position: Parquet renames them ("item" is read back as "element")
        if new.value_field.nullable and not old.value_field.nullable:
            yield SchemaChange("major", table, f"{path}[] items may now be null")
        yield from _compare_types(table, f"{path}[]", old.value_type, new.value_type)
    elif old != new:
        yield SchemaChange("major", table, f"{path} retyped from {old} to {new}")


def _compare_fields(table: str, prefix: str, old: list[pa.Field], new: list[pa.Field]) -> Iterator[SchemaChange]:
    before = {f.name: f for f in old}
    after = {f.name: f for f in new}
    for name, field in before.items():
        path = f"{prefix}{name}"
        if name not in after:
            yield SchemaChange("major", table, f"column {path} removed")
            continue
        now = after[name]
        if now.nullable and not field.nullable:
            yield SchemaChange("major", table, f"{path} may now be null")
        yield from _compare_types(table, path, field.type, now.type)
        if _description(field) != _description(now):
            yield SchemaChange("patch", table, f"description of {path} changed")
    for name in after.keys() - before.keys():
        yield SchemaChange("minor", table, f"column {prefix}{name} added")


def _enums(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, frozenset]]:
    """Every closed vocabulary in a JSON Schema, keyed by the property path that holds it."""
    if isinstance(node, list):
        for item in node:
            yield from _enums(item, path)
    if not isinstance(node, dict):
        return
    if "enum" in node:
        yield ".".join(path), frozenset(node["enum"])
    for key, value in node.items():
        if key in ("properties", "$defs"):
            for name, sub in value.items():
                yield from _enums(sub, (*path, name))
        elif key in ("anyOf", "oneOf", "allOf", "items"):
            yield from _enums(value, path)


def _compare_vocabularies(table: str, old: dict, new: dict) -> Iterator[SchemaChange]:
    before, after = dict(_enums(old)), dict(_enums(new))
    for path in sorted(before.keys() | after.keys()):
        removed = sorted(before.get(path, frozenset()) - after.get(path, frozenset()))
        added = sorted(after.get(path, frozenset()) - before.get(path, frozenset()))
        if removed and path in after:
            yield SchemaChange("major", table, f"{path} vocabulary lost {', '.join(map(str, removed))}")
        if added and path in before:
            yield SchemaChange("minor", table, f"{path} vocabulary gained {', '.join(map(str, added))}")


def compare(
    old_arrow: dict[str, pa.Schema],
    new_arrow: dict[str, pa.Schema],
    old_json: dict[str, dict],
    new_json: dict[str, dict],
) -> list[SchemaChange]:
    """Every layout change from the old release to the new build."""
    changes: list[SchemaChange] = []
    for table in old_arrow.keys() - new_arrow.keys():
        changes.append(SchemaChange("major", table, "table removed"))
    for table in new_arrow.keys() - old_arrow.keys():
        changes.append(SchemaChange("minor", table, "table added"))
    for table in [t for t in new_arrow if t in old_arrow]:
        found = list(_compare_fields(table, "", list(old_arrow[table]), list(new_arrow[table])))
        found += _compare_vocabularies(table, old_json.get(table, {}), new_json.get(table, {}))
        if not found and old_json.get(table) != new_json.get(table):
            found.append(SchemaChange("patch", table, "JSON Schema constraints or descriptions changed"))
        changes += found
    return sorted(changes, key=lambda c: (c.table, c.what))
