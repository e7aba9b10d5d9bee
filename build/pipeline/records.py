"""Turning raw values into validated models, every pydantic error mapped to file:line: field."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from sino_russia_data.columns import derived, nested, plan, walk
from sino_russia_data.models import CITED_TABLES, TABLES, Citation, Record

from . import hygiene
from .problems import Problem, field_path
from .yaml_reader import Located


@cache
def _derived_within(model: type[BaseModel]) -> frozenset[str]:
    """Derived field names of ``model`` and of the models nested in it (an actor's offices' terms):
    a field derived in one table (a vote's ``date``) may be written by hand in another (an event's)."""
    return frozenset(column.name for column in walk(plan(model)) if column.derived)


def locate(origin: Located, loc: tuple, code: str, message: str) -> Problem:
    """A problem at ``loc`` = (record index, *path in the record) of a raw file."""
    return Problem(origin.file, origin.line(loc), field_path(loc[1:]), code, message)


@dataclass(frozen=True, slots=True)
class Entry:
    """A validated record, the raw file it came from, and its path in that file."""

    record: Record
    origin: Located
    loc: tuple

    def problem(self, loc: tuple, code: str, message: str) -> Problem:
        return locate(self.origin, (*self.loc, *loc), code, message)


def loc_is_date(loc: tuple) -> bool:
    """Whether a pydantic error location names a dated field (``date``, ``published``)."""
    return bool(loc) and loc[-1] in hygiene.DATES


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
    if kind == "string_type" and isinstance(value, list) and loc_is_date(detail["loc"]):
        return (
            f"{detail['msg']}; YAML reads [...] as a list: write a window of dates in quotes, "
            "'[2017-01-20..2017-04-02]'"
        )
    if kind == "string_type" and written is not None:
        read_as = f"the {type(value).__name__} {value!r}"
        return f"{detail['msg']}; YAML reads {written} as {read_as}: write '{written}' in quotes to keep the text"
    if kind.endswith("_type") and isinstance(value, (str, int, float, bool)):
        return f"{detail['msg']}, not {value!r}"
    return detail["msg"].removeprefix("Value error, ")


#: Pydantic's error types as problem codes; ``*_type`` and ``*_parsing`` errors are ``wrong-type``,
#: and a ``value_error`` (the models' own validators) on a date or a whole record has its own: see :func:`_code`.
_PYDANTIC_CODES = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    "string_pattern_mismatch": "bad-format",
    "literal_error": "not-in-vocabulary",
    "value_error": "invalid-value",
    "string_too_long": "too-long",
    "greater_than": "out-of-range",
    "greater_than_equal": "out-of-range",
    "less_than": "out-of-range",
    "less_than_equal": "out-of-range",
}


def _code(detail: dict, written: str | None) -> str:
    """The problem code of a pydantic error: a null written where a value is needed is a missing
    value, not a type to fix; a validator's error on a date is the date's, on the record its fields'."""
    kind = detail["type"]
    if detail.get("input") is None and written is not None:
        return "missing-field"
    if kind == "value_error" and loc_is_date(detail["loc"]):
        return "date-invalid"
    if kind == "value_error" and not detail["loc"]:
        return "fields-disagree"  # a model validator's: the record as a whole
    if kind.endswith(("_type", "_parsing")):
        return "wrong-type"
    return _PYDANTIC_CODES.get(kind, "invalid-value")


def _from_error(error: ValidationError, origin: Located, loc: tuple, model: type[BaseModel]) -> list[Problem]:
    found = []
    for detail in error.errors(include_url=False):
        where = (*loc, *detail["loc"])
        if detail["type"] == "missing" and detail["loc"] and detail["loc"][-1] in _derived_within(model):
            continue  # follows from an invalid source field, which is reported itself
        written = origin.typed.get(where)
        found.append(locate(origin, where, _code(detail, written), _message(detail, written)))
    return found


def _derived_written(model: type[Record], value: dict, origin: Located, loc: tuple) -> list[Problem]:
    computed = derived(model)
    return [
        locate(origin, (*loc, key), "derived-field-written", "is derived by the build; do not write it")
        for key in value
        if key in computed
    ]


def _screened(table: str, origin: Located, loc: tuple, value: dict) -> tuple[list[Problem], set[tuple]]:
    """Hygiene problems in a raw record (see :mod:`hygiene`), and the paths they are at."""
    found = hygiene.scan(table, value)
    problems = [locate(origin, (*loc, *where), code, message) for where, code, message in found]
    return problems, {where for where, _, _ in found}


def _besides(problems: list[Problem], screened: list[Problem]) -> list[Problem]:
    """``problems`` other than those at (or inside) a field hygiene already reported: the models'
    view of a value with an invisible character or a giant length is noise, or echoes it."""
    fields = {p.field for p in screened}
    return [p for p in problems if not any(p.field == f or p.field.startswith((f"{f}.", f"{f}[")) for f in fields)]


def validate(
    table: str,
    origin: Located,
    index: int,
    texts: dict[str, bytes | None],
    derive: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> tuple[list[Entry], list[Problem]]:
    """Validate record ``index`` of a raw file of ``table``, and its inline citations.

    ``derive``, if given, adds to the written fields the derived ones the build takes from other
    records (a vote's day and document, from its event)."""
    loc = (index,)
    value = origin.value[index]
    if not isinstance(value, dict):
        return [], [locate(origin, loc, "wrong-type", "must be a mapping of field: value")]
    model = TABLES[table]
    cited = table in CITED_TABLES
    screened, at = _screened(table, origin, loc, value)
    problems = _derived_written(model, value, origin, loc)
    computed = derived(model)  # reported above; validating them too would repeat it as noise
    fields: dict[str, Any] = {k: v for k, v in value.items() if k not in computed and not (cited and k == "citations")}
    if table == "sources" and isinstance(value.get("id"), str):
        if value["id"] not in texts:
            missing = f"no archived text at raw/sources/texts/{value['id']}.txt"
            problems.append(locate(origin, (*loc, "id"), "missing-source-text", missing))
        elif texts[value["id"]] is not None:  # an unusable text is reported on its own file
            fields["text_sha256"] = hashlib.sha256(texts[value["id"]]).hexdigest()
    if derive is not None:
        fields = derive(fields)
    entries: list[Entry] = []
    try:
        record = shared_fields_set(model.model_validate(fields))
        if not any(where and where[0] != "citations" for where in at):
            entries.append(Entry(record, origin, loc))
    except ValidationError as error:
        problems += _from_error(error, origin, loc, model)
    if cited:
        citations, citation_problems = _citations(value.get("citations"), value.get("id"), origin, loc)
        spoilt = {where[1] for where in at if len(where) > 1 and where[0] == "citations"}
        entries += [e for e in citations if e.loc[-1] not in spoilt]
        problems += citation_problems
    return entries, [*_besides(problems, screened), *screened]


#: One set object per distinct set of fields written: a set of 20 names takes 728 bytes, and a 100k
#: build holds ~350,000 models (records, citations, nested participants), most of them with one of
#: a few dozen sets. Sharing is safe: the models are frozen, and ``model_copy`` copies the set.
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


def shared_fields_set(record: BaseModel) -> Any:
    """``record``, and the models nested in it, holding the shared set of the fields they were given."""
    fields_set = record.__pydantic_fields_set__
    object.__setattr__(record, "__pydantic_fields_set__", _FIELDS_SETS.setdefault(frozenset(fields_set), fields_set))
    for column in nested(type(record)):
        value = record.__dict__[column.name]
        for inner in (value or ()) if column.is_list else (value,) if value is not None else ():
            shared_fields_set(inner)
    return record


def citation_id(record_id: str, citation: dict[str, Any]) -> str:
    """``<record id>#<10 hex digits>`` from the source and the normalised quote: what the citation
    is, not where it stands, so it keeps its id when other citations are added, removed or moved
    (a record never cites the same passage of a source twice; the build refuses it)."""
    from .checks import normalise  # checks imports this module

    source, quote = citation.get("source_id"), citation.get("quote")
    if not isinstance(source, str) or not isinstance(quote, str):
        return f"{record_id}#0000000000"  # the invalid field is reported on its own
    digest = hashlib.sha256(f"{source}\n{normalise(quote)}".encode()).hexdigest()
    return f"{record_id}#{digest[:10]}"


def _citations(citations: Any, record_id: Any, origin: Located, loc: tuple) -> tuple[list[Entry], list[Problem]]:
    if not isinstance(citations, list) or not citations:
        return [], [
            locate(
                origin,
                (*loc, "citations"),
                "missing-citation",
                "needs at least one citation with a verbatim quote (no source, no record)",
            )
        ]
    entries, problems = [], []
    rid = record_id if isinstance(record_id, str) else "unknown-record"
    for index, value in enumerate(citations):
        where = (*loc, "citations", index)
        if not isinstance(value, dict):
            problems.append(locate(origin, where, "wrong-type", "must be a mapping with source_id and quote"))
            continue
        problems += _derived_written(Citation, value, origin, where)
        try:
            citation = shared_fields_set(
                Citation.model_validate({**value, "id": citation_id(rid, value), "record_id": rid})
            )
        except ValidationError as error:
            problems += _from_error(error, origin, where, Citation)
            continue
        entries.append(Entry(citation, origin, where))
    return entries, problems
