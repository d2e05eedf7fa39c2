"""GitHub workflow commands, parsed back the way the runner reads them."""

from __future__ import annotations

import re

from align.report import github

from ..conftest import make_result

COMMAND = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<data>.*)$")


def _unescape(text: str) -> str:
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def parse(text: str) -> list[tuple[str, dict[str, str], str]]:
    commands = []
    for line in text.splitlines():
        match = COMMAND.match(line)
        if match:
            props = dict(p.split("=", 1) for p in match["props"].split(","))
            commands.append((match[1], {k: _unescape(v) for k, v in props.items()}, _unescape(match["data"])))
    return commands


def test_each_finding_is_an_annotation_on_its_line_failing_ones_first() -> None:
    commands = parse(github.render(make_result()))
    assert [(level, props["file"], props["line"], props["title"]) for level, props, _ in commands] == [
        ("error", "plan/test.yaml", "18", "align unaligned: 2.1"),
        ("error", "plan/test.yaml", "5", "align low-coverage: fw-a"),
        ("warning", "plan/test.yaml", "14", "align weak-link: 1.2"),
        ("notice", "plan/test.yaml", "22", "align unaligned: 2.2"),
        ("warning", "plan/test.yaml", "5", "align gap: fw-a:1"),
        ("warning", "align-waivers.yaml", "6", "align stale-waiver: 9.9"),
    ]
    assert commands[1][2] == ("coverage of fw-a is 1 of 3 strategies strongly served (33%); "
                              "the minimum 0.5 needs 2")
    assert commands[3][2].startswith("waived (ดูแลโดยแผนพัฒนากรุงเทพมหานคร 20 ปี): ")


def test_newlines_and_percent_signs_cannot_break_out_of_a_command() -> None:
    result = make_result()
    # A framework id is checked at load, but a message carries plan text (here: as if a framework were so named).
    object.__setattr__(result.findings[1], "values", (("frameworks", "line one\n::error::forged 100%"),))
    lines = github.render(result).splitlines()
    assert not any(line.startswith("::error::forged") for line in lines)
    assert parse(github.render(result))[0][2] == (
        "serves no strategy of line one\n::error::forged 100% (no link at or above weak)")


def test_the_last_line_is_the_summary() -> None:
    assert github.render(make_result()).splitlines()[-1] == (
        "align: plan/test.yaml: 4 objectives: 1 aligned, 1 weak, 2 unaligned | coverage: fw-a 33% | FAILED")
