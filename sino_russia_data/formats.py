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
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    import pyarrow as pa

#: What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CELL_WIDTH = 40  # the table format cuts longer cells (counted in terminal columns) ...
TEXT_WIDTH = 72  # ... and longer text (what was said, quoted, summarised) at this many
#: Columns holding prose, shown wider than other cells.
TEXT_CELLS = frozenset(
    {
        "text",
        "text_en",
        "quote",
        "summary",
        "title",
        "definition",
        "proposes",
        "description",
        "note",
        "office",
        "speaker_office",
        "publisher",
        "name",
        "actor_name",
        "organisation_name",
    }
)


def whole(column: str) -> bool:
    """Columns the table format never cuts: ids (to copy into ``get``) and addresses."""
    return column in {
        "id",
        "speaker",
        "event",
        "actor",
        "organisation",
        "broader",
        "series",
        "url",
        "document",
        "vocabulary",
    } or column.endswith("_id")


def width(text: str) -> int:
    """Terminal columns ``text`` takes: wide (CJK, Hangul, full-width) characters take two,
    combining marks none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def cut(text: str, limit: int) -> str:
    """``text`` on one line, cut with … to at most ``limit`` terminal columns."""
    text = " ".join(text.split())
    if width(text) <= limit:
        return text
    kept, used = [], 0
    for c in text:
        used += width(c)
        if used > limit - 1:
            break
        kept.append(c)
    return "".join(kept) + "…"


def pad(text: str, size: int) -> str:
    return text + " " * (size - width(text))


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


def guard(text: str) -> str:
    """``text`` safe in a spreadsheet cell: a leading apostrophe before a formula prefix."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def write_csv(rows: pa.Table, out: TextIO, *, formula_guard: bool = True) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rows.column_names)
    for batch in rows.to_batches():
        for row in batch.to_pylist():
            cells = [_cell(value) for value in row.values()]
            writer.writerow([guard(cell) for cell in cells] if formula_guard else cells)


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
    """Aligned columns for a terminal: ids and addresses whole, other cells on one line and cut
    with … (prose at TEXT_WIDTH, the rest at CELL_WIDTH terminal columns); wide characters count two."""
    names = rows.column_names
    limits = [None if whole(n) else TEXT_WIDTH if n in TEXT_CELLS else CELL_WIDTH for n in names]
    cells = [
        [
            _visible(" ".join(_cell(value).split()) if limit is None else cut(_cell(value), limit))
            for value, limit in zip(row.values(), limits, strict=True)
        ]
        for row in rows.to_pylist()
    ]
    widths = [max([width(name), *(width(row[i]) for row in cells)]) for i, name in enumerate(names)]
    lines = ([*names], ["-" * size for size in widths], *cells)
    out.writelines("  ".join(pad(t, w) for t, w in zip(line, widths, strict=True)).rstrip() + "\n" for line in lines)
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
