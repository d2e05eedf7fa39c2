"""The report's alignment map: objectives as rows, strategies as columns, each cell coloured by the link's score, and
what a cell shows when pointed at (both texts with the shared terms marked, the evidence, the measures)."""

from __future__ import annotations

from html import escape
from typing import Any

from align.highlight import Mark, find_terms
from align.labels import Labels
from align.model import Framework, ItemRef
from align.result import Candidate, CheckResult, Grade, ObjectiveResult, shown

MEASURES_PER_CELL = 5
"""Measures with a score listed in a cell's detail, best first."""

# Score -> colour: light to dark blue (ColorBrewer Blues), readable in greyscale print too.
_RAMP = ((0.0, (247, 251, 255)), (0.1, (222, 235, 247)), (0.2, (158, 202, 225)), (0.35, (66, 146, 198)),
         (0.6, (8, 81, 156)), (1.0, (8, 48, 107)))


def colour(score: float) -> tuple[str, str]:
    """Background and text colour of a heatmap cell with this score."""
    score = min(1.0, max(0.0, score))
    for (low, a), (high, b) in zip(_RAMP, _RAMP[1:], strict=False):
        if score <= high:
            f = (score - low) / (high - low)
            rgb = tuple(round(x + (y - x) * f) for x, y in zip(a, b, strict=True))
            break
    luminance = (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255
    return "#{:02x}{:02x}{:02x}".format(*rgb), "#ffffff" if luminance < 0.55 else "#1f2933"


def text(value: str, tag: str = "span", cls: str = "") -> str:
    """User text, escaped, marked Thai when it is (the browser then breaks lines at Thai word boundaries)."""
    attrs = f' class="{cls}"' if cls else ""
    if lang_of(value):
        attrs += ' lang="th"'
    return f"<{tag}{attrs}>{escape(value)}</{tag}>"


def lang_of(value: str) -> str:
    """The lang attribute of a text: "th" for Thai."""
    return "th" if any("\u0e00" <= c <= "\u0e7f" for c in value) else ""


def section(result: CheckResult, t: Labels) -> str:
    gaps = {ItemRef(c.framework.id, i.item.id) for c in result.coverage for i in c.items if i.grade is Grade.NONE}
    top = [f'<th rowspan="2" class="oid" scope="col">{escape(t("objective.id"))}</th>',
           f'<th rowspan="2" class="otitle" scope="col">{escape(t("objective.title"))}</th>']
    second = []
    for fw in result.frameworks:
        top.append(f'<th colspan="{len(fw.items)}" class="fw first" scope="colgroup">{escape(fw.id)}'
                   f"{text(fw.title, 'span', 'fwtitle')}</th>")
        for index, strategy in enumerate(fw.items):
            classes = "s" + (" gap" if ItemRef(fw.id, strategy.id) in gaps else "") + (" first" if index == 0 else "")
            second.append(f'<th class="{classes}" scope="col" title="{escape(strategy.title)}">'
                          f"{escape(strategy.id)}</th>")
    rows = []
    for index, objective in enumerate(result.objectives):
        own = objective.objective
        cells = [f'<th class="oid" scope="row">{escape(own.id)}</th>',
                 f'<td class="otitle">{text(own.title)} <span class="status {objective.status.value}">'
                 f"{escape(t.status(objective.status))}</span></td>"]
        for fw in result.frameworks:
            for position, strategy in enumerate(fw.items):
                cells.append(_cell(index, objective, fw, ItemRef(fw.id, strategy.id), position == 0, t))
        rows.append(f'<tr class="{objective.status.value}">{"".join(cells)}</tr>')
    ramp = ", ".join(f"{colour(p)[0]} {p * 100:.0f}%" for p, _ in _RAMP)
    keys = []
    for fw in result.frameworks:
        items = "".join(
            f'<li{" class=gap" if ItemRef(fw.id, s.id) in gaps else ""}><span class="sid">{escape(s.id)}</span>'
            f"{text(s.title)}</li>" for s in fw.items)
        keys.append(f"<div><h3>{escape(fw.id)} {text(fw.title)}</h3><ol>{items}</ol></div>")
    return (
        f'<section id="heatmap"><h2>{escape(t("heatmap"))}</h2><p class="hint">{escape(t("heatmap.hint"))}</p>'
        f'<div class="scroll"><table class="heatmap"><thead><tr>{"".join(top)}</tr>'
        f'<tr class="strategies">{"".join(second)}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        f'<div class="legend"><span>0<span class="ramp" style="background:linear-gradient(to right, {ramp})">'
        f'</span>1</span><span>{escape(t("legend.score"))}</span><span>{escape(t("legend.declared"))}</span>'
        f'<span class="gapkey">{escape(t("legend.gap"))}</span></div>'
        f'<div class="strategy-key">{"".join(keys)}</div></section>'
    )


def _cell(index: int, objective: ObjectiveResult, fw: Framework, ref: ItemRef, first: bool, t: Labels) -> str:
    link = _link(objective, ref)
    edge = " first" if first else ""
    if link is None:
        return f'<td class="cell empty{edge}"></td>'
    background, ink = colour(link.score)
    declared = " declared" if link.declared else ""
    # A label for screen readers; no title attribute, whose tooltip would cover the evidence panel.
    label = f"{objective.objective.id} · {ref} · {t.grade(link.grade)} {shown(link.score)}"
    if link.declared:
        label += f" · {t('declared')}"
    return (f'<td class="cell grade-{link.grade.value}{declared}{edge}" style="background:{background};color:{ink}">'
            f'<button type="button" data-k="{index}|{escape(str(ref))}" aria-label="{escape(label)}">'
            f"{shown(link.score)}</button></td>")


def _link(objective: ObjectiveResult, ref: ItemRef) -> Candidate | None:
    return objective.strategy(ref)


def cell_details(result: CheckResult, t: Labels) -> dict[str, Any]:
    """What the script shows for a cell: both texts with the shared terms marked, evidence, measures."""
    items = {}
    for fw in result.frameworks:
        for item in fw.walk():
            items[f"{fw.id}:{item.id}"] = {"id": item.id, "title": item.title, "lang": lang_of(item.title)}
    cells: dict[str, Any] = {}
    for index, objective in enumerate(result.objectives):
        title = objective.objective.title
        for fw in result.frameworks:
            for strategy in fw.items:
                ref = ItemRef(fw.id, strategy.id)
                link = _link(objective, ref)
                if link is None:
                    continue
                measures = [c for c in (objective.links or objective.candidates)
                            if c.target.framework == fw.id and c.strategy == strategy.id and c.target != ref
                            and c.score > 0]
                cells[f"{index}|{ref}"] = {
                    "score": float(shown(link.score, 4)),
                    "via": str(link.via) if link.via else None,
                    "grade": link.grade.value,
                    "grade_label": t.grade(link.grade),
                    "declared": link.declared,
                    "evidence": [t.term(term, strategy.id) for term in link.evidence],
                    "objective_marks": _utf16(title, find_terms(title, [term.objective for term in link.evidence])),
                    "strategy_marks": _utf16(strategy.title, find_terms(strategy.title, [
                        term.target for term in link.evidence if term.item == strategy.id and term.field == "title"])),
                    "measures": [[str(m.target), float(shown(m.score, 4)), m.grade.value, m.declared,
                                  [t.term(term, m.target.item) for term in m.evidence]]
                                 for m in measures[:MEASURES_PER_CELL]],
                }
    return {
        "labels": {"close": t("close"), "score": t("score"), "declared": t("declared"),
                   "suggested": t("suggested"), "evidence": t("evidence"), "evidence_none": t("evidence.none"),
                   "measures": t("measures")},
        "objectives": [{"id": o.objective.id, "title": o.objective.title, "lang": lang_of(o.objective.title)}
                       for o in result.objectives],
        "items": items,
        "cells": cells,
    }


def _utf16(text: str, marks: tuple[Mark, ...]) -> list[list[int]]:
    """Marks as UTF-16 offsets, which is how the script indexes strings (differs beyond the BMP)."""
    def offset(i: int) -> int:
        return len(text[:i].encode("utf-16-le")) // 2
    return [[offset(m.start), offset(m.end)] for m in marks]
