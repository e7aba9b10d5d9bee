"""The wheel holds the package and its data (tables, manifest, JSON Schema files) and nothing of
raw/, build/ or tests/; two builds with the same SOURCE_DATE_EPOCH give the same bytes."""

from __future__ import annotations

import zipfile

import pytest
from conftest import ROOT
from releasing import distribution

from sino_russia_data import __version__
from sino_russia_data.store import data_dir

EPOCH = "1700000000"


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    work = tmp_path_factory.mktemp("dist")
    return [distribution.build(ROOT, work / name, EPOCH, wheel_only=True)[0] for name in ("one", "two")]


def test_wheel_holds_the_data_and_nothing_of_raw_build_or_tests(wheels):
    with zipfile.ZipFile(wheels[0]) as archive:
        names = set(archive.namelist())
    assert distribution.wheel_problems(wheels[0], data_dir()) == []
    data = "sino_russia_data/data/"
    assert {f"{data}manifest.json", f"{data}events.parquet", f"{data}schema/events.schema.json"} <= names
    assert "sino_russia_data/models.py" in names
    assert not [n for n in names if n.split("/")[0] in ("raw", "build", "tests") or "/raw/" in n or n.endswith(".yaml")]
    assert {n.split("/")[0] for n in names} == {"sino_russia_data", f"sino_russia_data-{__version__}.dist-info"}


def test_two_builds_give_identical_wheels(wheels):
    assert wheels[0].read_bytes() == wheels[1].read_bytes()


def test_wheel_problems_finds_strays_and_missing_data(tmp_path, wheels):
    bad = tmp_path / wheels[0].name
    with zipfile.ZipFile(wheels[0]) as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.infolist():
            if not item.filename.endswith("events.parquet"):
                target.writestr(item, source.read(item))
        target.writestr("raw/events/x.yaml", "- id: ev-x\n")
    problems = distribution.wheel_problems(bad, data_dir())
    assert any("raw/events/x.yaml" in p for p in problems)
    assert any("missing data files: events.parquet" in p for p in problems)
