"""The compliance matrix as CSV: one row per objective x framework strategy, for Excel and agency reports.

UTF-8 with a byte-order mark and CRLF line ends, which Excel needs to open Thai text correctly by double-click.
A text cell starting with = + - @ is prefixed with ' so a spreadsheet shows it instead of running it as a
formula (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from align.labels import Labels, Lang
from align.model import Framework, FrameworkItem, ItemRef
from align.result import Candidate, CheckResult, ObjectiveResult, shown

HEADER = ("plan", "objective", "objective_title", "framework", "strategy", "strategy_title", "score", "grade",
          "declared", "evidence", "via")
BOM = "\ufeff"
_TERMS = Labels(Lang.EN)
"""The evidence column is in English words, as the rest of the matrix."""


def render(result: CheckResult) -> str:
    """The matrix of one plan."""
    return render_many([result])


def render_many(results: Sequence[CheckResult]) -> str:
    """One matrix for several plans (the plan column tells them apart), one header."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for result in results:
        for obj in result.objectives:
            for fw in result.frameworks:
                for strategy in fw.items:
                    writer.writerow(_row(result, obj, fw, strategy))
    return BOM + buffer.getvalue()


def _row(result: CheckResult, obj: ObjectiveResult, fw: Framework, strategy: FrameworkItem) -> list[str]:
    ref = ItemRef(fw.id, strategy.id)
    link = _link(obj, ref)
    declared = any(d.framework == fw.id and _under(fw, d.item, strategy) for d in obj.objective.aligns_with)
    return [
        _cell(result.plan.id),
        _cell(obj.objective.id),
        _cell(obj.objective.title),
        fw.id,
        _cell(strategy.id),
        _cell(strategy.title),
        shown(link.score) if link else "",
        link.grade.value if link else "",
        "yes" if declared else "no",
        _cell("; ".join(_TERMS.term(term, link.target.item) for term in link.evidence)) if link else "",
        str(link.via) if link and link.via else "",
    ]


def _link(obj: ObjectiveResult, ref: ItemRef) -> Candidate | None:
    return obj.strategy(ref)


def _under(fw: Framework, item_id: str, strategy: FrameworkItem) -> bool:
    found = fw.strategy_of(item_id)
    return found is not None and found.id == strategy.id


def _cell(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
