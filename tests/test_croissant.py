"""croissant.json: generated from the models, the manifest and the datasheet; mlcroissant validates
it and loads every record set with the manifest's row counts (from the repository and a Hub folder)."""

from __future__ import annotations

import json
import logging
import shutil
from importlib.metadata import version

import pytest
import release
from releasing import croissant

import sino_russia_data as srd
from sino_russia_data.models import TABLES

mlc = pytest.importorskip("mlcroissant")  # [dev]; absent only in the lowest-versions environment


def _load(path):
    dataset = mlc.Dataset(jsonld=str(path))
    report = dataset.metadata.issues
    return dataset, list(report.errors), list(report.warnings)


def test_croissant_json_is_current():
    current = croissant.FILE.read_text() if croissant.FILE.exists() else None
    assert current == croissant.render(json.loads((release.DATA / "manifest.json").read_bytes())), (
        "run `python build/release.py write`"
    )


def test_mlcroissant_validates_it_and_loads_every_table_with_the_manifests_rows(caplog):
    with caplog.at_level(logging.WARNING):
        dataset, errors, warnings = _load(croissant.FILE)
    print(f"mlcroissant {version('mlcroissant')}: {len(errors)} errors, {len(warnings)} warnings: {errors + warnings}")
    assert errors == []
    if ".dev" in srd.manifest()["version"]:  # a development build has no release date yet
        warnings = [w for w in warnings if "datePublished" not in w]
    assert warnings == []
    entries = srd.manifest()["tables"]
    for name, entry in entries.items():
        rows = list(dataset.records(record_set=name))
        assert len(rows) == entry["rows"], name
    event = next(iter(dataset.records(record_set="events")))
    assert set(event) == {f"events/{field}" for field in TABLES["events"].model_fields}
    participant = event["events/participants"][0]
    assert set(participant) == {"events/participants/actor", "events/participants/office"}


def test_every_model_field_is_described_with_keys_and_references():
    document = json.loads(croissant.FILE.read_text())
    sets = {r["@id"]: r for r in document["recordSet"]}
    assert list(sets) == srd.tables()
    for name in srd.tables():
        fields = {f["name"]: f for f in sets[name]["field"]}
        assert list(fields) == list(TABLES[name].model_fields)
    assert sets["events"]["key"] == {"@id": "events/id"}
    statements = {f["name"]: f for f in sets["statements"]["field"]}
    assert statements["speaker"]["references"] == {"field": {"@id": "actors/id"}}
    assert {f["name"]: f for f in sets["events"]["field"]}["topics"]["repeated"] is True
    files = {f["@id"]: f for f in document["distribution"]}
    for entry in srd.manifest()["tables"].values():
        assert files[entry["file"]]["sha256"] == entry["sha256"]


def test_responsible_ai_fields_come_from_the_datasheet():
    document = json.loads(croissant.FILE.read_text())
    for field in (
        "rai:dataCollection",
        "rai:dataBiases",
        "rai:dataLimitations",
        "rai:dataUseCases",
        "rai:personalSensitiveInformation",
        "rai:dataPreprocessingProtocol",
        "rai:dataReleaseMaintenancePlan",
    ):
        assert document[field], field
    assert "Founding articles are English-language op-eds" in document["rai:dataBiases"]
    assert document["rai:dataCollectionTimeframe"].startswith("The records were collected")
    assert document["license"] == croissant.LICENSE_URL


def test_the_hub_folder_croissant_loads_from_data(tmp_path):
    import hub

    out = tmp_path / "repo"
    assert hub.main([str(out)]) == 0
    dataset, errors, _ = _load(out / "croissant.json")
    assert errors == []
    assert len(list(dataset.records(record_set="events"))) == srd.manifest()["tables"]["events"]["rows"]
    shutil.rmtree(out)
