"""croissant.json: Croissant 1.0 metadata (MLCommons) generated from the models and a manifest.

One ``cr:FileObject`` per Parquet file (with its SHA-256) and one ``cr:RecordSet`` per table, each
field typed from the Arrow schema derived from the models (lists ``repeated``, nested records as
``subField``), references to other tables as ``references``, ids as keys. The Responsible-AI
(``rai:``) fields are taken from docs/DATASHEET.md, section by section, so they say what it says.

``python build/release.py write`` writes the repository's croissant.json (its files are the data
folder's, ``sino_russia_data/data/…``); ``build/hub.py`` writes one beside ``data/`` in a Hub folder.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pyarrow as pa

from sino_russia_data import metadata
from sino_russia_data.arrow_schema import schema
from sino_russia_data.citation import format_citation
from sino_russia_data.columns import named
from sino_russia_data.models import TABLES

ROOT = Path(__file__).resolve().parents[2]
FILE = ROOT / "croissant.json"
DATA_PREFIX = "sino_russia_data/data/"
DATASHEET = ROOT / "docs" / "DATASHEET.md"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"

CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
_TYPES = {
    "string": "sc:Text",
    "int32": "sc:Integer",
    "int64": "sc:Integer",
    "bool": "sc:Boolean",
    "date32[day]": "sc:Date",
}


# ---- the Responsible-AI fields, from the datasheet ---------------------------------------------


def _plain(markdown: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown)  # links: keep their text
    text = text.replace("**", "").replace("`", "")
    return "\n".join(" ".join(line.split()) for line in re.split(r"\n(?=- )|\n\n", text.strip()) if line.strip())


def _sections(text: str) -> dict[str, str]:
    """Datasheet text by heading (``## 3. Collection process`` → ``Collection process``)."""
    parts = re.split(r"^#{2,3} (?:\d+\. )?(.+)$", text, flags=re.MULTILINE)
    return {title.strip(): body.strip() for title, body in zip(parts[1::2], parts[2::2], strict=True)}


def _answer(section: str, question: str) -> str:
    """The paragraph of ``section`` that starts with the bold ``question``, without it."""
    match = re.search(rf"\*\*{re.escape(question)}\*\*(.*?)(?=\n\n\*\*|\Z)", section, re.DOTALL)
    return match.group(1).strip() if match else ""


def rai(datasheet: str) -> dict[str, str]:
    """Responsible-AI fields (Croissant RAI 1.0) from the datasheet's sections."""
    sections = _sections(datasheet)
    uses = sections.get("Uses", "")
    fields = {
        "rai:dataCollection": sections.get("Collection process", ""),
        "rai:dataCollectionType": "Manual Human Curation",
        "rai:dataCollectionTimeframe": _answer(sections.get("Collection process", ""), "Over what time frame?"),
        "rai:dataPreprocessingProtocol": sections.get("Preprocessing, cleaning and labelling", ""),
        "rai:dataAnnotationProtocol": next(
            (
                line
                for line in sections.get("Preprocessing, cleaning and labelling", "").split("\n- ")
                if "Labels are assigned" in line
            ),
            "",
        ),
        "rai:dataBiases": sections.get("Known gaps and biases", ""),
        "rai:dataLimitations": _answer(uses, "Not fit for:"),
        "rai:dataUseCases": _answer(uses, "Fit for:"),
        "rai:personalSensitiveInformation": _answer(
            sections.get("Composition", ""), "Is there confidential or sensitive information?"
        ),
        "rai:dataReleaseMaintenancePlan": sections.get("Maintenance", ""),
    }
    return {key: _plain(value) for key, value in fields.items() if value}


# ---- the record sets, from the models ----------------------------------------------------------


def _reference(model: Any, name: str) -> str | None:
    column = named(model).get(name) if model is not None else None
    return column.reference if column else None


def _nested(model: Any, name: str) -> Any:
    return named(model)[name].model


def _field(field: pa.Field, path: str, file_id: str, column: str, model: Any, ids: set[str]) -> dict[str, Any]:
    arrow_type, repeated = field.type, False
    if pa.types.is_list(arrow_type):
        arrow_type, repeated = arrow_type.value_type, True
    entry: dict[str, Any] = {"@type": "cr:Field", "@id": f"{path}/{field.name}", "name": field.name}
    description = (field.metadata or {}).get(b"description", b"").decode()
    if description:
        entry["description"] = description
    if repeated:
        entry["repeated"] = True
    entry["source"] = {"fileObject": {"@id": file_id}, "extract": {"column": column}}
    if pa.types.is_struct(arrow_type):
        inner = _nested(model, field.name) if model is not None else None
        entry["subField"] = [
            _field(
                sub, f"{path}/{field.name}", file_id, f"{column}.{sub.name}" if not repeated else sub.name, inner, ids
            )
            for sub in arrow_type
        ]
        if repeated:  # items of a list of records: each subfield is read from the list's items
            for sub in entry["subField"]:
                sub["source"] = {
                    "fileObject": {"@id": file_id},
                    "extract": {"column": column},
                    "transform": {"jsonPath": sub["name"]},
                }
        return entry
    entry["dataType"] = _TYPES[str(arrow_type)]
    target = _reference(model, field.name)
    if target in ids and not repeated and target != path.split("/")[0]:  # mlcroissant cannot follow self-references
        entry["references"] = {"field": {"@id": f"{target}/id"}}
    return entry


def record_sets(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    ids = {name for name in manifest["tables"] if name in TABLES and "id" in TABLES[name].model_fields}
    sets = []
    for name, entry in manifest["tables"].items():
        model = TABLES.get(name)
        fields = [_field(f, name, entry["file"], f.name, model, ids) for f in schema(name)]
        record = {
            "@type": "cr:RecordSet",
            "@id": name,
            "name": name,
            "description": (model.__doc__ or "").strip() if model else name,
            "field": fields,
        }
        if name in ids:
            record["key"] = {"@id": f"{name}/id"}
        sets.append(record)
    return sets


def semver(version: str) -> str:
    """Croissant asks for semantic versioning: a development version ``0.2.0.dev0`` (PEP 440) is
    written as the pre-release ``0.2.0-dev.0``."""
    release, dev, number = version.partition(".dev")
    return f"{release}-dev.{number}" if dev else release


def render(manifest: dict[str, Any], prefix: str = DATA_PREFIX, datasheet: str | None = None) -> str:
    """croissant.json for the build described by ``manifest``, its files at ``prefix``<file>."""
    document = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "name": metadata.SHORT_TITLE,
        "alternateName": metadata.TITLE,
        "description": metadata.ABSTRACT,
        "version": semver(manifest["version"]),
        "license": LICENSE_URL,
        "url": metadata.REPOSITORY,
        "citeAs": format_citation("bibtex", manifest),
        "keywords": list(metadata.KEYWORDS),
        "inLanguage": "en",
        "isLiveDataset": False,
        **({"datePublished": manifest["released"]} if manifest.get("released") else {}),
        "creator": [{"@type": "sc:Organization", "name": a["name"]} for a in metadata.AUTHORS],
        **rai(DATASHEET.read_text(encoding="utf-8") if datasheet is None else datasheet),
        "distribution": [
            {
                "@type": "cr:FileObject",
                "@id": e["file"],
                "name": e["file"],
                "description": f"The {name} table.",
                "contentUrl": f"{prefix}{e['file']}",
                "contentSize": f"{e['bytes']} B",
                "encodingFormat": "application/x-parquet",
                "sha256": e["sha256"],
            }
            for name, e in manifest["tables"].items()
        ],
        "recordSet": record_sets(manifest),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
