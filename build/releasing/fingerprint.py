"""Schema fingerprints: one SHA-256 per table of the layout derived from the models (Arrow columns,
types and nullability, and the JSON Schema), recorded per SCHEMA_VERSION in
``build/schema-fingerprints.json``. Once a release with a schema version is cut, that version keeps
its fingerprint, so changing the models afterwards without changing SCHEMA_VERSION cannot pass the
tests; until then, ``python build/release.py write`` updates it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sino_russia_data.arrow_schema import fields
from sino_russia_data.columns import plan
from sino_russia_data.models import SCHEMA_VERSION, TABLES, Record

from . import releases

FILE = Path(__file__).resolve().parents[1] / "schema-fingerprints.json"


def current(tables: dict[str, type[Record]] = TABLES) -> dict[str, str]:
    """The models' fingerprint per table."""
    found = {}
    for table, model in tables.items():
        layout = {
            "arrow": [[f.name, str(f.type), f.nullable] for f in fields(plan(model))],
            "json": model.model_json_schema(),
        }
        found[table] = hashlib.sha256(json.dumps(layout, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return found


def recorded(path: Path = FILE) -> dict[str, dict[str, str]]:
    return json.loads(path.read_text()) if path.exists() else {}


def _released(released: set[str] | None) -> set[str]:
    return releases.schema_versions() if released is None else released


def problems(
    path: Path = FILE,
    tables: dict[str, type[Record]] = TABLES,
    version: str = SCHEMA_VERSION,
    released: set[str] | None = None,
) -> list[str]:
    """Why the models and the recorded fingerprint of their schema version disagree; empty when they agree.

    ``released``: schema versions of the releases kept in build/releases/ (read from there by default).
    """
    known = recorded(path).get(version)
    if known is None:
        return [f"SCHEMA_VERSION {version} has no recorded fingerprint; run `python build/release.py write`"]
    changed = [table for table, digest in current(tables).items() if known.get(table) != digest]
    changed += [table for table in known if table not in tables]
    if not changed:
        return []
    tables_changed, write = f"the schema of {', '.join(changed)} changed", "run `python build/release.py write`"
    if version in _released(released):
        bump = "bump it in sino_russia_data/models.py (MAJOR if it breaks a reader, else MINOR or PATCH)"
        return [
            f"{tables_changed} but SCHEMA_VERSION is still {version}, which a release already has: {bump}, then {write}"
        ]
    return [f"{tables_changed} since the fingerprint of the unreleased SCHEMA_VERSION {version} was recorded: {write}"]


def record(
    path: Path = FILE,
    tables: dict[str, type[Record]] = TABLES,
    version: str = SCHEMA_VERSION,
    released: set[str] | None = None,
) -> bool:
    """Record the models' fingerprint for their schema version; True if written. The fingerprint of a
    released schema version is never rewritten."""
    known = recorded(path)
    fingerprint = current(tables)
    if known.get(version) == fingerprint or (version in known and version in _released(released)):
        return False
    known[version] = fingerprint
    path.write_text(json.dumps(known, indent=2, sort_keys=True) + "\n")
    return True
