"""The terminal table: exact text for a fixed result, Thai columns measured by display width."""

from __future__ import annotations

from rich.cells import cell_len

from align.report import table

from ..conftest import sample_result

EXPECTED = """\
แผนทดสอบ  (test-plan, 2023-2027)  plan/test.yaml
Objectives and their best link in each national plan
┏━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━┓
┃    ┃                                  ┃ fw-a                  ┃ fw-b                 ┃           ┃
┃    ┃                                  ┃ Digital Government    ┃ Digital Government   ┃           ┃
┃ ID ┃ Objective                        ┃ plan 2023-2027        ┃ plan 2023-2027       ┃ Status    ┃
┡━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━┩
│ 1  │ ขยายบรอดแบนด์ทุกตำบล               │ 1 strong 0.82 ◆       │ 2 strong 0.65        │ aligned   │
│    │                                  │ declared              │ อำนวยความสะดวกภาค    │           │
│    │                                  │ พัฒนาโครงสร้างพื้นฐานดิจิทัล │ ธุรกิจ                 │           │
│ 2  │ พัฒนาบริการออนไลน์                  │ 2 weak 0.35           │ 1 none 0.02          │ weak      │
│    │                                  │ พัฒนาบริการประชาชน      │ เปิดเผยข้อมูล           │           │
│ 3  │ ขุดลอกคูคลอง                       │ 1 none 0.01           │ 1 none 0.00          │ unaligned │
│    │                                  │ พัฒนาโครงสร้างพื้นฐานดิจิทัล │ เปิดเผยข้อมูล           │           │
└────┴──────────────────────────────────┴───────────────────────┴──────────────────────┴───────────┘
Digital Government plan 2023-2027 (fw-a): 1 of 4 strategies strongly served
┏━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Strategy ┃ Title                                              ┃ Grade  ┃ Served by               ┃
┡━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ 1        │ พัฒนาโครงสร้างพื้นฐานดิจิทัล                              │ strong │ strong: 1               │
│ 2        │ พัฒนาบริการประชาชน                                   │ weak   │ weak only: 1, 2         │
│ 3        │ พัฒนากำลังคนดิจิทัล                                     │ none   │ nobody (gap)            │
│ 4        │ สร้างความเชื่อมั่น                                      │ none   │ nobody (gap)            │
└──────────┴────────────────────────────────────────────────────┴────────┴─────────────────────────┘
Digital Government plan 2023-2027 (fw-b): 1 of 2 strategies strongly served
┏━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Strategy ┃ Title                                              ┃ Grade  ┃ Served by               ┃
┡━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ 1        │ เปิดเผยข้อมูล                                         │ none   │ nobody (gap)            │
│ 2        │ อำนวยความสะดวกภาคธุรกิจ                              │ strong │ strong: 1               │
└──────────┴────────────────────────────────────────────────────┴────────┴─────────────────────────┘
Findings
┏━━━━━━━━━━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Kind             ┃ Subject ┃ Message                                                             ┃
┡━━━━━━━━━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ unsupported-link │ 1       │ declares fw-b:1, but its text does not support it (score 0.10)      │
│ undeclared-link  │ 1       │ strongly matches fw-b:2 (score 0.65), which it does not declare     │
│ weak-link        │ 2       │ its best link, fw-a:2 (score 0.35), is only weak                    │
│ unsupported-link │ 2       │ declares fw-a:3, but its text does not support it (score 0.12)      │
│ unaligned        │ 3       │ serves no strategy of fw-a, fw-b (no link at or above weak)         │
│ gap              │ fw-a:3  │ no objective serves fw-a:3 พัฒนากำลังคนดิจิทัล                           │
│ gap              │ fw-a:4  │ no objective serves fw-a:4 สร้างความเชื่อมั่น                            │
│ gap              │ fw-b:1  │ no objective serves fw-b:1 เปิดเผยข้อมูล                               │
└──────────────────┴─────────┴─────────────────────────────────────────────────────────────────────┘
FAILED  3 objectives: 1 aligned, 1 weak, 1 unaligned
strategies strongly served: fw-a 25%, fw-b 50%
"""


def test_render_is_exactly_the_expected_table() -> None:
    assert table.render(sample_result(), width=100) == EXPECTED


def test_thai_rows_line_up_by_display_width_not_by_characters() -> None:
    lines = [line for line in table.render(sample_result(), width=100).splitlines() if line.startswith(("│", "┃"))]
    assert {cell_len(line) for line in lines} == {100}
    assert len({len(line) for line in lines}) > 1  # Thai vowels and tone marks take no column


def test_the_report_ends_with_the_verdict_and_what_it_rests_on() -> None:
    assert table.render(sample_result()).splitlines()[-2:] == [
        "FAILED  3 objectives: 1 aligned, 1 weak, 1 unaligned",
        "strategies strongly served: fw-a 25%, fw-b 50%"]
