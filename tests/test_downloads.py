"""Downloads for people without Python: CSV and JSON Lines of every table and the long tables, a
Frictionless datapackage.json that `frictionless validate` passes, and spreadsheet-safe CSV."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

import sino_russia_data as srd
from sino_russia_data import downloads
from sino_russia_data.cli import main
from sino_russia_data.models import TABLES
from sino_russia_data.vocabularies import EVENT_KINDS


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("downloads")
    assert main(["downloads", str(out)]) == 0
    return out


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_table_and_long_table_as_csv_and_jsonl(folder):
    package = json.loads((folder / "datapackage.json").read_text())
    names = [r["name"] for r in package["resources"]]
    assert names[: len(srd.tables())] == srd.tables()
    for expected in ("event_participants", "actor_offices", "record_topics", "citation_sources"):
        assert expected in names
    for name in names:
        assert len(_csv(folder / f"{name}.csv")) == len(_jsonl(folder / f"{name}.jsonl")), name
    for name in srd.tables():
        assert len(_jsonl(folder / f"{name}.jsonl")) == srd.manifest()["tables"][name]["rows"]
    for companion in ("LICENSE-DATA", "CITATION.cff", "manifest.json", "README.md"):
        assert (folder / companion).is_file()


def test_every_list_column_of_every_model_has_a_long_table(folder):
    package = {r["name"] for r in json.loads((folder / "datapackage.json").read_text())["resources"]}
    for name in srd.tables():
        for field in srd.load(name).schema:
            if pa.types.is_list(field.type):
                assert f"{downloads._singular(name)}_{field.name}" in package, (name, field.name)


def test_long_tables_hold_the_nested_items_with_names_joined(folder):
    participants = _jsonl(folder / "event_participants.jsonl")
    events = srd.load("events").to_pylist()
    assert len(participants) == sum(len(e["participants"]) for e in events)
    actors = {a["id"]: a for a in srd.load("actors").to_pylist()}
    for row in participants:
        assert set(row) >= {"event_id", "n", "actor", "office", "actor_name", "actor_country"}
        assert (row["actor_name"], row["actor_country"]) == (
            actors[row["actor"]]["name"],
            actors[row["actor"]]["country"],
        )
    topics = _jsonl(folder / "record_topics.jsonl")
    tagged = sum(
        len(r["topics"])
        for name in srd.tables()
        if name != "topics" and "topics" in srd.load(name).column_names
        for r in srd.load(name).to_pylist()
    )
    assert len(topics) == tagged and all(r["topic_label"] for r in topics)
    cited = _jsonl(folder / "citation_sources.jsonl")
    sources = {s["id"]: s for s in srd.load("sources").to_pylist()}
    assert len(cited) == srd.load("citations").num_rows
    for row in cited:
        source = sources[row["source_id"]]
        assert (row["source_title"], row["source_publisher"], row["source_url"]) == (
            source["title"],
            source["publisher"],
            source["url"],
        )


def test_csv_is_utf8_with_bom_and_keeps_chinese_cyrillic_and_hangul(folder):
    raw = (folder / "actors.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,") and b"\r\n" in raw
    rows = {r["id"]: r for r in _csv(folder / "actors.csv")}
    for actor in srd.load("actors").to_pylist():
        for column in ("name_zh", "name_ru", "name_ko"):
            assert rows[actor["id"]][column] == (actor[column] or "")
    assert any(r["name_ko"] for r in rows.values()) and any(r["name_zh"] for r in rows.values())


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx"])
def test_formula_prefixes_are_guarded(tmp_path, text):
    table = pa.table({"id": ["a"], "text": [text], "list": [[text]]})
    downloads.write_spreadsheet_csv(table, tmp_path / "t.csv")
    (row,) = _csv(tmp_path / "t.csv")
    assert row["text"] == "'" + text
    assert row["list"].startswith("[")  # JSON text never starts with a formula prefix
    assert downloads.guard("plain") == "plain"


def test_datapackage_describes_types_enums_keys_and_references(folder):
    package = json.loads((folder / "datapackage.json").read_text())
    resources = {r["name"]: r for r in package["resources"]}
    events = resources["events"]["schema"]
    fields = {f["name"]: f for f in events["fields"]}
    assert events["primaryKey"] == ["id"]
    assert fields["kind"]["constraints"]["enum"] == list(EVENT_KINDS)
    assert fields["date_start"]["type"] == "date" and fields["participants"]["type"] == "array"
    assert fields["round"]["type"] == "integer" and fields["id"]["constraints"]["required"] is True
    assert [f["name"] for f in events["fields"]] == list(TABLES["events"].model_fields)
    participants = resources["event_participants"]["schema"]
    assert participants["primaryKey"] == ["event_id", "n"]
    assert {"fields": "actor", "reference": {"resource": "actors", "fields": "id"}} in participants["foreignKeys"]
    assert {"fields": "event_id", "reference": {"resource": "events", "fields": "id"}} in participants["foreignKeys"]
    speaker = {"fields": "speaker", "reference": {"resource": "actors", "fields": "id"}}
    assert speaker in resources["statements"]["schema"]["foreignKeys"]
    assert package["licenses"][0]["name"] == "CC-BY-4.0" and package["version"] == srd.manifest()["version"]


def _validate(path: Path) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).parent / "frictionless"), "validate", "--json", path.name]
    return subprocess.run(command, cwd=path.parent, capture_output=True, text=True, check=False)


def test_frictionless_validate_passes(folder):
    done = _validate(folder / "datapackage.json")
    report = json.loads(done.stdout)
    print(
        f"frictionless validate: valid={report['valid']}, {len(report['tasks'])} resources, "
        f"{sum(t['stats'].get('rows', 0) for t in report['tasks'])} rows, {report['stats']['errors']} errors"
    )
    assert done.returncode == 0 and report["valid"], done.stdout[-3000:]


def test_frictionless_catches_a_broken_reference(folder, tmp_path):
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(folder, broken)
    path = broken / "event_participants.csv"
    path.write_text(path.read_text(encoding="utf-8-sig").replace("act-", "act-nobody-", 1), encoding="utf-8-sig")
    report = json.loads(_validate(broken / "datapackage.json").stdout)
    assert not report["valid"]
    assert "foreign-key" in json.dumps(report)


def test_downloads_refuse_to_overwrite(folder):
    with pytest.raises(FileExistsError, match="pass --force"):
        downloads.write(folder, {"topics.csv": b""})
