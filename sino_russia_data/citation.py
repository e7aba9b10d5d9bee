"""How to cite a version of the dataset: BibTeX, APA and CITATION.cff text.

Built from :mod:`sino_russia_data.metadata` and a build manifest, so a citation names the exact
data: its version, its release date (from CHANGELOG.md, copied into the manifest by the build) and
one digest over every table file. The per-file SHA-256s stay out of the human-readable references;
CITATION.cff keeps them as identifiers, and the manifest lists them all.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from . import metadata

if TYPE_CHECKING:
    from collections.abc import Sequence

_NO_DATE = "n.d."  # APA for an undated work: a development build has no release date
_DOI_ADVICE = (
    "Once a release has a DOI (its deposit metadata is .zenodo.json in the source), cite that release by its DOI."
)


def _authors() -> list[str]:
    return [author["name"] for author in metadata.AUTHORS]


def _checksums(manifest: dict[str, Any]) -> list[tuple[str, str]]:
    return [(entry["file"], entry["sha256"]) for entry in manifest["tables"].values()]


def digest(manifest: dict[str, Any]) -> str:
    """One SHA-256 over the tables: of the lines ``<file> <sha256>``, sorted by file name."""
    lines = "".join(f"{file} {sha}\n" for file, sha in sorted(_checksums(manifest)))
    return hashlib.sha256(lines.encode()).hexdigest()


def _released(manifest: dict[str, Any]) -> str | None:
    return manifest.get("released")


def bibtex(manifest: dict[str, Any]) -> str:
    version, released = manifest["version"], _released(manifest)
    fields = {
        "title": "{" + metadata.TITLE + "}",
        "author": " and ".join("{" + name + "}" for name in _authors()),
        **({"year": released[:4], "date": released} if released else {}),
        "version": version,
        "url": metadata.REPOSITORY,
        "note": f"Dataset, version {version}{'' if released else ' (development build, not a release)'}; "
        f"data licence {metadata.DATA_LICENSE}; tables digest sha256:{digest(manifest)}",
    }
    key = f"{metadata.SHORT_TITLE}-{version}".replace("-", "_").replace(".", "_")
    body = ",\n".join(f"  {name:<7} = {{{value}}}" for name, value in fields.items())
    return f"@misc{{{key},\n{body}\n}}"


def apa(manifest: dict[str, Any]) -> str:
    released = _released(manifest)
    return (
        f"{', '.join(_authors())}. ({released[:4] if released else _NO_DATE}). {metadata.TITLE} "
        f"(Version {manifest['version']}) [Data set]. {metadata.REPOSITORY}"
    )


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def cff_text(version: str, checksums: Sequence[tuple[str, str]] = (), released: str | None = None) -> str:
    """CITATION.cff (CFF 1.2.0) for ``version``, from :mod:`metadata`; with ``checksums`` (file,
    SHA-256) as identifiers and ``released`` as date-released. The one CFF writer: ``cite("cff")``
    and the committed CITATION.cff."""
    lines = [
        "cff-version: 1.2.0",
        f"message: {_quoted(f'If you use this dataset, please cite it as below. {_DOI_ADVICE} The data are licensed {metadata.DATA_LICENSE}; the code that builds and loads them is licensed {metadata.CODE_LICENSE}.')}",
        'type: "dataset"',
        f"title: {_quoted(metadata.TITLE)}",
        f"version: {_quoted(version)}",
        *([f"date-released: {_quoted(released)}"] if released else []),
        f"abstract: {_quoted(metadata.ABSTRACT)}",
        "authors:",
        *(f"  - name: {_quoted(name)}" for name in _authors()),
        f"license: {_quoted(metadata.DATA_LICENSE)}",
        f"url: {_quoted(metadata.REPOSITORY)}",
        "keywords:",
        *(f"  - {_quoted(word)}" for word in metadata.KEYWORDS),
    ]
    if checksums:
        lines.append("identifiers:")
    for file, sha in checksums:
        lines += [
            "  - type: other",
            f"    value: {_quoted('sha256:' + sha)}",
            f"    description: {_quoted('SHA-256 of ' + file)}",
        ]
    return "\n".join(lines) + "\n"


def cff(manifest: dict[str, Any]) -> str:
    return cff_text(manifest["version"], _checksums(manifest), _released(manifest))


_RENDERERS = {"bibtex": bibtex, "apa": apa, "cff": cff}
FORMATS = tuple(_RENDERERS)


def format_citation(style: str, manifest: dict[str, Any]) -> str:
    """The citation of the build described by ``manifest`` in ``style`` (one of :data:`FORMATS`)."""
    if style not in _RENDERERS:
        raise ValueError(f"unknown citation format {style!r}; formats are: {', '.join(FORMATS)}")
    return _RENDERERS[style](manifest)


def cite(format: str = "bibtex") -> str:
    """How to cite the installed version: ``"bibtex"``, ``"apa"`` or ``"cff"`` (CITATION.cff text).

    Names the version and its release date; BibTeX's note carries one digest over the tables, CFF
    the SHA-256 of every table file. Reads only the manifest: no pyarrow, no pydantic.
    """
    from .store import manifest

    return format_citation(format, manifest())
