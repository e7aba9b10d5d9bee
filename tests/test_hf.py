"""Hugging Face: features derived from the models, to_hf/to_hf_dict, and the generated dataset card
that lets ``datasets.load_dataset`` read the data folder offline with the same features."""

from __future__ import annotations

import json
import subprocess
import sys

import pyarrow as pa
import pytest
from api_support import offline_env
from buildrun import compile_in_process
from conftest import RAW
from ruamel.yaml import YAML

import sino_russia_data as srd
from sino_russia_data.arrow_schema import schema
from sino_russia_data.encoding import closed_columns
from sino_russia_data.hf_features import card_features, features
from sino_russia_data.models import TABLES
from sino_russia_data.vocabularies import ACTOR_TYPES, DATE_PRECISIONS, EVENT_KINDS

datasets = pytest.importorskip("datasets")  # [dev]; absent only in the lowest-versions environment


@pytest.fixture(scope="module")
def built(built_data):
    """The session's build of raw/ (with its card), which srd reads for the tests of this module."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SINO_RUSSIA_DATA_DIR", str(built_data))
        yield built_data


def _nullable(arrow_type: pa.DataType) -> pa.DataType:
    """``arrow_type`` with every nested field nullable (Features do not carry nullability)."""
    if pa.types.is_list(arrow_type):
        return pa.list_(_nullable(arrow_type.value_type))
    if pa.types.is_struct(arrow_type):
        return pa.struct([pa.field(f.name, _nullable(f.type)) for f in arrow_type])
    return arrow_type


def _at(feature, path):
    for name in path:
        while isinstance(feature, datasets.List):
            feature = feature.feature
        feature = feature[name]
    return feature


@pytest.mark.parametrize("table", list(TABLES))
def test_features_follow_the_arrow_schema_with_class_labels_for_vocabularies(table):
    derived = features(table)
    closed = closed_columns(table)
    assert list(derived) == list(TABLES[table].model_fields)
    for path, terms in closed.items():
        assert _at(derived, path) == datasets.ClassLabel(names=list(terms))
    arrow = derived.arrow_schema
    for field in schema(table):
        if not any(path[0] == field.name for path in closed):
            assert arrow.field(field.name).type == _nullable(field.type), field.name


def test_some_features_spelled_out():
    events = features("events")
    assert events["kind"] == datasets.ClassLabel(names=list(EVENT_KINDS))
    assert events["date_start"] == datasets.Value("date32")
    assert events["topics"] == datasets.List(datasets.Value("string"))
    assert events["participants"] == datasets.List(
        {"actor": datasets.Value("string"), "office": datasets.Value("string")}
    )
    assert events["round"] == datasets.Value("int32")
    assert _at(features("actors"), ("offices", "term_precision")) == datasets.ClassLabel(names=list(DATE_PRECISIONS))


def test_to_hf_holds_the_rows_with_class_indices(built):
    events = srd.to_hf("events")
    arrow = srd.load("events")
    assert events.num_rows == arrow.num_rows
    assert [events.features["kind"].int2str(k) for k in events["kind"]] == arrow.column("kind").to_pylist()
    assert events["date_start"] == arrow.column("date_start").to_pylist()
    assert events["participants"] == arrow.column("participants").to_pylist()
    term = _at(srd.to_hf("actors").features, ("offices", "term_precision"))
    offices = [o for row in srd.to_hf("actors")["offices"] for o in row]
    expected = [o["term_precision"] for row in srd.load("actors").column("offices").to_pylist() for o in row]
    assert [term.int2str(o["term_precision"]) for o in offices] == expected
    assert srd.to_hf("events", since="2019").num_rows == srd.load("events", since="2019").num_rows
    assert (
        events.info.license == "cc-by-4.0"
        and events.info.version.version_str == srd.manifest()["version"].partition(".dev")[0]
    )
    assert events.info.citation == srd.cite()


def test_the_encoded_columns_are_the_column_plans():
    """to_hf(), to_pandas() and to_polars() encode the columns plan_facts.py lists; they are the
    plan's closed-vocabulary columns, and a long table's are those of the columns it takes."""
    from sino_russia_data import columns

    for table in TABLES:
        assert closed_columns(table) == columns.closed(table), f"{table}: run `python build/release.py write`"
    assert closed_columns("participants") == {("kind",): tuple(EVENT_KINDS), ("actor_type",): tuple(ACTOR_TYPES)}


def test_to_hf_needs_no_pydantic(built):
    """The class-label columns are literals and the description is in the Parquet schema: to_hf()
    pays for no import of pydantic and the models, and says what the model's docstring says."""
    code = (
        "import sys, sino_russia_data as s; d = s.to_hf('events'); "
        "print('pydantic' in sys.modules, 'sino_russia_data.models' in sys.modules); print(d.info.description)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    first, description = out.split("\n", 1)
    assert first == "False False"
    assert description.strip() == (TABLES["events"].__doc__ or "").strip()


def test_to_hf_dict_has_every_table(built):
    everything = srd.to_hf_dict()
    assert isinstance(everything, datasets.DatasetDict)
    assert {name: d.num_rows for name, d in everything.items()} == {
        name: entry["rows"] for name, entry in srd.manifest()["tables"].items()
    }


def _front_matter(card: str) -> dict:
    assert card.startswith("---\n")
    return YAML(typ="safe").load(card.split("---\n", 2)[1])


def test_card_is_generated_into_the_data_folder_and_listed_in_the_manifest(built):
    card = (built / "README.md").read_text(encoding="utf-8")
    meta = _front_matter(card)
    entries = srd.manifest()["tables"]
    assert meta["license"] == "cc-by-4.0" and "en" in meta["language"]
    with_rows = sorted(name for name, entry in entries.items() if entry["rows"])
    assert sorted(c["config_name"] for c in meta["configs"]) == with_rows
    for config in meta["configs"]:
        assert config["data_files"] == [{"split": "train", "path": entries[config["config_name"]]["file"]}]
    assert [c["config_name"] for c in meta["configs"] if c.get("default")] == ["events"]
    assert {i["config_name"]: i["features"] for i in meta["dataset_info"]} == {n: card_features(n) for n in with_rows}
    for entry in entries.values():
        assert entry["sha256"] in card
    assert "README.md" in srd.manifest()["files"]
    srd.verify()  # the card's checksum is right


def test_card_is_reproducible(built, tmp_path):
    assert compile_in_process(RAW, tmp_path / "again")[0] == 0
    assert (tmp_path / "again" / "README.md").read_bytes() == (built / "README.md").read_bytes()


LOAD_OFFLINE = """
import json, datasets, sino_russia_data as srd

folder, found = str(srd.data_dir()), {}
for name, entry in srd.manifest()["tables"].items():
    if entry["rows"]:
        loaded = datasets.load_dataset(folder, name, split="train")
        direct = srd.to_hf(name)
        found[name] = [len(loaded), loaded.features == direct.features, loaded.to_list() == direct.to_list()]
found["default"] = datasets.load_dataset(folder, split="train").num_rows
print(json.dumps(found))
"""


def test_load_dataset_reads_the_data_folder_offline_with_the_same_features(built, tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", LOAD_OFFLINE],
        env=offline_env(built, tmp_path / "hf"),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    entries = srd.manifest()["tables"]
    assert found.pop("default") == entries["events"]["rows"]
    assert found == {name: [e["rows"], True, True] for name, e in entries.items() if e["rows"]}


def test_class_index_encoding_rejects_a_term_outside_the_vocabulary():
    from sino_russia_data.hf_features import encode

    rows = srd.load("events").slice(0, 1)
    bad = rows.set_column(rows.schema.get_field_index("kind"), "kind", pa.array(["coup"]))
    with pytest.raises(ValueError, match="'coup' is not one of state_visit_or_summit"):
        encode("events", bad)
