"""The JSON document of a check (../shared/reference/output-json.md, schema_version 1): a public interface.

Keys are only ever added within a schema version; orders are fixed so equal input gives byte-identical output.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from align.model import ItemRef
from align.result import SCORE_DIGITS, CheckResult, Finding, shown

SCHEMA_VERSION = 1


@lru_cache(maxsize=4096)
def target_text(target: ItemRef) -> str:
    """"fw:item", once per item rather than once per candidate."""
    return str(target)


def document(result: CheckResult) -> dict[str, Any]:
    """The report as JSON-ready data."""
    plan = result.plan
    summary = result.summary
    return {
        "schema_version": SCHEMA_VERSION,
        "plan": {"id": plan.id, "title": plan.title, "path": result.plan_file},
        "frameworks": [{"id": fw.id, "title": fw.title, "edition": list(fw.period)} for fw in result.frameworks],
        "objectives": [
            {
                "id": o.objective.id,
                "title": o.objective.title,
                "status": o.status.value,
                "reading": [{"code": code, "words": words} for code, words in o.reading],
                "candidates": [
                    {
                        "target": target_text(c.target),
                        "score": float(shown(c.score, SCORE_DIGITS)),
                        "grade": c.grade,  # a StrEnum is a str: json writes its value
                        "declared": c.declared,
                        "evidence": [term.shared for term in c.evidence],
                        "via": str(c.via) if c.via else None,
                    }
                    for c in o.candidates
                ],
            }
            for o in result.objectives
        ],
        "coverage": [
            {
                "framework": cov.framework.id,
                "ratio": round(cov.ratio, 2),
                "items": [
                    {"id": item.item.id, "grade": item.grade.value, "covered_by": list(item.covered_by)}
                    for item in cov.items
                ],
            }
            for cov in result.coverage
        ],
        "findings": [_finding(f) for f in result.findings],
        "summary": {
            "objectives": summary.objectives,
            "aligned": summary.aligned,
            "weak": summary.weak,
            "unaligned": summary.unaligned,
            "passed": result.passed,
        },
    }


def _finding(finding: Finding) -> dict[str, Any]:
    waiver = finding.waived_by
    return {
        "kind": finding.kind.value,
        "severity": finding.severity.value,
        "subject": finding.subject,
        "target": str(finding.target) if finding.target else None,
        "message": finding.message,
        "path": finding.path.as_posix() if finding.path else None,
        "line": finding.line,
        "fails": finding.fails,
        "waived": waiver is not None,
        "waiver_reason": waiver.reason if waiver else None,
    }


def render(result: CheckResult) -> str:
    """The JSON document as text: UTF-8, Thai unescaped, two-space indent, trailing newline."""
    # check_circular off: the document is a tree built just above; the check costs a third of the encoding.
    return json.dumps(document(result), ensure_ascii=False, indent=2, check_circular=False) + "\n"


def line(result: CheckResult) -> str:
    """The JSON document on one line, for JSON Lines output of several plans."""
    return json.dumps(document(result), ensure_ascii=False, check_circular=False) + "\n"
