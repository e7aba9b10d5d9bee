"""Which records were added, withdrawn or corrected between two releases, matched by id.

Citations are part of the record they support, not records of their own: an added, removed or
changed citation is a correction of its record (field ``citations``), compared by content, so the
version policy reads it as a PATCH change of that record, never as a withdrawn id.
"""

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


def _rows(table: pa.Table | None, cited: dict[str, list] | None = None) -> dict[str, dict]:
    if table is None:
        return {}
    rows = {row["id"]: row for row in table.to_pylist()}
    if cited is not None:
        rows = {rid: {**row, "citations": cited.get(rid, [])} for rid, row in rows.items()}
    return rows


def _citations_by_record(citations: pa.Table | None) -> dict[str, list]:
    """Each record's citations as a sorted list of their contents (without the id)."""
    found: dict[str, list] = {}
    for row in [] if citations is None else citations.to_pylist():
        content = tuple(sorted((key, value) for key, value in row.items() if key not in ("id", "record_id")))
        found.setdefault(row["record_id"], []).append(content)
    return {rid: sorted(contents, key=repr) for rid, contents in found.items()}


def compare_table(
    old: pa.Table | None,
    new: pa.Table | None,
    old_cited: dict[str, list] | None = None,
    new_cited: dict[str, list] | None = None,
) -> TableDiff:
    """Records of one table matched by id; with ``*_cited`` (record id → citations), citations too."""
    before, after = _rows(old, old_cited), _rows(new, new_cited)
    common = [
        name for name in (new.column_names if new is not None else []) if old is not None and name in old.column_names
    ]
    if old_cited is not None and new_cited is not None:
        common.append("citations")
    diff = TableDiff(added=sorted(after.keys() - before.keys()), removed=sorted(before.keys() - after.keys()))
    for record_id in sorted(before.keys() & after.keys()):
        fields = [name for name in common if before[record_id][name] != after[record_id][name]]
        if fields:
            diff.changed[record_id] = fields
    return diff


def compare(old: dict[str, pa.Table], new: dict[str, pa.Table]) -> dict[str, TableDiff]:
    """Per table (new tables first in build order, then withdrawn ones) the record-level diff;
    citations count as part of their records, not as a table of their own."""
    old_cited, new_cited = _citations_by_record(old.get("citations")), _citations_by_record(new.get("citations"))
    names = [name for name in [*new, *(name for name in old if name not in new)] if name != "citations"]
    return {name: compare_table(old.get(name), new.get(name), old_cited, new_cited) for name in names}
