"""Schema fingerprints: one SHA-256 per table of the layout derived from the models (Arrow columns,
types and nullability, and the JSON Schema), recorded per SCHEMA_VERSION in
``build/schema-fingerprints.json``. A schema version, once recorded, keeps its fingerprints, so
changing the models without changing SCHEMA_VERSION cannot pass the tests."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sino_russia_data.arrow_schema import model_fields
from sino_russia_data.models import SCHEMA_VERSION, TABLES, Record

FILE = Path(__file__).resolve().parents[1] / "schema-fingerprints.json"


def current(tables: dict[str, type[Record]] = TABLES) -> dict[str, str]:
    """The models' fingerprint per table."""
    found = {}
    for table, model in tables.items():
        layout = {
            "arrow": [[f.name, str(f.type), f.nullable] for f in model_fields(model)],
            "json": model.model_json_schema(),
        }
        found[table] = hashlib.sha256(json.dumps(layout, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return found


def recorded(path: Path = FILE) -> dict[str, dict[str, str]]:
    return json.loads(path.read_text()) if path.exists() else {}


def problems(path: Path = FILE, tables: dict[str, type[Record]] = TABLES, version: str = SCHEMA_VERSION) -> list[str]:
    """Why the models and the recorded fingerprint of their schema version disagree; empty when they agree."""
    known = recorded(path).get(version)
    if known is None:
        return [f"SCHEMA_VERSION {version} has no recorded fingerprint; run `python build/release.py write`"]
    changed = [table for table, digest in current(tables).items() if known.get(table) != digest]
    changed += [table for table in known if table not in tables]
    if changed:
        bump = "bump it in sino_russia_data/models.py (MAJOR if it breaks a reader, else MINOR or PATCH)"
        then = "then run `python build/release.py write`"
        return [f"the schema of {', '.join(changed)} changed but SCHEMA_VERSION is still {version}: {bump}, {then}"]
    return []


def record(path: Path = FILE, tables: dict[str, type[Record]] = TABLES, version: str = SCHEMA_VERSION) -> bool:
    """Record the fingerprint of a new schema version; True if written. Never rewrites a recorded one."""
    known = recorded(path)
    if version in known:
        return False
    known[version] = current(tables)
    path.write_text(json.dumps(known, indent=2, sort_keys=True) + "\n")
    return True
