"""Reading one raw YAML file safely into plain values plus the line of every key and item.

Files are composed with ruamel.yaml's YAML 1.2 resolver, so ``NO``, ``yes`` and ``on`` stay strings;
timestamps such as ``2019-03-05`` are kept as the text written (dates are parsed by the models).
Duplicate keys, anchors and aliases (which make "billion laughs" bombs), explicit tags, BOMs,
deep nesting, non-UTF-8 bytes, empty and oversized files are reported as located problems.

Composing uses ruamel's C parser (ruamel.yaml.clib, libyaml) when installed: the pure-Python one
takes ~10 s per 10,000 records. The C parser drops anchors from the nodes, knows no depth limit and
follows YAML 1.1 in a few corners, so the pure parser composes any file where they could differ (one
holding ``&``, a ``%`` directive or a Unicode line break, or nested deeper than ``MAX_DEPTH``) and
any file the C parser rejects, which keeps every value, line and message the same.
"""

from __future__ import annotations

import marshal
import zlib
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

from .problems import Problem, field_path

MAX_BYTES = 2 * 1024 * 1024
#: Records nest a few levels (record → citations → citation); deeper is a mistake or an attack.
MAX_DEPTH = 20
_PLAIN = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"}
_TYPED = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}
#: What only the pure parser reads faithfully: anchors, and line breaks YAML 1.2 dropped (and directives).
_PURE_ONLY = ("&", "\x85", "\u2028", "\u2029", "\n%")

_HAVE_C_PARSER = YAML(typ="safe").Parser is not YAML(typ="safe", pure=True).Parser


class _Yaml12Resolver(VersionedResolver):
    """ruamel's YAML 1.2 resolver with the version fixed (files with a directive go to the pure
    parser): looking the version up for every scalar costs more than the C parser's own work."""

    processing_version = (1, 2)


class Located:
    """A value read from ``file``, with the 1-based line of each path inside it.

    The line map (a path for every key and item: ~12,000 per file of 500 records, ~1.9 MB as a
    dict) is kept packed, ~70 kB, and unpacked when a line is first asked for: a build that finds no
    problem never asks. Once a file's records are validated, :meth:`validated` drops the value and
    the texts of typed scalars, which only validating reads; the line map stays for the problems
    found across records.
    """

    __slots__ = ("_lines", "_packed", "file", "typed", "value")

    def __init__(self, file: str, value: Any, lines: dict[tuple, int] | None = None, typed: dict | None = None):
        self.file = file
        self.value = value
        #: The text as written of every value YAML read as a number, boolean or null, by path.
        self.typed: dict[tuple, str] = typed if typed is not None else {}
        self._lines: dict[tuple, int] | None = None
        self._packed = zlib.compress(marshal.dumps(lines or {}), 1)

    @property
    def lines(self) -> dict[tuple, int]:
        """The line of every path written in the file (unpacked once, on first use)."""
        if self._lines is None:
            self._lines = marshal.loads(zlib.decompress(self._packed))
        return self._lines

    def line(self, loc: tuple = ()) -> int:
        """The line of ``loc`` or of its nearest ancestor that was written in the file."""
        lines = self.lines
        for end in range(len(loc), -1, -1):
            if loc[:end] in lines:
                return lines[loc[:end]]
        return 1

    def validated(self) -> None:
        """Drop what only validating the file's records needs: the value and the typed texts."""
        self.value = None
        self.typed = {}

    def __getstate__(self) -> tuple:  # sent from the reading processes packed, as it is kept
        return self.file, self.value, self.typed, self._packed

    def __setstate__(self, state: tuple) -> None:
        self.file, self.value, self.typed, self._packed = state
        self._lines = None


def decode(data: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """The text of a raw file, or the problem that makes it unreadable."""
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [
            Problem(shown, 1, "(file)", "bad-encoding", "starts with a byte-order mark; save it as UTF-8 without BOM")
        ]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = f"is not UTF-8 (byte 0x{data[error.start]:02x}); save it as UTF-8"
        return None, [Problem(shown, line, "(file)", "bad-encoding", message)]


class _Refused(MarkedYAMLError):
    """YAML that is well formed but not allowed in raw/; its message is shown as it is."""


class _NoAnchorsComposer(Composer):
    """Stops at the first anchor or alias, where it is written: composing would place an alias at
    its anchor, and an alias bomb ("billion laughs") must not get as far as being expanded."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent) or event.anchor is not None:
            mark = "*" if isinstance(event, AliasEvent) else "&"
            raise _Refused(
                problem=f"{mark}{event.anchor}: anchors and aliases are not allowed; write the value out",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


class _Converter:
    def __init__(self, shown: str, yaml: YAML):
        self.shown = shown
        self.yaml = yaml
        self.problems: list[Problem] = []
        self.lines: dict[tuple, int] = {}
        self.typed: dict[tuple, str] = {}
        #: One object per distinct text in the file (keys, kinds, ids, codes repeat on every record):
        #: sent to the validating process once, and shared by the models made from them.
        self.texts: dict[str, str] = {}

    def problem(self, node: Node, loc: tuple, code: str, message: str) -> None:
        shown_field = field_path(loc[1:]) if loc else "(file)"
        self.problems.append(Problem(self.shown, node.start_mark.line + 1, shown_field, code, message))

    def value(self, node: Node, loc: tuple) -> Any:
        if isinstance(node, MappingNode):
            return self.mapping(node, loc)
        if isinstance(node, SequenceNode):
            result = []
            for index, item in enumerate(node.value):
                where = (*loc, index)
                self.lines[where] = item.start_mark.line + 1
                result.append(self.value(item, where))
            return result
        return self.scalar(node, loc)

    def mapping(self, node: MappingNode, loc: tuple) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _PLAIN:
                self.problem(key_node, loc, "yaml-refused", "keys must be plain field names")
                continue
            key = self.texts.setdefault(key_node.value, key_node.value)
            where = (*loc, key)
            if key in result:
                self.problem(
                    key_node, where, "duplicate-key", f"duplicate key (first written on line {self.lines[where]})"
                )
                continue
            self.lines[where] = key_node.start_mark.line + 1
            result[key] = self.value(value_node, where)
        return result

    def scalar(self, node: ScalarNode, loc: tuple) -> Any:
        tag = node.tag
        if tag in _PLAIN:
            return self.texts.setdefault(node.value, node.value)
        if tag in _TYPED:
            self.typed[loc] = node.value
            try:
                return self.yaml.constructor.construct_object(node)
            except (YAMLError, ValueError):  # an explicit tag on text it cannot hold, e.g. "!!int Moscow"
                unreadable = f"{node.value!r} cannot be read as {tag.rpartition(':')[2]}; remove the tag"
                self.problem(node, loc, "yaml-refused", unreadable)
                return None
        self.problem(node, loc, "yaml-refused", f"explicit tag {tag} is not allowed")
        return None


def _compose_fast(text: str) -> list[Node] | None:
    """The documents composed by the C parser, or None where the pure one must do it."""
    if not _HAVE_C_PARSER or text.startswith("%") or any(mark in text for mark in _PURE_ONLY):
        return None
    fast = YAML(typ="safe")
    fast.Resolver = _Yaml12Resolver
    try:
        documents = list(fast.compose_all(text))
    except YAMLError:
        return None  # the pure parser reports it, in its words
    return None if any(_deeper_than(MAX_DEPTH, node) for node in documents) else documents


def _deeper_than(limit: int, root: Node | None) -> bool:
    """Whether collections nest more than ``limit`` levels below ``root`` (walked without recursion)."""
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, MappingNode | SequenceNode):
            if depth >= limit:
                return True
            children = [v for _, v in node.value] if isinstance(node, MappingNode) else node.value
            stack.extend((child, depth + 1) for child in children)
    return False


def read_yaml(path: Path, shown: str) -> tuple[Located | None, list[Problem]]:
    """Read ``path`` (displayed as ``shown``) into a :class:`Located` value, or report why not."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        too_large = f"is {size} bytes; split it (at most {MAX_BYTES} per file)"
        return None, [Problem(shown, 1, "(file)", "file-too-large", too_large)]
    text, problems = decode(path.read_bytes(), shown)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem(shown, 1, "(file)", "empty-file", "is empty; write a list of records or delete the file")]
    yaml = YAML(typ="safe", pure=True)
    yaml.Composer = _NoAnchorsComposer
    yaml.max_depth = MAX_DEPTH
    try:
        documents = _compose_fast(text)
        if documents is None:
            documents = list(yaml.compose_all(text))
    except MarkedYAMLError as error:
        return None, [_syntax_problem(error, shown)]
    except YAMLError as error:
        return None, [Problem(shown, 1, "(file)", "yaml-syntax", f"YAML syntax: {error}")]
    if not documents:
        comments = "holds only comments; write a list of records or delete the file"
        return None, [Problem(shown, 1, "(file)", "empty-file", comments)]
    if len(documents) != 1 or documents[0] is None:
        return None, [
            Problem(shown, 1, "(file)", "not-a-list", "must hold exactly one YAML document: a list of records")
        ]
    converter = _Converter(shown, yaml)
    value = converter.value(documents[0], ())
    if converter.problems:
        return None, converter.problems
    return Located(shown, value, converter.lines, converter.typed), []


def _syntax_problem(error: MarkedYAMLError, shown: str) -> Problem:
    """Where and why composing stopped: a syntax error, or YAML that raw/ refuses (an anchor, depth)."""
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    if isinstance(error, _Refused):
        return Problem(shown, line, "(file)", "yaml-refused", error.problem)
    if isinstance(error, MaxDepthExceededError):
        deep = f"nested more than {MAX_DEPTH} levels deep; a record is a mapping of fields and short lists"
        return Problem(shown, line, "(file)", "yaml-refused", deep)
    message = f"YAML syntax: {error.problem or error.context}"
    if error.problem and error.context and error.context_mark and error.context_mark.line + 1 != line:
        message += f" ({error.context} begun on line {error.context_mark.line + 1})"
    return Problem(shown, line, "(file)", "yaml-syntax", message)
