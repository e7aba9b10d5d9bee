"""Metadata for depositing a release where it receives a DOI: ``.zenodo.json`` (read by Zenodo's
GitHub integration and its upload API) and ``datacite.json`` (DataCite Metadata Schema 4.5, the
schema DOIs are registered with), both generated from ``sino_russia_data.metadata``.

Nothing here names a DOI, a URL or a person that does not exist: the creators are the project's own
name for itself, the one URL is the package index page, and a DOI is added by the archive when it
mints one. ``publicationYear`` (required by DataCite) is the release year from CHANGELOG.md, or for a
development version the year of the release it follows, until it is released itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pipeline.changelog import CHANGELOG, released

from sino_russia_data import metadata

ROOT = Path(__file__).resolve().parents[2]
ZENODO = ROOT / ".zenodo.json"
DATACITE = ROOT / "datacite.json"


def _dumped(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _year(version: str, changelog: str) -> str:
    date = released(version, changelog)
    if date:
        return date[:4]
    dated = re.findall(r"^## \[[^\]]+\] - (\d{4})-\d{2}-\d{2}", changelog, re.MULTILINE)
    if not dated:
        raise ValueError("CHANGELOG.md dates no release: DataCite needs a publication year")
    return dated[0]


def zenodo(version: str = metadata.VERSION, changelog: str | None = None) -> str:
    text = CHANGELOG.read_text(encoding="utf-8") if changelog is None else changelog
    date = released(version, text)
    document = {
        "title": metadata.TITLE,
        "upload_type": "dataset",
        "description": metadata.ABSTRACT,
        "creators": [{"name": author["name"]} for author in metadata.AUTHORS],
        "license": metadata.DATA_LICENSE.lower(),
        "keywords": list(metadata.KEYWORDS),
        "version": version,
        **({"publication_date": date} if date else {}),
        "access_right": "open",
        "notes": f"Code licence: {metadata.CODE_LICENSE}. Package index page: {metadata.REPOSITORY}",
    }
    return _dumped(document)


def datacite(version: str = metadata.VERSION, changelog: str | None = None) -> str:
    text = CHANGELOG.read_text(encoding="utf-8") if changelog is None else changelog
    date = released(version, text)
    document = {
        "schemaVersion": "http://datacite.org/schema/kernel-4",
        "types": {"resourceTypeGeneral": "Dataset", "resourceType": "Hand-curated event dataset"},
        "creators": [{"name": author["name"], "nameType": "Organizational"} for author in metadata.AUTHORS],
        "titles": [{"title": metadata.TITLE}],
        "publisher": {"name": metadata.AUTHORS[0]["name"]},
        "publicationYear": _year(version, text),
        "version": version,
        "subjects": [{"subject": word} for word in metadata.KEYWORDS],
        "descriptions": [{"description": metadata.ABSTRACT, "descriptionType": "Abstract"}],
        "rightsList": [
            {
                "rights": "Creative Commons Attribution 4.0 International",
                "rightsIdentifier": "CC-BY-4.0",
                "rightsIdentifierScheme": "SPDX",
                "rightsUri": "https://creativecommons.org/licenses/by/4.0/",
            }
        ],
        "language": "en",
        "formats": ["application/vnd.apache.parquet"],
        **({"dates": [{"date": date, "dateType": "Issued"}]} if date else {}),
        "relatedIdentifiers": [
            {"relatedIdentifier": metadata.REPOSITORY, "relatedIdentifierType": "URL", "relationType": "IsPublishedIn"}
        ],
    }
    return _dumped(document)
