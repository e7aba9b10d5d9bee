"""The column plan's facts the read path needs, generated from the models by
`python build/release.py write` (build/releasing/plan_facts.py); do not edit.

Literals, so filtering a table and encoding its vocabularies (``load(..., kind=...)``,
``to_hf()``, ``to_pandas()``) cost no import of pydantic and the models.
"""

#: table → filter role → the columns it reads, each a path of field names through lists and nested
#: models. Roles: see :class:`sino_russia_data.models.Filter`.
FILTERS: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {
    "topics": {
        "text": (("label",), ("definition",)),
    },
    "sources": {
        "text": (("title",), ("publisher",), ("authors",)),
        "date": (("published",),),
        "kind": (("kind",),),
    },
    "actors": {
        "text": (("name",), ("name_zh",), ("name_ru",), ("name_ko",), ("aliases",)),
        "country": (("country",),),
    },
    "events": {
        "kind": (("kind",),),
        "text": (("title",), ("city",), ("summary",), ("series_name",)),
        "date": (("date",),),
        "country": (("country",),),
        "actor": (("participants", "actor"),),
        "topic": (("topics",),),
    },
    "statements": {
        "actor": (("speaker",),),
        "text": (("text",), ("text_en",), ("occasion",)),
        "date": (("date",),),
        "topic": (("topics",),),
    },
    "positions": {
        "text": (("name",), ("aliases",), ("proposes",)),
        "country": (("holders",),),
        "holder": (("holders",),),
        "date": (("date",),),
        "topic": (("topics",),),
    },
    "votes": {
        "country": (("state",),),
        "date": (("date",),),
        "text": (("document",),),
    },
    "citations": {
        "text": (("quote",), ("locator",), ("note",)),
    },
}

#: table (shipped or long) → column path → the name of its vocabulary in
#: sino_russia_data.vocabularies (whose terms, in order, the column holds)
VOCABULARIES: dict[str, dict[tuple[str, ...], str]] = {
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

#: The tables whose every record cites at least one source (models.CITED_TABLES)
CITED_TABLES: tuple[str, ...] = ("actors", "events", "statements", "positions", "votes")
