"""The Hugging Face Hub repository folder (build/hub.py): a card huggingface_hub parses offline,
with complete metadata, and configs that datasets.load_dataset reads offline."""

from __future__ import annotations

import json
import subprocess
import sys

import hub
import pytest
from api_support import offline_env
from pipeline import card

import sino_russia_data as srd
from sino_russia_data.hf_features import card_features


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    out = tmp_path_factory.mktemp("hub") / "repo"
    assert hub.main([str(out)]) == 0
    return out


def test_layout(repository):
    names = sorted(p.relative_to(repository).as_posix() for p in repository.rglob("*") if p.is_file())
    for entry in srd.manifest()["tables"].values():
        assert f"data/{entry['file']}" in names
        assert (repository / "data" / entry["file"]).read_bytes() == (srd.data_dir() / entry["file"]).read_bytes()
    for name in ("README.md", "LICENSE-DATA", "CITATION.cff", "timeline.svg", "data/manifest.json"):
        assert name in names
    assert "![Events by kind over time" in (repository / "README.md").read_text()
    assert hub.main([str(repository)]) == 1  # refuses to overwrite


def test_huggingface_hub_parses_the_card_with_complete_metadata(repository):
    from huggingface_hub import DatasetCard, DatasetCardData

    parsed = DatasetCard.load(repository / "README.md")
    data = parsed.data
    assert isinstance(data, DatasetCardData)
    assert data.pretty_name == "sino-russia-data" and data.license == "cc-by-4.0"
    assert {"en", "zh", "ru", "ko"} <= set(data.language)
    rows = sum(entry["rows"] for entry in srd.manifest()["tables"].values())
    assert data.size_categories == ["n<1K" if rows < 1_000 else "1K<n<10K" if rows < 10_000 else "10K<n<100K"]
    assert data.annotations_creators == ["expert-generated"] and data.source_datasets == ["original"]
    assert data.task_categories == ["text-retrieval"]
    entries = {n: e for n, e in srd.manifest()["tables"].items() if e["rows"]}
    configs = {c["config_name"]: c for c in data.configs}
    assert set(configs) == set(entries)
    for name, entry in entries.items():
        assert configs[name]["data_files"] == [{"split": "train", "path": f"data/{entry['file']}"}]
    info = {i["config_name"]: i for i in data.dataset_info}
    for name, entry in entries.items():
        assert info[name]["features"] == card_features(name)
        assert info[name]["splits"] == [{"name": "train", "num_examples": entry["rows"]}]
    again = DatasetCard(parsed.content)  # round trip through huggingface_hub's own writer
    assert again.data.to_dict() == data.to_dict()
    for field in card.PROVENANCE:
        assert data.to_dict()[field] == card.PROVENANCE[field]


LOAD = """
import json, sys, datasets
folder, found = sys.argv[1], {}
for name in json.loads(sys.argv[2]):
    loaded = datasets.load_dataset(folder, name)
    found[name] = {split: len(rows) for split, rows in loaded.items()}
found["default"] = len(datasets.load_dataset(folder, split="train"))
print(json.dumps(found))
"""


def test_load_dataset_reads_every_config_offline(repository, tmp_path):
    entries = {n: e for n, e in srd.manifest()["tables"].items() if e["rows"]}
    done = subprocess.run(
        [sys.executable, "-c", LOAD, str(repository), json.dumps(list(entries))],
        env=offline_env(srd.data_dir(), tmp_path / "hf"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout)
    assert found.pop("default") == entries["events"]["rows"]
    assert found == {name: {"train": entry["rows"]} for name, entry in entries.items()}
