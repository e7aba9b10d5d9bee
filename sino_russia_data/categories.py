"""Closed vocabularies per column, read from the models' ``Literal`` types, and re-encoding them.

pandas categoricals, polars enums and Hugging Face ``ClassLabel`` features all need the same two
facts: which columns (nested ones included) hold a closed vocabulary, and its terms in order. The
term order is the vocabulary's order in :mod:`sino_russia_data.vocabularies`, so a class index
means the same term everywhere.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from functools import cache

import pyarrow as pa
from pydantic import BaseModel

from .encoding import Path, as_class_index, as_dictionary, recode_columns
from .introspect import unwrap
from .models import TABLES

__all__ = ["Path", "as_class_index", "as_dictionary", "recode", "vocabularies"]


def _closed(model: type[BaseModel], prefix: Path) -> typing.Iterator[tuple[Path, tuple[str, ...]]]:
    for name, info in model.model_fields.items():
        bare, _, _ = unwrap(info.rebuild_annotation())
        while typing.get_origin(bare) is list:
            bare, _, _ = unwrap(typing.get_args(bare)[0])
        if typing.get_origin(bare) is typing.Literal:
            yield (*prefix, name), typing.get_args(bare)
        elif isinstance(bare, type) and issubclass(bare, BaseModel):
            yield from _closed(bare, (*prefix, name))


@cache
def vocabularies(table: str) -> dict[Path, tuple[str, ...]]:
    """Every column of ``table`` (a shipped or a long table) holding a closed vocabulary, with its
    terms in vocabulary order."""
    if table not in TABLES:
        from .long import VOCABULARY_OF

        return {
            (column,): vocabularies(source)[(field,)]
            for column, (source, field) in VOCABULARY_OF.get(table, {}).items()
        }
    return dict(_closed(TABLES[table], ()))


def recode(table: str, data: pa.Table, leaf: Callable[[pa.Array, tuple[str, ...]], pa.Array]) -> pa.Table:
    """``data`` (a table of ``table``) with every closed-vocabulary column re-encoded by ``leaf``.

    Field metadata (descriptions) is kept; only the types of the re-encoded columns change.
    """
    return recode_columns(data, vocabularies(table), leaf)
