"""The dataset card: ``README.md`` in the data folder, generated from the models, the metadata and
the manifest of the build being written.

Its YAML front matter declares one Hugging Face config per table (its Parquet file) with the
features of :mod:`sino_russia_data.hf_features`, so ``datasets.load_dataset(<data folder>, "events")``
works offline and yields the same features as ``sino_russia_data.to_hf("events")``.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pyarrow as pa
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from sino_russia_data import metadata
from sino_russia_data.citation import format_citation
from sino_russia_data.columns import columns, walk
from sino_russia_data.hf_features import Feature, card_features, describe
from sino_russia_data.models import SCHEMA_VERSION, TABLES

FILE = "README.md"
#: The datasheet whose "Known gaps and biases" the card repeats, so a reader of the card sees them.
DATASHEET = Path(__file__).resolve().parents[2] / "docs" / "DATASHEET.md"


def known_gaps(datasheet: str | None = None) -> str:
    """The bullet list under "### Known gaps and biases" in docs/DATASHEET.md, links made plain text."""
    text = DATASHEET.read_text(encoding="utf-8") if datasheet is None else datasheet
    match = re.search(r"^### Known gaps and biases\n\n(.*?)(?=^#)", text, re.DOTALL | re.MULTILINE)
    if match is None:
        raise ValueError("docs/DATASHEET.md has no '### Known gaps and biases' section")
    return re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", match.group(1).strip())


#: Hugging Face size categories: (upper bound of examples, label).
SIZES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"))
DEFAULT_CONFIG = "events"
RECORDS_LANGUAGE = "en"  # titles, summaries and names are written in English
#: Hugging Face card fields that describe how the data were made (docs/DATASHEET.md, sections 3-4).
PROVENANCE = {
    "annotations_creators": ["expert-generated"],  # kinds, topics and dates assigned by a curator from the sources
    "language_creators": ["found"],  # quotes and statements are verbatim from published sources
    "multilinguality": ["multilingual"],
    "source_datasets": ["original"],
    # finding the published evidence behind claims: each record's quotes support it
    "task_categories": ["text-retrieval"],
    "task_ids": ["fact-checking-retrieval"],
}
FIGURE = "timeline.svg"


def _languages(tables: dict[str, pa.Table]) -> list[str]:
    found = {RECORDS_LANGUAGE}
    for table in tables.values():
        if "language" in table.column_names:
            found.update(table.column("language").drop_null().to_pylist())
    # quoted, so a YAML 1.1 reader does not take Norwegian ("no") for false
    return [DoubleQuotedScalarString(code) for code in sorted(found)]


def _size(rows: int) -> str:
    return next((label for bound, label in SIZES if rows < bound), "n>1M")


def configs(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The tables declared as Hugging Face configs: those with rows, since ``datasets`` refuses to
    load an empty split ("corresponds to no data"); ``sino_russia_data.to_hf`` serves every table."""
    return {name: entry for name, entry in manifest["tables"].items() if entry["rows"]}


def front_matter(tables: dict[str, pa.Table], manifest: dict[str, Any], folder: str = "") -> dict[str, Any]:
    """The card's YAML metadata; ``folder`` prefixes the Parquet paths (``data/`` in a Hub repository)."""
    entries = configs(manifest)
    return {
        "pretty_name": metadata.SHORT_TITLE,
        "license": metadata.DATA_LICENSE.lower(),
        "language": _languages(tables),
        **PROVENANCE,
        "tags": [word.lower().replace(" ", "-") for word in metadata.KEYWORDS],
        "size_categories": [_size(sum(entry["rows"] for entry in entries.values()))],
        "configs": [
            {
                "config_name": name,
                **({"default": True} if name == DEFAULT_CONFIG else {}),
                "data_files": [{"split": "train", "path": f"{folder}{entry['file']}"}],
            }
            for name, entry in entries.items()
        ],
        "dataset_info": [
            {
                "config_name": name,
                "features": card_features(name),
                "splits": [{"name": "train", "num_examples": entry["rows"]}],
                "download_size": entry["bytes"],
            }
            for name, entry in entries.items()
        ],
    }


def _type(feature: Feature) -> str:
    kind, detail = feature
    if kind == "class_label":
        return "one of " + ", ".join(f"`{term}`" for term in detail)
    if kind == "list":
        return "list of " + _type(detail)
    if kind == "struct":
        return "record"
    return detail


def _feature_at(features: dict[str, Feature], path: tuple[str, ...]) -> Feature:
    """The feature of the column at ``path``, through lists and records."""
    feature = features[path[0]]
    for name in path[1:]:
        while feature[0] == "list":
            feature = feature[1]
        feature = feature[1][name]
    return feature


def _escaped(text: str) -> str:
    return text.replace("|", "\\|")


def _field_rows(table: str) -> list[str]:
    """A row per column of ``table``, a nested model's fields right under their parent."""
    features = describe(table)
    return [
        f"| `{c.label}` | {_type(_feature_at(features, c.path))} | {_escaped(c.description)} |"
        for c in walk(columns(table))
    ]


def body(manifest: dict[str, Any], figure: str | None = None) -> str:
    entries = manifest["tables"]
    lines = [
        f"# {metadata.TITLE}",
        "",
        metadata.ABSTRACT,
        "",
        *(
            [f"![Events by kind over time: a dot for an event known to the day, a bar for a span]({figure})", ""]
            if figure
            else []
        ),
        (
            f"Version {manifest['version']}, table layout (schema) version {SCHEMA_VERSION}. "
            f"Data licence {metadata.DATA_LICENSE}; code licence {metadata.CODE_LICENSE}. "
            "This card is generated by the build; do not edit it."
        ),
        "",
        "## Limitations and known gaps",
        "",
        known_gaps(),
        "",
        "## Loading",
        "",
        "```python",
        "import datasets",
        "import sino_russia_data",
        "",
        'events = datasets.load_dataset(str(sino_russia_data.data_dir()), "events", split="train")',
        'events = sino_russia_data.to_hf("events")  # the same features, without the datasets cache',
        "```",
        "",
        (
            "Each table with rows is a config with a single `train` split. Closed vocabularies are `ClassLabel` "
            "features (the column holds the term's index; `features[column].int2str` names it), dates are `date32`."
        ),
        "",
        "## Tables",
        "",
        "| table | rows | each row is |",
        "| --- | ---: | --- |",
        *(
            f"| `{name}` | {entry['rows']} | {(TABLES[name].__doc__ or '').strip()} |"
            for name, entry in entries.items()
        ),
    ]
    empty = [name for name in entries if name not in configs(manifest)]
    if empty:
        lines += ["", f"Not yet declared as configs, having no rows: {', '.join(f'`{n}`' for n in empty)}."]
    for name in entries:
        lines += ["", f"### `{name}`", "", "| field | type | description |", "| --- | --- | --- |"]
        lines += _field_rows(name)
    lines += [
        "",
        "## Files",
        "",
        "| file | rows | bytes | SHA-256 |",
        "| --- | ---: | ---: | --- |",
        *(f"| `{e['file']}` | {e['rows']} | {e['bytes']} | `{e['sha256']}` |" for e in entries.values()),
        "",
        "## Citation",
        "",
        "```bibtex",
        format_citation("bibtex", manifest),
        "```",
    ]
    return "\n".join(lines) + "\n"


def render(tables: dict[str, pa.Table], manifest: dict[str, Any], folder: str = "", figure: str | None = None) -> bytes:
    """The card for a build: ``tables`` as written, ``manifest`` with at least version and tables;
    ``folder`` prefixes the Parquet paths, ``figure`` is the path of a timeline image to show."""
    yaml = YAML()
    yaml.width = 4096  # one line per value, whatever its length
    yaml.indent(mapping=2, sequence=2, offset=0)
    stream = io.StringIO()
    yaml.dump(front_matter(tables, manifest, folder), stream)
    return f"---\n{stream.getvalue()}---\n\n{body(manifest, figure)}".encode()
