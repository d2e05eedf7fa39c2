"""Markdown read back with markdown-it-py's GFM tables (the parser rich itself uses)."""

from __future__ import annotations

from markdown_it import MarkdownIt

from align.report import markdown

from ..conftest import make_passing_result, make_result


def cells(text: str) -> list[list[str]]:
    """The text of every table row's cells, header rows included."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    table_rows: list[list[str]] = []
    in_cell = False
    for token in tokens:
        if token.type == "tr_open":
            table_rows.append([])
        elif token.type in ("th_open", "td_open"):
            in_cell = True
        elif token.type == "inline" and in_cell:
            table_rows[-1].append(token.content)
            in_cell = False
    return table_rows


def test_tables_keep_their_columns_when_titles_hold_pipes_and_brackets() -> None:
    rendered = MarkdownIt("commonmark").enable("table").render(markdown.render(make_result()))
    assert '<td>ขุดลอกคูคลอง, &quot;ป้องกัน&quot; น้ำท่วม | ฤดูฝน</td>' in rendered
    assert "<td>อบรมเจ้าหน้าที่ [ด้านข้อมูล]</td>" in rendered
    table_rows = cells(markdown.render(make_result()))
    assert len(table_rows) == 3 + 2 + 4 + 2 + 5  # failing, waived, other, coverage, objectives (headers included)
    for row in table_rows:
        assert len(row) == 4, row


def test_the_heading_gives_the_verdict_and_failing_findings_come_first() -> None:
    text = markdown.render(make_result())
    assert text.splitlines()[0] == "## align: แผนทดสอบ — FAILED"
    assert text.index("### Failing (2)") < text.index("### Waived (1)") < text.index("Other findings (3)")
    passing = markdown.render(make_passing_result())
    assert passing.splitlines()[0] == "## align: แผนทดสอบ — PASSED" and "### Failing" not in passing
