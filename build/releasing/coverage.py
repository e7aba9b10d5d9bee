"""The README's coverage section, generated from the built tables so it cannot drift from the data.

"Independent origins" counts sources, not documents: sources sharing an author count once (the two
Hammond op-eds are one author's claims published twice), and unsigned sources of one publisher
count once (several TASS reports are one origin).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyarrow as pa
from pipeline.summary import date_table, statistics

FILE = Path(__file__).resolve().parents[2] / "README.md"
START, END = "<!-- coverage:start -->", "<!-- coverage:end -->"


def _origins(sources: list[dict]) -> int:
    """Sources grouped so that any shared author or, for unsigned ones, the same publisher joins them."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for source in sources:
        keys = [f"author:{a}" for a in source["authors"]] or [f"publisher:{source['publisher']}"]
        for key in keys[1:]:
            parent[find(key)] = find(keys[0])
        find(keys[0])
    return len({find(key) for key in parent})


def render(tables: dict[str, pa.Table]) -> str:
    """The coverage section's body: rows per table, events per kind, date forms and precision,
    sources and languages."""
    stats = statistics(tables)
    lines = ["| table | rows |", "|---|---:|"]
    lines += [f"| `{name}` | {rows} |" for name, rows in stats.rows.items()]
    lines += ["", "| event kind | events |", "|---|---:|"]
    lines += [f"| `{kind}` | {count} |" for kind, count in stats.event_kinds]
    lines += ["", *date_table(stats)]
    sources = tables["sources"].to_pylist()
    languages = Counter(s["language"] for s in sources)
    lines += [
        "",
        f"Sources: {len(sources)} documents from {_origins(sources)} independent origins (sources sharing an "
        "author, or unsigned sources of one publisher, count once); languages: "
        + ", ".join(f"{lang} {n}" for lang, n in sorted(languages.items(), key=lambda kv: (-kv[1], kv[0])))
        + ".",
        f"Events span {stats.event_years[0]}–{stats.event_years[1]}." if stats.event_years else "No events yet.",
    ]
    return "\n".join(lines)


def splice(readme: str, body: str) -> str:
    """``readme`` with the text between the coverage markers replaced by ``body``."""
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(readme):
        raise ValueError(f"README.md has no {START} … {END} markers")
    return pattern.sub(lambda _: f"{START}\n{body}\n{END}", readme)
