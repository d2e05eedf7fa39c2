"""A Plan written back as a plan file in the schema v1 layout (../shared/reference/data-schema.md).

The inverse of load_plan: loading what dump() writes gives an equal Plan. Keys come in the schema's
order, ids that look like numbers are quoted, Thai is written as is, and text with line breaks becomes a
literal block.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml

from align.loading.plans import load_plan
from align.model import Objective, Plan


class _Dumper(yaml.SafeDumper):
    """Block lists indented under their key, like the bundled plans; nothing else changed."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


class _Flow(list[Any]):
    """A short list written on one line: [2023, 2027]."""


def _flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(_Flow, _flow)


def dump(plan: Plan, comment: str = "") -> str:
    """The plan file's text; `comment` lines (e.g. where it was imported from) head the file."""
    header: dict[str, Any] = {"id": plan.id, "title": plan.title}
    if plan.owner:
        header["owner"] = plan.owner
    header["period"] = _Flow(plan.period)
    header["frameworks"] = _Flow(plan.frameworks)
    if plan.source:
        header["source"] = plan.source
    document = {"plan": header, "objectives": [_objective(o) for o in plan.objectives]}
    text = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)
    lead = "".join(f"# {line}\n".replace("# \n", "#\n") for line in comment.splitlines())
    return lead + text


def _objective(objective: Objective) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": objective.id, "title": objective.title}
    if objective.description:
        entry["description"] = objective.description
    if objective.source:
        entry["source"] = objective.source
    if objective.aligns_with:
        entry["aligns_with"] = _Flow(str(link) for link in objective.aligns_with)
    return entry


def dump_checked(plan: Plan, origin: str) -> str:
    """dump(), checked: loading the text gives back the plan (a mismatch is a bug in align, not bad input)."""
    text = dump(plan, origin)
    with tempfile.TemporaryDirectory(prefix="align-import-") as directory:
        written = Path(directory) / "plan.yaml"
        written.write_text(text, encoding="utf-8")
        loaded = load_plan(written)
    if loaded != plan:
        raise AssertionError("the written plan file does not load back to the plan")
    return text
