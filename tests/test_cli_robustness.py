"""The command line never shows a traceback (issue 17, class 6): huge limits, closed or broken
standard output, encodings that cannot print the data, terminal control characters in the data,
spreadsheet formulas in CSV cells, and a file given where a folder is expected."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

import sino_russia_data as srd
from sino_russia_data.cli import main
from sino_russia_data.formats import write_csv, write_table

pytestmark = pytest.mark.readside  # runs on the lowest runtime versions too (.ci/run)

CLI = [sys.executable, "-m", "sino_russia_data.cli"]


def _shell(command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``command`` run by sh, with ``$CLI`` standing for the command line."""
    return subprocess.run(
        ["sh", "-c", command.replace("$CLI", " ".join(CLI))],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def _ascii_only(text: str) -> bool:
    return text.isascii()


CASES = [
    # (id, shell command, environment, exit statuses allowed, what stdout must satisfy, stderr expected (substring or ""))
    (
        "huge --limit",
        "$CLI show events --limit 100000000000000000000000000000",
        {},
        {0},
        lambda out: out.endswith(f"({srd.load('events').num_rows} rows)\n"),
        "",
    ),
    (
        "--limit beyond int64 in json",
        "$CLI show topics --limit 9223372036854775808 --format json",
        {},
        {0},
        lambda out: out.startswith("["),
        "",
    ),
    (
        "stdout closed",
        "$CLI show events >&-",
        {},
        {1},
        lambda out: out == "",
        "sino-russia-data: error: standard output is closed; nothing can be written",
    ),
    (
        "stdout closed for get",
        "$CLI get act-xi-jinping >&-",
        {},
        {1},
        lambda out: out == "",
        "sino-russia-data: error: standard output is closed; nothing can be written",
    ),
    ("piped to head -0", "$CLI show citations --format json | head -0", {}, {0}, lambda out: out == "", ""),
    ("piped to head -1", "$CLI show citations --format jsonl | head -1", {}, {0}, lambda out: out.count("\n") == 1, ""),
    (
        "ascii output, table",
        "$CLI show actors --columns id,name_zh,name_ru",
        {"PYTHONIOENCODING": "ascii"},
        {0},
        lambda out: _ascii_only(out) and "\\u4e60\\u8fd1\\u5e73" in out,
        "",
    ),
    (
        "ascii output, json",
        "$CLI get act-xi-jinping",
        {"PYTHONIOENCODING": "ascii"},
        {0},
        lambda out: _ascii_only(out) and '"name_zh": "\\u4e60\\u8fd1\\u5e73"' in out,
        "",
    ),
    (
        "ascii output, csv",
        "$CLI show actors --format csv",
        {"PYTHONIOENCODING": "ascii"},
        {0},
        lambda out: _ascii_only(out) and out.startswith("id,"),
        "",
    ),
    (
        "latin-1 output, error message",
        "$CLI get ев-нет",
        {"PYTHONIOENCODING": "latin-1"},
        {1},
        lambda out: out == "",
        "sino-russia-data: error: no record '\\u0435\\u0432-",
    ),
    (
        "export into a file",
        "touch notes.txt && $CLI export notes.txt",
        {},
        {1},
        lambda out: out == "",
        "sino-russia-data: error: cannot write into notes.txt: notes.txt is a file, not a folder; give a folder",
    ),
]


@pytest.mark.parametrize(
    ("command", "env", "codes", "stdout_ok", "stderr"), [pytest.param(*case[1:], id=case[0]) for case in CASES]
)
def test_no_traceback(tmp_path: Path, monkeypatch, command: str, env: dict, codes: set, stdout_ok, stderr: str):
    monkeypatch.chdir(tmp_path)
    result = _shell(command, env)
    assert result.returncode in codes, result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert stdout_ok(result.stdout), result.stdout[-300:]
    if stderr:
        assert len(result.stderr.splitlines()) == 1 and stderr in result.stderr, result.stderr
    else:
        assert result.stderr == ""


CONTROL = [
    ("escape sequence", "red \x1b[31mtext\x1b[0m", "red \\x1b[31mtext\\x1b[0m"),
    ("bell", "ding\x07", "ding\\x07"),
    ("bidi override", "abc\u202edcba", "abc\\u202edcba"),
    ("null", "a\x00b", "a\\x00b"),
    ("line breaks collapse", "two\nlines\r\nhere", "two lines here"),
    ("zero-width space", "a\u200bb", "a\\u200bb"),
]


@pytest.mark.parametrize(("value", "shown"), [pytest.param(v, s, id=n) for n, v, s in CONTROL])
def test_table_format_escapes_terminal_controls(value: str, shown: str):
    out = io.StringIO()
    write_table(pa.table({"id": ["x"], "title": [value]}), out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 4 and lines[2].split("  ", 1)[1].strip() == shown


FORMULAS = [
    ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
    ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tTab", "'\tTab"),
    ("plain text", "plain text"),
    ("a=b", "a=b"),
]


@pytest.mark.parametrize(("value", "written"), FORMULAS)
def test_csv_guards_formula_prefixes(value: str, written: str):
    guarded, exact = io.StringIO(), io.StringIO()
    table = pa.table({"id": ["x"], "title": [value]})
    write_csv(table, guarded)
    write_csv(table, exact, formula_guard=False)
    assert list(csv.reader(io.StringIO(guarded.getvalue())))[1] == ["x", written]
    assert list(csv.reader(io.StringIO(exact.getvalue())))[1] == ["x", value]


def test_no_formula_guard_option(tmp_path: Path, capsys):
    assert main(["show", "topics", "--format", "csv", "--no-formula-guard", "--limit", "1"]) == 0
    assert main(["export", str(tmp_path), "--format", "csv", "--tables", "topics", "--no-formula-guard"]) == 0
    assert capsys.readouterr().err == ""
