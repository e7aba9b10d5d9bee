"""The column plan: each fact declared once on a field reaches what reads the plan."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import pyarrow as pa
import pytest
from pydantic import Field, ValidationError

from sino_russia_data import arrow_schema, columns, models, vocabularies
from sino_russia_data.models import DERIVED, SEARCHED, ActorRef, EdtfDate, EventKind, Filter, Participant, Record


class Sample(Record):
    """A made-up table using every marker."""

    kind: EventKind = Field(description="A kind.")
    who: list[Participant] = Field(default_factory=list, description="People.")
    speaker: Annotated[ActorRef | None, Filter("actor")] = Field(default=None, description="Who spoke.")
    note: Annotated[str, SEARCHED] = Field(description="Free text.")
    when: Annotated[EdtfDate, models.DATED] = Field(description="When.")
    when_start: Annotated[dt.date | None, DERIVED] = Field(default=None, description="First day.")


def test_each_marker_lands_in_the_plan():
    plan = columns.named(Sample)
    assert plan["kind"].vocabulary == "EVENT_KINDS" and plan["kind"].terms == tuple(vocabularies.EVENT_KINDS)
    assert plan["speaker"].reference == "actors" and plan["speaker"].filters == ("actor",) and plan["speaker"].nullable
    assert plan["note"].filters == ("text",) and not plan["note"].derived
    assert plan["when"].edtf and plan["when"].filters == ("date",) and plan["when_start"].derived
    assert columns.derived(Sample) == {"when_start"}
    (actor, office) = plan["who"].children
    assert plan["who"].is_list and plan["who"].model is Participant
    assert (actor.path, actor.label, actor.reference, actor.filters) == (
        ("who", "actor"),
        "who[].actor",
        "actors",
        ("actor",),
    )
    assert office.label == "who[].office" and office.reference is None


def test_the_plan_gives_the_arrow_types_and_the_json_schema_marks_derived_fields_read_only():
    fields = {f.name: f for f in arrow_schema.fields(columns.plan(Sample))}
    assert fields["kind"].type == pa.string() and not fields["kind"].nullable
    assert pa.types.is_list(fields["who"].type) and fields["who"].type.value_type.names == ["actor", "office"]
    assert fields["when_start"].type == pa.date32() and fields["when_start"].nullable
    assert fields["note"].metadata == {b"description": b"Free text."}
    properties = Sample.model_json_schema()["properties"]
    assert properties["when_start"]["readOnly"] is True and "readOnly" not in properties["when"]
    assert properties["kind"]["enum"] == list(vocabularies.EVENT_KINDS)


def test_a_vocabulary_validates_its_terms():
    good = {"kind": "weapons_test", "note": "x", "when": "2017-09"}
    assert Sample.model_validate(good).kind == "weapons_test"
    with pytest.raises(ValidationError, match="Input should be 'state_visit_or_summit', "):
        Sample.model_validate({**good, "kind": "weapon_test"})


def test_references_name_every_location_nested_ones_included():
    record = Sample.model_validate(
        {
            "kind": "weapons_test",
            "who": [{"actor": "act-a"}, {"actor": "act-b", "office": "Minister"}],
            "speaker": "act-c",
            "note": "x",
            "when": "2017",
        }
    )
    assert list(columns.references(record)) == [
        (("who", 0, "actor"), "actors", "act-a"),
        (("who", 1, "actor"), "actors", "act-b"),
        (("speaker",), "actors", "act-c"),
    ]


def test_an_unknown_filter_role_is_refused_where_it_is_declared():
    with pytest.raises(ValueError, match="unknown filter role 'actors'; roles are: date, kind"):
        Filter("actors")


def test_the_shipped_tables_filters_come_from_the_markers():
    assert columns.filtered("events")["actor"] == (("participants", "actor"),)
    assert columns.filtered("positions")["holder"] == (("holders",),)
    assert "date" not in columns.filtered("actors")
