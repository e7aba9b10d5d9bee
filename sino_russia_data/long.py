"""Long tables for analysis: one row per thing a shipped table holds as a nested list, with the
ids it refers to resolved to names, ready to join or group without ``explode`` or ``json_normalize``.

=================  ===================================  =========================================
long table         one row per                          filters (those of)
=================  ===================================  =========================================
``participants``   participant of an event              ``events``
``offices``        office an actor held                 ``actors``
``record_topics``  topic of an event, statement or      those ``events``, ``statements`` and
                   position                             ``positions`` share
``cited_sources``  citation, with its source            ``citations``
``names``          record with a name (actors, events,  those they share (``text``)
                   topics, sources, positions)
=================  ===================================  =========================================

Each is built on the fly from the shipped tables by ``load(name, **filters)`` (so ``to_pandas``,
``to_polars``, ``columns=`` and the command line's ``show`` take them too), and has a function of
its own: ``participants(**filters)`` and so on. The filters select the records of the table the
long table comes from; every row of a selected record is kept (``participants(actor_all=[xi,
putin])`` lists everyone at the meetings where both were).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from .plan_facts import CITED_TABLES
from .query import Filters, Reader, select

#: Long table → (the tables it comes from, one row per, its columns with their descriptions).
LONG_TABLES: dict[str, tuple[tuple[str, ...], str, dict[str, str]]] = {
    "participants": (
        ("events",),
        "participant of an event",
        {
            "event_id": "Id of the event (`events.id`).",
            "date": "The event's date as EDTF (`events.date`).",
            "date_start": "First day the event can fall on.",
            "date_end": "Last day the event can fall on.",
            "kind": "The event's kind (`events.kind`).",
            "actor_id": "Id of the participant (`actors.id`).",
            "actor_name": "The participant's common English name (`actors.name`).",
            "actor_type": "Person, state or organisation (`actors.type`).",
            "country": "The participant's ISO 3166-1 alpha-3 code (`actors.country`); null for international bodies.",
            "office": "Office held at the event (`events.participants[].office`).",
        },
    ),
    "offices": (
        ("actors",),
        "office an actor held",
        {
            "actor_id": "Id of the office holder (`actors.id`).",
            "actor_name": "The holder's common English name.",
            "country": "The holder's ISO 3166-1 alpha-3 code.",
            "title": "The office as commonly titled in English.",
            "organisation_id": "Id of the body the office belongs to; null if not recorded.",
            "organisation_name": "Name of that body.",
            "term": "Term as an EDTF interval; `..` marks an open or unknown end.",
            "term_start": "First possible day of the term; null if unknown.",
            "term_end": "Last possible day of the term; null if open.",
        },
    ),
    "record_topics": (
        ("events", "statements", "positions"),
        "topic of a record",
        {
            "record_id": "Id of the event, statement or position.",
            "table": "The table holding the record: events, statements or positions.",
            "date_start": "First day of the record's date.",
            "date_end": "Last day of the record's date.",
            "topic": "Topic id the record is tagged with (`topics.id`).",
            "topic_label": "The topic's label.",
            "broader": "Id of the broader topic the tagged topic falls under; null at the top.",
        },
    ),
    "cited_sources": (
        ("citations",),
        "citation, with the source it cites",
        {
            "citation_id": "Id of the citation (`citations.id`).",
            "record_id": "Id of the cited record.",
            "table": "The table holding the cited record.",
            "quote": "Passage verbatim from the source.",
            "locator": "Where in the source.",
            "source_id": "Id of the source (`sources.id`).",
            "title": "The source's title.",
            "publisher": "The source's publisher.",
            "url": "The source's address.",
            "published": "Publication date as EDTF.",
            "published_start": "First day it can have appeared.",
            "language": "ISO 639-1 code of the source's language.",
        },
    ),
    "names": (
        ("topics", "sources", "actors", "events", "positions"),
        "record with a name",
        {
            "id": "Id of the record: join on it to name the ids other tables hold (`statements.speaker`, "
            "`statements.event`, `positions.events[]`, `citations.source_id`, ...).",
            "table": "The table holding the record.",
            "name": "What the record is called: an actor's or position's `name`, an event's or source's `title` "
            "(the publisher where a source has none), a topic's `label`.",
        },
    ),
}


#: Long-table columns holding a closed vocabulary: column → (shipped table, its column).
VOCABULARY_OF: dict[str, dict[str, tuple[str, str]]] = {
    "participants": {"kind": ("events", "kind"), "actor_type": ("actors", "type")},
}


def _take(table: pa.Table, column: str, indices: pa.Array) -> pa.Array:
    return (
        table.column(column).take(indices).combine_chunks()
        if len(indices)
        else pa.array([], table.schema.field(column).type)
    )


def _lookup(keys: pa.Array, table: pa.Table, column: str) -> pa.Array:
    """``table[column]`` at the rows whose id is each of ``keys`` (null where there is none)."""
    positions = pc.index_in(keys, value_set=table.column("id").combine_chunks())
    return table.column(column).combine_chunks().take(positions)


def _flatten(array: pa.ChunkedArray) -> tuple[pa.Array, pa.Array]:
    """The items of a list column and, for each, the index of its row."""
    combined = array.combine_chunks()
    return pc.list_flatten(combined), pc.list_parent_indices(combined)


def _participants(filters: Filters, read: Reader) -> pa.Table:
    events, actors = select("events", read("events"), filters, read), read("actors")
    flat, parents = _flatten(events.column("participants"))
    actor_ids = pc.struct_field(flat, "actor") if len(flat) else pa.array([], pa.string())
    offices = pc.struct_field(flat, "office") if len(flat) else pa.array([], pa.string())
    return pa.table(
        {
            "event_id": _take(events, "id", parents),
            "date": _take(events, "date", parents),
            "date_start": _take(events, "date_start", parents),
            "date_end": _take(events, "date_end", parents),
            "kind": _take(events, "kind", parents),
            "actor_id": actor_ids,
            "actor_name": _lookup(actor_ids, actors, "name"),
            "actor_type": _lookup(actor_ids, actors, "type"),
            "country": _lookup(actor_ids, actors, "country"),
            "office": offices,
        }
    )


def _offices(filters: Filters, read: Reader) -> pa.Table:
    everyone = read("actors")
    actors = select("actors", everyone, filters, read)
    flat, parents = _flatten(actors.column("offices"))

    def part(name: str, kind: pa.DataType) -> pa.Array:
        return pc.struct_field(flat, name) if len(flat) else pa.array([], kind)

    organisations = part("organisation", pa.string())
    return pa.table(
        {
            "actor_id": _take(actors, "id", parents),
            "actor_name": _take(actors, "name", parents),
            "country": _take(actors, "country", parents),
            "title": part("title", pa.string()),
            "organisation_id": organisations,
            "organisation_name": _lookup(organisations, everyone, "name"),
            "term": part("term", pa.string()),
            "term_start": part("term_start", pa.date32()),
            "term_end": part("term_end", pa.date32()),
        }
    )


def _record_topics(filters: Filters, read: Reader) -> pa.Table:
    topics = read("topics")
    parts = []
    for name in LONG_TABLES["record_topics"][0]:
        records = select(name, read(name), filters, read)
        flat, parents = _flatten(records.column("topics"))
        parts.append(
            pa.table(
                {
                    "record_id": _take(records, "id", parents),
                    "table": pa.array([name] * len(flat), pa.string()),
                    "date_start": _take(records, "date_start", parents),
                    "date_end": _take(records, "date_end", parents),
                    "topic": flat.cast(pa.string()),
                }
            )
        )
    rows = pa.concat_tables(parts)
    topic = rows.column("topic").combine_chunks()
    broader = (
        _lookup(topic, topics, "broader") if "broader" in topics.column_names else pa.nulls(len(topic), pa.string())
    )
    return rows.append_column("topic_label", _lookup(topic, topics, "label")).append_column("broader", broader)


def _cited_sources(filters: Filters, read: Reader) -> pa.Table:
    citations, sources = select("citations", read("citations"), filters, read), read("sources")
    source_ids = citations.column("source_id").combine_chunks()
    record_ids = citations.column("record_id").combine_chunks()
    tables = pa.nulls(len(record_ids), pa.string())
    for name in CITED_TABLES:
        tables = pc.if_else(pc.is_in(record_ids, value_set=read(name).column("id").combine_chunks()), name, tables)
    columns: dict[str, Any] = {
        "citation_id": citations.column("id"),
        "record_id": citations.column("record_id"),
        "table": tables,
        "quote": citations.column("quote"),
        "locator": citations.column("locator"),
        "source_id": source_ids,
    }
    for column in ("title", "publisher", "url", "published", "published_start", "language"):
        columns[column] = _lookup(source_ids, sources, column)
    return pa.table(columns)


#: The column naming each record, per table (sources without a title fall back to their publisher).
_NAME_COLUMNS = {"topics": "label", "sources": "title", "actors": "name", "events": "title", "positions": "name"}


def _names(filters: Filters, read: Reader) -> pa.Table:
    parts = []
    for name, column in _NAME_COLUMNS.items():
        records = select(name, read(name), filters, read)
        named = records.column(column).combine_chunks()
        if name == "sources":
            named = pc.coalesce(named, records.column("publisher").combine_chunks())
        parts.append(
            pa.table(
                {
                    "id": records.column("id").combine_chunks(),
                    "table": pa.array([name] * records.num_rows, pa.string()),
                    "name": named,
                }
            )
        )
    return pa.concat_tables(parts)


_BUILDERS: dict[str, Callable[[Filters, Reader], pa.Table]] = {
    "participants": _participants,
    "offices": _offices,
    "record_topics": _record_topics,
    "cited_sources": _cited_sources,
    "names": _names,
}


def build(name: str, filters: Filters, read: Reader) -> pa.Table:
    """Long table ``name`` of the records passing ``filters``, with its columns described."""
    sources, _, described = LONG_TABLES[name]
    try:
        rows = _BUILDERS[name](filters, read)
    except ValueError as error:
        message = str(error)
        if "does not apply to table" in message:
            message = f"{name} takes the filters of {' and '.join(sources)}: {message}"
        raise ValueError(message) from None
    fields = [rows.schema.field(c).with_metadata({"description": described[c]}) for c in rows.column_names]
    return pa.table(rows.columns, schema=pa.schema(fields))


def _function(name: str) -> Callable[..., pa.Table]:
    def long_table(**filters: Any) -> pa.Table:
        from .api import load

        return load(name, **filters)

    sources, one_row_per, described = LONG_TABLES[name]
    long_table.__name__ = long_table.__qualname__ = name
    long_table.__doc__ = (
        f"One row per {one_row_per}: {', '.join(described)}. Takes the filters of "
        f"{' and '.join(sources)} (and ``columns``) as ``load`` does; the same as ``load({name!r}, ...)``."
    )
    return long_table


participants = _function("participants")
offices = _function("offices")
record_topics = _function("record_topics")
cited_sources = _function("cited_sources")
names = _function("names")
