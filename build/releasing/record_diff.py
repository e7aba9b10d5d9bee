"""Which records were added, withdrawn or corrected between two releases, matched by id."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa


@dataclass
class TableDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    #: id → the fields whose values differ (only fields both releases have).
    changed: dict[str, list[str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    @property
    def kind(self) -> str | None:
        """The bump these records need: a retired id breaks readers, a new one is an addition."""
        if self.removed:
            return "major"
        if self.added:
            return "minor"
        return "patch" if self.changed else None


def _rows(table: pa.Table | None) -> dict[str, dict]:
    return {} if table is None else {row["id"]: row for row in table.to_pylist()}


def compare_table(old: pa.Table | None, new: pa.Table | None) -> TableDiff:
    before, after = _rows(old), _rows(new)
    common = [name for name in (new.column_names if new is not None else []) if old is not None and name in old.column_names]
    diff = TableDiff(added=sorted(after.keys() - before.keys()), removed=sorted(before.keys() - after.keys()))
    for record_id in sorted(before.keys() & after.keys()):
        fields = [name for name in common if before[record_id][name] != after[record_id][name]]
        if fields:
            diff.changed[record_id] = fields
    return diff


def compare(old: dict[str, pa.Table], new: dict[str, pa.Table]) -> dict[str, TableDiff]:
    """Per table (new tables first in build order, then withdrawn ones) the record-level diff."""
    names = [*new, *(name for name in old if name not in new)]
    return {name: compare_table(old.get(name), new.get(name)) for name in names}
