"""Which columns of each table hold which closed vocabulary, generated from the models by
`python build/release.py write` (build/releasing/class_labels.py); do not edit.

Literals naming the vocabularies of :mod:`sino_russia_data.vocabularies`, so ``to_hf()`` stores
class indices without importing pydantic and the models; they equal ``categories.vocabularies``.
"""

from __future__ import annotations

from . import vocabularies

#: table → {column path (through lists and nested records) → name of its vocabulary}
COLUMNS: dict[str, dict[tuple[str, ...], str]] = {
    "sources": {
        ("published_precision",): "DATE_PRECISIONS",
        ("published_form",): "DATE_FORMS",
        ("kind",): "SOURCE_KINDS",
    },
    "actors": {
        ("type",): "ACTOR_TYPES",
        ("offices", "term_precision"): "DATE_PRECISIONS",
    },
    "events": {
        ("kind",): "EVENT_KINDS",
        ("date_precision",): "DATE_PRECISIONS",
        ("date_form",): "DATE_FORMS",
        ("outcome",): "UNSC_OUTCOMES",
    },
    "statements": {
        ("text_en_origin",): "TEXT_EN_ORIGINS",
        ("mode",): "STATEMENT_MODES",
        ("date_precision",): "DATE_PRECISIONS",
        ("date_form",): "DATE_FORMS",
    },
    "positions": {
        ("date_precision",): "DATE_PRECISIONS",
        ("date_form",): "DATE_FORMS",
    },
    "votes": {
        ("vote",): "VOTE_CASTS",
    },
    "participants": {
        ("kind",): "EVENT_KINDS",
        ("actor_type",): "ACTOR_TYPES",
    },
}


def closed(table: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Every column of ``table`` holding a closed vocabulary, with its terms in vocabulary order."""
    return {path: tuple(getattr(vocabularies, name)) for path, name in COLUMNS.get(table, {}).items()}
