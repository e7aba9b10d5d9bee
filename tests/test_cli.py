"""The sino-russia-data command: exit codes and one-line errors in a separate process each; the
outputs' content through ``main`` in this process (the same code path, without the start-up cost)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
from importlib.metadata import entry_points

import pyarrow.parquet as pq
import pytest

import sino_russia_data as srd
from sino_russia_data.cli import main

pytestmark = pytest.mark.readside  # runs on the lowest runtime versions too (.ci/run)

COMMANDS = ["info", "show", "get", "export", "downloads", "site", "cite"]


def run(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "sino_russia_data.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.fixture
def call(capsys):
    """Run ``main`` in this process; return its standard output, asserting exit status 0."""

    def call(*args: str) -> str:
        assert main(list(args)) == 0
        captured = capsys.readouterr()
        assert captured.err == ""
        return captured.out

    return call


def assert_one_line_error(result: subprocess.CompletedProcess, code: int, text: str) -> None:
    assert result.returncode == code
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("sino-russia-data") and ": error: " in lines[0]
    assert text in lines[0]
    assert "Traceback" not in result.stderr


def test_console_script_is_declared():
    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "sino-russia-data"]
    assert script.value == "sino_russia_data.cli:main"


def test_version():
    result = run("--version")
    assert (result.returncode, result.stdout) == (0, f"sino-russia-data {srd.__version__}\n")


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_every_command_has_help(command):
    result = run(*command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: sino-russia-data {' '.join(command)}".rstrip())


@pytest.mark.parametrize("args", [["info"], ["show", "events", "--since", "2019"], ["get", "thaad"],
                                  ["cite", "--format", "apa"]])
def test_commands_succeed_as_a_process(args):
    result = run(*args)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout


def test_info_lists_every_table_with_rows_and_checksum(call):
    out = call("info", "--verify")
    for name, entry in srd.manifest()["tables"].items():
        assert f"{name:<12} {entry['rows']:>6}  {entry['sha256']}" in out.splitlines()
    assert "verified" in out


def test_show_formats_hold_the_same_rows(call):
    expected = srd.load("events", since="2019").to_pylist()
    as_json = json.loads(call("show", "events", "--since", "2019", "--format", "json"))
    assert [r["id"] for r in as_json] == [r["id"] for r in expected]
    assert as_json[0]["date_start"] == expected[0]["date_start"].isoformat()
    assert as_json[0]["participants"] == expected[0]["participants"]
    lines = call("show", "events", "--since", "2019", "--format", "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == as_json
    rows = list(csv.DictReader(io.StringIO(call("show", "events", "--since", "2019", "--format", "csv"))))
    assert [r["id"] for r in rows] == [r["id"] for r in expected]
    assert json.loads(rows[0]["topics"]) == expected[0]["topics"]
    assert rows[0]["round"] == ("" if expected[0]["round"] is None else str(expected[0]["round"]))
    table = call("show", "events", "--since", "2019").splitlines()
    assert table[0].split() == ["id", "kind", "title", "date", "country"]
    assert table[-1] == f"({len(expected)} rows)"


def test_show_filters_match_the_api(call):
    def shown(*args):
        return [r["id"] for r in json.loads(call("show", "events", "--format", "json", *args))]

    day = ["--since", "2019-03-15", "--until", "2019-03-15"]
    assert shown(*day) == srd.load("events", since="2019-03-15", until="2019-03-15").column("id").to_pylist()
    assert shown(*day, "--contained") == []
    assert shown("--topic", "thaad", "--topic", "afghanistan") == srd.load(
        "events", topic=["thaad", "afghanistan"]).column("id").to_pylist()
    assert shown("--country", "RUS", "--actor", "act-kong-xuanyou") == srd.load(
        "events", country="RUS", actor="act-kong-xuanyou").column("id").to_pylist()


def test_show_columns_and_limit(call):
    out = call("show", "actors", "--columns", "id,country", "--limit", "2", "--format", "csv")
    assert out.splitlines()[0] == "id,country"
    assert len(out.splitlines()) == 3


def test_get_prints_record_and_evidence(call):
    record_id = "ev-2019-03-cn-ru-korean-peninsula-consultation"
    shown = json.loads(call("get", record_id))
    assert shown["record"]["date"] == "2019-03"
    assert [e["citation"]["quote"] for e in shown["evidence"]] == [e.citation.quote for e in srd.evidence(record_id)]
    assert all(e["source"]["id"] == e["citation"]["source_id"] for e in shown["evidence"])
    assert "evidence" not in json.loads(call("get", "thaad"))


def test_export_parquet_copies_the_checked_files(tmp_path, call):
    call("export", str(tmp_path / "out"), "--tables", "events", "topics")
    for name in ("events", "topics"):
        data = (tmp_path / "out" / f"{name}.parquet").read_bytes()
        assert hashlib.sha256(data).hexdigest() == srd.manifest()["tables"][name]["sha256"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "CITATION.cff", "LICENSE-DATA", "README.md", "events.parquet", "manifest.json", "topics.parquet"]
    assert pq.read_table(tmp_path / "out" / "events.parquet").equals(srd.load("events"))


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
def test_export_text_formats(tmp_path, fmt, call):
    call("export", str(tmp_path), "--format", fmt)
    for name in srd.tables():
        text = (tmp_path / f"{name}.{fmt}").read_text(encoding="utf-8-sig" if fmt == "csv" else "utf-8")
        if fmt == "json":
            rows = json.loads(text)
        else:
            rows = text.splitlines() if fmt == "jsonl" else list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == srd.load(name).num_rows


def test_export_writes_licence_citation_manifest_and_card_beside_the_tables(tmp_path, call):
    call("export", str(tmp_path), "--tables", "topics")
    data = srd.data_dir()
    assert (tmp_path / "manifest.json").read_bytes() == (data / "manifest.json").read_bytes()
    assert (tmp_path / "README.md").read_bytes() == (data / "README.md").read_bytes()
    assert (tmp_path / "CITATION.cff").read_text() == srd.cite("cff") + "\n"
    assert "CC BY 4.0" in (tmp_path / "LICENSE-DATA").read_text()


def test_export_refuses_to_overwrite_without_force(tmp_path, call):
    call("export", str(tmp_path), "--tables", "topics")
    (tmp_path / "topics.parquet").write_bytes(b"mine")
    assert_one_line_error(run("export", str(tmp_path), "--tables", "topics"), 1, "exists")
    assert (tmp_path / "topics.parquet").read_bytes() == b"mine"
    call("export", str(tmp_path), "--tables", "topics", "--force")
    assert pq.read_table(tmp_path / "topics.parquet").equals(srd.load("topics"))


def test_cite_formats(call):
    assert call("cite").startswith("@misc{")
    assert "[Data set]" in call("cite", "--format", "apa")
    assert call("cite", "--format", "cff").startswith("cff-version: 1.2.0")


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (["show", "event"], 1, "unknown table 'event'; tables are: "),
        (["show", "events", "--kind", "summit"], 1, "unknown kind 'summit'; allowed: "),
        (["show", "events", "--since", "2019-13"], 1, "month 13 does not exist"),
        (["show", "topics", "--since", "2019"], 1, "filter 'since' does not apply to table 'topics'"),
        (["show", "events", "--columns", "idd"], 1, "unknown column 'idd'"),
        (["get", "ev-nope"], 1, "no record 'ev-nope' in events"),
        (["export", "/dev/null/x"], 1, "/dev/null/x"),
        (["export", "out", "--tables", "nope"], 1, "unknown table 'nope'"),
        (["export", "/dev/null/x", "--format", "csv"], 1, "/dev/null/x"),
        (["downloads", "/dev/null/x"], 1, "/dev/null/x"),
        (["site", "/dev/null/x"], 1, "/dev/null/x"),
        ([], 2, "the following arguments are required: COMMAND"),
        (["frobnicate"], 2, "invalid choice: 'frobnicate'"),
        (["show", "events", "--format", "xml"], 2, "invalid choice: 'xml'"),
        (["show", "events", "--limit", "-1"], 2, "'-1' is not a whole number of rows"),
        (["cite", "--format", "mla"], 2, "invalid choice: 'mla'"),
    ],
)
def test_errors_are_one_line_with_conventional_exit_codes(args, code, text):
    assert_one_line_error(run(*args), code, text)
