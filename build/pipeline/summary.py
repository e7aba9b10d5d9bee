"""Counts of the built tables, shared by the summary a build prints and the README coverage section.

One function computes them (:func:`statistics`) so the two can never disagree; each renders them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pyarrow as pa

from sino_russia_data.vocabularies import DATE_FORMS, DATE_PRECISIONS

#: Tables whose rows carry a ``date`` with derived form and precision.
DATED = ("events", "statements", "positions")


@dataclass(frozen=True)
class Statistics:
    rows: dict[str, int]
    event_kinds: list[tuple[str, int]]  # most frequent first
    #: per dated table: how many rows of each date form and of each precision
    forms: dict[str, Counter]
    precisions: dict[str, Counter]
    event_years: tuple[int, int] | None


def statistics(tables: dict[str, pa.Table]) -> Statistics:
    kinds = Counter(tables["events"].column("kind").to_pylist())
    years = [d.year for d in tables["events"].column("date_start").to_pylist()]
    return Statistics(
        rows={name: table.num_rows for name, table in tables.items()},
        event_kinds=sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])),
        forms={t: Counter(tables[t].column("date_form").to_pylist()) for t in DATED},
        precisions={t: Counter(tables[t].column("date_precision").to_pylist()) for t in DATED},
        event_years=(min(years), max(years)) if years else None,
    )


def _share(count: int, total: int) -> str:
    return f"{count} ({100 * count / (total or 1):.0f}%)"


def summarise(tables: dict[str, pa.Table]) -> str:
    stats = statistics(tables)
    lines = ["table        rows"]
    lines += [f"{name:<12} {rows:>4}" for name, rows in stats.rows.items()]
    if stats.event_kinds:
        lines.append("events by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(stats.event_kinds)))
    for name in DATED:
        total = stats.rows[name]
        if total:
            forms = ", ".join(f"{form} {stats.forms[name][form]}" for form in DATE_FORMS)
            lines.append(f"{name} dates: {forms}; at day precision {_share(stats.precisions[name]['day'], total)}")
    return "\n".join(lines)


def date_table(stats: Statistics) -> list[str]:
    """Markdown rows: for each dated table, rows by date form and by precision."""
    header = [f"{form} (one day)" if form == "day" else form for form in DATE_FORMS]
    header += [f"{p} precision" for p in DATE_PRECISIONS]
    lines = ["| table | " + " | ".join(header) + " |", "|---|" + "---:|" * len(header)]
    for name in DATED:
        total = stats.rows[name]
        cells = [_share(stats.forms[name][f], total) for f in DATE_FORMS]
        cells += [_share(stats.precisions[name][p], total) for p in DATE_PRECISIONS]
        lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
    return lines
