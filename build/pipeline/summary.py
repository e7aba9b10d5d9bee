"""The summary printed after a build: rows per table, events by kind, and date precision."""

from __future__ import annotations

from collections import Counter

import pyarrow as pa


def summarise(tables: dict[str, pa.Table]) -> str:
    lines = ["table        rows"]
    lines += [f"{name:<12} {table.num_rows:>4}" for name, table in tables.items()]
    dated = [t for t in ("events", "statements", "positions") if tables[t].num_rows]
    if tables["events"].num_rows:
        kinds = Counter(tables["events"].column("kind").to_pylist())
        lines.append("events by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    for name in dated:
        precision = Counter(tables[name].column("date_precision").to_pylist())
        total = tables[name].num_rows
        lines.append(f"{name} at day precision: {precision['day']}/{total} ({100 * precision['day'] / total:.0f}%)")
    return "\n".join(lines)
