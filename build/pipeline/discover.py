"""Finding the files of a raw/ tree: record files by table, archived source texts by source id,
and anything that does not belong (with why), and reading the source texts."""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

from sino_russia_data.models import TABLES

from .problems import Problem
from .yaml_reader import MAX_BYTES, decode

RECORD_TABLES = tuple(t for t in TABLES if t != "citations")
TEXTS = ("sources", "texts")
MAX_TEXT_BYTES = 4 * MAX_BYTES


def file_label(raw: Path, path: Path) -> str:
    """How a file is named in problems: ``raw/<path inside raw>``, whatever the folder's location."""
    return f"{raw.resolve().name}/{path.relative_to(raw).as_posix()}"


def discover(raw: Path) -> tuple[dict[str, list[Path]], dict[str, Path], list[Problem]]:
    """Raw YAML files by table, archived source texts by source id, and misplaced files."""
    root = raw.resolve()
    shown = raw.resolve().name
    yaml_files: dict[str, list[Path]] = defaultdict(list)
    texts: dict[str, Path] = {}
    problems: list[Problem] = []
    for folder, dirnames, filenames in os.walk(raw):
        dirnames.sort()
        here = Path(folder)
        for name in sorted(dirnames) + sorted(filenames):
            path = here / name
            relative = path.relative_to(raw)
            label = file_label(raw, path)
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except FileNotFoundError:
                    target = path.resolve()  # broken: reported below as not a regular file
                except (OSError, RuntimeError):  # RuntimeError: Python 3.11's "Symlink loop"
                    problems.append(
                        Problem(
                            label,
                            1,
                            "(file)",
                            "bad-link",
                            "is a link that loops back to itself; replace it with the file it should name",
                        )
                    )
                    continue
                if not target.is_relative_to(root):
                    problems.append(Problem(label, 1, "(file)", "bad-link", f"is a link to {target}, outside {shown}/"))
                    continue
                if target.is_dir():
                    problems.append(
                        Problem(label, 1, "(file)", "bad-link", "is a link to a folder; move the files here")
                    )
                    continue
            if path.is_dir():
                continue
            parts = relative.parts
            if path.suffix == ".md":
                continue  # contributors' documentation
            if not path.is_file():  # reading a pipe would wait for ever; a broken link cannot be read
                irregular = "is not a regular file (a broken link, a pipe or a device)"
                problems.append(Problem(label, 1, "(file)", "not-a-regular-file", irregular))
                continue
            if len(parts) == 2 and parts[0] in RECORD_TABLES and path.suffix == ".yaml":
                yaml_files[parts[0]].append(path)
            elif parts[:2] == TEXTS and len(parts) == 3 and path.suffix == ".txt":
                texts[path.stem] = path
            else:
                problems.append(
                    Problem(
                        label,
                        1,
                        "(file)",
                        "unexpected-file",
                        f"unexpected file; records go in {shown}/<table>/*.yaml "
                        f"(tables: {', '.join(RECORD_TABLES)}), source texts in {shown}/sources/texts/<id>.txt",
                    )
                )
    return yaml_files, texts, problems


def read_texts(raw: Path, texts: dict[str, Path]) -> tuple[dict[str, bytes | None], list[Problem]]:
    """Each archived text's bytes by source id; None for a text that is there but unusable."""
    found: dict[str, bytes | None] = {}
    problems: list[Problem] = []
    for source_id, path in sorted(texts.items()):
        label = file_label(raw, path)
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            too_large = f"is {size} bytes; archive the passages used (at most {MAX_TEXT_BYTES})"
            problems.append(Problem(label, 1, "(file)", "file-too-large", too_large))
            found[source_id] = None
            continue
        data = path.read_bytes()
        text, bad = decode(data, label)
        if text is None:
            problems += bad
        elif not text.strip():
            problems.append(
                Problem(label, 1, "(file)", "empty-file", "is empty; archive the text the quotes come from")
            )
        found[source_id] = data if text and text.strip() else None
    return found, problems
