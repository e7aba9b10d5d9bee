"""The version policy: schema and record changes, the bump they require, and the release diff."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pyarrow as pa
import pytest
import release
from pipeline import output
from releasing import fingerprint, releases, schema_diff
from releasing.compare import as_json, changelog_entries, compare, render_changelog, render_diff
from releasing.record_diff import TableDiff, compare_table
from releasing.versions import Version, required, strongest

from sino_russia_data.models import SCHEMA_VERSION, TABLES, Topic


def test_versions_parse_bump_and_order():
    assert Version.parse("1.2.3").bumped("patch") == Version(1, 2, 4)
    assert Version.parse("1.2.3").bumped("minor") == Version(1, 3, 0)
    assert Version.parse("1.2.3").bumped("major") == Version(2, 0, 0)
    assert Version.parse("0.10.0") > Version.parse("0.9.9")
    for bad in ("1.2", "01.2.3", "1.2.3rc1", "v1.2.3"):
        with pytest.raises(ValueError):
            Version.parse(bad)
    assert strongest(["patch", "major", "minor"]) == "major"
    assert strongest([]) is None
    assert required(None, "major") is None
    assert required(Version(1, 0, 0), None) == Version(1, 0, 0)


def _field(name, type_=None, nullable=False, description="d"):
    return pa.field(name, type_ or pa.string(), nullable=nullable, metadata={"description": description})


def _kinds(old, new, old_json=None, new_json=None):
    changes = schema_diff.compare(
        {"t": pa.schema(old)}, {"t": pa.schema(new)}, {"t": old_json or {}}, {"t": new_json or {}}
    )
    return {(c.kind, c.what) for c in changes}


def test_schema_changes_are_classified_by_what_breaks_a_reader():
    base = [_field("id"), _field("n", pa.int32())]
    assert _kinds(base, base) == set()
    assert _kinds(base, [_field("id")]) == {("major", "column n removed")}
    assert _kinds(base, [*base, _field("x")]) == {("minor", "column x added")}
    assert _kinds(base, [_field("id"), _field("n", pa.int64())]) == {("major", "n retyped from int32 to int64")}
    assert _kinds(base, [_field("id"), _field("n", pa.int32(), nullable=True)]) == {("major", "n may now be null")}
    assert _kinds(base, [_field("id"), _field("n", pa.int32(), nullable=False, description="e")]) == {
        ("patch", "description of n changed")
    }
    nested_old = [_field("o", pa.list_(pa.field("item", pa.struct([_field("a"), _field("b")]), nullable=False)))]
    nested_new = [_field("o", pa.list_(pa.field("item", pa.struct([_field("a"), _field("c")]), nullable=False)))]
    assert _kinds(nested_old, nested_new) == {("major", "column o[].b removed"), ("minor", "column o[].c added")}


def test_vocabulary_values_removed_are_major_and_added_are_minor():
    def schema(*values):
        return {
            "properties": {"kind": {"enum": list(values)}},
            "$defs": {"Office": {"properties": {"p": {"anyOf": [{"enum": ["day"]}, {"type": "null"}]}}}},
        }

    fields = [_field("kind")]
    assert _kinds(fields, fields, schema("a", "b"), schema("a", "b", "c")) == {("minor", "kind vocabulary gained c")}
    assert _kinds(fields, fields, schema("a", "b"), schema("a")) == {("major", "kind vocabulary lost b")}
    loosened = schema("a", "b")
    loosened["properties"]["kind"]["description"] = "new words"
    assert _kinds(fields, fields, schema("a", "b"), loosened) == {
        ("patch", "JSON Schema constraints or descriptions changed")
    }


def test_tables_added_and_removed():
    one = {"a": pa.schema([_field("id")])}
    two = {**one, "b": pa.schema([_field("id")])}
    assert [(c.kind, c.table, c.what) for c in schema_diff.compare(one, two, {}, {})] == [("minor", "b", "table added")]
    assert [(c.kind, c.table, c.what) for c in schema_diff.compare(two, one, {}, {})] == [
        ("major", "b", "table removed")
    ]


def test_record_diff_matches_ids_and_names_changed_fields():
    old = pa.table({"id": ["a", "b", "c"], "x": [1, 2, 3], "y": ["p", "q", "r"]})
    new = pa.table({"id": ["b", "c", "d"], "x": [2, 30, 4], "y": ["p", "q", "r"]})
    diff = compare_table(old, new)
    assert (diff.added, diff.removed, diff.changed) == (["d"], ["a"], {"b": ["y"], "c": ["x", "y"]})
    assert diff.kind == "major"
    assert compare_table(old, old).kind is None


def test_changelog_lists_few_ids_but_counts_many_and_always_lists_withdrawn_ones():
    many = TableDiff(
        added=[f"ev-{n}" for n in range(11)],
        removed=[f"ev-old-{n}" for n in range(11)],
        changed={f"ev-{n}": ["date", "summary"] if n % 2 else ["date"] for n in range(11)},
    )
    entries = dict(changelog_entries("events", many))
    assert entries["Added"] == "11 new record(s) in `events`."
    assert entries["Fixed"] == "Corrected 11 record(s) in `events`: fields date ×11, summary ×5."
    assert all(f"`ev-old-{n}`" in entries["Removed"] for n in range(11))
    few = dict(changelog_entries("events", TableDiff(added=["ev-a"], changed={"ev-b": ["date"]})))
    assert few == {
        "Added": "1 new record(s) in `events`: `ev-a`.",
        "Fixed": "Corrected 1 record(s) in `events`: `ev-b` (date).",
    }


# End to end: the repository's build, released into a temporary build/releases/, then changed.


@pytest.fixture(scope="module")
def built():
    return release.fresh()


@pytest.fixture(scope="module")
def kept(built, tmp_path_factory):
    """A build/releases/ folder holding this build, cut as a release."""
    work = tmp_path_factory.mktemp("release")
    output.write(work / "data", built)
    folder = releases.cut(work / "data", work / "releases")
    assert releases.latest(work / "releases") == folder
    with pytest.raises(FileExistsError):
        releases.cut(work / "data", work / "releases")
    return work / "releases"


@pytest.fixture(scope="module")
def previous(kept):
    return releases.read(releases.latest(kept))


def _edited(tables, name, edit):
    rows = edit(tables[name].to_pylist())
    return {**tables, name: pa.Table.from_pylist(rows, schema=tables[name].schema)}


def test_an_unchanged_build_needs_no_bump(built, previous):
    comparison = compare(release.as_release(built), previous)
    assert comparison.kind is None and comparison.schema == []
    assert comparison.required == previous.version
    assert comparison.problems() == []


def test_a_corrected_record_needs_a_patch_release(built, previous):
    def correct(rows):
        rows[0]["summary"] += " Corrected."
        return rows

    tables = _edited(built, "events", correct)
    comparison = compare(release.as_release(tables), previous)
    first_event = built["events"]["id"][0].as_py()
    assert comparison.records["events"].changed == {first_event: ["summary"]}
    assert comparison.kind == "patch"
    assert comparison.required == previous.version.bumped("patch")
    assert "lower than" in comparison.problems()[0]
    later = dataclasses.replace(comparison.build, version=previous.version.bumped("patch"))
    assert compare(later, previous).problems() == []
    assert f"~ {first_event}: summary" in render_diff(comparison)
    machine = json.loads(json.dumps(as_json(comparison)))
    assert machine["tables"]["events"]["corrected"] == {first_event: ["summary"]}
    assert (machine["bump"], machine["required"]) == ("patch", str(previous.version.bumped("patch")))


def test_a_new_record_needs_a_minor_release(built, previous):
    tables = _edited(
        built, "topics", lambda rows: [*rows, {"id": "zz-new", "label": "New", "definition": "A new topic."}]
    )
    comparison = compare(release.as_release(tables), previous)
    assert comparison.records["topics"].added == ["zz-new"]
    assert comparison.kind == "minor"
    patch = dataclasses.replace(comparison.build, version=previous.version.bumped("patch"))
    assert compare(patch, previous).problems() != []
    minor = dataclasses.replace(comparison.build, version=previous.version.bumped("minor"))
    assert compare(minor, previous).problems() == []


def test_a_withdrawn_record_needs_a_major_release_and_a_changelog_entry(built, previous):
    withdrawn = built["positions"]["id"][-1].as_py()
    tables = _edited(built, "positions", lambda rows: rows[:-1])
    build = dataclasses.replace(release.as_release(tables), version=previous.version.bumped("major"))
    comparison = compare(build, previous)
    assert comparison.records["positions"].removed == [withdrawn]
    assert comparison.kind == "major" and comparison.problems() == []
    block = render_changelog(comparison, dt.date(2027, 1, 2))
    assert block.startswith(f"## [{build.version}] - 2027-01-02\n")
    assert f"`{withdrawn}`" in block.split("### Removed")[1]
    assert release.changelog_problems(comparison, "# Changelog\n\n" + block) == []
    without = block.replace(f"`{withdrawn}`", "`another-id`")
    assert withdrawn in release.changelog_problems(comparison, without)[0]
    assert "no '## [" in release.changelog_problems(comparison, "# Changelog\n")[0]
    assert release.retired_ids(block) == {withdrawn}
    back_again = compare(dataclasses.replace(build, tables=built), previous)
    assert "in use again" in release.changelog_problems(back_again, "# Changelog\n\n" + block)[0]


def test_citations_keep_their_ids_and_count_as_corrections_of_their_record(raw_copy, previous):
    """The edit sequence of issue 13: drop the first of a record's three citations, then cite a new
    passage. Ids do not shift, nothing is withdrawn, and each step is a PATCH correction."""
    from pipeline import compile_raw

    from sino_russia_data.arrow_schema import to_arrow

    def build_tables():
        return {name: to_arrow(name, rows) for name, rows in compile_raw(raw_copy).items()}

    def cited(tables, record):
        return [c for c in tables["citations"].to_pylist() if c["record_id"] == record]

    record = "ev-2015-04-23-cn-ru-nea-security-consultation-1"
    events = raw_copy / "events" / "consultation-series.yaml"
    original = build_tables()
    first, *rest = cited(original, record)
    assert len(rest) == 2
    block = f"    - source_id: {first['source_id']}\n      quote: {first['quote']}\n      locator: {first['locator']}\n"
    events.write_text(events.read_text().replace(block, "", 1))
    dropped = build_tables()
    assert [c["id"] for c in cited(dropped, record)] == [c["id"] for c in rest]  # no renumbering
    base = dataclasses.replace(release.as_release(original), version=previous.version)
    step = compare(dataclasses.replace(release.as_release(dropped), version=previous.version.bumped("patch")), base)
    assert step.records["events"].changed == {record: ["citations"]}
    assert not any(diff.removed for diff in step.records.values()) and "citations" not in step.records
    assert step.kind == "patch" and step.problems() == []
    events.write_text(
        events.read_text().replace(
            f"      quote: {rest[-1]['quote']}\n",
            f"      quote: {rest[-1]['quote']}\n    - source_id: {first['source_id']}\n      quote: {first['quote']}\n",
            1,
        )
    )
    again = build_tables()
    assert sorted(c["id"] for c in cited(again, record)) == sorted(c["id"] for c in [first, *rest])
    back = compare(
        dataclasses.replace(release.as_release(again), version=previous.version.bumped("patch")),
        dataclasses.replace(release.as_release(dropped), version=previous.version),
    )
    assert back.records["events"].changed == {record: ["citations"]} and back.kind == "patch"
    assert release.changelog_problems(back, "# Changelog\n\n" + render_changelog(back, dt.date(2027, 1, 4))) == []


def test_a_schema_change_needs_its_bump_in_schema_version_too(built, previous):
    tables = {**built, "topics": built["topics"].drop_columns(["label"])}
    build = dataclasses.replace(release.as_release(tables), version=previous.version.bumped("major"))
    comparison = compare(build, previous)
    assert [(c.kind, c.what) for c in comparison.schema] == [("major", "column label removed")]
    assert (
        "- **Breaking.** Schema: `topics`: column label removed."
        in render_changelog(comparison, dt.date(2027, 1, 3)).split("### Removed")[1]
    )
    assert [problem.split()[0] for problem in comparison.problems()] == ["SCHEMA_VERSION"]
    bumped = dataclasses.replace(build, schema_version=previous.schema_version.bumped("major"))
    assert compare(bumped, previous).problems() == []


def test_the_first_release_counts_every_record_as_added(built):
    comparison = compare(release.as_release(built), None)
    assert comparison.records["topics"].added == sorted(built["topics"]["id"].to_pylist())
    assert comparison.problems() == []
    assert "First release of the data" in render_changelog(comparison, dt.date(2027, 1, 1))


def test_this_build_meets_the_policy_against_the_last_kept_release(built):
    assert release.comparison(built).problems() == []


# SCHEMA_VERSION guard: the models' schema must match the fingerprint recorded for SCHEMA_VERSION.


def test_the_models_match_the_recorded_fingerprint_of_schema_version():
    assert fingerprint.problems() == []


def test_a_released_schema_version_keeps_its_fingerprint(tmp_path):
    class Topic2(Topic):
        note: str | None = None

    path = tmp_path / "fingerprints.json"
    assert fingerprint.record(path, version="1.0.0", released=set())
    assert not fingerprint.record(path, version="1.0.0", released=set()), "nothing changed"
    changed = {**TABLES, "topics": Topic2}
    released = {"1.0.0"}
    assert (
        "topics changed but SCHEMA_VERSION is still 1.0.0" in fingerprint.problems(path, changed, "1.0.0", released)[0]
    )
    assert not fingerprint.record(path, changed, "1.0.0", released), "a released schema version is never rewritten"
    assert fingerprint.record(path, changed, "1.1.0", released)
    assert fingerprint.problems(path, changed, "1.1.0", released) == []
    assert set(json.loads(path.read_text())) == {"1.0.0", "1.1.0"}


def test_an_unreleased_schema_version_follows_the_models(tmp_path):
    class Topic2(Topic):
        note: str | None = None

    path = tmp_path / "fingerprints.json"
    assert "no recorded fingerprint" in fingerprint.problems(path, TABLES, "1.0.0", set())[0]
    fingerprint.record(path, TABLES, "1.0.0", set())
    changed = {**TABLES, "topics": Topic2}
    assert "run `python build/release.py write`" in fingerprint.problems(path, changed, "1.0.0", set())[0]
    assert fingerprint.record(path, changed, "1.0.0", set())
    assert fingerprint.problems(path, changed, "1.0.0", set()) == []


def test_released_schema_versions_are_read_from_the_kept_releases(kept, tmp_path):
    assert releases.schema_versions(kept) == {SCHEMA_VERSION}
    assert releases.schema_versions(tmp_path / "none yet") == set()


# Development versions: main carries the next version with .devN between releases.


@pytest.mark.parametrize(
    ("lower", "higher"),
    [("0.2.0.dev0", "0.2.0"), ("0.1.0", "0.2.0.dev0"), ("0.2.0.dev0", "0.2.0.dev1"), ("0.2.0", "0.2.1.dev0")],
)
def test_development_versions_sort_before_their_release(lower, higher):
    assert Version.parse(lower) < Version.parse(higher)
    assert str(Version.parse(lower)) == lower


@pytest.mark.parametrize("text", ["0.2", "0.2.0dev0", "0.2.0.dev", "0.2.0-dev0", "0.2.0.rc1", "v0.2.0"])
def test_malformed_versions_are_refused(text):
    with pytest.raises(ValueError, match="is not a version"):
        Version.parse(text)


def test_a_development_version_meets_the_policy_of_its_release_but_cannot_be_cut(monkeypatch):
    assert Version.parse("0.2.0.dev0").release == Version.parse("0.2.0")
    monkeypatch.setattr(release, "__version__", "0.2.0.dev0")
    assert release._dev_problems() == [
        "0.2.0.dev0 is a development version; set 0.2.0 in sino_russia_data/_version.py to release it"
    ]
    monkeypatch.setattr(release, "__version__", "0.2.0")
    assert release._dev_problems() == []
