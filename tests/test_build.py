"""The build on the real raw/: committed output is fresh, rebuilds are identical, failures write nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pipeline
import pytest
from buildrun import snapshot
from conftest import DATA, RAW, ROOT
from pipeline.problems import BuildFailed

COMPILE = [sys.executable, str(ROOT / "build" / "compile.py")]


def test_committed_data_is_what_raw_builds(tmp_path: Path) -> None:
    """Fails when raw/, the models or the writer changed and the shipped data was not rebuilt."""
    pipeline.build(RAW, tmp_path / "data")
    assert snapshot(tmp_path / "data") == snapshot(DATA), "stale data: run python build/compile.py"


def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    pipeline.build(RAW, first)
    pipeline.build(RAW, second)
    assert snapshot(first) == snapshot(second)


def test_check_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = subprocess.run(
        [*COMPILE, "--raw", str(RAW), "--out", str(out), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "nothing written" in result.stdout
    assert not out.exists()


def test_failure_reports_every_problem_and_leaves_output_untouched(raw_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "data"
    pipeline.build(raw_copy, out)
    before = snapshot(out)
    events = raw_copy / "events" / "consultation-series.yaml"
    events.write_text(events.read_text().replace("date: 2017-07-20", "date: 2017-07-32", 1))
    topics = raw_copy / "topics" / "topics.yaml"
    topics.write_text(topics.read_text().replace("- id: afghanistan", "- id: Afghanistan", 1))
    result = subprocess.run(
        [*COMPILE, "--raw", str(raw_copy), "--out", str(out)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(
        line.startswith("raw/events/consultation-series.yaml:")
        and ": date: '2017-07-32': day 32 does not exist" in line
        for line in lines
    ), lines
    assert any(
        line.startswith("raw/topics/topics.yaml:") and ": id: String should match pattern" in line for line in lines
    ), lines
    assert lines[-1].endswith("nothing was written.")
    assert snapshot(out) == before


def test_problems_are_sorted_by_file_and_line(raw_copy: Path) -> None:
    for path in sorted((raw_copy / "events").glob("*.yaml")):
        path.write_text(path.read_text().replace("kind: vice_ministerial_consultation", "kind: tea_party"))
    with pytest.raises(BuildFailed) as failed:
        pipeline.compile_raw(raw_copy)
    problems = failed.value.problems
    keys = [(p.file, p.line) for p in problems]
    assert keys == sorted(keys)
    in_events = [p for p in problems if p.file.startswith("raw/events/")]
    assert len(in_events) >= 14 and all(
        p.field == "kind" and "is not in the vocabulary" in p.message for p in in_events
    )


def test_statement_text_must_stand_in_a_cited_source(raw_copy: Path) -> None:
    text = "The Russian delegation was led by Deputy Foreign Minister Igor Morgulov"
    (raw_copy / "statements" / "test.yaml").write_text(
        f"""\
- id: st-2016-03-04-morgulov-led
  speaker: act-igor-morgulov
  speaker_office: null
  text: {text.replace("was led", "is led")}
  language: en
  translated: true
  translated_from: ru
  text_en: {text.replace("was led", "is led")}
  text_en_origin: same_as_text
  mode: reported_speech
  date: 2016-03-04
  topics: [northeast-asia-security]
  citations:
    - source_id: src-interfax-2016-03-04-second-round
      quote: {text}
""",
        encoding="utf-8",
    )
    with pytest.raises(BuildFailed) as failed:
        pipeline.compile_raw(raw_copy)
    [problem] = failed.value.problems
    assert problem.file == "raw/statements/test.yaml" and problem.field == "text"
    assert problem.message.startswith("not found verbatim in any source it cites (src-")


def test_explicit_tag_on_text_it_cannot_hold_is_located(raw_copy: Path) -> None:
    events = raw_copy / "events" / "consultation-series.yaml"
    lines = events.read_text().splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line == "  city: Shanghai\n")
    lines[number] = "  city: !!int Shanghai\n"
    events.write_text("".join(lines))
    with pytest.raises(BuildFailed) as failed:
        pipeline.compile_raw(raw_copy)
    [problem] = [p for p in failed.value.problems if p.file == "raw/events/consultation-series.yaml"]
    assert (problem.line, problem.field) == (number + 1, "city")
    assert problem.message == "'Shanghai' cannot be read as int; remove the tag"
