"""Read a YAML file safely into plain values that remember their line, for strict schema checks.

Why not `yaml.safe_load`: it keeps the last of two duplicate keys silently, forgets line numbers, and
expands aliases without limit (a "billion laughs" file exhausts memory). Here the parser's event stream is
turned into values directly, with every limit checked as the events arrive, so a hostile file is refused
after a bounded amount of work: nothing is constructed from tags (`!!python/object` is refused, not run),
aliases share the value they name instead of copying it, and their expanded size is counted.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest file align reads: 64 MiB, about 200,000 objectives of Thai text (a national office's whole
portfolio in one file); the bundled files are under 20 KB."""
MAX_VALUES = 5_000_000
"""Most values (scalars, lists, mappings) a file may hold, counting each alias as the values it repeats."""
MAX_DEPTH = 64
"""Deepest nesting of YAML collections accepted."""
MAX_NUMBER_CHARS = 100
"""Longest number accepted (a longer one is a mistake, and converting it can take quadratic time)."""

# With libyaml, reading is 6-11 times faster than with PyYAML's pure-Python parser (docs/input.md); both give
# the same events. PyYAML's wheels ship libyaml for every common platform.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _MERGE = _YAML + "str", _YAML + "int", _YAML + "float", _YAML + "merge"
_TIMESTAMP = _YAML + "timestamp"
_SCALAR_TAGS = {_YAML + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_SEQUENCE_TAG, _MAPPING_TAG = _YAML + "seq", _YAML + "map"
_RESOLVE: Any = yaml.resolver.Resolver().resolve
_CONSTRUCTOR = yaml.constructor.SafeConstructor()

# Invisible characters that word processors and web pages leave in Thai text (zero-width space is how Thai
# word breaks are often marked), plus soft hyphens and bidirectional marks: removed, never an error.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
                                    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_HAS_INVISIBLE = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]")
# SARA AM (ำ) typed or converted as NIKHAHIT + SARA AA (ํ + า), possibly with a tone mark between them:
# the Thai analogue of decomposed text. NFC does not recompose it (the decomposition is a compatibility one).
_DECOMPOSED_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")


@dataclass(frozen=True, slots=True)
class Located:
    """A value read from YAML with its 1-based line."""

    value: Any
    """str, int, float, bool, None, date, list[Located] or dict[str, Located]."""
    line: int
    raw: str | None = None
    """The scalar as written, when YAML turned it into something else (`1.10` -> 1.1, `yes` -> True)."""


class YamlProblem(Exception):
    """What is wrong with the file, and where; schema.read_yaml turns it into an InputError."""

    def __init__(self, problem: str, line: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 and C1 control characters but tab and line ends: what no plan text needs and every sink must fear."""


def clean_text(text: str) -> str:
    """NFC, SARA AM composed, invisible characters removed: Thai typed on different systems compares equal."""
    # Invisible characters go first: one between a letter and its accent would keep NFC from composing them.
    if _HAS_INVISIBLE.search(text):  # str.translate costs ~5 us on a line of Thai even when it changes nothing
        text = text.translate(_INVISIBLE)
    text = unicodedata.normalize("NFC", text)
    return _DECOMPOSED_SARA_AM.sub("\\1\u0e33", text) if "\u0e4d" in text else text


def read(path: Path) -> Located:
    """Read and check one YAML file; raises YamlProblem."""
    return parse(decode(_read_bytes(path)))


def parse(text: str) -> Located:
    """Parse YAML text into located values; raises YamlProblem."""
    builder = _Builder()
    try:
        return builder.build(yaml.parse(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlProblem(f"invalid YAML: {exc.problem or exc.context}", line) from None
    except yaml.reader.ReaderError as exc:
        # Not a MarkedYAMLError: it knows the offset only, in UTF-8 bytes from libyaml, in characters otherwise.
        before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore") if _LOADER is not yaml.SafeLoader \
            else text[: exc.position]
        line = before.count("\n") + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)  # libyaml: int
        raise YamlProblem(f"invalid YAML: the control character U+{code:04X} is not allowed", line) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid YAML: {str(exc).splitlines()[0]}") from None


STDIN = Path("-")
"""A plan given as `-`: read from standard input, once (`align check - < plan.yaml`)."""
_stdin: list[bytes] = []


def _read_bytes(path: Path) -> bytes:
    if path == STDIN:
        if not _stdin:
            _stdin.append(sys.stdin.buffer.read(MAX_FILE_BYTES + 1))
        if len(_stdin[0]) > MAX_FILE_BYTES:
            raise YamlProblem(_too_big(len(_stdin[0])))
        return _stdin[0]
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise YamlProblem("is a directory, not a YAML file")
        if not stat.S_ISREG(info.st_mode):
            # A pipe would block and a device (/dev/zero) never ends: refuse before opening.
            raise YamlProblem("is not a regular file (a device, pipe or socket)")
        if info.st_size > MAX_FILE_BYTES:
            raise YamlProblem(_too_big(info.st_size))
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except (FileNotFoundError, NotADirectoryError):
        raise YamlProblem("no such file") from None
    except PermissionError:
        raise YamlProblem("cannot be read: permission denied") from None
    except OSError as exc:
        raise YamlProblem(f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:  # the file grew after stat()
        raise YamlProblem(_too_big(len(data)))
    return data


def _too_big(size: int) -> str:
    return f"is {size:,} bytes; align reads files of up to {MAX_FILE_BYTES:,} bytes ({MAX_FILE_BYTES >> 20} MiB)"


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM, any line ends); a Thai legacy encoding or UTF-16 is named, not guessed."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 1 and data.count(0) * 3 > len(data)):
        raise YamlProblem("is not UTF-8: it is UTF-16 (what Windows calls 'Unicode'); save it as UTF-8, e.g. "
                          "`iconv -f UTF-16 -t UTF-8 in.yaml > out.yaml`")
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
        raise YamlProblem(f"is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8",
                          line) from None
    return text.replace("\r\n", "\n")


def _looks_like_thai_legacy(data: bytes) -> bool:
    # TIS-620 / Windows-874 put Thai letters at 0xA1-0xFB; in UTF-8 those bytes never stand alone.
    high = [b for b in data if b >= 0x80]
    if not high:
        return False
    thai = sum(1 for b in high if 0xA1 <= b <= 0xFB)
    if thai / len(high) <= 0.9 or not _decodes(data, "cp874"):
        return False
    # Latin-1 text (café, naïve) also uses those bytes: read as Windows-874, its é is a Thai tone mark after a Latin
    # letter, which Thai never writes. Real Thai puts its marks after Thai letters.
    text = data.decode("cp874")
    marks = [i for i, c in enumerate(text) if unicodedata.category(c) == "Mn" and "\u0e00" <= c <= "\u0e7f"]
    stray = sum(1 for i in marks if i == 0 or not "\u0e01" <= text[i - 1] <= "\u0e4e")
    return not marks or stray / len(marks) < 0.1


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


@dataclass(slots=True)
class _Open:
    """A list or mapping whose events are still arriving."""

    located: Located
    anchor: str | None
    size: int = 1
    key: str | None = None
    """In a mapping: the key read, waiting for its value."""
    key_lines: dict[str, int] = field(default_factory=dict)


class _Builder:
    """Event stream -> Located values, refusing what align does not read before it costs time or memory."""

    def __init__(self) -> None:
        self.open: list[_Open] = []
        self.anchors: dict[str, tuple[Located, int]] = {}
        self.total = 0
        self.aliased = False
        self.root: Located | None = None
        self.documents = 0

    def build(self, events: Iterable[yaml.Event]) -> Located:
        for event in events:
            line = event.start_mark.line + 1 if event.start_mark else 0
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise YamlProblem("holds more than one YAML document ('---'); put everything in one", line)
            elif isinstance(event, yaml.ScalarEvent):
                self._add(self._scalar(event, line), event.anchor, 1, line)
            elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                self._start(event, line)
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                done = self.open.pop()
                self._add(done.located, done.anchor, done.size, done.located.line, counted=True)
            elif isinstance(event, yaml.AliasEvent):
                self._alias(event.anchor or "", line)
        if self.root is None or self.root.value is None:
            raise YamlProblem("the file is empty")
        return self.root

    def _start(self, event: yaml.CollectionStartEvent, line: int) -> None:
        mapping = isinstance(event, yaml.MappingStartEvent)
        expected = _MAPPING_TAG if mapping else _SEQUENCE_TAG
        if event.tag not in (None, "!", expected):
            raise YamlProblem(f"YAML tag '{event.tag}' is not allowed (only plain data)", line)
        if len(self.open) >= MAX_DEPTH:
            raise YamlProblem(f"nested deeper than {MAX_DEPTH} levels", line)
        if self.open and self.open[-1].key is None and isinstance(self.open[-1].located.value, dict):
            raise YamlProblem("a mapping key must be plain text, not a list or mapping", line)
        self._count(1, line)
        self.open.append(_Open(Located({} if mapping else [], line), event.anchor))

    def _scalar(self, event: yaml.ScalarEvent, line: int) -> Located:
        value = event.value
        control = _CONTROL.search(value)
        if control is not None:
            # The reader refuses these as raw bytes; a double-quoted escape ("\e", "\0", "\a") makes them too, and
            # they would steer a terminal or break a CSV or Markdown cell downstream.
            raise YamlProblem(f"the control character U+{ord(control.group()):04X} is not allowed (written as an "
                              "escape)", line)
        if event.tag is None:
            # A quoted scalar (implicit[0] false) is a string: what the resolver says of it, without calling it.
            tag = _RESOLVE(yaml.ScalarNode, value, event.implicit) if event.implicit[0] else _STR
        else:
            tag = _STR if event.tag == "!" else event.tag
        if tag == _STR:
            return Located(clean_text(value), line)
        if tag == _MERGE:
            raise YamlProblem("YAML merge keys ('<<') are not supported; write the keys out", line)
        if tag not in _SCALAR_TAGS:
            raise YamlProblem(f"YAML tag '{tag}' is not allowed (only plain data)", line)
        if self._expects_key():
            # Keys are names: keep them as written (`no:` is the key 'no', not False).
            return Located(clean_text(value), line)
        if tag == _INT and value.isdigit() and len(value) < 10:
            return Located(int(value), line, value)  # the common case (years), without the constructor's detour
        if (tag == _INT or tag == _FLOAT) and len(value) > MAX_NUMBER_CHARS:
            raise YamlProblem(f"number '{value[:20]}...' has {len(value):,} characters; quote it if it is text", line)
        node = yaml.ScalarNode(tag, value, style=event.style)
        try:
            return Located(_CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node), line, value)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            if tag == _TIMESTAMP:
                # 2027-02-30 looks like a date and is none: the key that expects a date says so, with its place.
                return Located(clean_text(value), line, value)
            raise YamlProblem(f"cannot read value '{value[:40]}': {str(exc).splitlines()[0]}", line) from None

    def _alias(self, anchor: str, line: int) -> None:
        if any(o.anchor == anchor for o in self.open):
            raise YamlProblem(f"alias '*{anchor}' refers to a list or mapping that contains it (recursive YAML)", line)
        if anchor not in self.anchors:
            raise YamlProblem(f"alias '*{anchor}' names no anchor '&{anchor}' defined before it", line)
        located, size = self.anchors[anchor]
        if self._expects_key() and isinstance(located.value, list | dict):
            raise YamlProblem("a mapping key must be plain text, not a list or mapping", line)
        self.aliased = True
        self._add(located, None, size, line)

    def _expects_key(self) -> bool:
        return bool(self.open) and isinstance(self.open[-1].located.value, dict) and self.open[-1].key is None

    def _count(self, size: int, line: int) -> None:
        self.total += size
        if self.total > MAX_VALUES:
            if self.aliased:
                raise YamlProblem(f"YAML aliases expand the document to more than {MAX_VALUES:,} values; refused "
                                  "(an alias bomb?)", line)
            raise YamlProblem(f"holds more than {MAX_VALUES:,} values; align reads files of up to {MAX_VALUES:,}",
                              line)

    def _add(self, located: Located, anchor: str | None, size: int, line: int, counted: bool = False) -> None:
        """Attach a finished value to the collection being read; `counted` values were counted at their start."""
        if not counted:
            self._count(size, line)
        if anchor is not None:
            self.anchors[anchor] = (located, size)
        if not self.open:
            self.root = located
            return
        parent = self.open[-1]
        parent.size += size
        container = parent.located.value
        if isinstance(container, list):
            container.append(located)
        elif parent.key is None:
            key = located.value if isinstance(located.value, str) else str(located.value)
            if key in container:
                raise YamlProblem(f"duplicate key '{key}' (first at line {parent.key_lines[key]}); "
                                  "YAML would keep only the last", line)
            parent.key, parent.key_lines[key] = key, line
        else:
            container[parent.key] = located
            parent.key = None
