"""A table or column added to the models appears in the downloads, the datapackage and the site with
no change to their code: a made-up `ballots` table (like the coming `votes`) is added to TABLES."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import pytest
from pydantic import Field
from releasing import plan_facts as written_facts

import sino_russia_data as srd
from sino_russia_data import arrow_schema, columns, downloads, encoding, models, plan_facts, site
from sino_russia_data.models import CountryCode, EdtfDate, EventRef, Record, SourceRef, _dated


class Ballot(Record):
    """One state's vote on a draft resolution (a stand-in for a table added later)."""

    id: str = Field(description="Ballot id.")
    event: EventRef = Field(description="The vote's event.")
    state: CountryCode = Field(description="Voting state.")
    vote: models.VoteCast = Field(description="How it voted.")
    permanent_member: bool = Field(description="Whether it is a permanent member.")
    veto: bool = Field(description="Whether its no is a veto.")
    date: Annotated[EdtfDate, models.DATED] = Field(description="When.")
    date_start: Annotated[dt.date, models.DERIVED] = Field(description="First day.")
    date_end: Annotated[dt.date, models.DERIVED] = Field(description="Last day.")
    date_precision: Annotated[models.Precision, models.DERIVED] = Field(description="Precision.")
    date_form: Annotated[models.DateForm, models.DERIVED] = Field(description="Form.")
    document: SourceRef | None = Field(default=None, description="The meeting record.")
    _dates = _dated("date")


@pytest.fixture
def with_ballots(monkeypatch):
    monkeypatch.setitem(models.TABLES, "ballots", Ballot)
    # what `python build/release.py write` does for a new table: the plan's literals from its markers
    monkeypatch.setitem(plan_facts.FILTERS, "ballots", columns.filtered("ballots"))
    monkeypatch.setitem(plan_facts.VOCABULARIES, "ballots", written_facts.vocabularies()["ballots"])
    for cached in (arrow_schema.schema, encoding.closed_columns, columns.closed, columns.filtered):
        cached.cache_clear()
    tables = {name: srd.load(name) for name in srd.tables()}
    event = tables["events"].column("id")[0].as_py()
    source = tables["sources"].column("id")[0].as_py()
    ballots = [
        Ballot.model_validate(
            {
                "id": f"ballot-{code.lower()}",
                "event": event,
                "state": code,
                "vote": vote,
                "permanent_member": True,
                "veto": False,
                "date": "2017-09-11",
                "document": source,
            }
        )
        for code, vote in (("CHN", "in_favour"), ("RUS", "abstention"))
    ]
    tables["ballots"] = arrow_schema.to_arrow("ballots", ballots)
    yield tables, event
    for cached in (arrow_schema.schema, encoding.closed_columns, columns.closed, columns.filtered):
        cached.cache_clear()


def test_a_new_table_appears_in_the_downloads_and_the_datapackage(with_ballots, tmp_path):
    tables, _ = with_ballots
    files = downloads.plan(tables, srd.manifest())
    assert {"ballots.csv", "ballots.jsonl"} <= set(files)
    package = json.loads(files["datapackage.json"])
    schema = {r["name"]: r for r in package["resources"]}["ballots"]["schema"]
    fields = {f["name"]: f for f in schema["fields"]}
    assert fields["vote"]["constraints"]["enum"] == ["in_favour", "against", "abstention", "did_not_vote"]
    assert fields["veto"]["type"] == "boolean" and fields["date_start"]["type"] == "date"
    assert {"fields": "event", "reference": {"resource": "events", "fields": "id"}} in schema["foreignKeys"]
    assert {"fields": "document", "reference": {"resource": "sources", "fields": "id"}} in schema["foreignKeys"]
    downloads.write(tmp_path, files)
    command = [str(Path(sys.executable).parent / "frictionless"), "validate", "--json", "datapackage.json"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert json.loads(done.stdout)["valid"], done.stdout[-2000:]


def test_a_new_table_appears_in_the_site_and_on_the_pages_it_names(with_ballots):
    tables, event = with_ballots
    shown = site.payload(tables, srd.manifest())
    assert "ballots" in shown["listed"] and len(shown["tables"]["ballots"]) == 2
    assert {"ballot-chn", "ballot-rus"} <= set(shown["referencedBy"][event])
    assert shown["facets"]["ballots"] == {}  # no kind, country or topic filter applies to it yet
    assert "abstention" in shown["search"]["ballot-rus"]
