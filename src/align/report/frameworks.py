"""Browsing the frameworks: the list of `align frameworks` and the item tree of `align frameworks show ID`.

Like table.py these build rich renderables the CLI prints (rich measures Thai cell widths correctly); they read
the model only. "Measures" counts every item beneath the strategies: goals and measures alike, as published.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from io import StringIO

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from align import calendar
from align.model import LEVELS, Framework, FrameworkId, FrameworkItem


def build_list(frameworks: Sequence[Framework]) -> Table:
    """One row per framework: id, titles and sources, period, level in the planning system, strategies and the
    items beneath them."""
    table = Table(title="National frameworks", title_justify="left", expand=False, show_lines=True)
    table.add_column("ID", no_wrap=True)
    table.add_column("Title and source", overflow="fold", ratio=1)
    table.add_column("Period", no_wrap=True)
    table.add_column("Level", justify="right", no_wrap=True)
    table.add_column("Items", no_wrap=True)
    for framework in frameworks:
        title = Text(framework.title)
        if framework.title_en:
            title.append("\n" + framework.title_en, style="dim")
        title.append("\n" + ("\n".join(framework.sources) or "-"), style="dim")
        table.add_row(
            Text(framework.id),
            title,
            Text("{}-{}".format(*framework.period)),
            str(framework.level or "-"),
            Text(f"{_count(len(framework.items), 'strategy', 'strategies')}\n"
                 f"{_count(count_below_strategies(framework), 'measure', 'measures')}"),
        )
    return table


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def build_tree(framework: Framework, available: Mapping[FrameworkId, Framework] | None = None) -> RenderableType:
    """The framework's header, then its strategies and everything beneath them, Thai and English titles; its level
    in the planning system and the plans it says it serves (and, among `available`, those that say they serve it)."""
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
    facts.append(f"; {_count(len(framework.items), 'strategy', 'strategies')}, "
                 f"{_count(count_below_strategies(framework), 'measure', 'measures')}")
    sources = Text("source: " + (" ; ".join(framework.sources) or "-"), style="dim")
    return Group(tree, facts, sources, *_place(framework, available or {}))


def _place(framework: Framework, available: Mapping[FrameworkId, Framework]) -> list[RenderableType]:
    """Where the framework sits in Thailand's planning system, as its sources state it, and what it links to."""
    parts: list[RenderableType] = []
    if framework.level is not None:
        level = Text(f"\nlevel {framework.level} of the national planning system ({LEVELS[framework.level]})")
        level.append(f"\nstated in: {framework.level_source}", style="dim")
    else:
        level = Text("\nlevel in the national planning system: not stated by any source found")
    parts.append(level)
    if framework.links:
        parts.append(Text(f"serves, as stated ({len(framework.links)}):"))
        links = Table.grid(padding=(0, 2))
        links.add_column(no_wrap=True)
        links.add_column(overflow="fold")
        for kind in ("direct", "indirect", None):
            for link in (lnk for lnk in framework.links if lnk.kind == kind):
                target = _target(link.to, available) if link.is_reference else link.to
                links.add_row(Text(f"  {kind or 'linked'}", style="bold" if kind == "direct" else ""),
                              Text((f"from {link.from_item}: " if link.from_item else "") + target))
        parts.append(links)
        stated = sorted({link.source for link in framework.links})
        parts.append(Text("stated in: " + " ; ".join(stated), style="dim"))
    inbound = [(other, link) for other in available.values() if other.id != framework.id
               for link in other.links if link.is_reference and link.to.partition(":")[0] == framework.id]
    if inbound:
        parts.append(Text("plans that say they serve it:"))
        said = Table.grid(padding=(0, 2))
        for other, link in inbound:
            said.add_row(Text(f"  {link.kind or 'linked'}"),
                         Text(f"{other.id} {other.title}" + (f" -> {link.to}" if ":" in link.to else "")))
        parts.append(said)
    return parts


def _target(reference: str, available: Mapping[FrameworkId, Framework]) -> str:
    """A framework or item reference with the title it points at."""
    framework_id, _, item_id = reference.partition(":")
    framework = available.get(FrameworkId(framework_id))
    item = framework.find(item_id) if framework is not None and item_id else None
    title = item.title if item is not None else framework.title if framework is not None else ""
    return f"{reference} {title}".rstrip()


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
