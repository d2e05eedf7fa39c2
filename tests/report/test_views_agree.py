"""Every view of a check says the same of each link as the JSON: on plans written as Thai planners write them,
the table, Markdown, CSV, xlsx matrix, HTML heatmap and `align explain` show, for each objective and strategy, the
grade and figure of the JSON's candidates, and the same status and summary (issue 17: no contradictions)."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Callable
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path

import openpyxl
import pytest

from ..conftest import REPO, CliResult

Run = Callable[..., CliResult]
PLANS = sorted((REPO / "benchmarks" / "agencies").glob("*.yaml"))
PLANS = [p for p in PLANS if p.name != "split.yaml"] + sorted((REPO / "plan").glob("*.yaml"))
LINK = re.compile(r"(?P<target>[\w-]+:[\w.]+)(?: \(via (?P<via>[\w.]+)\))? "
                  r"(?P<grade>strong|weak|none) (?P<score>\d\.\d\d)")
VIA = re.compile(r" \(via ([\w.]+)\)")


def _shown(score: float) -> str:
    """How a figure reads at two digits: cut, never rounded up into another grade (0.5978 reads 0.59)."""
    return str(Decimal(str(score)).quantize(Decimal("0.01"), rounding=ROUND_FLOOR))


class Truth:
    """What the JSON says: each objective's status, and each strategy candidate's grade and figure."""

    def __init__(self, document: dict) -> None:  # type: ignore[type-arg]
        self.summary = document["summary"]
        self.frameworks = [f["id"] for f in document["frameworks"]]
        self.strategies = {c["framework"]: {i["id"] for i in c["items"]} for c in document["coverage"]}
        self.status = {o["id"]: o["status"] for o in document["objectives"]}
        self.links: dict[tuple[str, str], tuple[str, str]] = {}
        """(objective, strategy ref) -> (grade, figure at two digits), for the strategies the JSON lists."""
        self.via: dict[tuple[str, str], str | None] = {}
        """(objective, strategy ref) -> the measure that carries the strategy's figure, if one does."""
        self.best: dict[tuple[str, str], str] = {}
        """(objective, framework) -> the best strategy: the first the JSON lists (candidates are best first)."""
        for objective in document["objectives"]:
            for candidate in objective["candidates"]:
                framework, _, item = candidate["target"].partition(":")
                if item in self.strategies[framework]:
                    self.links[objective["id"], candidate["target"]] = (candidate["grade"], _shown(candidate["score"]))
                    via = candidate["via"]
                    self.via[objective["id"], candidate["target"]] = via.partition(":")[2] if via else None
                    self.best.setdefault((objective["id"], framework), candidate["target"])

    def agrees(self, objective: str, target: str, grade: str, figure: str, view: str) -> None:
        """A view's cell agrees: the JSON's grade and figure where the JSON lists the strategy, else not graded."""
        listed = self.links.get((objective, target))
        if listed is not None:
            assert (grade, figure) == listed, f"{view}: {objective} -> {target} {grade} {figure}, JSON {listed}"
        else:
            assert grade == "none", f"{view}: {objective} -> {target} graded {grade}, JSON lists no such link"


def _views(run_cli: Run, plan: Path, tmp_path: Path) -> dict[str, str | Path]:
    views: dict[str, str | Path] = {}
    for fmt in ("json", "csv", "markdown", "table"):
        result = run_cli("check", str(plan), "--format", fmt)
        assert result.exit_code in (0, 1), result.stderr
        views[fmt] = result.stdout
    for fmt in ("xlsx", "html"):
        out = tmp_path / f"report.{fmt}"
        assert run_cli("check", str(plan), "--format", fmt, "--output", str(out)).exit_code in (0, 1)
        views[fmt] = out
    return views


@pytest.mark.parametrize("plan", PLANS, ids=[p.stem for p in PLANS])
def test_every_view_shows_the_json_figures(run_cli: Run, plan: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # the terminal table unwrapped, one line per row
    views = _views(run_cli, plan, tmp_path)
    truth = Truth(json.loads(str(views["json"])))
    checked = 0

    # CSV: one row per objective and strategy, every strategy of every framework.
    for row in csv.DictReader(io.StringIO(str(views["csv"]).lstrip("\ufeff"))):
        truth.agrees(row["objective"], f"{row['framework']}:{row['strategy']}", row["grade"], row["score"], "csv")
        checked += 1

    # Markdown's objectives table and the terminal table: the best link per framework, and the status.
    for line in str(views["markdown"]).splitlines():
        cells = [c.strip() for c in line.split(" | ")]
        if len(cells) == 4 and cells[0].lstrip("| ") in truth.status:
            objective = cells[0].lstrip("| ")
            assert cells[2] == truth.status[objective], f"markdown status of {objective}"
            shown = [m.groupdict() for m in LINK.finditer(cells[3])]
            assert [m["target"] for m in shown] == [truth.best[objective, f] for f in truth.frameworks]
            for m in shown:
                truth.agrees(objective, m["target"], m["grade"], m["score"], "markdown")
                assert m["via"] == truth.via[objective, m["target"]], f"markdown: {objective} -> {m['target']} via"
                checked += 1
    table_rows = 0
    for line in str(views["table"]).splitlines():
        cells = [c.strip() for c in line.strip("│ ").split("│")]
        if len(cells) == len(truth.frameworks) + 3 and cells[0] in truth.status:
            objective = cells[0]
            assert cells[-1] == truth.status[objective], f"table status of {objective}"
            for framework, cell in zip(truth.frameworks, cells[2:-1], strict=True):
                via = VIA.search(cell)
                item, grade, figure = VIA.sub("", cell).split()[:3]
                assert (via and via.group(1)) == truth.via[objective, f"{framework}:{item}"], f"table via {objective}"
                assert f"{framework}:{item}" == truth.best[objective, framework], f"table best of {objective}"
                truth.agrees(objective, f"{framework}:{item}", grade, figure, "table")
                checked += 1
            table_rows += 1
    assert table_rows == len(truth.status)
    s = truth.summary
    counts = f"{s['objectives']} objectives: {s['aligned']} aligned, {s['weak']} weak, {s['unaligned']} unaligned"
    assert counts in str(views["markdown"])

    # The HTML heatmap: each cell's label names objective, strategy, grade and figure.
    page = Path(views["html"]).read_text(encoding="utf-8")
    cells = re.findall(r'aria-label="([^"]+)"', page)
    for label in cells:
        parts = html.unescape(label).split(" · ")
        if len(parts) >= 3 and ":" in parts[1]:
            grade, figure = parts[2].split()
            truth.agrees(parts[0], parts[1], grade, figure, "html")
            checked += 1

    # The xlsx matrix: one sheet per framework, a cell per objective and strategy ("✓ weak 0.41", or a number).
    book = openpyxl.load_workbook(Path(views["xlsx"]), read_only=True)
    for framework in truth.frameworks:
        rows = book[framework].iter_rows(values_only=True)
        header = next(r for r in rows if r and r[0] == "ID")
        items = [str(h).split("\n")[0].split()[-1] for h in header[3:]]
        for row in rows:
            if row[0] is None:  # the coverage row beneath the objectives
                break
            objective = str(row[0])
            assert row[2] == truth.status[objective], f"xlsx status of {objective}"
            for item, value in zip(items, row[3:], strict=True):
                if isinstance(value, str):
                    grade, figure = value.removeprefix("✓ ").split()
                else:  # a number alone: not graded, shown to four digits
                    grade, figure = "none", _shown(float(value))
                truth.agrees(objective, f"{framework}:{item}", grade, figure, "xlsx")
                checked += 1
    assert checked > 6 * len(truth.status)


@pytest.mark.parametrize("plan", PLANS[:3] + PLANS[-1:], ids=[p.stem for p in PLANS[:3] + PLANS[-1:]])
def test_explain_shows_the_json_figures(run_cli: Run, plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    truth = Truth(json.loads(run_cli("check", str(plan), "--format", "json").stdout))
    for objective in list(truth.status)[:4]:
        lines = run_cli("explain", objective, "--plan", str(plan)).stdout.splitlines()
        framework, seen = "", 0
        for number, line in enumerate(lines):
            heading = line.split()[0] if line.strip() else ""
            if heading in truth.frameworks:
                framework = heading
            row = re.match(r"│ (\S+)\s+│\s+(\d\.\d\d) │ (\w+)\s+│", line)
            if row and framework and "strategy" in lines[number + 1]:
                item, figure, grade = row.groups()
                truth.agrees(objective, f"{framework}:{item}", grade, figure, "explain")
                seen += 1
        assert seen >= len(truth.frameworks), f"explain {objective}: {seen} strategy rows read"
