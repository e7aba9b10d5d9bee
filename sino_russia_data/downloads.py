"""Downloads for people without Python: every table, and long tables that need no nesting, as CSV and
JSON Lines, described by a Frictionless ``datapackage.json``; the licence, citation, manifest and
dataset card beside them.

Everything is derived from the tables in the manifest and the models, so a new table or column
appears here without a change:

- each table ``T`` as ``T.csv`` and ``T.jsonl`` (list and nested columns as JSON text in a CSV cell);
- for each list column ``F`` of table ``T`` a long table ``<t>_F`` (``event_participants``,
  ``actor_offices``, ``statement_topics``…): the record's id, the item's place ``n`` (from 1), and the
  item (its fields, for a list of records); every item field that refers to another table gains that
  table's naming columns (``actor_name``, ``actor_country``…);
- ``record_topics``: every table's topic tags in one table, with the topic's label;
- ``citation_sources``: each citation with its source's columns (``source_title``, ``source_url``…).

CSV files are UTF-8 with a byte-order mark (so spreadsheet programs read Chinese, Cyrillic and
Hangul correctly), with CRLF line ends; a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is written with a leading apostrophe so that a spreadsheet shows it as text instead
of running it as a formula. JSON Lines files hold the exact values.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa

from . import metadata
from .formats import guard, write_json, write_jsonl

#: Columns that name a record, joined beside a reference to it (those the referenced table has).
NAMING_COLUMNS = ("name", "label", "title", "country")
CSV_ENCODING = "utf-8-sig"
PACKAGE = "datapackage.json"
LICENSE_FILE = "LICENSE-DATA"
CITATION_FILE = "CITATION.cff"
_ENUM, _REFERENCE, _DESCRIPTION = b"enum", b"references", b"description"


# ---- reading the models ------------------------------------------------------------------------


def _singular(name: str) -> str:
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith("ses"):
        return name[:-2]
    return name.removesuffix("s")


def _field_facts(model: Any) -> dict[str, tuple[tuple[str, ...] | None, str | None]]:
    """For each field of a model: its closed vocabulary (itself or its list items) and the table it refers to."""
    from .columns import plan

    return {column.name: (column.terms, column.reference) for column in plan(model)}


def _nested_model(model: Any, field: str) -> Any:
    from .columns import named

    return named(model)[field].model


def _annotated(
    field: pa.Field, terms: Iterable[str] | None = None, reference: str | None = None, description: str | None = None
) -> pa.Field:
    meta = dict(field.metadata or {})
    if description is not None:
        meta[_DESCRIPTION] = description.encode()
    if terms:
        meta[_ENUM] = json.dumps(list(terms)).encode()
    if reference:
        meta[_REFERENCE] = reference.encode()
    return field.with_metadata(meta)


def _annotate(name: str, table: pa.Table) -> pa.Table:
    """``table`` with each field's closed vocabulary and referenced table in its Arrow metadata."""
    from .models import TABLES

    if name not in TABLES:
        return table
    facts = _field_facts(TABLES[name])
    fields = []
    for field in table.schema:
        terms, reference = facts.get(field.name, (None, None))
        scalar = not (pa.types.is_list(field.type) or pa.types.is_struct(field.type))
        fields.append(_annotated(field, terms if scalar else None, reference if scalar else None))
    return table.cast(pa.schema(fields, metadata=table.schema.metadata))


# ---- the long tables ---------------------------------------------------------------------------


def _naming(tables: dict[str, pa.Table], target: str) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The naming columns of table ``target`` and its rows by id."""
    if target not in tables:
        return [], {}
    columns = [c for c in NAMING_COLUMNS if c in tables[target].column_names]
    rows = tables[target].select(["id", *columns]).to_pylist()
    return columns, {row["id"]: row for row in rows}


def _long(tables: dict[str, pa.Table], name: str, field: str) -> pa.Table:
    from .models import TABLES

    table = tables[name]
    model = TABLES.get(name)
    parent = f"{_singular(name)}_id"
    arrow_field = table.schema.field(field)
    item_type = arrow_field.type.value_type
    nested = _nested_model(model, field) if model else None
    base = [
        pa.field(
            parent,
            pa.string(),
            nullable=False,
            metadata={_DESCRIPTION: f"Id of the {_singular(name)} (`{name}.id`).".encode(), _REFERENCE: name.encode()},
        ),
        pa.field(
            "n",
            pa.int32(),
            nullable=False,
            metadata={_DESCRIPTION: f"Place of the item in `{name}.{field}`, from 1.".encode()},
        ),
    ]
    description = (arrow_field.metadata or {}).get(_DESCRIPTION, b"").decode()
    if pa.types.is_struct(item_type):
        facts = _field_facts(nested) if nested else {}
        items = [_annotated(f, *facts.get(f.name, (None, None))) for f in item_type]
    else:
        terms, reference = _field_facts(model)[field] if model else (None, None)
        items = [_annotated(pa.field(_singular(field), item_type, nullable=False), terms, reference, description)]
    joined: list[pa.Field] = []
    lookups = []
    for item in items:
        target = (item.metadata or {}).get(_REFERENCE, b"").decode()
        columns, rows = _naming(tables, target) if target else ([], {})
        for column in columns:
            source = tables[target].schema.field(column)
            about = f"`{column}` of the {_singular(target)} in `{item.name}` (`{target}.{column}`)."
            joined.append(pa.field(f"{item.name}_{column}", source.type, metadata={_DESCRIPTION: about.encode()}))
        lookups.append((item.name, columns, rows))
    out: list[dict[str, Any]] = []
    for record in table.select(["id", field]).to_pylist():
        for n, value in enumerate(record[field] or [], start=1):
            row = {parent: record["id"], "n": n, **(value if pa.types.is_struct(item_type) else {items[0].name: value})}
            for column_name, columns, rows in lookups:
                found = rows.get(row[column_name], {})
                row.update({f"{column_name}_{c}": found.get(c) for c in columns})
            out.append(row)
    return pa.Table.from_pylist(
        out,
        schema=pa.schema(
            [*base, *items, *joined], metadata={"description": f"One row per item of `{name}.{field}`: {description}"}
        ),
    )


def _record_topics(tables: dict[str, pa.Table], longs: dict[str, pa.Table]) -> pa.Table | None:
    """Every table's topic tags in one table (the long tables whose items refer to topics)."""
    from .models import TABLES

    rows = []
    for name, table in tables.items():
        model = TABLES.get(name)
        for field, (_, reference) in _field_facts(model).items() if model else ():
            if reference == "topics" and pa.types.is_list(table.schema.field(field).type) and name != "topics":
                long = longs[f"{_singular(name)}_{field}"]
                parent, value = long.column_names[0], long.column_names[2]
                rows += [
                    {"table": name, "record_id": r[parent], "topic": r[value], "topic_label": r.get(f"{value}_label")}
                    for r in long.to_pylist()
                ]
    if not rows:
        return None
    return pa.Table.from_pylist(
        rows,
        schema=pa.schema(
            [
                pa.field(
                    "table",
                    pa.string(),
                    nullable=False,
                    metadata={_DESCRIPTION: b"Table of the tagged record.", _ENUM: json.dumps(list(tables)).encode()},
                ),
                pa.field(
                    "record_id", pa.string(), nullable=False, metadata={_DESCRIPTION: b"Id of the tagged record."}
                ),
                pa.field(
                    "topic", pa.string(), nullable=False, metadata={_DESCRIPTION: b"Topic id.", _REFERENCE: b"topics"}
                ),
                pa.field("topic_label", pa.string(), metadata={_DESCRIPTION: b"The topic's label."}),
            ],
            metadata={"description": "One row per topic tag of any record."},
        ),
    )


def _citation_sources(tables: dict[str, pa.Table]) -> pa.Table | None:
    """Each citation with its source's columns, prefixed ``source_``."""
    if "citations" not in tables or "sources" not in tables:
        return None
    citations, sources = tables["citations"], tables["sources"]
    by_id = {row["id"]: row for row in sources.to_pylist()}
    columns = [f for f in sources.schema if f.name != "id"]
    fields = list(citations.schema)
    for f in columns:
        about = f"`sources.{f.name}` of the cited source: ".encode() + (f.metadata or {}).get(_DESCRIPTION, b"")
        fields.append(f.with_name(f"source_{f.name}").with_metadata({**(f.metadata or {}), _DESCRIPTION: about}))
    rows = [
        {**c, **{f"source_{f.name}": by_id[c["source_id"]][f.name] for f in columns}} for c in citations.to_pylist()
    ]
    about = "One row per citation, with the quote and the cited source's title, publisher, date and address."
    return pa.Table.from_pylist(rows, schema=pa.schema(fields, metadata={"description": about}))


def long_tables(tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """The tables that need no nesting, derived from ``tables`` (already annotated)."""
    longs = {}
    for name, table in tables.items():
        for field in table.schema:
            if pa.types.is_list(field.type):
                longs[f"{_singular(name)}_{field.name}"] = _long(tables, name, field.name)
    extra = {"record_topics": _record_topics(tables, longs), "citation_sources": _citation_sources(tables)}
    return longs | {name: table for name, table in extra.items() if table is not None}


def all_tables(tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """The dataset's tables (annotated with vocabularies and references) followed by the long tables."""
    annotated = {name: _annotate(name, table) for name, table in tables.items()}
    return annotated | long_tables(annotated)


# ---- writing -----------------------------------------------------------------------------------


def _cell(value: Any, guarded: bool = True) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=lambda d: d.isoformat())
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return guard(value) if guarded else value
    return value


def write_spreadsheet_csv(rows: pa.Table, path: Path, guarded: bool = True) -> None:
    """``rows`` as CSV for spreadsheets: UTF-8 with BOM, CRLF, formula prefixes guarded (unless not ``guarded``)."""
    with path.open("w", encoding=CSV_ENCODING, newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(rows.column_names)
        for batch in rows.to_batches():
            writer.writerows([_cell(v, guarded) for v in row.values()] for row in batch.to_pylist())


def write_text(rows: pa.Table, path: Path, fmt: str, guarded: bool = True) -> None:
    """``rows`` as ``fmt`` (csv, json or jsonl) at ``path``."""
    if fmt == "csv":
        write_spreadsheet_csv(rows, path, guarded)
        return
    with path.open("w", encoding="utf-8", newline="") as out:
        (write_json if fmt == "json" else write_jsonl)(rows, out)


_TYPES = {"string": "string", "int32": "integer", "int64": "integer", "bool": "boolean", "date32[day]": "date"}


def _frictionless_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_list(arrow_type):
        return "array"
    if pa.types.is_struct(arrow_type):
        return "object"
    return _TYPES[str(arrow_type)]


def _schema(name: str, table: pa.Table, primary: set[str]) -> dict[str, Any]:
    fields, foreign = [], []
    for field in table.schema:
        meta = field.metadata or {}
        entry: dict[str, Any] = {"name": field.name, "type": _frictionless_type(field.type)}
        if meta.get(_DESCRIPTION):
            entry["description"] = meta[_DESCRIPTION].decode()
        constraints: dict[str, Any] = {}
        if not field.nullable:
            constraints["required"] = True
        if _ENUM in meta:
            constraints["enum"] = json.loads(meta[_ENUM])
        if constraints:
            entry["constraints"] = constraints
        fields.append(entry)
        target = meta.get(_REFERENCE, b"").decode()
        if target in primary and not pa.types.is_list(field.type):
            foreign.append({"fields": field.name, "reference": {"resource": target, "fields": "id"}})
    schema: dict[str, Any] = {"fields": fields}
    if name in primary:
        schema["primaryKey"] = ["id"]
    elif table.column_names[1:2] == ["n"]:
        schema["primaryKey"] = table.column_names[:2]
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def datapackage(everything: dict[str, pa.Table], primary: Iterable[str], manifest: dict[str, Any]) -> dict[str, Any]:
    """The Frictionless Data Package describing the CSV files of ``everything``."""
    keyed = {name for name in primary if name in everything and "id" in everything[name].column_names}
    resources = []
    for name, table in everything.items():
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",  # the IANA name; readers skip the byte-order mark
                "description": (table.schema.metadata or {}).get(b"description", b"").decode()
                + (f" Also as {name}.jsonl (exact values, one JSON object per line)."),
                "schema": _schema(name, table, keyed),
            }
        )
    return {
        "name": metadata.SHORT_TITLE,
        "title": metadata.TITLE,
        "description": metadata.ABSTRACT
        + (
            " CSV files are UTF-8 with a byte-order mark; a text cell starting with =, +, -, @, a tab or a carriage "
            "return is written with a leading apostrophe so that spreadsheets do not run it as a formula "
            "(the .jsonl files hold the exact text). List and nested columns are JSON text in their cell."
        ),
        "version": manifest["version"],
        "keywords": list(metadata.KEYWORDS),
        "licenses": [
            {
                "name": metadata.DATA_LICENSE,
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0 International",
            }
        ],
        "contributors": [{"title": a["name"], "role": "author"} for a in metadata.AUTHORS],
        "homepage": metadata.REPOSITORY,
        "resources": resources,
    }


def companions() -> dict[str, bytes]:
    """The files that go beside exported tables: licence, citation, manifest and dataset card."""
    from importlib.metadata import PackageNotFoundError, distribution

    from .citation import cite
    from .store import MANIFEST, data_dir, manifest

    try:
        licence = distribution("sino-russia-data").read_text(f"licenses/{LICENSE_FILE}")
    except PackageNotFoundError:
        licence = None
    if licence is None:  # a checkout on sys.path without an install
        licence = (Path(__file__).resolve().parent.parent / LICENSE_FILE).read_text(encoding="utf-8")
    files = {
        LICENSE_FILE: licence.encode(),
        CITATION_FILE: (cite("cff") + "\n").encode(),
        MANIFEST: (data_dir() / MANIFEST).read_bytes(),
    }
    for relative in manifest().get("files", {}):
        if "/" not in relative and relative.endswith(".md"):
            files[relative] = (data_dir() / relative).read_bytes()  # the dataset card
    return files


def check_targets(folder: Path, targets: Iterable[Path], force: bool) -> None:
    """Refuse a file (or a broken link) given as the folder, a folder where a file goes, and files
    already there unless ``force``: nothing of the user's is replaced unasked."""
    for parent in (folder, *folder.parents):
        if parent.is_symlink() and not parent.exists():
            raise ValueError(f"cannot write into {folder}: {parent} is a broken link or one that loops")
        if parent.exists():
            if not parent.is_dir():
                raise ValueError(f"cannot write into {folder}: {parent} is a file, not a folder; give a folder")
            break
    targets = list(targets)
    folders = [t for t in targets if t.is_dir()]
    if folders:
        raise ValueError(f"{folders[0]} is a folder; a file would be written there")
    existing = [t for t in targets if t.exists() or t.is_symlink()]
    if existing and not force:
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise FileExistsError(
            f"{existing[0]} already exists{more}; nothing was written: pass --force to replace, "
            "or choose another folder"
        )


def plan(tables: dict[str, pa.Table], manifest: dict[str, Any]) -> dict[str, Any]:
    """File name → content (a table to write as CSV or JSON Lines, or bytes) of the whole download."""
    everything = all_tables(tables)
    files: dict[str, Any] = {}
    for name, table in everything.items():
        files[f"{name}.csv"] = table
        files[f"{name}.jsonl"] = table
    package = datapackage(everything, tables, manifest)
    files[PACKAGE] = (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode()
    return files


def write(folder: Path, files: dict[str, Any], *, force: bool = False, guarded: bool = True) -> list[Path]:
    """Write ``files`` (name → table or bytes) into ``folder``; refuse to overwrite unless ``force``.

    Each file is written beside its target and renamed into place, so a failed write keeps the old file."""
    targets = [folder / name for name in files]
    check_targets(folder, targets, force)
    for target, content in zip(targets, files.values(), strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        try:
            if isinstance(content, bytes):
                partial.write_bytes(content)
            else:
                write_text(content, partial, target.suffix.lstrip("."), guarded)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return targets
