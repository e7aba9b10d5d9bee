"""The column plan: every model compiled once into the columns it stores and what each one means.

The only place that reads the models' annotations. The Arrow schema, the closed-vocabulary columns,
Hugging Face features, the codebook and card, the downloads' metadata, the query filters' columns,
the build's reference and derived-field checks and the test strategies all read these plans, so a
fact declared on a field (a :class:`~sino_russia_data.models.Reference`, ``Derived``,
``Vocabulary``, ``Edtf`` or ``Filter`` marker) reaches every one of them.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from .models import TABLES, Derived, Edtf, Filter, Reference, Vocabulary

#: A column's location: field names from the table down, through lists and nested models.
Path = tuple[str, ...]


@dataclass(frozen=True)
class Column:
    """One column (or a field of a nested model) and every fact the models declare about it.

        ``base`` is the type of the value, or of each item when ``is_list``: ``str``, ``int``, ``bool``,
        ``datetime.date`` (a vocabulary's terms are strings), or a nested model, whose own columns
        are ``children``. ``label`` names it in the codebook and card: ``participants[].actor`` for a
        field of the models in a list, ``parent.child`` for one in a single nested model. Markers inside a list's items (the ``Reference`` of ``list[TopicRef]``) count
        as the column's; ``markers`` and ``item_markers`` keep every ``Annotated`` metadata object found
    outside and inside the list (string constraints, validators) for consumers that need them."""

    name: str
    path: Path
    label: str
    base: Any
    nullable: bool
    is_list: bool
    item_nullable: bool
    reference: str | None
    vocabulary: str | None
    derived: bool
    edtf: bool
    filters: tuple[str, ...]
    description: str
    children: tuple[Column, ...]
    markers: tuple[Any, ...]
    item_markers: tuple[Any, ...]

    @property
    def terms(self) -> tuple[str, ...] | None:
        """The closed vocabulary's terms, in order, or None."""
        return Vocabulary(self.vocabulary).terms if self.vocabulary else None

    @property
    def model(self) -> type[BaseModel] | None:
        """The nested model this column holds (each item, for a list), or None."""
        return self.base if self.children else None


def _strip(annotation: Any, markers: list[Any]) -> tuple[Any, bool]:
    """``annotation`` without ``Annotated`` and ``| None``; its markers are appended to ``markers``."""
    nullable = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            markers += annotation.__metadata__
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                raise TypeError(f"unsupported union {annotation!r}")
            nullable, annotation = True, args[0]
        else:
            return annotation, nullable


def _first(markers: list[Any], kind: type) -> Any:
    return next((m for m in markers if isinstance(m, kind)), None)


def _column(name: str, path: Path, label: str, annotation: Any, description: str | None) -> Column:
    outer: list[Any] = []
    inner: list[Any] = []
    base, nullable = _strip(annotation, outer)
    is_list, item_nullable = typing.get_origin(base) is list, False
    if is_list:
        base, item_nullable = _strip(typing.get_args(base)[0], inner)
    markers = outer + inner
    reference, vocabulary = _first(markers, Reference), _first(markers, Vocabulary)
    nested = isinstance(base, type) and issubclass(base, BaseModel)
    return Column(
        name=name,
        path=path,
        label=label,
        base=base,
        nullable=nullable,
        is_list=is_list,
        item_nullable=item_nullable,
        reference=reference.table if reference else None,
        vocabulary=vocabulary.name if vocabulary else None,
        derived=_first(markers, Derived) is not None,
        edtf=_first(markers, Edtf) is not None,
        filters=tuple(dict.fromkeys(m.role for m in markers if isinstance(m, Filter))),
        description=description or "",
        children=_fields(base, path, f"{label}{'[]' if is_list else ''}.") if nested else (),
        markers=tuple(outer),
        item_markers=tuple(inner),
    )


def _fields(model: type[BaseModel], prefix: Path, label: str) -> tuple[Column, ...]:
    return tuple(
        _column(name, (*prefix, name), f"{label}{name}", info.rebuild_annotation(), info.description)
        for name, info in model.model_fields.items()
    )


@cache
def plan(model: type[BaseModel]) -> tuple[Column, ...]:
    """The columns of ``model``, in field order, nested models' fields as ``children``."""
    return _fields(model, (), "")


@cache
def named(model: type[BaseModel]) -> dict[str, Column]:
    """The columns of ``model`` by field name."""
    return {column.name: column for column in plan(model)}


def columns(table: str) -> tuple[Column, ...]:
    """The columns of the shipped table ``table``."""
    return plan(TABLES[table])


def walk(top: tuple[Column, ...]) -> Iterator[Column]:
    """Every column of ``top`` and, depth first, of the models nested in them."""
    for column in top:
        yield column
        yield from walk(column.children)


@cache
def nested(model: type[BaseModel]) -> tuple[Column, ...]:
    """The columns of ``model`` holding nested models (each item's, for a list)."""
    return tuple(column for column in plan(model) if column.model is not None)


@cache
def derived(model: type[BaseModel]) -> frozenset[str]:
    """The names of ``model``'s own fields that are computed, which raw/ must not write."""
    return frozenset(column.name for column in plan(model) if column.derived)


@cache
def closed(table: str) -> dict[Path, tuple[str, ...]]:
    """Every column of ``table``, nested ones included, holding a closed vocabulary: its terms."""
    return {c.path: c.terms for c in walk(columns(table)) if c.terms is not None}


@cache
def filtered(table: str) -> dict[str, tuple[Path, ...]]:
    """Each filter role that applies to ``table`` and the columns it reads, in field order."""
    found: dict[str, tuple[Path, ...]] = {}
    for column in walk(columns(table)):
        for role in column.filters:
            found[role] = (*found.get(role, ()), column.path)
    return found


def references(record: BaseModel) -> Iterator[tuple[Path, str, str]]:
    """Every (location, table, id) that ``record`` refers to, nested models included; a location
    counts list positions (``("participants", 0, "actor")``)."""
    return _references(plan(type(record)), record, ())


def _references(top: tuple[Column, ...], record: BaseModel, loc: tuple[Any, ...]) -> Iterator[tuple[Any, str, str]]:
    for column in _referring(top):
        value = getattr(record, column.name)
        items = enumerate(value) if column.is_list else [(None, value)]
        for index, item in items:
            at = (*loc, column.name) if index is None else (*loc, column.name, index)
            if item is None:
                continue
            if column.reference is not None:
                yield at, column.reference, item
            else:
                yield from _references(column.children, item, at)


@cache
def _referring(top: tuple[Column, ...]) -> tuple[Column, ...]:
    """The columns of ``top`` that hold a reference, themselves or in a nested model (cached, so a
    walk over 100,000 records looks at the annotations once)."""
    return tuple(c for c in top if c.reference is not None or any(_referring(c.children)))
