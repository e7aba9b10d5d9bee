"""Output safety (issue 17, class 1): a build replaces only a previous build, through links, and a
failed write leaves the previous build intact; ``export`` overwrites nothing unless told to."""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from buildrun import compile_in_process, snapshot
from conftest import DATA, RAW

from sino_russia_data.cli import main

Setup = Callable[[Path, Path], None]  # (output folder, a previous build to copy from)
#: Rows per table of the shipped build, which the "table lost" cases are built over.
SHIPPED = {name: entry["rows"] for name, entry in json.loads((DATA / "manifest.json").read_text())["tables"].items()}


def _web_app(out: Path, _: Path) -> None:
    out.mkdir(parents=True)
    (out / "manifest.json").write_text(json.dumps({"name": "My web app", "icons": [], "start_url": "/"}))
    (out / "thesis.tex").write_text("months of work")


def _build_and_thesis(out: Path, built: Path) -> None:
    shutil.copytree(built, out)
    (out / "thesis.tex").write_text("months of work")


def _build_and_folder(out: Path, built: Path) -> None:
    shutil.copytree(built, out)
    (out / "notes").mkdir()
    (out / "notes" / "todo.txt").write_text("call home")


def _build_and_empty_folder(out: Path, built: Path) -> None:
    shutil.copytree(built, out)
    (out / "keep").mkdir()


def _manifest_named_otherwise(out: Path, built: Path) -> None:
    shutil.copytree(built, out)
    manifest = json.loads((out / "manifest.json").read_text())
    (out / "manifest.json").write_text(json.dumps({**manifest, "name": "my-web-app"}))


def _manifest_without_tables(out: Path, _: Path) -> None:
    out.mkdir(parents=True)
    (out / "manifest.json").write_text(json.dumps({"name": "sino-russia-data", "version": "1", "files": {}}))


def _manifest_not_json(out: Path, _: Path) -> None:
    out.mkdir(parents=True)
    (out / "manifest.json").write_text("{not json")


def _a_file(out: Path, _: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("notes")


def _link_in_build(out: Path, built: Path) -> None:
    shutil.copytree(built, out)
    (out / "elsewhere").symlink_to(out.parent)


REFUSED: list[tuple[str, Setup, str]] = [
    (
        "web app with its own manifest.json",
        _web_app,
        "is not a previous build (its manifest.json is not one a build writes)",
    ),
    ("a previous build and a thesis beside it", _build_and_thesis, "holds 'thesis.tex', which a build does not write"),
    (
        "a previous build and a folder of notes",
        _build_and_folder,
        "holds 'notes' and 1 more, which a build does not write",
    ),
    ("a previous build and an empty folder", _build_and_empty_folder, "holds 'keep', which a build does not write"),
    (
        "a build's files with another manifest name",
        _manifest_named_otherwise,
        "its manifest.json is not one a build writes",
    ),
    ("a manifest without a build's keys", _manifest_without_tables, "its manifest.json is not one a build writes"),
    ("manifest.json that is not JSON", _manifest_not_json, "its manifest.json is not one a build writes"),
    ("a file where the folder should be", _a_file, "is a file, not a folder"),
    ("a link inside a previous build", _link_in_build, "holds 'elsewhere', which a build does not write"),
]


@pytest.mark.parametrize(("setup", "expected"), [pytest.param(s, e, id=n) for n, s, e in REFUSED])
def test_only_a_previous_build_is_replaced(tmp_path: Path, built_data: Path, setup: Setup, expected: str):
    out = tmp_path / "site" / "out"
    setup(out, built_data)
    before = snapshot(tmp_path / "site")
    status, stdout, stderr = compile_in_process(RAW, out)
    assert (status, stdout) == (2, "")
    assert len(stderr.splitlines()) == 1 or "usage:" in stderr.splitlines()[0]
    assert expected in stderr.splitlines()[-1]
    assert snapshot(tmp_path / "site") == before


@pytest.mark.parametrize(
    ("make", "out", "expected"),
    [
        (
            "loop",
            "loop",
            "--out {tmp}/loop is a link that loops back to itself (or runs through one); give a real folder",
        ),
        (
            "loop",
            "loop/data",
            "--out {tmp}/loop/data is a link that loops back to itself (or runs through one); give a real folder",
        ),
        ("file", "notes.txt/data", "--out {tmp}/notes.txt/data: {tmp}/notes.txt is a file, not a folder"),
    ],
)
def test_an_impossible_out_path_is_one_line(tmp_path: Path, make: str, out: str, expected: str):
    if make == "loop":
        (tmp_path / "loop").symlink_to("loop")
    else:
        (tmp_path / "notes.txt").write_text("notes")
    before = snapshot(tmp_path)
    status, _, stderr = compile_in_process(RAW, tmp_path / out)
    assert status == 2
    assert stderr.splitlines()[-1] == "build/compile.py: error: " + expected.format(tmp=tmp_path)
    assert snapshot(tmp_path) == before


def test_a_previous_build_is_replaced(tmp_path: Path, built_data: Path):
    out = tmp_path / "out"
    shutil.copytree(built_data, out)
    (out / "events.parquet").write_bytes(b"stale")  # a build's file, whatever its content
    status, _, stderr = compile_in_process(RAW, out)
    assert status == 0, stderr
    assert snapshot(out) == snapshot(built_data)


@pytest.mark.parametrize("previous", ["a previous build", "nothing", "a dangling link"])
def test_a_link_as_out_stays_a_link(tmp_path: Path, built_data: Path, previous: str):
    target = tmp_path / "releases" / "current"
    if previous == "a previous build":
        shutil.copytree(built_data, target)
        (target / "events.parquet").write_bytes(b"stale")
    else:
        target.parent.mkdir()
    link = tmp_path / "data"
    link.symlink_to(target)
    status, _, stderr = compile_in_process(RAW, link)
    assert status == 0, stderr
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert snapshot(target) == snapshot(built_data)
    assert sorted(p.name for p in target.parent.iterdir()) == ["current"]  # nothing left behind


def _failing(where: str, code: int) -> Callable[..., None]:
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code), where)

    return fail


WRITE_FAILURES = [
    ("full disk while writing a table", "pyarrow.parquet.write_table", errno.ENOSPC, "No space left on device"),
    ("read-only folder", "tempfile.mkdtemp", errno.EROFS, "Read-only file system"),
    ("permission denied on a file", "pathlib.Path.write_bytes", errno.EACCES, "Permission denied"),
    ("file that cannot be created", "os.fsync", errno.EIO, "Input/output error"),
    ("swap refused where renameat2 is missing", "os.rename", errno.EACCES, "Permission denied"),
]


@pytest.mark.parametrize(("target", "code", "text"), [pytest.param(t, c, x, id=n) for n, t, c, x in WRITE_FAILURES])
def test_a_failed_write_keeps_the_previous_build(
    tmp_path: Path, built_data: Path, monkeypatch, target: str, code: int, text: str
):
    out = tmp_path / "site" / "data"
    shutil.copytree(built_data, out)
    (out / "events.parquet").write_bytes(b"the previous build")
    before = snapshot(tmp_path / "site")
    monkeypatch.setattr(target, _failing("the-file", code))
    if target == "os.rename":  # a system without renameat2: the two-rename swap fails half-way
        from pipeline import atomic

        monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    status, stdout, stderr = compile_in_process(RAW, out)
    monkeypatch.undo()
    assert (status, stdout) == (1, "")
    assert stderr.splitlines() == [
        f"build/compile.py: error: cannot write the build to {out}: {text} (the-file); "
        "the previous build, if any, is unchanged"
    ]
    assert snapshot(tmp_path / "site") == before  # and no temporary folder left


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_keeps_the_previous_build(tmp_path: Path, built_data: Path):
    site = tmp_path / "site"
    shutil.copytree(built_data, site / "data")
    before = snapshot(site)
    site.chmod(0o555)
    try:
        status, _, stderr = compile_in_process(RAW, site / "data")
    finally:
        site.chmod(0o755)
    assert status == 1
    (message,) = stderr.splitlines()
    assert message.startswith(
        f"build/compile.py: error: cannot write the build to {site / 'data'}: Permission denied ("
    )
    assert message.endswith("); the previous build, if any, is unchanged")
    assert snapshot(site) == before


EMPTY_TREES: list[tuple[str, Callable[[Path], None], list[str]]] = [
    (
        "empty raw folder",
        lambda raw: None,
        ["raw/:1: (file): holds no records (no raw/<table>/*.yaml with any); nothing to build: check --raw"],
    ),
    (
        "only source texts",
        lambda raw: shutil.copytree(RAW / "sources" / "texts", raw / "sources" / "texts"),
        ["raw/:1: (file): holds no records (no raw/<table>/*.yaml with any); nothing to build: check --raw"],
    ),
    (
        "a table folder lost",
        lambda raw: (
            shutil.copytree(RAW, raw, dirs_exist_ok=True),
            shutil.rmtree(raw / "positions"),
            [p.unlink() for p in (raw / "statements").glob("*.yaml")],
        ),
        [
            f"raw/positions/:1: (file): holds no records, but the build in --out has {SHIPPED['positions']}; a build "
            "would drop the whole table (to withdraw it, build into a new folder)",
            f"raw/statements/:1: (file): holds no records, but the build in --out has {SHIPPED['statements']}; a build "
            "would drop the whole table (to withdraw it, build into a new folder)",
        ],
    ),
]


@pytest.mark.parametrize(("fill", "expected"), [pytest.param(f, e, id=n) for n, f, e in EMPTY_TREES])
def test_an_empty_tree_is_not_built_over_a_previous_build(tmp_path: Path, built_data: Path, fill, expected):
    raw = tmp_path / "raw"
    raw.mkdir()
    fill(raw)
    out = tmp_path / "site" / "data"
    shutil.copytree(built_data, out)
    before = snapshot(tmp_path / "site")
    status, stdout, stderr = compile_in_process(raw, out)
    assert stderr.splitlines() == [*expected, f"{len(expected)} problem(s); nothing was written."]
    assert (status, stdout) == (1, "")
    assert snapshot(tmp_path / "site") == before


def _file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("mine")
    return path


EXPORTS: list[tuple[str, list[str], Callable[[Path], Path], str]] = [
    (
        "existing file kept",
        ["--tables", "events"],
        lambda d: _file(d / "events.parquet").parent,
        "events.parquet already exists; nothing was written: pass --force to replace, or choose another folder",
    ),
    (
        "several existing files",
        ["--format", "csv", "--tables", "events", "topics"],
        lambda d: (_file(d / "events.csv"), _file(d / "topics.csv"))[0].parent,
        "events.csv already exists (and 1 more)",
    ),
    (
        "file given as the folder",
        [],
        lambda d: _file(d / "thesis.tex"),
        "thesis.tex is a file, not a folder; give a folder",
    ),
    ("file as a parent folder", [], lambda d: _file(d / "thesis.tex") / "sub", "thesis.tex is a file, not a folder"),
    (
        "folder where a file goes",
        ["--tables", "events"],
        lambda d: (d / "events.parquet").mkdir(parents=True) or d,
        "events.parquet is a folder; a file would be written there",
    ),
]


@pytest.mark.parametrize(("extra", "setup", "text"), [pytest.param(*case[1:], id=case[0]) for case in EXPORTS])
def test_export_overwrites_nothing_unasked(tmp_path: Path, capsys, extra, setup, text):
    folder = setup(tmp_path / "exported")
    before = snapshot(tmp_path)
    assert main(["export", str(folder), *extra]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1 and text in captured.err
    assert snapshot(tmp_path) == before


def test_export_overwrite_replaces(tmp_path: Path, capsys):
    _file(tmp_path / "events.csv")
    assert main(["export", str(tmp_path), "--format", "csv", "--tables", "events", "--overwrite"]) == 0
    assert (tmp_path / "events.csv").read_text(encoding="utf-8-sig").startswith("id,")
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")]  # no partial file left
