"""The compliance matrix, read back with the csv module as Excel would open it: UTF-8 with BOM, Thai intact."""

from __future__ import annotations

import csv
import io

from align.report import csv as csv_report

from ..conftest import make_passing_result, make_result


def rows(text: str) -> list[dict[str, str]]:
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_one_row_per_objective_and_strategy_with_score_grade_declared_evidence() -> None:
    table = rows(csv_report.render(make_result()))
    assert len(table) == 4 * 3
    assert table[1] == {
        "plan": "test-plan", "objective": "1.1", "objective_title": "พัฒนาระบบบริการออนไลน์ให้ประชาชน",
        "framework": "fw-a", "strategy": "2", "strategy_title": "บริการภาครัฐดิจิทัล", "score": "0.82",
        "grade": "strong", "declared": "yes", "evidence": "บริการ; ออนไลน์", "via": "",
    }
    assert table[6]["objective_title"] == 'ขุดลอกคูคลอง, "ป้องกัน" น้ำท่วม | ฤดูฝน'
    assert [r["grade"] for r in table if r["objective"] == "1.2"] == ["none", "none", "weak"]


def test_lines_end_in_crlf_and_several_plans_share_one_header() -> None:
    text = csv_report.render_many([make_result(), make_passing_result()])
    assert text.count("\r\n") == 1 + 24 and "\n" not in text.replace("\r\n", "")
    assert text.count("plan,objective,") == 1 and text.count("\ufeff") == 1


def test_a_cell_that_looks_like_a_formula_is_shown_as_text() -> None:
    result = make_result()
    object.__setattr__(result.objectives[0].objective, "title", '=HYPERLINK("http://x","คลิก")')
    assert rows(csv_report.render(result))[0]["objective_title"] == '\'=HYPERLINK("http://x","คลิก")'
