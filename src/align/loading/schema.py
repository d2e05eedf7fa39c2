"""The schema checks shared by plan and framework files: one file's values checked key by key, every problem
collected as an InputError `file:line: where: what` before failing.

Unknown keys are errors: a typo such as `align_with` must not silently drop links (../shared/reference/
data-schema.md, schema v1).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from align import calendar
from align.errors import MAX_LISTED, InputError, MoreProblems
from align.loading import yamlfile
from align.loading.yamlfile import Located

MAX_TITLE_CHARS = 2_000
"""Longest title accepted; a longer one is almost always a pasted paragraph or a broken export."""
MAX_TEXT_CHARS = 20_000
"""Longest description accepted."""
MAX_ID_CHARS = 100
"""Longest id accepted: ids are short codes ("1.4", "dg-2566-2570") that every message repeats."""
MAX_ITEM_DEPTH = 6
"""Strategy > goal > measure > ... : deeper nesting is a broken file, not a plan."""

_ID_PATTERN = re.compile(r"\S(?:.*\S)?")


@dataclass(frozen=True, slots=True)
class Key:
    required: bool = False


REQUIRED, OPTIONAL = Key(required=True), Key()

class File:
    """Checks one file's values against a schema, collecting every problem."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.errors: list[InputError] = []
        self.more = 0
        """Problems found beyond MAX_LISTED: counted, not described (describing costs time: a spelling hint)."""

    @property
    def full(self) -> bool:
        """True once MAX_LISTED problems are collected: later ones are only counted."""
        return len(self.errors) >= MAX_LISTED

    def problem(self, where: str, problem: str, line: int | None) -> None:
        if self.full:
            self.more += 1
        else:
            self.errors.append(InputError(self.path, where, problem, line))

    def found(self) -> list[InputError]:
        """Every problem collected, and one that counts the rest."""
        return [*self.errors, MoreProblems(self.path, self.more)] if self.more else list(self.errors)

    def mapping(self, node: Located, where: str, keys: dict[str, Key]) -> dict[str, Located] | None:
        if not isinstance(node.value, dict):
            self.problem(where, f"must be a mapping of keys, found {kind_of(node.value)}", node.line)
            return None
        fields: dict[str, Located] = node.value
        for key, value in fields.items():
            if key not in keys and self.full:
                self.more += 1
            elif key not in keys:
                hint = _closest(key, keys)
                suggestion = f" (did you mean '{hint}'?)" if hint else ""
                allowed = ", ".join(keys)
                self.problem(where, f"unknown key '{key}'{suggestion}; allowed: {allowed}", value.line)
        for key, spec in keys.items():
            if spec.required and key not in fields:
                self.problem(where, f"missing required key '{key}'", node.line)
        return fields

    def text(
        self, fields: dict[str, Located], key: str, where: str, *, limit: int = MAX_TEXT_CHARS, required: bool = False
    ) -> str | None:
        """The key's text, stripped; a required key left empty (`title:`) is a problem, never a dropped entry."""
        node = fields.get(key)
        if node is None:
            return None
        if node.value is None:
            if required:
                self.problem(where, f"{key} is empty", node.line)
            return None
        if not isinstance(node.value, str):
            self.problem(where, f"{key} must be text, found {kind_of(node.value)} {short(node.value)}", node.line)
            return None
        value = node.value.strip()
        if not value:
            self.problem(where, f"{key} is empty", node.line)
            return None
        if len(value) > limit:
            self.problem(where, f"{key} is {len(value):,} characters long; the limit is {limit:,}", node.line)
            return None
        return value

    def identifier(self, fields: dict[str, Located], where: str) -> str | None:
        node = fields.get("id")
        if node is None:
            return None
        if node.value is None:
            self.problem(where, "id is empty", node.line)
            return None
        if not isinstance(node.value, str):
            hint = f': quote it, "{node.raw}"' if node.raw is not None and not isinstance(node.value, bool) else ""
            self.problem(where, f"id must be text, found {kind_of(node.value)} {short(node.value)}{hint}", node.line)
            return None
        value = node.value.strip()
        if len(value) > MAX_ID_CHARS:
            self.problem(where, f"id is {len(value):,} characters long; the limit is {MAX_ID_CHARS}", node.line)
            return None
        if not _ID_PATTERN.fullmatch(value) or "\n" in value:
            self.problem(where, f"id {node.value!r} must be non-empty text on one line", node.line)
            return None
        return value

    def text_list(self, fields: dict[str, Located], key: str, where: str) -> list[Located]:
        node = fields.get(key)
        if node is None or node.value is None:
            return []
        if not isinstance(node.value, list):
            self.problem(where, f"{key} must be a list, found {kind_of(node.value)} {short(node.value)}", node.line)
            return []
        good = []
        for index, element in enumerate(node.value):
            if isinstance(element.value, str) and element.value.strip():
                good.append(Located(element.value.strip(), element.line))
            else:
                self.problem(where, f"{key}[{index}] must be text, found {kind_of(element.value)}", element.line)
        return good

    def sources(self, fields: dict[str, Located], where: str, *, required: bool = False) -> tuple[str, ...]:
        node = fields.get("source")
        if node is not None and isinstance(node.value, list):
            found = tuple(element.value for element in self.text_list(fields, "source", where))
            if required and not node.value:
                self.problem(where, "source is empty", node.line)
            return found
        value = self.text(fields, "source", where, required=required)
        return (value,) if value else ()

    def period(self, fields: dict[str, Located], where: str) -> tuple[int, int]:
        node = fields.get("period")
        if node is None:
            return (0, 0)
        values = node.value
        if (
            not isinstance(values, list)
            or len(values) != 2
            or not all(isinstance(v.value, int) and not isinstance(v.value, bool) for v in values)
        ):
            self.problem(where, f"period must be [first year, last year], found {short(values)}", node.line)
            return (0, 0)
        start, end = values[0].value, values[1].value
        if calendar.is_be(start) or calendar.is_be(end):
            self.problem(where, f"period {start}-{end} looks like Buddhist Era years; write Gregorian years "
                         f"(B.E. - {calendar.BE_OFFSET}: {calendar.to_ce(start)}-{calendar.to_ce(end)})", node.line)
        elif not 1900 <= start <= end <= 2200:
            self.problem(where, f"period {start}-{end} must be two Gregorian years, the first not after the last",
                         node.line)
        return (start, end)

    def check_unique(self, ids: Iterable[tuple[str, str, int | None]], what: str) -> None:
        seen: dict[str, int | None] = {}
        for ident, where, line in ids:
            if ident in seen:
                first = f" (first at line {seen[ident]})" if seen[ident] else ""
                self.problem(where, f"duplicate {what} id '{ident}'{first}", line)
            else:
                seen[ident] = line


def read_yaml(path: Path) -> Located:
    """The file's YAML as located values; raises InputError on a file that cannot be read as YAML."""
    try:
        return yamlfile.read(path)
    except yamlfile.YamlProblem as exc:
        raise InputError(path, "", exc.problem, exc.line) from None


def labelled(where: str, entry: Located) -> str:
    """`objectives[3]` -> `objectives[3] (id 1.4)` when the entry has a readable id, so messages name it."""
    ident = entry.value.get("id") if isinstance(entry.value, dict) else None
    if (ident is not None and isinstance(ident.value, str) and ident.value.strip() and "\n" not in ident.value
            and len(ident.value) <= MAX_ID_CHARS):
        return f"{where} (id {ident.value.strip()})"
    return where


def kind_of(value: Any) -> str:
    names: dict[type, str] = {str: "text", int: "a number", float: "a number", bool: "true/false",
                              list: "a list", dict: "a mapping", type(None): "nothing"}
    return names.get(type(value), type(value).__name__)


def short(value: Any) -> str:
    text = repr(_plain(value))
    return text if len(text) <= 40 else text[:37] + "..."


def _plain(value: Any) -> Any:
    if isinstance(value, Located):
        return _plain(value.value)
    if isinstance(value, list):
        return [_plain(v) for v in value[:10]]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in list(value.items())[:10]}
    return value


def _closest(key: str, keys: dict[str, Key]) -> str | None:
    matches: list[str] = get_close_matches(key, list(keys), n=1, cutoff=0.6)
    return matches[0] if matches else None

