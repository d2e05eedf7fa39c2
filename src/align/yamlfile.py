"""Read a YAML file safely into plain values that remember their line, for strict schema checks.

Why not `yaml.safe_load`: it keeps the last of two duplicate keys silently, forgets line numbers, and
expands aliases without limit (a "billion laughs" file exhausts memory). Here the document is composed
into nodes (no object construction, so tags such as `!!python/object` are refused, not run), checked,
and converted with line numbers kept.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Largest file align reads (5 MiB: about 20,000 objectives of Thai text)."""
MAX_DEPTH = 64
"""Deepest nesting of YAML collections accepted."""
MAX_ALIAS_GROWTH = 10_000
"""How many more nodes aliases may add to a document before it is refused as an alias bomb."""

# libyaml's composer is ~15x faster and, like the pure-Python one, shares alias nodes instead of copying them.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
}
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


@dataclass(frozen=True, slots=True)
class Located:
    """A value read from YAML with its 1-based line."""

    value: Any
    """str, int, float, bool, None, date, list[Located] or dict[str, Located]."""
    line: int


class YamlProblem(Exception):
    """What is wrong with the file, and where; loader.py turns it into an InputError."""

    def __init__(self, problem: str, line: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


def clean_text(text: str) -> str:
    """NFC and no zero-width characters: Thai typed or pasted on different systems compares equal."""
    return unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)


def read(path: Path) -> Located:
    """Read and check one YAML file; raises YamlProblem."""
    return parse(_read_text(path))


def parse(text: str) -> Located:
    """Parse YAML text into located values; raises YamlProblem."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlProblem(f"invalid YAML: {exc.problem or exc.context}", line) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid YAML: {exc}") from None
    except RecursionError:
        raise YamlProblem(f"invalid YAML: nested deeper than {MAX_DEPTH} levels") from None
    if node is None:
        raise YamlProblem("the file is empty")
    _check_size(node)
    return _convert(node, depth=0)


def _read_text(path: Path) -> str:
    if path.is_dir():
        raise YamlProblem("is a directory, not a YAML file")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlProblem(f"is {size:,} bytes; align reads files up to {MAX_FILE_BYTES:,} bytes")
        data = path.read_bytes()
    except FileNotFoundError:
        raise YamlProblem("no such file") from None
    except PermissionError:
        raise YamlProblem("cannot be read: permission denied") from None
    except OSError as exc:
        raise YamlProblem(f"cannot be read: {exc.strerror or exc}") from None
    return decode(data)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM, any line ends); a Thai legacy encoding is named, not guessed."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if _looks_like_thai_legacy(data):
            raise YamlProblem(
                "is not UTF-8: it looks like Thai saved as Windows-874 (TIS-620); convert it, e.g. "
                "`iconv -f CP874 -t UTF-8 in.yaml > out.yaml`",
                line,
            ) from None
        raise YamlProblem(f"is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", line) from None
    return text.replace("\r\n", "\n")


def _looks_like_thai_legacy(data: bytes) -> bool:
    # TIS-620 / Windows-874 put Thai letters at 0xA1-0xFB; in UTF-8 those bytes never stand alone.
    high = [b for b in data if b >= 0x80]
    if not high:
        return False
    thai = sum(1 for b in high if 0xA1 <= b <= 0xFB)
    return thai / len(high) > 0.9 and _decodes(data, "cp874")


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _check_size(root: yaml.Node) -> None:
    """Refuse alias bombs and recursive aliases before anything is expanded."""
    distinct: set[int] = set()
    expanded: dict[int, int] = {}
    on_path: set[int] = set()

    def size(node: yaml.Node, depth: int) -> int:
        key = id(node)
        if key in expanded:
            return expanded[key]
        if key in on_path:
            raise YamlProblem("an alias refers to a node that contains it (recursive YAML)", _line(node))
        if depth > MAX_DEPTH:
            raise YamlProblem(f"nested deeper than {MAX_DEPTH} levels", _line(node))
        distinct.add(key)
        on_path.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        on_path.discard(key)
        expanded[key] = total
        return total

    total = size(root, 0)
    if total > len(distinct) + MAX_ALIAS_GROWTH:
        raise YamlProblem(
            f"YAML aliases expand {len(distinct):,} nodes to {total:,}; refused (an alias bomb?)",
            _line(root),
        )


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _convert(node: yaml.Node, depth: int) -> Located:
    line = _line(node)
    if node.tag not in _PLAIN_TAGS:
        raise YamlProblem(f"YAML tag '{node.tag}' is not allowed (only plain data)", line)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Located] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem("a mapping key must be plain text", _line(key_node))
            key = _scalar(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                raise YamlProblem(
                    f"duplicate key '{key}' (first at line {result[key].line}); YAML would keep only the last",
                    _line(key_node),
                )
            result[key] = _convert(value_node, depth + 1)
        return Located(result, line)
    if isinstance(node, yaml.SequenceNode):
        return Located([_convert(child, depth + 1) for child in node.value], line)
    value = _scalar(node)
    if isinstance(value, str):
        value = clean_text(value)
    return Located(value, line)


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _scalar(node: yaml.Node) -> Any:
    try:
        return _CONSTRUCTOR.construct_object(node)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        raise YamlProblem(f"cannot read value '{node.value}': {exc}", _line(node)) from None
