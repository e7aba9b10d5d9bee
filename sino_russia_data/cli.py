"""The ``sino-russia-data`` command: look at, filter, export and cite the installed data.

    sino-russia-data info [--verify] [--format text|json]
    sino-russia-data show TABLE [--since D] [--until D] [--contained] [--kind K] [--actor ID]
                          [--actor-all ID] [--country ISO3] [--topic ID] [--topic-all ID]
                          [--topic-exact] [--text WORDS] [--columns A,B] [--limit N]
                          [--format table|csv|json|jsonl] [--no-formula-guard]
    sino-russia-data codebook [TABLE] [--format table|csv|json|jsonl]
    sino-russia-data get ID
    sino-russia-data export DIR [--format parquet|csv|json|jsonl] [--tables T ...] [--force]
    sino-russia-data downloads DIR [--force]
    sino-russia-data site DIR [--force]
    sino-russia-data cite [--format bibtex|apa|cff]

TABLE is a shipped table or a long table (participants, offices, record_topics, cited_sources, names).
Also run as ``python -m sino_russia_data``. Exit status: 0 done, 1 error (one line on stderr),
2 wrong usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any, NoReturn

from ._version import __version__

PROG = "sino-russia-data"
EXPORT_FORMATS = ("parquet", "csv", "json", "jsonl")
#: Columns the table format shows by default, when the table has them: the ones that identify a row
#: and say what it is (a statement's text, a source's title, a citation's quote), in table order.
SUMMARY_COLUMNS = (
    "id",
    "record_id",
    "source_id",
    "kind",
    "type",
    "date",
    "published",
    "name",
    "label",
    "broader",
    "speaker",
    "state",
    "vote",
    "publisher",
    "country",
    "holders",
    "title",
    "text",
    "quote",
)


_GUARD_HELP = (
    "CSV: write cells beginning with = + - @ exactly (by default they get a leading ' so "
    "spreadsheets do not run them as formulas)"
)


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of rows")
    return int(text)


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line on stderr, exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _info(args: argparse.Namespace) -> None:
    from .store import data_dir, manifest, verify

    found = verify() if args.verify else manifest()
    if args.format == "json":
        from .formats import dumps

        print(
            dumps(
                {
                    "version": found["version"],
                    "schema_version": found["schema_version"],
                    "code_version": __version__,
                    "data_dir": str(data_dir()),
                    "verified": bool(args.verify),
                    "tables": {
                        name: {"rows": entry["rows"], "sha256": entry["sha256"], "file": entry["file"]}
                        for name, entry in found["tables"].items()
                    },
                }
            )
        )
        return
    print(f"{PROG} {found['version']} (table layout {found['schema_version']}, code {__version__})")
    print(f"data: {data_dir()}")
    print(f"{'table':<12} {'rows':>6}  sha256")
    for name, entry in found["tables"].items():
        print(f"{name:<12} {entry['rows']:>6}  {entry['sha256']}")
    if args.verify:
        print("verified: every file matches its SHA-256 in the manifest")


#: Long tables' columns the table format shows by default (the others: every column).
LONG_SUMMARY = {"cited_sources": ("citation_id", "source_id", "publisher", "published", "title", "quote")}


def _filter_options(parser: argparse.ArgumentParser) -> None:
    """An option per field of :class:`~sino_russia_data.query.Filters` (``--actor-all`` is
    ``actor_all``): a switch for a boolean, one value for a date bound, else repeatable."""
    from .query import Filters

    for option in fields(Filters):
        flag, help = f"--{option.name.replace('_', '-')}", option.metadata["help"]
        if option.default is False:
            parser.add_argument(flag, action="store_true", help=help)
        else:
            parser.add_argument(flag, action="store" if option.metadata.get("one") else "append", help=help)


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    from .query import Filters

    given = {option.name: getattr(args, option.name) for option in fields(Filters)}
    return {name: value for name, value in given.items() if value not in (None, False)}


def _show(args: argparse.Namespace) -> None:
    from .api import load
    from .long import LONG_TABLES

    rows = load(args.table, **_filters(args))
    if args.columns:
        from .api import keep_columns

        rows = keep_columns(args.table, rows, [c.strip() for c in args.columns.split(",") if c.strip()])
    elif args.format == "table":
        shown = LONG_SUMMARY.get(args.table, rows.column_names if args.table in LONG_TABLES else SUMMARY_COLUMNS)
        rows = rows.select([c for c in rows.column_names if c in shown])
    if args.limit is not None:
        rows = rows.slice(0, min(args.limit, rows.num_rows))  # pyarrow cannot take a limit beyond int64
    _writer(args)(rows, sys.stdout)


def _writer(args: argparse.Namespace) -> Any:
    from .formats import WRITERS, write_csv

    if args.format == "csv" and args.no_formula_guard:
        return lambda rows, out: write_csv(rows, out, formula_guard=False)
    return WRITERS[args.format]


def _codebook(args: argparse.Namespace) -> None:
    from .codebook_table import codebook
    from .formats import WRITERS

    rows = codebook(args.table)
    if args.format == "table":
        rows = rows.select(["table", "column", "type", "nullable", "derived", "refers_to", "description"])
    WRITERS[args.format](rows, sys.stdout)


def _get(args: argparse.Namespace) -> None:
    from .api import evidence, get
    from .formats import dumps
    from .models import CITED_TABLES, TABLES

    record = get(args.id)
    shown: dict[str, Any] = {"record": record.model_dump(mode="json")}
    if type(record) in {TABLES[name] for name in CITED_TABLES}:
        shown["evidence"] = [
            {"citation": e.citation.model_dump(mode="json"), "source": e.source.model_dump(mode="json")}
            for e in evidence(args.id)
        ]
    print(dumps(shown))


def _export(args: argparse.Namespace) -> None:
    from .api import load
    from .downloads import companions, write
    from .store import data_dir, manifest, tables

    known = tables()
    chosen = args.tables or known
    for name in chosen:
        if name not in known:
            raise ValueError(f"unknown table {name!r}; tables are: {', '.join(known)}")
    files: dict[str, Any] = {}
    for name in chosen:
        if args.format == "parquet":
            load(name)  # checks the installed file before copying it byte for byte
            files[f"{name}.parquet"] = (data_dir() / manifest()["tables"][name]["file"]).read_bytes()
        else:
            files[f"{name}.{args.format}"] = load(name)
    for path in write(args.dir, files | companions(), force=args.force, guarded=not args.no_formula_guard):
        print(path)


def _downloads(args: argparse.Namespace) -> None:
    from .api import load
    from .downloads import companions, plan, write
    from .store import manifest, tables

    files = plan({name: load(name) for name in tables()}, manifest())
    for path in write(args.dir, files | companions(), force=args.force):
        print(path)


def _site(args: argparse.Namespace) -> None:
    from .api import load
    from .site import write
    from .store import manifest, tables

    written = write(args.dir, {name: load(name) for name in tables()}, manifest(), force=args.force)
    print(f"open {written[0].resolve().as_uri()} (works from disk, no server)")


def _cite(args: argparse.Namespace) -> None:
    from .citation import cite

    print(cite(args.format))


def _writes_into(command: argparse.ArgumentParser) -> None:
    """The folder a writing command (export, downloads, site) writes into, and its --force."""
    command.add_argument("dir", type=Path, help="folder to write into (created if missing)")
    command.add_argument(
        "--force",
        "--overwrite",
        dest="force",
        action="store_true",
        help="replace files of the same name already in DIR (never done unasked)",
    )


def _parser() -> argparse.ArgumentParser:
    from .citation import FORMATS as CITATION_FORMATS
    from .formats import FORMATS

    parser = _Parser(
        prog=PROG,
        description="Look at, filter, export and cite the installed sino-russia-data "
        "dataset. Exit status: 0 done, 1 error, 2 wrong usage.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    info = commands.add_parser(
        "info",
        help="version, tables, row counts and checksums",
        description="Print the version, each table's row count and SHA-256.",
    )
    info.add_argument("--verify", action="store_true", help="recompute every file's SHA-256 against the manifest")
    info.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    info.set_defaults(run=_info)

    show = commands.add_parser(
        "show",
        help="print a table's rows, optionally filtered",
        description="Print the rows of TABLE that pass the filters. Dates take "
        "YYYY, YYYY-MM or YYYY-MM-DD; a record matches when its date span overlaps "
        "[since, until] (wholly inside with --contained). Repeat --kind, --actor, "
        "--country, --topic or --text to match any of several values; repeat "
        "--actor-all or --topic-all to need all of them. A topic matches its narrower "
        "topics too (not with --topic-exact). An actor matches where it is listed "
        "itself (act-china: the state); --country CHN matches anyone of China. "
        "Long tables (participants, offices, record_topics, cited_sources, names) take the "
        "filters of the table they come from. Ids are never cut.",
    )
    show.add_argument(
        "table",
        help="table name (see: info) or long table (participants, offices, record_topics, cited_sources, names)",
    )
    _filter_options(show)
    show.add_argument("--columns", help="comma-separated columns to show (table format default: identifying ones)")
    show.add_argument("--limit", type=_count, help="show at most this many rows")
    show.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    show.add_argument("--no-formula-guard", action="store_true", help=_GUARD_HELP)
    show.set_defaults(run=_show)

    book = commands.add_parser(
        "codebook",
        help="every column: type, vocabulary, derived or not, meaning",
        description="Print the codebook: each column of each table (or of TABLE) with "
        "its Arrow type, whether it can be null, whether it is derived, the table its "
        "ids refer to, its closed vocabulary (csv/json) and its description.",
    )
    book.add_argument("table", nargs="?", help="only this table (shipped or long)")
    book.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    book.set_defaults(run=_codebook)

    get = commands.add_parser(
        "get",
        help="one record, with its evidence, as JSON",
        description="Print the record with id ID and, for actors, events, statements "
        "and positions, each citation's quote with its source, as JSON.",
    )
    get.add_argument("id", help="record id (ev-…, act-…, st-…, pos-…, src-…, a topic id, or <record>#<n>)")
    get.set_defaults(run=_get)

    export = commands.add_parser(
        "export",
        help="write tables to a folder",
        description="Write each table to DIR/<table>.<format>, with LICENSE-DATA, "
        "CITATION.cff, manifest.json and the dataset card README.md beside them. Parquet "
        "files are copied byte for byte, so their SHA-256 matches the manifest; CSV is "
        "UTF-8 with a byte-order mark, formula prefixes guarded (see: downloads). "
        "Existing files are not overwritten without --force.",
    )
    _writes_into(export)
    export.add_argument("--format", choices=EXPORT_FORMATS, default="parquet", help="file format (default: parquet)")
    export.add_argument("--tables", nargs="+", metavar="TABLE", help="only these tables (default: all)")
    export.add_argument("--no-formula-guard", action="store_true", help=_GUARD_HELP)
    export.set_defaults(run=_export)

    downloads = commands.add_parser(
        "downloads",
        help="CSV, JSON Lines and datapackage.json of every table and the long tables",
        description="Write every table and the long tables that need no nesting (event_participants, "
        "actor_offices, record_topics, citation_sources, …) as CSV (UTF-8 with a byte-order mark; a cell "
        "starting with =, +, -, @ gets a leading apostrophe) and JSON Lines, a Frictionless datapackage.json "
        "describing them, and LICENSE-DATA, CITATION.cff, manifest.json and README.md. Existing files are not "
        "overwritten without --force.",
    )
    _writes_into(downloads)
    downloads.set_defaults(run=_downloads)

    site = commands.add_parser(
        "site",
        help="a browsable static site of the data (HTML, JS, CSS; works from disk)",
        description="Write index.html, app.js, style.css and data.js into DIR: a site that shows a timeline, "
        "filters records by year, kind, country and topic, searches their text and quotes, and opens each "
        "record with its participants, statements, votes and evidence. It needs no server and no network. "
        "Existing files are not overwritten without --force.",
    )
    _writes_into(site)
    site.set_defaults(run=_site)

    cite = commands.add_parser(
        "cite",
        help="how to cite the installed version",
        description="Print a citation naming the version and the tables' checksums.",
    )
    cite.add_argument("--format", choices=CITATION_FORMATS, default="bibtex", help="citation style (default: bibtex)")
    cite.set_defaults(run=_cite)
    return parser


def main(argv: list[str] | None = None) -> int:
    from .errors import DataIntegrityError

    if sys.stdout is None:  # started with standard output closed (>&-)
        if sys.stderr is not None:
            print(f"{PROG}: error: standard output is closed; nothing can be written", file=sys.stderr)
        return 1
    for stream in (sys.stdout, sys.stderr):  # an encoding that cannot print the data gets escapes
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = _parser().parse_args(argv)
    try:
        args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (ValueError, LookupError, OSError, DataIntegrityError, ImportError) as error:
        message = error.args[0] if isinstance(error, LookupError) and error.args else error
        text = " ".join(str(message).split())
        text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
        print(f"{PROG}: error: {text if len(text) <= 1000 else text[:999] + '…'}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
