"""Plan files -> Plan: the plan header and its objectives, checked (schema.py), every problem reported at once."""

from __future__ import annotations

from pathlib import Path

from align.errors import InputError, raise_collected
from align.loading.schema import MAX_TITLE_CHARS, OPTIONAL, REQUIRED, File, kind_of, labelled, read_yaml
from align.loading.yamlfile import Located
from align.model import FRAMEWORK_ID_PATTERN, FrameworkId, ItemRef, Objective, ObjectiveId, Plan

_PLAN_FILE = {"plan": REQUIRED, "objectives": REQUIRED}
_PLAN = {
    "id": REQUIRED,
    "title": REQUIRED,
    "owner": OPTIONAL,
    "period": REQUIRED,
    "frameworks": REQUIRED,
    "source": OPTIONAL,
}
_OBJECTIVE = {
    "id": REQUIRED,
    "title": REQUIRED,
    "description": OPTIONAL,
    "source": OPTIONAL,
    "aligns_with": OPTIONAL,
}


def load_plan(path: Path) -> Plan:
    """Read and check a plan file; raises InputError or InputErrors."""
    return plan_from(path, read_yaml(path))


def plan_from(path: Path, root: Located) -> Plan:
    """Check a plan file's values, read by `read_yaml()`; raises InputError or InputErrors with every problem."""
    plan, errors = collect_plan(path, root)
    raise_collected(errors)
    return plan


def collect_plan(path: Path, root: Located) -> tuple[Plan, list[InputError]]:
    """The plan as far as it can be read, and every problem of the file.

    With problems, the plan holds only what was readable (an unreadable id or title is empty): enough for
    `align validate` to check the links that are there, never for a check.
    """
    file = File(path)
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
        listed: dict[str, int | None] = {}
        kept = []
        for node in frameworks:
            if node.value in listed:  # checked once, reported once: a second mention is a slip to point at
                first = f" (first at line {listed[node.value]})" if listed[node.value] != node.line else ""
                file.problem("plan", f"frameworks lists '{node.value}' twice{first}", node.line)
                continue
            listed[node.value] = node.line
            kept.append(node)
        frameworks = kept
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
    return plan, file.found()


def _objectives(file: File, node: Located | None) -> list[Objective]:
    if node is None:
        return []
    if node.value is not None and not isinstance(node.value, list):
        file.problem("objectives", f"must be a list of objectives, found {kind_of(node.value)}", node.line)
        return []
    if not node.value:
        file.problem("objectives", "is empty: a plan needs at least one objective", node.line)
        return []
    result = []
    for index, entry in enumerate(node.value):
        where = labelled(f"objectives[{index}]", entry)
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


