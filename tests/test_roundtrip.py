"""A valid record survives model → Arrow (with the derived schema) → model unchanged."""

from __future__ import annotations

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from model_strategies import record

from sino_russia_data.arrow_schema import schema, to_arrow, to_records
from sino_russia_data.models import TABLES

pytestmark = pytest.mark.readside  # runs on the lowest runtime versions too (.ci/run)


@pytest.mark.parametrize("table", list(TABLES))
def test_round_trip(table: str) -> None:
    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(record(TABLES[table]), max_size=4))
    def check(rows: list) -> None:
        arrow = to_arrow(table, rows)
        assert arrow.schema.equals(schema(table), check_metadata=True)
        assert to_records(table, arrow) == rows

    check()


def test_schema_marks_required_columns_non_nullable() -> None:
    events = schema("events")
    assert not events.field("date_start").nullable
    assert events.field("date_start").type == pa.date32()
    assert events.field("city").nullable
    assert events.field("participants").type.value_type.field("actor").type == pa.string()
    assert events.field("kind").metadata[b"description"] == b"What sort of event."
