"""The build's speed-ups change nothing: the C YAML parser reads what the pure one reads, parallel
reading gives what serial reading gives, and synthetic trees (the benchmarks' input) are valid."""

from __future__ import annotations

import shutil
from pathlib import Path

import pipeline
import pipeline.steps
import pytest
import run as bench
import synthetic
from pipeline import yaml_reader

SNIPPETS = {
    "records": "- id: ev-a\n  date: 2019-03-05\n  round: 2\n  city: null\n  tags: [a, 'b', \"c\"]\n",
    "yaml 1.2 booleans": "- a: yes\n  b: NO\n  c: on\n  d: true\n  e: ~\n  f: 0o17\n  g: 1e3\n",
    "block scalars": "- summary: >-\n    folded\n    text\n  quote: |\n    kept\n    lines\n",
    "duplicate key": "- id: a\n  id: b\n",
    "explicit tag": "- title: !!python/object x\n",
    "typed tag": "- round: !!int '3'\n",
    "alias": "- a: &x 1\n  b: *x\n",
    "anchor only": "- a: &x 1\n",
    "undefined alias": "- a: *x\n",
    "syntax error": "- a: 'unclosed\n",
    "tab": "- a: 1\n\tb: 2\n",
    "directive": "%YAML 1.1\n---\n- a: yes\n",
    "line separator": "- a: x\u2028y\n",
    "crlf": "- a: 1\r\n  b: two\r\n",
    "two documents": "- a: 1\n---\n- b: 2\n",
    "not a key": "- [a]: 1\n",
    "control character": "- a: x\x07y\n",
}


def _read(path: Path) -> tuple:
    located, problems = yaml_reader.read_yaml(path, "raw/events/x.yaml")
    return (None if located is None else (located.value, located.lines)), problems


@pytest.mark.skipif(not yaml_reader._HAVE_C_PARSER, reason="ruamel.yaml.clib is not installed")
@pytest.mark.parametrize("text", SNIPPETS.values(), ids=SNIPPETS.keys())
def test_c_parser_reads_what_the_pure_parser_reads(text, tmp_path, monkeypatch):
    path = tmp_path / "x.yaml"
    path.write_bytes(text.encode())
    fast = _read(path)
    monkeypatch.setattr(yaml_reader, "_HAVE_C_PARSER", False)
    assert fast == _read(path)


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    raw = tmp_path_factory.mktemp("synthetic") / "raw"
    return raw, synthetic.write(600, raw, seed=7)


def test_synthetic_tree_is_valid_and_counts_what_it_wrote(tree):
    raw, counts = tree
    records = pipeline.compile_raw(raw)
    assert {table: len(rows) for table, rows in records.items()} == counts
    assert sum(n for table, n in counts.items() if table != "citations") == 600


def test_parallel_reading_gives_what_serial_reading_gives(tree, monkeypatch):
    raw, _ = tree
    serial = pipeline.compile_raw(raw)
    monkeypatch.setattr(pipeline.steps, "PARALLEL_BYTES", 0)
    assert pipeline.compile_raw(raw) == serial


def test_parallel_reading_reports_the_same_problems(tree, tmp_path, monkeypatch):
    raw, _ = tree
    broken = tmp_path / "raw"
    shutil.copytree(raw, broken)
    actors, events = broken / "actors" / "part-0000.yaml", broken / "events" / "part-0000.yaml"
    actors.write_text(actors.read_text().replace("quote: ", "quote: Not in any text ", 1))
    events.write_text(events.read_text().replace("kind: ", "kind: &k ", 1))
    (broken / "statements" / "part-0000.yaml").write_text("- id: 'unclosed\n")
    with pytest.raises(pipeline.BuildFailed) as serial:
        pipeline.compile_raw(broken)
    monkeypatch.setattr(pipeline.steps, "PARALLEL_BYTES", 0)
    with pytest.raises(pipeline.BuildFailed) as parallel:
        pipeline.compile_raw(broken)
    assert parallel.value.problems == serial.value.problems
    fields = [p.field for p in serial.value.problems]
    assert "citations[0].quote" in fields and fields.count("(file)") >= 2  # the anchor and the syntax error


def test_scaling_exponent_is_the_log_log_slope():
    assert bench.exponent([(1_000, 1.0), (10_000, 10.0), (100_000, 100.0)]) == pytest.approx(1.0)
    assert bench.exponent([(1_000, 1.0), (10_000, 100.0)]) == pytest.approx(2.0)
    assert bench.exponent([(1_000, 1.0)]) is None
