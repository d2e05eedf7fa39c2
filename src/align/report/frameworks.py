"""Browsing the frameworks: the list of `align frameworks` and the item tree of `align frameworks show ID`.

Like table.py these build rich renderables the CLI prints, Thai wrapped between words (thai_wrap); they read the
model only. "Measures" counts every item beneath the strategies: goals and measures alike, as published.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from io import StringIO

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from align import calendar
from align.labels import Labels, Lang
from align.model import Framework, FrameworkId, FrameworkItem
from align.report.thai_wrap import wrapped


def build_list(frameworks: Sequence[Framework], lang: Lang = Lang.EN) -> Table:
    """One row per framework: id, titles and sources, period, level in the planning system, strategies and the
    items beneath them."""
    t = Labels(lang)
    table = Table(title=t("fw.list"), title_justify="left", expand=False, show_lines=True)
    table.add_column(t("objective.id"), no_wrap=True)
    table.add_column(t("fw.title_source"), ratio=1)
    table.add_column(t("fw.period_header"), no_wrap=True)
    table.add_column(t("fw.level"), justify="right", no_wrap=True)
    table.add_column(t("fw.items"), no_wrap=True)
    for framework in frameworks:
        title = Text(framework.title)
        if framework.title_en:
            title.append("\n" + framework.title_en, style="dim")
        title.append("\n" + ("\n".join(framework.sources) or "-"), style="dim")
        table.add_row(
            Text(framework.id),
            wrapped(title),
            Text("{}-{}\n".format(*framework.period) + _be(framework, lang)),
            str(framework.level or "-"),
            Text(f"{_count(len(framework.items), t, 'fw.strategy', 'fw.strategies')}\n"
                 f"{_count(count_below_strategies(framework), t, 'fw.measure', 'fw.measures')}"),
        )
    return table


def _count(number: int, t: Labels, one: str, many: str) -> str:
    return t(one if number == 1 else many, count=number)


def build_tree(framework: Framework, available: Mapping[FrameworkId, Framework] | None = None,
               lang: Lang = Lang.EN) -> RenderableType:
    """The framework's header, then its strategies and everything beneath them, Thai and English titles; its level
    in the planning system and the plans it says it serves (and, among `available`, those that say they serve it)."""
    t = Labels(lang)
    label = Text(f"{framework.id}  ", style="bold")
    label.append(framework.title)
    if framework.title_en:
        label.append("\n" + framework.title_en, style="dim")
    tree = Tree(wrapped(label), guide_style="dim")
    for item in framework.items:
        _add(tree, item)
    facts = Text(t("fw.period", period=period(framework)))
    if framework.issuer:
        facts.append("; " + t("fw.issuer", issuer=framework.issuer))
    facts.append(f"; {_count(len(framework.items), t, 'fw.strategy', 'fw.strategies')}, "
                 f"{_count(count_below_strategies(framework), t, 'fw.measure', 'fw.measures')}")
    sources = Text(t("fw.source", sources=" ; ".join(framework.sources) or "-"), style="dim")
    return Group(tree, wrapped(facts), wrapped(sources), *_place(framework, available or {}, t))


def _place(framework: Framework, available: Mapping[FrameworkId, Framework], t: Labels) -> list[RenderableType]:
    """Where the framework sits in Thailand's planning system, as its sources state it, and what it links to."""
    parts: list[RenderableType] = []
    if framework.level is not None:
        level = Text("\n" + t("fw.level_is", level=framework.level, what=t(f"fw.level{framework.level}")))
        level.append("\n" + t("fw.stated_in", source=framework.level_source), style="dim")
    else:
        level = Text("\n" + t("fw.level_unknown"))
    parts.append(wrapped(level))
    if framework.links:
        parts.append(Text(t("fw.serves", count=len(framework.links))))
        links = Table.grid(padding=(0, 2))
        links.add_column(no_wrap=True)
        links.add_column()
        for kind in ("direct", "indirect", None):
            for link in (lnk for lnk in framework.links if lnk.kind == kind):
                target = _target(link.to, available) if link.is_reference else link.to
                links.add_row(Text(f"  {t('fw.' + (kind or 'linked'))}", style="bold" if kind == "direct" else ""),
                              wrapped((t("fw.from", item=link.from_item) if link.from_item else "") + target))
        parts.append(links)
        stated = sorted({link.source for link in framework.links})
        parts.append(wrapped(Text(t("fw.stated_in", source=" ; ".join(stated)), style="dim")))
    inbound = [(other, link) for other in available.values() if other.id != framework.id
               for link in other.links if link.is_reference and link.to.partition(":")[0] == framework.id]
    if inbound:
        parts.append(Text(t("fw.inbound")))
        said = Table.grid(padding=(0, 2))
        for other, link in inbound:
            said.add_row(Text(f"  {t('fw.' + (link.kind or 'linked'))}"),
                         wrapped(f"{other.id} {other.title}" + (f" -> {link.to}" if ":" in link.to else "")))
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


def _be(framework: Framework, lang: Lang) -> str:
    first, last = framework.period
    return f"{'พ.ศ.' if lang is Lang.TH else 'B.E.'} {calendar.to_be(first)}-{calendar.to_be(last)}"


def count_below_strategies(framework: Framework) -> int:
    """Every item beneath the strategies, at any depth."""
    return sum(1 for _ in framework.walk()) - len(framework.items)


def _add(parent: Tree, item: FrameworkItem) -> None:
    label = Text(f"{item.id}  ", style="bold")
    label.append(item.title)
    if item.title_en:
        label.append("\n" + item.title_en, style="dim")
    branch = parent.add(wrapped(label))
    for child in item.items:
        _add(branch, child)
