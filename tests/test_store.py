"""The installed data: manifest, load, records, verify, and what importing the package costs."""

from __future__ import annotations

import json
import subprocess
import sys

import pyarrow as pa
import pytest

import sino_russia_data as srd
from sino_russia_data.arrow_schema import schema
from sino_russia_data.models import TABLES, Event

pytestmark = pytest.mark.readside  # runs on the lowest runtime versions too (.ci/run)


def test_every_table_loads_with_its_schema_and_manifest_row_count() -> None:
    manifest = srd.manifest()
    assert srd.tables() == list(TABLES)
    for name in srd.tables():
        table = srd.load(name)
        assert isinstance(table, pa.Table)
        assert table.schema.equals(schema(name), check_metadata=False)
        assert table.num_rows == manifest["tables"][name]["rows"]


def test_records_are_models_sorted_by_id() -> None:
    events = srd.records("events")
    assert events and all(isinstance(e, Event) for e in events)
    assert [e.id for e in events] == sorted(e.id for e in events)
    first = next(e for e in events if e.round == 1 and e.series == "cn-ru-northeast-asia-security-consultation")
    assert first.city == "Shanghai" and str(first.date_start) == "2015-04-23"


def test_month_only_fact_spans_its_month() -> None:
    march = next(e for e in srd.records("events") if e.date == "2019-03")
    assert (str(march.date_start), str(march.date_end), march.date_precision) == ("2019-03-01", "2019-03-31", "month")


def test_verify_passes_on_the_shipped_data() -> None:
    assert srd.verify()["version"] == srd.__version__


def test_unknown_table_lists_the_tables() -> None:
    with pytest.raises(ValueError, match="unknown table 'meetings'.*events"):
        srd.load("meetings")


#: What a call may not import: each step up pays only for what it needs. pyarrow itself imports
#: pandas, when installed, to turn Python values into Arrow (a filter's values), so a filtered load
#: may import pandas; an unfiltered one reads the file without pyarrow.dataset and must not.
IMPORTS = [
    ("s.__version__", {"pandas", "datasets", "pydantic", "pyarrow", "polars"}),
    ("s.manifest(); s.cite()", {"pyarrow", "pydantic", "pandas", "datasets", "polars"}),
    ("s.load('events')", {"pydantic", "pandas", "polars", "datasets"}),
    (
        "s.load('events', since=2019, until='2019-06', kind='weapons_test', actor='act-kong-xuanyou', "
        "country='CHN', topic='thaad', text='putin'); s.load('positions', actor='act-china')",
        {"pydantic", "polars", "datasets"},
    ),
]


@pytest.mark.parametrize(("call", "not_imported"), IMPORTS, ids=["import", "manifest-cite", "load", "load-filtered"])
def test_what_a_call_imports(call: str, not_imported: set[str]) -> None:
    code = f"import sys, json, sino_russia_data as s; {call}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert not set(json.loads(out.stdout)) & not_imported


def test_one_manifest_reader_for_other_builds(tmp_path) -> None:
    """Tools that read kept releases or a freshly built folder use the store's checked reader."""
    from conftest import ROOT

    from sino_russia_data.errors import DataIntegrityError
    from sino_russia_data.store import read_manifest

    assert read_manifest(ROOT / "build" / "releases" / "0.1.0")["version"] == "0.1.0"
    with pytest.raises(DataIntegrityError, match="the manifest is missing"):
        read_manifest(tmp_path)
    (tmp_path / "manifest.json").write_text('{"name": "sino-russia-data", "version": 1}')
    with pytest.raises(DataIntegrityError, match="not valid"):
        read_manifest(tmp_path)


@pytest.mark.parametrize("name", list(TABLES))
def test_records_are_the_models_validation_would_give(name: str) -> None:
    """records() builds the models from the verified build without validating each row again;
    they must equal, field for field and in their JSON, what validating the rows gives."""
    from sino_russia_data.arrow_schema import to_records

    table = srd.load(name)
    built, validated = srd.records(name), to_records(name, table)
    assert built == validated
    assert [r.model_dump_json() for r in built] == [r.model_dump_json() for r in validated]
    assert all(r.model_fields_set == set(type(r).model_fields) for r in built)
