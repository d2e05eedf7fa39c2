"""The README's examples are what align prints: each line of the example table appears, in order, in a real run
(`...` stands for lines left out), and the JSON example is the bundled plan's objective 2 as the JSON says it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest

from .conftest import REPO, CliResult

Run = Callable[..., CliResult]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _example(marker: str) -> str:
    found = re.search(rf"<!-- example: {re.escape(marker)} -->\n```\w*\n(.*?)\n```", README, re.S)
    assert found, f"no example '{marker}' in README.md"
    return found.group(1)


def test_the_table_example_is_a_real_run(run_cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    actual = [line.rstrip() for line in run_cli("check").stdout.splitlines()]
    shown = _example("COLUMNS=100 align check").splitlines()
    position = 0
    for chunk in "\n".join(shown).split("\n...\n"):
        lines = chunk.splitlines()
        # Each chunk is a run of consecutive lines of the real output, after the previous chunk.
        starts = [i for i in range(position, len(actual)) if actual[i:i + len(lines)] == lines]
        assert starts, f"README example lines not in the output, in order:\n{chunk}"
        position = starts[0] + len(lines)
    assert shown[0] == actual[0] and shown[-1] == actual[-1]  # it starts and ends where the report does


def test_the_json_example_is_objective_2_of_the_bundled_plan(run_cli: Run) -> None:
    example = json.loads(_example("align check --format json, objective 2"))
    document = json.loads(run_cli("check", "--format", "json").stdout)
    objective = next(o for o in document["objectives"] if o["id"] == example["id"])
    assert objective["reading"] == example["reading"]
    assert objective["candidates"][0] == example["first candidate"]
