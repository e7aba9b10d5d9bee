"""Reading one raw YAML file safely into plain values plus the line of every key and item.

Files are composed with ruamel.yaml's YAML 1.2 resolver, so ``NO``, ``yes`` and ``on`` stay strings;
timestamps such as ``2019-03-05`` are kept as the text written (dates are parsed by the models).
Duplicate keys, anchors and aliases (which make "billion laughs" bombs), explicit tags, BOMs,
deep nesting, non-UTF-8 bytes, empty and oversized files are reported as located problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem, field_path

MAX_BYTES = 2 * 1024 * 1024
#: Records nest a few levels (record → citations → citation); deeper is a mistake or an attack.
MAX_DEPTH = 20
_PLAIN = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"}
_TYPED = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}


@dataclass
class Located:
    """A value read from ``file``, with the 1-based line of each path inside it."""

    file: str
    value: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    #: The text as written of every value YAML read as a number, boolean or null, by path.
    typed: dict[tuple, str] = field(default_factory=dict)

    def line(self, loc: tuple = ()) -> int:
        """The line of ``loc`` or of its nearest ancestor that was written in the file."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return 1


def decode(data: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """The text of a raw file, or the problem that makes it unreadable."""
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [Problem(shown, 1, "(file)", "starts with a byte-order mark; save it as UTF-8 without BOM")]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [Problem(shown, line, "(file)", f"is not UTF-8 (byte 0x{data[error.start]:02x}); save it as UTF-8")]


class _Refused(MarkedYAMLError):
    """YAML that is well formed but not allowed in raw/; its message is shown as it is."""


class _NoAnchorsComposer(Composer):
    """Stops at the first anchor or alias, where it is written: composing would place an alias at
    its anchor, and an alias bomb ("billion laughs") must not get as far as being expanded."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent) or event.anchor is not None:
            mark = "*" if isinstance(event, AliasEvent) else "&"
            raise _Refused(problem=f"{mark}{event.anchor}: anchors and aliases are not allowed; write the value out",
                           problem_mark=event.start_mark)
        return super().compose_node(parent, index)


class _Converter:
    def __init__(self, shown: str, yaml: YAML):
        self.shown = shown
        self.yaml = yaml
        self.problems: list[Problem] = []
        self.lines: dict[tuple, int] = {}
        self.typed: dict[tuple, str] = {}

    def problem(self, node: Node, loc: tuple, message: str) -> None:
        shown_field = field_path(loc[1:]) if loc else "(file)"
        self.problems.append(Problem(self.shown, node.start_mark.line + 1, shown_field, message))

    def value(self, node: Node, loc: tuple) -> Any:
        if isinstance(node, MappingNode):
            return self.mapping(node, loc)
        if isinstance(node, SequenceNode):
            result = []
            for index, item in enumerate(node.value):
                self.lines[(*loc, index)] = item.start_mark.line + 1
                result.append(self.value(item, (*loc, index)))
            return result
        return self.scalar(node, loc)

    def mapping(self, node: MappingNode, loc: tuple) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _PLAIN:
                self.problem(key_node, loc, "keys must be plain field names")
                continue
            key = key_node.value
            if key in result:
                first = self.lines[(*loc, key)]
                self.problem(key_node, (*loc, key), f"duplicate key (first written on line {first})")
                continue
            self.lines[(*loc, key)] = key_node.start_mark.line + 1
            result[key] = self.value(value_node, (*loc, key))
        return result

    def scalar(self, node: ScalarNode, loc: tuple) -> Any:
        if node.tag in _PLAIN:
            return node.value
        if node.tag in _TYPED:
            self.typed[loc] = node.value
            return self.yaml.constructor.construct_object(node)
        self.problem(node, loc, f"explicit tag {node.tag} is not allowed")
        return None


def read_yaml(path: Path, shown: str) -> tuple[Located | None, list[Problem]]:
    """Read ``path`` (displayed as ``shown``) into a :class:`Located` value, or report why not."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        return None, [Problem(shown, 1, "(file)", f"is {size} bytes; split it (at most {MAX_BYTES} per file)")]
    text, problems = decode(path.read_bytes(), shown)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem(shown, 1, "(file)", "is empty; write a list of records or delete the file")]
    yaml = YAML(typ="safe", pure=True)
    yaml.Composer = _NoAnchorsComposer
    yaml.max_depth = MAX_DEPTH
    try:
        documents = list(yaml.compose_all(text))
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        message = f"YAML syntax: {error.problem or error.context}"
        if isinstance(error, _Refused):
            message = error.problem
        elif isinstance(error, MaxDepthExceededError):
            message = f"nested more than {MAX_DEPTH} levels deep; a record is a mapping of fields and short lists"
        elif error.problem and error.context and error.context_mark and error.context_mark.line + 1 != line:
            message += f" ({error.context} begun on line {error.context_mark.line + 1})"
        return None, [Problem(shown, line, "(file)", message)]
    except YAMLError as error:
        return None, [Problem(shown, 1, "(file)", f"YAML syntax: {error}")]
    if not documents:
        return None, [Problem(shown, 1, "(file)", "holds only comments; write a list of records or delete the file")]
    if len(documents) != 1 or documents[0] is None:
        return None, [Problem(shown, 1, "(file)", "must hold exactly one YAML document: a list of records")]
    converter = _Converter(shown, yaml)
    value = converter.value(documents[0], ())
    if converter.problems:
        return None, converter.problems
    return Located(shown, value, converter.lines, converter.typed), []
