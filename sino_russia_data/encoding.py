"""Closed-vocabulary columns and re-encoding them: pure pyarrow, no models.

pandas categoricals, polars enums and Hugging Face ``ClassLabel`` features all need the same two
facts: which columns (nested ones included) hold a closed vocabulary, and its terms in order. The
columns are the column plan's, written out in :mod:`sino_russia_data.plan_facts` (so encoding
imports no pydantic); the terms and their order are those of :mod:`sino_russia_data.vocabularies`,
so a class index means the same term everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from . import vocabularies
from .plan_facts import VOCABULARIES

if TYPE_CHECKING:
    from .columns import Path

#: Re-encodes an array of a vocabulary's strings, given its terms.
Leaf = Callable[[pa.Array, tuple[str, ...]], pa.Array]


@cache
def closed_columns(table: str) -> dict[Path, tuple[str, ...]]:
    """Every column of ``table`` (a shipped or a long table) holding a closed vocabulary, with its
    terms in vocabulary order."""
    return {path: tuple(getattr(vocabularies, name)) for path, name in VOCABULARIES.get(table, {}).items()}


def _recode(array: pa.Array, path: Path, terms: tuple[str, ...], leaf: Leaf) -> pa.Array:
    """``array`` with the strings at ``path`` (below it) replaced by ``leaf(strings, terms)``."""
    if not path:
        return leaf(array, terms)
    if pa.types.is_list(array.type):
        values = _recode(array.values, path, terms, leaf)
        return pa.ListArray.from_arrays(array.offsets, values, mask=array.is_null() if array.null_count else None)
    if pa.types.is_struct(array.type):
        children = array.flatten()
        fields = [array.type.field(i) for i in range(array.type.num_fields)]
        index = array.type.get_field_index(path[0])
        children[index] = _recode(children[index], path[1:], terms, leaf)
        fields[index] = fields[index].with_type(children[index].type)
        return pa.StructArray.from_arrays(children, fields=fields, mask=array.is_null() if array.null_count else None)
    raise TypeError(f"cannot descend into {array.type} to reach {path}")


def _indices(strings: pa.Array, terms: tuple[str, ...]) -> pa.Array:
    indices = pc.index_in(strings, value_set=pa.array(terms, pa.string()))
    if indices.null_count != strings.null_count:
        unknown = pc.filter(strings, pc.and_(pc.is_null(indices), pc.is_valid(strings)))
        raise ValueError(f"{unknown[0].as_py()!r} is not one of {', '.join(terms)}")
    return indices


def as_dictionary(strings: pa.Array, terms: tuple[str, ...]) -> pa.Array:
    """Strings as a dictionary array whose dictionary is the whole vocabulary, in order."""
    return pa.DictionaryArray.from_arrays(_indices(strings, terms), pa.array(terms, pa.string()))


def as_class_index(strings: pa.Array, terms: tuple[str, ...]) -> pa.Array:
    """Strings as int64 positions in the vocabulary (Hugging Face ``ClassLabel`` storage)."""
    return _indices(strings, terms).cast(pa.int64())


def recode(table: str, data: pa.Table, leaf: Leaf) -> pa.Table:
    """``data`` (rows of ``table``) with every closed-vocabulary column re-encoded by ``leaf``.

    Field metadata (descriptions) is kept; only the types of the re-encoded columns change.
    """
    data = data.combine_chunks()
    for path, terms in closed_columns(table).items():
        index = data.schema.get_field_index(path[0])
        if index == -1:  # not among the columns asked for
            continue
        column = data.column(index)
        array = column.chunk(0) if column.num_chunks else pa.array([], column.type)
        array = _recode(array, path[1:], terms, leaf)
        data = data.set_column(index, data.schema.field(index).with_type(array.type), array)
    return data
