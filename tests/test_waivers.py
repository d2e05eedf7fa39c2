"""The waivers file: what it accepts, and one located line for every mistake in it."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from align import waivers
from align.errors import AlignError
from align.kinds import FindingKind
from align.model import ItemRef
from align.result import Waiver

Write = Callable[..., Path]


def errors_of(path: Path) -> list[str]:
    with pytest.raises(AlignError) as info:
        waivers.load(path)
    return info.value.lines()


def test_a_full_waiver_is_read_with_its_line(write_yaml: Write) -> None:
    path = write_yaml("align-waivers.yaml", """
        waivers:
          - objective: "3.2"
            target: dg-2566-2570:4
            kind: unaligned
            reason: ดูแลโดยแผนพัฒนากรุงเทพมหานคร 20 ปี มิติที่ 7
            expires: 2027-09-30
            plan: bma-digital
          - kind: gap
            target: dg-2566-2570:5
            reason: "outside the agency's remit"
            expires: "2026-01-31"
    """)
    loaded = waivers.load(path)
    assert loaded[0] == Waiver("3.2", "ดูแลโดยแผนพัฒนากรุงเทพมหานคร 20 ปี มิติที่ 7",  # type: ignore[arg-type]
                               ItemRef.parse("dg-2566-2570:4"), FindingKind.UNALIGNED, date(2027, 9, 30),
                               "bma-digital", loaded[0].path, 2)
    assert loaded[1].objective is None and loaded[1].kind is FindingKind.GAP and loaded[1].line == 8
    assert loaded[1].expires == date(2026, 1, 31)
    assert loaded[0].path is not None and loaded[0].path.name == "align-waivers.yaml"


def test_an_empty_list_is_no_waivers(write_yaml: Write) -> None:
    assert waivers.load(write_yaml("w.yaml", "waivers: []\n")) == ()


def test_a_waiver_without_a_reason_is_an_input_error(write_yaml: Write) -> None:
    path = write_yaml("w.yaml", """
        waivers:
          - objective: "3.2"
            kind: unaligned
    """)
    assert errors_of(path) == [
        f"{path}:2: waivers[0] (objective 3.2): missing required key 'reason': say why the finding is accepted"
    ]


@pytest.mark.parametrize(("entry", "message"), [
    ('objective: "1"\n    reason: ""', "waivers[0] (objective 1): reason must be non-empty text"),
    ("objective: 3.10\n    reason: r", 'waivers[0]: objective must be text, found the number 3.1: quote it, '
                                        'e.g. "3.1"'),
    ('objective: "1"\n    reason: r\n    reasn: r', "waivers[0] (objective 1): unknown key 'reasn' (did you mean "
                                                   "'reason'?); allowed: objective, target, kind, reason, expires, "
                                                   "plan"),
    ('objective: "1"\n    reason: r\n    kind: unalgned', "waivers[0] (objective 1): kind 'unalgned' is not a finding "
                                                          "kind (did you mean 'unaligned'?); waivable kinds: gap, "
                                                          "unaligned, undeclared-link, unsupported-link, weak-link"),
    ('objective: "1"\n    reason: r\n    kind: broken-link', "waivers[0] (objective 1): a broken link is an error in "
                                                             "the plan, not a finding to accept: fix the link"),
    ('objective: "1"\n    reason: r\n    target: dg-2566-2570', "waivers[0] (objective 1): target: 'dg-2566-2570' is "
                                                                "not a link: write '<framework id>:<item id>', e.g. "
                                                                "'dg-2566-2570:2'"),
    ('objective: "1"\n    reason: r\n    expires: 30/09/2027', "waivers[0] (objective 1): expires must be a date "
                                                               "written YYYY-MM-DD, e.g. 2027-09-30; found "
                                                               "'30/09/2027'"),
    ("reason: r\n    kind: unaligned", "waivers[0]: missing required key 'objective' (only a waiver of a gap names "
                                       "none)"),
    ("reason: r\n    kind: gap", "waivers[0]: a waiver of a gap names the strategy in 'target', e.g. target: "
                                 "dg-2566-2570:4"),
])
def test_each_mistake_is_one_located_line(write_yaml: Write, entry: str, message: str) -> None:
    path = write_yaml("w.yaml", f"waivers:\n  - {entry}\n")
    [line] = errors_of(path)
    assert line.startswith(f"{path}:"), line
    assert line.split(": ", 1)[1] == message


def test_all_problems_of_a_file_are_reported_at_once(write_yaml: Write) -> None:
    path = write_yaml("w.yaml", """
        waivers:
          - objective: "1"
          - objective: "2"
            reason: ok
            kind: nope
    """)
    assert [line.split(": ")[0] for line in errors_of(path)] == [f"{path}:2", f"{path}:5"]


@pytest.mark.parametrize(("text", "message"), [
    ("- objective: '1'\n", "top level: must be a mapping with one key, 'waivers': a list of waivers"),
    ("waivers: {objective: '1'}\n", "waivers: must be a list of waivers"),
    ("waivers: []\nwaiver: []\n", "top level: unknown key 'waiver'; the only key is 'waivers'"),
    ("waivers: [\n", "invalid YAML: "),  # the parser's own words follow, which differ between YAML parsers
])
def test_a_malformed_file_is_one_located_line(write_yaml: Write, text: str, message: str) -> None:
    path = write_yaml("w.yaml", text)
    [line] = errors_of(path)
    location, _, problem = line.partition(": ")
    assert re.fullmatch(rf"{re.escape(str(path))}:\d+", location), line
    assert problem.startswith(message) if message.endswith(": ") else problem == message


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    assert errors_of(tmp_path / "nope.yaml") == [f"{tmp_path / 'nope.yaml'}: no such file"]
