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
from align.kinds import FindingKind
from align.labels import Labels, Lang
from align.report import heatmap
from align.report.heatmap import text
from align.result import CheckResult, Grade, Status, shown

CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; font-src data:; "
       "img-src data:; base-uri 'none'; form-action 'none'")
"""Nothing but what the file itself holds may load."""
def render(result: CheckResult, lang: Lang = Lang.EN) -> str:
    """The whole HTML document."""
    t = Labels(lang)
    plan = result.plan
    body = "\n".join([
        _header(result, t),
        "<main>",
        _summary(result, t),
        heatmap.section(result, t),
        _gaps(result, t),
        _findings(result, t),
        "</main>",
        '<aside id="detail" hidden role="dialog" aria-live="polite"></aside>',
        f"<footer>{escape(t('generated_by', version=__version__, file=result.plan_file))}</footer>",
        f'<script type="application/json" id="align-data">{_json(heatmap.cell_details(result, t))}</script>',
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


def _header(result: CheckResult, t: Labels) -> str:
    plan = result.plan
    meta = [escape(plan.id), escape(t.period(plan.period))]
    if plan.owner:
        meta.append(text(plan.owner))
    meta.append(escape(result.plan_file))
    return (
        '<header class="top">'
        f'<p class="kicker">{escape(t("report.title"))}</p>'
        f"{text(plan.title, 'h1')}"
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
            f'<tr><td class="ref">{escape(cov.framework.id)}</td><td>{text(cov.framework.title)}</td>'
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


def _gaps(result: CheckResult, t: Labels) -> str:
    strategies = []
    for cov in result.coverage:
        for item in cov.items:
            if item.grade is Grade.NONE:
                strategies.append(f'<li><span class="ref">{escape(cov.framework.id)}:{escape(item.item.id)}</span> '
                                  f"{text(item.item.title)}</li>")
    parts = [f"<h3>{escape(t('gaps.strategies'))}</h3>", _list(strategies, t)]
    right = []
    for status, key in ((Status.UNALIGNED, "gaps.objectives"), (Status.WEAK, "gaps.weak")):
        entries = []
        for objective in result.objectives:
            if objective.status is status:
                best = objective.candidates[0] if objective.candidates else None
                hint = (f' <span class="muted">({escape(t("best_link"))}: {escape(str(best.target))} '
                        f"{shown(best.score)})</span>") if best else ""
                entries.append(f'<li><span class="ref">{escape(objective.objective.id)}</span> '
                               f"{text(objective.objective.title)}{hint}</li>")
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
                    f"<td>{text(t.finding(finding))}</td></tr>")
    head = "".join(f"<th>{escape(t(k))}</th>" for k in ("finding.kind", "finding.severity", "finding.subject",
                                                         "finding.message"))
    return (f'<section id="findings"><h2>{escape(t("findings"))}</h2><table class="findings"><thead><tr>{head}'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table></section>')


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
