"""Writing a build: Parquet per table, JSON Schema per table, the dataset card (README.md) and the
manifest, all into a temporary folder beside the output that replaces the output in one step only
when complete (:mod:`.atomic`), and recognising what a previous build is, so nothing else is ever
replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from sino_russia_data import __version__
from sino_russia_data.models import SCHEMA_VERSION, TABLES
from sino_russia_data.store import MANIFEST

from . import atomic, card
from .changelog import released

#: Fixed writer options: with the same pyarrow, the same tables give byte-identical files. Page
#: checksums let ``load`` notice a damaged page without hashing the whole file.
PARQUET_OPTIONS = {
    "compression": "zstd",
    "compression_level": 3,
    "version": "2.6",
    "write_statistics": True,
    "write_page_checksum": True,
}


class OutputRefused(Exception):
    """The output folder is not one a build may replace."""


class WriteFailed(Exception):
    """The build could not be written (read-only folder, full disk, …); the previous build is intact."""


#: Keys every build's manifest has (later versions may add more), and its ``name``.
MANIFEST_KEYS = frozenset({"name", "version", "schema_version", "tables", "files"})
BUILD_NAME = "sino-russia-data"


def built_files(out: Path) -> set[str] | None:
    """The relative paths a previous build in ``out`` wrote, from its manifest; None when ``out``
    holds no manifest a build writes (a web app's ``manifest.json`` is not one)."""
    try:
        manifest = json.loads((out / MANIFEST).read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(manifest, dict) or not MANIFEST_KEYS <= set(manifest) or manifest["name"] != BUILD_NAME:
        return None
    tables, others = manifest["tables"], manifest["files"]
    if not isinstance(tables, dict) or not isinstance(others, dict):
        return None
    files = [entry.get("file") for entry in tables.values() if isinstance(entry, dict)]
    if not all(isinstance(name, str) for name in files):
        return None
    return {MANIFEST, *files, *others}


def previous_rows(out: Path) -> dict[str, int]:
    """Rows per table of the previous build in ``out`` (empty if there is none)."""
    if built_files(out) is None:
        return {}
    tables = json.loads((out / MANIFEST).read_bytes())["tables"]
    return {name: e["rows"] for name, e in tables.items() if isinstance(e, dict) and type(e.get("rows")) is int}


def _present(out: Path) -> tuple[set[str], set[str]]:
    """Files (links included) and folders under ``out``, as relative paths; links are not followed."""
    files, folders = set(), set()
    for folder, dirnames, filenames in os.walk(out):
        here = Path(folder).relative_to(out)
        for name in dirnames:
            (files if (Path(folder) / name).is_symlink() else folders).add((here / name).as_posix())
        files.update((here / name).as_posix() for name in filenames)
    return files, folders


def _shown(path: Path | str) -> str:
    """A path as shown in a one-line message: control characters (a newline) escaped."""
    text = str(path)
    return text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text


def resolved(out: Path) -> Path:
    """``out`` with every link resolved; a link that loops, or a file where a folder must be, is refused."""
    try:
        target = out.resolve()
    except (OSError, RuntimeError):  # RuntimeError: Python 3.11's "Symlink loop"
        raise OutputRefused(
            f"--out {_shown(out)} is a link that loops back to itself (or runs through one); give a real folder"
        ) from None
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputRefused(f"--out {_shown(out)}: {_shown(parent)} is a file, not a folder")
            break
    return target


def check_replaceable(out: Path, raw: Path) -> None:
    """Refuse an output folder that is not a previous build (or new, or empty), or that overlaps
    raw/: the swap replaces the folder whole, and would otherwise delete what was in it.

    A previous build is recognised by what only a build writes: a manifest with a build's keys and
    name, and nothing in the folder but the files that manifest lists. Links are resolved first, so
    the swap replaces the folder a link points to and the link stays a link."""
    shown = _shown(out)
    out, raw = resolved(out), raw.resolve()
    if out.is_relative_to(raw) or raw.is_relative_to(out):
        raise OutputRefused(f"--out {_shown(out)} overlaps --raw {_shown(raw)}; write the build somewhere else")
    if not out.exists():
        return
    if not out.is_dir():
        raise OutputRefused(f"--out {shown} is a file, not a folder; give the folder to write the build into")
    files, folders = _present(out)
    if not files and not folders:
        return
    written = built_files(out)
    if written is None:
        why = f"it holds no {MANIFEST}" if MANIFEST not in files else f"its {MANIFEST} is not one a build writes"
        raise OutputRefused(
            f"--out {shown} is not a previous build ({why}) and would be replaced whole; choose a new or empty folder"
        )
    parents = {parent.as_posix() for name in written for parent in Path(name).parents if parent != Path(".")}
    extra = sorted((files - written) | (folders - parents))
    if extra:
        more = f" and {len(extra) - 1} more" if len(extra) > 1 else ""
        raise OutputRefused(
            f"--out {shown} holds {_shown(extra[0])!r}{more}, which a build does not write; "
            "the build replaces the folder whole and would delete it: move it out, or choose a new or empty folder"
        )


def _json(value: object) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode()


@cache
def json_schemas() -> dict[str, bytes]:
    """``schema/<table>.schema.json`` for every table, from the models."""
    return {schema_path(name): _json(model.model_json_schema()) for name, model in TABLES.items()}


def schema_path(table: str) -> str:
    """Where a table's JSON Schema file stands in a build, relative to the build's folder."""
    return f"schema/{table}.schema.json"


def schema_table(path: str) -> str | None:
    """The table whose JSON Schema file ``path`` (relative to a build's folder) is; None if it is none."""
    if path.startswith("schema/") and path.endswith(".schema.json"):
        return path.removeprefix("schema/").removesuffix(".schema.json")
    return None


def _described(data: bytes) -> dict[str, int | str]:
    """A file's manifest entry: its size and SHA-256."""
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def write(out: Path, tables: dict[str, pa.Table]) -> dict:
    """Write ``tables`` and their manifest to ``out``, replacing what was there in one step.

    Links are resolved first (the folder a link names is replaced; the link stays). A folder that
    cannot be written, a full disk or a file that cannot be created raises :class:`WriteFailed`
    with the previous build untouched."""
    out = resolved(out)
    try:
        return _write(out, tables)
    except OSError as error:
        where = f" ({_shown(error.filename)})" if error.filename else ""
        raise WriteFailed(
            f"cannot write the build to {_shown(out)}: {error.strerror or error}{where}; "
            "the previous build, if any, is unchanged"
        ) from None


def _write(out: Path, tables: dict[str, pa.Table]) -> dict:
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic.remove_leftovers(out.parent)
    work = atomic.temp_folder(out.parent)
    try:
        entries = {}
        for name, table in tables.items():
            path = work / f"{name}.parquet"
            pq.write_table(table, path, **PARQUET_OPTIONS)
            entries[name] = {"file": path.name, "rows": table.num_rows, **_described(path.read_bytes())}
        others = {}
        for relative, data in json_schemas().items():
            (work / relative).parent.mkdir(parents=True, exist_ok=True)
            (work / relative).write_bytes(data)
            others[relative] = _described(data)
        manifest = {
            "name": "sino-russia-data",
            "version": __version__,
            "schema_version": SCHEMA_VERSION,
            "released": released(__version__),
            "writer": f"pyarrow {pa.__version__}",
            "tables": entries,
            "files": others,
        }
        data = card.render(tables, manifest)  # the card cites the tables' checksums, so it comes last
        (work / card.FILE).write_bytes(data)
        others[card.FILE] = _described(data)
        (work / MANIFEST).write_bytes(_json(manifest))
        os.chmod(work, 0o755)
        atomic.sync(*sorted(work.rglob("*")), work)
        atomic.replace_folder(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    try:
        atomic.sync(out.parent)  # the new build is in place; a failure to flush the folder entry is not a failed build
    except OSError:
        pass
    return manifest
