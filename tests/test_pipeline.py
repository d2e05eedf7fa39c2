"""pipeline.run: load -> score -> assess on real files, bundled and user-supplied."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from align import bundled, pipeline
from align.errors import InputError
from align.result import Status

PLAN = """
plan:
  id: p
  title: แผนทดสอบ
  period: [2023, 2027]
  frameworks: [de-2561-2580, dg-2566-2570]
objectives:
  - id: "1"
    title: เปิดเผยข้อมูลการจัดซื้อจัดจ้างของหน่วยงานในรูปแบบข้อมูลเปิด
"""


def test_every_bundled_plan_checks_and_names_its_frameworks() -> None:
    for path in sorted(bundled.plans_dir().glob("*.yaml")):
        result = pipeline.run(path)
        assert result.plan_file == f"plan/{path.name}"
        assert [fw.id for fw in result.frameworks] == list(result.plan.frameworks)
        assert all(o.status is not Status.UNALIGNED for o in result.objectives), path.name


def test_a_plan_from_anywhere_is_checked_against_the_bundled_frameworks(write_yaml: Callable[..., Path]) -> None:
    result = pipeline.run(write_yaml("p.yaml", PLAN))
    best = result.objectives[0].best("dg-2566-2570")  # type: ignore[arg-type]
    assert best is not None and best.target.item == "4"


def test_several_plans_share_one_load_of_the_frameworks(write_yaml: Callable[..., Path]) -> None:
    first, second = write_yaml("a.yaml", PLAN), write_yaml("b.yaml", PLAN.replace("id: p", "id: q"))
    results = pipeline.run_many([first, second])
    assert [r.plan.id for r in results] == ["p", "q"]
    assert results[0].frameworks[0] is results[1].frameworks[0]


def test_an_unknown_framework_is_an_input_error_at_its_line(write_yaml: Callable[..., Path]) -> None:
    path = write_yaml("p.yaml", PLAN.replace("dg-2566-2570]", "dg-9999]"))
    with pytest.raises(InputError) as error:
        pipeline.run(path)
    assert error.value.line == 5 and "unknown framework 'dg-9999'" in str(error.value)
