"""Tables as pandas and polars data frames, with the dtypes the models imply.

pandas: closed vocabularies are ``Categorical`` over the whole vocabulary (in codebook order, so an
unused term is still a category); dates are ``ArrowDtype(date32)`` — a day, not a midnight
timestamp, with ``pd.NA`` for unknown and the ``.dt`` accessor; integers are nullable
``ArrowDtype(int32)``; lists and nested records stay nested as ``ArrowDtype`` lists/structs;
strings use pandas' default string dtype.

polars: closed vocabularies are ``pl.Enum`` (nested ones included), dates ``pl.Date``, lists and
nested records ``pl.List``/``pl.Struct``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyarrow as pa

from .encoding import as_dictionary, closed_columns, recode
from .extras import require

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

    from .columns import Path


def to_pandas(table: str, data: pa.Table) -> pd.DataFrame:
    """``data`` (rows of ``table``) as a pandas DataFrame."""
    pandas = require("pandas", "pandas")

    def dtype(arrow_type: pa.DataType) -> Any:
        nested = pa.types.is_list(arrow_type) or pa.types.is_struct(arrow_type)
        if nested or pa.types.is_date(arrow_type) or pa.types.is_integer(arrow_type):
            return pandas.ArrowDtype(arrow_type)
        return None  # strings: pandas' default; dictionaries: Categorical

    frame: pd.DataFrame = recode(table, data, as_dictionary).to_pandas(types_mapper=dtype)  # pyarrow is untyped
    return frame


def _with_enum(dtype: Any, path: Path, enum: Any, pl: Any) -> Any:
    """``dtype`` with the string at ``path`` (through lists and structs) replaced by ``enum``."""
    if isinstance(dtype, pl.List):
        return pl.List(_with_enum(dtype.inner, path, enum, pl))
    if not path:
        return enum
    return pl.Struct(
        [
            pl.Field(f.name, _with_enum(f.dtype, path[1:], enum, pl) if f.name == path[0] else f.dtype)
            for f in dtype.fields
        ]
    )


def to_polars(table: str, data: pa.Table) -> pl.DataFrame:
    """``data`` (rows of ``table``) as a polars DataFrame."""
    polars = require("polars", "polars")
    frame: pl.DataFrame = polars.from_arrow(data)  # a table gives a DataFrame (a Series comes from an array)
    casts: dict[str, pl.DataType] = {}
    for path, terms in closed_columns(table).items():
        column = path[0]
        if column not in frame.schema:  # not among the columns asked for
            continue
        casts[column] = _with_enum(casts.get(column, frame.schema[column]), path[1:], polars.Enum(terms), polars)
    # Ignored: polars types the keys as column name, selector or dtype, and a Mapping's key type is
    # invariant, so a dict keyed by column names is refused although it is what cast takes.
    return frame.cast(casts) if casts else frame  # type: ignore[arg-type]
