"""The terminal table at the widths people use: no line wider than the terminal, and every line break inside Thai
text falls between two words of pythainlp's dictionary (newmm), never inside a word (issue 18)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from pythainlp.tokenize import word_tokenize
from rich.cells import cell_len

from ..conftest import REPO, CliResult

Run = Callable[..., CliResult]
THAI = re.compile("[\u0e01-\u0e3a\u0e40-\u0e4e]")
PLANS = [REPO / "plan" / "bma-ict-2561-2565.yaml", REPO / "plan" / "bma-digital-2566-2570.yaml",
         REPO / "benchmarks" / "agencies" / "province-srinakhonthan-2567-2570.yaml"]


def _cells(table: list[str], key: int) -> Iterator[list[str]]:
    """Each cell of a table's body as the lines it was laid out in (a row starts where column `key` has text)."""
    rows: list[list[list[str]]] = []
    for line in table:
        cells = [cell.strip() for cell in line.strip()[1:-1].split("│")]
        if cells[key] or not rows:
            rows.append([[] for _ in cells])
        for column, cell in enumerate(cells):
            if cell:
                rows[-1][column].append(cell)
    for row in rows:
        yield from row


def _tables(text: str) -> Iterator[list[str]]:
    """The body lines of each table of the report."""
    body: list[str] = []
    for line in text.splitlines():
        if line.startswith("│"):
            body.append(line)
        elif body:
            yield body
            body = []


SOURCES = "\n".join(path.read_text(encoding="utf-8") for path in [*PLANS, *(REPO / "frameworks").glob("*.yaml")])
"""Every text the tables show comes from these files: a break where they have a space is no break inside a word."""


def _breaks_inside_a_word(lines: list[str]) -> Iterator[str]:
    for before, after in zip(lines, lines[1:], strict=False):
        if not (THAI.fullmatch(before[-1]) and THAI.fullmatch(after[0])):
            continue
        left = re.search("[\u0e01-\u0e4e]+$", before)
        right = re.match("[\u0e01-\u0e4e]+", after)
        assert left and right
        if re.search(re.escape(left.group()) + r"\s+" + re.escape(right.group()), SOURCES):
            continue  # the text has a space here: the line broke at it
        run = left.group() + right.group()
        ends = set()
        offset = 0
        for word in word_tokenize(run, engine="newmm"):
            offset += len(word)
            ends.add(offset)
        if len(left.group()) not in ends:
            yield f"{left.group()}|{right.group()}"


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("lang", ["en", "th"])
def test_lines_fit_the_terminal_and_thai_breaks_between_words(run_cli: Run, monkeypatch: pytest.MonkeyPatch,
                                                               width: int, lang: str) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    inside: list[str] = []
    checked = 0
    for plan in PLANS:
        text = run_cli("check", str(plan), "--lang", lang).stdout
        assert max(cell_len(line) for line in text.splitlines()) <= width
        tables = list(_tables(text))
        for number, table in enumerate(tables):
            key = 1 if number == len(tables) - 1 and lang == "th" else 0  # findings: a Thai kind on line two
            for lines in _cells(table, key):
                checked += len(lines) - 1
                inside.extend(_breaks_inside_a_word(lines))
    assert checked > 100
    assert inside == []
