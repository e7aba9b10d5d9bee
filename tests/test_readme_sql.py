"""The DuckDB queries in README.md's "Without Python" section run on the shipped Parquet files."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

import sino_russia_data as srd

duckdb = pytest.importorskip("duckdb")  # [dev]; absent only in the lowest-versions environment


def _queries() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Without Python") :]
    blocks = re.findall(r"^```sql\n(.*?)^```$", section, flags=re.DOTALL | re.MULTILINE)
    return [q.strip() for block in blocks for q in block.split(";") if q.strip()]


def test_the_readme_sql_runs_on_the_shipped_parquet(monkeypatch):
    monkeypatch.chdir(ROOT)
    queries = _queries()
    assert len(queries) == 3
    kinds, participants, quotes = (duckdb.sql(q).fetchall() for q in queries)
    events = srd.load("events").to_pylist()
    assert sum(n for _, n in kinds) == len(events)
    assert len(participants) == sum(len(e["participants"]) for e in events)
    assert len(quotes) == srd.load("citations").num_rows
