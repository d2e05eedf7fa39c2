"""The report as one self-contained HTML file: summary, coverage heatmap, gaps both ways, findings.

Everything is inline (styles, script, the Thai font as a data: URL) and a Content-Security-Policy forbids
loading anything else, so the file opens offline and never calls out. Plan text is escaped here and
inserted with textContent by the script. Thai gets the embedded Noto Sans Thai (assets in
align/data/fonts), room for stacked marks, and the browser's dictionary line breaking (lang="th").
"""

from __future__ import annotations

import base64
import json
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from align import __version__
from align.highlight import Mark, find_terms
from align.kinds import FindingKind
from align.labels import Labels, Lang
from align.model import Framework, ItemRef
from align.result import Candidate, CheckResult, Grade, ObjectiveResult, Status

CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; font-src data:; "
       "img-src data:; base-uri 'none'; form-action 'none'")
"""Nothing but what the file itself holds may load."""
MEASURES_PER_CELL = 5
"""Measures with a score listed in a cell's detail, best first."""

# Score -> colour: light to dark blue (ColorBrewer Blues), readable in greyscale print too.
_RAMP = ((0.0, (247, 251, 255)), (0.1, (222, 235, 247)), (0.2, (158, 202, 225)), (0.35, (66, 146, 198)),
         (0.6, (8, 81, 156)), (1.0, (8, 48, 107)))


def render(result: CheckResult, lang: Lang = Lang.EN) -> str:
    """The whole HTML document."""
    t = Labels(lang)
    plan = result.plan
    body = "\n".join([
        _header(result, t),
        "<main>",
        _summary(result, t),
        _heatmap(result, t),
        _gaps(result, t),
        _findings(result, t),
        "</main>",
        '<aside id="detail" hidden role="dialog" aria-live="polite"></aside>',
        f"<footer>{escape(t('generated_by', version=__version__, file=result.plan_file))}</footer>",
        f'<script type="application/json" id="align-data">{_json(_data(result, t))}</script>',
        f"<script>{_asset('report.js')}</script>",
    ])
    return (
        f'<!DOCTYPE html>\n<html lang="{lang.value}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="align {__version__}">\n'
        f"<title>{escape(t('report.title'))}: {escape(plan.title)}</title>\n"
        f"<style>\n{_font_faces()}{_asset('report.css')}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


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


def _text(value: str, tag: str = "span", cls: str = "") -> str:
    """User text, escaped, marked Thai when it is (the browser then breaks lines at Thai word boundaries)."""
    attrs = f' class="{cls}"' if cls else ""
    if _is_thai(value):
        attrs += ' lang="th"'
    return f"<{tag}{attrs}>{escape(value)}</{tag}>"


def _is_thai(value: str) -> bool:
    return any("\u0e00" <= c <= "\u0e7f" for c in value)


def _header(result: CheckResult, t: Labels) -> str:
    plan = result.plan
    meta = [escape(plan.id), escape(t.period(plan.period))]
    if plan.owner:
        meta.append(_text(plan.owner))
    meta.append(escape(result.plan_file))
    return (
        '<header class="top">'
        f'<p class="kicker">{escape(t("report.title"))}</p>'
        f"{_text(plan.title, 'h1')}"
        f'<p class="meta">{" · ".join(meta)}</p>'
        f'<p class="verdict {result.outcome.value}">{escape(t("verdict"))}: {escape(t.outcome(result.outcome))}</p>'
        "</header>"
    )


def _summary(result: CheckResult, t: Labels) -> str:
    s = result.summary
    cards = [f'<div class="card"><span class="num">{s.objectives}</span>{escape(t("objectives"))}</div>']
    for status, count in ((Status.ALIGNED, s.aligned), (Status.WEAK, s.weak), (Status.UNALIGNED, s.unaligned)):
        cards.append(f'<div class="card {status.value}"><span class="num">{count}</span>'
                     f"{escape(t.status(status))}</div>")
    rows = []
    for cov in result.coverage:
        counts = {g: sum(1 for i in cov.items if i.grade is g) for g in Grade}
        total = len(cov.items) or 1
        bar = "".join(f'<span class="{g.value[0]}" style="width:{100 * counts[g] / total:.1f}%" '
                      f'title="{escape(t.grade(g))}: {counts[g]}"></span>' for g in Grade)
        rows.append(
            f'<tr><td class="ref">{escape(cov.framework.id)}</td><td>{_text(cov.framework.title)}</td>'
            f'<td class="bar"><div class="stack">{bar}</div></td>'
            f"<td>{escape(t('coverage.strong', strong=counts[Grade.STRONG], total=len(cov.items)))}</td>"
            f"<td>{cov.ratio:.0%}</td></tr>"
        )
    return (
        f'<section id="summary"><h2>{escape(t("summary"))}</h2><div class="cards">{"".join(cards)}</div>'
        f'<table class="coverage"><thead><tr><th>{escape(t("framework"))}</th><th></th>'
        f'<th>{escape(t("strategies"))}</th><th></th><th>{escape(t("coverage"))}</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></section>'
    )


def _heatmap(result: CheckResult, t: Labels) -> str:
    gaps = {ItemRef(c.framework.id, i.item.id) for c in result.coverage for i in c.items if i.grade is Grade.NONE}
    top = [f'<th rowspan="2" class="oid" scope="col">{escape(t("objective.id"))}</th>',
           f'<th rowspan="2" class="otitle" scope="col">{escape(t("objective.title"))}</th>']
    second = []
    for fw in result.frameworks:
        top.append(f'<th colspan="{len(fw.items)}" class="fw first" scope="colgroup">{escape(fw.id)}'
                   f"{_text(fw.title, 'span', 'fwtitle')}</th>")
        for index, strategy in enumerate(fw.items):
            classes = "s" + (" gap" if ItemRef(fw.id, strategy.id) in gaps else "") + (" first" if index == 0 else "")
            second.append(f'<th class="{classes}" scope="col" title="{escape(strategy.title)}">'
                          f"{escape(strategy.id)}</th>")
    rows = []
    for index, objective in enumerate(result.objectives):
        own = objective.objective
        cells = [f'<th class="oid" scope="row">{escape(own.id)}</th>',
                 f'<td class="otitle">{_text(own.title)} <span class="status {objective.status.value}">'
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
            f"{_text(s.title)}</li>" for s in fw.items)
        keys.append(f"<div><h3>{escape(fw.id)} {_text(fw.title)}</h3><ol>{items}</ol></div>")
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
    label = f"{objective.objective.id} · {ref} · {t.grade(link.grade)} {link.score:.2f}"
    if link.declared:
        label += f" · {t('declared')}"
    return (f'<td class="cell grade-{link.grade.value}{declared}{edge}" style="background:{background};color:{ink}">'
            f'<button type="button" data-k="{index}|{escape(str(ref))}" aria-label="{escape(label)}">'
            f"{link.score:.2f}</button></td>")


def _link(objective: ObjectiveResult, ref: ItemRef) -> Candidate | None:
    return objective.link(ref) or next((c for c in objective.candidates if c.target == ref), None)


def _gaps(result: CheckResult, t: Labels) -> str:
    strategies = []
    for cov in result.coverage:
        for item in cov.items:
            if item.grade is Grade.NONE:
                strategies.append(f'<li><span class="ref">{escape(cov.framework.id)}:{escape(item.item.id)}</span> '
                                  f"{_text(item.item.title)}</li>")
    parts = [f"<h3>{escape(t('gaps.strategies'))}</h3>", _list(strategies, t)]
    right = []
    for status, key in ((Status.UNALIGNED, "gaps.objectives"), (Status.WEAK, "gaps.weak")):
        entries = []
        for objective in result.objectives:
            if objective.status is status:
                best = objective.candidates[0] if objective.candidates else None
                hint = (f' <span class="muted">({escape(t("best_link"))}: {escape(str(best.target))} '
                        f"{best.score:.2f})</span>") if best else ""
                entries.append(f'<li><span class="ref">{escape(objective.objective.id)}</span> '
                               f"{_text(objective.objective.title)}{hint}</li>")
        right += [f"<h3>{escape(t(key))}</h3>", _list(entries, t)]
    return (f'<section id="gaps"><h2>{escape(t("gaps"))}</h2><div class="two"><div>{"".join(parts)}</div>'
            f'<div>{"".join(right)}</div></div></section>')


def _list(entries: list[str], t: Labels) -> str:
    if not entries:
        return f'<p class="muted">{escape(t("gaps.none"))}</p>'
    return f'<ul class="plain">{"".join(entries)}</ul>'


def _findings(result: CheckResult, t: Labels) -> str:
    shown = [f for f in result.findings if f.kind is not FindingKind.GAP]
    if not shown:
        return f'<section id="findings"><h2>{escape(t("findings"))}</h2><p>{escape(t("findings.none"))}</p></section>'
    rows = []
    for finding in shown:
        kind = escape(t.kind(finding.kind)) + (f" ({escape(t('waived'))})" if finding.waived_by else "")
        rows.append(f'<tr class="{"fails" if finding.fails else ""}"><td>{kind}</td>'
                    f"<td>{escape(t.severity(finding.severity))}</td><td class=\"ref\">{escape(finding.subject)}</td>"
                    f"<td>{_text(t.finding(finding))}</td></tr>")
    head = "".join(f"<th>{escape(t(k))}</th>" for k in ("finding.kind", "finding.severity", "finding.subject",
                                                         "finding.message"))
    return (f'<section id="findings"><h2>{escape(t("findings"))}</h2><table class="findings"><thead><tr>{head}'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table></section>')


def _data(result: CheckResult, t: Labels) -> dict[str, Any]:
    """What the script shows for a cell: both texts with the shared terms marked, evidence, measures."""
    items = {}
    for fw in result.frameworks:
        for item in fw.walk():
            items[f"{fw.id}:{item.id}"] = {"id": item.id, "title": item.title, "lang": _lang(item.title)}
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
                    "score": round(link.score, 4),
                    "grade": link.grade.value,
                    "grade_label": t.grade(link.grade),
                    "declared": link.declared,
                    "evidence": list(link.evidence),
                    "objective_marks": _utf16(title, find_terms(title, link.evidence)),
                    "strategy_marks": _utf16(strategy.title, find_terms(strategy.title, link.evidence)),
                    "measures": [[str(m.target), round(m.score, 4), m.grade.value, m.declared, list(m.evidence)]
                                 for m in measures[:MEASURES_PER_CELL]],
                }
    return {
        "labels": {"close": t("close"), "score": t("score"), "declared": t("declared"),
                   "suggested": t("suggested"), "evidence": t("evidence"), "evidence_none": t("evidence.none"),
                   "measures": t("measures")},
        "objectives": [{"id": o.objective.id, "title": o.objective.title, "lang": _lang(o.objective.title)}
                       for o in result.objectives],
        "items": items,
        "cells": cells,
    }


def _lang(text: str) -> str:
    return "th" if _is_thai(text) else ""


def _utf16(text: str, marks: tuple[Mark, ...]) -> list[list[int]]:
    """Marks as UTF-16 offsets, which is how the script indexes strings (differs beyond the BMP)."""
    def offset(i: int) -> int:
        return len(text[:i].encode("utf-16-le")) // 2
    return [[offset(m.start), offset(m.end)] for m in marks]


def _json(data: dict[str, Any]) -> str:
    # Inside <script> no "<" may appear ("</script>" or "<!--" would change how the page parses), and
    # U+2028/9 are line ends to older JavaScript: all become JSON escapes, which JSON.parse reads back.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


@cache
def _asset(name: str) -> str:
    return (resources.files("align.report") / "assets" / name).read_text(encoding="utf-8")


@cache
def _font_faces() -> str:
    fonts = resources.files("align") / "data" / "fonts"
    faces = []
    for weight, name in ((400, "NotoSansThai-Regular.woff2"), (700, "NotoSansThai-Bold.woff2")):
        encoded = base64.b64encode((fonts / name).read_bytes()).decode("ascii")
        faces.append(f'@font-face{{font-family:"align-thai";font-style:normal;font-weight:{weight};'
                     # Noto Sans Thai draws smaller than Latin system fonts at one size.
                     f"font-display:block;size-adjust:108%;src:url(data:font/woff2;base64,{encoded}) "
                     'format("woff2");'
                     "unicode-range:U+0E00-0E7F,U+25CC}\n")
    return "".join(faces)
