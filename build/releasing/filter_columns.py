"""sino_russia_data/filter_columns.py: which columns each query filter reads, from the column plan.

The ``Filter`` markers on the models' fields are the one place these facts are declared; the query
module needs them on every filtered ``load()``, which must not import pydantic (the plan is built
from the models). So they are written out once, as literals, and a test fails when they are stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from sino_russia_data.columns import filtered, named
from sino_russia_data.models import TABLES

FILE = Path(__file__).resolve().parents[2] / "sino_russia_data" / "filter_columns.py"


def _literal(value: str | tuple) -> str:
    """A string or a tuple of them as Python source, in the form ``ruff format`` leaves alone."""
    if isinstance(value, str):
        return json.dumps(value)
    items = [_literal(item) for item in value]
    return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"


def render() -> str:
    lines = [
        '"""Which columns each query filter reads, per table: generated from the column plan',
        "(the ``Filter`` markers in sino_russia_data/models.py) by `python build/release.py write`",
        "(build/releasing/filter_columns.py); do not edit.",
        "",
        "Literals, so a filtered ``load()`` costs no import of pydantic.",
        '"""',
        "",
        "#: table → filter role → the columns it reads, each as a path of field names through lists and",
        "#: nested models. Roles: see :class:`sino_russia_data.models.Filter`.",
        "FILTERS: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {",
    ]
    kinds = {}
    for table in TABLES:
        lines.append(f"    {_literal(table)}: {{")
        for role, paths in filtered(table).items():
            lines.append(f"        {_literal(role)}: {_literal(paths)},")
        lines.append("    },")
        if "kind" in filtered(table):
            (path,) = filtered(table)["kind"]
            kinds[table] = named(TABLES[table])[path[0]].vocabulary
    lines += [
        "}",
        "",
        "#: table → the vocabulary (in sino_russia_data.vocabularies) of the column the kind filter reads",
        "KINDS: dict[str, str] = {",
        *(f"    {_literal(table)}: {_literal(vocabulary)}," for table, vocabulary in kinds.items()),
        "}",
        "",
    ]
    return "\n".join(lines)
