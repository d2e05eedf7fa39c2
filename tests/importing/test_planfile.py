"""Plan -> YAML: what dump() writes loads back to an equal plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.importing import planfile
from align.loading.plans import load_plan
from align.model import FrameworkId, ItemRef, Objective, ObjectiveId, Plan

from ..conftest import REPO


def _reload(text: str, tmp_path: Path) -> Plan:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return load_plan(path)


@pytest.mark.parametrize("name", sorted(p.name for p in (REPO / "plan").glob("*.yaml")))
def test_bundled_plans_survive_a_round_trip(name: str, tmp_path: Path) -> None:
    plan = load_plan(REPO / "plan" / name)
    assert _reload(planfile.dump(plan), tmp_path) == plan


def test_awkward_values_survive_a_round_trip(tmp_path: Path) -> None:
    plan = Plan(
        id="2567",
        title="= แผนที่ขึ้นต้นด้วยเครื่องหมายเท่ากับ: และมี # กับ 'อัญประกาศ'",
        period=(2023, 2027),
        frameworks=(FrameworkId("dg-2566-2570"),),
        objectives=(
            Objective(ObjectiveId("1.10"), "yes", description="บรรทัดแรก\nบรรทัดที่สอง\n- ไม่ใช่รายการ"),
            Objective(ObjectiveId("007"), "null", source="~ ช่องว่างท้ายบรรทัด  \nต่อ",
                      aligns_with=(ItemRef.parse("dg-2566-2570:1.4"),)),
        ),
        owner="true",
    )
    text = planfile.dump(plan, "Imported from แผน.xlsx\nsecond line")
    assert text.startswith("# Imported from แผน.xlsx\n# second line\nplan:\n")
    assert "description: |-\n      บรรทัดแรก\n" in text
    assert "period: [2023, 2027]" in text
    assert _reload(text, tmp_path) == plan
