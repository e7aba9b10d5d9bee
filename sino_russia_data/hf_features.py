"""Hugging Face ``Features`` derived from the Arrow schema and the models' closed vocabularies.

Closed vocabularies become ``ClassLabel`` (stored as the int64 position of the term in its
vocabulary, nested ones included), dates ``Value("date32")``, lists ``List``, nested models dicts.
The same description is rendered twice: as ``datasets`` objects for :func:`to_dataset`, and as the
YAML the dataset card declares, so ``load_dataset`` on the data folder yields the same features.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyarrow as pa

from .class_labels import closed as closed_vocabularies
from .encoding import Path, as_class_index, recode_columns
from .extras import require

if TYPE_CHECKING:
    import datasets

#: A feature, independent of the ``datasets`` package: ("value", dtype), ("class_label", names),
#: ("list", feature) or ("struct", {name: feature}).
Feature = tuple[str, Any]


def _feature(arrow_type: pa.DataType, path: Path, closed: dict[Path, tuple[str, ...]]) -> Feature:
    if path in closed:
        return "class_label", closed[path]
    if pa.types.is_list(arrow_type):
        return "list", _feature(arrow_type.value_type, path, closed)
    if pa.types.is_struct(arrow_type):
        return "struct", {f.name: _feature(f.type, (*path, f.name), closed) for f in arrow_type}
    if pa.types.is_date32(arrow_type):
        return "value", "date32"
    return "value", str(arrow_type)  # string, int32, bool: the names datasets' Value uses


def describe(table: str) -> dict[str, Feature]:
    """Each column of ``table`` as a :data:`Feature`."""
    from .arrow_schema import schema  # the models: the card's features are read off them
    from .categories import vocabularies

    closed = vocabularies(table)
    return {f.name: _feature(f.type, (f.name,), closed) for f in schema(table)}


def _to_datasets(feature: Feature, ds: Any) -> Any:
    kind, detail = feature
    if kind == "class_label":
        return ds.ClassLabel(names=list(detail))
    if kind == "list":
        return ds.List(_to_datasets(detail, ds))
    if kind == "struct":
        return {name: _to_datasets(inner, ds) for name, inner in detail.items()}
    return ds.Value(detail)


def features(table: str) -> datasets.Features:
    """The ``datasets.Features`` of ``table``."""
    ds = require("datasets", "hf")
    return ds.Features({name: _to_datasets(f, ds) for name, f in describe(table).items()})


def _to_yaml(feature: Feature) -> dict[str, Any]:
    kind, detail = feature
    if kind == "class_label":
        return {"dtype": {"class_label": {"names": {str(i): name for i, name in enumerate(detail)}}}}
    if kind == "struct":
        return {"struct": [{"name": name, **_to_yaml(inner)} for name, inner in detail.items()]}
    if kind == "list":
        inner = _to_yaml(detail)
        if set(inner) == {"dtype"}:
            return {"list": inner["dtype"]}
        return {"list": inner.get("struct", inner)}
    return {"dtype": detail}


def card_features(table: str) -> list[dict[str, Any]]:
    """The features of ``table`` in the YAML form of a dataset card's ``dataset_info``."""
    return [{"name": name, **_to_yaml(f)} for name, f in describe(table).items()]


def encode(table: str, data: pa.Table) -> pa.Table:
    """``data`` with closed-vocabulary strings replaced by their ``ClassLabel`` index.

    The columns and vocabularies are the literals of :mod:`.class_labels` (equal to
    ``categories.vocabularies``, which reads them off the models): encoding, and ``to_hf()``,
    import neither pydantic nor the models, which took ~0.08 s of a ~0.8 s call."""
    return recode_columns(data, closed_vocabularies(table), as_class_index)


def to_dataset(table: str, data: pa.Table, info: dict[str, Any]) -> datasets.Dataset:
    """Rows of ``table`` as a ``datasets.Dataset`` with the derived features; ``info`` fills DatasetInfo.

    The features are those of ``data``'s columns (``columns=`` may have kept only some; a long
    table has no model), with the table's closed vocabularies as ``ClassLabel``."""
    ds = require("datasets", "hf")
    closed = closed_vocabularies(table)
    chosen = ds.Features({f.name: _to_datasets(_feature(f.type, (f.name,), closed), ds) for f in data.schema})
    return ds.Dataset(encode(table, data), info=ds.DatasetInfo(features=chosen, **info))
