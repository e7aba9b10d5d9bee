"""Turning raw values into validated models, every pydantic error mapped to file:line: field."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from sino_russia_data.models import CITED_TABLES, TABLES, Citation, Record, derived_fields

from . import hygiene
from .problems import Problem, field_path
from .yaml_reader import Located

_ALL_DERIVED = frozenset().union(*(derived_fields(model) for model in TABLES.values()))


def locate(origin: Located, loc: tuple, message: str) -> Problem:
    """A problem at ``loc`` = (record index, *path in the record) of a raw file."""
    return Problem(origin.file, origin.line(loc), field_path(loc[1:]), message)


@dataclass(frozen=True)
class Entry:
    """A validated record, the raw file it came from, and its path in that file."""

    record: Record
    origin: Located
    loc: tuple

    def problem(self, loc: tuple, message: str) -> Problem:
        return locate(self.origin, (*self.loc, *loc), message)


def _clipped(value: Any, limit: int = 80) -> Any:
    """A value as echoed in a message: text cut to ``limit`` characters."""
    return value if not isinstance(value, str) or len(value) <= limit else value[: limit - 1] + "…"


def _message(detail: dict, written: str | None) -> str:
    """Pydantic's message, saying what was found where that is what a contributor needs to see."""
    kind, value = detail["type"], _clipped(detail.get("input"))
    written = _clipped(written)
    if kind == "literal_error":
        return f"{value!r} is not in the vocabulary (sino_russia_data/vocabularies.py); use {detail['ctx']['expected']}"
    if value is None and written is not None:
        return f"{detail['msg']}; the value is empty (null) and this field needs one"
    if kind == "string_type" and written is not None:
        read_as = f"the {type(value).__name__} {value!r}"
        return f"{detail['msg']}; YAML reads {written} as {read_as}: write '{written}' in quotes to keep the text"
    if kind.endswith("_type") and isinstance(value, (str, int, float, bool)):
        return f"{detail['msg']}, not {value!r}"
    return detail["msg"].removeprefix("Value error, ")


def _from_error(error: ValidationError, origin: Located, loc: tuple) -> list[Problem]:
    found = []
    for detail in error.errors(include_url=False):
        where = (*loc, *detail["loc"])
        if detail["type"] == "missing" and detail["loc"] and detail["loc"][-1] in _ALL_DERIVED:
            continue  # follows from an invalid source field, which is reported itself
        found.append(locate(origin, where, _message(detail, origin.typed.get(where))))
    return found


def _derived_written(model: type[Record], value: dict, origin: Located, loc: tuple) -> list[Problem]:
    derived = derived_fields(model)
    return [locate(origin, (*loc, key), "is derived by the build; do not write it") for key in value if key in derived]


def _screened(table: str, origin: Located, loc: tuple, value: dict) -> tuple[list[Problem], set[tuple]]:
    """Hygiene problems in a raw record (see :mod:`hygiene`), and the paths they are at."""
    found = hygiene.scan(table, value)
    return [locate(origin, (*loc, *where), message) for where, message in found], {where for where, _ in found}


def _besides(problems: list[Problem], screened: list[Problem]) -> list[Problem]:
    """``problems`` other than those at (or inside) a field hygiene already reported: the models'
    view of a value with an invisible character or a giant length is noise, or echoes it."""
    fields = {p.field for p in screened}
    return [p for p in problems
            if not any(p.field == f or p.field.startswith((f"{f}.", f"{f}[")) for f in fields)]


def validate(table: str, origin: Located, index: int, texts: dict[str, bytes | None]) -> tuple[list[Entry], list[Problem]]:
    """Validate record ``index`` of a raw file of ``table``, and its inline citations."""
    loc = (index,)
    value = origin.value[index]
    if not isinstance(value, dict):
        return [], [locate(origin, loc, "must be a mapping of field: value")]
    model = TABLES[table]
    cited = table in CITED_TABLES
    screened, at = _screened(table, origin, loc, value)
    problems = _derived_written(model, value, origin, loc)
    derived = derived_fields(model)  # reported above; validating them too would repeat it as noise
    fields: dict[str, Any] = {k: v for k, v in value.items() if k not in derived and not (cited and k == "citations")}
    if table == "sources" and isinstance(value.get("id"), str):
        if value["id"] not in texts:
            problems.append(locate(origin, (*loc, "id"), f"no archived text at raw/sources/texts/{value['id']}.txt"))
        elif texts[value["id"]] is not None:  # an unusable text is reported on its own file
            fields["text_sha256"] = hashlib.sha256(texts[value["id"]]).hexdigest()
    entries: list[Entry] = []
    try:
        record = model.model_validate(fields)
        if not any(where and where[0] != "citations" for where in at):
            entries.append(Entry(record, origin, loc))
    except ValidationError as error:
        problems += _from_error(error, origin, loc)
    if cited:
        citations, citation_problems = _citations(value.get("citations"), value.get("id"), origin, loc)
        spoilt = {where[1] for where in at if len(where) > 1 and where[0] == "citations"}
        entries += [e for e in citations if e.loc[-1] not in spoilt]
        problems += citation_problems
    return entries, [*_besides(problems, screened), *screened]


def _citations(citations: Any, record_id: Any, origin: Located, loc: tuple) -> tuple[list[Entry], list[Problem]]:
    if not isinstance(citations, list) or not citations:
        return [], [locate(origin, (*loc, "citations"), "needs at least one citation with a verbatim quote (no source, no record)")]
    entries, problems = [], []
    rid = record_id if isinstance(record_id, str) else "unknown-record"
    for index, value in enumerate(citations):
        where = (*loc, "citations", index)
        if not isinstance(value, dict):
            problems.append(locate(origin, where, "must be a mapping with source_id and quote"))
            continue
        problems += _derived_written(Citation, value, origin, where)
        try:
            citation = Citation.model_validate({**value, "id": f"{rid}#{index + 1}", "record_id": rid})
        except ValidationError as error:
            problems += _from_error(error, origin, where)
            continue
        entries.append(Entry(citation, origin, where))
    return entries, problems
