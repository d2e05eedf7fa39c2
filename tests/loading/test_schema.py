"""Plan and framework files -> model: every problem found, located, and nothing dropped silently."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from align.errors import AlignError, InputError, InputErrors
from align.loading.frameworks import collect_frameworks, load_framework, load_frameworks
from align.loading.plans import load_plan
from align.loading.schema import MAX_ITEM_DEPTH

PLAN = """
plan:
  id: p
  title: แผนทดสอบ
  period: [2023, 2027]
  frameworks: [fw-a]
objectives:
  - id: "1"
    title: พัฒนาระบบบริการออนไลน์
    aligns_with: [fw-a:1]
  - id: "2"
    title: ขุดลอกคูคลอง
"""

FRAMEWORK = """
framework:
  id: fw-a
  family: dg
  title: แผนทดสอบ
  period: [2023, 2027]
  source: test
items:
  - id: "1"
    title: บริการดิจิทัล
    items:
      - id: "1.1"
        title: บริการออนไลน์
"""

Write = Callable[..., Path]


def messages(exc: pytest.ExceptionInfo[AlignError]) -> list[str]:
    return exc.value.lines()


def test_plan_loads_with_lines(write_yaml: Write) -> None:
    plan = load_plan(write_yaml("plan.yaml", PLAN))
    assert [o.id for o in plan.objectives] == ["1", "2"]
    assert plan.objectives[0].line == 7 and plan.framework_lines == (5,)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    title: ขุดลอกคูคลอง", "    title:", "11: objectives[1] (id 2): title is empty"),
        ("  title: แผนทดสอบ", "  title:", "3: plan: title is empty"),
        ('  - id: "2"', "  - id:", "10: objectives[1]: id is empty"),
        ("    title: ขุดลอกคูคลอง", "    title: [a, b]",
         "11: objectives[1] (id 2): title must be text, found a list ['a', 'b']"),
        ("    title: ขุดลอกคูคลอง", "    title: {th: x}",
         "11: objectives[1] (id 2): title must be text, found a mapping {'th': 'x'}"),
        ('  - id: "2"', "  - id: [2]", "10: objectives[1]: id must be text, found a list [2]"),
        ('  - id: "2"', "  - id: 2", '10: objectives[1]: id must be text, found a number 2: quote it, "2"'),
        ('  - id: "2"', "  - id: 1.10", '10: objectives[1]: id must be text, found a number 1.1: quote it, "1.10"'),
        ("objectives:", "objectives:\n", None),
    ],
)
def test_empty_or_mistyped_required_values_are_reported_not_dropped(
    write_yaml: Write, old: str, new: str, expected: str | None
) -> None:
    path = write_yaml("plan.yaml", PLAN.replace(old, new))
    if expected is None:
        assert len(load_plan(path).objectives) == 2
        return
    with pytest.raises(InputError) as info:
        load_plan(path)
    assert str(info.value) == f"{path}:{expected}"


def test_objectives_without_entries_is_reported(write_yaml: Write) -> None:
    path = write_yaml("plan.yaml", PLAN[: PLAN.index("objectives:")] + "objectives:\n")
    with pytest.raises(InputError, match="objectives: is empty: a plan needs at least one objective"):
        load_plan(path)


def test_every_problem_of_a_file_is_reported_in_file_order(write_yaml: Write) -> None:
    text = PLAN.replace("  title: แผนทดสอบ", "  title: 42").replace("aligns_with", "align_with")
    path = write_yaml("plan.yaml", text.replace('  - id: "2"', '  - id: "1"'))
    with pytest.raises(InputErrors) as info:
        load_plan(path)
    assert messages(info) == [
        f"{path}:3: plan: title must be text, found a number 42",
        f"{path}:9: objectives[0] (id 1): unknown key 'align_with' (did you mean 'aligns_with'?); allowed: id, title, "
        "description, source, aligns_with",
        f"{path}:10: objectives (id 1): duplicate objective id '1' (first at line 7)",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("items:\n  - id", "items:\n\n  - id", None),
        ("  source: test", "  source:", "6: framework: source is empty"),
        ("  family: dg", "  family:", "3: framework: family is empty"),
        ('      - id: "1.1"', '      - id: "1"', "11: items (id 1): duplicate item id '1' (first at line 8)"),
        ('      - id: "1.1"', "      - id: 1.1", '11: items[0] (id 1).items[0]: id must be text, found a number 1.1: '
                                                'quote it, "1.1"'),
    ],
)
def test_framework_problems_are_located(write_yaml: Write, old: str, new: str, expected: str | None) -> None:
    path = write_yaml("fw-a.yaml", FRAMEWORK.replace(old, new))
    if expected is None:
        assert load_framework(path).find("1.1") is not None
        return
    with pytest.raises(InputError) as info:
        load_framework(path)
    assert str(info.value) == f"{path}:{expected}"


def test_framework_without_items_is_reported(write_yaml: Write) -> None:
    path = write_yaml("fw-a.yaml", FRAMEWORK[: FRAMEWORK.index("items:")] + "items:\n")
    with pytest.raises(InputError) as info:
        load_framework(path)
    assert str(info.value) == f"{path}:7: items: is empty: a framework needs at least one strategy"


def test_items_nested_too_deep_are_reported(write_yaml: Write) -> None:
    nested = ""
    for depth in range(MAX_ITEM_DEPTH + 1):
        indent = "  " * (2 * depth + 1)
        nested += f'{indent}- id: "{"1." * depth}1"\n{indent}  title: t\n{indent}  items:\n'
    indent = "  " * (2 * MAX_ITEM_DEPTH + 3)
    nested += f'{indent}- id: "x"\n{indent}  title: t\n'
    path = write_yaml("fw-a.yaml", FRAMEWORK[: FRAMEWORK.index("items:")] + "items:\n" + nested)
    with pytest.raises(InputError, match=f"items are nested deeper than {MAX_ITEM_DEPTH} levels"):
        load_framework(path)


def test_two_framework_files_with_one_id_are_reported_at_the_id(tmp_path: Path, write_yaml: Write) -> None:
    first = write_yaml("fw/fw-a.yaml", FRAMEWORK)
    second = write_yaml("fw/fw-a.yml", FRAMEWORK)
    frameworks, errors = collect_frameworks([tmp_path / "fw"])
    assert list(frameworks) == ["fw-a"]
    assert [str(e) for e in errors] == [f"{second}:2: framework: id 'fw-a' is also the id of {first}"]
    with pytest.raises(InputError):
        load_frameworks([tmp_path / "fw"])


def test_collect_frameworks_keeps_the_good_ones(tmp_path: Path, write_yaml: Write) -> None:
    write_yaml("fw/fw-a.yaml", FRAMEWORK)
    broken = write_yaml("fw/fw-b.yaml", FRAMEWORK.replace("fw-a", "fw-b").replace("  family: dg\n", ""))
    frameworks, errors = collect_frameworks([tmp_path / "fw", tmp_path / "missing"])
    assert list(frameworks) == ["fw-a"]
    assert [str(e) for e in errors] == [f"{broken}:2: framework: missing required key 'family'",
                                        f"{tmp_path / 'missing'}: no such framework directory"]


def test_normalised_text_reaches_the_model(write_yaml: Write) -> None:
    path = write_yaml("plan.yaml", PLAN.replace("ขุดลอกคูคลอง", "ขุด\u200bลอก\u00adคู น\u0e4d\u0e49\u0e32"))
    assert load_plan(path).objectives[1].title == "ขุดลอกคู น้ำ"


LEVEL_AND_LINKS = """  source: test
  level: 3
  level_source: "a cabinet summary that says so"
  links:
    - to: fw-b:2
      kind: direct
      source: "the plan's own table, p. 27"
    - to: "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ / ประเด็นการบริการประชาชนและประสิทธิภาพภาครัฐ"
      from: "1"
      source: p. 28"""
FW_B = FRAMEWORK.replace("fw-a", "fw-b").replace('    items:\n      - id: "1.1"\n        title: บริการออนไลน์\n',
                                                 '  - id: "2"\n    title: ข้อมูล\n')


def test_level_and_stated_links_reach_the_model(tmp_path: Path, write_yaml: Write) -> None:
    write_yaml("fw/fw-a.yaml", FRAMEWORK.replace("  source: test", LEVEL_AND_LINKS))
    write_yaml("fw/fw-b.yaml", FW_B)
    framework = load_frameworks([tmp_path / "fw"])["fw-a"]
    assert (framework.level, framework.level_source) == (3, "a cabinet summary that says so")
    reference, name = framework.links
    assert (reference.to, reference.kind, reference.is_reference) == ("fw-b:2", "direct", True)
    assert (name.is_reference, name.from_item, name.kind) == (False, "1", None)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  level: 3", "  level: 4", "7: framework: level must be 1, 2 or 3 (the planning system's levels), found 4"),
        ("  level: 3", '  level: "3"', "7: framework: level must be 1, 2 or 3 (the planning system's levels), "
                                       "found '3'"),
        ('  level_source: "a cabinet summary that says so"\n', "",
         "7: framework: level needs level_source: where a source states it"),
        ("  level: 3\n", "", "7: framework: level_source is given without a level"),
        ("      kind: direct", "      kind: primary", "11: framework.links[0]: kind must be direct or indirect, found "
                                                      "'primary'"),
        ('      from: "1"', '      from: "9"', "13: framework.links[1]: from '9' is not an item of this framework"),
        ('      source: "the plan\'s own table, p. 27"\n', "", "10: framework.links[0]: missing required key 'source'"),
        ("      kind: direct", "      why: direct", "11: framework.links[0]: unknown key 'why'; allowed: to, kind, "
                                                    "from, source"),
        ("    - to: fw-b:2", "    - to: fw-b:7", "10: framework.links[0]: to 'fw-b:7': fw-b has no item '7'"),
        ("    - to: fw-b:2", "    - to: fw-z", "10: framework.links[0]: to 'fw-z' is not a loaded framework (loaded: "
                                               "fw-a, fw-b); name a plan that is not bundled in words, in quotes"),
    ],
)
def test_level_and_link_problems_are_one_located_line(tmp_path: Path, write_yaml: Write, old: str, new: str,
                                                      expected: str) -> None:
    text = FRAMEWORK.replace("  source: test", LEVEL_AND_LINKS)
    assert old in text
    path = write_yaml("fw/fw-a.yaml", text.replace(old, new))
    write_yaml("fw/fw-b.yaml", FW_B)
    with pytest.raises((InputError, InputErrors)) as info:
        load_frameworks([tmp_path / "fw"])
    assert messages(info) == [f"{path}:{expected}"]  # type: ignore[arg-type]
