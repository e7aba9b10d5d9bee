"""The public accessors: tables as Arrow, pandas, polars or Hugging Face; rows as validated models;
and single records with their evidence. (How to cite the installed version: :mod:`citation`.)

Every function taking ``**filters`` accepts the keyword filters of :func:`load`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Unpack, cast

import pyarrow as pa
import pyarrow.compute as pc

from .errors import UnknownRecord
from .query import FilterArgs, Filters, LoadArgs, Values, select
from .store import manifest, read, tables

if TYPE_CHECKING:
    import datasets
    import pandas as pd
    import polars as pl

    from .models import Citation, Record, Source


def load(name: str, *, columns: Values | None = None, **filters: Unpack[FilterArgs]) -> pa.Table:
    """Table ``name`` (see ``tables()``, or a long table of :mod:`sino_russia_data.long`) as a
    ``pyarrow.Table``, optionally filtered.

    ``since``/``until`` take a ``datetime.date``, a year (``2019``) or ``'2019'``, ``'2019-03'``,
    ``'2019-03-15'``; a record matches when its date span overlaps ``[since, until]``, or with
    ``contained=True`` when the span lies wholly inside. ``kind``, ``actor``, ``country``, ``topic``
    and ``text`` take one value or a list (any of them matches); ``actor_all`` and ``topic_all`` a
    list that must all match. A topic matches its narrower topics too, unless ``topic_exact=True``.
    An actor is matched as listed: ``act-china`` finds records listing the state itself, and
    ``country="CHN"`` anyone of China. ``text`` finds words in the record's text and its citations'
    quotes, ignoring case and accents. Different filters must all match. ``columns`` keeps only
    those columns, in that order. A filter that does not apply to the table or an unknown value
    raises ValueError naming what is allowed. See :mod:`sino_russia_data.query` for exactly which
    columns each filter reads.
    """
    chosen = Filters(**filters)
    from .long import LONG_TABLES

    if name in LONG_TABLES:
        from .long import build

        rows = build(name, chosen, read)
    elif name not in tables():
        raise ValueError(
            f"unknown table {name!r}; tables are: {', '.join(tables())}; long tables: {', '.join(LONG_TABLES)}"
        )
    else:
        rows = select(name, read(name), chosen, read)
    return rows if columns is None else keep_columns(name, rows, columns)


def keep_columns(name: str, rows: pa.Table, columns: Values) -> pa.Table:
    """``rows`` with only ``columns``, in that order; an unknown column is a ValueError naming them all."""
    wanted = [columns] if isinstance(columns, str) else list(columns)
    if not wanted or not all(isinstance(c, str) for c in wanted):
        raise TypeError(f"columns takes a column name or a non-empty list of them, not {columns!r}")
    unknown = [c for c in wanted if c not in rows.column_names]
    if unknown:
        raise ValueError(f"unknown column {unknown[0]!r}; {name} has: {', '.join(rows.column_names)}")
    return rows.select(wanted)


def records(name: str, **filters: Unpack[FilterArgs]) -> list[Record]:
    """The rows of table ``name`` passing ``filters``, as the pydantic models the build validated.

    A model is a whole record, so ``columns`` is not taken here: use ``load(..., columns=...)``."""
    from .arrow_schema import to_records  # lazy: pydantic is paid for only here

    if "columns" in filters:
        raise TypeError("records() gives whole validated records; for some columns use load(name, columns=...)")
    return to_records(name, load(name, **filters), built=True)


def get(record_id: str) -> Record:
    """The record with id ``record_id``, from whichever table its id prefix names.

    Raises :class:`UnknownRecord` (a LookupError) if there is none.
    """
    from .arrow_schema import to_records
    from .models import ID_PREFIXES, table_of

    table = table_of(record_id)
    rows = read(table).filter(pc.field("id") == record_id)
    if not rows.num_rows:
        prefixes = ", ".join(f"{prefix} ({name})" for name, prefix in ID_PREFIXES.items())
        raise UnknownRecord(
            f"no record {record_id!r} in {table}; ids start with {prefixes}, "
            "citations are <record id>#<10 hex digits>, topics are bare slugs"
        )
    return to_records(table, rows, built=True)[0]


@dataclass(frozen=True)
class Evidence:
    """One citation supporting a record: ``citation.quote`` is verbatim from ``source``'s archived text;
    ``citation.locator`` says where in it, ``citation.note`` what was verified or where the source errs."""

    citation: Citation
    source: Source


def evidence(record_id: str) -> list[Evidence]:
    """The citations of record ``record_id`` in order, each with its resolved source record."""
    from .arrow_schema import to_records
    from .models import CITED_TABLES, table_of

    table = table_of(record_id)
    if table not in CITED_TABLES:
        raise ValueError(
            f"{record_id!r} is in {table}, which cites no sources; cited tables: {', '.join(CITED_TABLES)}"
        )
    get(record_id)  # raises if there is no such record
    # The casts: to_records gives each row as its table's model, but its signature says only Record.
    cited = read("citations").filter(pc.field("record_id") == record_id)
    citations = cast("list[Citation]", to_records("citations", cited, built=True))
    wanted = pa.array([c.source_id for c in citations], pa.string())
    found = read("sources").filter(pc.field("id").isin(wanted))
    sources = {s.id: s for s in cast("list[Source]", to_records("sources", found, built=True))}
    return [Evidence(citation, sources[citation.source_id]) for citation in citations]


def to_pandas(name: str, **filters: Unpack[LoadArgs]) -> pd.DataFrame:
    """Table ``name`` as a pandas DataFrame (needs ``pip install "sino-russia-data[pandas]"``).

    Closed vocabularies are Categoricals over the whole vocabulary; dates ``ArrowDtype(date32)``;
    integers nullable; lists and nested records ``ArrowDtype``. See :mod:`sino_russia_data.frames`.
    """
    from .frames import to_pandas as convert

    return convert(name, load(name, **filters))


def to_polars(name: str, **filters: Unpack[LoadArgs]) -> pl.DataFrame:
    """Table ``name`` as a polars DataFrame (needs ``pip install "sino-russia-data[polars]"``);
    closed vocabularies are ``pl.Enum``, dates ``pl.Date``."""
    from .frames import to_polars as convert

    return convert(name, load(name, **filters))


def to_hf(name: str, **filters: Unpack[LoadArgs]) -> datasets.Dataset:
    """Table ``name`` as a Hugging Face ``datasets.Dataset`` (needs ``pip install "sino-russia-data[hf]"``).

    Features come from the models (:mod:`sino_russia_data.hf_features`): closed vocabularies are
    ``ClassLabel`` (the column holds the term's index), dates ``Value("date32")``, lists ``List``.
    """
    from .hf_features import dataset_info, to_dataset

    rows = load(name, **filters)
    return to_dataset(name, rows, dataset_info(name, manifest(), rows.schema))


def to_hf_dict() -> datasets.DatasetDict:
    """Every table as a ``datasets.DatasetDict`` keyed by table name."""
    from .extras import require

    return require("datasets", "hf").DatasetDict({name: to_hf(name) for name in tables()})
