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

COMMANDS = ["info", "show", "codebook", "get", "export", "downloads", "site", "cite"]


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


@pytest.mark.parametrize(
    "args", [["info"], ["show", "events", "--since", "2019"], ["get", "thaad"], ["cite", "--format", "apa"]]
)
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
    assert (
        shown("--topic", "thaad", "--topic", "afghanistan")
        == srd.load("events", topic=["thaad", "afghanistan"]).column("id").to_pylist()
    )
    assert (
        shown("--country", "RUS", "--actor", "act-kong-xuanyou")
        == srd.load("events", country="RUS", actor="act-kong-xuanyou").column("id").to_pylist()
    )


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
        "CITATION.cff",
        "LICENSE-DATA",
        "README.md",
        "events.parquet",
        "manifest.json",
        "topics.parquet",
    ]
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
        (["show", "events", "--country", "CN"], 1, "ISO alpha-3: did you mean CHN (China)?"),
        (["show", "offices", "--since", "2019"], 1, "offices takes the filters of actors"),
        (["codebook", "event"], 1, "unknown table 'event'"),
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


def test_python_dash_m_runs_the_command():
    result = subprocess.run(
        [sys.executable, "-m", "sino_russia_data", "show", "topics", "--format", "jsonl"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == srd.load("topics").column(
        "id"
    ).to_pylist()


def test_table_format_never_cuts_ids_and_aligns_wide_characters(call):
    from sino_russia_data.formats import width

    for table in ("events", "citations", "statements", "participants", "cited_sources"):
        lines = call("show", table).splitlines()[:-1]
        rows = srd.load(table)
        key = "id" if "id" in rows.column_names else next(c for c in rows.column_names if c.endswith("_id"))
        assert [line.split()[0] for line in lines[2:]] == rows.column(key).to_pylist()
        # every column starts at the same terminal column on every line (wide characters count two)
        starts = [i for i, c in enumerate(lines[1]) if c == "-" and (i == 0 or lines[1][i - 1] == " ")]
        for line in lines[2:]:
            prefixes = {width(line[:n]): line[:n] for n in range(len(line) + 1)}
            for start in starts[1:]:
                if width(line) > start:  # a line ends early when its last cells are empty
                    assert start in prefixes and prefixes[start].endswith("  "), (table, start, line)


def test_default_columns_show_what_was_said_and_the_source_title(call):
    assert "text" in call("show", "statements").splitlines()[0].split()
    assert "title" in call("show", "sources").splitlines()[0].split()
    assert "quote" in call("show", "citations").splitlines()[0].split()
    text = srd.load("statements").column("text")[0].as_py()
    assert " ".join(text.split())[:20] in call("show", "statements")


def test_info_as_json(call):
    shown = json.loads(call("info", "--format", "json"))
    manifest = srd.manifest()
    assert shown["version"] == manifest["version"] and shown["verified"] is False
    assert {name: entry["sha256"] for name, entry in shown["tables"].items()} == {
        name: entry["sha256"] for name, entry in manifest["tables"].items()
    }
    assert json.loads(call("info", "--verify", "--format", "json"))["verified"] is True


@pytest.mark.parametrize(
    ("table", "args", "filters"),
    [
        (
            "events",
            ["--actor-all", "act-xi-jinping", "--actor-all", "act-vladimir-putin"],
            {"actor_all": ["act-xi-jinping", "act-vladimir-putin"]},
        ),
        (
            "events",
            ["--topic", "korean-peninsula", "--topic-exact"],
            {"topic": ["korean-peninsula"], "topic_exact": True},
        ),
        (
            "events",
            ["--topic-all", "thaad", "--topic-all", "china-russia-relations"],
            {"topic_all": ["thaad", "china-russia-relations"]},
        ),
        ("statements", ["--text", "THAAD", "--text", "사드"], {"text": ["THAAD", "사드"]}),
        ("participants", ["--since", "2019"], {"since": 2019}),
        ("record_topics", ["--topic", "thaad"], {"topic": "thaad"}),
    ],
)
def test_new_filters_and_long_tables_match_the_api(call, table, args, filters):
    rows = json.loads(call("show", table, *args, "--format", "json"))
    expected = srd.load(table, **filters).to_pylist()
    assert len(rows) == len(expected)
    key = "id" if "id" in srd.load(table).column_names else srd.load(table).column_names[0]
    assert [r[key] for r in rows] == [r[key] for r in expected]


def test_codebook_command(call):
    rows = json.loads(call("codebook", "events", "--format", "json"))
    assert rows == json.loads(json.dumps(srd.codebook("events").to_pylist()))
    assert call("codebook").splitlines()[0].split() == [
        "table",
        "column",
        "type",
        "nullable",
        "derived",
        "refers_to",
        "description",
    ]
