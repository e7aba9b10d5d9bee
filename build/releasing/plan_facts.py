"""sino_russia_data/plan_facts.py: the column plan's facts the read path needs, written as literals.

Which columns each query filter reads, and which columns hold which closed vocabulary, are declared
on the models' fields (and which tables cite sources, beside them) (``Filter`` and ``Vocabulary`` markers) and compiled into the column plan
(:mod:`sino_russia_data.columns`). Building the plan imports pydantic and every model (~80 ms); a
filtered ``load()``, ``to_hf()``, ``to_pandas()`` and ``to_polars()`` need only these two facts. So
they are written out once, and a test fails when they no longer match the plan.
"""

from __future__ import annotations

import json
from pathlib import Path

from sino_russia_data.columns import Column, columns, filtered, walk
from sino_russia_data.long import VOCABULARY_OF
from sino_russia_data.models import CITED_TABLES, TABLES

FILE = Path(__file__).resolve().parents[2] / "sino_russia_data" / "plan_facts.py"


def vocabularies() -> dict[str, dict[tuple[str, ...], str]]:
    """Every shipped and long table's closed-vocabulary columns, with the vocabulary's name."""
    found: dict[str, dict[tuple[str, ...], str]] = {}
    for table in TABLES:
        named: list[Column] = [c for c in walk(columns(table)) if c.vocabulary]
        if named:
            found[table] = {c.path: str(c.vocabulary) for c in named}
    for table, taken in VOCABULARY_OF.items():
        found[table] = {(column,): found[source][(field,)] for column, (source, field) in taken.items()}
    return found


def _literal(value: str | tuple) -> str:
    """A string or a tuple of them as Python source, in the form ``ruff format`` leaves alone."""
    if isinstance(value, str):
        return json.dumps(value)
    items = [_literal(item) for item in value]
    return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"


def render() -> str:
    lines = [
        '"""The column plan\'s facts the read path needs, generated from the models by',
        "`python build/release.py write` (build/releasing/plan_facts.py); do not edit.",
        "",
        "Literals, so filtering a table and encoding its vocabularies (``load(..., kind=...)``,",
        "``to_hf()``, ``to_pandas()``) cost no import of pydantic and the models.",
        '"""',
        "",
        "#: table → filter role → the columns it reads, each a path of field names through lists and nested",
        "#: models. Roles: see :class:`sino_russia_data.models.Filter`.",
        "FILTERS: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {",
    ]
    for table in TABLES:
        lines.append(f"    {_literal(table)}: {{")
        lines += [f"        {_literal(role)}: {_literal(paths)}," for role, paths in filtered(table).items()]
        lines.append("    },")
    lines += [
        "}",
        "",
        "#: table (shipped or long) → column path → the name of its vocabulary in",
        "#: sino_russia_data.vocabularies (whose terms, in order, the column holds)",
        "VOCABULARIES: dict[str, dict[tuple[str, ...], str]] = {",
    ]
    for table, paths in vocabularies().items():
        lines.append(f"    {_literal(table)}: {{")
        lines += [f"        {_literal(path)}: {_literal(name)}," for path, name in paths.items()]
        lines.append("    },")
    lines += [
        "}",
        "",
        "#: The tables whose every record cites at least one source (models.CITED_TABLES)",
        f"CITED_TABLES: tuple[str, ...] = {_literal(CITED_TABLES)}",
        "",
    ]
    return "\n".join(lines)
