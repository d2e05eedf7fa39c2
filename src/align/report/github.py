"""GitHub Actions workflow commands: one annotation per finding, on the plan line it concerns, then the summary.

`::error` for what fails the build, `::warning` for the rest, `::notice` for notes and waived findings; failing
ones first, since GitHub shows only a limited number of annotations of each level per step. Values are escaped as
the runner expects (https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts).
"""

from __future__ import annotations

from align.errors import one_line
from align.kinds import Severity
from align.report.common import failing_first, summary
from align.result import CheckResult, Finding


def render(result: CheckResult) -> str:
    """Workflow commands for every finding of one plan, and a plain summary line."""
    lines = [_command(finding) for finding in failing_first(result.findings)]
    # A plain line, not a command: no file name may break it so that a line of its own starts with `::`.
    lines.append(f"align: {one_line(result.plan_file)}: {summary(result)}")
    return "\n".join(lines) + "\n"


def _command(finding: Finding) -> str:
    if finding.fails:
        level = "error"
    elif finding.waived_by is not None or finding.severity is Severity.NOTE:
        level = "notice"
    else:
        level = "warning"
    properties = []
    if finding.path is not None:
        properties.append(f"file={_property(finding.path.as_posix())}")
        if finding.line:
            properties.append(f"line={finding.line}")
    title = f"align {finding.kind.value}: {finding.subject}"
    properties.append(f"title={_property(title)}")
    message = finding.message
    if finding.waived_by is not None:
        message = f"waived ({finding.waived_by.reason}): {message}"
    return f"::{level} {','.join(properties)}::{_data(message)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
