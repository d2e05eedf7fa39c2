"""YAML files -> model: schema v1 checks (../shared/reference/data-schema.md) with precise messages.

Every problem becomes an InputError `file:line: where: what`; all problems of a file are collected
before failing. Unknown keys are errors: a typo such as `align_with` must not silently drop links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from align import calendar, yamlfile
from align.errors import InputError, InputErrors, raise_collected
from align.model import (
    FRAMEWORK_ID_PATTERN,
    Framework,
    FrameworkId,
    FrameworkItem,
    ItemId,
    ItemRef,
    Objective,
    ObjectiveId,
    Plan,
)
from align.yamlfile import Located

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
class _Key:
    required: bool = False


_REQUIRED, _OPTIONAL = _Key(required=True), _Key()

_PLAN_FILE = {"plan": _REQUIRED, "objectives": _REQUIRED}
_PLAN = {
    "id": _REQUIRED,
    "title": _REQUIRED,
    "owner": _OPTIONAL,
    "period": _REQUIRED,
    "frameworks": _REQUIRED,
    "source": _OPTIONAL,
}
_OBJECTIVE = {
    "id": _REQUIRED,
    "title": _REQUIRED,
    "description": _OPTIONAL,
    "source": _OPTIONAL,
    "aligns_with": _OPTIONAL,
}
_FRAMEWORK_FILE = {"framework": _REQUIRED, "items": _REQUIRED}
_FRAMEWORK = {
    "id": _REQUIRED,
    "family": _REQUIRED,
    "title": _REQUIRED,
    "title_en": _OPTIONAL,
    "issuer": _OPTIONAL,
    "period": _REQUIRED,
    "source": _REQUIRED,
}
_ITEM = {
    "id": _REQUIRED,
    "title": _REQUIRED,
    "title_en": _OPTIONAL,
    "description": _OPTIONAL,
    "keywords": _OPTIONAL,
    "items": _OPTIONAL,
}


class _File:
    """Checks one file's values against a schema, collecting every problem."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.errors: list[InputError] = []

    def problem(self, where: str, problem: str, line: int | None) -> None:
        self.errors.append(InputError(self.path, where, problem, line))

    def mapping(self, node: Located, where: str, keys: dict[str, _Key]) -> dict[str, Located] | None:
        if not isinstance(node.value, dict):
            self.problem(where, f"must be a mapping of keys, found {_kind(node.value)}", node.line)
            return None
        fields: dict[str, Located] = node.value
        for key, value in fields.items():
            if key not in keys:
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
            self.problem(where, f"{key} must be text, found {_kind(node.value)} {_short(node.value)}", node.line)
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
            self.problem(where, f"id must be text, found {_kind(node.value)} {_short(node.value)}{hint}", node.line)
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
            self.problem(where, f"{key} must be a list, found {_kind(node.value)} {_short(node.value)}", node.line)
            return []
        good = []
        for index, element in enumerate(node.value):
            if isinstance(element.value, str) and element.value.strip():
                good.append(Located(element.value.strip(), element.line))
            else:
                self.problem(where, f"{key}[{index}] must be text, found {_kind(element.value)}", element.line)
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
            self.problem(where, f"period must be [first year, last year], found {_short(values)}", node.line)
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


def load_plan(path: Path) -> Plan:
    """Read and check a plan file; raises InputError or InputErrors."""
    return plan_from(path, read(path))


def plan_from(path: Path, root: Located) -> Plan:
    """Check a plan file's values, read by `read()`; raises InputError or InputErrors with every problem."""
    plan, errors = collect_plan(path, root)
    raise_collected(errors)
    return plan


def collect_plan(path: Path, root: Located) -> tuple[Plan, list[InputError]]:
    """The plan as far as it can be read, and every problem of the file.

    With problems, the plan holds only what was readable (an unreadable id or title is empty): enough for
    `align validate` to check the links that are there, never for a check.
    """
    file = _File(path)
    top = file.mapping(root, "top level", _PLAN_FILE) or {}
    header = file.mapping(top["plan"], "plan", _PLAN) if "plan" in top else None
    plan_id = title = None
    period: tuple[int, int] = (0, 0)
    frameworks: list[Located] = []
    owner = source = None
    if header is not None:
        plan_id = file.identifier(header, "plan")
        title = file.text(header, "title", "plan", limit=MAX_TITLE_CHARS, required=True)
        owner = file.text(header, "owner", "plan")
        source = " ; ".join(file.sources(header, "plan")) or None
        period = file.period(header, "plan")
        frameworks = file.text_list(header, "frameworks", "plan")
        if "frameworks" in header and not frameworks and not file.errors:
            file.problem("plan", "frameworks is empty: name the frameworks to check against", header["frameworks"].line)
        for node in frameworks:
            if not FRAMEWORK_ID_PATTERN.fullmatch(node.value):
                file.problem("plan", f"frameworks entry '{node.value}' is not a framework id", node.line)
        frameworks = [node for node in frameworks if FRAMEWORK_ID_PATTERN.fullmatch(node.value)]
    objectives = _objectives(file, top.get("objectives"))
    assert file.errors or (plan_id is not None and title is not None)
    plan = Plan(
        id=plan_id or "",
        title=title or "",
        period=period,
        frameworks=tuple(FrameworkId(node.value) for node in frameworks),
        objectives=tuple(objectives),
        owner=owner,
        source=source,
        path=path,
        framework_lines=tuple(node.line for node in frameworks),
    )
    return plan, file.errors


def _objectives(file: _File, node: Located | None) -> list[Objective]:
    if node is None:
        return []
    if node.value is not None and not isinstance(node.value, list):
        file.problem("objectives", f"must be a list of objectives, found {_kind(node.value)}", node.line)
        return []
    if not node.value:
        file.problem("objectives", "is empty: a plan needs at least one objective", node.line)
        return []
    result = []
    for index, entry in enumerate(node.value):
        where = _labelled(f"objectives[{index}]", entry)
        fields = file.mapping(entry, where, _OBJECTIVE)
        if fields is None:
            continue
        ident = file.identifier(fields, f"objectives[{index}]")
        title = file.text(fields, "title", where, limit=MAX_TITLE_CHARS, required=True)
        description = file.text(fields, "description", where)
        source = " ; ".join(file.sources(fields, where)) or None
        links: list[ItemRef] = []
        lines: list[int | None] = []
        for link in file.text_list(fields, "aligns_with", where):
            try:
                links.append(ItemRef.parse(link.value))
                lines.append(link.line)
            except ValueError as exc:
                file.problem(where, f"aligns_with: {exc}", link.line)
        if ident is None or title is None:
            continue
        result.append(
            Objective(
                id=ObjectiveId(ident),
                title=title,
                description=description,
                source=source,
                aligns_with=tuple(links),
                line=entry.line,
                aligns_with_lines=tuple(lines),
            )
        )
    file.check_unique(((o.id, f"objectives (id {o.id})", o.line) for o in result), "objective")
    return result


def load_framework(path: Path) -> Framework:
    """Read and check a framework file; raises InputError or InputErrors."""
    return framework_from(path, read(path))


def framework_from(path: Path, root: Located) -> Framework:
    """Check a framework file's values, read by `read()`; raises InputError or InputErrors with every problem."""
    framework, errors = collect_framework(path, root)
    raise_collected(errors)
    return framework


def collect_framework(path: Path, root: Located) -> tuple[Framework, list[InputError]]:
    """The framework as far as it can be read, and every problem of the file (see collect_plan)."""
    file = _File(path)
    top = file.mapping(root, "top level", _FRAMEWORK_FILE) or {}
    header = file.mapping(top["framework"], "framework", _FRAMEWORK) if "framework" in top else None
    fw_id = family = title = None
    period: tuple[int, int] = (0, 0)
    title_en = issuer = None
    sources: tuple[str, ...] = ()
    if header is not None:
        fw_id = file.identifier(header, "framework")
        if fw_id is not None and not FRAMEWORK_ID_PATTERN.fullmatch(fw_id):
            file.problem("framework", f"id '{fw_id}' must be lowercase letters, digits and dashes", header["id"].line)
        elif fw_id is not None and path.stem != fw_id:
            file.problem("framework", f"id '{fw_id}' does not match the file name '{path.name}' "
                         f"(name the file {fw_id}.yaml)", header["id"].line)
        family = file.text(header, "family", "framework", required=True)
        title = file.text(header, "title", "framework", limit=MAX_TITLE_CHARS, required=True)
        title_en = file.text(header, "title_en", "framework", limit=MAX_TITLE_CHARS)
        issuer = file.text(header, "issuer", "framework")
        sources = file.sources(header, "framework", required=True)
        period = file.period(header, "framework")
    items = _items(file, top.get("items"), "items", depth=1)
    if "items" in top and top["items"].value in ([], None):
        file.problem("items", "is empty: a framework needs at least one strategy", top["items"].line)
    all_items = [item for top_item in items for item in top_item.walk()]
    file.check_unique(((i.id, f"items (id {i.id})", i.line) for i in all_items), "item")
    assert file.errors or (fw_id is not None and family is not None and title is not None)
    framework = Framework(
        id=FrameworkId(fw_id or ""),
        family=family or "",
        title=title or "",
        period=period,
        items=tuple(items),
        title_en=title_en,
        issuer=issuer,
        sources=sources,
        path=path,
    )
    return framework, file.errors


def _items(file: _File, node: Located | None, where: str, depth: int) -> list[FrameworkItem]:
    if node is None or node.value is None:
        return []
    if not isinstance(node.value, list):
        file.problem(where, f"must be a list of items, found {_kind(node.value)}", node.line)
        return []
    if depth > MAX_ITEM_DEPTH:
        file.problem(where, f"items are nested deeper than {MAX_ITEM_DEPTH} levels", node.line)
        return []
    result = []
    for index, entry in enumerate(node.value):
        here = _labelled(f"{where}[{index}]", entry)
        fields = file.mapping(entry, here, _ITEM)
        if fields is None:
            continue
        ident = file.identifier(fields, f"{where}[{index}]")
        if ident is not None:
            if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z._-]*", ident):
                file.problem(here, f"item id '{ident}' must be letters, digits, dots or dashes (e.g. '1.4')",
                             fields["id"].line)
        title = file.text(fields, "title", here, limit=MAX_TITLE_CHARS, required=True)
        keywords = tuple(k.value for k in file.text_list(fields, "keywords", here))
        children = _items(file, fields.get("items"), f"{here}.items", depth + 1)
        if ident is None or title is None:
            continue
        result.append(
            FrameworkItem(
                id=ItemId(ident),
                title=title,
                title_en=file.text(fields, "title_en", here, limit=MAX_TITLE_CHARS),
                description=file.text(fields, "description", here),
                keywords=keywords,
                items=tuple(children),
                line=entry.line,
            )
        )
    return result


def load_frameworks(directories: Iterable[Path]) -> dict[FrameworkId, Framework]:
    """Every framework file in the directories; a later directory's file replaces an earlier one's of one id.

    A path may also name a single framework file. Two files of one id in one directory are an error.
    Raises InputError or InputErrors with the problems of every file.
    """
    frameworks, errors = collect_frameworks(directories)
    raise_collected(errors)
    return frameworks


def collect_frameworks(directories: Iterable[Path]) -> tuple[dict[FrameworkId, Framework], list[InputError]]:
    """As load_frameworks, but returns the frameworks that loaded and the problems of those that did not."""
    frameworks: dict[FrameworkId, Framework] = {}
    errors: list[InputError] = []
    for directory in directories:
        found: dict[FrameworkId, Path] = {}
        try:
            paths = framework_files(directory)
        except InputError as exc:
            errors.append(exc)
            continue
        for path in paths:
            try:
                root = read(path)
                framework = framework_from(path, root)
            except InputError as exc:
                errors.append(exc)
                continue
            except InputErrors as exc:
                errors.extend(exc.errors)
                continue
            if framework.id in found:
                errors.append(duplicate_framework(path, root, found[framework.id]))
                continue
            found[framework.id] = path
            frameworks[framework.id] = framework
    return frameworks, errors


def duplicate_framework(path: Path, root: Located, first: Path) -> InputError:
    """The error for a framework file whose id an earlier file already has (`root`: the valid file's values)."""
    id_node = root.value["framework"].value["id"]
    return InputError(path, "framework", f"id '{id_node.value}' is also the id of {first}", id_node.line)


def framework_files(directory: Path) -> list[Path]:
    """The YAML files of a framework directory, in name order (or the path itself, if it names a file)."""
    if directory.is_file():
        return [directory]
    if not directory.exists():
        raise InputError(directory, "", "no such framework directory")
    if not directory.is_dir():
        raise InputError(directory, "", "is neither a directory nor a framework file")
    return yaml_files(directory)


def yaml_files(directory: Path) -> list[Path]:
    """The `.yaml` and `.yml` files of a directory, in name order; raises InputError if it cannot be listed."""
    try:
        return sorted(p for p in directory.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())
    except OSError as exc:
        raise InputError(directory, "", f"cannot be read: {exc.strerror or exc}") from None


def read(path: Path) -> Located:
    """The file's YAML as located values; raises InputError on a file that cannot be read as YAML."""
    try:
        return yamlfile.read(path)
    except yamlfile.YamlProblem as exc:
        raise InputError(path, "", exc.problem, exc.line) from None


def _labelled(where: str, entry: Located) -> str:
    """`objectives[3]` -> `objectives[3] (id 1.4)` when the entry has a readable id, so messages name it."""
    ident = entry.value.get("id") if isinstance(entry.value, dict) else None
    if (ident is not None and isinstance(ident.value, str) and ident.value.strip() and "\n" not in ident.value
            and len(ident.value) <= MAX_ID_CHARS):
        return f"{where} (id {ident.value.strip()})"
    return where


def _kind(value: Any) -> str:
    names: dict[type, str] = {str: "text", int: "a number", float: "a number", bool: "true/false",
                              list: "a list", dict: "a mapping", type(None): "nothing"}
    return names.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
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


def _closest(key: str, keys: dict[str, _Key]) -> str | None:
    matches: list[str] = get_close_matches(key, list(keys), n=1, cutoff=0.6)
    return matches[0] if matches else None

