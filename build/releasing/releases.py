"""Where released data is kept: ``build/releases/<version>/`` holds a copy of that release's data
folder (Parquet, JSON Schema files and manifest), committed when the release is cut, so the next
release can be compared with it record by record. Only the newest is needed for that; older ones
may be deleted (git and the published wheels keep them)."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from pipeline import output

from sino_russia_data.store import MANIFEST, read_manifest, sha256

from .versions import Version

FOLDER = Path(__file__).resolve().parents[1] / "releases"


@dataclass(frozen=True)
class Release:
    """A release's data, or a fresh build's: tables, Arrow and JSON schemas, and versions."""

    version: Version
    schema_version: Version
    tables: dict[str, pa.Table]
    json_schemas: dict[str, dict]

    @property
    def arrow_schemas(self) -> dict[str, pa.Schema]:
        return {name: table.schema for name, table in self.tables.items()}


def read(folder: Path) -> Release:
    """A data folder as released; raises ValueError if a file differs from its manifest."""
    manifest = read_manifest(folder)
    tables = {}
    for name, entry in manifest["tables"].items():
        path = folder / entry["file"]
        if sha256(path) != entry["sha256"]:
            raise ValueError(f"{path}: SHA-256 differs from {folder / MANIFEST}")
        tables[name] = pq.read_table(path)
    json_schemas = {}
    for relative in manifest.get("files", {}):
        table = output.schema_table(relative)
        if table is not None:
            json_schemas[table] = json.loads((folder / relative).read_bytes())
    return Release(Version.parse(manifest["version"]), Version.parse(manifest["schema_version"]), tables, json_schemas)


def _kept(releases: Path) -> list[Path]:
    return [path for path in releases.iterdir() if path.is_dir()] if releases.is_dir() else []


def schema_versions(releases: Path = FOLDER) -> set[str]:
    """The schema versions of the releases kept in ``releases``."""
    return {read_manifest(folder)["schema_version"] for folder in _kept(releases)}


def latest(releases: Path = FOLDER) -> Path | None:
    """The folder of the newest release kept in ``releases``, or None before the first release."""
    return max(_kept(releases), key=lambda path: Version.parse(path.name), default=None)


def cut(data: Path, releases: Path) -> Path:
    """Keep a copy of the built data folder as the release its manifest names."""
    version = Version.parse(read_manifest(data)["version"])
    target = releases / str(version)
    if target.exists():
        raise FileExistsError(f"{target} exists: release {version} was already cut")
    shutil.copytree(data, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target
