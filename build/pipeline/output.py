"""Writing a build: Parquet per table, JSON Schema per table, the dataset card (README.md) and the
manifest, all into a temporary folder beside the output that replaces the output in one step only when complete.

On Linux the swap is ``renameat2(RENAME_EXCHANGE)``: the output folder is always either the old
complete build or the new one, even if the process is killed or another build runs at once.
Elsewhere it falls back to two renames, with a moment in which the folder is absent. A killed
build leaves its temporary folder (``.srd-build-<pid>-…``) behind; the next build into the same
place removes those whose process is gone. The package never reads such a folder as data.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from sino_russia_data import __version__
from sino_russia_data.models import SCHEMA_VERSION, TABLES
from sino_russia_data.store import MANIFEST, TEMP_PREFIX

from . import card

#: Fixed writer options: with the same pyarrow, the same tables give byte-identical files. Page
#: checksums let ``load`` notice a damaged page without hashing the whole file.
PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 3, "version": "2.6", "write_statistics": True,
                   "write_page_checksum": True}


class OutputRefused(Exception):
    """The output folder is not one a build may replace."""


def check_replaceable(out: Path, raw: Path) -> None:
    """Refuse an output folder that is not a previous build (or new, or empty), or that overlaps
    raw/: the swap replaces the folder whole, and would otherwise delete what was in it."""
    out, raw = out.resolve(), raw.resolve()
    if out.is_relative_to(raw) or raw.is_relative_to(out):
        raise OutputRefused(f"--out {out} overlaps --raw {raw}; write the build somewhere else")
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MANIFEST).is_file())):
        raise OutputRefused(f"--out {out} is not a previous build (it holds no {MANIFEST}) and would be "
                            "replaced whole; choose a new or empty folder")


def _json(value: object) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode()


@cache
def json_schemas() -> dict[str, bytes]:
    """``schema/<table>.schema.json`` for every table, from the models."""
    return {f"schema/{name}.schema.json": _json(model.model_json_schema()) for name, model in TABLES.items()}


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with renameat2; False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _temp_folder(parent: Path) -> Path:
    """A new folder beside the output, named after this process so a killed build's can be found."""
    return Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", dir=parent))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process
    return True


def _remove_leftovers(parent: Path) -> None:
    """Remove the temporary folders of builds that were killed (their process is gone)."""
    for path in parent.glob(f"{TEMP_PREFIX}*"):
        pid = path.name.removeprefix(TEMP_PREFIX).partition("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _sync(*paths: Path) -> None:
    """Flush files and folder entries to disk, so a crash after the swap cannot leave empty files."""
    for path in paths:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _swap_into_place(new: Path, out: Path) -> None:
    try:
        os.rename(new, out)  # first build: nothing to replace
        return
    except OSError:
        pass
    if _exchange(new, out):
        shutil.rmtree(new)  # now holds the previous build
        return
    old = _temp_folder(out.parent)
    os.replace(out, old / "previous")
    os.rename(new, out)
    shutil.rmtree(old)


def _described(data: bytes) -> dict[str, int | str]:
    """A file's manifest entry: its size and SHA-256."""
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def write(out: Path, tables: dict[str, pa.Table]) -> dict:
    """Write ``tables`` and their manifest to ``out``, replacing what was there in one step."""
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out.parent)
    work = _temp_folder(out.parent)
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
            "writer": f"pyarrow {pa.__version__}",
            "tables": entries,
            "files": others,
        }
        data = card.render(tables, manifest)  # the card cites the tables' checksums, so it comes last
        (work / card.FILE).write_bytes(data)
        others[card.FILE] = _described(data)
        (work / MANIFEST).write_bytes(_json(manifest))
        os.chmod(work, 0o755)
        _sync(*sorted(work.rglob("*")), work)
        _swap_into_place(work, out)
        _sync(out.parent)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return manifest
