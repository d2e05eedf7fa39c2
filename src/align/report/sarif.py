"""SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, SonarQube): one run, a result per finding.

Results are located at the line of the plan file they concern (the objective, or where the plan names the
framework), or of the waivers file for a waiver finding; paths are relative to the repository root
(%SRCROOT%) when the plan lies under the working directory. A result that fails the policy has level
`error`; waived findings carry an accepted external suppression with the waiver's reason. A stable
fingerprint (plan, kind, subject, target: not the line) lets code scanning follow a finding across edits.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from align import __version__
from align.kinds import KINDS, FindingKind, Severity
from align.result import CheckResult, Finding

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_RULES = list(FindingKind)
_LEVEL = {Severity.ERROR: "warning", Severity.WARNING: "warning", Severity.NOTE: "note"}
"""Level of a finding that does not fail: only what fails the build is an error."""
_DEFAULT_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}


def render(result: CheckResult) -> str:
    """The SARIF log of one plan."""
    return render_many([result])


def render_many(results: Sequence[CheckResult]) -> str:
    """One SARIF log, one run: code scanning rejects several runs of one tool and category in one upload."""
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {
                    "name": "align",
                    "semanticVersion": __version__,
                    "rules": [_rule(kind) for kind in _RULES],
                }},
                "columnKind": "unicodeCodePoints",
                "results": [_result(finding, result) for result in results for finding in result.findings],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _rule(kind: FindingKind) -> dict[str, Any]:
    name = "".join(part.capitalize() for part in kind.value.split("-"))
    return {
        "id": kind.value,
        "name": name,
        "shortDescription": {"text": KINDS[kind].help},
        "defaultConfiguration": {"level": _DEFAULT_LEVEL[KINDS[kind].severity]},
    }


def _result(finding: Finding, result: CheckResult) -> dict[str, Any]:
    level = "error" if finding.fails else _LEVEL[finding.severity]
    entry: dict[str, Any] = {
        "ruleId": finding.kind.value,
        "ruleIndex": _RULES.index(finding.kind),
        "level": level,
        "message": {"text": f"{finding.subject}: {finding.message}"},
    }
    if finding.path is not None:
        physical: dict[str, Any] = {"artifactLocation": _artifact(finding.path)}
        if finding.line:
            physical["region"] = {"startLine": finding.line}
        entry["locations"] = [{"physicalLocation": physical}]
    identity = "\x1f".join((result.plan.id, finding.kind.value, finding.subject, str(finding.target or "")))
    entry["partialFingerprints"] = {"alignFinding/v1": hashlib.sha256(identity.encode()).hexdigest()[:32]}
    if finding.waived_by is not None:
        entry["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": finding.waived_by.reason}
        ]
    entry["properties"] = {
        "plan": result.plan.id,
        "subject": finding.subject,
        "target": str(finding.target) if finding.target else None,
        "fails": finding.fails,
    }
    return entry


def _artifact(path: Path) -> dict[str, str]:
    if path.is_absolute():
        return {"uri": path.as_uri()}
    # A URI reference: Thai file names and spaces are percent-encoded (UTF-8), slashes kept.
    return {"uri": quote(path.as_posix()), "uriBaseId": "%SRCROOT%"}
