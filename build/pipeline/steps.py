"""The build's steps, in order: discover and read raw/, validate each record, check across
records, and write (or only validate); every problem is collected before anything is written."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

import pyarrow as pa

from sino_russia_data.arrow_schema import schema
from sino_russia_data.collector import paused
from sino_russia_data.columns import nested
from sino_russia_data.models import TABLES, Citation, Record

from . import checks, output, votes
from .discover import RECORD_TABLES, discover, file_label, read_texts
from .problems import BuildFailed, Problem
from .records import Entry, validate
from .yaml_reader import Located, read_yaml

#: Below this much YAML one process reads faster than a pool of them starts (~0.1 s).
PARALLEL_BYTES = 4 * 1024 * 1024


def _read_all(raw: Path, yaml_files: dict[str, list[Path]]) -> Iterator[tuple[str, Located | None, list[Problem]]]:
    """Every raw YAML file read, in table then file order: ``(table, located, problems)``.

    Reading (YAML composing) is most of a build's time and each file is independent, so large
    trees are read by one process per core while this one validates what has arrived.
    """
    tables = [table for table in RECORD_TABLES for _ in yaml_files.get(table, [])]
    paths = [path for table in RECORD_TABLES for path in yaml_files.get(table, [])]
    shown = [file_label(raw, path) for path in paths]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if min(cores, len(paths)) < 2 or sum(path.stat().st_size for path in paths) < PARALLEL_BYTES:
        for table, result in zip(tables, map(read_yaml, paths, shown)):
            yield table, *result
        return
    with ProcessPoolExecutor(min(cores, len(paths))) as pool:
        for table, result in zip(tables, pool.map(read_yaml, paths, shown)):
            yield table, *result


@paused()  # millions of long-lived objects, no cycles: see sino_russia_data.collector
def compile_raw(raw: Path, today: dt.date | None = None) -> dict[str, list[Record]]:
    """Every table's validated records, sorted by id; raises BuildFailed listing every problem."""
    today = today or dt.date.today()
    yaml_files, text_paths, problems = discover(raw)
    texts, text_problems = read_texts(raw, text_paths)
    problems += text_problems
    by_table: dict[str, list[Entry]] = {table: [] for table in TABLES}
    # Ids written in raw/, valid or not, and tables with an unreadable file: a reference is
    # reported as dangling only when it is certain to be, not because its target has a problem.
    written: dict[str, set[str]] = {table: set() for table in TABLES}
    unreadable: set[str] = set()
    for table, located, read_problems in _read_all(raw, yaml_files):
        problems += read_problems
        if located is None:
            unreadable.add(table)
            continue
        if not isinstance(located.value, list):
            unreadable.add(table)
            not_a_list = "must be a list of records (each item starting with '- ')"
            problems.append(Problem(located.file, 1, "(file)", "not-a-list", not_a_list))
            continue
        written[table].update(r["id"] for r in located.value if isinstance(r, dict) and isinstance(r.get("id"), str))
        derive = None
        if table == "votes":  # events are read before votes (table order), so every valid event is known
            derive = partial(votes.from_event, events={e.record.id: e.record for e in by_table["events"]})
        for index in range(len(located.value)):
            entries, record_problems = validate(table, located, index, texts, derive)
            problems += record_problems
            for entry in entries:
                by_table["citations" if isinstance(entry.record, Citation) else table].append(entry)
        located.validated()  # its records are models now: its raw values are no longer needed
    by_table["votes"] = votes.settle_vetoes(by_table["votes"])
    problems += _cross_checks(by_table, written, unreadable, texts, today)
    if problems:
        raise BuildFailed(problems)
    return {table: _sorted(table, entries) for table, entries in by_table.items()}


def _sorted(table: str, entries: list[Entry]) -> list[Record]:
    if table == "citations":
        return [e.record for e in sorted(entries, key=lambda e: (e.record.record_id, e.loc[-1]))]
    return [e.record for e in sorted(entries, key=lambda e: e.record.id)]


def _cross_checks(
    by_table: dict[str, list[Entry]],
    written: dict[str, set[str]],
    unreadable: set[str],
    texts: dict[str, bytes | None],
    today: dt.date,
) -> list[Problem]:
    records = [e for table in RECORD_TABLES for e in by_table[table]]
    problems = checks.unique_ids(records)
    problems += checks.resolve_references([*records, *by_table["citations"]], written, unreadable)
    problems += checks.duplicate_citations(by_table["citations"])
    problems += checks.topic_cycles(by_table["topics"])
    # Not through normalise's cache, which keeps every quote: 20,000 texts and their normalised forms
    # would stay in memory (~40 MB for 100k records) through the Arrow conversion and writing.
    uncached = checks.normalise.__wrapped__
    normalised = {sid: uncached(data.decode("utf-8")) for sid, data in texts.items() if data is not None}
    problems += checks.quotes_found(by_table["citations"], normalised)
    problems += checks.statement_passages_found(by_table["statements"], by_table["citations"], normalised)
    actors = {e.record.id: e.record for e in by_table["actors"]}
    problems += checks.offices_at_bodies(by_table["actors"], {aid: actor.type for aid, actor in actors.items()})
    problems += checks.offices_held([*by_table["events"], *by_table["statements"]], actors)
    events = {e.record.id: e.record for e in by_table["events"]}
    problems += checks.statements_at_their_events(by_table["statements"], events)
    problems += votes.check(by_table["votes"], events)
    problems += checks.not_in_future(records, today)
    return problems


def _emptied(raw: Path, out: Path | None, records: dict[str, list[Record]]) -> list[Problem]:
    """A tree with no records at all, or without any record of a table the previous build in
    ``out`` has rows in, is refused: it is a wrong --raw or a lost folder, not an edit."""
    shown = raw.resolve().name
    if not any(records[table] for table in RECORD_TABLES):
        return [
            Problem(
                f"{shown}/",
                1,
                "(file)",
                "no-records",
                f"holds no records (no {shown}/<table>/*.yaml with any); nothing to build: check --raw",
            )
        ]
    before = output.previous_rows(out) if out is not None and out.is_dir() else {}
    return [
        Problem(
            f"{shown}/{table}/",
            1,
            "(file)",
            "no-records",
            f"holds no records, but the build in --out has {before[table]}; "
            "a build would drop the whole table (to withdraw it, build into a new folder)",
        )
        for table in RECORD_TABLES
        if before.get(table) and not records[table]
    ]


def _to_arrow(table: str, records: list[Record]) -> pa.Table:
    """``records`` as Arrow, as :func:`~sino_russia_data.arrow_schema.to_arrow` makes it, but a column
    at a time: ``Table.from_pylist`` of every row's ``model_dump()`` makes the same columns from
    the row dicts, and those dicts, all of a table's at once beside its models, were ~50 MB of the
    build's peak for 160,000 citations. Only fields holding nested models are dumped, per value."""
    holding = {column.name: column.is_list for column in nested(TABLES[table])}
    columns = {}
    for name in schema(table).names:
        values = [getattr(record, name) for record in records]
        if name in holding:
            many = holding[name]
            values = [
                None if value is None else [item.model_dump() for item in value] if many else value.model_dump()
                for value in values
            ]
        columns[name] = values
    return pa.Table.from_pydict(columns, schema=schema(table))


@paused()  # millions of long-lived objects, no cycles: see sino_russia_data.collector
def tables(raw: Path, *, replacing: Path | None = None, today: dt.date | None = None) -> dict[str, pa.Table]:
    """Validate ``raw`` into Arrow tables, writing nothing. ``replacing``: the build folder they are
    to replace, none of whose tables may become empty (see :func:`_emptied`)."""
    records = compile_raw(raw, today)
    emptied = _emptied(raw, replacing, records)
    if emptied:
        raise BuildFailed(emptied)
    return {name: _to_arrow(name, records.pop(name)) for name in list(records)}


@paused()  # millions of long-lived objects, no cycles: see sino_russia_data.collector
def build(raw: Path, out: Path, *, today: dt.date | None = None) -> dict[str, pa.Table]:
    """Validate ``raw`` and write the tables and manifest to ``out`` (a link is resolved first: the
    folder it names is replaced, the link is kept)."""
    out = output.resolved(out)
    output.check_replaceable(out, raw)
    built = tables(raw, replacing=out, today=today)
    output.write(out, built)
    return built
