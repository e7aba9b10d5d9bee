"""Reading the models' annotations: bare types, nullability, and the references they hold."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from .models import Reference


def unwrap(annotation: Any) -> tuple[Any, bool, Reference | None]:
    """Strip ``Annotated`` and ``| None``: the bare type, whether None is allowed, any Reference."""
    nullable = False
    reference = None
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            reference = next((m for m in annotation.__metadata__ if isinstance(m, Reference)), reference)
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            nullable = nullable or len(args) < len(typing.get_args(annotation))
            if len(args) != 1:
                raise TypeError(f"unsupported union {annotation!r}")
            annotation = args[0]
        else:
            return annotation, nullable, reference


def _holds_reference(annotation: Any) -> bool:
    bare, _, reference = unwrap(annotation)
    if reference is not None:
        return True
    if typing.get_origin(bare) is list:
        return _holds_reference(typing.get_args(bare)[0])
    if isinstance(bare, type) and issubclass(bare, BaseModel):
        return any(_holds_reference(info.rebuild_annotation()) for info in bare.model_fields.values())
    return False


@dataclass(frozen=True)
class _Items:
    """Walk plan for a list: walk each element with ``item``."""

    item: Reference | _Items | None


def _plan(annotation: Any) -> Reference | _Items | None:
    """How to find the references in a value of ``annotation``; None: walk a nested model's fields.

    Planned once per field, so a walk does no typing introspection per record."""
    bare, _, reference = unwrap(annotation)
    if reference is not None:
        return reference
    if typing.get_origin(bare) is list:
        return _Items(_plan(typing.get_args(bare)[0]))
    return None


@cache
def _reference_fields(model: type[BaseModel]) -> tuple[tuple[str, Reference | _Items | None], ...]:
    fields = ((name, info.rebuild_annotation()) for name, info in model.model_fields.items())
    return tuple((name, _plan(annotation)) for name, annotation in fields if _holds_reference(annotation))


def _walk(plan: Reference | _Items | None, value: Any, loc: tuple) -> Iterator[tuple[tuple, str, str]]:
    if value is None:
        return
    if isinstance(plan, Reference):
        yield loc, plan.table, value
    elif isinstance(plan, _Items):
        for index, element in enumerate(value):
            yield from _walk(plan.item, element, (*loc, index))
    elif isinstance(value, BaseModel):
        yield from references(value, loc)


def references(record: BaseModel, loc: tuple = ()) -> Iterator[tuple[tuple, str, str]]:
    """Every (location, table, id) that ``record`` refers to, nested models included."""
    for name, plan in _reference_fields(type(record)):
        yield from _walk(plan, getattr(record, name), (*loc, name))
