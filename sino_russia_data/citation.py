"""How to cite a version of the dataset: BibTeX, APA and CITATION.cff text.

Built from :mod:`sino_russia_data.metadata` and a build manifest, so a citation names the exact
data: its version and, where the format has room, the SHA-256 of every table file.
"""

from __future__ import annotations

import json
from typing import Any

from . import metadata

_NO_DATE = "n.d."  # the metadata records no release date


def _authors() -> list[str]:
    return [author["name"] for author in metadata.AUTHORS]


def _checksums(manifest: dict[str, Any]) -> list[tuple[str, str]]:
    return [(entry["file"], entry["sha256"]) for entry in manifest["tables"].values()]


def bibtex(manifest: dict[str, Any]) -> str:
    version = manifest["version"]
    sums = "; ".join(f"{file} {digest}" for file, digest in _checksums(manifest))
    fields = {
        "title": "{" + metadata.TITLE + "}",
        "author": " and ".join("{" + name + "}" for name in _authors()),
        "version": version,
        "url": metadata.REPOSITORY,
        "note": f"Dataset, version {version}; data licence {metadata.DATA_LICENSE}. SHA-256: {sums}",
    }
    key = f"{metadata.SHORT_TITLE}-{version}".replace("-", "_").replace(".", "_")
    body = ",\n".join(f"  {name:<7} = {{{value}}}" for name, value in fields.items())
    return f"@misc{{{key},\n{body}\n}}"


def apa(manifest: dict[str, Any]) -> str:
    sums = "; ".join(f"{file} {digest}" for file, digest in _checksums(manifest))
    return (
        f"{', '.join(_authors())}. ({_NO_DATE}). {metadata.TITLE} (Version {manifest['version']}) [Data set]. "
        f"{metadata.REPOSITORY} (SHA-256: {sums})"
    )


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def cff_text(version: str, checksums: list[tuple[str, str]] = ()) -> str:
    """CITATION.cff (CFF 1.2.0) for ``version``, from :mod:`metadata`; with ``checksums`` (file,
    SHA-256) as identifiers. The one CFF writer: ``cite("cff")`` and the committed CITATION.cff."""
    lines = [
        "cff-version: 1.2.0",
        f"message: {_quoted(f'If you use this dataset, please cite it as below. The data are licensed {metadata.DATA_LICENSE}; the code that builds and loads them is licensed {metadata.CODE_LICENSE}.')}",
        'type: "dataset"',
        f"title: {_quoted(metadata.TITLE)}",
        f"version: {_quoted(version)}",
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
    for file, digest in checksums:
        lines += ["  - type: other", f"    value: {_quoted('sha256:' + digest)}", f"    description: {_quoted('SHA-256 of ' + file)}"]
    return "\n".join(lines) + "\n"


def cff(manifest: dict[str, Any]) -> str:
    return cff_text(manifest["version"], _checksums(manifest))


_RENDERERS = {"bibtex": bibtex, "apa": apa, "cff": cff}
FORMATS = tuple(_RENDERERS)


def format_citation(style: str, manifest: dict[str, Any]) -> str:
    """The citation of the build described by ``manifest`` in ``style`` (one of :data:`FORMATS`)."""
    if style not in _RENDERERS:
        raise ValueError(f"unknown citation format {style!r}; formats are: {', '.join(FORMATS)}")
    return _RENDERERS[style](manifest)


def cite(format: str = "bibtex") -> str:
    """How to cite the installed version: ``"bibtex"``, ``"apa"`` or ``"cff"`` (CITATION.cff text).

    Names the version and, in BibTeX's note, APA's trailing note and CFF identifiers, the SHA-256
    of every table file, from the installed manifest. Reads only the manifest: no pyarrow, no pydantic.
    """
    from .store import manifest

    return format_citation(format, manifest())
