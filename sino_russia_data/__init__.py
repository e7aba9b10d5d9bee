"""sino-russia-data: a hand-verified, source-cited dataset of China–Russia diplomatic interactions
on the Korean peninsula and regional security, 2013–2025.

    import sino_russia_data as srd
    srd.tables()              # ['topics', 'sources', 'actors', 'events', ...]
    srd.load("events")        # pyarrow.Table
    srd.records("events")     # validated pydantic models
    srd.load("events", since=2019, country="RUS")     # filtered (see sino_russia_data.query)
    srd.participants(actor_all=["act-xi-jinping", "act-vladimir-putin"])   # long tables
    srd.codebook("events")    # every column: type, vocabulary, derived, description
    srd.get("ev-...")  /  srd.evidence("ev-...")       # one record, and its quotes and sources

Submodules are imported on first use, so ``import sino_russia_data`` stays cheap: pyarrow is loaded
by the first ``load``, pydantic by the first ``records``.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:  # what IDEs and type checkers see; at run time __getattr__ imports on first use
    from .api import Evidence, evidence, get, load, records, to_hf, to_hf_dict, to_pandas, to_polars
    from .citation import cite
    from .codebook_table import codebook
    from .errors import DataIntegrityError, UnknownRecord
    from .long import cited_sources, names, offices, participants, record_topics
    from .store import data_dir, manifest, tables, verify

_PUBLIC = {
    "data_dir": "store",
    "manifest": "store",
    "tables": "store",
    "verify": "store",
    "load": "api",
    "records": "api",
    "get": "api",
    "evidence": "api",
    "Evidence": "api",
    "to_pandas": "api",
    "to_polars": "api",
    "to_hf": "api",
    "to_hf_dict": "api",
    "participants": "long",
    "offices": "long",
    "record_topics": "long",
    "cited_sources": "long",
    "names": "long",
    "codebook": "codebook_table",  # not a module named codebook: importing it would shadow the function
    "cite": "citation",
    "DataIntegrityError": "errors",
    "UnknownRecord": "errors",
}

__all__ = [
    "DataIntegrityError",
    "Evidence",
    "UnknownRecord",
    "__version__",
    "cite",
    "cited_sources",
    "codebook",
    "data_dir",
    "evidence",
    "get",
    "load",
    "manifest",
    "names",
    "offices",
    "participants",
    "record_topics",
    "records",
    "tables",
    "to_hf",
    "to_hf_dict",
    "to_pandas",
    "to_polars",
    "verify",
]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        value = getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
