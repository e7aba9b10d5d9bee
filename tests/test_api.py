"""get/evidence, the pandas and polars conversions, cite, and what importing costs."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from ruamel.yaml import YAML

import sino_russia_data as srd
from sino_russia_data.encoding import closed_columns
from sino_russia_data.models import TABLES
from sino_russia_data.vocabularies import ACTOR_TYPES, DATE_PRECISIONS, EVENT_KINDS

pd = pytest.importorskip("pandas")  # [dev]; absent only where .ci/run tests the lowest runtime versions
pl = pytest.importorskip("polars")


@pytest.mark.parametrize("table", list(TABLES))
def test_get_finds_a_record_of_every_table_by_id(table):
    first = srd.load(table).slice(0, 1).to_pylist()[0]
    record = srd.get(first["id"])
    assert isinstance(record, TABLES[table])
    assert record.model_dump() == first


def test_get_unknown_id_is_a_lookup_error_naming_the_prefixes():
    with pytest.raises(srd.UnknownRecord, match="no record 'ev-nope' in events; ids start with src- "):
        srd.get("ev-nope")
    with pytest.raises(LookupError):
        srd.get("no-such-topic")


def test_evidence_gives_each_citation_with_its_source():
    record_id = "ev-2019-03-cn-ru-korean-peninsula-consultation"
    found = srd.evidence(record_id)
    citations = srd.load("citations").to_pylist()
    assert [e.citation.id for e in found] == [c["id"] for c in citations if c["record_id"] == record_id]
    assert len(found) >= 1
    for item in found:
        assert item.source.id == item.citation.source_id
        assert item.source == srd.get(item.citation.source_id)


def test_evidence_of_an_uncited_table_or_missing_record_fails():
    source_id = srd.load("sources").column("id")[0].as_py()
    with pytest.raises(ValueError, match="which cites no sources"):
        srd.evidence(source_id)
    with pytest.raises(srd.UnknownRecord):
        srd.evidence("act-nobody")


def test_to_pandas_dtypes_follow_the_models():
    frame = srd.to_pandas("events")
    assert isinstance(frame["kind"].dtype, pd.CategoricalDtype)
    assert frame["kind"].cat.categories.tolist() == list(EVENT_KINDS)
    assert frame["date_precision"].cat.categories.tolist() == list(DATE_PRECISIONS)
    assert frame["date_start"].dtype == pd.ArrowDtype(srd.load("events").schema.field("date_start").type)
    assert isinstance(frame["date_start"].iloc[0], dt.date)
    assert frame["round"].dtype == pd.ArrowDtype(srd.load("events").schema.field("round").type)
    assert frame["kind"].astype(str).tolist() == srd.load("events").column("kind").to_pylist()
    assert len(srd.to_pandas("events", since="2019")) == srd.load("events", since="2019").num_rows


def test_to_polars_uses_enums_including_nested_ones():
    frame = srd.to_polars("actors")
    assert frame.schema["type"] == pl.Enum(list(ACTOR_TYPES))
    office = frame.schema["offices"].inner
    assert dict(office.to_schema())["term_precision"] == pl.Enum(list(DATE_PRECISIONS))
    assert dict(office.to_schema())["term_start"] == pl.Date
    assert frame["type"].cast(pl.String).to_list() == srd.load("actors").column("type").to_pylist()
    assert srd.to_polars("events", country="RUS").height == srd.load("events", country="RUS").num_rows


def test_vocabularies_are_read_from_the_literal_types():
    assert closed_columns("actors") == {
        ("type",): tuple(ACTOR_TYPES),
        ("offices", "term_precision"): tuple(DATE_PRECISIONS),
    }
    assert closed_columns("topics") == {}


@pytest.mark.parametrize(("function", "extra"), [("to_pandas", "pandas"), ("to_polars", "polars"), ("to_hf", "hf")])
def test_missing_extra_names_the_install_command(monkeypatch, function, extra):
    module = {"hf": "datasets"}.get(extra, extra)
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` raise ImportError
    with pytest.raises(ImportError, match=rf'pip install "sino-russia-data\[{extra}\]"'):
        getattr(srd, function)("topics")


def test_cite_names_version_one_digest_and_every_checksum_in_cff():
    from sino_russia_data.citation import digest

    manifest = srd.manifest()
    sums = [entry["sha256"] for entry in manifest["tables"].values()]
    bibtex, apa = srd.cite(), srd.cite("apa")
    assert bibtex.startswith("@misc{sino_russia_data_") and f"version = {{{manifest['version']}}}" in bibtex
    assert f"(Version {manifest['version']}) [Data set]" in apa
    assert f"sha256:{digest(manifest)}" in bibtex and "sha256" not in apa
    assert not any(sha in bibtex or sha in apa for sha in sums)  # a reference list holds no seven hashes
    cff = YAML(typ="safe").load(srd.cite("cff"))
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset" and cff["version"] == manifest["version"]
    assert cff["license"] == "CC-BY-4.0"
    assert [i["value"] for i in cff["identifiers"]] == [f"sha256:{d}" for d in sums]
    with pytest.raises(ValueError, match="formats are: bibtex, apa, cff"):
        srd.cite("mla")


@pytest.mark.parametrize("function", ["to_pandas", "to_polars"])
def test_frames_import_no_pydantic(function):
    """Categoricals and enums come from the column plan's literals (plan_facts.py), not the models."""
    code = f"import sys, sino_russia_data as s; s.{function}('events', kind='weapons_test'); print('pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "False"


def test_validating_records_needs_no_pycountry():
    """The code lists the models check are literals (sino_russia_data/codes.py): records(),
    filters by country and the site pay for no pycountry import, and a base install has none."""
    code = (
        "import sys, sino_russia_data as s; s.records('actors'); s.load('events', country='KOR'); "
        "print('pycountry' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "False"


def test_the_lazy_map_the_typed_imports_and_all_agree():
    """What IDEs see (imports under TYPE_CHECKING), what runs (the lazy map) and ``__all__`` name the
    same public API, and the package says it is typed (py.typed)."""
    import ast
    from pathlib import Path

    path = Path(srd.__file__)
    tree = ast.parse(path.read_text())
    typed = {
        (node.module, alias.name)
        for block in tree.body
        if isinstance(block, ast.If) and ast.unparse(block.test) == "TYPE_CHECKING"
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert typed == {(module, name) for name, module in srd._PUBLIC.items()}
    assert sorted(srd.__all__) == sorted(["__version__", *srd._PUBLIC])
    assert all(getattr(srd, name) is not None for name in srd.__all__)
    assert (path.parent / "py.typed").exists()
