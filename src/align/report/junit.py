"""JUnit XML for CI test views (GitLab, Jenkins, Azure DevOps): one test suite per plan.

Test cases: one per objective, one per framework strategy, one per framework for its coverage, one for the plan
as a whole, and one per waiver finding. A failing finding makes its test case fail (`<failure>` carries every
failing finding, one `file:line: kind: message` line each); the others, waived ones included, go to
`<system-out>`. No timestamps or durations, so equal input gives byte-identical XML. Written with
xml.etree.ElementTree, as pytest's own junitxml plugin is.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field

from align.kinds import FindingKind
from align.model import ItemRef
from align.report.common import location
from align.result import CheckResult, Finding

# XML 1.0 forbids most control characters even when escaped; a pasted title may hold one.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_WAIVER_KINDS = (FindingKind.EXPIRED_WAIVER, FindingKind.STALE_WAIVER)


@dataclass(slots=True)
class _Case:
    classname: str
    name: str
    file: str
    line: int | None
    findings: list[Finding] = field(default_factory=list)


def render(result: CheckResult) -> str:
    """The JUnit XML document of one plan."""
    return render_many([result])


def render_many(results: Sequence[CheckResult]) -> str:
    """One JUnit XML document, a test suite per plan."""
    suites = [_suite(result) for result in results]
    root = ET.Element("testsuites", _counts(suites, name="align"))
    root.extend(suites)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(result: CheckResult) -> ET.Element:
    plan = result.plan
    path = result.plan_file
    cases: dict[str, _Case] = {}
    for obj in result.objectives:
        cases[f"objective:{obj.objective.id}"] = _Case(f"{plan.id}.objectives", f"{obj.objective.id} "
                                                       f"{obj.objective.title}", path, obj.objective.line)
    framework_lines = dict(zip(plan.frameworks, plan.framework_lines, strict=False))
    for fw in result.frameworks:
        line = framework_lines.get(fw.id)
        for item in fw.items:
            cases[f"strategy:{ItemRef(fw.id, item.id)}"] = _Case(f"{plan.id}.{fw.id}", f"{fw.id}:{item.id} "
                                                                 f"{item.title}", path, line)
        cases[f"framework:{fw.id}"] = _Case(f"{plan.id}.{fw.id}", f"{fw.id} coverage", path, line)
    cases["plan"] = _Case(f"{plan.id}.plan", f"{plan.id} {plan.title}", path, None)
    for index, finding in enumerate(result.findings):
        if finding.kind in _WAIVER_KINDS:
            where = location(finding)
            cases[f"waiver:{index}"] = _Case(f"{plan.id}.waivers", f"{where} waiver of {finding.subject}",
                                             finding.path.as_posix() if finding.path else "", finding.line, [finding])
        else:
            cases[_key(finding, cases)].findings.append(finding)
    elements = [_case(case) for case in cases.values()]
    suite = ET.Element("testsuite", _counts(elements, name=plan.id, tests=len(elements)))
    suite.set("file", path)
    properties = ET.SubElement(suite, "properties")
    for name, value in (("plan", plan.title), ("outcome", result.outcome.value),
                        ("frameworks", ", ".join(fw.id for fw in result.frameworks))):
        ET.SubElement(properties, "property", name=name, value=_clean(value))
    suite.extend(elements)
    return suite


def _key(finding: Finding, cases: dict[str, _Case]) -> str:
    if finding.objective is not None and f"objective:{finding.objective}" in cases:
        return f"objective:{finding.objective}"
    if finding.kind is FindingKind.GAP and f"strategy:{finding.target}" in cases:
        return f"strategy:{finding.target}"
    if f"framework:{finding.subject}" in cases:
        return f"framework:{finding.subject}"
    return "plan"


def _case(case: _Case) -> ET.Element:
    element = ET.Element("testcase", classname=_clean(case.classname), name=_clean(case.name), file=case.file)
    if case.line:
        element.set("line", str(case.line))
    failing = [f for f in case.findings if f.fails]
    other = [f for f in case.findings if not f.fails]
    if failing:
        failure = ET.SubElement(element, "failure", message=_clean("; ".join(f.message for f in failing)),
                                type=",".join(dict.fromkeys(f.kind.value for f in failing)))
        failure.text = _clean("\n".join(_line(f) for f in failing))
    if other:
        ET.SubElement(element, "system-out").text = _clean("\n".join(_line(f) for f in other))
    return element


def _line(finding: Finding) -> str:
    where = location(finding)
    kind = finding.kind.value
    if finding.waived_by is not None:
        kind += f" (waived: {finding.waived_by.reason})"
    return f"{where}: {kind}: {finding.message}" if where else f"{kind}: {finding.message}"


def _counts(elements: Sequence[ET.Element], name: str, tests: int | None = None) -> dict[str, str]:
    if tests is None:
        tests = sum(int(e.get("tests", "0")) for e in elements)
        failures = sum(int(e.get("failures", "0")) for e in elements)
    else:
        failures = sum(1 for e in elements if e.find("failure") is not None)
    return {"name": _clean(name), "tests": str(tests), "failures": str(failures), "errors": "0", "skipped": "0"}


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
