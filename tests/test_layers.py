"""The import direction of ../shared/STYLE.md, enforced by reading the source with ast."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "align"

# module -> align modules it may import (report.* share one rule), and third-party packages it may use.
ALLOWED: dict[str, tuple[set[str], set[str]]] = {
    "errors": (set(), set()),
    "kinds": (set(), set()),
    "links": ({"model"}, set()),
    "findings": ({"calendar", "kinds", "links", "model", "result"}, set()),
    "model": (set(), set()),
    "matching": ({"errors", "model", "result", "scores", "loading"}, {"pythainlp", "nlpo3", "rapidfuzz", "numpy"}),
    "scores": ({"model", "result"}, set()),
    "bundled": (set(), set()),
    "calendar": (set(), set()),
    "outfile": ({"errors"}, set()),
    "validate": ({"links", "loading", "model", "errors", "bundled", "loading"}, set()),
    "result": ({"model", "kinds"}, set()),
    "loading": ({"model", "errors", "calendar"}, {"yaml"}),
    "assess": ({"model", "result", "findings", "kinds", "scores"}, set()),
    "waivers": ({"bundled", "loading", "errors", "model", "result", "kinds"}, set()),
    "config": ({"waivers", "assess", "errors", "model", "report", "result", "kinds"}, set()),
    "pipeline": ({"links", "loading", "matching", "scores", "assess", "model", "result", "errors", "bundled"}, set()),
    "labels": ({"result", "model", "calendar", "kinds"}, set()),
    "sheet": ({"errors"}, {"openpyxl"}),
    "planfile": ({"model"}, {"yaml"}),
    "headers": ({"labels"}, set()),
    "importer": ({"calendar", "links", "headers", "loading", "planfile", "sheet", "errors", "labels", "model", "loading"},
                 set()),
    "explain": ({"errors", "labels", "model", "result", "matching"}, set()),
    "report": ({"result", "model", "report", "labels", "explain", "calendar", "kinds", "scores"},
               {"rich", "openpyxl"}),
    "cli": ({"calendar", "kinds", "pipeline", "report", "errors", "assess", "result", "bundled", "model", "loading", "config",
             "outfile", "validate", "labels", "explain", "importer", "headers"},
            {"typer", "rich"}),
    "__init__": (set(), set()),
    "__main__": ({"cli"}, set()),
}
STDLIB_ONLY_EXTRA = {"align"}


def _module_name(path: Path) -> str:
    relative = path.relative_to(SRC).with_suffix("")
    parts = relative.parts
    return parts[0]


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


def _third_party(name: str) -> bool:
    import sys

    top = name.split(".")[0]
    return top not in sys.stdlib_module_names and top not in STDLIB_ONLY_EXTRA and top != "__future__"


def test_every_module_has_a_rule() -> None:
    modules = {_module_name(p) for p in SRC.rglob("*.py")}
    assert modules <= set(ALLOWED), f"add a layering rule for {modules - set(ALLOWED)}"


def test_imports_follow_the_layering() -> None:
    violations = []
    for path in SRC.rglob("*.py"):
        module = _module_name(path)
        inner, outer = ALLOWED[module]
        for name in _imports(path):
            if name.startswith("align."):
                target = name.split(".")[1]
                if target != module and target not in inner:
                    violations.append(f"{path.relative_to(SRC)} imports align.{target}")
            elif name != "align" and _third_party(name) and name.split(".")[0] not in outer:
                violations.append(f"{path.relative_to(SRC)} imports {name}")
    assert not violations, "\n".join(sorted(violations))


def test_rich_and_typer_stay_out_of_the_core() -> None:
    core = ["model", "errors", "loading/schema", "matching/text", "matching/glossary", "matching/scorer", "assess", "result",
            "pipeline", "validate", "outfile", "loading/yamlfile", "labels", "explain", "importer", "headers", "sheet",
            "planfile"]
    for module in core:
        imports = _imports(SRC / f"{module}.py")
        assert not {n for n in imports if n.split(".")[0] in {"rich", "typer"}}, module
