"""The planner's logic on the bundled national frameworks: a link follows the kind of digital work an objective names
and whom it serves, beside its topic words (docs/matching.md). The cases are the links planners disputed (issue 17)."""

from __future__ import annotations

import pytest

from align import bundled
from align.loading.frameworks import load_frameworks
from align.matching.features import Analyzer
from align.matching.glossary import load
from align.matching.index import Indexes
from align.matching.scorer import Matcher
from align.scores import ObjectiveScores

FRAMEWORKS = load_frameworks([bundled.frameworks_dir()])
MATCHER = Matcher(tuple(FRAMEWORKS[f] for f in ("de-2561-2580", "dg-2563-2565", "dg-2566-2570")),
                  Indexes(Analyzer(load())))
WEAK, STRONG = 0.20, 0.60


def scored(text: str) -> ObjectiveScores:
    return MATCHER.score_texts([text])[0]


def score(text: str, target: str) -> float:
    scores = scored(text)
    return dict(zip(map(str, scores.targets.refs), scores.scores, strict=True))[target]


def best(text: str, framework: str) -> str:
    scores = scored(text)
    return str(max((s for s in zip(scores.targets.refs, scores.scores, strict=True) if s[0].framework == framework),
                   key=lambda s: s[1])[0])


def reading(text: str) -> set[str]:
    return {code for code, _ in scored(text).reading}


def test_digital_skills_for_citizens_serve_society_not_the_civil_service_measure() -> None:
    text = "อบรมทักษะดิจิทัลให้ผู้สูงอายุและเกษตรกร"
    assert reading(text) == {"r:society", "b:citizens"}
    assert best(text, "de-2561-2580") == "de-2561-2580:3"  # an inclusive digital society
    assert score(text, "dg-2566-2570:1.8") < WEAK  # the skills of government staff


def test_digital_skills_for_civil_servants_serve_the_government_workforce() -> None:
    text = "อบรมข้าราชการให้มีทักษะดิจิทัล"
    assert reading(text) == {"r:workforce", "b:staff"}
    assert best(text, "dg-2566-2570") == "dg-2566-2570:1.8"
    assert best(text, "de-2561-2580") == "de-2561-2580:5"  # workforce for the digital economy and society


def test_a_citizen_e_service_is_digital_government_not_business_facilitation() -> None:
    text = "พัฒนาระบบ e-Service ให้ประชาชนยื่นคำขอใบอนุญาตออนไลน์"
    assert reading(text) == {"r:service", "b:citizens"}
    assert best(text, "dg-2563-2565") == "dg-2563-2565:1"  # services to citizens
    assert score(text, "dg-2563-2565:2") < STRONG  # services to business: a hint at most
    assert best(text, "de-2561-2580") == "de-2561-2580:4"  # digital government


def test_cctv_is_infrastructure_not_the_digital_economy() -> None:
    text = "ติดตั้งกล้อง CCTV เฝ้าระวังความปลอดภัยในชุมชน"
    assert "r:infrastructure" in reading(text)
    assert best(text, "de-2561-2580") == "de-2561-2580:1"
    assert score(text, "de-2561-2580:2") < WEAK


def test_free_wifi_for_remote_villages_also_serves_an_inclusive_society() -> None:
    text = "ติดตั้ง Free Wi-Fi ในหมู่บ้านห่างไกล"
    assert best(text, "de-2561-2580") == "de-2561-2580:1"
    assert score(text, "de-2561-2580:3") >= WEAK


def test_a_platform_for_traders_is_the_digital_economy() -> None:
    text = "พัฒนาแพลตฟอร์มตลาดออนไลน์ให้ผู้ค้ารายย่อยขายสินค้าชุมชน"
    assert "b:business" in reading(text)
    assert best(text, "de-2561-2580") == "de-2561-2580:2"


@pytest.mark.parametrize("text", ["พัฒนาบุคลากรด้านการกู้ภัยและการปฐมพยาบาล", "ขุดลอกคูคลองเพื่อป้องกันน้ำท่วม"])
def test_work_that_is_not_digital_reads_as_no_kind_of_digital_work(text: str) -> None:
    assert reading(text) == set()
    assert max(scored(text).scores) < WEAK
