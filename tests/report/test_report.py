"""Every format: exact output for the fixed result, byte-identical on every run, and one document for many plans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from align.report import Format, render, render_many

from ..conftest import make_passing_result, make_result

EXPECTED = Path(__file__).parent / "expected"
SUFFIX = {Format.TABLE: "table.txt", Format.JSON: "json", Format.MARKDOWN: "md", Format.JUNIT: "xml",
          Format.SARIF: "sarif", Format.GITHUB: "github.txt", Format.CSV: "csv"}
PRESENTATION = {Format.HTML, Format.XLSX}
"""Reports for people, one plan each: tested on their structure and in a browser (test_html.py, test_xlsx.py)."""
TEXT = [f for f in Format if f not in PRESENTATION]


def test_every_format_has_an_expected_output() -> None:
    assert set(SUFFIX) | PRESENTATION == set(Format)


@pytest.mark.parametrize("fmt", TEXT)
def test_the_fixed_result_renders_exactly(fmt: Format) -> None:
    # The expected files were reviewed by hand; a change here is a change of a public output.
    expected = (EXPECTED / f"make_result.{SUFFIX[fmt]}").read_bytes().decode("utf-8")
    assert render(make_result(), fmt) == expected


@pytest.mark.parametrize("fmt", TEXT)
def test_equal_results_give_byte_identical_output(fmt: Format) -> None:
    first = render(make_result(), fmt).encode("utf-8")
    assert render(make_result(), fmt).encode("utf-8") == first
    assert render_many([make_result(), make_passing_result()], fmt) == render_many(
        [make_result(), make_passing_result()], fmt)


@pytest.mark.parametrize("fmt", TEXT)
def test_every_format_keeps_thai_unescaped(fmt: Format) -> None:
    assert "โครงสร้างพื้นฐานดิจิทัล" in render(make_result(), fmt)


def test_several_plans_are_json_lines() -> None:
    lines = render_many([make_result(), make_passing_result()], Format.JSON).splitlines()
    assert [json.loads(line)["summary"]["passed"] for line in lines] == [False, True]
