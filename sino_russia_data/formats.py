"""Writing rows as text: CSV, JSON, JSON Lines, or an aligned table for reading in a terminal.

Dates are written as ISO strings. CSV has no lists, so list and nested columns are written as JSON
text in their cell; a null is an empty cell. A CSV cell that begins with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return is written with a leading ``'``, so a spreadsheet shows it instead of running
it as a formula (``formula_guard=False`` writes every cell exactly). The table format escapes
control and format characters (``\x1b``, ``\u202e``), so data cannot drive the terminal.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    import pyarrow as pa

CELL_WIDTH = 40  # the table format cuts longer cells
#: What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _json(value: Any, **options: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_plain, **options)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return _json(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _guarded(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def write_csv(rows: pa.Table, out: TextIO, *, formula_guard: bool = True) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rows.column_names)
    for batch in rows.to_batches():
        for row in batch.to_pylist():
            cells = [_cell(value) for value in row.values()]
            writer.writerow([_guarded(cell) for cell in cells] if formula_guard else cells)


def _visible(text: str) -> str:
    """Control and format characters as escapes: a terminal shows them instead of obeying them."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def write_json(rows: pa.Table, out: TextIO) -> None:
    out.write(_json(rows.to_pylist(), indent=2) + "\n")


def write_jsonl(rows: pa.Table, out: TextIO) -> None:
    for batch in rows.to_batches():
        out.writelines(_json(row) + "\n" for row in batch.to_pylist())


def write_table(rows: pa.Table, out: TextIO) -> None:
    def cut(text: str) -> str:
        text = _visible(" ".join(text.split()))
        return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 1] + "…"

    cells = [[cut(_cell(value)) for value in row.values()] for row in rows.to_pylist()]
    widths = [max([len(name), *(len(row[i]) for row in cells)]) for i, name in enumerate(rows.column_names)]
    lines = ([*rows.column_names], ["-" * width for width in widths], *cells)
    out.writelines("  ".join(t.ljust(w) for t, w in zip(line, widths, strict=True)).rstrip() + "\n" for line in lines)
    out.write(f"({rows.num_rows} row{'s' if rows.num_rows != 1 else ''})\n")


WRITERS: dict[str, Callable[[pa.Table, TextIO], None]] = {
    "table": write_table,
    "csv": write_csv,
    "json": write_json,
    "jsonl": write_jsonl,
}
FORMATS = tuple(WRITERS)


def dumps(value: Any) -> str:
    """``value`` (plain Python, dates included) as indented JSON text."""
    return _json(value, indent=2)
