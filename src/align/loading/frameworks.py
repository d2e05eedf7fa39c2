"""Framework files -> Framework: the header and the tree of items, checked (schema.py); directories of them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from align.errors import InputError, InputErrors, raise_collected
from align.loading.schema import (
    MAX_ITEM_DEPTH,
    MAX_TITLE_CHARS,
    OPTIONAL,
    REQUIRED,
    File,
    kind_of,
    labelled,
    read_yaml,
    short,
)
from align.loading.yamlfile import Located
from align.model import FRAMEWORK_ID_PATTERN, LEVELS, Framework, FrameworkId, FrameworkItem, FrameworkLink, ItemId

_FRAMEWORK_FILE = {"framework": REQUIRED, "items": REQUIRED}
_FRAMEWORK = {
    "id": REQUIRED,
    "family": REQUIRED,
    "title": REQUIRED,
    "title_en": OPTIONAL,
    "issuer": OPTIONAL,
    "period": REQUIRED,
    "source": REQUIRED,
    "level": OPTIONAL,
    "level_source": OPTIONAL,
    "links": OPTIONAL,
}
_LINK = {"to": REQUIRED, "kind": OPTIONAL, "from": OPTIONAL, "source": REQUIRED}
_LINK_KINDS = ("direct", "indirect")
_ITEM = {
    "id": REQUIRED,
    "title": REQUIRED,
    "title_en": OPTIONAL,
    "description": OPTIONAL,
    "keywords": OPTIONAL,
    "items": OPTIONAL,
}


def load_framework(path: Path) -> Framework:
    """Read and check a framework file; raises InputError or InputErrors."""
    return framework_from(path, read_yaml(path))


def framework_from(path: Path, root: Located) -> Framework:
    """Check a framework file's values, read by `read_yaml()`; raises InputError or InputErrors with every problem."""
    framework, errors = collect_framework(path, root)
    raise_collected(errors)
    return framework


def collect_framework(path: Path, root: Located) -> tuple[Framework, list[InputError]]:
    """The framework as far as it can be read, and every problem of the file (see collect_plan)."""
    file = File(path)
    top = file.mapping(root, "top level", _FRAMEWORK_FILE) or {}
    header = file.mapping(top["framework"], "framework", _FRAMEWORK) if "framework" in top else None
    fw_id = family = title = None
    period: tuple[int, int] = (0, 0)
    title_en = issuer = level_source = None
    sources: tuple[str, ...] = ()
    level: int | None = None
    links: list[FrameworkLink] = []
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
        level, level_source = _level(file, header)
        links = _links(file, header.get("links"))
    items = _items(file, top.get("items"), "items", depth=1)
    if "items" in top and top["items"].value in ([], None):
        file.problem("items", "is empty: a framework needs at least one strategy", top["items"].line)
    all_items = [item for top_item in items for item in top_item.walk()]
    file.check_unique(((i.id, f"items (id {i.id})", i.line) for i in all_items), "item")
    ids = {item.id for item in all_items}
    for index, link in enumerate(links):
        if link.from_item is not None and link.from_item not in ids:
            file.problem(f"framework.links[{index}]", f"from '{link.from_item}' is not an item of this framework",
                         link.line)
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
        level=level,
        level_source=level_source,
        links=tuple(links),
    )
    return framework, file.found()


def _level(file: File, header: dict[str, Located]) -> tuple[int | None, str | None]:
    """The framework's level in the planning system and where that is stated: both, or neither."""
    node = header.get("level")
    level_source = file.text(header, "level_source", "framework")
    if node is None or node.value is None:
        if level_source is not None:
            file.problem("framework", "level_source is given without a level", header["level_source"].line)
        return None, None
    if isinstance(node.value, bool) or node.value not in LEVELS:
        file.problem("framework", f"level must be 1, 2 or 3 (the planning system's levels), found {short(node.value)}",
                     node.line)
        return None, None
    if level_source is None:
        file.problem("framework", "level needs level_source: where a source states it", node.line)
    return node.value, level_source


def _links(file: File, node: Located | None) -> list[FrameworkLink]:
    """The plans the framework says it serves; a reference to a framework is resolved once all are loaded."""
    if node is None or node.value is None:
        return []
    if not isinstance(node.value, list):
        file.problem("framework.links", f"must be a list of links, found {kind_of(node.value)}", node.line)
        return []
    links = []
    for index, entry in enumerate(node.value):
        where = f"framework.links[{index}]"
        fields = file.mapping(entry, where, _LINK)
        if fields is None:
            continue
        to = file.text(fields, "to", where, limit=MAX_TITLE_CHARS, required=True)
        source = file.text(fields, "source", where, required=True)
        kind = file.text(fields, "kind", where)
        if kind is not None and kind not in _LINK_KINDS:
            file.problem(where, f"kind must be direct or indirect, found '{kind}'", fields["kind"].line)
            kind = None
        from_item = None
        if "from" in fields and isinstance(fields["from"].value, str):
            from_item = file.text(fields, "from", where)
        elif "from" in fields:
            file.problem(where, f'from must be an item id in quotes, e.g. "1", found {short(fields["from"].value)}',
                         fields["from"].line)
        if to is not None and source is not None:
            links.append(FrameworkLink(to, source, kind, from_item, entry.line))
    file.check_unique(((link.to + (f" from {link.from_item}" if link.from_item else ""), "framework.links",
                        link.line) for link in links), "link to")
    return links


def resolve_links(linking: Iterable[Framework], frameworks: Mapping[FrameworkId, Framework]) -> list[InputError]:
    """A link of `linking` that names a framework by id must name one of `frameworks`, and an item of it if it names
    one."""
    errors = []
    for framework in linking:
        for index, link in enumerate(framework.links):
            if not link.is_reference:
                continue
            target_id, _, item = link.to.partition(":")
            target = frameworks.get(FrameworkId(target_id))
            where = f"framework.links[{index}]"
            if target is None:
                known = ", ".join(sorted(frameworks))
                errors.append(InputError(framework.path or Path(framework.id), where,
                                         f"to '{link.to}' is not a loaded framework (loaded: {known}); name a plan "
                                         f"that is not bundled in words, in quotes", link.line))
            elif item and target.find(item) is None:
                errors.append(InputError(framework.path or Path(framework.id), where,
                                         f"to '{link.to}': {target_id} has no item '{item}'", link.line))
    return errors


def _items(file: File, node: Located | None, where: str, depth: int) -> list[FrameworkItem]:
    if node is None or node.value is None:
        return []
    if not isinstance(node.value, list):
        file.problem(where, f"must be a list of items, found {kind_of(node.value)}", node.line)
        return []
    if depth > MAX_ITEM_DEPTH:
        file.problem(where, f"items are nested deeper than {MAX_ITEM_DEPTH} levels", node.line)
        return []
    result = []
    for index, entry in enumerate(node.value):
        here = labelled(f"{where}[{index}]", entry)
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
    """As load_frameworks, but returns the frameworks that loaded and the problems of those that did not.

    The first directory is the base set (the bundled frameworks); a later one may replace a framework of it, but
    two later directories (two --frameworks) may not both define one id: which one wins would be an accident of
    order, so it is an error, as `align validate` says."""
    frameworks: dict[FrameworkId, Framework] = {}
    errors: list[InputError] = []
    extra: dict[FrameworkId, Path] = {}
    """Ids defined by the directories after the first, with the file that defined them."""
    for number, directory in enumerate(directories):
        found: dict[FrameworkId, Path] = {}
        try:
            paths = framework_files(directory)
        except InputError as exc:
            errors.append(exc)
            continue
        for path in paths:
            try:
                root = read_yaml(path)
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
            if framework.id in extra:
                errors.append(duplicate_framework(path, root, extra[framework.id]))
                continue
            found[framework.id] = path
            if number:
                extra[framework.id] = path
            frameworks[framework.id] = framework
    errors.extend(resolve_links(frameworks.values(), frameworks))
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


