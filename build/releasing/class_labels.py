"""sino_russia_data/class_labels.py: which columns of each table hold which closed vocabulary.

``to_hf()`` stores those columns as class indices; reading the columns off the models means
importing pydantic and building every model (~80 ms, a tenth of the whole call), for a mapping
that changes only when a model does. So the mapping is written out once, naming the vocabularies
of ``sino_russia_data/vocabularies.py`` (whose terms stay there, in order), and a test fails when it
no longer matches ``categories.vocabularies``.
"""

from __future__ import annotations

import json
from pathlib import Path

FILE = Path(__file__).resolve().parents[2] / "sino_russia_data" / "class_labels.py"


def columns() -> dict[str, dict[tuple[str, ...], str]]:
    """Every table's (shipped and long) closed-vocabulary columns, with the name of the vocabulary."""
    from sino_russia_data import vocabularies
    from sino_russia_data.categories import vocabularies as closed
    from sino_russia_data.long import LONG_TABLES
    from sino_russia_data.models import TABLES

    named = {tuple(terms): name for name, terms in vars(vocabularies).items() if name.isupper()}
    found: dict[str, dict[tuple[str, ...], str]] = {}
    for table in [*TABLES, *LONG_TABLES]:
        for path, terms in closed(table).items():
            if terms not in named:
                raise ValueError(f"{table}: {'.'.join(path)} holds terms that are no vocabulary of vocabularies.py")
            found.setdefault(table, {})[path] = named[terms]
    return found


def _quoted(text: str) -> str:
    return json.dumps(text)  # double quotes, as ruff formats the package


def _tuple(path: tuple[str, ...]) -> str:
    return f"({', '.join(map(_quoted, path))}{',' if len(path) == 1 else ''})"


def render() -> str:
    lines = [
        '"""Which columns of each table hold which closed vocabulary, generated from the models by',
        "`python build/release.py write` (build/releasing/class_labels.py); do not edit.",
        "",
        "Literals naming the vocabularies of :mod:`sino_russia_data.vocabularies`, so ``to_hf()`` stores",
        "class indices without importing pydantic and the models; they equal ``categories.vocabularies``.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from . import vocabularies",
        "",
        "#: table → {column path (through lists and nested records) → name of its vocabulary}",
        "COLUMNS: dict[str, dict[tuple[str, ...], str]] = {",
    ]
    for table, paths in columns().items():
        lines.append(f"    {_quoted(table)}: {{")
        lines += [f"        {_tuple(path)}: {_quoted(name)}," for path, name in paths.items()]
        lines.append("    },")
    lines += [
        "}",
        "",
        "",
        "def closed(table: str) -> dict[tuple[str, ...], tuple[str, ...]]:",
        '    """Every column of ``table`` holding a closed vocabulary, with its terms in vocabulary order."""',
        "    return {path: tuple(getattr(vocabularies, name)) for path, name in COLUMNS.get(table, {}).items()}",
        "",
    ]
    return "\n".join(lines)
