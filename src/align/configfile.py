"""The settings file: align.toml, or [tool.align] in pyproject.toml, found from the working directory upward; its
values and the line of each key, so that every message about a setting points at it."""

from __future__ import annotations

import os
import re
import stat
import tomllib
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from align.errors import InputError

CONFIG_FILES = ("align.toml", "pyproject.toml")
"""Looked for in this order in each directory; a pyproject.toml counts only if it has [tool.align]."""
KEYS = ("fail-on", "min-coverage", "frameworks", "waivers", "format")


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a setting came from, to locate a message about it."""

    path: Path | str
    where: str
    line: int | None = None

    def error(self, problem: str) -> InputError:
        """An InputError about the setting."""
        return InputError(self.path, self.where, problem, self.line)


def find(start: Path) -> Path | None:
    """The configuration file for a run in `start`: the nearest align.toml, or pyproject.toml with [tool.align].

    The search stops at the repository root (a directory holding .git or .hg), so a checkout never picks up
    settings from whatever directory it happens to sit in.
    """
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file() and (name == "align.toml" or _has_tool_align(candidate)):
                return candidate
        if (directory / ".git").exists() or (directory / ".hg").exists():
            return None
    return None


def shown(path: Path) -> str:
    """The file as messages name it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _has_tool_align(path: Path) -> bool:
    data = ConfigFile.parse(path)
    tool = data.get("tool")
    return isinstance(tool, dict) and "align" in tool


MAX_CONFIG_BYTES = 1 << 20
"""A settings file is a few lines; a larger one is a mistake (or a device), refused before it is read whole."""


def _read_text(path: Path) -> str:
    """A settings file's text; a pipe or a device is refused before it is opened (reading one would block or
    never end)."""
    where = shown(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(where, "", "is not a regular file (a directory, device, pipe or socket)")
        if info.st_size > MAX_CONFIG_BYTES:
            raise InputError(where, "", f"is {info.st_size:,} bytes; a settings file may hold {MAX_CONFIG_BYTES:,}")
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(where, "", "is not UTF-8") from None
    except OSError as exc:
        raise InputError(where, "", f"cannot be read: {exc.strerror or exc}") from None


@dataclass(frozen=True, slots=True)
class ConfigFile:
    """One configuration file: its align settings, and where each key is written."""

    path: Path
    values: dict[str, Any]
    prefix: tuple[str, ...]
    """The table holding the settings: ("tool", "align") in pyproject.toml, () in align.toml."""
    lines: dict[tuple[str, ...], int]

    @classmethod
    def read(cls, path: Path, *, explicit: bool) -> ConfigFile:
        text = _read_text(path)
        data = cls.parse(path, text)
        lines = _key_lines(text)
        if path.name == "pyproject.toml":
            prefix: tuple[str, ...] = ("tool", "align")
            tool = data.get("tool", {})
            values = tool.get("align") if isinstance(tool, dict) else None
            if values is None and explicit:
                raise InputError(shown(path), "", "has no [tool.align] table")
            if not isinstance(values, dict):
                raise InputError(shown(path), "tool.align", "must be a table", lines.get(prefix))
        else:
            prefix, values = (), data
        file = cls(path, values, prefix, lines)
        for key in values:
            if key not in KEYS:
                hint = get_close_matches(key, KEYS, n=1)
                suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
                if key == "tool" and not prefix:
                    suggestion = " (align.toml takes the keys at the top level, without [tool.align])"
                raise file.origin(key).error(f"unknown key '{key}'{suggestion}; keys: {', '.join(KEYS)}")
        return file

    @staticmethod
    def parse(path: Path, text: str | None = None) -> dict[str, Any]:
        where = shown(path)
        try:
            return tomllib.loads(text if text is not None else _read_text(path))
        except tomllib.TOMLDecodeError as exc:
            message = str(exc)
            found = re.search(r" \(at line (\d+), column \d+\)$", message)
            line = int(found.group(1)) if found else None
            raise InputError(where, "", f"invalid TOML: {message[: found.start()] if found else message}",
                             line) from None
        except UnicodeDecodeError:
            raise InputError(where, "", "is not UTF-8") from None
        except OSError as exc:
            raise InputError(where, "", f"cannot be read: {exc.strerror or exc}") from None

    def origin(self, *keys: str) -> Origin:
        where = ".".join(keys)
        if self.prefix:
            where = f"[{'.'.join(self.prefix)}] {where}"
        path = (*self.prefix, *keys)
        while path and path not in self.lines:
            path = path[:-1]
        return Origin(shown(self.path), where, self.lines.get(path) if path else None)

    def relative(self, value: str) -> Path:
        """A path written in the file, relative to the file's directory (as ruff and mypy read theirs)."""
        return self.path.parent / value


_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_KEY = rf"(?:{_BARE}|{_QUOTED})(?:\s*\.\s*(?:{_BARE}|{_QUOTED}))*"
_HEADER = re.compile(rf"\[\[?\s*({_KEY})\s*\]\]?")
_ASSIGN = re.compile(rf"({_KEY})\s*=")
_INLINE = re.compile(rf"[{{,]\s*({_KEY})\s*=")


def _key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The line of each key path in a TOML text, for messages (tomllib gives values, not positions).

    A line scan, not a parser: headers, `key = value` and one-line inline tables. It only ever picks the
    line a message points to; the values themselves come from tomllib.
    """
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        header = _HEADER.match(line)
        if header:
            table = _split_key(header.group(1))
            for depth in range(1, len(table) + 1):
                lines.setdefault(table[:depth], number)
            continue
        assign = _ASSIGN.match(line)
        if not assign:
            continue
        path = table + _split_key(assign.group(1))
        for depth in range(len(table) + 1, len(path) + 1):
            lines.setdefault(path[:depth], number)
        for inline in _INLINE.finditer(line, assign.end()):
            lines.setdefault(path + _split_key(inline.group(1)), number)
    return lines


def _split_key(text: str) -> tuple[str, ...]:
    parts = re.findall(rf"{_BARE}|{_QUOTED}", text)
    return tuple(p[1:-1] if p[0] in "\"'" else p for p in parts)
