"""Hugging Face ``Features`` derived from the Arrow schema and the models' closed vocabularies.

Closed vocabularies become ``ClassLabel`` (stored as the int64 position of the term in its
vocabulary, nested ones included), dates ``Value("date32")``, lists ``List``, nested models dicts.
The same description is rendered twice: as ``datasets`` objects for :func:`to_dataset`, and as the
YAML the dataset card declares, so ``load_dataset`` on the data folder yields the same features.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyarrow as pa

from .encoding import as_class_index, closed_columns, recode
from .extras import require

if TYPE_CHECKING:
    import datasets

    from .columns import Path

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

    closed = closed_columns(table)
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
    """``feature`` as ``datasets`` writes it in a card's YAML: a class label's names keyed by index as
    strings, a struct as a list of named fields, and a list of a plain value as ``list: <dtype>`` but
    a list of records as ``list: [fields]`` (the struct's fields, not wrapped in ``struct:``)."""
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

    The columns come from :mod:`.plan_facts`, so encoding, and ``to_hf()``, import neither pydantic
    nor the models, which took ~0.08 s of a ~0.8 s call."""
    return recode(table, data, as_class_index)


def dataset_info(table: str, manifest: dict[str, Any], schema: pa.Schema) -> dict[str, Any]:
    """The ``datasets.DatasetInfo`` fields of ``table`` (a shipped or a long table) besides its
    features: what a row is, how to cite the build ``manifest`` describes, licence and version.
    The dataset card declares the same licence and, per config, the same features.

    A shipped table's description is the one its Parquet ``schema`` carries (the model's
    docstring, written by the build), so ``to_hf()`` imports neither pydantic nor the models."""
    from . import metadata
    from .citation import format_citation
    from .long import LONG_TABLES

    if table in LONG_TABLES:
        sources, one_row_per, _ = LONG_TABLES[table]
        description = f"One row per {one_row_per}, built from {', '.join(sources)}."
    else:
        description = (schema.metadata or {}).get(b"description", b"").decode()
    return {
        "description": description,
        "citation": format_citation("bibtex", manifest),
        "homepage": metadata.REPOSITORY,
        "license": metadata.DATA_LICENSE.lower(),
        # datasets.Version takes only x.y.z: a development build (0.2.0.dev0) is labelled with the
        # release it leads to; the manifest and cite() keep the full version.
        "version": manifest["version"].partition(".dev")[0],
        "config_name": table,
    }


def to_dataset(table: str, data: pa.Table, info: dict[str, Any]) -> datasets.Dataset:
    """Rows of ``table`` as a ``datasets.Dataset`` with the derived features; ``info`` fills DatasetInfo.

    The features are those of ``data``'s columns (``columns=`` may have kept only some; a long
    table has no model), with the table's closed vocabularies as ``ClassLabel``."""
    ds = require("datasets", "hf")
    closed = closed_columns(table)
    chosen = ds.Features({f.name: _to_datasets(_feature(f.type, (f.name,), closed), ds) for f in data.schema})
    return ds.Dataset(encode(table, data), info=ds.DatasetInfo(features=chosen, **info))
