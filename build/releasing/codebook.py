"""docs/CODEBOOK.md, generated from the models, the vocabularies and the topic records, so it
describes exactly the tables the build writes."""

from __future__ import annotations

from pathlib import Path

from sino_russia_data import __version__, vocabularies
from sino_russia_data.arrow_schema import arrow_type
from sino_russia_data.codebook_table import type_name
from sino_russia_data.columns import columns, walk
from sino_russia_data.models import CITED_TABLES, ID_PREFIXES, SCHEMA_VERSION, TABLES

FILE = Path(__file__).resolve().parents[2] / "docs" / "CODEBOOK.md"

#: Vocabulary constant name → its mapping, for every closed vocabulary.
VOCABULARIES: dict[str, dict[str, str]] = {
    name: value for name, value in vars(vocabularies).items() if name.isupper() and isinstance(value, dict)
}

CONVENTIONS = """\
## Conventions

**Ids.** Every record has a stable id: a table prefix ({prefixes}) and a lowercase slug; topic ids
are bare slugs. An id names one record for good: it is never reused, and a withdrawn record's id is
listed as withdrawn in CHANGELOG.md. Citation ids are `<record_id>#<h>`, h the first ten hex digits
of a SHA-256 of the source id and the normalised quote, so a citation keeps its id when the record's
other citations are added, removed or reordered.

**References.** A column marked *refers to* holds the id of a record in that table; the build
fails unless every reference resolves.

**Derived columns** are computed by the build from other columns (dates, hashes, citation ids) and
are never written by hand.

**Null and empty.** Null means not established or not applicable; a list column is an empty list,
never null, when there is nothing to list.

**Evidence.** Every record of {cited} cites at least one source in `citations`, with a passage
verbatim from the source's text as archived in `raw/sources/texts/`; the build checks that the
passage is there.

## Dates

Dates are written in a strict subset of EDTF (ISO 8601-2, level 0) and kept as written in the text
column (`date`, `published`, `term`):

| written | meaning | `_start` | `_end` | `_precision` |
|---|---|---|---|---|
| `2017-07-04` | that day | 2017-07-04 | 2017-07-04 | day |
| `2019-03` | some day in March 2019 | 2019-03-01 | 2019-03-31 | month |
| `2016` | some day in 2016 | 2016-01-01 | 2016-12-31 | year |
| `2017-07-03/2017-07-04` | an interval of days | 2017-07-03 | 2017-07-04 | day |
| `2013-03-14/..` | open end (office still held, or end unknown) | 2013-03-14 | null | day |
| `../2015-06` | unknown start | null | 2015-06-30 | month |

`<column>_start` and `<column>_end` are the first and last day the fact can fall on: a date known
only to the month is the span of the month, never pinned to the 1st. `<column>_precision` is the
precision of the coarser end ({precisions}). Open ends (`..`) are allowed only in office terms
(`actors.offices[].term`); every other date, when given, has both ends (a source's `published` is
null as a whole when the date is unknown).
"""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _columns(table: str) -> list[str]:
    """Rows of the column table for ``table``, a nested model's columns right after their parent."""
    rows = []
    for column in walk(columns(table)):
        notes = []
        if column.reference:
            notes.append(f"refers to `{column.reference}`")
        if column.vocabulary:
            notes.append(f"values: [{column.vocabulary}](#{column.vocabulary.lower()})")
        if column.derived:
            notes.append("derived")
        meaning = _cell(column.description) + (f" *({'; '.join(notes)})*" if notes else "")
        nullable = "yes" if column.nullable else "no"
        rows.append(f"| `{column.label}` | `{type_name(arrow_type(column))}` | {nullable} | {meaning} |")
    return rows


def _names(top: tuple) -> str:
    """Column names, derived ones in italics, a nested model's written columns in parentheses."""
    shown = []
    for column in top:
        name = f"*`{column.name}`*" if column.derived else f"`{column.name}`"
        written = [c.name for c in column.children if not c.derived]
        shown.append(f"{name} ({', '.join(written)})" if written else name)
    return ", ".join(shown)


def readme_tables() -> str:
    """README.md's table of tables: what a row is and its columns, from the models."""
    lines = [
        "| table | one row per | columns (*derived* in italics; types and meanings in docs/CODEBOOK.md) |",
        "|---|---|---|",
    ]
    for name, model in TABLES.items():
        lines.append(f"| `{name}` | {_cell(model.__doc__ or '')} | {_names(columns(name))} |")
    return "\n".join(lines)


def _table(name: str) -> list[str]:
    model = TABLES[name]
    lines = [f"### `{name}`", "", _cell(model.__doc__ or ""), ""]
    lines += ["| column | Arrow type | nullable | meaning |", "|---|---|---|---|", *_columns(name), ""]
    return lines


def render(topics: list[dict]) -> str:
    """The codebook; ``topics`` are the rows of the topics table (id, label, definition)."""
    lines = [
        "# Codebook",
        "",
        (
            f"sino-russia-data {__version__}, schema version {SCHEMA_VERSION}. Generated from the models in "
            "`sino_russia_data/models.py`, `sino_russia_data/vocabularies.py` and `raw/topics/` by "
            "`python build/release.py write`; do not edit by hand. Each table ships as "
            "`sino_russia_data/data/<table>.parquet` with a JSON Schema in `sino_russia_data/data/schema/`."
        ),
        "",
        CONVENTIONS.format(
            prefixes=", ".join(f"`{p}`" for p in ID_PREFIXES.values()),
            cited=", ".join(f"`{t}`" for t in CITED_TABLES),
            precisions=", ".join(f"`{p}`" for p in vocabularies.DATE_PRECISIONS),
        ),
        "## Tables",
        "",
    ]
    for name in TABLES:
        lines += _table(name)
    lines += ["## Closed vocabularies", "", "Adding a value is a MINOR change; removing one is MAJOR.", ""]
    for name, vocabulary in VOCABULARIES.items():
        lines += [f"### {name}", "", "| value | definition |", "|---|---|"]
        lines += [f"| `{value}` | {_cell(definition)} |" for value, definition in vocabulary.items()]
        lines.append("")
    about = (
        "The controlled topic vocabulary (`topics` table, kept in `raw/topics/`); `topics` columns of other "
        "tables hold these ids. Topics form a hierarchy through `broader` (the build refuses a cycle); the "
        "topic filter matches a topic's narrower topics too (`topic_exact=True`: only the topic itself)."
    )
    lines += ["## Topics", "", about, "", "| id | label | broader | definition |", "|---|---|---|---|"]
    lines += [
        f"| `{t['id']}` | {_cell(t['label'])} | {f'`{up}`' if (up := t.get('broader')) else ''} | {_cell(t['definition'])} |"
        for t in topics
    ]
    lines += ["", *_long_tables()]
    return "\n".join(lines).rstrip("\n") + "\n"


def _long_tables() -> list[str]:
    """The long tables the package builds from the shipped ones (``srd.participants()``, ...)."""
    from sino_russia_data.long import LONG_TABLES

    lines = [
        "## Long tables",
        "",
        "Built on the fly from the shipped tables, one row per item of a nested list, ids resolved to "
        "names: `srd.load(<name>, **filters)` or `srd.<name>(**filters)`, `to_pandas`/`to_polars`, "
        "`sino-russia-data show <name>`. Filters are those of the tables each comes from. "
        "`srd.codebook()` gives this codebook as a table.",
        "",
    ]
    for name, (sources, one_row_per, meanings) in LONG_TABLES.items():
        lines += [
            f"### `{name}`",
            "",
            f"One row per {one_row_per}; from {', '.join(f'`{s}`' for s in sources)}.",
            "",
            "| column | meaning |",
            "|---|---|",
        ]
        lines += [f"| `{column}` | {_cell(meaning)} |" for column, meaning in meanings.items()]
        lines.append("")
    return lines
