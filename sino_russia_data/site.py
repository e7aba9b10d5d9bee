"""A browsable static site of the data: ``sino-russia-data site OUT``.

Writes ``index.html``, ``app.js``, ``style.css`` and ``data.js`` into OUT. The data travel in
``data.js``, loaded by a relative ``<script src>``, so the folder works opened from disk (file://),
with no server, no network and nothing fetched from elsewhere.

A reader sees a timeline of the events, lists of every dated record table (events, statements,
positions, and any table added later that has an ``id`` and a date), filters by year, kind, country
and topic, a case-insensitive search over every text of a record and the quotes citing it, and a page
per record with its fields, the records it names and that name it (participants, statements made at
an event, votes…), and every citation's quote with its source's title, publisher, date and link.

The filters mean what :func:`sino_russia_data.load` means: which records a kind, country or topic
selects is computed here with the library's own query code, and a year selects records whose date
span overlaps it (``load(name, since=year, until=year)``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import pyarrow as pa

from . import metadata
from .query import Filters

ASSETS = ("index.html", "app.js", "style.css")
DATA_FILE = "data.js"
#: Tables never listed on the front page (they are shown inside record pages).
NOT_LISTED = ("topics", "sources", "citations")
#: The page's facets, each with the query filter it runs for one value.
FACETS: dict[str, Callable[[str], Filters]] = {
    "kind": lambda value: Filters(kind=value),
    "country": lambda value: Filters(country=value),
    "topic": lambda value: Filters(topic=value),
}
NAMING_COLUMNS = ("name", "label", "title", "id")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _countries(tables: dict[str, pa.Table]) -> list[str]:
    from .query import paths

    found: set[str] = set()
    for name, table in tables.items():
        for path in paths(name, "country"):
            array = table.column(path[0]).combine_chunks()
            while pa.types.is_list(array.type):
                array = array.flatten()
            found.update(v for v in array.to_pylist() if v)
    return sorted(found)


def _country_name(code: str) -> str:
    from .codes import COUNTRIES

    return COUNTRIES[code][1] if code in COUNTRIES else code


def _facets(
    tables: dict[str, pa.Table], listed: list[str]
) -> tuple[dict[str, dict[str, dict[str, list[str]]]], dict[str, list[list[str]]]]:
    """Per listed table, filter and value: the ids the library's query selects; and the options."""
    from .encoding import closed_columns
    from .query import applicable, select

    def read(name: str) -> pa.Table:
        return tables[name]

    options: dict[str, list[list[str]]] = {"kind": [], "country": [], "topic": []}
    kinds: list[str] = []
    for name in listed:
        for term in closed_columns(name).get(("kind",), ()):
            if term not in kinds:
                kinds.append(term)
    options["kind"] = [[k, k.replace("_", " ")] for k in kinds]
    options["country"] = [[c, _country_name(c)] for c in _countries(tables)]
    if "topics" in tables:
        options["topic"] = [[t["id"], t["label"]] for t in tables["topics"].select(["id", "label"]).to_pylist()]
    facets: dict[str, dict[str, dict[str, list[str]]]] = {}
    for name in listed:
        table = tables[name]
        allowed = applicable(name)
        facets[name] = {}
        for facet, filtering in FACETS.items():
            if facet not in allowed:
                continue
            facets[name][facet] = {}
            for value, _ in options[facet]:
                if facet == "kind" and value not in closed_columns(name).get(("kind",), ()):
                    continue
                chosen = select(name, table, filtering(value), read)
                facets[name][facet][value] = chosen.column("id").to_pylist()
    return facets, options


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _references(tables: dict[str, pa.Table]) -> dict[str, list[str]]:
    """Each id → the ids of the records that refer to it (through any field, nested ones included)."""
    from .arrow_schema import to_records
    from .columns import references
    from .models import TABLES

    backwards: dict[str, dict[str, None]] = {}  # an ordered set of referring ids per target
    for name, table in tables.items():
        if name not in TABLES or "id" not in table.column_names:
            continue
        for record in to_records(name, table, built=True):  # rows of a build: not validated again
            for _, _, target in references(record):
                # Ignored: to_records gives the table's model, which has an id here; its signature says Record.
                backwards.setdefault(target, {})[record.id] = None  # type: ignore[attr-defined]
    if "citations" in tables:  # a citation names its record by record_id
        for row in tables["citations"].select(["id", "record_id"]).to_pylist():
            backwards.setdefault(row["record_id"], {})[row["id"]] = None
    return {target: list(ids) for target, ids in backwards.items()}


def _date_columns(name: str) -> dict[str, str]:
    """The columns the page reads a row's dates from: first and last day, and the date as written."""
    from .query import date_columns

    found = date_columns(name)
    assert found is not None, "only tables with dates are listed"
    start, end = found
    return {"start": start, "end": end, "shown": start.removesuffix("_start")}


def payload(tables: dict[str, pa.Table], manifest: dict[str, Any]) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-able data."""
    from .models import TABLES
    from .query import date_columns
    from .vocabularies import EVENT_KINDS

    listed = [n for n, t in tables.items() if n not in NOT_LISTED and "id" in t.column_names and date_columns(n)]
    rows = {name: table.to_pylist() for name, table in tables.items()}
    quotes: dict[str, list[str]] = {}
    for citation in rows.get("citations", []):
        quotes.setdefault(citation["record_id"], []).append(citation["quote"])
    search = {
        row["id"]: " \n ".join([*_strings({k: v for k, v in row.items() if k != "id"}), *quotes.get(row["id"], [])])
        for name in listed
        for row in rows[name]
    }
    facets, options = _facets(tables, listed)
    return {
        "title": metadata.TITLE,
        "abstract": metadata.ABSTRACT,
        "version": manifest["version"],
        "license": metadata.DATA_LICENSE,
        "tables": rows,
        "descriptions": {name: (TABLES[name].__doc__ or "").strip() for name in tables if name in TABLES},
        "listed": listed,
        "dates": {name: _date_columns(name) for name in listed},
        "naming": {name: [c for c in NAMING_COLUMNS if c in t.column_names] for name, t in tables.items()},
        "facets": facets,
        "options": options,
        "contextKinds": [k for k, text in EVENT_KINDS.items() if text.startswith("Context:")],
        "search": search,
        "referencedBy": _references(tables),
    }


def render_data(tables: dict[str, pa.Table], manifest: dict[str, Any]) -> str:
    text = json.dumps(payload(tables, manifest), ensure_ascii=False, default=_plain, separators=(",", ":"))
    return f"window.SRD = {text};\n"


def write(folder: Path, tables: dict[str, pa.Table], manifest: dict[str, Any], *, force: bool = False) -> list[Path]:
    """Write the site into ``folder``; refuse to overwrite its files unless ``force``."""
    from .downloads import write as write_files

    assets = files(__package__) / "site_assets"
    content = {name: (assets / name).read_bytes() for name in ASSETS}
    content[DATA_FILE] = render_data(tables, manifest).encode("utf-8")
    return write_files(folder, content, force=force)
