"""The bundled frameworks and plans: official strategy counts and titles, a source everywhere, all valid.

Titles are names copied from the published documents (see each file's header for the source); a change here
must come with a new source.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from align import bundled, validate
from align.loading.frameworks import load_frameworks
from align.loading.plans import load_plan
from align.model import Framework

from .conftest import REPO, CliResult

FRAMEWORKS = load_frameworks([bundled.frameworks_dir()])

OFFICIAL_TITLES = {
    "de-2561-2580": [
        "พัฒนาโครงสร้างพื้นฐานดิจิทัลประสิทธิภาพสูงให้ครอบคลุมทั่วประเทศ",
        "ขับเคลื่อนเศรษฐกิจด้วยเทคโนโลยีดิจิทัล",
        "สร้างสังคมคุณภาพที่ทั่วถึงเท่าเทียมด้วยเทคโนโลยีดิจิทัล",
        "ปรับเปลี่ยนภาครัฐสู่การเป็นรัฐบาลดิจิทัล",
        "พัฒนากำลังคนให้พร้อมเข้าสู่ยุคเศรษฐกิจและสังคมดิจิทัล",
        "สร้างความเชื่อมั่นในการใช้เทคโนโลยีดิจิทัล",
    ],
    "dg-2563-2565": [
        "ยกระดับคุณภาพการให้บริการแก่ประชาชนด้วยเทคโนโลยีดิจิทัล",
        "อำนวยความสะดวกภาคธุรกิจไทยด้วยเทคโนโลยีดิจิทัล",
        "ผลักดันให้เกิดธรรมาภิบาลข้อมูลภาครัฐในทุกกระบวนการทำงานของภาครัฐ",
        "พัฒนากลไกการมีส่วนร่วมของทุกภาคส่วนร่วมขับเคลื่อนรัฐบาลดิจิทัล",
    ],
    "dg-2566-2570": [
        "ยกระดับการเปลี่ยนผ่านดิจิทัลภาครัฐ เพื่อการบริหารงานที่ยืดหยุ่น คล่องตัว และขยายสู่หน่วยงานภาครัฐระดับท้องถิ่น",
        "พัฒนาบริการที่สะดวกและเข้าถึงง่าย",
        "สร้างมูลค่าเพิ่มและอำนวยความสะดวกแก่ภาคธุรกิจ",
        "ส่งเสริมการมีส่วนร่วมของประชาชน และเปิดเผยข้อมูลเปิดภาครัฐ",
    ],
}

# Royal Gazette vol. 140 special part 84 ง: measures (มาตรการ) per strategy.
DG_2566_MEASURES = {"1": 9, "2": 5, "3": 3, "4": 3}


@pytest.mark.parametrize("framework_id", sorted(OFFICIAL_TITLES))
def test_strategies_are_the_published_ones_in_official_order(framework_id: str) -> None:
    framework = FRAMEWORKS[framework_id]  # type: ignore[index]
    assert [s.id for s in framework.items] == [str(n) for n in range(1, len(OFFICIAL_TITLES[framework_id]) + 1)]
    assert [s.title for s in framework.items] == OFFICIAL_TITLES[framework_id]


def test_dg_2566_2570_has_its_20_measures_under_the_right_strategies() -> None:
    framework = FRAMEWORKS["dg-2566-2570"]  # type: ignore[index]
    assert {s.id: len(s.items) for s in framework.items} == DG_2566_MEASURES
    for strategy in framework.items:
        assert [m.id for m in strategy.items] == [f"{strategy.id}.{n}" for n in range(1, len(strategy.items) + 1)]


def test_periods_are_gregorian_years_of_each_edition() -> None:
    periods = {fw_id: fw.period for fw_id, fw in FRAMEWORKS.items()}
    # B.E. 2561-2580 is 2018-2037; NESDP 13 runs over fiscal years 2566-2570; the data strategy's "next three years"
    # from Aug 2568 touch 2025-2028 (data-2568.yaml says so in its header).
    assert periods == {"de-2561-2580": (2018, 2037), "dg-2563-2565": (2020, 2022), "dg-2566-2570": (2023, 2027),
                       "nesdp-13-m13": (2023, 2027), "cyber-2565-2570": (2022, 2027), "data-2568": (2025, 2028)}


@pytest.mark.parametrize("framework", FRAMEWORKS.values(), ids=lambda f: f.id)
def test_every_framework_names_its_source_and_every_strategy_an_english_title(framework: Framework) -> None:
    assert framework.sources and all(s.startswith("http") for s in framework.sources)
    assert all(item.title_en for item in framework.walk())


def test_every_bundled_objective_carries_its_source() -> None:
    for path in sorted(bundled.plans_dir().glob("*.yaml")):
        plan = load_plan(path)
        assert plan.source, path.name
        assert all(o.source for o in plan.objectives), path.name


def test_no_bundled_plan_declares_a_link_no_source_states() -> None:
    # No BMA source found states an alignment (sources.md §3e); a declared link would be invented.
    for path in sorted(bundled.plans_dir().glob("*.yaml")):
        assert not any(o.aligns_with for o in load_plan(path).objectives), path.name


def test_every_bundled_file_validates_without_problems() -> None:
    outcome = validate.validate([], [])
    assert outcome.problems == () and outcome.valid
    bundled_files = [*(REPO / "frameworks").glob("*.yaml"), *(REPO / "plan").glob("*.yaml")]
    assert len(outcome.files) == len(bundled_files) == 8  # 6 frameworks, 2 plans


NEW_FRAMEWORK_PLAN = """
plan:
  id: agency-plan
  title: แผนปฏิบัติการด้านดิจิทัลของหน่วยงาน พ.ศ. 2566 - 2570
  period: [2023, 2027]
  frameworks: [nesdp-13-m13, cyber-2565-2570, data-2568]
objectives:
  - id: "1"
    title: จัดทำบัญชีข้อมูลและกำหนดกรอบธรรมาภิบาลข้อมูลของหน่วยงาน
    aligns_with: [data-2568:2]
  - id: "2"
    title: จัดซ้อมรับมือเหตุการณ์ภัยคุกคามทางไซเบอร์ร่วมกับหน่วยงานโครงสร้างพื้นฐานสำคัญทางสารสนเทศ
    aligns_with: [cyber-2565-2570:2]
  - id: "3"
    title: อบรมข้าราชการให้มีทักษะดิจิทัลที่จำเป็นในการให้บริการภาครัฐดิจิทัล
    aligns_with: [nesdp-13-m13:4]
"""


def test_a_plan_can_be_checked_against_each_new_framework(run_cli: Callable[..., CliResult],
                                                          write_yaml: Callable[..., Path]) -> None:
    plan = write_yaml("plan.yaml", NEW_FRAMEWORK_PLAN)
    result = run_cli("check", str(plan), "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    document = json.loads(result.stdout)
    best = {o["id"]: [c["target"] for c in o["candidates"]
                      if c["declared"] and c["grade"] != "none" and "." not in c["target"]]
            for o in document["objectives"]}
    # Each objective's declared link is supported by its text (graded strong or weak), in every new framework.
    assert best == {"1": ["data-2568:2"], "2": ["cyber-2565-2570:2"], "3": ["nesdp-13-m13:4"]}
