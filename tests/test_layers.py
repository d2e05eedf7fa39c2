"""The direction of imports the README documents (Development), enforced by reading the source with ast.

Each top-level module or package of align has a layer; it may import only from layers below its own. So the
CLI sits on everything, reports read finished results only, and the domain types import nothing of align.
Third-party packages are confined to the units that need them (numpy and the Thai tools to matching/).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "align"

LAYERS: list[tuple[str, set[str]]] = [
    # (what the layer is, the units in it), top first
    ("entry point", {"__main__"}),
    ("command line", {"cli"}),
    ("settings", {"config"}),
    ("reports of a finished result", {"report"}),
    ("explanations built from a result", {"explanation"}),
    ("services the commands call", {"pipeline", "validate", "importing", "highlight"}),
    ("matching and judging", {"matching", "assess"}),
    ("rules and words", {"findings", "scores", "labels", "waivers"}),
    ("results and files", {"result", "loading", "links", "outfile", "configfile", "bundled"}),
    ("domain leaves", {"model", "errors", "calendar", "kinds", "__init__"}),
]
RANK = {unit: len(LAYERS) - rank for rank, (_, units) in enumerate(LAYERS) for unit in units}

NEVER = {
    # Below them, but not theirs to use: a reporter renders a finished result and never loads, matches or judges;
    # grading never reaches into the matcher, nor the matcher into grading.
    "report": {"pipeline", "loading", "matching", "assess", "findings", "scores", "waivers", "validate", "importing"},
    "explanation": {"pipeline", "loading", "assess", "findings"},
    "assess": {"matching", "loading"},
    "matching": {"assess", "findings", "labels"},
    "loading": {"matching"},
}

THIRD_PARTY = {
    "numpy": {"matching"},
    "pythainlp": {"matching"},
    "nlpo3": {"matching"},
    "rapidfuzz": {"matching"},
    "yaml": {"loading", "importing"},
    "openpyxl": {"importing", "report"},
    "docx": {"importing", "report"},
    "rich": {"report", "cli"},
    "typer": {"cli"},
    "click": {"cli"},
}


def _unit(path: Path) -> str:
    return path.relative_to(SRC).with_suffix("").parts[0]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            if node.module == "align":
                names.update(f"align.{alias.name}" for alias in node.names if not alias.name.startswith("__"))
    return names


def _sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_every_unit_has_a_layer() -> None:
    units = {_unit(path) for path in _sources()}
    assert units <= set(RANK), f"give {units - set(RANK)} a layer in LAYERS (and the README's table)"


def test_imports_point_down_the_layers() -> None:
    violations = []
    for path in _sources():
        unit = _unit(path)
        for name in _imports(path):
            if not name.startswith("align."):
                continue
            target = name.split(".")[1]
            if target != unit and RANK[target] >= RANK[unit]:
                violations.append(f"{path.relative_to(SRC)} ({unit}) imports align.{target}, which is not below it")
    assert not violations, "\n".join(violations)


def test_no_unit_imports_what_it_must_never_use() -> None:
    violations = [f"{path.relative_to(SRC)} imports {name}" for path in _sources() for name in _imports(path)
                  if name.startswith("align.") and name.split(".")[1] in NEVER.get(_unit(path), set())]
    assert not violations, "\n".join(violations)


def test_third_party_packages_stay_where_they_belong() -> None:
    violations = []
    for path in _sources():
        unit = _unit(path)
        for name in _imports(path):
            top = name.split(".")[0]
            if top in THIRD_PARTY and unit not in THIRD_PARTY[top]:
                violations.append(f"{path.relative_to(SRC)} imports {name}")
            elif top not in THIRD_PARTY and top not in sys.stdlib_module_names and top not in {"align", "__future__"}:
                violations.append(f"{path.relative_to(SRC)} imports {name}, which has no rule here")
    assert not violations, "\n".join(violations)


def test_the_layers_follow_the_documented_direction() -> None:
    # README, Development: cli -> pipeline -> (matching, assess) -> result -> model; reports read results only.
    assert RANK["cli"] > RANK["pipeline"] > RANK["matching"] > RANK["result"] > RANK["model"]
    assert RANK["pipeline"] > RANK["assess"] > RANK["result"]
    assert RANK["report"] > RANK["result"] and RANK["report"] < RANK["cli"]
    assert RANK["matching"] < RANK["report"] and RANK["pipeline"] < RANK["report"]  # a report may not check plans
