"""The framework list and tree: exact plain-text output for hand-built frameworks."""

from __future__ import annotations

from align.report import frameworks as browse

from ..conftest import make_framework, make_item

FRAMEWORK = make_framework(
    "dg-2566-2570",
    make_item("1", "ยกระดับการเปลี่ยนผ่านดิจิทัลภาครัฐ", make_item("1.1", "กำหนดมาตรฐาน"),
              make_item("1.2", "ธรรมาภิบาลข้อมูล", title_en="Data governance"), title_en="Digital transformation"),
    make_item("2", "พัฒนาบริการที่สะดวกและเข้าถึงง่าย", title_en="Accessible services"),
)


def test_counts_every_item_beneath_the_strategies() -> None:
    nested = make_framework("x", make_item("1", "a", make_item("1.1", "b", make_item("1.1.1", "c"))))
    assert browse.count_below_strategies(nested) == 2
    assert browse.count_below_strategies(FRAMEWORK) == 2


def test_period_shows_the_buddhist_era_years() -> None:
    assert browse.period(FRAMEWORK) == "2023-2027 (B.E. 2566-2570)"


def test_tree_shows_thai_and_english_titles_at_every_level() -> None:
    assert browse.render(browse.build_tree(FRAMEWORK)) == (
        "dg-2566-2570  แผน dg-2566-2570\n"
        "├── 1  ยกระดับการเปลี่ยนผ่านดิจิทัลภาครัฐ\n"
        "│   Digital transformation\n"
        "│   ├── 1.1  กำหนดมาตรฐาน\n"
        "│   └── 1.2  ธรรมาภิบาลข้อมูล\n"
        "│       Data governance\n"
        "└── 2  พัฒนาบริการที่สะดวกและเข้าถึงง่าย\n"
        "    Accessible services\n"
        "period 2023-2027 (B.E. 2566-2570); 2 strategies, 2 measures\n"
        "source: -\n"
    )


def test_list_has_one_row_per_framework_with_counts() -> None:
    other = make_framework("de-2561-2580", make_item("1", "ก"), period=(2018, 2037))
    assert browse.render(browse.build_list([FRAMEWORK, other])) == (
        "National frameworks\n"
        "┏━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━┓\n"
        "┃ ID           ┃ Title            ┃ Period    ┃ Strategies ┃ Measures ┃ Source ┃\n"
        "┡━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━┩\n"
        "│ dg-2566-2570 │ แผน dg-2566-2570 │ 2023-2027 │          2 │        2 │ -      │\n"
        "├──────────────┼──────────────────┼───────────┼────────────┼──────────┼────────┤\n"
        "│ de-2561-2580 │ แผน de-2561-2580 │ 2018-2037 │          1 │        0 │ -      │\n"
        "└──────────────┴──────────────────┴───────────┴────────────┴──────────┴────────┘\n"
    )
