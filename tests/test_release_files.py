"""Files generated from the models and metadata (CITATION.cff, docs/CODEBOOK.md) are committed
current, and the version has one source."""

from __future__ import annotations

import tomllib

import pytest
import release
from conftest import ROOT
from pipeline import output
from releasing import citation, codebook, coverage, timeline
from ruamel.yaml import YAML

from sino_russia_data import __version__, metadata, vocabularies
from sino_russia_data.models import TABLES


@pytest.fixture(scope="module")
def built_tables():
    return release.fresh()


@pytest.fixture(scope="module")
def generated(built_tables):
    return release.generated(built_tables)


def test_the_version_has_one_source(tmp_path, built_tables):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["project"]["dynamic"] == ["version"] and "version" not in project["project"]
    assert project["tool"]["hatch"]["version"]["path"] == "sino_russia_data/_version.py"
    assert metadata.VERSION == __version__
    assert output.write(tmp_path / "data", built_tables)["version"] == __version__
    assert YAML(typ="safe", pure=True).load(citation.render())["version"] == __version__


def test_citation_cff_is_the_one_generated_from_metadata(generated):
    assert citation.FILE.read_text() == generated[citation.FILE], "run `python build/release.py write`"


def test_citation_cff_is_valid_cff_1_2_0():
    assert release.cff_problems(citation.render()) == []
    document = YAML(typ="safe", pure=True).load(citation.render())
    assert document["type"] == "dataset"
    assert document["license"] == metadata.DATA_LICENSE
    assert document["abstract"] == metadata.ABSTRACT
    assert document["authors"] == [dict(a) for a in metadata.AUTHORS]


def test_the_cff_schema_rejects_a_broken_citation():
    broken = citation.render().replace('type: "dataset"', 'type: "database"').replace("authors:", "creators:")
    problems = release.cff_problems(broken)
    assert any("authors" in p for p in problems) and any(p.startswith("type:") for p in problems)


def test_country_and_language_code_lists_are_current(generated):
    from releasing import codes

    assert codes.FILE.read_text() == generated[codes.FILE], "run `python build/release.py write`"


def test_the_column_plans_literals_are_current(generated):
    from releasing import plan_facts

    assert plan_facts.FILE.read_text() == generated[plan_facts.FILE], "run `python build/release.py write`"


def test_codebook_is_current(generated):
    assert codebook.FILE.read_text() == generated[codebook.FILE], "run `python build/release.py write`"


def test_codebook_documents_every_column_vocabulary_value_and_topic(generated, built_tables):
    text = generated[codebook.FILE]
    for name, model in TABLES.items():
        assert f"### `{name}`" in text
        for column in model.model_fields:
            assert f"| `{column}` |" in text, f"{name}.{column}"
    assert "| `offices[].term_start` | `date32[day]` | yes |" in text
    assert "| `participants[].actor` | `string` | no |" in text
    for vocabulary in (vocabularies.EVENT_KINDS, vocabularies.SOURCE_KINDS, vocabularies.DATE_PRECISIONS):
        for value, definition in vocabulary.items():
            assert f"| `{value}` | {' '.join(definition.split())} |" in text
    for topic in built_tables["topics"].to_pylist():
        assert f"| `{topic['id']}` | {topic['label']} |" in text


def test_readme_coverage_is_current(generated):
    assert coverage.FILE.read_text() == generated[coverage.FILE], "run `python build/release.py write`"


def test_timeline_is_current(generated):
    current = timeline.FILE.read_text() if timeline.FILE.exists() else None
    assert timeline.problems(current, generated[timeline.FILE]) == [], "run `python build/release.py write`"


def test_timeline_is_deterministic_and_names_its_data(built_tables, generated):
    assert timeline.render(built_tables) == generated[timeline.FILE]
    assert timeline.fingerprint(built_tables["events"]) in generated[timeline.FILE]
    assert "Date" not in generated[timeline.FILE].split("</metadata>")[0].split("<metadata>")[1].replace("dc:date", "")


def test_timeline_goes_stale_when_an_event_moves(built_tables, generated):
    import datetime as dt

    import pyarrow as pa

    events = built_tables["events"]
    moved = events.set_column(
        events.schema.get_field_index("date_end"),
        events.schema.field("date_end"),
        pa.array([d + dt.timedelta(days=1) for d in events.column("date_end").to_pylist()], pa.date32()),
    )
    assert timeline.problems(generated[timeline.FILE], timeline.render({**built_tables, "events": moved}))
    assert timeline.problems(None, generated[timeline.FILE])
    import matplotlib

    drawn_by_another = generated[timeline.FILE].replace(
        f"matplotlib {matplotlib.__version__} -->", "matplotlib 0.0.0 -->"
    )
    assert timeline.problems(drawn_by_another.replace("<svg ", "<svg  ", 1), generated[timeline.FILE]) == []
    assert timeline.problems(generated[timeline.FILE].replace("<svg ", "<svg  ", 1), generated[timeline.FILE])


def test_timeline_draws_spans_as_bars_and_days_as_dots(built_tables):
    import datetime as dt

    import pyarrow as pa

    def drawn(start: str, end: str) -> tuple[int, int]:
        row = {
            "id": "ev-x",
            "kind": "ministerial_meeting",
            "date_start": dt.date.fromisoformat(start),
            "date_end": dt.date.fromisoformat(end),
            "date_precision": "day",
        }
        svg = timeline.render({"events": pa.Table.from_pylist([row])})
        return svg.count('<g id="patch_')

    assert drawn("2017-07-01", "2017-07-31") == drawn("2017-07-04", "2017-07-04") + 1  # one bar more


def test_coverage_counts_one_author_once():
    sources = [
        {"authors": ["Andrew Hammond"], "publisher": "The Independent"},
        {"authors": ["Andrew Hammond"], "publisher": "South China Morning Post"},
        {"authors": [], "publisher": "TASS"},
        {"authors": [], "publisher": "TASS"},
        {"authors": ["Sunjae Kim", "Taeho Kim"], "publisher": "The Diplomat"},
        {"authors": ["Taeho Kim"], "publisher": "Other"},
    ]
    assert coverage._origins(sources) == 3


def test_cite_cff_with_checksums_is_valid_cff_1_2_0():
    import sino_russia_data as srd

    assert release.cff_problems(srd.cite("cff")) == []


# Release dates, one digest, DOI deposit metadata (issue 13).

RELEASED = {
    "version": "0.1.0",
    "released": "2026-11-23",
    "tables": {
        "events": {"file": "events.parquet", "sha256": "a" * 64},
        "topics": {"file": "topics.parquet", "sha256": "b" * 64},
    },
}
UNRELEASED = {**RELEASED, "version": "0.2.0.dev0", "released": None}


@pytest.mark.parametrize(
    ("style", "dated", "undated"),
    [
        ("bibtex", ["year    = {2026}", "date    = {2026-11-23}"], ["(development build, not a release)"]),
        ("apa", ["developers. (2026). sino-russia-data"], ["developers. (n.d.). sino-russia-data"]),
        ("cff", ['date-released: "2026-11-23"'], []),
    ],
)
def test_every_citation_format_gives_the_release_date(style, dated, undated):
    from sino_russia_data.citation import format_citation

    with_date, without = format_citation(style, RELEASED), format_citation(style, UNRELEASED)
    assert all(text in with_date for text in dated) and all(text in without for text in undated)
    assert "2026-11-23" not in without and "(2026)" not in without
    if style != "cff":  # the reference a reader sees holds one digest, not every file's SHA-256
        assert "a" * 64 not in with_date and with_date.count("sha256:") == (style == "bibtex")
    else:
        assert with_date.count("sha256:") == 2 and release.cff_problems(with_date) == []


def test_the_build_copies_this_versions_release_date_from_the_changelog(built_tables):
    from pipeline.changelog import released

    assert released("0.1.0") == "2026-11-23"
    assert released("9.9.9") is None and released("0.1.0", "## [0.1.0]\n") is None
    assert srd_manifest()["released"] == released(__version__)


def srd_manifest():
    import sino_russia_data as srd

    return srd.manifest()


def test_deposit_metadata_is_current_and_datacite_valid(generated):
    import json

    from datacite import schema45
    from releasing import deposit

    for path in (deposit.ZENODO, deposit.DATACITE):
        assert path.read_text() == generated[path], "run `python build/release.py write`"
    document = json.loads(deposit.DATACITE.read_text())
    assert schema45.validate(document), list(schema45.validator.iter_errors(document))
    assert not schema45.validate({**document, "publicationYear": None})
    zenodo = json.loads(deposit.ZENODO.read_text())
    assert zenodo["upload_type"] == "dataset" and zenodo["version"] == __version__
    assert "doi" not in zenodo and "identifiers" not in document  # no DOI is invented; the archive mints one


def test_the_card_repeats_the_datasheets_known_gaps():
    from pipeline import card

    gaps = card.known_gaps()
    assert gaps.startswith("- **") and "](" not in gaps
    assert gaps in (ROOT / "sino_russia_data" / "data" / "README.md").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="Known gaps and biases"):
        card.known_gaps("# Datasheet\n\n## 2. Composition\n")
