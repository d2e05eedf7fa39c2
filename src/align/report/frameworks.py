"""Browsing the frameworks: the list of `align frameworks` and the item tree of `align frameworks show ID`.

Like table.py these build rich renderables the CLI prints (rich measures Thai cell widths correctly); they read
the model only. "Measures" counts every item beneath the strategies: goals and measures alike, as published.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import StringIO

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from align import calendar
from align.model import Framework, FrameworkItem


def build_list(frameworks: Sequence[Framework]) -> Table:
    """One row per framework: id, titles, period, how many strategies and items beneath them, sources."""
    table = Table(title="National frameworks", title_justify="left", expand=False, show_lines=True)
    table.add_column("ID", no_wrap=True)
    table.add_column("Title", overflow="fold", ratio=3)
    table.add_column("Period", no_wrap=True)
    table.add_column("Strategies", justify="right")
    table.add_column("Measures", justify="right")
    table.add_column("Source", overflow="fold", ratio=2)
    for framework in frameworks:
        title = Text(framework.title)
        if framework.title_en:
            title.append("\n" + framework.title_en, style="dim")
        table.add_row(
            Text(framework.id),
            title,
            Text("{}-{}".format(*framework.period)),
            str(len(framework.items)),
            str(count_below_strategies(framework)),
            Text("\n".join(framework.sources) or "-"),
        )
    return table


def build_tree(framework: Framework) -> RenderableType:
    """The framework's header, then its strategies and everything beneath them, Thai and English titles."""
    label = Text(f"{framework.id}  ", style="bold")
    label.append(framework.title)
    if framework.title_en:
        label.append("\n" + framework.title_en, style="dim")
    tree = Tree(label, guide_style="dim")
    for item in framework.items:
        _add(tree, item)
    facts = Text(f"period {period(framework)}")
    if framework.issuer:
        facts.append(f"; issuer {framework.issuer}")
    facts.append(f"; {len(framework.items)} strategies, {count_below_strategies(framework)} measures")
    sources = Text("source: " + (" ; ".join(framework.sources) or "-"), style="dim")
    return Group(tree, facts, sources)


def render(renderable: RenderableType, width: int = 100) -> str:
    """A renderable of this module as plain text (no colour), for tests and files."""
    console = Console(file=StringIO(), width=width, color_system=None, force_terminal=False, legacy_windows=False)
    console.print(renderable)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in output.splitlines()) + "\n"


def period(framework: Framework) -> str:
    """`2023-2027 (B.E. 2566-2570)`: Thai plans are named by Buddhist-era years."""
    first, last = framework.period
    return f"{first}-{last} (B.E. {calendar.to_be(first)}-{calendar.to_be(last)})"


def count_below_strategies(framework: Framework) -> int:
    """Every item beneath the strategies, at any depth."""
    return sum(1 for _ in framework.walk()) - len(framework.items)


def _add(parent: Tree, item: FrameworkItem) -> None:
    label = Text(f"{item.id}  ", style="bold")
    label.append(item.title)
    if item.title_en:
        label.append("\n" + item.title_en, style="dim")
    branch = parent.add(label)
    for child in item.items:
        _add(branch, child)
