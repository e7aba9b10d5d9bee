"""A fresh build compared with the previous release: schema and record changes, the bump they
require, whether the declared versions meet it, and the two renderings (diff, changelog block)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import record_diff, schema_diff
from .releases import Release
from .versions import Version, required, strongest

#: Above this many ids, the changelog gives a count instead of the list (withdrawn ids are always listed).
CHANGELOG_IDS = 10


@dataclass(frozen=True)
class Comparison:
    build: Release
    previous: Release | None
    previous_folder: Path | None
    schema: list[schema_diff.SchemaChange]
    records: dict[str, record_diff.TableDiff]

    @property
    def kind(self) -> str | None:
        return strongest([c.kind for c in self.schema] + [d.kind for d in self.records.values() if d.kind])

    @property
    def schema_kind(self) -> str | None:
        return strongest([c.kind for c in self.schema])

    @property
    def required(self) -> Version | None:
        return required(self.previous.version if self.previous else None, self.kind)

    @property
    def schema_required(self) -> Version | None:
        return required(self.previous.schema_version if self.previous else None, self.schema_kind)

    def problems(self) -> list[str]:
        """Why the declared versions do not meet the policy; empty when they do."""
        found = []
        if self.required and self.build.version.release < self.required:
            found.append(
                f"version {self.build.version} is lower than the {self.required} this {self.kind} release "
                f"requires; set it in sino_russia_data/_version.py"
            )
        if self.schema_required and self.build.schema_version < self.schema_required:
            found.append(
                f"SCHEMA_VERSION {self.build.schema_version} is lower than the {self.schema_required} these "
                f"{self.schema_kind} schema changes require; set it in sino_russia_data/models.py"
            )
        return found


def compare(build: Release, previous: Release | None, previous_folder: Path | None = None) -> Comparison:
    """``build`` against ``previous``; with no previous release every record counts as added."""
    if previous is None:
        return Comparison(build, None, None, [], record_diff.compare({}, build.tables))
    schema = schema_diff.compare(previous.arrow_schemas, build.arrow_schemas, previous.json_schemas, build.json_schemas)
    return Comparison(build, previous, previous_folder, schema, record_diff.compare(previous.tables, build.tables))


def render_diff(comparison: Comparison, *, ids: bool = True) -> str:
    """Schema changes, then per table the added (+), withdrawn (-) and corrected (~) ids, then the verdict."""
    build, previous = comparison.build, comparison.previous
    if previous is None:
        lines = [f"build {build.version} (schema {build.schema_version}); no previous release: every record is added"]
    else:
        against = f"release {previous.version} (schema {previous.schema_version}) in {comparison.previous_folder}"
        lines = [f"build {build.version} (schema {build.schema_version}) against {against}"]
    if comparison.schema:
        lines.append("schema changes:")
        lines += [f"  {change.kind:<5}  {change}" for change in comparison.schema]
    for table, diff in comparison.records.items():
        counts = f"{len(diff.added)} added, {len(diff.removed)} withdrawn, {len(diff.changed)} corrected"
        lines.append(f"{table}: {counts}")
        if ids:
            lines += [f"  + {record_id}" for record_id in diff.added]
            lines += [f"  - {record_id}" for record_id in diff.removed]
            lines += [f"  ~ {record_id}: {', '.join(fields)}" for record_id, fields in diff.changed.items()]
    lines.append(_verdict(comparison))
    return "\n".join(lines)


def as_json(comparison: Comparison) -> dict:
    """The diff for machines: versions, schema changes, and per table the ids added, withdrawn, corrected."""
    previous = comparison.previous
    return {
        "version": str(comparison.build.version),
        "schema_version": str(comparison.build.schema_version),
        "previous": None
        if previous is None
        else {"version": str(previous.version), "schema_version": str(previous.schema_version)},
        "bump": comparison.kind,
        "required": None if comparison.required is None else str(comparison.required),
        "problems": comparison.problems(),
        "schema": [{"bump": c.kind, "table": c.table, "change": c.what} for c in comparison.schema],
        "tables": {
            table: {"added": d.added, "withdrawn": d.removed, "corrected": d.changed}
            for table, d in comparison.records.items()
        },
    }


def _verdict(comparison: Comparison) -> str:
    if comparison.previous is None:
        return f"first release: any version will do; declared {comparison.build.version}"
    need = comparison.kind or "no"
    verdict = f"bump required: {need} → version ≥ {comparison.required}; declared {comparison.build.version}"
    problems = comparison.problems()
    return verdict + ("\n" + "\n".join(f"FAIL: {p}" for p in problems) if problems else ": ok")


def _ids(ids: list[str]) -> str:
    return ", ".join(f"`{i}`" for i in ids)


def changelog_entries(table: str, diff: record_diff.TableDiff) -> Iterator[tuple[str, str]]:
    """(changelog section, entry) for one table's added, corrected and withdrawn records."""
    if diff.added:
        listed = f": {_ids(diff.added)}" if len(diff.added) <= CHANGELOG_IDS else ""
        yield "Added", f"{len(diff.added)} new record(s) in `{table}`{listed}."
    if diff.changed:
        if len(diff.changed) <= CHANGELOG_IDS:
            listed = "; ".join(f"`{i}` ({', '.join(f)})" for i, f in diff.changed.items())
        else:
            fields = Counter(name for changed in diff.changed.values() for name in changed)
            listed = "fields " + ", ".join(f"{name} ×{n}" for name, n in sorted(fields.items()))
        yield "Fixed", f"Corrected {len(diff.changed)} record(s) in `{table}`: {listed}."
    if diff.removed:
        yield "Removed", f"Withdrawn from `{table}` (ids retired, never reused): {_ids(diff.removed)}."


def render_changelog(comparison: Comparison, date: dt.date) -> str:
    """The Keep a Changelog block summarising this release's data and schema changes."""
    sections: dict[str, list[str]] = {"Added": [], "Changed": [], "Fixed": [], "Removed": []}
    for change in comparison.schema:
        breaking = "**Breaking.** " if change.kind == "major" else ""
        sections[change.heading].append(f"{breaking}Schema: `{change.table}`: {change.what}.")
    if comparison.previous is None:
        counts = ", ".join(f"{table} {len(diff.added)}" for table, diff in comparison.records.items())
        sections["Added"].append(f"First release of the data: {counts} records.")
    else:
        for table, diff in comparison.records.items():
            for heading, entry in changelog_entries(table, diff):
                sections[heading].append(entry)
    lines = [f"## [{comparison.build.version}] - {date.isoformat()}"]
    for heading, items in sections.items():
        if items:
            lines += ["", f"### {heading}", *(f"- {item}" for item in items)]
    return "\n".join(lines) + "\n"
