"""CITATION.cff (Citation File Format 1.2.0), generated from ``sino_russia_data.metadata`` so the
two cannot drift. Written by hand as YAML: every string is a JSON string, which YAML reads as is."""

from __future__ import annotations

import json
from pathlib import Path

from sino_russia_data import metadata

FILE = Path(__file__).resolve().parents[2] / "CITATION.cff"


def _scalar(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def fields() -> dict[str, object]:
    """The citation as CFF keys and values, in the order they are written."""
    return {
        "cff-version": "1.2.0",
        "message": f"If you use this dataset, please cite it as below. The data are licensed "
        f"{metadata.DATA_LICENSE}; the code that builds and loads them is licensed {metadata.CODE_LICENSE}.",
        "type": "dataset",
        "title": metadata.TITLE,
        "version": metadata.VERSION,
        "abstract": metadata.ABSTRACT,
        "authors": [dict(author) for author in metadata.AUTHORS],
        "license": metadata.DATA_LICENSE,
        "url": metadata.REPOSITORY,
        "keywords": list(metadata.KEYWORDS),
    }


def render() -> str:
    lines = ["# Generated from sino_russia_data/metadata.py by `python build/release.py write`; do not edit."]
    for key, value in fields().items():
        if isinstance(value, str):
            lines.append(f"{key}: {_scalar(value)}")
            continue
        lines.append(f"{key}:")
        for item in value:
            if isinstance(item, dict):
                pairs = list(item.items())
                lines.append(f"  - {pairs[0][0]}: {_scalar(pairs[0][1])}")
                lines += [f"    {k}: {_scalar(v)}" for k, v in pairs[1:]]
            else:
                lines.append(f"  - {_scalar(item)}")
    return "\n".join(lines) + "\n"
